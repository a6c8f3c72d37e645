"""Working Time Regulations 1998 as the policy applies them (POLICY.md section 4): figures and history.

Every figure is a parameter with the policy's default. ``HistoryDay`` rows
carry what a person worked before the roster starts, so the rules are checked
across the roster's first day, not on the roster alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from roster.domain.base import Clock, Frozen
from roster.domain.leave import LeaveType

ADULT_AGE = 18


class WorkingTimeRules(Frozen):
    """The service's working-time figures (``working_time:`` in service.yaml).

    ``daily_rest_minutes``: consecutive rest between the end of one shift and the
    start of the next (11 h; 12 h for under-18s, ``young_daily_rest_minutes``).
    The policy's "11 consecutive hours in each 24 hours" is read, as an HR
    adviser would apply it to a roster, as the gap between consecutive shifts:
    with at most one shift a date, every 24 hours then holds such a rest.
    """

    daily_rest_minutes: int = Field(11 * 60, ge=0, le=24 * 60)
    young_daily_rest_minutes: int = Field(12 * 60, ge=0, le=24 * 60)
    weekly_rest: Literal["24_per_7", "48_per_14"] = "24_per_7"
    """REST_WEEKLY: ``24_per_7``, an uninterrupted ``weekly_rest_minutes`` (24 h) in each
    Monday-to-Sunday week; or ``48_per_14``, in each fortnight from the roster's first
    Monday, one rest of ``fortnight_rest_minutes`` (48 h) or two of ``weekly_rest_minutes``.
    A last fortnight cut off by the roster's end must hold one ``weekly_rest_minutes`` rest
    (an assumption: the next roster then needs only its own)."""
    weekly_rest_minutes: int = Field(24 * 60, ge=0, le=7 * 24 * 60)
    fortnight_rest_minutes: int = Field(48 * 60, ge=0, le=14 * 24 * 60)
    young_weekly_rest_minutes: int = Field(48 * 60, ge=0, le=7 * 24 * 60)
    """REST_WEEKLY for under-18s: one uninterrupted rest this long in every week, whatever
    the service chooses."""
    average_max_weekly_minutes: int = Field(48 * 60, ge=0, le=7 * 24 * 60)
    """WTR_AVERAGE: the average working week may not exceed this (48 h)."""
    reference_weeks: Literal[17, 26, 52] = 17
    """WTR_AVERAGE: length of the reference period (17 weeks; 26 or 52 where agreed)."""
    reference_mode: Literal["rolling", "fixed"] = "rolling"
    """WTR_AVERAGE: ``rolling``, every period of ``reference_weeks`` ending on a roster date;
    ``fixed``, successive periods from ``reference_anchor`` (a Monday) ending inside the roster."""
    reference_anchor: dt.date | None = None
    night_average_max_minutes: int = Field(8 * 60, ge=0, le=24 * 60)
    """NIGHT_WORK: a night worker averages at most this (8 h) per 24 hours over each reference
    period, counting the period's days less one weekly rest day per week; no opt-out."""
    opt_out_valid_days: int = Field(365, ge=1)
    """An opt-out lapses this many days after it was signed unless signed again (renewable yearly)."""
    young_max_daily_minutes: int = Field(8 * 60, ge=0, le=24 * 60)
    """YOUNG_WORKER: working time (paid minutes) in a day, under 18; no averaging."""
    young_max_weekly_minutes: int = Field(40 * 60, ge=0, le=7 * 24 * 60)
    """YOUNG_WORKER: working time in a Monday-to-Sunday week, under 18; no averaging."""
    young_break_threshold_minutes: int = Field(270, ge=0)
    """YOUNG_WORKER: an under-18's shift longer than this (4 h 30) has the break."""
    young_night_start: Clock = 22 * 60
    young_night_end: Clock = 6 * 60
    """YOUNG_WORKER: no work between ``young_night_start`` and ``young_night_end`` (next day)."""


class HistoryDay(Frozen):
    """What one person worked on one date before the roster (``history.csv``).

    ``hours`` worked that date (0 on a day off); ``absence`` the type of a
    day's absence (annual leave, sick, ...), empty on a working day or a day
    off; ``shift_end`` when that date's shift ended (ISO date-time; it may be on
    the next date for a night shift), needed for rest across the roster start.
    """

    employee_id: str
    date: dt.date
    hours: float = Field(0, ge=0, le=24)
    absence: LeaveType | None = None
    shift_end: dt.datetime | None = None


