"""roster: a self-rostering constraint solver for UK public-sector services.

The public API, used by the command line, the benchmarks, the tests and notebooks::

    from roster import SolveRequest, SolverSettings, load_scenario, solve, validate

    scenario = load_scenario("scenarios/tiny")
    result = solve(SolveRequest(scenario=scenario), SolverSettings(time_limit=30))
    report = validate(scenario, result.roster)

``solve`` (OR-Tools) and ``load_scenario`` (pandas, openpyxl) are imported on
first use, so that ``import roster.validation`` stays free of the solver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roster.domain import Roster as Roster
from roster.domain import Scenario as Scenario
from roster.domain import Shift as Shift
from roster.domain import SolveResult as SolveResult
from roster.domain import SolverSettings as SolverSettings
from roster.domain import Weights as Weights
from roster.domain.request import Pin as Pin
from roster.domain.request import SolveRequest as SolveRequest
from roster.domain.rules import RULES as RULES
from roster.domain.rules import RuleCode as RuleCode

if TYPE_CHECKING:
    from roster.io import InputError as InputError
    from roster.io import load_scenario as load_scenario
    from roster.model import solve as solve
    from roster.validation import ValidationReport as ValidationReport
    from roster.validation import validate as validate

__version__ = "0.1.0"

_LAZY = {
    "InputError": "roster.io",
    "load_scenario": "roster.io",
    "solve": "roster.model",
    "ValidationReport": "roster.validation",
    "validate": "roster.validation",
}

__all__ = [
    "RULES",
    "InputError",
    "Pin",
    "Roster",
    "RuleCode",
    "Scenario",
    "Shift",
    "SolveRequest",
    "SolveResult",
    "SolverSettings",
    "ValidationReport",
    "Weights",
    "load_scenario",
    "solve",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'roster' has no attribute {name!r}")
