"""Staffing levels: minimum and maximum people per slot, per skill or in total."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from roster.domain.base import Anyone, Clock, DayOrDate, Frozen
from roster.timegrid import WEEKDAYS, format_clock, parse_months, weekday_name


class StaffingLevel(Frozen):
    """People required on duty (not on break) in ``[start, end)`` on ``day``.

    ``day`` is a weekday (``mon``..``sun``) or an ISO date; a date row replaces
    the weekday rows of the same skill on that date. ``skill`` empty means the
    whole team. A person counts toward every skill they hold and toward the
    team total. Levels apply inside the Core Service Opening Times only and are
    clipped to them on days with exceptional times.
    """

    day: DayOrDate
    start: Clock
    end: Clock
    skill: Anyone = None
    min: int = Field(0, ge=0)
    max: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StaffingLevel:
        if self.end <= self.start:
            raise ValueError(f"end {format_clock(self.end)} is not after start {format_clock(self.start)}")
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self

    @property
    def date(self) -> date | None:
        return None if self.day in WEEKDAYS else date.fromisoformat(self.day)


class SeasonalLevel(StaffingLevel):
    """A staffing row of a year's demand (``year/staffing.csv``): a :class:`StaffingLevel` for
    the calendar months ``months`` (``apr-sep``, ``oct-mar``, ``dec``; empty: all year). The
    year planner gives each roster period the rows of its dates."""

    months: str | None = None

    @model_validator(mode="after")
    def _months(self) -> SeasonalLevel:
        if self.months is not None:
            parse_months(self.months)
        return self

    def applies(self, day: date) -> bool:
        """Whether the row holds on ``day`` (its month, and its weekday or date)."""
        if self.months is not None and day.month not in parse_months(self.months):
            return False
        return self.day == weekday_name(day) if self.date is None else self.date == day


class SeasonalHours(Frozen):
    """A row of a seasonal profile (``year/profile.csv``): relative weekly hours in the
    months ``months`` for one person (``employee_id``) or, left empty, the whole team."""

    employee_id: str | None = None
    months: str
    hours_per_week: float = Field(ge=0, le=168)

    @model_validator(mode="after")
    def _months(self) -> SeasonalHours:
        parse_months(self.months)
        return self
