"""Real elapsed time in Europe/London (roster.timegrid): the clock changes, read off the time zone
database, and the real minutes of wall-clock times either side of them."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from roster.timegrid import (
    ClockChange,
    changed_hour_at,
    clock_change,
    clock_changes,
    elapsed_minutes,
    real_boundaries,
    real_minute,
    real_span,
)

SPRING = dt.date(2027, 3, 28)
AUTUMN = dt.date(2027, 10, 31)


def test_the_changes_of_2026_to_2028_are_the_last_sundays_of_march_and_october() -> None:
    found = clock_changes(dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    assert found == [
        ClockChange(dt.date(2026, 3, 29), 60, 120, repeated=False),
        ClockChange(dt.date(2026, 10, 25), 60, 120, repeated=True),
        ClockChange(SPRING, 60, 120, repeated=False),
        ClockChange(AUTUMN, 60, 120, repeated=True),
        ClockChange(dt.date(2028, 3, 26), 60, 120, repeated=False),
        ClockChange(dt.date(2028, 10, 29), 60, 120, repeated=True),
    ]
    assert clock_change(dt.date(2027, 3, 27)) is None


def test_night_shifts_across_the_changes_last_seven_and_nine_hours() -> None:
    sat = dt.date(2027, 3, 27)
    assert real_span(sat, 23 * 60, 31 * 60) == 420
    assert elapsed_minutes(dt.datetime(2027, 3, 27, 23), dt.datetime(2027, 3, 28, 7)) == 420
    sat = dt.date(2027, 10, 30)
    assert real_span(sat, 23 * 60, 31 * 60) == 540
    assert elapsed_minutes(dt.datetime(2027, 10, 30, 23), dt.datetime(2027, 10, 31, 7)) == 540
    # a week holding a change: 167 and 169 hours from Monday 00:00 to Monday 00:00
    assert real_minute(dt.date(2027, 3, 22), dt.date(2027, 3, 29), 0) == 167 * 60
    assert real_minute(dt.date(2027, 10, 25), dt.date(2027, 11, 1), 0) == 169 * 60
    # before the first date: negative, the lost hour counted
    assert real_minute(dt.date(2027, 3, 29), dt.date(2027, 3, 27), 22 * 60) == -(26 * 60 - 60)


def test_slots_of_the_changed_hours_last_no_time_or_twice_their_length() -> None:
    sat = dt.date(2027, 3, 27)
    spring = real_boundaries(sat, sat, 24 * 60, 8, 15)  # 00:00-02:00 on Sunday, 8 slots
    assert [b - a for a, b in itertools.pairwise(spring)] == [15, 15, 15, 15, 0, 0, 0, 0]
    sat = dt.date(2027, 10, 30)
    autumn = real_boundaries(sat, sat, 24 * 60, 8, 15)
    assert [b - a for a, b in itertools.pairwise(autumn)] == [15, 15, 15, 15, 30, 30, 30, 30]
    # no change in the window: plain arithmetic
    assert real_boundaries(sat, sat, 9 * 60, 2, 15) == (540, 555, 570)


def test_times_inside_a_changed_hour_are_named_and_its_ends_are_not() -> None:
    assert changed_hour_at(SPRING, 90) == clock_change(SPRING)
    assert changed_hour_at(AUTUMN, 75) == clock_change(AUTUMN)
    assert changed_hour_at(dt.date(2027, 3, 27), 24 * 60 + 90) == clock_change(SPRING)  # 01:30 the next day
    for minute in (60, 120, 0, 23 * 60):
        assert changed_hour_at(SPRING, minute) is None
        assert changed_hour_at(AUTUMN, minute) is None


@pytest.mark.parametrize(
    ("begin", "end"),
    [
        (dt.datetime(2027, 3, 27, 22, 15), dt.datetime(2027, 3, 28, 9, 45)),
        (dt.datetime(2027, 3, 28, 0, 30), dt.datetime(2027, 3, 28, 3, 0)),
        (dt.datetime(2027, 10, 30, 18, 0), dt.datetime(2027, 10, 31, 2, 0)),
        (dt.datetime(2027, 10, 24, 7, 0), dt.datetime(2027, 11, 2, 7, 0)),
        (dt.datetime(2027, 1, 4, 8, 30), dt.datetime(2027, 1, 4, 17, 0)),
    ],
)
def test_real_minutes_agree_with_the_time_zone_database_away_from_the_changed_hours(
    begin: dt.datetime, end: dt.datetime
) -> None:
    london = ZoneInfo("Europe/London")
    truth = (end.replace(tzinfo=london).timestamp() - begin.replace(tzinfo=london).timestamp()) // 60
    assert elapsed_minutes(begin, end) == truth
    first = dt.date(2027, 1, 1)
    ours = real_minute(first, end.date(), end.hour * 60 + end.minute) - real_minute(
        first, begin.date(), begin.hour * 60 + begin.minute
    )
    assert ours == truth
