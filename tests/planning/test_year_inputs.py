"""The year's dated inputs (SCENARIO/year/): leave and seasonal demand reach the period holding
their dates; mistakes are located in year/<file>, row and field."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_output_checked
from roster import SolverSettings, load_scenario
from roster.cli import main
from roster.domain import SeasonalLevel
from roster.io import InputError, load_year, read_roster_csv
from roster.planning import plan_year
from roster.planning.hours import seasonal_staffing
from roster.timegrid import parse_clock, roster_days

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
SETTINGS = SolverSettings(time_limit=20, workers=2, seed=0, deterministic_time=1.5)


def level(day: str, lo: int, months: str | None = None) -> SeasonalLevel:
    return SeasonalLevel(day=day, start=parse_clock("09:00"), end=parse_clock("17:00"), min=lo, months=months)


def test_seasonal_rows_go_by_weekday_inside_a_season_and_date_by_date_across_its_edge() -> None:
    rows = [level("mon", 3, "apr-sep"), level("mon", 1, "oct-mar")]
    summer = seasonal_staffing(rows, roster_days(dt.date(2027, 6, 7), 3))
    assert [(r.day, r.min) for r in summer] == [("mon", 3)]
    # 20 Sep, 27 Sep in summer; 4 Oct in winter: the Mondays get a dated row each
    edge = seasonal_staffing(rows, roster_days(dt.date(2027, 9, 20), 3))
    assert [(r.day, r.min) for r in edge] == [("2027-09-20", 3), ("2027-09-27", 3), ("2027-10-04", 1)]


def test_year_files_are_checked_against_the_team_with_file_row_and_field(tmp_path: Path) -> None:
    sc = load_scenario(TINY)
    (tmp_path / "leave.csv").write_text(
        "employee_id,start_date,end_date\nT1,2027-10-12,2027-10-13\nT9,2027-11-01,2027-11-02\n"
    )
    with pytest.raises(InputError) as err:
        load_year(tmp_path, sc)
    assert str(err.value).startswith("year/leave.csv, row 3, field employee_id: unknown employee 'T9'")
    (tmp_path / "leave.csv").write_text("employee_id,start_date,end_date\nT1,2027-10-12,2027-10-13\n")
    (tmp_path / "staffing.csv").write_text("day,start,end,skill,min,months\nmon,09:00,17:00,,2,apr-spt\n")
    with pytest.raises(InputError, match=r"year/staffing.csv, row 2, field months"):
        load_year(tmp_path, sc)
    (tmp_path / "staffing.csv").unlink()
    (tmp_path / "Leave2.csv").write_text("employee_id,start_date,end_date\n")
    with pytest.raises(InputError, match="not a file the year planner reads"):
        load_year(tmp_path, sc)


def test_overlapping_seasons_of_one_level_are_refused_naming_both_rows(tmp_path: Path) -> None:
    # June is in both rows: one of them was dropped without a word (June got 2 where row 3 said 3)
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "year").mkdir()
    staffing = folder / "year" / "staffing.csv"
    staffing.write_text(
        "day,start,end,skill,min,months\nmon,09:00,17:00,,2,jan-jun\nmon,09:00,17:00,,3,jun-dec\n"
    )
    with pytest.raises(InputError) as err:
        load_year(folder / "year", load_scenario(folder))
    message = str(err.value)
    assert message.startswith(
        "year/staffing.csv, row 3, field months: the mon team level 09:00-17:00 "
        "(jun-dec) overlaps row 2's 09:00-17:00 (jan-jun) in jun"
    )
    out = CliRunner().invoke(
        main,
        [
            "plan-year",
            str(folder),
            "--from",
            "2027-09-20",
            "--to",
            "2027-10-10",
            "--out",
            str(tmp_path / "plan"),
        ],
    )
    assert out.exit_code == 2 and "row 3" in out.output and "row 2" in out.output, out.output
    assert not (tmp_path / "plan").exists()
    # a row for all year overlaps every season; times that meet but do not overlap, another
    # skill, another weekday or months apart are no overlap
    staffing.write_text("day,start,end,skill,min,months\nmon,09:00,12:00,,2,\nmon,11:00,13:00,,1,dec\n")
    with pytest.raises(InputError, match=r"row 3, field months: .* row 2's 09:00-12:00 \(all year\) in dec"):
        load_year(folder / "year", load_scenario(folder))
    staffing.write_text(
        "day,start,end,skill,min,months\n"
        "mon,09:00,12:00,,2,\n"
        "mon,12:00,17:00,,1,\n"
        "mon,09:00,17:00,revenues,1,\n"
        "tue,09:00,17:00,,3,\n"
        "wed,09:00,17:00,,2,apr-sep\n"
        "wed,09:00,17:00,,3,oct-mar\n"
    )
    assert len(load_year(folder / "year", load_scenario(folder)).staffing) == 6


def test_the_years_leave_and_demand_reach_the_period_holding_their_dates(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "year").mkdir()
    (folder / "year" / "leave.csv").write_text(
        "employee_id,start_date,end_date,type\nT2,2027-10-12,2027-10-15,annual_leave\n"
    )
    staffing = (folder / "staffing.csv").read_text().splitlines()
    rows = ["day,start,end,skill,min,max,months"] + [f"{r},oct-mar" for r in staffing[1:]]
    (folder / "year" / "staffing.csv").write_text("\n".join(rows) + "\n")
    sc = load_scenario(folder)
    year = load_year(folder / "year", sc)
    out = tmp_path / "plan"
    plan_year(sc, dt.date(2027, 9, 20), dt.date(2027, 10, 31), out, SETTINGS, year=year)
    first = load_scenario(out / "periods" / "01-2027-09-20" / "scenario")
    second = load_scenario(out / "periods" / "02-2027-10-11" / "scenario")
    assert not any(lv.employee_id == "T2" for lv in first.leave)
    assert [(lv.start_date, lv.end_date) for lv in second.leave if lv.employee_id == "T2"] == [
        (dt.date(2027, 10, 12), dt.date(2027, 10, 15))
    ]
    # the winter rows hold from October: dated in the first period (it crosses), by weekday in the second
    october = {"2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07", "2027-10-08"}
    assert {r.day for r in first.staffing} == october
    assert {r.day for r in second.staffing} == {"mon", "tue", "wed", "thu", "fri"}
    roster = read_roster_csv(out / "periods" / "02-2027-10-11" / "out" / "roster.csv")
    assert not [
        s
        for s in roster.shifts
        if s.employee_id == "T2" and dt.date(2027, 10, 12) <= s.date <= dt.date(2027, 10, 15)
    ]
    assert_output_checked(first, out / "periods" / "01-2027-09-20" / "out")
    assert_output_checked(second, out / "periods" / "02-2027-10-11" / "out")


def test_plan_year_reads_the_year_folder_and_reports_a_located_mistake(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "year").mkdir()
    (folder / "year" / "profile.csv").write_text(
        "employee_id,months,hours_per_week\n,apr-sep,44\nT7,oct-mar,30\n"
    )
    out = CliRunner().invoke(
        main,
        [
            "plan-year",
            str(folder),
            "--from",
            "2027-09-20",
            "--to",
            "2027-10-10",
            "--time-limit",
            "5",
            "--out",
            str(tmp_path / "plan"),
        ],
    )
    assert out.exit_code == 2
    assert "year/profile.csv, row 3, field employee_id: unknown employee 'T7'" in out.output
    assert not (tmp_path / "plan").exists()
