"""Hard rules: hand-built rosters and the exact violations expected.

Each fact is ``(rule, employee, date, measured, limit)``; times are minutes of
the date (420 = 07:00), lengths in minutes.
"""

from __future__ import annotations

import datetime as dt

from roster.domain import AccrualRule, DateException, Shift, TimeRange
from roster.timegrid import to_datetime
from roster.validation import validate

from .conftest import MON, day, employee, facts, roster, scenario, service, shift, weekdays


def test_time_grid() -> None:
    sc = scenario([employee("A")])
    with_seconds = Shift(
        employee_id="A",
        date=day(2),
        start=to_datetime(day(2), 540) + dt.timedelta(seconds=30),
        end=to_datetime(day(2), 780),
    )
    rs = roster(
        shift("A", 0, "09:05", "15:05"),  # start and end 5 min off the grid
        shift("A", 1, "08:00", "16:00", brk="12:10"),  # break start 10 min off
        with_seconds,  # 09:00:30
    )
    found = validate(sc, rs).violations
    assert facts(found, "TIME_GRID") == [
        ("TIME_GRID", "A", day(0), 5, 15),
        ("TIME_GRID", "A", day(0), 5, 15),
        ("TIME_GRID", "A", day(1), 10, 15),
        ("TIME_GRID", "A", day(2), 0, 15),
    ]
    messages = [v.message for v in found if v.rule == "TIME_GRID"]
    assert messages[0] == "A starts at 09:05 on 2027-01-04; times must be on the 15-minute grid"
    assert messages[3] == "A starts at 09:00:30 on 2027-01-06; times must be on the 15-minute grid"


def test_one_shift_per_date_and_no_overlap_across_midnight() -> None:
    svc = service(
        opening={},
        bandwidth={"mon": {"start": "08:00", "end": "26:00"}, "tue": {"start": "00:00", "end": "12:00"}},
    )
    sc = scenario([employee("A"), employee("B")], svc)
    rs = roster(
        shift("A", 0, "09:00", "13:00"),
        shift("A", 0, "14:00", "18:00"),  # a second shift on Monday
        shift("B", 0, "18:00", "26:00", brk="22:00"),  # Monday night, until 02:00 Tuesday
        shift("B", 1, "01:00", "06:00"),  # Tuesday from 01:00: one hour of overlap
    )
    found = validate(sc, rs).violations
    assert facts(found, "ONE_SHIFT") == [
        ("ONE_SHIFT", "A", day(0), 2, 1),
        ("ONE_SHIFT", "B", day(1), 60, 0),
    ]


def test_bandwidth_and_closed_dates() -> None:
    svc = service(exceptions=[DateException(date=day(2), closed=True, reason="staff training day")])
    sc = scenario([employee("A")], svc)
    rs = roster(
        shift("A", 0, "06:30", "12:00"),  # before 07:00
        shift("A", 1, "13:00", "19:30", brk="16:00"),  # after 19:00
        shift("A", 2, "09:00", "13:00"),  # closed
        shift("A", 5, "09:00", "13:00"),  # Saturday: no bandwidth
    )
    found = [v for v in validate(sc, rs).violations if v.rule == "BANDWIDTH"]
    assert facts(found) == [
        ("BANDWIDTH", "A", day(0), 390, 420),
        ("BANDWIDTH", "A", day(1), 1170, 1140),
        ("BANDWIDTH", "A", day(2), 240, 0),
        ("BANDWIDTH", "A", day(5), 240, 0),
    ]
    assert [v.time for v in found] == ["06:30-07:00", "19:00-19:30", "09:00-13:00", "09:00-13:00"]
    assert found[0].message == "A starts at 06:30 on 2027-01-04; the earliest start is 07:00"
    assert "closed on 2027-01-06 (staff training day)" in found[2].message
    assert "no work is rostered on Saturdays" in found[3].message


