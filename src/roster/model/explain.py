"""When the hard rules cannot all be met, say which rules and people conflict.

A separate solve guards each person's hard constraints with one assumption
literal per (rule, person, date); CP-SAT's infeasible core names a small set
of them. The message adds the arithmetic a coordinator needs to act on it.
It works over any formulation (:class:`roster.model.formulation.Formulation`):
only its model, assumptions and :meth:`person_facts` are used. Every solve
here uses ``settings.workers`` threads; in a deterministic solve its budgets
are deterministic too (shares of ``settings.deterministic_time``), with the
wall clock as a guard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain import SolverSettings, contract_target
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.formulation import TEAM, Formulation, FormulationFactory
from roster.model.params import DEFAULT_PRESET, SearchPreset
from roster.timegrid import format_clock

if TYPE_CHECKING:
    from roster.model.cpsat import StopSignal


def _hm(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min"


@dataclass
class _Budget:
    """What the diagnosis may spend: shares of the solve's budget, deterministic when it is."""

    settings: SolverSettings
    preset: SearchPreset
    stop: StopSignal | None

    @property
    def total(self) -> float:
        s = self.settings
        base = s.deterministic_time if s.deterministic_time is not None else s.time_limit
        return base * self.preset.diagnosis_share

    def solver(self, share: float) -> cp_model.CpSolver:
        """Interleaved over the preset's portfolio: one worker alone could not prove a
        WTR_AVERAGE conflict in 60 s that the portfolio proves in 0.3 s (tests/model/test_average.py)."""
        from roster.model.cpsat import sub_solver

        solver = sub_solver(self.settings, self.preset.diagnosis)
        p = solver.parameters
        p.max_time_in_seconds = max(0.5, share * self.settings.time_limit * self.preset.diagnosis_share)
        if self.settings.deterministic_time is not None:
            p.max_deterministic_time = max(0.05, share * self.total)
        return solver


Core = list[cp_model.IntVar]


def _core(f: Formulation, lits: Core, budget: _Budget, share: float) -> tuple[int, Core, float]:
    """Solve under the assumptions ``lits``: (status, a sufficient subset when infeasible, work done).

    The work is CP-SAT's deterministic time in a deterministic solve, else wall seconds.
    """
    from roster.model.cpsat import run as _run

    f.model.clear_assumptions()
    f.model.add_assumptions(lits)
    solver = budget.solver(share)
    status = _run(solver, f.model, budget.stop)
    work = (
        solver.response_proto.deterministic_time
        if budget.settings.deterministic_time is not None
        else solver.wall_time
    )
    if status != cp_model.INFEASIBLE:
        return int(status), [], work
    return (
        int(status),
        [f.model.get_bool_var_from_proto_index(k) for k in solver.sufficient_assumptions_for_infeasibility()],
        work,
    )


def _minimise(f: Formulation, core: Core, budget: _Budget, share: float) -> Core:
    """Drop each assumption the conflict does not need (deletion filter, within ``share`` of the budget).

    CP-SAT's core is sufficient, not minimal; a coordinator should see only the
    rules and dates that actually clash. Stops early when the budget is spent.
    """
    spent = 0.0
    allowed = share * budget.total
    kept = list(core)
    for lit in list(core):
        if spent >= allowed or (budget.stop is not None and budget.stop.is_set()):
            break
        if lit not in kept:
            continue
        trial = [x for x in kept if x is not lit]
        step = min(allowed - spent, max(share / 10, 0.02 / max(budget.total, 1e-9)) * budget.total)
        status, smaller, work = _core(f, trial, budget, step / budget.total)
        spent += work
        if status == cp_model.INFEASIBLE:
            kept = [x for x in trial if x in set(smaller)] if smaller else trial
    return kept


def _named(f: Formulation, core: Core) -> dict[str, tuple[list[str], list[dt.date]]]:
    """Person (or TEAM) -> (rules, dates) of a core."""
    out: dict[str, tuple[list[str], list[dt.date]]] = {}
    for lit in core:
        rule, emp = f.assumptions[lit]
        rules, days = out.setdefault(emp, ([], []))
        if rule not in rules:
            rules.append(rule)
        if lit in f.assumption_days and f.assumption_days[lit] not in days:
            days.append(f.assumption_days[lit])
    return {emp: (sorted(rules), sorted(days)) for emp, (rules, days) in out.items()}


def _diagnostic(factory: FormulationFactory, request: SolveRequest) -> Formulation:
    f = factory(request, diagnose=True, by_day=True)
    f.model.clear_objective()  # type: ignore[no-untyped-call]
    return f


