"""NIGHT_WORK: a night worker averages at most 8 h per 24 over the reference period.

One week from Monday 3 May 2027 (see tests/model/test_average.py), every day
open 07:00-19:00. N1 is a night worker with 17 weeks of history of 7 days a
week at 7 h 30 (52 h 30 a week: opted out of the 48-hour average, which does
not cover night work). The limit over a 17-week period is 8 h x 6 x 17 =
816 h. The period ending on the roster's Sunday holds 16 x 52 h 30 = 840 h of
history before the roster even starts: no roster can meet it.
"""

from __future__ import annotations

from datetime import date, timedelta

from helpers import FAST, person, solve_checked, week_service
from roster.domain import HistoryDay, OptOut, Roster, Scenario
from roster.model import solve
from roster.validation import validate

START = date(2027, 5, 3)


def scenario(daily: float, *, night_worker: bool = True) -> Scenario:
    history = tuple(
        HistoryDay(employee_id="N1", date=START - timedelta(days=k), hours=daily)
        for k in range(1, 17 * 7 + 1)
    )
    service = week_service(opening="08:00-18:00", start=START, anchor=date(2027, 4, 5), name="nights")
    return Scenario(
        service=service,
        employees=(person("N1", 35, days_per_week=5, night_worker=night_worker),),
        history=history,
        opt_outs=(OptOut(employee_id="N1", signed=date(2027, 1, 4)),),
    )


def test_a_night_worker_over_8_hours_a_day_cannot_be_rostered(engine: str) -> None:
    result = solve(scenario(7.5), FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("NIGHT_WORK" in d and "N1" in d for d in result.diagnosis), result.diagnosis


def test_the_same_history_is_fine_for_a_day_worker_who_opted_out(engine: str) -> None:
    assert solve_checked(scenario(7.5, night_worker=False), engine=engine).has_roster


def test_a_night_worker_within_the_average_is_rostered(engine: str) -> None:
    # 6 h 45 a day of history: the period ending Monday holds 118 x 6 h 45 = 796 h 30
    # plus at most one roster day (9 h 30 paid); each later period loses 6 h 45 of
    # history for each roster day it gains, and the week holds 35 h: all within 816 h.
    result = solve_checked(scenario(6.75), engine=engine)
    assert result.has_roster


def test_validator_measures_the_average_per_24_hours() -> None:
    sc = scenario(7.5)
    found = [v for v in validate(sc, Roster()).violations if v.rule == "NIGHT_WORK"]
    # Monday's period: 118 history days x 7 h 30 = 885 h over 102 days = 8 h 40 min (520 min).
    monday = next(v for v in found if v.date == START)
    assert (monday.measured, monday.limit) == (885 * 60 // 102, 480)
