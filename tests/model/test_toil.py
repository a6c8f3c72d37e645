"""TOIL: extra shifts worked as granted, time off in lieu within its balance and cap (POLICY.md 6).

Monday and Tuesday 2027-01-04/05, opening 09:00-13:00 (bandwidth 07:00-19:00), minimum 1
all opening. E1 is contracted 4 h a week over one day (a day's leave credit is 4 h). Alone,
E1 covers one day and the other is 16 slots short: 16 x 15 x 1000 = 240,000. Granted an
extra shift on Tuesday 09:00-13:00, E1 works it *and* the contracted 4 h on Monday: the
target rises by the 4 h extra (CONTRACT_HOURS), nothing is short, the objective is 0 and
4 h of time off in lieu is earned. The cap is half of 7 weeks of 4 h: 14 h.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from helpers import FAST, level, person, scenario, solve_checked, week_service
from roster.domain import ExtraShift, Leave, Roster, Scenario, Shift, ToilBalance, toil_account
from roster.domain.rules import RuleCode
from roster.model import solve
from roster.validation import validate

MON, TUE = date(2027, 1, 4), date(2027, 1, 5)
EXTRA = ExtraShift(employee_id="E1", date=TUE, start=9 * 60, end=13 * 60)


def _scenario(**tables: object) -> Scenario:
    svc = week_service(("mon", "tue"), opening="09:00-13:00")
    staffing = [level("09:00-13:00", 1, day=d) for d in ("mon", "tue")]
    return scenario(svc, [person("E1", 4, days_per_week=1)], staffing=staffing, **tables)


def _shift(day: date, start: int, end: int) -> Shift:
    return Shift(
        employee_id="E1",
        date=day,
        start=datetime(day.year, day.month, day.day, start),
        end=datetime(day.year, day.month, day.day, end),
    )


def test_without_an_extra_shift_one_day_is_short(engine: str) -> None:
    assert solve_checked(_scenario(), engine=engine).objective == 240_000


def test_an_extra_shift_is_worked_as_granted_and_earns_toil(engine: str) -> None:
    sc = _scenario(extra_shifts=[EXTRA])
    result = solve_checked(sc, engine=engine)
    assert result.objective == 0
    assert [(s.date, s.start.hour, s.end.hour) for s in result.roster.shifts] == [(MON, 9, 13), (TUE, 9, 13)]
    acc = toil_account(sc, sc.employees[0])
    assert (acc.opening, acc.earned, acc.taken, acc.closing, acc.cap) == (0, 240, 0, 240, 840)


def test_toil_taken_before_it_is_earned_is_infeasible_and_named(engine: str) -> None:
    # TOIL on Monday, the extra shift on Tuesday: the balance is -4 h on Monday.
    leave = [Leave(employee_id="E1", start_date=MON, end_date=MON, type="toil")]
    result = solve(_scenario(extra_shifts=[EXTRA], leave=leave), FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("TIME_OFF_IN_LIEU" in d and "E1" in d for d in result.diagnosis), result.diagnosis
    # the twin: 4 h already held, Monday taken from it, Tuesday earned back: legal
    held = _scenario(extra_shifts=[EXTRA], leave=leave, toil=[ToilBalance(employee_id="E1", minutes=240)])
    result = solve_checked(held, engine=engine)
    assert [s.date for s in result.roster.shifts] == [TUE]
    assert result.objective == 240_000  # Monday uncovered: E1 is on TOIL
    assert toil_account(held, held.employees[0]).closing == 240


def test_a_balance_over_the_cap_is_infeasible_and_named(engine: str) -> None:
    over = _scenario(extra_shifts=[EXTRA], toil=[ToilBalance(employee_id="E1", minutes=601)])
    result = solve(over, FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("TIME_OFF_IN_LIEU" in d and "E1" in d for d in result.diagnosis), result.diagnosis
    at_cap = _scenario(extra_shifts=[EXTRA], toil=[ToilBalance(employee_id="E1", minutes=600)])
    assert solve_checked(at_cap, engine=engine).objective == 0


def test_the_validator_finds_a_missing_or_moved_extra_shift_and_a_ledger_out_of_bounds() -> None:
    sc = _scenario(extra_shifts=[EXTRA])
    missing = validate(sc, Roster(shifts=(_shift(MON, 9, 13),)))
    (v,) = [v for v in missing.violations if v.rule == RuleCode.TIME_OFF_IN_LIEU]
    assert (v.employee_id, v.date, v.measured, v.limit) == ("E1", TUE, 0, 240)
    assert "extra shift 09:00-13:00 (no break) on 2027-01-05 (time off in lieu) is missing" in v.message
    moved = validate(sc, Roster(shifts=(_shift(MON, 9, 13), _shift(TUE, 10, 14))))
    (v,) = [v for v in moved.violations if v.rule == RuleCode.TIME_OFF_IN_LIEU]
    assert (v.measured, v.limit) == (120, 0)
    held = validate(sc, Roster(shifts=(_shift(MON, 9, 13), _shift(TUE, 9, 13))))
    assert not held.hard_violations and held.objective == 0
    over = sc.model_copy(update={"toil": (ToilBalance(employee_id="E1", minutes=700),)})
    (v,) = [v for v in validate(over, Roster(shifts=(_shift(MON, 9, 13), _shift(TUE, 9, 13)))).violations]
    assert (v.rule, v.measured, v.limit, v.date) == (RuleCode.TIME_OFF_IN_LIEU, 940, 840, TUE)
    assert "would reach 15 h 40 min on 2027-01-05, over the cap of 14 h" in v.message


@pytest.mark.parametrize("hours", [0])
def test_relief_staff_earn_no_toil_and_have_no_cap(hours: float) -> None:
    svc = week_service(("mon", "tue"), opening="09:00-13:00")
    sc = scenario(
        svc, [person("E1", hours)], extra_shifts=[EXTRA], toil=[ToilBalance(employee_id="E1", minutes=0)]
    )
    acc = toil_account(sc, sc.employees[0])
    assert (acc.earned, acc.over_cap) == (0, False)
    assert not validate(sc, Roster(shifts=(_shift(TUE, 9, 13),))).hard_violations