EXCLUDED_ABSENCES: frozenset[str] = frozenset(
    {"annual_leave", "sick", "maternity", "paternity", "adoption", "parental"}
)
"""Absence types that are excluded days of a WTR_AVERAGE reference period (POLICY.md section 4).
All annual leave counts: the roster cannot tell statutory from contractual days, and
counting all of it is the reading that never hides a breach."""


class OptOut(Frozen):
    """An adult's written opt-out of the 48-hour average (``opt_outs.csv``).

    In force from ``signed`` until ``opt_out_valid_days`` later (renewal is a new
    row), or until ``notice_days`` after ``cancelled`` when the person cancels it.
    Never for a person under 18.
    """

    employee_id: str
    signed: dt.date
    cancelled: dt.date | None = None
    notice_days: int = Field(7, ge=7, le=92)
    """Notice the person gives when cancelling: 7 days to 3 months (POLICY.md section 4)."""

    def in_force(self, day: dt.date, valid_days: int) -> bool:
        if day < self.signed or day >= self.signed + dt.timedelta(days=valid_days):
            return False
        return self.cancelled is None or day < self.cancelled + dt.timedelta(days=self.notice_days)


def prior_day(
    history: dict[dt.date, HistoryDay], weekly_minutes: int, day: dt.date
) -> tuple[int, bool, bool]:
    """(paid minutes, excluded day, assumed) for a date before the roster.

    From the history row of ``day``; with no row the date is assumed worked at
    ``weekly_minutes / 7`` (an even spread of the contract), and a figure
    resting on it is provisional (WTR_AVERAGE, NIGHT_WORK).
    """
    row = history.get(day)
    if row is None:
        return round(weekly_minutes / 7), False, True
    return round(row.hours * 60), row.absence in EXCLUDED_ABSENCES, False


def reference_ends(rules: WorkingTimeRules, roster_days: list[dt.date]) -> list[dt.date]:
    """Last dates of the WTR_AVERAGE reference periods that end inside the roster."""
    if rules.reference_mode == "rolling":
        return list(roster_days)
    anchor = rules.reference_anchor or roster_days[0]
    length = 7 * rules.reference_weeks
    return [d for d in roster_days if ((d - anchor).days + 1) % length == 0]


def weekly_rest_periods(
    rules: WorkingTimeRules, weeks: int, young_in_week: list[bool]
) -> list[tuple[int, int, list[list[int]]]]:
    """REST_WEEKLY periods of a roster: (first week, number of weeks, options).

    An option is a list of rest lengths (minutes), each to be met by its own
    uninterrupted rest inside the period; the period is legal when one option
    is met. ``young_in_week[k]`` marks weeks in which the person is under 18 on
    some date: such a person gets the weekly rule in every week (48 h in the
    young weeks), which also meets any fortnightly one.
    """
    if rules.weekly_rest == "24_per_7" or any(young_in_week):
        return [
            (k, 1, [[rules.young_weekly_rest_minutes if young_in_week[k] else rules.weekly_rest_minutes]])
            for k in range(weeks)
        ]
    out: list[tuple[int, int, list[list[int]]]] = []
    for k in range(0, weeks, 2):
        if k + 1 < weeks:
            two = [rules.weekly_rest_minutes, rules.weekly_rest_minutes]
            out.append((k, 2, [[rules.fortnight_rest_minutes], two]))
        else:
            out.append((k, 1, [[rules.weekly_rest_minutes]]))
    return out


def break_threshold(
    threshold_minutes: int, rules: WorkingTimeRules, date_of_birth: dt.date | None, day: dt.date
) -> int:
    """The longest shift without a break for this person on ``day``: the service's, or the
    under-18 one when it is shorter."""
    if is_young(date_of_birth, day):
        return min(threshold_minutes, rules.young_break_threshold_minutes)
    return threshold_minutes


def young_night(rules: WorkingTimeRules) -> list[tuple[int, int]]:
    """Minute ranges of a date (0..2880) an under-18 may not work: night before and night after."""
    return [(0, rules.young_night_end), (rules.young_night_start, 1440 + rules.young_night_end)]


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day`` (a 29 February birthday falls on 1 March in other years)."""
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def adult_from(date_of_birth: dt.date) -> dt.date:
    """The 18th birthday: the first date the person is an adult (29 February -> 1 March)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:
        return dt.date(date_of_birth.year + ADULT_AGE, 3, 1)


def is_young(date_of_birth: dt.date | None, day: dt.date) -> bool:
    """Under 18 on ``day``. Without a date of birth a person is taken to be an adult."""
    return date_of_birth is not None and age_on(date_of_birth, day) < ADULT_AGE
