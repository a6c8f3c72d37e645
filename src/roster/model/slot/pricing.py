"""Pricing by the slot model: a person's cheapest roster under the master's prices, by CP-SAT.

The person-alone slot model (``SolveRequest.for_person``: every rule of that person,
no cover, no team rules) without FAIRNESS gives the person's own cost (PREFERENCES,
ACCRUAL, STABILITY). Pricing minimises::

    own_cost - worth(roster)       (roster.model.columns.PersonPrices)

where the worth sums the cover duals of the requirements the person is present for,
the team rows' worth per slot on duty and on site and per start and end of a shift,
the worth of taking banked time back, less the FAIRNESS prices of preference cost and
unpopular shifts; the prices are scaled to integers (CP-SAT's objective is integral).
The rounding is bounded: each of the at most ``len(terms)`` terms is off by at most
``0.5 / SCALE``, so the solver's bound less that slack is a valid bound on the exact
minimum. This pricer holds every rule of the person exactly (it is the slot model); the
pattern engine's dynamic programmes fall back on it, and are tested against it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from roster.domain import SolverSettings
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.columns import Column, PersonPrices, Priced
from roster.model.index import ModelIndex, shift_rows
from roster.model.slot.formulation import SlotModel
from roster.model.slot.rules import RULE_ADDERS
from roster.model.slot.rules.coverage import presence_by_minute
from roster.model.slot.rules.fairness import unpopular_count
from roster.model.slot.variables import LinearExpr

SCALE = 1000
"""Prices are multiplied by this and rounded for CP-SAT."""

PERSON_RULES = tuple(a for a in RULE_ADDERS if a.code != RuleCode.FAIRNESS)
"""A person's rules: everything but the team-wide FAIRNESS maximum (dropped: a relaxation)."""


