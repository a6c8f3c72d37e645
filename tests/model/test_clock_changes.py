"""Clock changes: every rule counts real elapsed time in Europe/London (docs/rules.md).

Two small instances per change, each solved by hand, on both engines. Unless said otherwise:
one week with only Saturday (and, for rest, Sunday) workable, no bank holidays, no unpopular
patterns, a 15-minute grid, default weights (cover_under 1000 per person-minute,
accrual_minute 1), one person whose contract is what the hand solution pays (plus at most 22
minutes a day banked).

* The clocks go forward at 01:00 on Sunday 28 March 2027: 01:00-02:00 does not exist.
* They go back at 02:00 on Sunday 31 October 2027: 01:00-02:00 happens twice.
"""

from __future__ import annotations

from datetime import date, datetime, time

from helpers import level, person, scenario, solve_checked, week_service
from roster.domain import Service, StaffingLevel

SPRING = date(2027, 3, 22)
"""Monday of the week the clocks go forward (on its Sunday)."""
AUTUMN = date(2027, 10, 25)
"""Monday of the week the clocks go back (on its Sunday)."""


def night_service(monday: date) -> Service:
    """Only Saturday night 23:00-07:00 can be worked, and one person is wanted all of it."""
    return week_service(
        ("sat",),
        opening="23:00-31:00",
        bandwidth="23:00-31:00",
        start=monday,
        anchor=monday,
        bank_holidays="none",
        unpopular=(),
    )


def test_night_shift_when_the_clocks_go_forward_is_paid_seven_hours_less_its_break(engine: str) -> None:
    # 23:00-07:00 on 27/28 March 2027 lasts 7 h (420 real minutes): longer than 6 h, so it
    # has a 30-minute break, paid 390. The person's contract is 6 h 30 (390 minutes) a week
    # and may bank 22, so paid minutes are 390..412: a length of 420..442 with its break, and
    # the window holds at most 420 real minutes: the shift is the whole night, paid exactly 390.
    # The break may not fall in 01:00-02:00 (that hour does not exist; there it would cost no
    # cover and last no time): wherever it is, 2 slots are short of the one person wanted,
    # 30 person-minutes x 1000 = 30 000. The missing hour needs no cover. Nothing else costs.
    sc = scenario(night_service(SPRING), [person("N", 6.5)], staffing=[level("23:00-31:00", 1, day="sat")])
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 30_000
    (shift,) = result.roster.shifts
    assert (shift.start, shift.end) == (datetime(2027, 3, 27, 23), datetime(2027, 3, 28, 7))
    assert shift.length_minutes == 420 and shift.break_minutes == 30 and shift.paid_minutes == 390
    assert shift.break_start is not None
    assert not time(0, 45) < shift.break_start.time() < time(2, 0)  # never touches the missing hour


def test_night_shift_when_the_clocks_go_back_is_paid_nine_hours_less_its_break(engine: str) -> None:
    # 23:00-07:00 on 30/31 October 2027 lasts 9 h (540 real minutes), paid 510 with its break.
    # A contract of 8 h 30 (510 minutes): paid 510..532, so a length of 540..562 in a window of
    # 540 real minutes: the whole night, paid exactly 510. The break may not touch 01:00-02:00
    # (taken there it would be taken twice): 2 slots short, 30 000. Cover in the repeated
    # hour is met both times by the same person.
    sc = scenario(night_service(AUTUMN), [person("N", 8.5)], staffing=[level("23:00-31:00", 1, day="sat")])
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 30_000
    (shift,) = result.roster.shifts
    assert (shift.start, shift.end) == (datetime(2027, 10, 30, 23), datetime(2027, 10, 31, 7))
    assert shift.length_minutes == 540 and shift.paid_minutes == 510
    assert shift.break_start is not None
    assert not time(0, 45) < shift.break_start.time() < time(2, 0)


def test_cover_in_the_repeated_hour_counts_both_times(engine: str) -> None:
    # The same night in October with a second person wanted in 01:00-02:00 and a contract of
    # 8 h 30: the one person works the whole night as above (30 000 for the break's 2 slots).
    # 01:00-02:00 happens twice and 1 person is short both times: 4 slots x 2 passes x 15
    # minutes = 120 person-minutes, 120 000. Total 150 000.
    sc = scenario(
        night_service(AUTUMN),
        [person("N", 8.5)],
        staffing=[
            StaffingLevel(day="sat", start=start, end=end, min=n)
            for start, end, n in ((1380, 1500, 1), (1500, 1560, 2), (1560, 1860, 1))
        ],
    )
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 150_000
    assert result.cost_by_rule() == {"COVERAGE": 150_000}


def weekend_service(monday: date) -> Service:
    """Saturday 16:00-22:00 and Sunday 08:00-16:00 can be worked; one person is wanted on Sunday
    08:00-14:00."""
    return week_service(
        ("sat", "sun"),
        opening={"sat": "16:00-22:00", "sun": "08:00-16:00"},
        bandwidth={"sat": "16:00-22:00", "sun": "08:00-16:00"},
        start=monday,
        anchor=monday,
        bank_holidays="none",
        unpopular=(),
    )


def test_rest_across_the_night_the_clocks_go_forward_is_an_hour_shorter(engine: str) -> None:
    # A contract of 12 h (720 minutes) over the two dates, 22 a date may be banked. Saturday's
    # window is 6 h, so its shift is at most 360 paid; Sunday's must be at least 360 paid. The
    # Saturday shift ends at 22:00 at the latest, and 11 h of rest after it ends at 10:00 on
    # Sunday (22:00-10:00 reads 12 h on the clock but lasts 11 h: the clocks skip an hour).
    # From 10:00 the window leaves 6 h: Sunday is 10:00-16:00 (360, no break) and Saturday
    # 16:00-22:00. (A shorter Saturday would need a longer Sunday, with a break, which no
    # later start leaves room for.) Sunday 08:00-10:00 is short of one person: 8 slots x 15 x
    # 1000 = 120 000. Read by the clock, the rest would end at 09:00 and cost 60 000.
    sc = scenario(weekend_service(SPRING), [person("R", 12)], staffing=[level("08:00-14:00", 1, day="sun")])
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 120_000
    sat, sun = result.roster.shifts
    assert (sat.start, sat.end) == (datetime(2027, 3, 27, 16), datetime(2027, 3, 27, 22))
    assert (sun.start, sun.end) == (datetime(2027, 3, 28, 10), datetime(2027, 3, 28, 16))


def test_rest_across_the_night_the_clocks_go_back_is_an_hour_longer(engine: str) -> None:
    # The same in October: 22:00 on Saturday to 08:00 on Sunday reads 10 h on the clock but
    # lasts 11 h (the clocks repeat an hour), so Sunday can start at 08:00: 08:00-14:00 and
    # Saturday 16:00-22:00 meet the contract (720) and the cover. Objective 0; read by the
    # clock, Sunday could not start before 09:00.
    sc = scenario(weekend_service(AUTUMN), [person("R", 12)], staffing=[level("08:00-14:00", 1, day="sun")])
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 0
    sat, sun = result.roster.shifts
    assert (sat.end, sun.start) == (datetime(2027, 10, 30, 22), datetime(2027, 10, 31, 8))
