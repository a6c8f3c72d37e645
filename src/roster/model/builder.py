"""Build the CP-SAT model: variables, then each rule family in a fixed order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from roster.domain import Scenario
from roster.model.index import ModelIndex
from roster.model.variables import LinearExpr, ShiftVars, create_shift_vars

TEAM = "the team"
"""Who a team-wide hard rule belongs to in a diagnosis."""


@dataclass(frozen=True)
class Term:
    """One objective term, ``weight * expr``, kept with its rule and person."""

    rule: str
    expr: LinearExpr
    weight: int
    employee_id: str | None = None
    date: date | None = None
    detail: str = ""


@dataclass
class RosterModel:
    """The CP-SAT model of one scenario.

    ``diagnose`` guards each person's hard rules with an assumption literal
    per (rule, person) so an infeasible model can name what conflicts.
    """

    scenario: Scenario
    diagnose: bool = False
    by_day: bool = False
    """With ``diagnose``: one assumption per (rule, person, date) where a rule names a date."""
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    terms: list[Term] = field(default_factory=list)
    shifts: dict[tuple[int, int], ShiftVars] = field(default_factory=dict)
    assumptions: dict[cp_model.IntVar, tuple[str, str]] = field(default_factory=dict)
    assumption_days: dict[cp_model.IntVar, date] = field(default_factory=dict)
    preference_cost: dict[int, LinearExpr] = field(default_factory=dict)
    net: dict[int, cp_model.IntVar] = field(default_factory=dict)
    _guards: dict[tuple[str, int, date | None], cp_model.IntVar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = ModelIndex.build(self.scenario)
        self.weights = self.scenario.weights
        self._create_variables()
        self.add_constraints()
        self.model.minimize(sum(t.weight * t.expr for t in self.terms if t.weight))

    def _create_variables(self) -> None:
        idx = self.index
        for (e, d), w in sorted(idx.windows.items()):
            lo, _ = idx.shift_bounds(e)
            min_slots = -(-lo // idx.slot)
            if w.fixed is not None:
                min_slots = 1  # the fixed shift decides; SHIFT_LENGTH still checks it
            name = f"{idx.employees[e].id},{w.date.isoformat()}"
            self.shifts[(e, d)] = create_shift_vars(self.model, w, idx.slot, min_slots, name)

    def add_constraints(self) -> None:
        """Each rule family, in order. Hard rules first, then the soft ones."""
        from roster.model.rules import (
            accrual,
            average,
            breaks,
            contract,
            coverage,
            fairness,
            fixed,
            jobshare,
            night,
            preferences,
            rest,
            safety,
            shift_cover,
            shift_types,
            shifts,
            young,
        )

        shifts.add_one_shift(self)
        shifts.add_closed_dates(self)
        shifts.add_shift_length(self)
        rest.add_daily_rest(self)
        rest.add_weekly_rest(self)
        breaks.add_breaks(self)
        young.add_young_worker(self)
        average.add_average(self)
        night.add_night_work(self)
        safety.add_supervision(self)
        safety.add_lone_working(self)
        jobshare.add_job_share(self)
        shift_types.add_shift_types(self)
        fixed.add_fixed_pattern(self)
        contract.add_contract_hours(self)
        accrual.add_accrual(self)
        coverage.add_coverage(self)
        shift_cover.add_shift_cover(self)
        preferences.add_preferences(self)
        fairness.add_fairness(self)

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
        key = (rule, e, on)
        if key not in self._guards:
            who = self.index.employees[e].id
            lit = self.model.new_bool_var(f"assume[{rule},{who},{on or ''}]")
            self._guards[key] = lit
            self.assumptions[lit] = (rule, who)
            if on is not None:
                self.assumption_days[lit] = on
        return [self._guards[key]]

    def add_hard(self, rule: str, e: int, constraint: cp_model.Constraint, day: date | None = None) -> None:
        """A hard constraint of ``rule`` for person ``e``; ``day`` the date it concerns, if one."""
        constraint.only_enforce_if(self.guard(rule, e, day))

    def add_team_hard(self, rule: str, constraint: cp_model.Constraint) -> None:
        """A hard rule of the whole team (no one person): its diagnosis names ``TEAM``."""
        if self.diagnose:
            key = (rule, -1, None)
            if key not in self._guards:
                lit = self.model.new_bool_var(f"assume[{rule},team]")
                self._guards[key] = lit
                self.assumptions[lit] = (rule, TEAM)
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
        self.terms.append(Term(rule, expr, weight, employee_id, day, detail))

    def shifts_of(self, e: int) -> list[ShiftVars]:
        return [sv for (ee, _), sv in sorted(self.shifts.items()) if ee == e]

    def max_of(self, name: str, exprs: Sequence[LinearExpr], lb: int = 0, ub: int = 10**9) -> cp_model.IntVar:
        """A variable equal to ``max(exprs)`` in every solution (not just at the optimum)."""
        var = self.model.new_int_var(lb, ub, name)
        self.model.add_max_equality(var, list(exprs))
        return var
