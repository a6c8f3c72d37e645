"""Every conversion between calendar time and integer minutes lives here.

Inside the model everything is an integer number of minutes. Two clocks are used:

* *minute of day* (``0..2880``): a wall-clock time on a given date; values of
  1440 and above mean "the next day" so that a shift such as a night shift
  22:00-06:00 is the range ``1320..1800`` of the day it starts on;
* *roster minute*: minutes since 00:00 on the first day of the roster period,
  ``day_index * 1440 + minute_of_day``.

Clock changes (Europe/London) are not applied to roster minutes: a roster is
planned in local wall-clock time, which is what staff read on the rota. The
only shifts a clock change could lengthen or shorten are those that span
01:00-02:00 on the last Sunday of March or October; :func:`elapsed_minutes`
gives their true length for reports.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SATURDAY = 5
"""``date.weekday()`` of a Saturday: the weekend is Saturday and Sunday (:func:`is_weekend`)."""
LONDON = ZoneInfo("Europe/London")

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?$")
"""``HH:MM``; a spreadsheet's ``HH:MM:00`` means the same time (other seconds are refused)."""

BANK_HOLIDAY_REGIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
"""Service ``bank_holidays`` setting -> the UK subdivision of the ``holidays`` package."""


@functools.cache
def bank_holidays(region: str, year: int) -> dict[date, str]:
    """The weekday bank holidays of ``region`` in ``year``, with their names.

    From the ``holidays`` package (pinned), which computes Easter and the
    substitute days ("Boxing Day (observed)") for each year; a holiday on a
    Saturday or Sunday is left out, its weekday substitute kept. ``none``: no
    bank holidays.
    """
    if region == "none":
        return {}
    import holidays

    found = holidays.country_holidays("GB", subdiv=BANK_HOLIDAY_REGIONS[region], years=year)
    return {day: str(name) for day, name in sorted(found.items()) if not is_weekend(day)}


def is_weekend(day: date) -> bool:
    """Whether ``day`` is a Saturday or a Sunday: the one weekend of every rule, report and count
    (``max_weekends``, a closed weekday's credit, bank holidays on weekdays only)."""
    return day.weekday() >= SATURDAY


def weekend_start(day: date) -> date:
    """The Saturday of the weekend ``day`` (a Saturday or a Sunday) falls in."""
    return day - timedelta(days=day.weekday() - SATURDAY)


def parse_clock(text: str, *, allow_next_day: bool = False) -> int:
    """Parse ``"HH:MM"`` into minutes after midnight.

    ``"24:00"`` is accepted as the end of the day. With ``allow_next_day``
    hours up to 47 are accepted (``"30:00"`` is 06:00 the next day).
    """
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a clock time; use HH:MM, e.g. 08:30")
    hours, minutes = int(match.group(1)), int(match.group(2))
    limit = 48 if allow_next_day else 24
    if minutes >= 60 or hours > limit or (hours == limit and minutes > 0):
        raise ValueError(f"{text!r} is not a valid clock time (00:00 to {limit:02d}:00)")
    return hours * 60 + minutes


def format_clock(minute_of_day: int) -> str:
    """Format minutes after midnight as ``HH:MM`` (``25:30`` for 01:30 next day)."""
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def weekday_name(day: date) -> str:
    """Three-letter lower-case weekday (``mon`` .. ``sun``)."""
    return WEEKDAYS[day.weekday()]


def roster_days(start: date, weeks: int) -> list[date]:
    """The dates of a roster period of ``weeks`` weeks starting on ``start``."""
    return [start + timedelta(days=i) for i in range(7 * weeks)]


def to_datetime(day: date, minute_of_day: int) -> datetime:
    """Local (naive, wall-clock) datetime of ``minute_of_day`` on ``day``."""
    return datetime.combine(day, time()) + timedelta(minutes=minute_of_day)


def minute_of_day(day: date, moment: datetime) -> int:
    """Minutes from 00:00 on ``day`` to the wall-clock ``moment`` (may exceed 1440)."""
    delta = moment - datetime.combine(day, time())
    return int(delta.total_seconds() // 60)


def roster_minute(start: date, moment: datetime) -> int:
    """Minutes since 00:00 on the roster start date (wall clock)."""
    return minute_of_day(start, moment)


def elapsed_minutes(begin: datetime, end: datetime) -> int:
    """True elapsed minutes between two Europe/London wall-clock times."""
    a = begin.replace(tzinfo=LONDON)
    b = end.replace(tzinfo=LONDON)
    return int((b.timestamp() - a.timestamp()) // 60)


def is_on_grid(minute: int, slot_minutes: int) -> bool:
    return minute % slot_minutes == 0


def accounting_period_index(anchor: date, weeks: int, day: date) -> int:
    """Index of the accounting period holding ``day``; period 0 starts on ``anchor``.

    Accounting periods are successive blocks of ``weeks`` weeks (4 by default,
    POLICY.md section 3) counted from ``anchor``; negative indices lie before it.
    """
    return (day - anchor).days // (7 * weeks)


def accounting_period_start(anchor: date, weeks: int, index: int) -> date:
    return anchor + timedelta(days=7 * weeks * index)


MONTHS: tuple[str, ...] = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_months(text: str) -> list[int]:
    """``apr-sep`` -> [4, ..., 9]; ``oct-mar`` wraps the year; ``jan`` one month."""
    parts = [p.strip().lower()[:3] for p in re.split(r"\s*-\s*", text.strip())]
    if not 1 <= len(parts) <= 2 or any(p not in MONTHS for p in parts):
        raise ValueError(f"{text!r} is not a month or a range of months (e.g. apr-sep, oct-mar, jan)")
    first, last = MONTHS.index(parts[0]) + 1, MONTHS.index(parts[-1]) + 1
    out = [first]
    while out[-1] != last:
        out.append(out[-1] % 12 + 1)
    return out