def test_shift_length_uses_the_persons_override() -> None:
    sc = scenario([employee("A"), employee("B", max_shift_minutes=480)])
    rs = roster(
        shift("A", 0, "09:00", "12:00"),  # 3 h < 4 h
        shift("A", 1, "07:00", "17:30", brk="12:00"),  # 10 h 30 min > 10 h
        shift("A", 2, "07:00", "17:00", brk="12:00"),  # exactly 10 h: fine
        shift("B", 0, "08:00", "17:00", brk="12:00"),  # 9 h > B's 8 h
    )
    found = [v for v in validate(sc, rs).violations if v.rule == "SHIFT_LENGTH"]
    assert facts(found) == [
        ("SHIFT_LENGTH", "A", day(0), 180, 240),
        ("SHIFT_LENGTH", "A", day(1), 630, 600),
        ("SHIFT_LENGTH", "B", day(0), 540, 480),
    ]
    assert found[1].message == "A works 10 h 30 min on 2027-01-05; the longest shift allowed is 10 h"


def test_breaks() -> None:
    sc = scenario([employee("A"), employee("B")])
    rs = roster(
        shift("A", 0, "09:00", "16:00"),  # 7 h, no break
        shift("A", 1, "09:00", "15:00", brk="12:00"),  # 6 h: no break needed, one given is allowed
        shift("A", 2, "08:00", "16:00", brk="12:00", brk_len=45),  # break of 45 min
        shift("A", 3, "08:00", "16:00", brk="09:30"),  # 1 h 30 min after the start
        shift("A", 4, "08:00", "16:00", brk="15:15"),  # 15 min before the end, 7 h 15 min without
        shift("B", 0, "09:00", "15:00"),  # 6 h without a break: fine
        shift("B", 1, "08:00", "16:00", brk="10:00"),  # 2 h then 5 h 30 min: fine
        shift("B", 2, "07:00", "17:00", brk="13:00"),  # 10 h: 6 h, break, 3 h 30 min: fine
        shift("B", 3, "09:00", "15:15"),  # 6 h 15 min without a break
    )
    found = [v for v in validate(sc, rs).violations if v.rule == "BREAKS"]
    assert facts(found) == [
        ("BREAKS", "A", day(0), 0, 30),
        ("BREAKS", "A", day(2), 45, 30),
        ("BREAKS", "A", day(3), 90, 120),
        ("BREAKS", "A", day(4), 15, 60),
        ("BREAKS", "A", day(4), 435, 360),
        ("BREAKS", "B", day(3), 0, 30),
    ]
    assert found[0].message == (
        "A works 7 h on 2027-01-04 with no break; a shift longer than 6 h needs a 30 min break"
    )
    assert found[2].time == "09:30-10:00"


def test_leave_whole_and_part_day() -> None:
    sc = scenario(
        [employee("A"), employee("B")],
        leave=[
            {"employee_id": "A", "start_date": day(1), "end_date": day(2), "type": "annual_leave"},
            {"employee_id": "A", "start_date": day(3), "end_date": day(3), "start": "12:00", "end": "14:00",
             "type": "training"},
            {"employee_id": "B", "start_date": day(0), "end_date": day(0), "type": "unpaid"},
        ],
    )  # fmt: skip
    rs = roster(
        shift("A", 0, "09:00", "13:00"),  # no leave: fine
        shift("A", 1, "09:00", "13:00"),  # annual leave
        shift("A", 3, "09:00", "13:00"),  # overlaps training 12:00-13:00
        shift("A", 4, "09:00", "13:00"),
        shift("B", 0, "09:00", "13:00"),  # unpaid leave is leave too
        shift("B", 1, "14:00", "18:00"),
    )
    found = [v for v in validate(sc, rs).violations if v.rule == "LEAVE"]
    assert facts(found) == [
        ("LEAVE", "A", day(1), 240, 0),
        ("LEAVE", "A", day(3), 60, 0),
        ("LEAVE", "B", day(0), 240, 0),
    ]
    assert found[1].time == "12:00-13:00"
    assert found[0].message == "A is rostered 09:00-13:00 on 2027-01-05, a day of annual leave"


