"""Other working patterns (POLICY.md section 6): compressed hours with a rolling day off, term-time only.

Weeks from Monday 2027-01-04, open Monday to Friday 08:30-17:00 (bandwidth
07:00-19:00). Compressed: 37 h over 4 days is 08:00-17:45 with a 30-minute
break from 12:00 (9 h 15 paid, 4 x 555 = 2 220 minutes).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helpers import FAST, MONDAY, person, scenario, solve_checked, week_service
from roster.domain import CompressedPattern, FixedShift, SchoolHoliday, contract_target
from roster.model import solve
from roster.validation import validate

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def compressed(rolling: bool = True, **extra: object) -> CompressedPattern:
    fields: dict[str, object] = {
        "employee_id": "C",
        "start": "08:00",
        "end": "17:45",
        "break_start": "12:00",
        "day_off": "mon",
        "rolling": rolling,
    }
    fields.update(extra)
    return CompressedPattern.model_validate(fields)


def c_scenario(weeks: int = 3, **tables: object):  # type: ignore[no-untyped-def]
    svc = week_service(WEEKDAYS, weeks=weeks)
    people = [person("C", 37, pattern="fixed", days_per_week=4)]
    return scenario(svc, people, compressed=[tables.pop("pattern", compressed())], **tables)


def days_off(result: object, weeks: int = 3) -> list[str]:
    worked = {s.date for s in result.roster.shifts}  # type: ignore[attr-defined]
    out = []
    for w in range(weeks):
        week = [MONDAY + timedelta(days=7 * w + k) for k in range(5)]
        out += [d.strftime("%a") for d in week if d not in worked]
    return out


def test_a_rolling_day_off_moves_one_day_each_week() -> None:
    result = solve_checked(c_scenario())
    assert days_off(result) == ["Mon", "Tue", "Wed"]
    assert all(s.start.hour == 8 and s.end.strftime("%H:%M") == "17:45" for s in result.roster.shifts)
    assert sum(s.paid_minutes for s in result.roster.shifts) == 3 * 2220


def test_a_fixed_day_off_stays_put() -> None:
    result = solve_checked(c_scenario(pattern=compressed(rolling=False, day_off="fri")))
    assert days_off(result) == ["Fri"] * 3


def test_the_rolling_day_wraps_round_the_days() -> None:
    result = solve_checked(c_scenario(weeks=2, pattern=compressed(day_off="fri")))
    assert days_off(result, weeks=2) == ["Fri", "Mon"]


def test_leave_takes_the_place_of_a_compressed_day() -> None:
    from roster.domain import Leave

    thursday = MONDAY + timedelta(days=3)
    leave = [Leave(employee_id="C", start_date=thursday, end_date=thursday)]
    result = solve_checked(c_scenario(weeks=1, leave=leave))
    assert days_off(result, weeks=1) == ["Mon", "Thu"]


def test_compressed_hours_are_never_fewer_than_four_days() -> None:
    with pytest.raises(ValueError, match="at least 4 days"):
        compressed(days=("mon", "tue", "wed", "thu"))
    with pytest.raises(ValueError, match="not one of the pattern's days"):
        compressed(day_off="sat")


def test_a_compressed_person_is_a_fixed_pattern() -> None:
    from roster.domain import ScenarioError

    with pytest.raises(ScenarioError, match="pattern=fixed"):
        scenario(week_service(WEEKDAYS), [person("C", 37)], compressed=[compressed()])


def test_the_validator_holds_the_roster_to_the_compressed_timetable() -> None:
    sc = c_scenario(weeks=1)
    result = solve_checked(sc)
    dropped = result.roster.model_copy(update={"shifts": result.roster.shifts[1:]})
    found = [(v.rule, v.date, v.measured, v.limit) for v in validate(sc, dropped).hard_violations]
    assert ("FIXED_PATTERN", MONDAY + timedelta(days=1), 0, 585) in found


def test_a_fixed_shift_on_a_day_without_bandwidth_is_infeasible_and_named() -> None:
    # The twin: a fixed shift given for a Saturday, when the service has no bandwidth.
    sat = MONDAY + timedelta(days=5)
    fixed = [FixedShift(employee_id="F", date=sat, start=540, end=780)]
    sc = scenario(week_service(WEEKDAYS), [person("F", 4, pattern="fixed")], fixed_shifts=fixed)
    result = solve(sc, FAST)
    assert result.status == "INFEASIBLE"
    # Two minimal conflicts exist: the shift against BANDWIDTH either as FIXED_PATTERN or
    # as the 4 h contract it pays (CONTRACT_HOURS); either names the Saturday.
    (text,) = result.diagnosis
    assert "BANDWIDTH" in text and "dates involved: 2027-01-09" in text, text


# -- term-time only -------------------------------------------------------------------------------


def term_time(hours: float = 37) -> object:
    week2 = MONDAY + timedelta(days=7)
    holiday = SchoolHoliday(start=week2, end=week2 + timedelta(days=4), name="half term")
    svc = week_service(WEEKDAYS, weeks=2, school_holidays=(holiday,))
    return scenario(svc, [person("T", hours, term_time_only=True), person("S", hours)])


def test_term_time_staff_are_off_in_school_holidays_and_owe_term_weeks_only() -> None:
    sc = term_time()
    assert contract_target(sc, sc.employees[0]).target_minutes == 2220  # 2 weeks less 5 x 7 h 24
    assert contract_target(sc, sc.employees[1]).target_minutes == 2 * 2220
    result = solve_checked(sc)
    t_days = {s.date for s in result.roster.shifts if s.employee_id == "T"}
    assert t_days and max(t_days) < MONDAY + timedelta(days=7)


def test_the_validator_flags_work_in_a_school_holiday() -> None:
    sc = term_time()
    result = solve_checked(sc)
    moved = [
        s.model_copy(
            update={
                "date": s.date + timedelta(days=7),
                "start": s.start + timedelta(days=7),
                "end": s.end + timedelta(days=7),
                "break_start": s.break_start and s.break_start + timedelta(days=7),
                "break_end": s.break_end and s.break_end + timedelta(days=7),
            }
        )
        if s.employee_id == "T" and s.date == MONDAY
        else s
        for s in result.roster.shifts
    ]
    report = validate(sc, result.roster.model_copy(update={"shifts": tuple(moved)}))
    leave = [(v.employee_id, v.date) for v in report.hard_violations if v.rule == "LEAVE"]
    assert leave == [("T", date(2027, 1, 11))]


def test_a_diagnosis_names_the_rules_the_person_and_the_dates() -> None:
    # A fixed night Monday 22:00-06:00 and a fixed Tuesday 10:00-18:00 leave 4 h of rest:
    # the conflict is FIXED_PATTERN against REST_DAILY on those two dates, nothing more.
    tue = MONDAY + timedelta(days=1)
    fixed = [
        FixedShift(employee_id="F", date=MONDAY, start=1320, end=1800, break_start=1500),
        FixedShift(employee_id="F", date=tue, start=600, end=1080, break_start=840),
    ]
    svc = week_service(7, opening={}, bandwidth="06:00-30:00")
    result = solve(scenario(svc, [person("F", 15, pattern="fixed")], fixed_shifts=fixed), FAST)
    assert result.status == "INFEASIBLE"
    (text,) = result.diagnosis
    assert text.startswith(
        "F (Person F): the rules FIXED_PATTERN, REST_DAILY cannot all hold "
        "(dates involved: 2027-01-04 to 2027-01-05)"
    )


def test_a_bank_holiday_credits_the_compressed_day_it_cancels() -> None:
    # 37 h over 4 days: 08:00-17:45 with a 30-minute break, 555 paid minutes a day, Monday
    # off in week 1. The Tuesday is a bank holiday: credited 555 (the shift it cancels),
    # not 7 h 24 (444), so Wed-Fri (3 x 555 = 1,665) meet the 2,220 - 555 target exactly.
    from roster.domain import DateException

    tuesday = MONDAY + timedelta(days=1)
    svc = week_service(WEEKDAYS, weeks=1, exceptions=(DateException(date=tuesday, closed=True),))
    people = [person("C", 37, pattern="fixed", days_per_week=4)]
    sc = scenario(svc, people, compressed=[compressed(rolling=False)])
    target = contract_target(sc, sc.employees[0])
    assert (target.closure_credit, target.target_minutes) == (555, 1665)
    result = solve_checked(sc)
    assert days_off(result, weeks=1) == ["Mon", "Tue"]
    assert result.objective == 0


def test_a_bank_holiday_on_the_compressed_day_off_credits_nothing() -> None:
    # The twin: Monday, the day off, is the bank holiday: nothing to credit, all four days owed.
    from roster.domain import DateException

    svc = week_service(WEEKDAYS, weeks=1, exceptions=(DateException(date=MONDAY, closed=True),))
    people = [person("C", 37, pattern="fixed", days_per_week=4)]
    sc = scenario(svc, people, compressed=[compressed(rolling=False)])
    assert contract_target(sc, sc.employees[0]).target_minutes == 2220
    assert days_off(solve_checked(sc), weeks=1) == ["Mon"]
