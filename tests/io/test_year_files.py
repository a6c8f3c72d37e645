"""save_year writes a year folder (SCENARIO/year/) that load_year reads back exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster.domain import Leave, SeasonalHours, SeasonalLevel
from roster.io import YearInputs, load_scenario, load_year
from roster.io.year_files import save_year
from roster.timegrid import parse_clock

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"


def _inputs() -> YearInputs:
    nine, five = parse_clock("09:00"), parse_clock("17:00")
    return YearInputs(
        leave=(
            Leave(employee_id="T1", start_date=dt.date(2027, 8, 2), end_date=dt.date(2027, 8, 6)),
            Leave(
                employee_id="T2",
                start_date=dt.date(2027, 10, 12),
                end_date=dt.date(2027, 10, 12),
                start=parse_clock("13:00"),
                end=five,
                type="training",
            ),
        ),
        staffing=(
            SeasonalLevel(day="mon", start=nine, end=five, min=3, max=5, months="apr-sep"),
            SeasonalLevel(day="mon", start=nine, end=five, min=2, max=5, months="oct-mar"),
            SeasonalLevel(day="tue", start=nine, end=five, skill="revenues", min=1),
            SeasonalLevel(day="2027-12-24", start=nine, end=parse_clock("12:00"), min=1),
        ),
        profile=(
            SeasonalHours(months="apr-sep", hours_per_week=44),
            SeasonalHours(months="oct-mar", hours_per_week=30),
            SeasonalHours(employee_id="T5", months="jan-dec", hours_per_week=20),
        ),
    )


def test_save_year_round_trips(tmp_path: Path) -> None:
    sc = load_scenario(TINY)
    inputs = _inputs()
    save_year(inputs, tmp_path / "year")
    names = sorted(p.name for p in (tmp_path / "year").iterdir())
    assert names == ["leave.csv", "profile.csv", "staffing.csv"]
    back = load_year(tmp_path / "year", sc)
    assert (back.leave, back.staffing, back.profile) == (inputs.leave, inputs.staffing, inputs.profile)
    assert back.sources == ("year/leave.csv", "year/staffing.csv", "year/profile.csv")
    text = (tmp_path / "year" / "staffing.csv").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["day,start,end,skill,min,max,months", "mon,09:00,17:00,,3,5,apr-sep"]


def test_save_year_leaves_out_empty_tables_and_removes_their_old_files(tmp_path: Path) -> None:
    sc = load_scenario(TINY)
    save_year(_inputs(), tmp_path)
    only_leave = YearInputs(leave=_inputs().leave)
    save_year(only_leave, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["leave.csv"]
    back = load_year(tmp_path, sc)
    assert (back.leave, back.staffing, back.profile) == (only_leave.leave, (), ())
