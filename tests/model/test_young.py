"""YOUNG_WORKER: 8 h a day, 40 h a week, no work 22:00-06:00, a break once over 4 h 30.

E1 is born on 1 June 2010: 16 on every roster date (Monday 4 January 2027 on).
Default weights; see tests/model/test_rules.py for the conventions.
"""

from __future__ import annotations

from datetime import date, datetime

from helpers import FAST, MONDAY, level, monday_only, person, scenario, solve_checked, week_service
from roster.domain import Roster, Service, Shift, StaffingLevel
from roster.model import solve
from roster.timegrid import parse_clock
from roster.validation import validate

BORN = date(2010, 6, 1)


def test_an_under_18_takes_a_break_in_a_five_hour_shift(engine: str) -> None:
    # 5 h paid on Monday, cover 08:30-13:30. An adult works 08:30-13:30 without a
    # break (cost 0). An under-18 needs the 30-minute break (over 4 h 30), which
    # must start 2 h in and end 1 h before the end, so it falls inside the cover:
    # 2 slots x 15 min x 1000 = 30 000.
    staffing = [level("08:30-13:30", 1)]
    adult = solve_checked(scenario(monday_only(), [person("E1", 5)], staffing=staffing), engine=engine)
    assert adult.objective == 0
    young = solve_checked(
        scenario(monday_only(), [person("E1", 5, date_of_birth=BORN)], staffing=staffing), engine=engine
    )
    assert young.objective == 30_000
    (shift,) = young.roster.shifts
    assert shift.break_minutes == 30 and shift.paid_minutes == 300


def test_no_work_after_22_00(engine: str) -> None:
    # Cover 17:00-23:00, 6 h paid. An adult works 17:00-23:00 (a late finish: 30).
    # An under-18 ends by 22:00 and, over 4 h 30, takes a break at least 2 h into
    # a 15:30-22:00 shift: 22:00-23:00 and the break are short, 6 slots: 90 000 + 30.
    svc = monday_only(opening="17:00-23:00", bandwidth="07:00-23:00")
    staffing = [level("17:00-23:00", 1)]
    adult = solve_checked(scenario(svc, [person("E1", 6)], staffing=staffing), engine=engine)
    assert adult.objective == 30
    young = solve_checked(
        scenario(svc, [person("E1", 6, date_of_birth=BORN)], staffing=staffing), engine=engine
    )
    assert young.objective == 90_030
    (shift,) = young.roster.shifts
    assert shift.end <= datetime(2027, 1, 4, 22, 0)