def diagnose(
    request: SolveRequest,
    settings: SolverSettings,
    factory: FormulationFactory | None = None,
    preset: SearchPreset = DEFAULT_PRESET,
    stop: StopSignal | None = None,
) -> list[str]:
    """Name the rules, people and dates in conflict when no roster meets every hard rule.

    One assumption per (rule, person, date) finds a sufficient conflict. When it
    names several people, each is solved alone: those infeasible on their own are
    diagnosed on their own model. The conflict is then cut down to what it needs
    (within half the budget) and explained with the figures a coordinator checks.
    """
    if factory is None:
        from roster.model.slot.formulation import SlotModel

        factory = SlotModel
    budget = _Budget(settings, preset, stop)
    f = _diagnostic(factory, request)
    status, core, _ = _core(f, list(f.assumptions), budget, 1.0)
    if status == cp_model.UNKNOWN:
        return [
            f"the hard rules cannot all be met, and {settings.time_limit:g} s was not enough to name "
            "the people and rules in conflict; run again with a longer --time-limit"
        ]
    if status != cp_model.INFEASIBLE:
        return ["the hard rules conflict only in combination; no small set of people could be named"]
    named = _named(f, core)
    alone = _alone(factory, request, named, budget)
    if alone:
        out: list[str] = []
        for emp in sorted(alone):
            one = _diagnostic(factory, request.for_person(emp))
            status, own, _ = _core(one, list(one.assumptions), budget, 0.25)
            if status == cp_model.INFEASIBLE:
                own = _minimise(one, own, budget, 0.5 / len(alone))
                rules, days = _named(one, own).get(emp, named[emp])
            else:
                rules, days = named[emp]
            out.append(_explain(f, emp, rules, days))
        return out
    named = _named(f, _minimise(f, core, budget, 0.5))
    return [
        _explain_team(f, rules) if emp == TEAM else _explain(f, emp, rules, days)
        for emp, (rules, days) in sorted(named.items())
    ]


def _dates(days: list[dt.date]) -> str:
    """``2027-02-01 to 2027-02-03, 2027-02-05``: runs of consecutive dates joined."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


def _alone(
    factory: FormulationFactory,
    request: SolveRequest,
    named: dict[str, tuple[list[str], list[dt.date]]],
    budget: _Budget,
) -> set[str]:
    """The people of a conflict of several whose own rules conflict on their own.

    CP-SAT's core is sufficient, not minimal: with many people it can name
    everyone. Each named person is solved alone (their rows only, no cover,
    no team rules); those infeasible on their own are the ones to look at.
    """
    from roster.model.cpsat import run as _run

    people = [emp for emp in named if emp != TEAM]
    if len(named) < 2 or not people:
        return set()
    share = 1 / (2 * len(people))
    found: set[str] = set()
    for emp in people:
        model = factory(request.for_person(emp)).model
        model.clear_objective()  # type: ignore[no-untyped-call]
        if _run(budget.solver(share), model, budget.stop) == cp_model.INFEASIBLE:
            found.add(emp)
    return found


def _explain_team(f: Formulation, rules: list[str]) -> str:
    safety = f.scenario.service.safety
    return (
        f"the team: the rules {', '.join(rules)} cannot all hold with the others named; "
        f"at least {safety.min_on_site} people must be on site whenever anyone works"
    )


def _explain(f: Formulation, employee_id: str, rules: list[str], dates: list[dt.date]) -> str:
    sc = f.scenario
    emp = sc.employee(employee_id)
    tgt = contract_target(sc, emp)
    facts_of = f.person_facts(employee_id)
    days = facts_of.dates
    lo, hi = facts_of.min_shift, facts_of.max_shift
    brk = sc.service.breaks
    longest_paid = hi - (brk.break_minutes if hi > brk.threshold_minutes else 0)
    on = f" (dates involved: {_dates(dates)})" if dates else ""
    facts = [
        f"{employee_id} ({emp.name}): the rules {', '.join(rules)} cannot all hold{on}",
        f"contract for the period {_hm(tgt.target_minutes)} "
        f"({emp.hours_per_week:g} h x {sc.service.weeks} weeks, less {_hm(tgt.leave_credit)} "
        f"leave and {_hm(tgt.closure_credit)} closed days)",
        f"{len(days)} days available, shifts of {_hm(lo)} to {_hm(hi)} "
        f"(at most {_hm(longest_paid * len(days))} paid in all)",
        f"banked balance usable {_hm(tgt.usable_balance)}, accrual room "
        + ", ".join(f"{_hm(v)}" for _, v in sorted(tgt.accrual_room.items())),
    ]
    if facts_of.shift_types:
        facts[2] = f"{len(days)} days available, shift types {', '.join(facts_of.shift_types)}"
    lim = sc.limits(employee_id)
    if RuleCode.SHIFT_TYPES in rules and lim is not None:
        given = lim.model_dump(exclude_none=True, exclude={"employee_id"})
        if not given.get("max_shifts"):
            given.pop("max_shifts", None)
        facts.append("limits " + ", ".join(f"{k} {v}" for k, v in given.items()))
        before = sc.worked_days_before(employee_id)
        if before:
            facts.append(f"worked the {before} day(s) just before the roster (history)")
    if RuleCode.FIXED_PATTERN in rules:
        fixed = [x for x in sc.timetable() if x.employee_id == employee_id]
        facts.append(
            "fixed shifts "
            + ", ".join(f"{x.date} {format_clock(x.start)}-{format_clock(x.end)}" for x in fixed)
        )
    if RuleCode.PIN in rules:
        pins = [p for p in f.request.pins if p.employee_id == employee_id and (not dates or p.date in dates)]
        facts.append("pinned: " + ", ".join(p.label for p in pins))
    return "; ".join(facts)
