"""Annual hours (POLICY.md section 6): the hours a contract asks for in a leave year.

    working weeks = weeks in the year - annual leave / days a week - bank holidays / days a week
    annual hours  = weekly hours x working weeks

The policy's example: 37 h a week, 7 weeks' annual leave and 8 statutory days (1.6 weeks) in
an average year of 52.18 weeks: 52.18 - 7 - 1.6 = 43.58 working weeks, **1612.46 hours**.

Readings (each a parameter of :class:`AnnualRule`):

* **Bank holidays**: the policy says their number "varies with Easter (10 in 2026/27, 6 in
  2027/28), so compute it from the calendar": by default the weekday bank holidays of the
  leave year from the ``holidays`` package (England and Wales unless the service says
  otherwise), plus any local closures (a council's extra days); ``bank_holidays="fixed"``
  uses a fixed count instead (8, the example's average).
* **Annual leave** is given in days of a full-time week (``leave_days``: 35, the example's 7
  weeks), plus ``service_step_days`` once ``service_step_years`` of service are complete (a
  council's long-service step; 0 extra by default).
* **Part-timers** are pro rata by construction: leave and bank holidays are counted in
  weeks, so a person's annual hours are their weekly hours times the same working weeks.
* The leave year starts on 1 April by default (``leave_year_start``).

Exact decimal arithmetic; hours rounded to the hundredth at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import Field

from roster.domain import Frozen
from roster.timegrid import bank_holidays as calendar_bank_holidays
from roster.timegrid import is_weekend

HUNDREDTH = Decimal("0.01")


class AnnualRule(Frozen):
    """How a leave year's working weeks are counted (defaults: the policy's example)."""

    weeks_per_year: Decimal = Decimal("52.18")
    days_per_week: int = Field(5, ge=1, le=7)
    leave_days: Decimal = Field(Decimal("35"), ge=0)
    """Annual leave of a full-time week, in days (35: the example's 7 weeks)."""
    service_step_years: int = Field(5, ge=0)
    service_step_days: Decimal = Field(Decimal("0"), ge=0)
    """Extra leave days once ``service_step_years`` of service are complete."""
    bank_holidays: Literal["actual", "fixed"] = "actual"
    fixed_bank_holidays: int = Field(8, ge=0)
    region: Literal["england-and-wales", "scotland", "northern-ireland", "none"] = "england-and-wales"
    leave_year_start: tuple[int, int] = (4, 1)
    """(month, day) the leave year starts."""


POLICY_RULE = AnnualRule()
"""The policy's defaults."""


@dataclass(frozen=True)
class AnnualHours:
    """One contract's year: the counts behind its annual hours."""

    weekly_hours: Decimal
    first: dt.date
    last: dt.date
    leave_days: Decimal
    bank_holidays: tuple[dt.date, ...]
    """The dates counted (empty with a fixed count)."""
    bank_holiday_days: int
    working_weeks: Decimal
    hours: Decimal

    def explain(self, rule: AnnualRule) -> str:
        w = rule.days_per_week
        return (
            f"{rule.weeks_per_year} weeks - {self.leave_days} days' leave / {w} - {self.bank_holiday_days} "
            f"bank holiday(s) / {w} = {self.working_weeks} working weeks; x {self.weekly_hours} h = "
            f"{self.hours} h ({self.first} to {self.last})"
        )


def leave_year(start_year: int, rule: AnnualRule = POLICY_RULE) -> tuple[dt.date, dt.date]:
    """The leave year starting in ``start_year``: (first date, last date)."""
    month, day = rule.leave_year_start
    first = dt.date(start_year, month, day)
    return first, dt.date(start_year + 1, month, day) - dt.timedelta(days=1)


def leave_year_of(day: dt.date, rule: AnnualRule = POLICY_RULE) -> int:
    """The year the leave year holding ``day`` starts in."""
    first, _ = leave_year(day.year, rule)
    return day.year if day >= first else day.year - 1


def year_bank_holidays(
    first: dt.date, last: dt.date, region: str, closures: Iterable[dt.date] = ()
) -> tuple[dt.date, ...]:
    """The weekday bank holidays from ``first`` to ``last``, and the weekday local ``closures``."""
    days: set[dt.date] = set()
    for year in range(first.year, last.year + 1):
        days |= {d for d in calendar_bank_holidays(region, year) if first <= d <= last}
    days |= {d for d in closures if first <= d <= last and not is_weekend(d)}
    return tuple(sorted(days))


def annual_hours(
    weekly_hours: float | Decimal | str,
    start_year: int,
    rule: AnnualRule = POLICY_RULE,
    *,
    years_of_service: int = 0,
    closures: Iterable[dt.date] = (),
) -> AnnualHours:
    """The annual hours of a ``weekly_hours`` contract in the leave year starting in ``start_year``."""
    weekly = Decimal(str(weekly_hours))
    if weekly < 0:
        raise ValueError(f"weekly hours {weekly} is negative")
    first, last = leave_year(start_year, rule)
    leave = rule.leave_days + (rule.service_step_days if years_of_service >= rule.service_step_years else 0)
    if rule.bank_holidays == "fixed":
        dates: tuple[dt.date, ...] = ()
        count = rule.fixed_bank_holidays
    else:
        dates = year_bank_holidays(first, last, rule.region, closures)
        count = len(dates)
    per_week = Decimal(rule.days_per_week)
    weeks = rule.weeks_per_year - leave / per_week - Decimal(count) / per_week
    hours = (weekly * weeks).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    return AnnualHours(weekly, first, last, leave, dates, count, weeks.normalize(), hours)
