"""When the hard rules cannot all be met, say which rules and people conflict.

A separate solve guards each person's hard constraints with one assumption
literal per (rule, person); CP-SAT's infeasible core names a small set of them.
The message adds the arithmetic a coordinator needs to act on it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from roster.domain import Scenario, SolverSettings
from roster.model.builder import TEAM, RosterModel
from roster.model.rules.shift_types import history_run
from roster.timegrid import format_clock


def _hm(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min"


def diagnose(scenario: Scenario, settings: SolverSettings) -> list[str]:
    rm = RosterModel(scenario, diagnose=True)
    rm.model.clear_objective()  # type: ignore[no-untyped-call]
    rm.model.add_assumptions(list(rm.assumptions))
    solver = cp_model.CpSolver()
    # Interleaved (deterministic) over 8 strategies: one worker alone could not prove
    # a WTR_AVERAGE conflict in 60 s that this proves in 0.3 s (tests/model/test_average.py).
    solver.parameters.num_workers = max(settings.workers, 8)
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = settings.time_limit
    status = solver.solve(rm.model)
    if status == cp_model.UNKNOWN:
        return [
            f"the hard rules cannot all be met, and {settings.time_limit:g} s was not enough to name "
            "the people and rules in conflict; run again with a longer --time-limit"
        ]
    if status != cp_model.INFEASIBLE:
        return ["the hard rules conflict only in combination; no small set of people could be named"]
    by_person: dict[str, list[str]] = {}
    for index in solver.sufficient_assumptions_for_infeasibility():
        lit = rm.model.get_bool_var_from_proto_index(index)
        rule, emp = rm.assumptions[lit]
        by_person.setdefault(emp, []).append(rule)
    alone = _alone(rm, by_person, settings)
    if alone:
        by_person = {emp: rules for emp, rules in by_person.items() if emp in alone}
    return [
        _explain_team(rm, sorted(set(rules))) if emp == TEAM else _explain(rm, emp, sorted(set(rules)))
        for emp, rules in sorted(by_person.items())
    ]


def _alone(rm: RosterModel, by_person: dict[str, list[str]], settings: SolverSettings) -> set[str]:
    """The people of a core of several whose own rules conflict on their own.

    CP-SAT's core is sufficient, not minimal: with many people it can name
    everyone. Each named person is solved alone (their rows only, no cover,
    no team rules); those infeasible on their own are the ones to look at.
    """
    people = [emp for emp in by_person if emp != TEAM]
    if len(by_person) < 2 or not people:
        return set()
    budget = max(1.0, settings.time_limit / (2 * len(people)))
    found: set[str] = set()
    for emp in people:
        model = RosterModel(rm.scenario.for_person(emp)).model
        model.clear_objective()  # type: ignore[no-untyped-call]
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = max(settings.workers, 8)
        solver.parameters.interleave_search = True
        solver.parameters.random_seed = settings.seed
        solver.parameters.max_time_in_seconds = budget
        if solver.solve(model) == cp_model.INFEASIBLE:
            found.add(emp)
    return found


def _explain_team(rm: RosterModel, rules: list[str]) -> str:
    safety = rm.scenario.service.safety
    return (
        f"the team: the rules {', '.join(rules)} cannot all hold with the others named; "
        f"at least {safety.min_on_site} people must be on site whenever anyone works"
    )


def _explain(rm: RosterModel, employee_id: str, rules: list[str]) -> str:
    idx = rm.index
    e = next(i for i, emp in enumerate(idx.employees) if emp.id == employee_id)
    emp = idx.employees[e]
    tgt = idx.targets[e]
    days = [sv.window.date for sv in rm.shifts_of(e)]
    lo, hi = idx.shift_bounds(e)
    brk = rm.scenario.service.breaks
    longest_paid = hi - (brk.break_minutes if hi > brk.threshold_minutes else 0)
    facts = [
        f"{employee_id} ({emp.name}): the rules {', '.join(rules)} cannot all hold",
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
