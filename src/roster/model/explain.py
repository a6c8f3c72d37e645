"""When the hard rules cannot all be met, say which rules and people conflict.

A separate solve guards each person's hard constraints with one assumption
literal per (rule, person); CP-SAT's infeasible core names a small set of them.
The message adds the arithmetic a coordinator needs to act on it.
"""

from __future__ import annotations

import datetime as dt
import time

from ortools.sat.python import cp_model

from roster.domain import Scenario, SolverSettings
from roster.model.builder import TEAM, RosterModel
from roster.model.rules.shift_types import history_run
from roster.timegrid import format_clock


def _hm(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min"


def _solver(settings: SolverSettings, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # Interleaved (deterministic) over 8 strategies: one worker alone could not prove
    # a WTR_AVERAGE conflict in 60 s that this proves in 0.3 s (tests/model/test_average.py).
    solver.parameters.num_workers = max(settings.workers, 8)
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    return solver


Core = list[cp_model.IntVar]


def _core(rm: RosterModel, lits: Core, settings: SolverSettings, seconds: float) -> tuple[int, Core]:
    """Solve under the assumptions ``lits``: (status, a sufficient subset when infeasible)."""
    rm.model.clear_assumptions()
    rm.model.add_assumptions(lits)
    solver = _solver(settings, seconds)
    status = solver.solve(rm.model)
    if status != cp_model.INFEASIBLE:
        return int(status), []
    return int(status), [
        rm.model.get_bool_var_from_proto_index(k) for k in solver.sufficient_assumptions_for_infeasibility()
    ]


def _minimise(rm: RosterModel, core: Core, settings: SolverSettings, seconds: float) -> Core:
    """Drop each assumption the conflict does not need (deletion filter, within ``seconds``).

    CP-SAT's core is sufficient, not minimal; a coordinator should see only the
    rules and dates that actually clash. Stops early when the time is spent.
    """
    began = time.perf_counter()
    kept = list(core)
    for lit in list(core):
        left = seconds - (time.perf_counter() - began)
        if left <= 0:
            break
        if lit not in kept:
            continue
        trial = [x for x in kept if x is not lit]
        status, smaller = _core(rm, trial, settings, min(left, max(1.0, seconds / 10)))
        if status == cp_model.INFEASIBLE:
            kept = [x for x in trial if x in set(smaller)] if smaller else trial
    return kept


def _named(rm: RosterModel, core: Core) -> dict[str, tuple[list[str], list[dt.date]]]:
    """Person (or TEAM) -> (rules, dates) of a core."""
    out: dict[str, tuple[list[str], list[dt.date]]] = {}
    for lit in core:
        rule, emp = rm.assumptions[lit]
        rules, days = out.setdefault(emp, ([], []))
        if rule not in rules:
            rules.append(rule)
        if lit in rm.assumption_days and rm.assumption_days[lit] not in days:
            days.append(rm.assumption_days[lit])
    return {emp: (sorted(rules), sorted(days)) for emp, (rules, days) in out.items()}


def diagnose(scenario: Scenario, settings: SolverSettings) -> list[str]:
    """Name the rules, people and dates in conflict when no roster meets every hard rule.

    One assumption per (rule, person, date) finds a sufficient conflict. When it
    names several people, each is solved alone: those infeasible on their own are
    diagnosed on their own model. The conflict is then cut down to what it needs
    (within half the time limit) and explained with the figures a coordinator checks.
    """
    budget = settings.time_limit
    rm = RosterModel(scenario, diagnose=True, by_day=True)
    rm.model.clear_objective()  # type: ignore[no-untyped-call]
    status, core = _core(rm, list(rm.assumptions), settings, budget)
    if status == cp_model.UNKNOWN:
        return [
            f"the hard rules cannot all be met, and {budget:g} s was not enough to name "
            "the people and rules in conflict; run again with a longer --time-limit"
        ]
    if status != cp_model.INFEASIBLE:
        return ["the hard rules conflict only in combination; no small set of people could be named"]
    named = _named(rm, core)
    alone = _alone(rm, named, settings)
    if alone:
        out: list[str] = []
        for emp in sorted(alone):
            one = RosterModel(scenario.for_person(emp), diagnose=True, by_day=True)
            one.model.clear_objective()  # type: ignore[no-untyped-call]
            status, own = _core(one, list(one.assumptions), settings, budget / 4)
            if status == cp_model.INFEASIBLE:
                own = _minimise(one, own, settings, budget / (2 * len(alone)))
                rules, days = _named(one, own).get(emp, named[emp])
            else:
                rules, days = named[emp]
            out.append(_explain(rm, emp, rules, days))
        return out
    named = _named(rm, _minimise(rm, core, settings, budget / 2))
    return [
        _explain_team(rm, rules) if emp == TEAM else _explain(rm, emp, rules, days)
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
    rm: RosterModel, named: dict[str, tuple[list[str], list[dt.date]]], settings: SolverSettings
) -> set[str]:
    """The people of a conflict of several whose own rules conflict on their own.

    CP-SAT's core is sufficient, not minimal: with many people it can name
    everyone. Each named person is solved alone (their rows only, no cover,
    no team rules); those infeasible on their own are the ones to look at.
    """
    people = [emp for emp in named if emp != TEAM]
    if len(named) < 2 or not people:
        return set()
    seconds = settings.time_limit / (2 * len(people))
    found: set[str] = set()
    for emp in people:
        model = RosterModel(rm.scenario.for_person(emp)).model
        model.clear_objective()  # type: ignore[no-untyped-call]
        if _solver(settings, seconds).solve(model) == cp_model.INFEASIBLE:
            found.add(emp)
    return found


def _explain_team(rm: RosterModel, rules: list[str]) -> str:
    safety = rm.scenario.service.safety
    return (
        f"the team: the rules {', '.join(rules)} cannot all hold with the others named; "
        f"at least {safety.min_on_site} people must be on site whenever anyone works"
    )


def _explain(rm: RosterModel, employee_id: str, rules: list[str], dates: list[dt.date]) -> str:
    idx = rm.index
    e = next(i for i, emp in enumerate(idx.employees) if emp.id == employee_id)
    emp = idx.employees[e]
    tgt = idx.targets[e]
    days = [sv.window.date for sv in rm.shifts_of(e)]
    lo, hi = idx.shift_bounds(e)
    brk = rm.scenario.service.breaks
    longest_paid = hi - (brk.break_minutes if hi > brk.threshold_minutes else 0)
    on = f" (dates involved: {_dates(dates)})" if dates else ""
    facts = [
        f"{employee_id} ({emp.name}): the rules {', '.join(rules)} cannot all hold{on}",
        f"contract for the period {_hm(tgt.target_minutes)} "
        f"({emp.hours_per_week:g} h x {rm.scenario.service.weeks} weeks, less {_hm(tgt.leave_credit)} "
        f"leave and {_hm(tgt.closure_credit)} closed days)",
        f"{len(days)} days available, shifts of {_hm(lo)} to {_hm(hi)} "
        f"(at most {_hm(longest_paid * len(days))} paid in all)",
        f"banked balance usable {_hm(tgt.usable_balance)}, accrual room "
        + ", ".join(f"{_hm(v)}" for _, v in sorted(tgt.accrual_room.items())),
    ]
    types = sorted({t.label for sv in rm.shifts_of(e) for t in sv.window.types or ()})
    if types:
        facts[2] = f"{len(days)} days available, shift types {', '.join(types)}"
    lim = rm.scenario.limits(employee_id)
    if "SHIFT_TYPES" in rules and lim is not None:
        given = lim.model_dump(exclude_none=True, exclude={"employee_id"})
        if not given.get("max_shifts"):
            given.pop("max_shifts", None)
        facts.append("limits " + ", ".join(f"{k} {v}" for k, v in given.items()))
        before = history_run(rm.scenario, employee_id)
        if before:
            facts.append(f"worked the {before} day(s) just before the roster (history)")
    if "FIXED_PATTERN" in rules:
        fixed = [f for f in rm.scenario.timetable() if f.employee_id == employee_id]
        facts.append(
            "fixed shifts "
            + ", ".join(f"{f.date} {format_clock(f.start)}-{format_clock(f.end)}" for f in fixed)
        )
    return "; ".join(facts)
