"""SHIFT_TYPES (hard) and SHIFT_COVER (soft) in the validator: hand-built rosters, exact facts.

A one-week service worked every day 06:00 to 06:00 next day with the types
E 06:00-14:00 (not followed by L), L 14:00-22:00 and N 22:00-06:00 (30:00).
Facts are ``(rule, employee, date, measured, limit)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.domain import DayOff, HistoryDay, ShiftCover, ShiftLimits, ShiftRequest, ShiftType, TimeRange
from roster.validation import shift_cover_table, validate
from roster.validation.context import build_context

from .conftest import MON, day, employee, facts, roster, scenario, service, shift

BAND = TimeRange(start=360, end=1800)
TYPES = (
    ShiftType(id="E", start="06:00", end="14:00", not_followed_by=("L",)),
    ShiftType(id="L", start="14:00", end="22:00"),
    ShiftType(id="N", start="22:00", end="30:00"),
)


def svc(weeks: int = 1) -> Any:
    week = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return service(
        weeks=weeks, opening={}, bandwidth=dict.fromkeys(week, BAND), shift_types=TYPES, unpopular=()
    )


def relief(pid: str = "A", **extra: Any) -> Any:
    return employee(pid, 0, **extra)


def e(d: int, pid: str = "A") -> Any:
    return shift(pid, d, "06:00", "14:00", brk="10:00")


def late(d: int, pid: str = "A") -> Any:
    return shift(pid, d, "14:00", "22:00", brk="18:00")


def test_a_shift_of_no_type_and_a_forbidden_succession() -> None:
    sc = scenario([relief()], svc())
    rs = roster(e(0), late(1), shift("A", 3, "07:00", "15:00", brk="11:00"))
    found = validate(sc, rs).violations
    assert facts(found, "SHIFT_TYPES") == [
        ("SHIFT_TYPES", "A", day(3), 480, None),
        ("SHIFT_TYPES", "A", day(1), 1, 0),
    ]
    assert "E may not be followed by L" in [v.message for v in found if v.rule == "SHIFT_TYPES"][1]


def test_fixed_pattern_staff_keep_their_own_times() -> None:
    sc = scenario(
        [employee("F", 7.5, pattern="fixed")],
        svc(),
        fixed_shifts=[
            {"employee_id": "F", "date": MON, "start": "07:00", "end": "15:00", "break_start": "11:00"}
        ],
    )
    rs = roster(shift("F", 0, "07:00", "15:00", brk="11:00"))
    assert facts(validate(sc, rs).violations, "SHIFT_TYPES") == []


def test_limits_measured_against_their_values() -> None:
    lim = ShiftLimits(
        employee_id="A",
        max_shifts={"E": 2},
        min_total_minutes=2000,
        max_weekends=0,
        max_consecutive_days=2,
    )
    most = ShiftLimits(employee_id="B", max_total_minutes=1200)
    sc = scenario([relief("A"), relief("B")], svc(), shift_limits=[lim, most])
    week = [e(0), e(1), e(2), shift("A", 5, "22:00", "30:00", brk="26:00")]
    rs = roster(*week, *(s.model_copy(update={"employee_id": "B"}) for s in week))
    assert facts(validate(sc, rs).violations, "SHIFT_TYPES") == [
        ("SHIFT_TYPES", "A", None, 3, 2),  # three E shifts
        ("SHIFT_TYPES", "A", None, 1800, 2000),  # 4 x 7 h 30 paid, below the minimum
        ("SHIFT_TYPES", "A", day(2), 3, 2),  # Monday to Wednesday
        ("SHIFT_TYPES", "A", None, 1, 0),  # the Saturday night: one weekend
        ("SHIFT_TYPES", "B", None, 1800, 1200),  # the same week is above B's maximum
    ]


def test_runs_touching_the_roster_edges_are_not_held_to_minimums() -> None:
    lim = ShiftLimits(employee_id="A", min_consecutive_days=3, min_consecutive_days_off=2)
    sc = scenario([relief()], svc(), shift_limits=[lim])
    # Mon (run of 1 at the start: exempt), Wed-Thu (2 < 3), Sat-Sun (run at the end: exempt);
    # days off: Tue (1 < 2) and Fri (1 < 2).
    rs = roster(e(0), e(2), e(3), e(5), e(6))
    assert facts(validate(sc, rs).violations, "SHIFT_TYPES") == [
        ("SHIFT_TYPES", "A", day(2), 2, 3),
        ("SHIFT_TYPES", "A", day(1), 1, 2),
        ("SHIFT_TYPES", "A", day(4), 1, 2),
    ]


def test_history_lengthens_the_first_run() -> None:
    history = [HistoryDay(employee_id="A", date=MON - dt.timedelta(days=k), hours=7.5) for k in (1, 2, 3)]
    sc = scenario(
        [relief()],
        svc(),
        history=history,
        shift_limits=[ShiftLimits(employee_id="A", max_consecutive_days=5)],
    )
    found = validate(sc, roster(e(0), e(1), e(2))).violations
    assert facts(found, "SHIFT_TYPES") == [("SHIFT_TYPES", "A", day(2), 6, 5)]
    assert "with 3 worked just before the roster" in found[0].message


def test_a_shift_on_a_fixed_day_off() -> None:
    sc = scenario([relief()], svc(), days_off=[DayOff(employee_id="A", date=MON)])
    assert facts(validate(sc, roster(e(0))).violations, "SHIFT_TYPES") == [("SHIFT_TYPES", "A", MON, 1, 0)]


def test_shift_cover_counts_people_on_exactly_the_type() -> None:
    lines = [
        ShiftCover(day="mon", shift_type="E", requirement=2, under_weight=100, over_weight=1),
        ShiftCover(day="mon", shift_type="L", requirement=0, under_weight=100, over_weight=3),
        ShiftCover(day="mon", shift_type="E", skill="supervisor", requirement=1),
    ]
    sc = scenario([relief("A"), relief("B"), relief("C", skills=("supervisor",))], svc(), shift_cover=lines)
    rs = roster(e(0, "A"), late(0, "B"), late(0, "C"))
    rows = shift_cover_table(build_context(sc, rs))
    assert [(r.shift_type, r.skill, r.staffed, r.short, r.over) for r in rows] == [
        ("E", None, 1, 1, 0),
        ("E", "supervisor", 0, 1, 0),
        ("L", None, 2, 0, 2),
    ]
    report = validate(sc, rs)
    # 100 (E one short) + 100 000 (no supervisor on E, default weight) + 2 x 3 (L two over)
    assert report.cost_by_rule()["SHIFT_COVER"] == 100 + 100_000 + 6


def test_requests_cost_their_weight_when_refused() -> None:
    reqs = [
        ShiftRequest(employee_id="A", date=day(0), kind="on", shift_type="L", weight=7),  # worked E: refused
        ShiftRequest(employee_id="A", date=day(1), kind="off", shift_type="E", weight=5),  # worked E: refused
        ShiftRequest(employee_id="A", date=day(2), kind="off", weight=3),  # off: honoured
        ShiftRequest(employee_id="A", date=day(3), kind="on", shift_type="E", weight=2),  # worked E: honoured
    ]
    sc = scenario([relief()], svc(), shift_requests=reqs)
    report = validate(sc, roster(e(0), e(1), e(3)))
    refused = [(w.date, w.cost) for w in report.wishes if not w.honoured]
    assert refused == [(day(0), 7), (day(1), 5)]
    # FAIRNESS adds fairness_base (4) x the person's preference cost (12).
    assert report.cost_by_rule() == {"PREFERENCES": 12, "FAIRNESS": 48}


def test_lone_working_on_the_last_night_runs_past_the_roster() -> None:
    # One person alone on the Sunday night of the roster's only week: alone 22:00-24:00 on
    # Sunday and 00:00-06:00 on the Monday after, which the roster does not reach.
    from roster.domain import SafetyRules

    sc = scenario([relief()], svc().model_copy(update={"safety": SafetyRules(min_on_site=2)}))
    found = validate(sc, roster(shift("A", 6, "22:00", "30:00", brk="26:00"))).violations
    assert [(v.date, v.time, v.measured) for v in found if v.rule == "LONE_WORKING"] == [
        (day(6), "22:00-24:00", 1),
        (day(7), "00:00-06:00", 1),
    ]
