"""Employees and their contracts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from roster.domain.base import Frozen

if TYPE_CHECKING:
    from roster.domain.service import ShiftLength

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"


class Employee(Frozen):
    """A member of the team.

    ``hours_per_week`` is the contract (37 is full time, POLICY.md section 2);
    ``days_per_week`` the number of days it is normally worked over, which sets
    the credit for a day of leave (hours / days). ``pattern`` is ``self`` for a
    self-rostered person and ``fixed`` for one whose shifts are given (compressed
    or staggered hours): the solver places those as given and counts them.
    ``hours_per_week = 0`` is relief (bank) staff with no contracted hours: no
    CONTRACT_HOURS target and no banked time (ACCRUAL); their hours are bounded
    by ``shift_limits.csv`` and the working-time rules only.
    """

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    skills: tuple[str, ...] = ()
    hours_per_week: float = Field(ge=0, le=60)
    days_per_week: float = Field(5, gt=0, le=7)
    min_shift_minutes: int | None = Field(None, ge=15)
    max_shift_minutes: int | None = Field(None, ge=15)
    date_of_birth: date | None = None
    pattern: Literal["self", "fixed"] = "self"
    night_worker: bool = False
    """Normally works 3 hours or more between 23:00 and 06:00 (NIGHT_WORK), as the contract says."""
    term_time_only: bool = False
    """Works in school term time only: not available on the service's school-holiday dates,
    whose contracted time is credited like leave (the contract covers term weeks)."""
    week_hours: tuple[float, ...] = ()
    """Contracted hours of each week of the roster period, first week first, where they differ
    from week to week (annualised hours: a seasonal profile gives each week its own); empty:
    ``hours_per_week`` every week. ``hours_per_week`` stays the contract, which pro-rata
    entitlements (the cap on banked time) and assumed history follow."""

    @field_validator("skills", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(s.strip() for s in value.replace(";", ",").split(",") if s.strip())
        return value

    @field_validator("week_hours", mode="before")
    @classmethod
    def _weeks(cls, value: object) -> object:
        if isinstance(value, (int, float)):
            return (value,)
        if isinstance(value, str):
            return tuple(s.strip() for s in value.split(";") if s.strip())
        return value

    @field_validator("week_hours")
    @classmethod
    def _week_range(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        for k, hours in enumerate(value):
            if not 0 <= hours <= 60:
                raise ValueError(f"week {k + 1}: {hours:g} hours is outside 0-60")
        return value

    @model_validator(mode="after")
    def _shift_bounds(self) -> Employee:
        lo, hi = self.min_shift_minutes, self.max_shift_minutes
        if lo is not None and hi is not None and hi < lo:
            raise ValueError(f"max_shift_minutes {hi} is below min_shift_minutes {lo}")
        return self

    def shift_bounds(self, length: ShiftLength) -> tuple[int, int]:
        """The shortest and longest shift this person may be rostered, in minutes, break included:
        their own ``min_shift_minutes`` / ``max_shift_minutes`` where given, else the service's
        ``shift_length`` (SHIFT_LENGTH)."""
        lo = self.min_shift_minutes if self.min_shift_minutes is not None else length.min_minutes
        hi = self.max_shift_minutes if self.max_shift_minutes is not None else length.max_minutes
        return lo, hi

    @property
    def relief(self) -> bool:
        """No contracted hours (bank staff): paid for the hours worked, nothing banked."""
        return self.hours_per_week == 0

    @property
    def weekly_minutes(self) -> int:
        return round(self.hours_per_week * 60)

    @property
    def daily_minutes(self) -> int:
        """Credit for one full day of leave: contracted minutes / days per week."""
        return round(self.weekly_minutes / self.days_per_week)

    def week_minutes(self, week: int) -> int:
        """Contracted minutes of roster week ``week`` (0 = the first): ``week_hours`` when given."""
        if self.week_hours and 0 <= week < len(self.week_hours):
            return round(self.week_hours[week] * 60)
        return self.weekly_minutes

    def day_minutes(self, week: int) -> int:
        """Credit for one full day of leave in roster week ``week``: that week's minutes / days per week."""
        return round(self.week_minutes(week) / self.days_per_week)


class BankedBalance(Frozen):
    """Minutes already banked by a person in the accounting period starting ``period_start``."""

    employee_id: str
    period_start: date
    minutes: int = Field(ge=0)


class FairnessRecord(Frozen):
    """How many times a person gave way (had wishes refused) in earlier rosters."""

    employee_id: str
    gave_way: int = Field(0, ge=0)


class JobShare(Frozen):
    """Two people sharing one post (``job_shares.csv``; POLICY.md section 6).

    Each works at least ``MIN_JOB_SHARE_HOURS`` (16 h) a week. On a date both
    work, their shifts overlap by at least ``handover_minutes`` (0: no handover
    is required). Neither is obliged to cover the other's absence.
    """

    first: str
    second: str
    handover_minutes: int = Field(0, ge=0, le=600)


MIN_JOB_SHARE_HOURS = 16
