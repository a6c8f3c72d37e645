"""Everything that imports ortools: variables, rules, objective, solve, diagnosis."""

from roster.model.builder import RosterModel as RosterModel
from roster.model.solve import solve as solve
