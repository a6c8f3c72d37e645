"""Pricing: a person's cheapest roster under the master's duals, by a person-alone CP-SAT solve.

The person-alone slot model (``SolveRequest.for_person``: every rule of that person,
no cover, no team rules) without FAIRNESS gives the person's own cost (PREFERENCES,
ACCRUAL, STABILITY). Pricing minimises::

    own_cost - Σ_r d_r x present_r + σ_e k_e x preference_cost + τ_e x unpopular

where ``d_r`` are the cover duals of requirement r and ``σ_e``, ``τ_e`` the duals
of the person's FAIRNESS rows in the master (``k_e = fairness_base + gave_way``),

with the duals scaled to integers (CP-SAT's objective is integral). The rounding is
bounded: each of the at most ``len(terms)`` presence terms is off by at most
``0.5 / SCALE``, so the solver's bound less that slack is a valid bound on the exact
minimum. This pricer is exact for every person rule (it is the slot model); the
dynamic-programming pricer of issue 10 will be checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.domain import Roster, SolverSettings
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.pattern.days import shift_rows
from roster.model.slot.formulation import SlotModel
from roster.model.slot.index import ModelIndex
from roster.model.slot.rules import RULE_ADDERS
from roster.model.slot.rules.coverage import presence_by_minute
from roster.model.slot.rules.fairness import unpopular_count
from roster.model.slot.variables import LinearExpr

SCALE = 1000
"""Dual values are multiplied by this and rounded for CP-SAT."""

PERSON_RULES = tuple(a for a in RULE_ADDERS if a.code != RuleCode.FAIRNESS)
"""A person's rules: everything but the team-wide FAIRNESS maximum (dropped: a relaxation)."""


@dataclass(frozen=True)
class Column:
    """One person's roster: its own cost and the requirements it is present for (r -> slots)."""

    employee: int
    roster: Roster
    cost: int
    cover: dict[int, int]
    preference_cost: int = 0
    """FAIRNESS: the person's preference cost (weighted by fairness_base + gave_way in the master)."""
    unpopular: int = 0
    """FAIRNESS: the person's unpopular shifts."""


@dataclass(frozen=True)
class Priced:
    column: Column | None
    reduced_cost: float
    """Of ``column`` exactly (duals in floats)."""
    bound: float
    """A lower bound on the person's most negative reduced cost."""
    deterministic_time: float
    optimal: bool = False
    """The pricing solve proved its minimum (up to the rounding of the duals)."""


class PersonPricer:
    """The person-alone model of one person, built once; each call sets a new objective."""

    def __init__(self, request: SolveRequest, full: ModelIndex, e: int) -> None:
        emp = full.employees[e]
        self.e = e
        self.model = SlotModel(request.for_person(emp.id), rules=PERSON_RULES)
        self.own: LinearExpr = sum(t.weight * t.expr for t in self.model.terms if t.weight)
        self.fair = emp.pattern == "self"
        self.pref: LinearExpr = self.model.preference_cost[0] if self.fair else 0
        self.unpop: LinearExpr = unpopular_count(self.model, 0) if self.fair else 0
        presence = presence_by_minute(self.model)
        self.present: dict[int, LinearExpr] = {}
        for r, req in enumerate(full.cover):
            if req.skill is not None and req.skill not in emp.skills:
                continue
            here = presence.get(full.abs_minute(req.day, req.minute))
            if here:
                # a night window and the next date's window can both hold this minute;
                # ONE_SHIFT keeps the person present in at most one of them
                self.present[r] = sum(x for _, x in here)
        # SHIFT_COVER lines: the type worked that date (a fixed shift counts when its times are the type's)
        svc = full.scenario.service
        base = len(full.cover)
        for x, line in enumerate(shift_rows(full)):
            if line.skill is not None and line.skill not in emp.skills:
                continue
            d = full.days.index(line.date)
            t = svc.shift_type(line.shift_type)
            w = full.windows.get((e, d))
            if w is None:
                continue
            if w.fixed is not None:
                if (w.fixed.start, w.fixed.end) == (t.start, t.end):
                    self.present[base + x] = 1
                continue
            sv = self.model.shifts.get((0, d))
            if sv is not None and t.id in sv.typed:
                self.present[base + x] = sv.typed[t.id]

    def price(
        self,
        settings: SolverSettings,
        duals: dict[int, float],
        budget: float,
        fairness: tuple[float, float] = (0.0, 0.0),
    ) -> Priced:
        """Minimise own cost less the duals' worth of presence, plus the fairness rows' prices
        (``fairness``: the dual of the person's preference-cost row times its weight, and of
        their unpopular-shift row), within ``budget`` deterministic seconds."""
        m = self.model
        coef = {r: round(SCALE * duals.get(r, 0.0)) for r in self.present}
        terms = [(c, self.present[r]) for r, c in sorted(coef.items()) if c]
        on_pref, on_unpop = (fairness if self.fair else (0.0, 0.0))
        extra = [(round(SCALE * on_pref), self.pref), (round(SCALE * on_unpop), self.unpop)]
        parts: list[LinearExpr] = [SCALE * self.own]
        parts += [-c * x for c, x in terms]
        parts += [c * x for c, x in extra if c]
        m.model.minimize(cp_model.LinearExpr.sum(parts))
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = settings.workers
        p.random_seed = settings.seed
        p.max_deterministic_time = budget
        p.max_time_in_seconds = max(1.0, settings.time_limit)
        p.catch_sigint_signal = False
        status = solver.solve(m.model)
        slack = 0.5 * (len(terms) + 2) / SCALE
        bound = solver.best_objective_bound / SCALE - slack
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Priced(None, 0.0, bound, solver.deterministic_time)
        cover = {r: x if isinstance(x, int) else int(solver.value(x)) for r, x in self.present.items()}
        cover = {r: v for r, v in cover.items() if v}
        cost = int(solver.value(self.own))
        pref = int(solver.value(self.pref))
        unpop = int(solver.value(self.unpop))
        column = Column(self.e, m.extract_roster(solver), cost, cover, pref, unpop)
        exact = (
            cost - sum(duals.get(r, 0.0) * v for r, v in cover.items()) + on_pref * pref + on_unpop * unpop
        )
        return Priced(column, exact, min(bound, exact), solver.deterministic_time, status == cp_model.OPTIMAL)
