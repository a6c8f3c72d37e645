"""Seasonal profiles: weekly hours that follow the seasons over a leave year.

A profile gives relative weekly hours per calendar month (``44`` April to September and
``30`` October to March, say), for the whole team or one person; it is **scaled** to each
contract so that its average week over the leave year is the contract's week. Reading: the
profile moves hours between the seasons and never adds or removes any, so the year's hours
before leave and bank holidays are the contract's (``annual.py``), and leave and bank
holidays are then credited at the rate of the week they fall in (CONTRACT_HOURS, as in any
roster). A week belongs to the month of its Monday.

A profile a person could not work legally is refused, with the weeks and figures:

* WTR_AVERAGE: the mean of the profile's weekly hours over any 17 weeks (the service's
  reference period), the weeks before the leave year counted from the person's history
  (or their contract's week where there is none), may not exceed 48 hours, unless the
  person has opted out;
* YOUNG_WORKER: no week over 40 hours while the person is under 18.

A roster period's contracted hours then come from the profile through the ordinary
CONTRACT_HOURS rule: :func:`period_hours` gives the person's weekly hours for the
period's weeks (their mean), which the year planner writes as ``hours_per_week``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from roster.domain import Employee, Scenario, SeasonalHours, is_young
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
    """The Mondays of the weeks of the leave year (the week holding its first day onwards)."""
    first, last = leave_year(start_year, rule)
    monday = first - dt.timedelta(days=first.weekday())
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


def check_legal(scenario: Scenario, employee: Employee, weekly: Mapping[dt.date, Decimal]) -> None:
    """Refuse (:class:`ProfileError`) weekly hours the person could not work legally."""
    wt = scenario.service.working_time
    weeks = sorted(weekly)
    for w in weeks:
        if is_young(employee.date_of_birth, w) and weekly[w] * 60 > wt.young_max_weekly_minutes:
            raise ProfileError(
                f"{employee.id}: the profile asks {weekly[w]} h in the week of {w}, but {employee.id} is "
                f"under 18 then and may work at most {wt.young_max_weekly_minutes / 60:g} h a week "
                "(YOUNG_WORKER)"
            )
    if any(scenario.opted_out(employee.id, w) for w in weeks):
        return
    n = wt.reference_weeks
    history: dict[dt.date, Decimal] = {}
    for h in scenario.history:
        if h.employee_id == employee.id:
            monday = h.date - dt.timedelta(days=h.date.weekday())
            history[monday] = history.get(monday, Decimal(0)) + Decimal(str(h.hours))
    before = [weeks[0] - dt.timedelta(weeks=k) for k in range(n - 1, 0, -1)]
    contract = Decimal(str(employee.hours_per_week))
    series = [(w, history.get(w, contract)) for w in before] + [(w, weekly[w]) for w in weeks]
    limit = Decimal(wt.average_max_weekly_minutes) / 60
    for i in range(len(series) - n + 1):
        window = series[i : i + n]
        mean = sum((h for _, h in window), Decimal(0)) / n
        if mean > limit and window[-1][0] >= weeks[0]:
            raise ProfileError(
                f"{employee.id}: the profile averages {mean.quantize(HUNDREDTH)} h a week over the {n} weeks "
                f"{window[0][0]} to {window[-1][0] + dt.timedelta(days=6)}, above the {limit:g}-hour average "
                "(WTR_AVERAGE; history before the year counted); flatten the season or record an opt-out"
            )


def period_hours(weekly: Mapping[dt.date, Decimal], start: dt.date, weeks: int) -> Decimal:
    """The mean weekly hours of the ``weeks`` weeks from ``start`` (a roster period)."""
    mondays = [start - dt.timedelta(days=start.weekday()) + dt.timedelta(weeks=k) for k in range(weeks)]
    missing = [m for m in mondays if m not in weekly]
    if missing:
        raise ProfileError(f"the profile has no hours for the week of {missing[0]} (outside its leave year)")
    return (sum((weekly[m] for m in mondays), Decimal(0)) / weeks).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
