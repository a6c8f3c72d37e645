"""Every conversion between calendar time and integer minutes lives here.

Inside the model everything is an integer number of minutes. Two clocks are used:

* *minute of day* (``0..2880``): a wall-clock time on a given date; values of
  1440 and above mean "the next day" so that a shift such as a night shift
  22:00-06:00 is the range ``1320..1800`` of the day it starts on;
* *roster minute*: minutes since 00:00 on the first day of the roster period,
  ``day_index * 1440 + minute_of_day``.

Both are *positions* on the wall clock, as staff read them on the rota. Every
*measure* of working time (paid minutes, rest, weekly rest, averages) counts
real elapsed minutes in Europe/London instead (:func:`real_minute`,
:func:`elapsed_minutes`): on the night the clocks go forward the hour
01:00-02:00 does not exist (its wall-clock slots last no time), and on the
night they go back it happens twice (each of its slots is worked twice by
whoever is on duty in it). :class:`ClockChange` says which hour of a date is
changed; a time strictly inside it names no single instant, so no shift or
break starts or ends there (TIME_GRID, docs/rules.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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


def today() -> date:
    """Today's date where the teams work (Europe/London), whatever the server's own time zone."""
    return datetime.now(LONDON).date()


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


@dataclass(frozen=True)
class ClockChange:
    """The wall-clock hour ``[start, end)`` of ``day`` (minutes of day) the clocks skip or repeat.

    ``repeated`` False: the clocks go forward (last Sunday of March, 01:00 GMT
    becomes 02:00 BST) and the hour does not exist. ``repeated`` True: they go
    back (last Sunday of October, 02:00 BST becomes 01:00 GMT) and the hour
    happens twice.
    """

    day: date
    start: int
    end: int
    repeated: bool

    @property
    def sign(self) -> int:
        """+1 when each minute of the hour is lived twice, -1 when it is not lived at all."""
        return 1 if self.repeated else -1

    @property
    def what(self) -> str:
        """Words for messages."""
        a, b = format_clock(self.start), format_clock(self.end)
        if self.repeated:
            return f"the clocks go back on {self.day}: {a}-{b} happens twice"
        return f"the clocks go forward on {self.day}: {a}-{b} does not exist"


def _offset(moment: datetime) -> int:
    off = moment.utcoffset()
    assert off is not None
    return int(off.total_seconds() // 60)


@functools.cache
def _year_changes(year: int) -> dict[date, ClockChange]:
    """The clock changes of Europe/London in ``year``, from the time zone database."""
    out: dict[date, ClockChange] = {}
    day = date(year, 1, 1)
    before = _offset(datetime.combine(day - timedelta(days=1), time(12), tzinfo=LONDON))
    while day.year == year:
        after = _offset(datetime.combine(day, time(12), tzinfo=LONDON))
        if after != before:
            # the instant (UTC) the offset changes, searched minute by minute from midnight
            utc = datetime.combine(day, time(), tzinfo=UTC) - timedelta(minutes=before)
            while _offset(utc.astimezone(LONDON)) == before:
                utc += timedelta(minutes=1)
            wall = int((utc.replace(tzinfo=None) - datetime.combine(day, time())).total_seconds() // 60)
            a, b = wall + before, wall + after
            out[day] = ClockChange(day, min(a, b), max(a, b), repeated=after < before)
        before = after
        day += timedelta(days=1)
    return out


def clock_change(day: date) -> ClockChange | None:
    """The hour the clocks skip or repeat on ``day``, if they change that day."""
    return _year_changes(day.year).get(day)


def clock_changes(first: date, last: date) -> list[ClockChange]:
    """The clock changes on the dates ``first`` .. ``last``, in date order."""
    found = (c for y in range(first.year, last.year + 1) for _, c in sorted(_year_changes(y).items()))
    return [c for c in found if first <= c.day <= last]


def _clip(x: int, lo: int, hi: int) -> int:
    return min(max(x, lo), hi)


@functools.cache
def _year_ordinals(year: int) -> tuple[tuple[int, ClockChange], ...]:
    """The year's clock changes with their dates' ordinals (a fast test of "between")."""
    return tuple((d.toordinal(), c) for d, c in sorted(_year_changes(year).items()))


def _real_shift(first: date, day: date, minute: int) -> int:
    """Real minus wall minutes from 00:00 on ``first`` to ``minute`` of ``day``."""
    f, d = first.toordinal(), day.toordinal()
    x = (d - f) * MINUTES_PER_DAY + minute
    k = minute // MINUTES_PER_DAY
    lo, hi = min(f, d + min(0, k)) - 1, max(f, d + max(0, k)) + 1
    total = 0
    for year in range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1):
        for o, c in _year_ordinals(year):
            if lo <= o <= hi:
                base = (o - f) * MINUTES_PER_DAY
                a, b = base + c.start, base + c.end
                total += c.sign * (_clip(x, a, b) - _clip(0, a, b))
    return total


def real_minute(first: date, day: date, minute: int) -> int:
    """Real elapsed minutes (Europe/London) from 00:00 on ``first`` to wall-clock ``minute`` of ``day``.

    Negative before ``first``. A minute of an hour the clocks skip lasts no
    time, and one of an hour they repeat lasts two minutes (it is lived twice),
    so the real length of a wall-clock stretch is the difference of its ends'
    real minutes: 23:00-07:00 over the night of 27/28 March 2027 is 420 real
    minutes, over 30/31 October 2027 540. The ends of a shift never lie
    strictly inside a changed hour (TIME_GRID), where this reading is exact.
    """
    return (day - first).days * MINUTES_PER_DAY + minute + _real_shift(first, day, minute)


def real_boundaries(first: date, day: date, start: int, n: int, g: int) -> tuple[int, ...]:
    """Real roster minutes (from 00:00 on ``first``) of the boundaries ``start + i g``, ``i = 0..n``,
    of ``day``: the slot ``i`` lasts ``out[i + 1] - out[i]`` real minutes (0 in an hour the clocks
    skip, ``2 g`` in one they repeat, ``g`` otherwise)."""
    r0 = real_minute(first, day, start)
    end = start + n * g
    changed = (
        (k, c)
        for k in range(start // MINUTES_PER_DAY, end // MINUTES_PER_DAY + 1)
        if (c := clock_change(day + timedelta(days=k))) is not None
    )
    day_of = MINUTES_PER_DAY
    if not any(c.start + k * day_of < end and start < c.end + k * day_of for k, c in changed):
        return tuple(r0 + i * g for i in range(n + 1))
    return tuple(real_minute(first, day, start + i * g) for i in range(n + 1))


def real_span(day: date, lo: int, hi: int) -> int:
    """Real minutes of the wall-clock stretch ``[lo, hi)`` (minutes of ``day``)."""
    return real_minute(day, day, hi) - real_minute(day, day, lo)


def changed_hour_at(day: date, minute: int) -> ClockChange | None:
    """The clock change whose hour holds ``minute`` of ``day`` strictly inside it (such a time
    does not exist, or happens twice), else ``None``. The hour's own ends are ordinary times."""
    k = minute // MINUTES_PER_DAY
    c = clock_change(day + timedelta(days=k))
    if c is not None and c.start < minute - k * MINUTES_PER_DAY < c.end:
        return c
    return None


def elapsed_minutes(begin: datetime, end: datetime) -> int:
    """True elapsed minutes between two Europe/London wall-clock times (see :func:`real_minute`)."""
    wall = (end - begin).total_seconds()
    first = begin.date()
    adjust = _real_shift(first, end.date(), minute_of_day(end.date(), end)) - _real_shift(
        first, first, minute_of_day(first, begin)
    )
    return int((wall + 60 * adjust) // 60)


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