class PersonPricer:
    """The person-alone model of one person, built once; each call sets a new objective."""

    def __init__(self, request: SolveRequest, full: ModelIndex, e: int) -> None:
        emp = full.employees[e]
        self.e = e
        self.g = full.slot
        self.model = SlotModel(request.for_person(emp.id), rules=PERSON_RULES)
        m = self.model
        parts: dict[str, list[LinearExpr]] = {}
        for term in m.terms:
            if term.weight:
                parts.setdefault(term.rule, []).append(term.weight * term.expr)
        self.by_rule: dict[str, LinearExpr] = {r: cp_model.LinearExpr.sum(x) for r, x in parts.items()}
        self.own: LinearExpr = cp_model.LinearExpr.sum(list(self.by_rule.values()))
        self.fair = emp.pattern == "self"
        self.pref: LinearExpr = m.preference_cost[0] if self.fair else 0
        self.unpop: LinearExpr = unpopular_count(m, 0) if self.fair else 0
        presence = presence_by_minute(m)
        self.slots: dict[int, LinearExpr] = {t: sum(x for _, x in here) for t, here in presence.items()}
        """Roster minute of a slot -> 1 when on duty in it (a night window and the next date's
        window can both hold a minute; ONE_SHIFT keeps the person in at most one of them)."""
        site: dict[int, list[LinearExpr]] = {}
        for (_, d), sv in sorted(m.shifts.items()):
            for i, on in enumerate(sv.on):
                site.setdefault(full.abs_minute(d, sv.window.minute(i, self.g)), []).append(on)
        self.site: dict[int, LinearExpr] = {t: cp_model.LinearExpr.sum(x) for t, x in site.items()}
        self.present: dict[int, LinearExpr] = {}
        for r, req in enumerate(full.cover):
            if req.skill is not None and req.skill not in emp.skills:
                continue
            here = self.slots.get(full.abs_minute(req.day, req.minute))
            if here is not None:
                self.present[r] = here
        # SHIFT_COVER lines: the type worked that date (a fixed shift counts when its times are the type's)
        svc = full.scenario.service
        base = len(full.cover)
        for x, line in enumerate(shift_rows(full)):
            if line.skill is not None and line.skill not in emp.skills:
                continue
            d = full.days.index(line.date)
            kind = svc.shift_type(line.shift_type)
            w = full.windows.get((e, d))
            if w is None:
                continue
            if w.fixed is not None:
                if (w.fixed.start, w.fixed.end) == (kind.start, kind.end):
                    self.present[base + x] = 1
                continue
            shift = m.shifts.get((0, d))
            if shift is not None and kind.id in shift.typed:
                self.present[base + x] = shift.typed[kind.id]
        self.takes: cp_model.IntVar | None = None
        target = full.targets[e]
        if 0 in m.net and emp.pattern == "self" and not emp.relief and target.usable_balance > 0:
            rounding = full.scenario.service.takeback_rounding
            self.takes = m.model.new_bool_var("takes_back")
            m.model.add(m.net[0] < -rounding).only_enforce_if(self.takes)
            m.model.add(m.net[0] >= -rounding).only_enforce_if(~self.takes)

    def _bounds(self, day: int, side: str) -> list[tuple[int, cp_model.IntVar]]:
        """(minute of day, literal) of each start (or end) boundary of the person's shift that date."""
        sv = self.model.shifts.get((0, day))
        if sv is None:
            return []
        lits = sv.start if side == "start" else sv.end
        return [(sv.window.minute(i, self.g), v) for i, v in lits.items()]

    def price(self, settings: SolverSettings, prices: PersonPrices, budget: float) -> Priced:
        """Minimise own cost less the roster's worth at ``prices``, within ``budget`` deterministic
        seconds."""
        m = self.model
        terms: list[tuple[int, LinearExpr]] = []
        for r, x in sorted(self.present.items()):
            terms.append((round(SCALE * float(prices.cover[r])), x))
        for worth, where in ((prices.present, self.slots), (prices.onsite, self.site)):
            if worth is None:
                continue
            for t, x in sorted(where.items()):
                terms.append((round(SCALE * float(worth[t // self.g])), x))
        for side, table in (("end", prices.ends), ("start", prices.starts)):
            for day, rows in sorted(table.items()):
                for minute, lit in self._bounds(day, side):
                    terms.append((round(SCALE * _worth(rows, minute, side)), lit))
        if self.takes is not None and prices.takes:
            terms.append((round(SCALE * prices.takes), self.takes))
        terms = [(c, x) for c, x in terms if c]
        on_pref, on_unpop = prices.fairness if self.fair else (0.0, 0.0)
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
        costs = tuple(sorted((rule, int(solver.value(x))) for rule, x in self.by_rule.items()))
        pref = int(solver.value(self.pref))
        unpop = int(solver.value(self.unpop))
        takes = self.takes is not None and bool(solver.value(self.takes))
        column = Column(self.e, m.extract_roster(solver), cost, cover, pref, unpop, takes, costs)
        exact = cost - sum(float(prices.cover[r]) * v for r, v in cover.items())
        exact -= self._team_worth(solver, prices)
        exact += on_pref * pref + on_unpop * unpop
        return Priced(column, exact, min(bound, exact), solver.deterministic_time, status == cp_model.OPTIMAL)

    def _team_worth(self, solver: cp_model.CpSolver, prices: PersonPrices) -> float:
        total = 0.0
        for worth, where in ((prices.present, self.slots), (prices.onsite, self.site)):
            if worth is not None:
                total += sum(float(worth[t // self.g]) * solver.value(x) for t, x in where.items())
        for side, table in (("end", prices.ends), ("start", prices.starts)):
            for day, rows in table.items():
                for minute, lit in self._bounds(day, side):
                    if solver.value(lit):
                        total += _worth(rows, minute, side)
        if self.takes is not None and solver.value(self.takes):
            total += prices.takes
        return total


def _worth(rows: list[tuple[int, float]], minute: int, side: str) -> float:
    """A shift ending (``side`` "end") at ``minute``: worth of the rows ``(tau, w)`` with
    ``minute <= tau``; starting there: of those with ``minute >= tau``."""
    if side == "end":
        return sum(w for tau, w in rows if minute <= tau)
    return sum(w for tau, w in rows if minute >= tau)
