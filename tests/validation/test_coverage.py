"""COVERAGE and cover_table: slot counts, breaks, date rows, clipping, midnight."""

from __future__ import annotations

from roster.domain import DateException, TimeRange
from roster.validation import cover_table
from roster.validation.context import build_context
from roster.validation.coverage import check_coverage

from .conftest import day, employee, roster, scenario, service, shift

STAFFING_MON = [
    {"day": "mon", "start": "10:00", "end": "11:00", "min": 2, "max": 2},
    {"day": "mon", "start": "10:00", "end": "10:30", "skill": "welsh", "min": 1},
]


def test_under_and_over_with_a_break() -> None:
    sc = scenario(
        [employee("A", skills="advisor;welsh"), employee("B", skills="advisor"), employee("C")],
        staffing=STAFFING_MON,
    )
    rs = roster(
        shift("A", 0, "08:00", "15:00", brk="10:00"),  # on break 10:00-10:30
        shift("B", 0, "10:00", "14:00"),
        shift("C", 0, "10:15", "14:15"),
    )
    # slot  team (min 2 max 2)     welsh (min 1)
    # 10:00 B          -> under 1  nobody -> under 1
    # 10:15 B, C       -> ok       nobody -> under 1
    # 10:30 A, B, C    -> over 1   (no welsh level)
    # 10:45 A, B, C    -> over 1
    # cost: 3 under x 1000 x 15 = 45000; 2 over x 200 x 15 = 6000; total 51000
    violations, penalties = check_coverage(build_context(sc, rs))
    got = [(v.time, v.measured, v.limit, v.hard) for v in violations]
    assert got == [
        ("10:00-10:15", 1, 2, False),
        ("10:00-10:15", 0, 1, False),
        ("10:15-10:30", 0, 1, False),
        ("10:30-10:45", 3, 2, False),
        ("10:45-11:00", 3, 2, False),
    ]
    assert all(v.rule == "COVERAGE" and v.date == day(0) and v.employee_id is None for v in violations)
    assert [p.cost for p in penalties] == [15000, 15000, 15000, 3000, 3000]
    assert sum(p.cost for p in penalties) == 51000
    assert violations[0].message == "2027-01-04 10:00-10:15: 1 people on duty; the minimum is 2 (1 short)"


def test_cover_table_rows() -> None:
    sc = scenario([employee("A", skills="welsh")], staffing=STAFFING_MON)
    rows = cover_table(sc, roster(shift("A", 0, "10:00", "14:00")))
    monday = [r for r in rows if r.date == day(0)]
    # a team row for each of the 34 slots 08:30..16:45, plus welsh rows at 10:00 and 10:15
    assert len([r for r in monday if r.skill is None]) == 34
    welsh = [r for r in monday if r.skill == "welsh"]
    assert [(r.start, r.end, r.rostered, r.under, r.over) for r in welsh] == [
        (600, 615, 1, 0, 0),
        (615, 630, 1, 0, 0),
    ]
    ten = next(r for r in monday if r.skill is None and r.start == 600)
    assert (ten.required_min, ten.required_max, ten.rostered, ten.under, ten.over) == (2, 2, 1, 1, 0)
    nine = next(r for r in monday if r.skill is None and r.start == 540)
    assert (nine.required_min, nine.required_max, nine.rostered) == (0, None, 0)
    # Friday closes at 16:30: 32 slots, all team rows with no requirement
    assert len([r for r in rows if r.date == day(4)]) == 32
    assert not [r for r in rows if r.date in (day(5), day(6))]  # closed at weekends


def test_date_row_replaces_weekday_rows_of_the_same_skill_only() -> None:
    sc = scenario(
        [employee("A", skills="welsh")],
        staffing=[
            {"day": "tue", "start": "12:00", "end": "13:00", "min": 5},  # replaced on 2027-01-05
            {"day": "2027-01-05", "start": "09:00", "end": "09:30", "min": 1},
            {"day": "tue", "start": "16:00", "end": "16:15", "skill": "welsh", "min": 1},  # kept
        ],
    )
    violations, penalties = check_coverage(build_context(sc, roster()))
    # 09:00 and 09:15 team under 1, 16:00 welsh under 1: 3 x 1000 x 15 = 45000
    assert [(v.date, v.time, v.measured, v.limit) for v in violations] == [
        (day(1), "09:00-09:15", 0, 1),
        (day(1), "09:15-09:30", 0, 1),
        (day(1), "16:00-16:15", 0, 1),
    ]
    assert sum(p.cost for p in penalties) == 45000


def test_rows_are_clipped_to_opening_times_and_closed_dates_have_none() -> None:
    svc = service(
        exceptions=[
            DateException(date=day(2), opening=TimeRange(start=600, end=1020), reason="training"),
            DateException(date=day(3), closed=True, reason="closure"),
        ]
    )
    sc = scenario(
        [employee("A")],
        svc,
        staffing=[
            {"day": "wed", "start": "08:00", "end": "10:30", "min": 1},
            {"day": "thu", "start": "09:00", "end": "10:00", "min": 1},
        ],
    )
    violations, penalties = check_coverage(build_context(sc, roster()))
    # Wednesday opens at 10:00: only 10:00 and 10:15 count; Thursday is closed.
    assert [(v.date, v.time) for v in violations] == [(day(2), "10:00-10:15"), (day(2), "10:15-10:30")]
    assert sum(p.cost for p in penalties) == 30000


def test_a_shift_past_midnight_covers_the_next_morning() -> None:
    svc = service(
        opening={"tue": {"start": "00:00", "end": "01:00"}},
        bandwidth={"mon": {"start": "20:00", "end": "26:00"}, "tue": {"start": "00:00", "end": "08:00"}},
    )
    sc = scenario([employee("A")], svc, staffing=[{"day": "tue", "start": "00:00", "end": "01:00", "min": 1}])
    night = roster(shift("A", 0, "22:00", "26:00"))
    assert check_coverage(build_context(sc, night)) == ([], [])
    short = roster(shift("A", 0, "20:00", "24:30"))  # leaves at 00:30: 00:30 and 00:45 uncovered
    violations, penalties = check_coverage(build_context(sc, short))
    assert [(v.date, v.time) for v in violations] == [(day(1), "00:30-00:45"), (day(1), "00:45-01:00")]
    assert sum(p.cost for p in penalties) == 30000


def test_a_person_is_counted_once_and_toward_each_skill() -> None:
    sc = scenario(
        [employee("A", skills="advisor;welsh")],
        staffing=[
            {"day": "mon", "start": "10:00", "end": "10:15", "max": 0},
            {"day": "mon", "start": "10:00", "end": "10:15", "skill": "advisor", "max": 0},
            {"day": "mon", "start": "10:00", "end": "10:15", "skill": "welsh", "max": 0},
        ],
    )
    rs = roster(shift("A", 0, "09:00", "13:00"), shift("A", 0, "10:00", "14:00"))
    violations, penalties = check_coverage(build_context(sc, rs))
    # one person over in three requirements: 3 x 200 x 15 = 9000
    assert [(v.measured, v.limit) for v in violations] == [(1, 0), (1, 0), (1, 0)]
    assert sum(p.cost for p in penalties) == 9000