def test_fixed_pattern() -> None:
    svc = service(exceptions=[DateException(date=day(3), closed=True, reason="bank holiday")])
    fixed = {"start": "08:00", "end": "17:15", "break_start": "12:00"}
    sc = scenario(
        [employee("F", hours=37, pattern="fixed"), employee("G", hours=20, pattern="fixed")],
        svc,
        fixed_shifts=[
            *({"employee_id": "F", "date": day(d), **fixed} for d in range(4)),
            {"employee_id": "G", "date": day(0), "start": "08:00", "end": "12:00"},
        ],
        leave=[{"employee_id": "F", "start_date": day(2), "end_date": day(2)}],
    )
    rs = roster(
        # F Monday: missing. Tuesday: ends 15 min early, break 30 min late.
        shift("F", 1, "08:00", "17:00", brk="12:30"),
        # F Wednesday: annual leave, Thursday: closed; neither fixed shift is owed.
        shift("G", 0, "08:00", "12:00"),  # exactly as given
        shift("G", 1, "09:00", "13:00"),  # G has no fixed shift on Tuesday
    )
    found = [v for v in validate(sc, rs).violations if v.rule == "FIXED_PATTERN"]
    # Tuesday: |17:15 - 17:00| + |12:00 - 12:30| + |12:30 - 13:00| = 15 + 30 + 30 = 75
    assert facts(found) == [
        ("FIXED_PATTERN", "F", day(0), 0, 555),
        ("FIXED_PATTERN", "F", day(1), 75, 0),
        ("FIXED_PATTERN", "G", day(1), 240, 0),
    ]
    assert found[1].message == (
        "F is rostered 08:00-17:00 (break 12:30-13:00) on 2027-01-05; "
        "the fixed pattern is 08:00-17:15 (break 12:00-12:30) (1 h 15 min moved)"
    )


def test_contract_hours_and_taking_back_banked_time() -> None:
    # the accounting period began a week before the roster: B banked in it already
    anchor = MON - dt.timedelta(days=7)
    banked = [{"employee_id": "B", "period_start": anchor, "minutes": 120}]
    svc = service(accrual=AccrualRule(anchor=anchor))
    team = [employee("A", hours=30), employee("B", hours=30), employee("C", hours=30)]
    sc = scenario(team, svc, banked=banked)
    rs = roster(
        *weekdays("A", "09:00", "15:00", days=range(4)),  # 4 x 6 h = 1440 < 1800: 360 short, nothing banked
        *weekdays("B", "09:00", "15:00", days=range(4)),  # 360 short, only 120 banked
        *weekdays("C", "09:00", "15:00", days=range(4)),
        shift("C", 4, "09:00", "13:00"),  # 1440 + 240 = 1680: 120 short ...
    )
    report = validate(sc, rs)
    assert facts(report.violations, "CONTRACT_HOURS") == [
        ("CONTRACT_HOURS", "A", None, -360, 0),
        ("CONTRACT_HOURS", "B", None, -360, -120),
        ("CONTRACT_HOURS", "C", None, -120, 0),  # ... and C has nothing banked
    ]
    assert report.violations[0].message == (
        "A is rostered 24 h paid against a target of 30 h (6 h short); "
        "only 0 min of banked time can be taken back"
    )


