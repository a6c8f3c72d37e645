"""The outcome of a solve, as a plain value (no solver objects inside)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from roster.domain.base import Frozen
from roster.domain.params import SolverSettings, Weights
from roster.domain.request import RosterChanges
from roster.domain.roster import Roster


class Engine(StrEnum):
    """Which engine solves (``roster solve --engine``; docs/architecture.md)."""

    AUTO = "auto"
    """The pattern engine first; the slot model's search polishes (or repairs) its roster where
    that can help within the budget."""
    PATTERN = "pattern"
    """The pattern engine (column generation over whole person rosters); the slot model only
    repairs a roster that breaks a team rule."""
    SLOT = "slot"
    """The slot model's search alone, from its hand-built roster."""


class RosterSource(StrEnum):
    """Which engine made the returned roster (``SolveResult.engine``)."""

    PATTERN = "pattern"
    """The pattern engine's roster, as its dive (or its restricted-master search) left it."""
    PATTERN_SLOT = "pattern+slot"
    """The slot model's search, started from the pattern engine's roster."""
    SLOT = "slot"
    """The slot model's search from its own hand-built roster."""


class BoundSource(StrEnum):
    """Where ``SolveResult.best_bound`` was proved."""

    PATTERN_LP = "pattern LP"
    CP_SAT = "CP-SAT"


class Status(StrEnum):
    """A solve's outcome (CP-SAT's names, and the pipeline's own MODEL_TOO_LARGE)."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"
    MODEL_TOO_LARGE = "MODEL_TOO_LARGE"


class Penalty(Frozen):
    """One term of the objective: ``cost = weight * measure``.

    ``rule`` is the rule code (COVERAGE, PREFERENCES, FAIRNESS, ACCRUAL), and
    ``measure`` is in the rule's own unit (person-minutes, minutes, days, shifts).
    """

    rule: str
    employee_id: str | None = None
    date: dt.date | None = None
    detail: str = ""
    measure: int
    weight: int

    @property
    def cost(self) -> int:
        return self.measure * self.weight


class ProgressPoint(Frozen):
    """A new best roster found during the search (``bound`` unknown while searching over people)."""

    seconds: float
    objective: float
    bound: float | None = None


class SolveResult(Frozen):
    """Status, figures and the roster. ``roster`` is empty, never ``None``."""

    status: Status
    """OPTIMAL, FEASIBLE, INFEASIBLE, MODEL_INVALID or UNKNOWN (CP-SAT's own names), or
    MODEL_TOO_LARGE (refused before it was built)."""
    raw_status: int
    objective: int | None
    best_bound: float | None
    wall_time: float
    settings: SolverSettings
    weights: Weights
    scenario_hash: str
    roster: Roster = Roster()
    penalties: tuple[Penalty, ...] = ()
    diagnosis: tuple[str, ...] = ()
    """When no roster exists: which hard rule, person and days are in conflict."""
    progress: tuple[ProgressPoint, ...] = ()
    notes: tuple[str, ...] = ()
    """How the search went: phases, steps, and whether a wall-clock guard stopped it."""
    formulation: str = "slot"
    """Which formulation of the model produced the roster (``roster.model.FORMULATIONS``)."""
    preset: str = "default"
    """The name of the search preset (``roster.model.params.SearchPreset``)."""
    interrupted: bool = False
    """The search was stopped from outside (Ctrl-C, SIGTERM, a stop hook): the best roster so far."""
    changes: RosterChanges | None = None
    """Against the request's base roster, when it had one: shifts added, removed and moved."""
    engine: RosterSource = RosterSource.SLOT
    """Which engine made the roster (:class:`RosterSource`)."""
    bound_source: BoundSource | None = None
    """Where ``best_bound`` comes from: ``pattern LP`` (column generation) or ``CP-SAT``."""
    checked_objective: int | None = None
    """The independent validator's objective of ``roster`` (``objective`` is the engine's own
    figure, from its own model; the two must agree, and a difference is a bug the notes name)."""

    @property
    def reproducible(self) -> bool:
        """Whether the same inputs, seed and workers give this roster again: no wall-clock guard
        (a machine's speed) stopped a stage of the search; the notes say which one did."""
        return not any("wall-clock guard" in n for n in self.notes)

    @property
    def has_roster(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def gap(self) -> float | None:
        """Relative gap ``|objective - bound| / max(1, |objective|)``."""
        if self.objective is None or self.best_bound is None:
            return None
        return abs(self.objective - self.best_bound) / max(1.0, abs(self.objective))

    def cost_by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.penalties:
            out[p.rule] = out.get(p.rule, 0) + p.cost
        return out

    def cost_by_employee(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for p in self.penalties:
            if p.employee_id is None:
                continue
            rules = out.setdefault(p.employee_id, {})
            rules[p.rule] = rules.get(p.rule, 0) + p.cost
        return out

    def summary(self) -> str:
        lines = [f"status      {self.status}"]
        if self.objective is not None:
            gap = self.gap
            lines += [
                f"objective   {self.objective}",
                f"best bound  {self.best_bound:.0f}" if self.best_bound is not None else "",
                f"gap         {gap:.2%}" if gap is not None else "",
            ]
        lines.append(f"wall time   {self.wall_time:.1f} s")
        if self.interrupted:
            lines.append("interrupted: the best roster found so far")
        if self.changes is not None:
            c = self.changes
            lines.append(f"changes     {c.total} ({c.added} added, {c.removed} removed, {c.moved} moved)")
        for rule, cost in sorted(self.cost_by_rule().items()):
            lines.append(f"  {rule:<12} {cost}")
        lines += [f"  - {n}" for n in self.notes]
        lines += [f"  ! {d}" for d in self.diagnosis]
        return "\n".join(line for line in lines if line)
