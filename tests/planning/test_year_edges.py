"""The year's edges: a plan from any Monday and across 1 April, the 52.18-week year, leave at
its week's rate, the banked-time cap pro rata to the contract, excluded days as history says
they were, and every folder the plan writes passing its own ``roster check``."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from roster import SolverSettings, load_scenario
from roster.cli import main
from roster.domain import HistoryDay, Leave, Scenario, contract_target
from roster.io import load_year
from roster.planning import Profile, ProfileError, annual_hours, plan_year, year_bank_holidays, year_weeks

if TYPE_CHECKING:
    from roster.planning.hours import YearHours

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "scenarios" / "tiny"
LIBRARY = ROOT / "scenarios" / "library-leisure"
SETTINGS = SolverSettings(time_limit=20, workers=1, seed=0, deterministic_time=1.0)
SUMMER = Profile.of({"apr-sep": 44, "oct-mar": 30})


def plan_hours(*args: object, **kwargs: object) -> YearHours:
    """The year plan's hours without a roster (imported here, so each test names what it needs)."""
    from roster.planning.hours import plan_hours as hours_of

    return hours_of(*args, **kwargs)  # type: ignore[arg-type]


def tiny(**changes: object) -> Scenario:
    sc = load_scenario(TINY)
    return sc.model_copy(update=changes) if changes else sc


def with_person(sc: Scenario, who: str, **update: object) -> Scenario:
    people = tuple(e.model_copy(update=update) if e.id == who else e for e in sc.employees)
    return sc.model_copy(update={"employees": people})


@pytest.mark.slow
def test_a_plan_starts_on_any_monday_and_checks_an_under_18_in_its_own_weeks(tmp_path: Path) -> None:
    # 29 March 2027 is the last Monday of the leave year 2026/27; its roster runs into 2027/28.
    # T1 was 17 in April 2026 (18 on 1 June 2026): a year before the plan, so no refusal.
    sc = with_person(tiny(), "T1", date_of_birth=dt.date(2008, 6, 1))
    plan = plan_year(
        sc, dt.date(2027, 3, 29), dt.date(2027, 4, 18), tmp_path / "plan", SETTINGS, profiles={"": SUMMER}
    )
    assert [p.start for p in plan.periods] == [dt.date(2027, 3, 29)]
    period = load_scenario(tmp_path / "plan" / "periods" / "01-2027-03-29" / "scenario")
    weeks = next(e for e in period.employees if e.id == "T1").week_hours
    assert weeks[0] < 37 < weeks[1] == weeks[2]  # a March (winter) week, then two April (summer) weeks
    # a year later the same person would be 17 in the plan's April weeks: refused, naming the first
    young = with_person(tiny(), "T1", date_of_birth=dt.date(2009, 6, 1))
    refusal = r"T1: the profile asks 44\.\d\d h in the week of 2027-04-05, but T1 is under 18 then "
    with pytest.raises(ProfileError, match=refusal + "and may work at most 40 h a week"):
        plan_hours(young, dt.date(2027, 3, 29), dt.date(2027, 4, 18), profiles={"": SUMMER})


def test_a_plan_across_1_april_scales_the_profile_in_each_leave_year_on_its_own() -> None:
    hours = plan_hours(tiny(), dt.date(2027, 3, 15), dt.date(2027, 4, 25), profiles={"": SUMMER})
    t1 = hours.weekly["T1"]
    assert list(t1) == [dt.date(2027, 3, 15) + dt.timedelta(weeks=k) for k in range(6)]
    # By hand: T1 (37 h, no leave booked) works each leave year's annual hours over its weeks:
    # k x (Σ_w r_w (1 - bank holidays_w / 5) - 7 weeks' unbooked leave x mean r) = annual hours,
    # r 44 April-September and 30 October-March by each week's Monday.
    for start_year, week in ((2026, dt.date(2027, 3, 15)), (2027, dt.date(2027, 4, 5))):
        weeks = year_weeks(start_year)
        first, last = weeks[0], weeks[-1] + dt.timedelta(days=6)
        closed = year_bank_holidays(first, last, "england-and-wales")
        r = {w: 44.0 if 4 <= w.month <= 9 else 30.0 for w in weeks}
        worked = sum(r[w] * (1 - sum(1 for d in closed if w <= d < w + dt.timedelta(7)) / 5) for w in weeks)
        worked -= 7 * sum(r.values()) / len(weeks)
        k = float(annual_hours(37, start_year).hours) / worked
        assert t1[week] == pytest.approx(r[week] * k, abs=0.006), start_year
    # 2026/27 has 10 bank holidays and 2027/28 six: the same 30 h season differs between the years
    assert t1[dt.date(2027, 3, 15)] != pytest.approx(30 / 44 * t1[dt.date(2027, 4, 5)], abs=0.01)


