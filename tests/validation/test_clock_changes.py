"""Clock changes: hand-built rosters across both changes of 2027 and the exact figures the
validator measures, in real elapsed minutes (docs/rules.md, "Clock changes").

The clocks go forward at 01:00 on Sunday 28 March 2027 (01:00-02:00 does not exist) and back
at 02:00 on Sunday 31 October 2027 (01:00-02:00 happens twice). Each service here runs one week
from the Monday before, open every day 00:00-24:00 with bandwidth to 07:00 the next morning,
no bank holidays. Times ``HH:MM`` as in the scenario files (``31:00`` is 07:00 the next day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.domain import AccrualRule, Service
from roster.validation import cover_table, validate
from roster.validation.average import average_windows

from .conftest import employee, facts, roster, scenario, shift

SPRING = dt.date(2027, 3, 22)
AUTUMN = dt.date(2027, 10, 25)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def week(monday: dt.date, **overrides: Any) -> Service:
    """One week from ``monday``, every day workable 00:00-31:00, open 00:00-24:00."""
    fields: dict[str, Any] = {
        "name": "Control Room",
        "start_date": monday,
        "weeks": 1,
        "accrual": AccrualRule(anchor=monday),
        "bank_holidays": "none",
        "opening": {d: {"start": "00:00", "end": "24:00"} for d in DAYS},
        "bandwidth": {d: {"start": "00:00", "end": "31:00"} for d in DAYS},
    }
    fields.update(overrides)
    return Service.model_validate(fields)


def sat(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=5)


def sun(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=6)


def test_a_night_shift_is_paid_the_time_it_lasts() -> None:
    # 23:00-07:00 with a break at 03:00: 420 real minutes in March, paid 390; 540 in October,
    # paid 510. Against a contract of 7 h (420), March is 30 short (CONTRACT_HOURS, nothing
    # banked to take back) and October 90 over (ACCRUAL: at most 22 banked for the one date).
    for monday, net, rule, limit in ((SPRING, -30, "CONTRACT_HOURS", 0), (AUTUMN, 90, "ACCRUAL", 22)):
        sc = scenario([employee("N", 7)], week(monday))
        rs = roster(shift("N", sat(monday), "23:00", "31:00", brk="27:00"))
        (s,) = rs.shifts
        assert s.paid_minutes == 420 + net
        found = validate(sc, rs).violations
        assert facts(found, rule) == [(rule, "N", None, net, limit)]
        assert not facts(found, "BREAKS") and not facts(found, "TIME_GRID")


def test_a_break_in_the_missing_hour_lasts_no_time_and_one_in_the_repeated_hour_twice() -> None:
    # 23:00-07:00 with its break at 01:00-01:30: in March the break lasts 0 real minutes (the
    # hour does not exist) and its end, 01:30, is no time at all; in October it lasts 60 (it
    # would be taken twice) and 01:30 happens twice. BREAKS measures the break's real length
    # against 30; TIME_GRID the minutes its end lies inside the changed hour (30).
    for monday, lasted, when in ((SPRING, 0, "does not exist"), (AUTUMN, 60, "happens twice")):
        sc = scenario([employee("N", 40)], week(monday))
        rs = roster(shift("N", sat(monday), "23:00", "31:00", brk="25:00"))
        found = validate(sc, rs).violations
        assert facts(found, "BREAKS") == [("BREAKS", "N", sat(monday), lasted, 30)]
        assert facts(found, "TIME_GRID") == [("TIME_GRID", "N", sat(monday), 30, 0)]
        (grid,) = [v.message for v in found if v.rule == "TIME_GRID"]
        go = "forward" if monday == SPRING else "back"
        assert grid == (
            f"N has a break ending at 01:30 on {sun(monday)}, a time that {when} "
            f"(the clocks go {go} on {sun(monday)}: 01:00-02:00 {when}); "
            "a shift or break may start or end at 01:00 or 02:00 but not inside that hour"
        )
        (brk,) = [v.message for v in found if v.rule == "BREAKS"]
        assert brk.endswith("a break is never taken in that hour)")


def test_a_shift_may_not_end_inside_the_repeated_hour() -> None:
    # 18:00-01:30 on Saturday 30 October: 01:30 happens twice, so the end is ambiguous.
    sc = scenario([employee("N", 40)], week(AUTUMN))
    found = validate(sc, roster(shift("N", sat(AUTUMN), "18:00", "25:30", brk="21:00"))).violations
    assert facts(found, "TIME_GRID") == [("TIME_GRID", "N", sat(AUTUMN), 30, 0)]
    # ending at 01:00 or 02:00 is fine (02:00 is after the repeat: 9 h, paid 8 h 30)
    ok = roster(shift("N", sat(AUTUMN), "18:00", "26:00", brk="21:00"))
    assert not facts(validate(sc, ok).violations, "TIME_GRID")
    assert ok.shifts[0].paid_minutes == 510


def test_daily_rest_across_the_night_is_an_hour_shorter_or_longer() -> None:
    # Saturday 16:00-22:00, Sunday from 09:00 (March) / 07:30 (October): 11 h and 9 h 30 on the
    # clock, 10 h and 10 h 30 of real rest, both under the 11 h required.
    for monday, start, gap in ((SPRING, "09:00", 600), (AUTUMN, "07:30", 630)):
        sc = scenario([employee("R", 12)], week(monday))
        rs = roster(shift("R", sat(monday), "16:00", "22:00"), shift("R", sun(monday), start, "13:00"))
        got = facts(validate(sc, rs).violations, "REST_DAILY")
        assert got == [("REST_DAILY", "R", sun(monday), gap, 660)]
    # October, Sunday from 08:00: 10 h on the clock is 11 h of rest
    sc = scenario([employee("R", 12)], week(AUTUMN))
    rs = roster(shift("R", sat(AUTUMN), "16:00", "22:00"), shift("R", sun(AUTUMN), "08:00", "14:00"))
    assert not facts(validate(sc, rs).violations, "REST_DAILY")


def test_weekly_rest_is_measured_in_real_hours() -> None:
    # Monday to Saturday 11:00-21:00, Sunday 20:00-24:00: the longest rest is Saturday 21:00 to
    # Sunday 20:00, 23 h on the clock: 22 h in March (REST_WEEKLY: 24 h needed), 24 h in October.
    for monday, longest in ((SPRING, 1320), (AUTUMN, 1440)):
        sc = scenario([employee("W", 40)], week(monday))
        shifts = [shift("W", monday + dt.timedelta(days=k), "11:00", "21:00", brk="15:00") for k in range(6)]
        rs = roster(*shifts, shift("W", sun(monday), "20:00", "24:00"))
        got = facts(validate(sc, rs).violations, "REST_WEEKLY")
        assert got == ([("REST_WEEKLY", "W", monday, longest, 1440)] if longest < 1440 else [])


def test_cover_needs_nothing_in_the_missing_hour_and_counts_the_repeated_hour_twice() -> None:
    # One person wanted all Sunday; A works 00:00-01:00 and B 02:00-07:00. In March nobody is
    # on duty 01:00-02:00, which does not exist: no requirement, no cost. In October it happens
    # twice: 4 slots each short of one person for 30 real minutes, 120 person-minutes x 1000.
    staffing = [{"day": "sun", "start": "00:00", "end": "07:00", "min": 1}]
    for monday, short in ((SPRING, 0), (AUTUMN, 120)):
        sc = scenario([employee("A", 40), employee("B", 40)], week(monday), staffing=staffing)
        rs = roster(shift("A", sun(monday), "00:00", "01:00"), shift("B", sun(monday), "02:00", "07:00"))
        rows = cover_table(sc, rs)
        hour = [r for r in rows if r.date == sun(monday) and 60 <= r.start < 120 and r.skill is None]
        assert [(r.required_min, r.rostered, r.minutes) for r in hour] == [
            (0 if short == 0 else 1, 0, 0 if short == 0 else 30)
        ] * 4
        report = validate(sc, rs)
        cover = [p for p in report.penalties if p.rule == "COVERAGE"]
        assert sum(p.measure for p in cover) == short
        assert report.cost_by_rule().get("COVERAGE", 0) == 1000 * short


def test_supervision_is_not_needed_in_the_missing_hour() -> None:
    # A trainee from 01:00 and a supervisor from 02:00 on the Sunday: in March they start at the
    # same moment; in October the trainee is alone for 01:00-02:00 twice over, 120 real minutes.
    safety = {"supervision": True}
    for monday, alone in ((SPRING, 0), (AUTUMN, 120)):
        people = [employee("T", 40, skills=["trainee"]), employee("S", 40, skills=["supervisor"])]
        sc = scenario(people, week(monday, safety=safety))
        rs = roster(shift("T", sun(monday), "01:00", "06:00"), shift("S", sun(monday), "02:00", "07:00"))
        got = facts(validate(sc, rs).violations, "SUPERVISION")
        assert got == ([("SUPERVISION", "T", sun(monday), alone, 0)] if alone else [])


def test_the_48_hour_average_counts_real_minutes() -> None:
    # A of the 17-week reference period ending on the Sunday: history at contract / 7 (assumed),
    # plus the Saturday night, 390 real minutes paid in March and 510 in October.
    for monday, paid in ((SPRING, 390), (AUTUMN, 510)):
        sc = scenario([employee("N", 7)], week(monday))
        rs = roster(shift("N", sat(monday), "23:00", "31:00", brk="27:00"))
        window = next(w for w in average_windows(sc, rs) if w.end == sun(monday))
        assert window.worked == 112 * 60 + paid  # 112 history dates at 60 minutes (7 h / 7)
