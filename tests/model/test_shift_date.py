"""A shift belongs to the date it starts: a window past midnight never starts a shift after 24:00."""

from __future__ import annotations

from datetime import date, datetime

from helpers import person, scenario, solve_checked, week_service
from roster.domain import StaffingLevel


def test_a_night_window_starts_its_shift_before_midnight(engine: str) -> None:
    # Saturday 9 January 2027 can be worked 23:00-07:00; one person is wanted 01:00-05:00 and
    # the person's contract is 4 h (240 paid, at most 22 banked, no break up to 6 h). The best
    # shift would be 01:00-05:00, but a shift dated Saturday starts on Saturday: at 23:45 at
    # the latest. 23:45-04:00 (255 paid, 15 banked) leaves 04:00-05:00 short: 60 person-minutes
    # x 1000 + 15 = 60 015; 23:45-03:45 (240) leaves 75 short (75 000), and 23:45-05:00 would
    # bank 75 (above 22). No unpopular patterns.
    svc = week_service(
        ("sat",),
        opening="23:00-31:00",
        bandwidth="23:00-31:00",
        start=date(2027, 1, 4),
        bank_holidays="none",
        unpopular=(),
    )
    sc = scenario(svc, [person("N", 4)], staffing=[StaffingLevel(day="sat", start=1500, end=1740, min=1)])
    result = solve_checked(sc, engine=engine)
    assert result.status == "OPTIMAL"
    assert result.objective == 60_015
    (shift,) = result.roster.shifts
    assert (shift.start, shift.end) == (datetime(2027, 1, 9, 23, 45), datetime(2027, 1, 10, 4, 0))