def test_the_leave_year_has_52_18_weeks_on_average_and_no_week_in_two_years() -> None:
    assert year_weeks(2026)[-1] == dt.date(2027, 3, 29) and year_weeks(2027)[0] == dt.date(2027, 4, 5)
    assert not set(year_weeks(2026)) & set(year_weeks(2027))
    assert statistics.mean(len(year_weeks(y)) for y in range(2000, 2400)) == pytest.approx(52.18, abs=0.005)
    # library-leisure's whole leave year, flat: each person's year of contracted hours, less leave
    # and bank holidays credited at each week's rate, is their annual hours (1627.26 for 37 h),
    # not 53 weeks' worth (30 h more)
    sc = load_scenario(LIBRARY)
    year = load_year(LIBRARY / "year", sc)
    flat = Profile.of({"jan-dec": 1})
    hours = plan_hours(sc, dt.date(2027, 4, 5), dt.date(2028, 3, 26), profiles={"": flat}, year=year)
    person = next(p for p in hours.data.people if p.id == "L01")
    assert person.year_unbooked[2027] == pytest.approx(0)  # the year's files book its 7 weeks
    targets = 0
    for k in range(len(hours.shells)):
        period = hours.period(k)
        targets += contract_target(period, next(e for e in period.employees if e.id == "L01")).target_minutes
    last_week = year_weeks(2027)[-1]  # 27 March 2028: no roster period of the plan reaches it
    assert last_week not in hours.weekly["L01"] and person.year_work[2027][last_week] == 1
    rest = hours.weekly["L01"][dt.date(2028, 3, 20)]  # flat: every week the same
    assert targets / 60 + rest == pytest.approx(float(annual_hours(37, 2027).hours), abs=0.5)


def test_leave_is_credited_at_its_weeks_rate_and_the_banked_cap_is_pro_rata() -> None:
    # 20 September - 10 October 2027: two summer weeks and a winter one; T2 is on leave
    # Tuesday to Friday of the winter week. The period's scenario as the planner writes it:
    leave = Leave(employee_id="T2", start_date=dt.date(2027, 10, 5), end_date=dt.date(2027, 10, 8))
    period = plan_hours(
        tiny(leave=(leave,)), dt.date(2027, 9, 20), dt.date(2027, 10, 10), profiles={"": SUMMER}
    ).period(0)
    t2 = next(e for e in period.employees if e.id == "T2")
    summer, _, winter = (round(h * 60) for h in t2.week_hours)
    assert summer > winter
    # 4 days of the winter week, each at its week's minutes / 5 (not at the period's mean week)
    assert contract_target(period, t2).target_minutes == 2 * summer + winter - 4 * round(winter / 5)
    # T3's contract is 30 h: the banked-time cap is 444 x 30 / 37 = 360 min, whatever the season
    t3 = next(e for e in period.employees if e.id == "T3")
    assert t3.hours_per_week == 30 and max(t3.week_hours) > 33
    assert contract_target(period, t3).cap_per_period == 360


def history(sc: Scenario, who: str, hours: float, bank_holidays_as: str | None) -> Scenario:
    """16 weeks before 20 September 2027 worked Monday to Friday at ``hours`` a day; the two bank
    holidays in them (31 May, 30 August) off, recorded as ``bank_holidays_as``."""
    rows = []
    for k in range(16 * 7):
        day = dt.date(2027, 9, 20) - dt.timedelta(days=k + 1)
        if day in (dt.date(2027, 5, 31), dt.date(2027, 8, 30)):
            rows.append(HistoryDay(employee_id=who, date=day, hours=0, absence=bank_holidays_as))
        else:
            rows.append(HistoryDay(employee_id=who, date=day, hours=hours if day.weekday() < 5 else 0))
    return sc.model_copy(update={"history": tuple(rows)})