def test_nine_hours_in_a_day_is_infeasible_and_named(engine: str) -> None:
    sc = scenario(monday_only(), [person("E1", 9, date_of_birth=BORN)])
    result = solve(sc, FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("YOUNG_WORKER" in d and "E1" in d for d in result.diagnosis), result.diagnosis


def six_day_week() -> Service:
    return week_service(6, name="six days")


def test_forty_hours_a_week_is_the_most(engine: str) -> None:
    ok = solve_checked(
        scenario(six_day_week(), [person("E1", 40, days_per_week=6, date_of_birth=BORN)]), engine=engine
    )
    assert ok.has_roster
    assert sum(s.paid_minutes for s in ok.roster.shifts) == 40 * 60
    assert all(s.paid_minutes <= 8 * 60 for s in ok.roster.shifts)
    # Infeasible twin: 42 h over six days fits 8 h a day but not 40 h a week.
    over = solve(
        scenario(six_day_week(), [person("E1", 42, days_per_week=6, date_of_birth=BORN)]), FAST, engine=engine
    )
    assert over.status == "INFEASIBLE"
    assert any("YOUNG_WORKER" in d for d in over.diagnosis), over.diagnosis


def test_an_18th_birthday_lifts_the_limits(engine: str) -> None:
    # Born 4 January 2009: 18 on the roster's Monday, so 9 h is an adult's day.
    result = solve_checked(
        scenario(monday_only(), [person("E1", 9, date_of_birth=date(2009, 1, 4))]), engine=engine
    )
    assert result.has_roster


def test_validator_measures_day_night_and_week() -> None:
    sc = scenario(
        six_day_week(),
        [person("E1", 40, days_per_week=6, date_of_birth=BORN)],
        staffing=[StaffingLevel(day="mon", start=parse_clock("08:30"), end=parse_clock("09:00"), min=0)],
    )

    def at(day: int, hh: int, mm: int = 0) -> datetime:
        return datetime(2027, 1, 4 + day, hh, mm)

    shifts = [
        # Monday 08:00-17:30 with a break: 9 h paid, over 8 h
        Shift(
            employee_id="E1",
            date=MONDAY,
            start=at(0, 8),
            end=at(0, 17, 30),
            break_start=at(0, 12),
            break_end=at(0, 12, 30),
        ),
        # Tuesday 16:00-23:00 with a break: 6 h 30 paid, one hour after 22:00
        Shift(
            employee_id="E1",
            date=date(2027, 1, 5),
            start=at(1, 16),
            end=at(1, 23),
            break_start=at(1, 19),
            break_end=at(1, 19, 30),
        ),
    ]
    # Wednesday to Saturday 8 h each (08:00-16:30 with a break): week = 9 + 6.5 + 32 = 47 h 30
    for k in range(2, 6):
        shifts.append(
            Shift(
                employee_id="E1",
                date=date(2027, 1, 4 + k),
                start=at(k, 8),
                end=at(k, 16, 30),
                break_start=at(k, 12),
                break_end=at(k, 12, 30),
            )
        )
    found = {
        (v.date, v.measured, v.limit)
        for v in validate(sc, Roster(shifts=tuple(shifts))).violations
        if v.rule == "YOUNG_WORKER"
    }
    assert found == {(MONDAY, 540, 480), (date(2027, 1, 5), 60, 0), (MONDAY, 2850, 2400)}


def test_validator_wants_the_break_over_4_h_30_for_an_under_18() -> None:
    sc = scenario(monday_only(), [person("E1", 5, date_of_birth=BORN)])
    roster = Roster(
        shifts=(
            Shift(
                employee_id="E1",
                date=MONDAY,
                start=datetime(2027, 1, 4, 8, 30),
                end=datetime(2027, 1, 4, 13, 30),
            ),
        )
    )
    (v,) = [v for v in validate(sc, roster).violations if v.rule == "BREAKS"]
    assert (v.measured, v.limit) == (0, 30)
    assert "longer than 4 h 30 min" in v.message


def test_the_limits_end_on_the_18th_birthday_and_the_message_says_when(engine: str) -> None:
    # Born 6 January 2009: 17 on Monday 4 and Tuesday 5 January 2027, 18 from Wednesday 6.
    # 9 h on Monday breaks the 8-hour day; 9 h on Wednesday is an adult's day.
    sc = scenario(six_day_week(), [person("E1", 18, days_per_week=6, date_of_birth=date(2009, 1, 6))])

    def nine_hours(day: int) -> Shift:
        d = date(2027, 1, 4 + day)
        return Shift(
            employee_id="E1",
            date=d,
            start=datetime(2027, 1, 4 + day, 8),
            end=datetime(2027, 1, 4 + day, 17, 30),
            break_start=datetime(2027, 1, 4 + day, 12),
            break_end=datetime(2027, 1, 4 + day, 12, 30),
        )

    young = [
        v
        for v in validate(sc, Roster(shifts=(nine_hours(0), nine_hours(2)))).violations
        if v.rule == "YOUNG_WORKER"
    ]
    (v,) = young
    assert v.date == date(2027, 1, 4)
    assert v.message.startswith("E1 (under 18 until 2027-01-06) works 9 h on 2027-01-04")
    # the model agrees: 9 h on the birthday itself is allowed, 9 h the day before is not
    birthday = scenario(monday_only(), [person("E1", 9, date_of_birth=date(2009, 1, 4))])
    assert solve_checked(birthday, engine=engine).has_roster
    day_before = scenario(monday_only(), [person("E1", 9, date_of_birth=date(2009, 1, 5))])
    assert solve(day_before, FAST, engine=engine).status == "INFEASIBLE"


def test_a_29_february_birthday_comes_of_age_on_1_march() -> None:
    from roster.domain import adult_from

    assert adult_from(date(2008, 2, 29)) == date(2026, 3, 1)
    assert adult_from(date(2008, 3, 1)) == date(2026, 3, 1)
    assert adult_from(date(2009, 1, 6)) == date(2027, 1, 6)
