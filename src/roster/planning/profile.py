"""Seasonal profiles: weekly hours that follow the seasons over a leave year.

A profile gives relative weekly hours per calendar month (``44`` April to September and
``30`` October to March, say), for the whole team or one person; it is **scaled** to each
contract so that its average week over the leave year is the contract's week. Reading: the
profile moves hours between the seasons and never adds or removes any, so the year's hours
before leave and bank holidays are the contract's (``annual.py``), and leave and bank
holidays are then credited at the rate of the week they fall in (CONTRACT_HOURS, as in any
roster). A week belongs to the month of its Monday.

A profile a person could not work legally is refused, with the weeks and figures
(:func:`.yeardata.check_legal`, the year plan's own check):

* WTR_AVERAGE: (A + B) / C over any 17 weeks (the service's reference period), the weeks
  before the plan counted from what the person's history says each date was (hours, and
  the excluded days that bring in B), or their contract's week where there is none, may
  not exceed 48 hours, unless the person has opted out;
* YOUNG_WORKER: no week over 40 hours while the person is under 18.

The year planner scales a profile to each person's annual hours (:func:`.yeardata.annualised`)
and writes each roster period's weeks as the person's ``week_hours``, so CONTRACT_HOURS
credits leave and bank holidays at the rate of the week they fall in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from roster.domain import SeasonalHours
from roster.planning.annual import POLICY_RULE, AnnualRule, leave_year
from roster.timegrid import MONTHS, parse_months


class ProfileError(ValueError):
    """A profile that cannot be used: the message names the person, the weeks and the figure."""


@dataclass(frozen=True)
class Profile:
    """Relative weekly hours per calendar month (1-12)."""

    monthly: Mapping[int, Decimal]

    @classmethod
    def of(cls, seasons: Mapping[str, float | Decimal | str]) -> Profile:
        """From seasons (``{"apr-sep": 44, "oct-mar": 30}``); every month once."""
        monthly: dict[int, Decimal] = {}
        for months, hours in seasons.items():
            value = Decimal(str(hours))
            if value < 0:
                raise ValueError(f"{months}: {value} hours is negative")
            for m in parse_months(months):
                if m in monthly:
                    raise ValueError(f"{MONTHS[m - 1]} is in two seasons of the profile")
                monthly[m] = value
        missing = [MONTHS[m - 1] for m in range(1, 13) if m not in monthly]
        if missing:
            raise ValueError(f"the profile gives no hours for {', '.join(missing)}")
        if not any(monthly.values()):
            raise ValueError("the profile gives 0 hours in every month")
        return cls(monthly)

    @classmethod
    def from_demand(cls, demand: Mapping[int, float]) -> Profile:
        """Weekly hours in proportion to a demand curve per month (visits, calls, ...)."""
        return cls.of({MONTHS[m - 1]: Decimal(str(v)) for m, v in demand.items()})


def year_weeks(start_year: int, rule: AnnualRule = POLICY_RULE) -> list[dt.date]:
    """The Mondays of the weeks of the leave year: a week belongs to the leave year (and the
    month) of its Monday, so no week is counted in two years. A year holds 52 weeks, or 53
    when it holds 53 Mondays: 52.18 on average, as the annual hours assume."""
    first, last = leave_year(start_year, rule)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    out = []
    while monday <= last:
        out.append(monday)
        monday += dt.timedelta(weeks=1)
    return out


HUNDREDTH = Decimal("0.01")


def profiles_from_rows(rows: Sequence[SeasonalHours]) -> dict[str, Profile]:
    """Profile rows (``year/profile.csv``) -> person id (``""``: the whole team) -> profile."""
    seasons: dict[str, dict[str, float]] = {}
    for row in rows:
        seasons.setdefault(row.employee_id or "", {})[row.months] = row.hours_per_week
    return {who: Profile.of(parts) for who, parts in seasons.items()}


def scaled(
    profile: Profile, weekly_hours: float | Decimal, weeks: Sequence[dt.date]
) -> dict[dt.date, Decimal]:
    """Each week's contracted hours: the profile scaled so that its mean over ``weeks`` is
    ``weekly_hours`` (to the hundredth of an hour)."""
    raw = [profile.monthly[w.month] for w in weeks]
    mean = sum(raw, Decimal(0)) / len(raw)
    k = Decimal(str(weekly_hours)) / mean
    return {w: (r * k).quantize(HUNDREDTH, rounding=ROUND_HALF_UP) for w, r in zip(weeks, raw, strict=True)}


def period_hours(weekly: Mapping[dt.date, Decimal], start: dt.date, weeks: int) -> Decimal:
    """The mean weekly hours of the ``weeks`` weeks from ``start`` (a roster period)."""
    mondays = [start - dt.timedelta(days=start.weekday()) + dt.timedelta(weeks=k) for k in range(weeks)]
    missing = [m for m in mondays if m not in weekly]
    if missing:
        raise ProfileError(f"the profile has no hours for the week of {missing[0]} (outside its leave year)")
    return (sum((weekly[m] for m in mondays), Decimal(0)) / weeks).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
