"""The protocol every formulation of the model implements, and the values they share.

A formulation turns a :class:`~roster.domain.request.SolveRequest` into a
CP-SAT model whose solutions are rosters. The pipeline
(:mod:`roster.model.pipeline`) and the diagnosis (:mod:`roster.model.explain`)
only use what is declared here, so a second formulation (whole personal
rosters priced by dynamic programming) slots in beside the slot model
(:mod:`roster.model.slot`) without touching them. docs/architecture.md says
how to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ortools.sat.python import cp_model

from roster.domain import Penalty, Roster, Scenario
from roster.domain.request import SolveRequest

TEAM = "the team"
"""Who a team-wide hard rule belongs to in a diagnosis."""

LinearExpr = cp_model.LinearExprT


@dataclass(frozen=True)
class Term:
    """One objective term, ``weight * expr``, kept with its rule and person."""

    rule: str
    expr: LinearExpr
    weight: int
    employee_id: str | None = None
    date: date | None = None
    detail: str = ""


@dataclass(frozen=True)
class PersonFacts:
    """What a diagnosis tells a coordinator about one person's room to be rostered."""

    dates: tuple[date, ...]
    """The dates the person could work (a window exists)."""
    shift_types: tuple[str, ...]
    """Shift types offered to the person (empty: free times)."""
    min_shift: int
    max_shift: int
    """Shift bounds in minutes, break included."""


StageHook = Callable[[str], None]
"""Told what the solve is doing before it has a roster (``building the model: BREAKS (5/22)``)."""


@dataclass(frozen=True)
class SizeEstimate:
    """A formulation's size, estimated from the request before anything is built."""

    people: int
    variables: int
    memory_mb: int
    """Peak resident memory of the build and search, from measured runs."""
    build_seconds: float = 0.0
    """Time to build the model on the 2-core machine, from measured runs (a guide, not a promise)."""

    def __str__(self) -> str:
        return f"~{self.variables:,} variables, ~{self.memory_mb:,} MB"


class Formulation(Protocol):
    """A CP-SAT model of one request, with the means to read rosters in and out of it.

    ``assumptions`` maps each assumption literal of a diagnostic build to its
    (rule code, person id or :data:`TEAM`); ``assumption_days`` to its date,
    where the rule names one.
    """

    name: str
    request: SolveRequest
    scenario: Scenario
    model: cp_model.CpModel
    assumptions: dict[cp_model.IntVar, tuple[str, str]]
    assumption_days: dict[cp_model.IntVar, date]

    def first_roster(self) -> Roster:
        """A quick roster built without search, meant to meet each person's own hard rules."""
        ...

    def hint(self, roster: Roster) -> int:
        """Replace the model's hint by ``roster``'s shifts; the number of shifts hinted."""
        ...

    def decision_indices(self, employee_id: str) -> list[int]:
        """Proto indices of the person's decision variables (the person sweep fixes the others')."""
        ...

    def hint_solution(self, solver: cp_model.CpSolver) -> None:
        """Replace the model's hint by every variable's value in ``solver`` (a complete hint)."""
        ...

    def extract_roster(self, solver: cp_model.CpSolver) -> Roster:
        """The roster of ``solver``'s current solution."""
        ...

    def extract_penalties(self, solver: cp_model.CpSolver) -> tuple[Penalty, ...]:
        """The objective's terms in ``solver``'s solution, per rule, person and date."""
        ...

    def person_facts(self, employee_id: str) -> PersonFacts:
        """The dates, shift types and shift bounds open to one person."""
        ...

    def size(self) -> str:
        """Variables and constraints, for the log."""
        ...


class FormulationFactory(Protocol):
    """How the pipeline builds a formulation (a class such as ``SlotModel``)."""

    def __call__(
        self,
        request: SolveRequest | Scenario,
        *,
        diagnose: bool = False,
        by_day: bool = False,
        stage: StageHook | None = None,
    ) -> Formulation: ...

    def estimate(self, request: SolveRequest) -> SizeEstimate:
        """The size of the model of ``request``, without building it (cheap)."""
        ...
