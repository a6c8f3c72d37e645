"""The slot formulation: one shift per person and date, on-duty booleans per slot.

Built from a :class:`~roster.domain.request.SolveRequest` in three steps that
cannot interfere:

1. **Variables** (:meth:`SlotModel._create_variables`, the one place decision
   variables are made): per person and date the shift's start, end, on-duty
   chain, break and shift-type booleans (:mod:`roster.model.slot.variables`),
   then the quantities several rules share, each one variable: a person's net
   minutes against contract (CONTRACT_HOURS, ACCRUAL) and preference cost
   (PREFERENCES, FAIRNESS).
2. **Rules** (:data:`roster.model.slot.rules.RULE_ADDERS`): each adds
   constraints and objective terms over those variables (and auxiliaries of
   its own), under its :class:`~roster.domain.rules.RuleCode`. No rule reads
   what another rule made, so their order cannot change the model's
   solutions (``tests/model/test_rule_order.py`` shuffles them).
3. **Objective**: the sum of the terms, ``Σ weight x expr``.

It implements :class:`roster.model.formulation.Formulation`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from ortools.sat.python import cp_model

from roster.domain import Penalty, Roster, Scenario, Shift
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.formulation import TEAM, PersonFacts, SizeEstimate, StageHook, Term
from roster.model.index import BreakLimits, ModelIndex
from roster.model.slot.hand_plan import add_hints, planned_roster, roster_plan
from roster.model.slot.rules import RULE_ADDERS, RuleAdder
from roster.model.slot.variables import LinearExpr, ShiftVars, add_break_vars, create_shift_vars
from roster.timegrid import real_boundaries, to_datetime

STAGE_EVERY = 2.0
"""Seconds between progress lines while a model is built."""
VARIABLES_PER_SLOT = 3.33
KB_PER_SLOT = 7.7
BASE_MB = 350
"""Size estimate (see :meth:`SlotModel.estimate`)."""
BUILD_SECONDS_PER_VARIABLE = 25e-6
"""Build time per estimated variable on the 2-core machine: 15-22 us measured on the contact
centre (35 people) and Curtois Instances 5-19, 67 us on Instance 21 (the largest, 645,098
variables); a round figure above the common case, used only to decide whether polishing fits."""


class SlotModel:
    """The CP-SAT model of one solve request, slot by slot.

    ``diagnose`` guards each person's hard rules with an assumption literal
    per (rule, person), or per (rule, person, date) with ``by_day``, so an
    infeasible model can name what conflicts. ``rules`` are the rule adders
    (all of them, in registry order, by default).
    """

    name = "slot"

    def __init__(
        self,
        request: SolveRequest | Scenario,
        *,
        diagnose: bool = False,
        by_day: bool = False,
        rules: Sequence[RuleAdder] = RULE_ADDERS,
        stage: StageHook | None = None,
    ) -> None:
        self.request = SolveRequest.of(request)
        self.scenario = self.request.scenario
        self.diagnose = diagnose
        self.by_day = by_day
        self.model = cp_model.CpModel()
        self.terms: list[Term] = []
        self.shifts: dict[tuple[int, int], ShiftVars] = {}
        self.assumptions: dict[cp_model.IntVar, tuple[str, str]] = {}
        self.assumption_days: dict[cp_model.IntVar, date] = {}
        self.net: dict[int, cp_model.IntVar] = {}
        self.preference_cost: dict[int, LinearExpr] = {}
        self.cover_counts: dict[int, tuple[cp_model.IntVar, int]] = {}
        """Requirement index -> (people present, most who could be): see ``rules.coverage``."""
        self.presence: dict[int, list[tuple[int, LinearExpr]]] | None = None
        self.cover_unders: dict[int, cp_model.IntVar] = {}
        self._guards: dict[tuple[str, int, date | None], cp_model.IntVar] = {}
        self.index = ModelIndex.build(self.scenario)
        self.weights = self.scenario.weights
        told = time.perf_counter()

        def tell(step: str, k: int) -> None:
            # a line every few seconds while a large model is built; nothing for small ones
            nonlocal told
            if stage is not None and time.perf_counter() - told >= STAGE_EVERY:
                told = time.perf_counter()
                stage(f"building the model: {step} ({k}/{len(rules) + 1} steps)" if k else step)

        self._create_variables(tell)
        for k, adder in enumerate(rules, start=1):
            tell(f"{adder.code} next", k)
            adder.add(self)
        self.model.minimize(sum(t.weight * t.expr for t in self.terms if t.weight))

    # -- variables: the one place they are made ---------------------------------
    def _create_variables(self, tell: Callable[[str, int], None] | None = None) -> None:
        from roster.model.slot.rules.breaks import break_shape
        from roster.model.slot.rules.preferences import preference_terms

        idx = self.index
        first = idx.days[0]
        for (e, d), w in sorted(idx.windows.items()):
            lo, _ = idx.shift_bounds(e)
            min_slots = -(-lo // idx.slot)
            real = real_boundaries(first, w.date, w.start, w.n_slots, idx.slot)
            if w.fixed is not None or real[-1] - real[0] != w.n_slots * idx.slot:
                # the fixed shift decides, or a clock change makes slots longer or shorter:
                # SHIFT_LENGTH still checks the real length
                min_slots = 1
            name = f"{idx.employees[e].id},{w.date.isoformat()}"
            self.shifts[(e, d)] = create_shift_vars(self.model, w, idx.slot, min_slots, name, real)
            if tell is not None:
                tell(f"building the model: shift variables ({e + 1}/{len(idx.employees)} people)", 0)
        limits = BreakLimits.of(self.scenario)
        for (e, d), sv in sorted(self.shifts.items()):
            add_break_vars(self.model, sv, break_shape(self, e, sv.window.date), f"{e},{d}", limits)
            if tell is not None:
                tell(f"building the model: break variables ({e + 1}/{len(idx.employees)} people)", 0)
        for e, emp in enumerate(idx.employees):
            target = idx.targets[e].target_minutes
            shifts = self.shifts_of(e)
            most = sum(sv.longest() for sv in shifts)
            net = self.model.new_int_var(-target, most, f"net[{emp.id}]")
            self.model.add(net == sum(sv.paid_minutes() for sv in shifts) - target)
            self.net[e] = net
        for e, emp in enumerate(idx.employees):
            # Sums are built from lists, never with ``+=``: OR-Tools may grow a linear
            # expression in place, which would change terms already stored.
            parts = [weight * expr for expr, weight, _, _ in preference_terms(self, e)]
            if not parts:
                self.preference_cost[e] = 0
                continue
            cost = self.model.new_int_var(0, 10**9, f"preference_cost[{emp.id}]")
            self.model.add(cost == sum(parts))
            self.preference_cost[e] = cost

    # -- helpers used by the rule modules ---------------------------------------
    def guard(self, rule: str, e: int, day: date | None = None) -> list[cp_model.IntVar]:
        """Enforcement literals for person ``e``'s constraints of ``rule`` (on ``day``).

        Empty in a normal solve; in a diagnostic solve one assumption literal
        per (rule, person), or per (rule, person, date) with ``by_day``, so the
        infeasible core names them.
        """
        if not self.diagnose:
            return []
        on = day if self.by_day else None
        key = (str(rule), e, on)
        if key not in self._guards:
            who = self.index.employees[e].id
            lit = self.model.new_bool_var(f"assume[{rule},{who},{on or ''}]")
            self._guards[key] = lit
            self.assumptions[lit] = (str(rule), who)
            if on is not None:
                self.assumption_days[lit] = on
        return [self._guards[key]]

    def add_hard(self, rule: str, e: int, constraint: cp_model.Constraint, day: date | None = None) -> None:
        """A hard constraint of ``rule`` for person ``e``; ``day`` the date it concerns, if one."""
        constraint.only_enforce_if(self.guard(rule, e, day))

    def add_team_hard(self, rule: str, constraint: cp_model.Constraint) -> None:
        """A hard rule of the whole team (no one person): its diagnosis names ``TEAM``."""
        if self.diagnose:
            key = (str(rule), -1, None)
            if key not in self._guards:
                lit = self.model.new_bool_var(f"assume[{rule},team]")
                self._guards[key] = lit
                self.assumptions[lit] = (str(rule), TEAM)
            constraint.only_enforce_if(self._guards[key])

    def add_term(
        self,
        rule: str,
        expr: LinearExpr,
        weight: int,
        employee_id: str | None = None,
        day: date | None = None,
        detail: str = "",
    ) -> None:
        self.terms.append(Term(str(rule), expr, weight, employee_id, day, detail))

    def shifts_of(self, e: int) -> list[ShiftVars]:
        return [sv for (ee, _), sv in sorted(self.shifts.items()) if ee == e]

    def max_of(self, name: str, exprs: Sequence[LinearExpr], lb: int = 0, ub: int = 10**9) -> cp_model.IntVar:
        """A variable equal to ``max(exprs)`` in every solution (not just at the optimum)."""
        var = self.model.new_int_var(lb, ub, name)
        self.model.add_max_equality(var, list(exprs))
        return var

    def employee_index(self, employee_id: str) -> int:
        return next(e for e, emp in enumerate(self.index.employees) if emp.id == employee_id)

    # -- the Formulation protocol ------------------------------------------------
    def first_roster(self) -> Roster:
        """The hand-built roster (:mod:`roster.model.slot.hand_plan`): each person on their own."""
        return planned_roster(self.index)

    def hint(self, roster: Roster) -> int:
        """Hint every shift variable from ``roster``; returns the number of shifts hinted."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        return add_hints(self, roster_plan(self.index, roster))

    def decision_indices(self, employee_id: str) -> list[int]:
        """Proto indices of person ``employee_id``'s decision variables (shifts, breaks, types)."""
        e = self.employee_index(employee_id)
        out: list[int] = []
        for sv in self.shifts_of(e):
            out += [sv.works.index, sv.length.index]
            out += [v.index for v in (*sv.start.values(), *sv.end.values(), *sv.on, *sv.brk.values())]
            out += [v.index for v in sv.typed.values()]
            if sv.long is not None:
                out.append(sv.long.index)
        return out

    def hint_solution(self, solver: cp_model.CpSolver) -> None:
        """Hint every variable with its value in ``solver``'s solution (a complete hint)."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for i in range(len(self.model.proto.variables)):
            var = self.model.get_int_var_from_proto_index(i)
            self.model.add_hint(var, solver.value(var))

    def extract_roster(self, solver: cp_model.CpSolver) -> Roster:
        idx = self.index
        g = idx.slot
        shifts: list[Shift] = []
        for (e, _), sv in sorted(self.shifts.items(), key=lambda kv: (idx.employees[kv[0][0]].id, kv[0][1])):
            if not solver.boolean_value(sv.works):
                continue
            w = sv.window
            start = next(w.minute(i, g) for i, v in sv.start.items() if solver.boolean_value(v))
            end = next(w.minute(j, g) for j, v in sv.end.items() if solver.boolean_value(v))
            brk = [w.minute(i, g) for i, v in sv.brk.items() if solver.boolean_value(v)]
            bs = to_datetime(w.date, brk[0]) if brk else None
            be = bs + timedelta(minutes=sv.break_slots * g) if bs is not None else None
            shifts.append(
                Shift(
                    employee_id=idx.employees[e].id,
                    date=w.date,
                    start=to_datetime(w.date, start),
                    end=to_datetime(w.date, end),
                    break_start=bs,
                    break_end=be,
                )
            )
        return Roster(shifts=tuple(shifts))

    def extract_penalties(self, solver: cp_model.CpSolver) -> tuple[Penalty, ...]:
        out: list[Penalty] = []
        for t in self.terms:
            measure = int(solver.value(t.expr))
            if measure and t.weight:
                out.append(
                    Penalty(
                        rule=t.rule,
                        employee_id=t.employee_id,
                        date=t.date,
                        detail=t.detail,
                        measure=measure,
                        weight=t.weight,
                    )
                )
        return tuple(out)

    def person_facts(self, employee_id: str) -> PersonFacts:
        e = self.employee_index(employee_id)
        shifts = self.shifts_of(e)
        lo, hi = self.index.shift_bounds(e)
        types = sorted({t.label for sv in shifts for t in sv.window.types or ()})
        return PersonFacts(
            dates=tuple(sv.window.date for sv in shifts),
            shift_types=tuple(types),
            min_shift=lo,
            max_shift=hi,
        )

    @staticmethod
    def estimate(request: SolveRequest) -> SizeEstimate:
        """From the number of slots people could work (the model's size grows with it).

        Calibrated on the contact centre at 150 and 300 people (docs/architecture.md):
        about 3.3 variables and 7.7 KB of peak memory (build and search) per slot,
        plus 350 MB for the interpreter, OR-Tools and the search's fixed cost.
        """
        scenario = request.scenario
        slots = sum(w.n_slots for w in ModelIndex.build(scenario).windows.values())
        return SizeEstimate(
            people=len(scenario.employees),
            variables=round(VARIABLES_PER_SLOT * slots),
            memory_mb=round(BASE_MB + KB_PER_SLOT * slots / 1024),
            build_seconds=BUILD_SECONDS_PER_VARIABLE * VARIABLES_PER_SLOT * slots,
        )

    def size(self) -> str:
        proto = self.model.proto
        return f"{len(proto.variables)} variables, {len(proto.constraints)} constraints"


__all__ = ["TEAM", "RuleCode", "SlotModel"]
