"""The year planner: a chain of rosters carried on from each other, resumable, with a profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_output_checked
from roster import SolverSettings, load_scenario
from roster.cli import main
from roster.io import read_roster_csv
from roster.planning import PlanError, Profile, annual_hours, plan_year
from roster.planning.hours import plan_hours

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
SETTINGS = SolverSettings(time_limit=20, workers=2, seed=0, deterministic_time=1.5)
SUMMER = Profile.of({"apr-sep": 44, "oct-mar": 30})
FIRST, LAST = dt.date(2027, 9, 20), dt.date(2027, 10, 31)  # two 3-week rosters across the change of season


class Stop(Exception):
    pass


def test_a_plan_chains_two_rosters_with_the_profile_and_resumes_after_an_interruption(tmp_path: Path) -> None:
    sc = load_scenario(TINY)
    out = tmp_path / "plan"

    def stop_after_first(done: int, total: int, line: str) -> None:
        assert total == 2
        if done == 1:
            raise Stop

    # both rosters are solved at once on two processes, then reconciled in order; the plan
    # stops after the first is reconciled
    with pytest.raises(Stop):
        plan_year(sc, FIRST, LAST, out, SETTINGS, profiles={"": SUMMER}, progress=stop_after_first, jobs=2)
    drafts = sorted((out / "periods").glob("*/draft/result.json"))
    assert len(drafts) == 2
    solved = [(d.stat().st_mtime_ns, d.read_bytes()) for d in drafts]
    plan = plan_year(sc, FIRST, LAST, out, SETTINGS, profiles={"": SUMMER})
    assert [(p.start, p.resumed) for p in plan.periods] == [(FIRST, True), (dt.date(2027, 10, 11), False)]
    assert [(d.stat().st_mtime_ns, d.read_bytes()) for d in drafts] == solved  # not solved again
    assert plan.periods[1].reconciled in ("kept", "re-solved")
    first = load_scenario(out / "periods" / "01-2027-09-20" / "scenario")
    second = load_scenario(out / "periods" / "02-2027-10-11" / "scenario")
    # each roster's weeks are the year plan's: the profile scaled to T1's annual hours
    weekly = plan_hours(sc, FIRST, LAST, profiles={"": SUMMER}).weekly["T1"]
    t1 = [next(e for e in s.employees if e.id == "T1").week_hours for s in (first, second)]
    assert t1 == [
        tuple(weekly[FIRST + dt.timedelta(weeks=k)] for k in range(3)),
        tuple(weekly[FIRST + dt.timedelta(weeks=k)] for k in range(3, 6)),
    ]
    assert t1[0][0] == t1[0][1] > 37 > t1[0][2] == t1[1][0]  # two summer weeks, then winter
    assert all(e.hours_per_week == 37 for s in (first, second) for e in s.employees if e.id == "T1")
    # the second roster starts from the first: its history holds the first roster's days
    r1 = read_roster_csv(out / "periods" / "01-2027-09-20" / "out" / "roster.csv")
    worked = {(s.employee_id, s.date) for s in r1.shifts}
    assert {(h.employee_id, h.date) for h in second.history if h.hours > 0} >= worked
    for folder, s in (("01-2027-09-20", first), ("02-2027-10-11", second)):
        report = assert_output_checked(s, out / "periods" / folder / "out")
        assert report.objective == next(p.objective for p in plan.periods if folder.endswith(str(p.start)))
    # the glide path: a row per person and roster, the share of the annual hours growing to the end
    t1_rows = [r for r in plan.glide if r["employee_id"] == "T1"]
    assert [r["period"] for r in t1_rows] == [1, 2]
    # the six weeks planned carry the hours the year plan gives them to work (no leave: all of them)
    share = sum(weekly[FIRST + dt.timedelta(weeks=k)] for k in range(6))
    assert t1_rows[1]["annual_share_hours"] == pytest.approx(share, abs=0.01)
    assert float(plan.annual["T1"]) == pytest.approx(share, abs=0.01)
    assert t1_rows[1]["annual_hours"] == float(annual_hours(37, 2027).hours)
    rostered = t1_rows[1]["cumulative_rostered_hours"]
    assert t1_rows[1]["balance_hours"] == pytest.approx(rostered - share, abs=0.02)
    # the year plan's lower bound on the hours short is at most the rosters' total
    assert 0 <= plan.bound <= plan.short_hours + 1e-6
    assert [m["month"] for m in plan.months] == ["2027-09", "2027-10"]


def test_a_plan_folder_of_other_inputs_is_refused_and_a_plan_must_start_on_a_monday(tmp_path: Path) -> None:
    sc = load_scenario(TINY)
    out = tmp_path / "plan"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(PlanError, match="not a plan's folder"):
        plan_year(sc, FIRST, LAST, out, SETTINGS)
    with pytest.raises(PlanError, match="start it on a Monday"):
        plan_year(sc, dt.date(2027, 9, 21), LAST, tmp_path / "other", SETTINGS)
    assert (out / "notes.txt").read_text() == "mine"


def test_plan_year_from_the_command_line_writes_the_tables_and_refuses_an_illegal_profile(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "profile.csv"
    profile.write_text("employee_id,months,hours_per_week\n,apr-sep,44\n,oct-mar,30\n")
    args = [
        "plan-year",
        str(TINY),
        "--from",
        "2027-09-20",
        "--to",
        "2027-10-10",
        "--profile",
        str(profile),
        "--time-limit",
        "20",
        "--out",
        str(tmp_path / "plan"),
    ]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    assert "Planned 1 rosters from 2027-09-20 to 2027-10-10" in out.output
    for name in (
        "periods.csv",
        "glide.csv",
        "months.csv",
        "glide.png",
        "calendars/calendars.xlsx",
        "calendars/T1.html",
        "calendars/T1.png",
    ):
        assert (tmp_path / "plan" / name).stat().st_size > 0
    from icalendar import Calendar

    from roster.io.calendar_ics import event_uid

    period = tmp_path / "plan" / "periods" / "01-2027-09-20"
    assert_output_checked(period / "scenario", period / "out")
    roster = read_roster_csv(period / "out" / "roster.csv")
    cal = Calendar.from_ical((tmp_path / "plan" / "calendars" / "T1.ics").read_bytes())
    uids = {str(e.get("UID")) for e in cal.walk("VEVENT")}
    worked = [s.date for s in roster.shifts if s.employee_id == "T1"]
    assert worked and {event_uid("Tiny Contact Desk", "T1", d) for d in worked} <= uids
    again = CliRunner().invoke(main, args)  # the same inputs: nothing left to solve
    assert again.exit_code == 0 and "(done before)" in again.output
    extreme = tmp_path / "extreme.csv"
    extreme.write_text("employee_id,months,hours_per_week\n,apr-sep,70\n,oct-mar,4\n")
    # from April: the summer weeks are the plan's own (before it they would be history)
    summer = ["plan-year", str(TINY), "--from", "2027-04-05", "--to", "2027-10-10"]
    refused = CliRunner().invoke(main, [*summer, "--profile", str(extreme), "--out", str(tmp_path / "x")])
    assert refused.exit_code == 2 and "above the 48-hour average" in refused.output
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,months,hours_per_week\n,apr-aug,44\n,oct-mar,30\n")
    missing = CliRunner().invoke(main, [*args[:6], "--profile", str(bad), "--out", str(tmp_path / "y")])
    assert missing.exit_code == 2 and "bad.csv, row 2, field months" in missing.output
    assert "sep" in missing.output
