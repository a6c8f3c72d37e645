"""SHIFT_TYPES, SHIFT_COVER and shift requests, on instances small enough to solve by hand.

One week from Monday 2027-01-04, worked every day 06:00 to 06:00 next day, no
slot cover and no unpopular patterns: the objective is shift cover and
requests only. Types: E 06:00-14:00, L 14:00-22:00, N 22:00-06:00 (30:00),
each 8 h with a 30-minute break. "A" is relief staff (no contracted hours), so
CONTRACT_HOURS and ACCRUAL do not shape the answer. A missing person costs
100 000 (``shift_cover_under``) unless a line says otherwise. A refused
request of weight w costs w, and FAIRNESS adds ``fairness_base`` (4) x w for
the one person who absorbs it: 5 w in all.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from helpers import DAYS, FAST, MONDAY, person, scenario, solve_checked, week_service
from roster.domain import (
    DayOff,
    Employee,
    HistoryDay,
    Scenario,
    ScenarioError,
    ShiftCover,
    ShiftLimits,
    ShiftRequest,
    ShiftType,
)
from roster.model import solve

MISS = 100_000

TYPES = (
    ShiftType(id="E", name="Early", start="06:00", end="14:00", not_followed_by=("L",)),
    ShiftType(id="L", name="Late", start="14:00", end="22:00"),
    ShiftType(id="N", name="Night", start="22:00", end="30:00"),
)


def service(weeks: int = 1, types: tuple[ShiftType, ...] = TYPES, **extra: Any) -> Any:
    return week_service(
        7, opening={}, bandwidth="06:00-30:00", weeks=weeks, shift_types=types, unpopular=(), **extra
    )


def cover(day: str, type_id: str, n: int = 1, **weights: int) -> ShiftCover:
    return ShiftCover(day=day, shift_type=type_id, requirement=n, **weights)


def every_day(type_id: str, n: int = 1) -> list[ShiftCover]:
    return [cover(d, type_id, n) for d in DAYS]


def one(
    limits: dict[str, Any] | None = None,
    people: list[Employee] | None = None,
    weeks: int = 1,
    **tables: Any,
) -> Scenario:
    people = people or [person("A", 0)]
    if limits is not None:
        tables["shift_limits"] = [ShiftLimits(employee_id="A", **limits)]
    return scenario(service(weeks), people, **tables)


def worked(result: Any, pid: str = "A") -> list[tuple[int, str]]:
    """(day index, HH:MM start) of each shift of ``pid``."""
    return sorted(
        ((s.date - MONDAY).days, s.start.strftime("%H:%M"))
        for s in result.roster.shifts
        if s.employee_id == pid
    )


# -- types and cover ---------------------------------------------------------------------------------


def test_a_shift_is_exactly_one_type_and_meets_its_cover() -> None:
    result = solve_checked(one(shift_cover=[cover("mon", "L")]))
    assert result.objective == 0
    assert (0, "14:00") in worked(result)
    assert all(s.start.strftime("%H:%M") in ("06:00", "14:00", "22:00") for s in result.roster.shifts)


def test_a_night_shift_crosses_midnight() -> None:
    result = solve_checked(one(shift_cover=[cover("mon", "N")]))
    night = next(s for s in result.roster.shifts if s.date == MONDAY)
    assert night.end == datetime(2027, 1, 5, 6, 0)


def test_one_person_short_costs_the_under_weight() -> None:
    from roster.domain.rules import RuleCode

    short = solve_checked(one(shift_cover=[cover("mon", "E", 2)]))
    assert short.objective == MISS and short.cost_by_rule() == {RuleCode.SHIFT_COVER: MISS}
    assert solve_checked(one(shift_cover=[cover("mon", "E", 2, under_weight=7)])).objective == 7


def test_over_cover_costs_the_over_weight() -> None:
    # A and B both must work Monday (minimum total 450 minutes, only Monday open to them).
    people = [person("A", 0), person("B", 0)]
    off = [DayOff(employee_id=p, date=MONDAY + timedelta(days=d)) for p in "AB" for d in range(1, 7)]
    limits = [ShiftLimits(employee_id=p, min_total_minutes=450) for p in "AB"]
    sc = scenario(
        service(),
        people,
        days_off=off,
        shift_limits=limits,
        shift_cover=[cover("mon", "E", 1, over_weight=9)],
    )
    # One of them on E is right; the other on L or N costs nothing: 0. Force E for both with
    # a maximum of 0 L and N shifts: one over, 9.
    assert solve_checked(sc).objective == 0
    limits = [ShiftLimits(employee_id=p, min_total_minutes=450, max_shifts={"L": 0, "N": 0}) for p in "AB"]
    assert solve_checked(sc.model_copy(update={"shift_limits": tuple(limits)})).objective == 9


def test_a_dated_line_replaces_the_weekday_line() -> None:
    lines = [cover("mon", "E", 1), cover(MONDAY.isoformat(), "E", 0)]
    result = solve_checked(one(shift_cover=lines))
    assert result.objective == 0


# -- successions and per-person limits --------------------------------------------------------------


def test_a_forbidden_succession_costs_one_of_the_two_shifts() -> None:
    # E on Monday then L on Tuesday is forbidden (rest alone would allow it: 24 h).
    lines = [cover("mon", "E"), cover("tue", "L", under_weight=5)]
    result = solve_checked(one(shift_cover=lines))
    assert result.objective == 5
    assert worked(result)[:1] == [(0, "06:00")]


def test_max_shifts_of_a_type() -> None:
    assert solve_checked(one({"max_shifts": {"E": 1}}, shift_cover=every_day("E")[:3])).objective == 2 * MISS


def test_min_and_max_total_minutes() -> None:
    # One 8-hour shift is 7 h 30 paid: a maximum of 450 minutes allows one of two.
    assert solve_checked(one({"max_total_minutes": 450}, shift_cover=every_day("E")[:2])).objective == MISS
    # A minimum of 900 makes two shifts; with no cover wanted they cost nothing.
    result = solve_checked(one({"min_total_minutes": 900}))
    assert len(worked(result)) >= 2


def test_max_consecutive_days() -> None:
    # Every day E wanted; runs of at most 2: on on off on on off on = 5 of 7.
    assert solve_checked(one({"max_consecutive_days": 2}, shift_cover=every_day("E"))).objective == 2 * MISS


def test_max_consecutive_days_counts_history() -> None:
    # Worked the Saturday and Sunday before: Monday must be off: off on on off on on off = 4 of 7.
    history = [HistoryDay(employee_id="A", date=MONDAY - timedelta(days=k), hours=7.5) for k in (1, 2)]
    sc = one({"max_consecutive_days": 2}, shift_cover=every_day("E"), history=history)
    result = solve_checked(sc)
    assert result.objective == 3 * MISS
    assert 0 not in [d for d, _ in worked(result)]


def test_min_consecutive_days() -> None:
    # E wanted Tuesday and Thursday; a lone working day inside the week is forbidden, so the
    # cheapest is Tuesday to Thursday with Wednesday one over (weight 1).
    lines = [cover(d, "E", 0, over_weight=1) for d in DAYS if d not in ("tue", "thu")]
    lines += [cover("tue", "E"), cover("thu", "E")]
    assert solve_checked(one(shift_cover=lines)).objective == 0
    result = solve_checked(one({"min_consecutive_days": 2}, shift_cover=lines))
    assert result.objective == 1
    # one cheapest roster is Tuesday to Thursday; A is relief staff, so other rosters with
    # free late or night shifts tie with it: every one works Tuesday and Thursday and has no
    # lone working day inside the week
    days = {d for d, _ in worked(result)}
    assert {1, 3} <= days
    for first in days - {d + 1 for d in days}:  # each run of working days, by its first day
        last = first
        while last + 1 in days:
            last += 1
        assert last > first or first == 0 or last == 6, sorted(days)


def test_min_consecutive_days_off() -> None:
    # E wanted Mon, Tue, Thu, Fri; a lone day off on Wednesday is forbidden: work it (over, 1).
    lines = [cover(d, "E") for d in ("mon", "tue", "thu", "fri")] + [cover("wed", "E", 0, over_weight=1)]
    assert solve_checked(one(shift_cover=lines)).objective == 0
    assert solve_checked(one({"min_consecutive_days_off": 2}, shift_cover=lines)).objective == 1


def test_max_weekends() -> None:
    lines = [cover("sat", "E"), cover("sun", "E")]
    sc = scenario(
        service(weeks=2),
        [person("A", 0)],
        shift_cover=lines,
        shift_limits=[ShiftLimits(employee_id="A", max_weekends=1)],
    )
    result = solve_checked(sc)
    # One weekend worked (both days), the other missed: 2 people short.
    assert result.objective == 2 * MISS


def test_a_fixed_day_off_is_never_worked() -> None:
    sc = one(shift_cover=[cover("mon", "E")], days_off=[DayOff(employee_id="A", date=MONDAY)])
    result = solve_checked(sc)
    assert result.objective == MISS
    assert all(s.date != MONDAY for s in result.roster.shifts)


# -- requests ---------------------------------------------------------------------------------------


def test_shift_on_and_off_requests_give_way_to_cover() -> None:
    on = ShiftRequest(employee_id="A", date=MONDAY, kind="on", shift_type="L", weight=7)
    assert solve_checked(one(shift_requests=[on])).objective == 0
    assert solve_checked(one(shift_requests=[on], shift_cover=[cover("mon", "E")])).objective == 5 * 7
    off = ShiftRequest(employee_id="A", date=MONDAY, kind="off", shift_type="E", weight=5)
    assert solve_checked(one(shift_requests=[off], shift_cover=[cover("mon", "E")])).objective == 5 * 5
    any_off = ShiftRequest(employee_id="A", date=MONDAY, kind="off", weight=3)
    assert solve_checked(one(shift_requests=[any_off], shift_cover=[cover("mon", "N")])).objective == 5 * 3


def test_a_request_for_a_date_that_cannot_be_worked_is_refused_whatever_the_roster() -> None:
    on = ShiftRequest(employee_id="A", date=MONDAY, kind="on", shift_type="E", weight=4)
    sc = one(shift_requests=[on], days_off=[DayOff(employee_id="A", date=MONDAY)])
    assert solve_checked(sc).objective == 5 * 4


# -- with contracted staff and the working-time rules --------------------------------------------------


def test_contracted_staff_work_their_hours_in_types() -> None:
    # 22.5 h a week is three 7 h 30 shifts exactly.
    sc = scenario(service(), [person("C", 22.5)], shift_cover=every_day("N"))
    result = solve_checked(sc)
    assert len(result.roster.shifts) == 3
    assert result.objective == 4 * MISS


def test_types_a_young_worker_may_not_work_are_never_rostered() -> None:
    young = person("Y", 0, date_of_birth=date(2010, 6, 1))
    sc = scenario(service(), [young], shift_cover=[cover("mon", "N"), cover("tue", "L", 0)])
    result = solve_checked(sc)
    assert result.objective == MISS  # the night lies in 22:00-06:00, closed to under-18s


# -- infeasible twins and bad input ---------------------------------------------------------------------


def test_limits_that_cannot_all_hold_are_named() -> None:
    # At least two shifts (900 minutes) but at most one E and no L or N.
    sc = one({"min_total_minutes": 900, "max_shifts": {"E": 1, "L": 0, "N": 0}})
    result = solve(sc, FAST)
    assert result.status == "INFEASIBLE"
    assert any("SHIFT_TYPES" in d and "A" in d for d in result.diagnosis), result.diagnosis


def test_min_total_beyond_the_open_days_is_infeasible() -> None:
    off = [DayOff(employee_id="A", date=MONDAY + timedelta(days=d)) for d in range(1, 7)]
    result = solve(one({"min_total_minutes": 900}, days_off=off), FAST)
    assert result.status == "INFEASIBLE"


@pytest.mark.parametrize(
    ("tables", "match"),
    [
        ({"shift_cover": [ShiftCover(day="mon", shift_type="X", requirement=1)]}, "unknown shift type 'X'"),
        ({"shift_limits": [ShiftLimits(employee_id="A", max_shifts={"Q": 1})]}, "unknown shift type 'Q'"),
        ({"shift_requests": [ShiftRequest(employee_id="Z", date=MONDAY, kind="off")]}, "unknown employee"),
        ({"days_off": [DayOff(employee_id="A", date=date(2027, 2, 1))]}, "outside the roster"),
    ],
)
def test_bad_shift_tables_are_located(tables: dict[str, Any], match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        scenario(service(), [person("A", 0)], **tables)


def test_bad_shift_types_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown shift type 'Z'"):
        service(types=(ShiftType(id="E", start="06:00", end="14:00", not_followed_by=("Z",)),))
    with pytest.raises(ValueError, match="outside shift_length"):
        service(types=(ShiftType(id="D", start="07:00", end="19:00"),))
    with pytest.raises(ValueError, match="same times"):
        twins = (ShiftType(id="A", start="07:00", end="15:00"), ShiftType(id="B", start="07:00", end="15:00"))
        service(types=twins)


def test_a_refused_request_says_why() -> None:
    from roster.reports.wishes import refused_wishes
    from roster.validation import validate

    # B can only work lates; one late and one early are wanted on Monday, so A takes the
    # early. A asked for the late (refused: the late already has its one person) and B
    # asked for Monday off (refused: without B the late is one short).
    people = [person("A", 0), person("B", 0)]
    limits = [ShiftLimits(employee_id="B", max_shifts={"E": 0, "N": 0})]
    requests = [
        ShiftRequest(employee_id="A", date=MONDAY, kind="on", shift_type="L", weight=1),
        ShiftRequest(employee_id="B", date=MONDAY, kind="off", weight=1),
    ]
    sc = scenario(
        service(),
        people,
        shift_cover=[cover("mon", "E"), cover("mon", "L")],
        shift_limits=limits,
        shift_requests=requests,
    )
    result = solve_checked(sc)
    refused = refused_wishes(sc, result.roster, validate(sc, result.roster))
    reasons = dict(zip(refused["employee_id"], refused["reason"], strict=True))
    assert set(refused["reason_kind"]) == {"cover"}
    assert reasons["A"] == "L on 2027-01-04 already has 1 people of 1 wanted"
    assert reasons["B"] == "needed on L on 2027-01-04: 1 people of 1 wanted, one short without them"


def test_a_first_roster_that_breaks_a_persons_rest_is_replanned_alone() -> None:
    # C's usual type is the early (06:00); they finished a late at 23:00 the Sunday before,
    # so the hand-built Monday early breaks REST_DAILY. C is re-planned alone and the
    # search still starts from a first roster.
    from roster.model.slot.hand_plan import planned_roster
    from roster.validation import validate

    last = MONDAY - timedelta(days=1)
    history = [HistoryDay(employee_id="C", date=last, hours=7.5, shift_end=datetime(2027, 1, 3, 23, 0))]
    sc = scenario(service(), [person("C", 22.5)], history=history, shift_cover=every_day("E"))
    from roster.model.slot.formulation import SlotModel

    hand = validate(sc, planned_roster(SlotModel(sc).index))
    assert [v.rule for v in hand.hard_violations] == ["REST_DAILY"]
    # the slot pipeline's repair (the pattern engine's sequence DP holds that rest itself)
    result = solve_checked(sc, engine="slot")
    assert result.notes == ()
    assert result.objective == 4 * MISS
    # the pattern engine's roster keeps the rest from history's late shift, and is optimal
    pattern = solve_checked(sc)
    assert pattern.engine == "pattern" and pattern.status == "OPTIMAL"
    assert pattern.objective == 4 * MISS
