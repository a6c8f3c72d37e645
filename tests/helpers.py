"""Builders for tiny scenarios whose optimum can be worked out by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

from roster.domain import (
    AccrualRule,
    Employee,
    Scenario,
    Service,
    SolverSettings,
    StaffingLevel,
    TimeRange,
)
from roster.domain.request import SolveRequest
from roster.timegrid import parse_clock

MONDAY = date(2027, 1, 4)
"""Roster start used by the tiny scenarios; accounting periods from 2026-12-07."""

FAST = SolverSettings(time_limit=30, workers=2, seed=0, deterministic_time=5)


def tr(text: str) -> TimeRange:
    """``"08:30-17:00"`` -> TimeRange."""
    a, b = text.split("-")
    return TimeRange(start=parse_clock(a), end=parse_clock(b, allow_next_day=True))


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def week_service(
    days: tuple[str, ...] | int = DAYS,
    *,
    opening: str | dict[str, str] = "08:30-17:00",
    bandwidth: str | dict[str, str] = "07:00-19:00",
    weeks: int = 1,
    start: date = MONDAY,
    anchor: date = date(2026, 12, 7),
    name: str = "test service",
    **service: Any,
) -> Service:
    """A service open on ``days`` (weekday names, or the first N of Monday..Sunday).

    ``opening`` and ``bandwidth`` are one ``HH:MM-HH:MM`` range for every open
    day, or a range per day; ``anchor`` starts the accounting periods.
    """
    open_days = DAYS[:days] if isinstance(days, int) else days

    def per_day(spec: str | dict[str, str]) -> dict[str, TimeRange | None]:
        given = spec if isinstance(spec, dict) else {d: spec for d in open_days}
        return {d: (tr(given[d]) if d in open_days and d in given else None) for d in DAYS}

    return Service(
        name=name,
        start_date=start,
        weeks=weeks,
        opening=per_day(opening),
        bandwidth=per_day(bandwidth),
        accrual=service.pop("accrual", AccrualRule(anchor=anchor)),
        **service,
    )


def monday_only(
    *,
    opening: str = "08:30-17:00",
    bandwidth: str = "07:00-19:00",
    **service: Any,
) -> Service:
    """A one-week service that only works on Monday 2027-01-04."""
    return week_service(("mon",), opening=opening, bandwidth=bandwidth, name="tiny", **service)


def person(pid: str, hours: float, *skills: str, **extra: Any) -> Employee:
    return Employee(
        id=pid, name=f"Person {pid}", skills=skills or ("advisor",), hours_per_week=hours, **extra
    )


def level(
    span: str, minimum: int = 0, maximum: int | None = None, skill: str | None = None, day: str = "mon"
) -> StaffingLevel:
    t = tr(span)
    return StaffingLevel(day=day, start=t.start, end=t.end, skill=skill, min=minimum, max=maximum)


def scenario(service: Service, employees: list[Employee], **tables: Any) -> Scenario:
    return Scenario(
        service=service,
        employees=tuple(employees),
        **{k: tuple(v) if isinstance(v, list) else v for k, v in tables.items()},
    )


def solve_checked(
    sc: Scenario | SolveRequest, settings: SolverSettings = FAST, engine: str = "auto", preset: Any = None
) -> Any:
    """Solve (a scenario or a request) on ``engine``, then check the roster with the independent
    validator.

    Every solved roster must pass the validator, and the validator's recomputed objective must
    equal the engine's own (computed from its own model: the slot model's terms, or the pattern
    engine's columns and master rows), rule by rule. The roster comes from the engine asked
    for (the pattern engine's may be repaired by the slot model when it breaks a team rule).
    ``preset``: a search preset other than the default.
    """
    from roster import solve, validate
    from roster.domain import RosterSource
    from roster.model.params import DEFAULT_PRESET

    request = SolveRequest.of(sc)
    result = solve(request, settings, engine=engine, preset=preset or DEFAULT_PRESET)
    if result.has_roster:
        report = validate(request.scenario, result.roster, request)
        assert report.hard_violations == (), report.hard_violations
        assert report.objective == result.objective, (report.cost_by_rule(), result.cost_by_rule())
        assert report.cost_by_rule() == {k: v for k, v in result.cost_by_rule().items() if v}
        assert result.checked_objective == report.objective
        assert not any("DISAGREE" in n for n in result.notes), result.notes
        made_by = {
            "pattern": {RosterSource.PATTERN, RosterSource.PATTERN_SLOT},
            "slot": {RosterSource.SLOT},
            "auto": set(RosterSource),
        }[engine]
        assert result.engine in made_by, (engine, result.engine)
    return result
