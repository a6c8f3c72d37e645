"""REST_DAILY: 11 hours between shifts (12 under 18), across the roster start too.

The instance: one week in which only Monday and Tuesday can be worked, a late
service on Monday (17:00-23:00) and an early one on Tuesday (07:00-13:00);
bandwidth 07:00-23:00 both days. One person on 12 h a week works 6 h each day
(6 h needs no break). Without the rule the shifts would be 17:00-23:00 and
07:00-13:00: 8 h apart. With 11 h of rest, 3 h of the two openings must go
uncovered: 12 slots x 15 min x 1 person x 1000 = 180 000, however split.
FAIRNESS adds ``unpopular_max`` (30) per unpopular shift of the busiest
person: Monday's shift must finish after 18:00 (a late finish); the best
rosters start Tuesday at 08:00 or later, so only that one counts: 180 030.
"""

from __future__ import annotations

from datetime import date, datetime

from helpers import FAST, MONDAY, person, solve_checked, tr
from roster.domain import (
    AccrualRule,
    HistoryDay,
    Roster,
    Scenario,
    Service,
    Shift,
    StaffingLevel,
    WorkingTimeRules,
)
from roster.model import solve
from roster.timegrid import parse_clock
from roster.validation import validate

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TUESDAY = date(2027, 1, 5)


def late_early(*, bandwidth: tuple[str, str] = ("07:00-23:00", "07:00-23:00"), **service: object) -> Service:
    opening = {"mon": tr("17:00-23:00"), "tue": tr("07:00-13:00")}
    band = {"mon": tr(bandwidth[0]), "tue": tr(bandwidth[1])}
    return Service(
        name="late then early",
        start_date=MONDAY,
        weeks=1,
        opening={d: opening.get(d) for d in DAYS},
        bandwidth={d: band.get(d) for d in DAYS},
        accrual=AccrualRule(anchor=date(2026, 12, 7)),
        **service,  # type: ignore[arg-type]
    )


def staffed(service: Service, **extra: object) -> Scenario:
    levels = [
        StaffingLevel(day="mon", start=parse_clock("17:00"), end=parse_clock("23:00"), min=1),
        StaffingLevel(day="tue", start=parse_clock("07:00"), end=parse_clock("13:00"), min=1),
    ]
    return Scenario(
        service=service,
        employees=(person("E1", 12, days_per_week=2, **extra),),  # type: ignore[arg-type]
        staffing=tuple(levels),
    )


def shift(day: date, start_hour: int, end_hour: int) -> Shift:
    at = datetime.combine(day, datetime.min.time())
    return Shift(
        employee_id="E1", date=day, start=at.replace(hour=start_hour), end=at.replace(hour=end_hour)
    )


def gap_minutes(roster: Roster) -> int:
    mon, tue = sorted(roster.shifts, key=lambda s: s.start)
    return int((tue.start - mon.end).total_seconds() // 60)


def test_eleven_hours_between_a_late_and_an_early_costs_three_hours_of_cover() -> None:
    result = solve_checked(staffed(late_early()))
    assert result.objective == 180_030
    assert gap_minutes(result.roster) == 11 * 60


def test_without_the_rule_the_shifts_sit_eight_hours_apart() -> None:
    rules = WorkingTimeRules(daily_rest_minutes=8 * 60)
    result = solve_checked(staffed(late_early(working_time=rules)))
    assert result.objective == 60  # a late finish and an early start: 2 x 30
    assert gap_minutes(result.roster) == 8 * 60


def test_an_under_18_needs_twelve_hours() -> None:
    # Born 2010-06-01: 16 on the roster dates. 4 h short: 16 slots x 15 x 1000, + 30.
    result = solve_checked(staffed(late_early(), date_of_birth=date(2010, 6, 1)))
    assert result.objective == 240_030
    assert gap_minutes(result.roster) == 12 * 60


def test_the_last_shift_before_the_roster_counts() -> None:
    # A shift that ended at 23:00 on Sunday 3 January (history) keeps Monday's
    # shift from starting before 10:00; Monday's shift is 17:00-23:00 anyway,
    # so look at a service whose Monday is early: Monday 07:00-13:00 is then 3 h short,
    # and Tuesday's 07:00 start is the one unpopular shift (+30).
    sc = staffed(late_early())
    early_monday = sc.model_copy(
        update={
            "service": sc.service.model_copy(
                update={"opening": {**sc.service.opening, "mon": tr("07:00-13:00")}}
            ),
            "staffing": (
                StaffingLevel(day="mon", start=parse_clock("07:00"), end=parse_clock("13:00"), min=1),
                StaffingLevel(day="tue", start=parse_clock("07:00"), end=parse_clock("13:00"), min=1),
            ),
            "history": (
                HistoryDay(employee_id="E1", date=date(2027, 1, 3), hours=8,
                           shift_end=datetime(2027, 1, 3, 23, 0)),
            ),
        }
    )
    result = solve_checked(Scenario.model_validate(early_monday.model_dump()))
    assert result.objective == 180_030
    monday = min(result.roster.shifts, key=lambda s: s.start)
    assert monday.start >= datetime(2027, 1, 4, 10, 0)


def test_infeasible_twin_names_the_rest_rule() -> None:
    # Bandwidth equal to the openings: 6 h each day is forced, 8 h apart.
    sc = staffed(late_early(bandwidth=("17:00-23:00", "07:00-13:00")))
    result = solve(sc, FAST)
    assert result.status == "INFEASIBLE"
    assert any("REST_DAILY" in d and "E1" in d for d in result.diagnosis), result.diagnosis


def test_validator_measures_the_gap_and_the_limit() -> None:
    sc = staffed(late_early())
    roster = Roster(
        shifts=(
            shift(MONDAY, 17, 23),
            shift(TUESDAY, 7, 13),
        )
    )
    (v,) = [v for v in validate(sc, roster).violations if v.rule == "REST_DAILY"]
    assert (v.employee_id, v.date, v.measured, v.limit, v.hard) == ("E1", TUESDAY, 480, 660, True)
    assert "8 h rest" in v.message and "11 h" in v.message


def test_validator_counts_the_history_shift_end() -> None:
    sc = staffed(late_early()).model_copy(
        update={
            "history": (
                HistoryDay(employee_id="E1", date=date(2027, 1, 3), hours=10,
                           shift_end=datetime(2027, 1, 4, 8, 0)),
            )
        }
    )
    roster = Roster(
        shifts=(
            shift(MONDAY, 17, 23),
        )
    )
    (v,) = [v for v in validate(sc, roster).violations if v.rule == "REST_DAILY"]
    assert (v.date, v.measured, v.limit) == (MONDAY, 540, 660)