def test_excluded_days_are_read_from_what_the_history_says_they_were(tmp_path: Path) -> None:
    # 16 weeks of 49 h less the two bank holidays (764.4 h) and T1's first plan week, 44.18 h:
    # A / C = 808.58 / 17 = 47.56 h. With the bank holidays recorded as annual leave they are 2
    # excluded days, B = 2 x 44.18 / 5 = 17.67 h: (A + B) / C = 48.6 h, over the 48-hour average.
    as_leave = history(tiny(), "T1", 9.8, "annual_leave")
    with pytest.raises(
        ProfileError,
        match=r"T1: the profile averages 48\.6\d h a week over the 17 weeks "
        r"2027-05-31 to 2027-09-26, above the 48-hour average",
    ):
        plan_year(
            as_leave,
            dt.date(2027, 9, 20),
            dt.date(2027, 10, 10),
            tmp_path / "plan",
            SETTINGS,
            profiles={"": SUMMER},
        )
    assert not (tmp_path / "plan").exists()
    # recorded as what they were, closed days (no absence), they are not excluded: 47.56 h passes
    as_closed = history(tiny(), "T1", 9.8, None)
    hours = plan_hours(as_closed, dt.date(2027, 9, 20), dt.date(2027, 10, 10), profiles={"": SUMMER})
    assert hours.weekly["T1"][dt.date(2027, 9, 20)] == pytest.approx(44.18, abs=0.01)


@pytest.mark.slow
def test_every_folder_the_plan_writes_passes_its_own_roster_check(tmp_path: Path) -> None:
    # T3 (30 h) banked 350 min in the accounting period from 23 August: under the contract's cap
    # (360 min) all year, over a winter week's pro rata (444 x 24.5 / 37 = 294 min)
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    service = (folder / "service.yaml").read_text().replace("2027-01-04", "2027-09-20")
    (folder / "service.yaml").write_text(service)
    for dated in ("preferences.csv", "leave.csv"):  # January's
        (folder / dated).unlink()
    (folder / "banked.csv").write_text("employee_id,period_start,minutes\nT3,2027-08-23,350\n")
    sc = load_scenario(folder)
    out = tmp_path / "plan"
    plan_year(sc, dt.date(2027, 9, 20), dt.date(2027, 10, 31), out, SETTINGS, profiles={"": SUMMER})
    folders = sorted((out / "periods").iterdir())
    assert [f.name for f in folders] == ["01-2027-09-20", "02-2027-10-11"]
    second = load_scenario(folders[1] / "scenario")
    carried = [b.minutes for b in second.banked if b.employee_id == "T3"]
    assert len(carried) == 1 and 294 < carried[0] <= 360  # above the winter week's pro rata
    for f in folders:
        checked = CliRunner().invoke(main, ["check", str(f / "scenario"), str(f / "out" / "roster.csv")])
        assert checked.exit_code == 0, (f.name, checked.output)


def test_the_history_a_roster_leaves_records_a_bank_holiday_as_closed_not_as_leave() -> None:
    from roster import Roster, validate
    from roster.workflow import next_scenario
    from roster.workflow.carry import within

    # T2's week of leave from Monday 30 August 2027, the summer bank holiday (the desk is closed)
    sc = within(tiny(), dt.date(2027, 8, 23))
    sc = sc.model_copy(
        update={
            "leave": (Leave(employee_id="T2", start_date=dt.date(2027, 8, 30), end_date=dt.date(2027, 9, 3)),)
        }
    )
    after, _ = next_scenario(sc, Roster(), validate(sc, Roster()), dt.date(2027, 9, 13))
    days = {h.date: h.absence for h in after.history if h.employee_id == "T2"}
    assert days[dt.date(2027, 8, 30)] is None  # closed: not an excluded day of the 48-hour average
    assert days[dt.date(2027, 8, 31)] == "annual_leave"