def test_accrual_daily_limit_and_period_room() -> None:
    # the accounting period began a week before the roster: B banked in it already
    anchor = MON - dt.timedelta(days=7)
    banked = [{"employee_id": "B", "period_start": anchor, "minutes": 300}]
    svc = service(accrual=AccrualRule(anchor=anchor))
    sc = scenario([employee("A"), employee("B"), employee("C")], svc, banked=banked)
    rs = roster(
        # 5 x (7 h - 30 min break) = 5 x 390 = 1950: net 150 > 5 days x 22 = 110
        *weekdays("A", "08:00", "15:00", brk="11:00"),
        # same, but the cap 444 x 30/37 = 360 less 300 banked leaves room for 60
        *weekdays("B", "08:00", "15:00", brk="11:00"),
        # 4 x 390 + 6 h 15 min - 30 min = 1560 + 345 = 1905: net 105 <= 110, fine
        *weekdays("C", "08:00", "15:00", brk="11:00", days=range(4)),
        shift("C", 4, "08:00", "14:15", brk="11:00"),
    )
    report = validate(sc, rs)
    assert facts(report.violations, "ACCRUAL") == [
        ("ACCRUAL", "A", None, 150, 110),
        ("ACCRUAL", "B", None, 150, 60),
    ]
    assert report.hard_violations == report.violations
    # soft ACCRUAL: 150 + 150 + 105 minutes banked x accrual_minute 1
    assert report.cost_by_rule() == {"ACCRUAL": 405}


def test_unknown_rows_are_reported_and_ignored() -> None:
    sc = scenario([employee("A")], staffing=[{"day": "mon", "start": "10:00", "end": "10:15", "min": 1}])
    rs = roster(
        shift("Z", 0, "09:00", "13:00"),  # nobody called Z
        shift("A", MON - dt.timedelta(days=1), "09:00", "13:00"),  # the Sunday before the roster
    )
    report = validate(sc, rs)
    assert facts(report.violations, "UNKNOWN") == [
        ("UNKNOWN", "Z", day(0), None, None),
        ("UNKNOWN", "A", dt.date(2027, 1, 3), None, None),
    ]
    # Z's shift does not count toward cover: Monday 10:00 is one short (1000 x 15 = 15000);
    # A's contract of 1800 min is not met by a shift outside the period: net -1800, and the
    # soft ACCRUAL term counts it as taken back (takeback_minute 1 x 1800 = 1800). Total 16800.
    assert facts(report.violations, "COVERAGE") == [("COVERAGE", None, day(0), 0, 1)]
    assert facts(report.violations, "CONTRACT_HOURS") == [("CONTRACT_HOURS", "A", None, -1800, 0)]
    assert report.cost_by_rule() == {"COVERAGE": 15000, "ACCRUAL": 1800}
    assert report.objective == 16800
    assert not report.is_feasible


def test_opening_closure_credit_lowers_the_target() -> None:
    # A bank holiday on Monday credits 7 h 24 min x 30/37 = 360 min: target 1800 - 360 = 1440.
    svc = service(exceptions=[DateException(date=day(0), closed=True, opening=None, reason="bank holiday")])
    sc = scenario([employee("A")], svc)
    report = validate(sc, roster(*weekdays("A", "09:00", "15:00", days=range(1, 5))))
    assert report.violations == ()
    assert report.objective == 0


def test_exception_opening_inside_bandwidth() -> None:
    svc = service(exceptions=[DateException(date=day(2), opening=TimeRange(start=600, end=1020))])
    sc = scenario([employee("A")], svc)
    report = validate(sc, roster(*weekdays("A", "07:00", "13:00")))
    assert facts(report.violations, "BANDWIDTH") == []


def test_a_break_on_a_short_shift_is_legal_and_unpaid() -> None:
    # POLICY 2 requires a break above 6 hours and forbids none below: a manager's 5 h 45
    # shift with a 30-minute break passes, and pays 5 h 15 against the contract.
    sc = scenario([employee("A", hours=5.25)], service(weeks=1))
    rs = roster(shift("A", 0, "09:00", "14:45", brk="12:00"))
    report = validate(sc, rs)
    assert [v for v in report.violations if v.rule == "BREAKS"] == []
    assert rs.shifts[0].paid_minutes == 315
    assert [v for v in report.violations if v.rule == "CONTRACT_HOURS"] == []
