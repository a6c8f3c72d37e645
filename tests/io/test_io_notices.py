"""Inputs read differently from how they were typed: notices, and the workbook's own slips
(formulas without saved values, merged cells, dates exported as serial numbers)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from io_helpers import append_to

from roster.io.errors import InputError
from roster.io.scenario_files import load_scenario


def _staffing_sheet(folder: Path, rows: list[list[object]]) -> openpyxl.Workbook:
    (folder / "staffing.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "staffing"
    sheet.append(["day", "start", "end", "skill", "min", "max"])
    for row in rows:
        sheet.append(row)
    return book


# -- staffing rows cut to the opening hours ---------------------------------------------------------


def test_a_staffing_row_past_closing_is_a_notice_naming_file_row_and_field(scenario_dir: Path) -> None:
    append_to(scenario_dir / "staffing.csv", "tue,08:30,19:00,,1,")
    notices = load_scenario(scenario_dir).notices
    assert [(n.source, n.row, n.field) for n in notices] == [("staffing.csv", 4, "end")]
    assert "ends at 19:00, after closing at 17:00 on tue" in notices[0].message
    assert "cover is required 08:30-17:00 only" in notices[0].message


def test_a_staffing_row_ending_at_25_00_in_an_office_is_a_notice(scenario_dir: Path) -> None:
    append_to(scenario_dir / "staffing.csv", "wed,07:00,25:00,,1,")
    (notice,) = load_scenario(scenario_dir).notices
    assert (notice.row, notice.field) == (4, "start")
    assert "starts at 07:00, before opening at 08:30 and ends at 25:00" in notice.message


def test_a_staffing_row_on_a_closed_day_or_outside_opening_is_a_notice(scenario_dir: Path) -> None:
    append_to(scenario_dir / "staffing.csv", "sat,09:00,12:00,,1,")
    append_to(scenario_dir / "staffing.csv", "thu,18:00,20:00,,1,")
    notices = load_scenario(scenario_dir).notices
    assert [(n.row, n.field) for n in notices] == [(4, "day"), (5, "start")]
    assert "closed on sat" in notices[0].message
    assert "outside the opening hours on thu (08:30-17:00)" in notices[1].message


def test_a_date_row_is_compared_with_that_dates_opening(scenario_dir: Path) -> None:
    # 2027-01-07 opens 10:00-17:00 (training morning)
    append_to(scenario_dir / "staffing.csv", "2027-01-07,09:00,12:00,,1,")
    (notice,) = load_scenario(scenario_dir).notices
    assert "before opening at 10:00 on 2027-01-07" in notice.message


def test_rows_inside_the_opening_hours_and_exception_days_give_no_notice(scenario_dir: Path) -> None:
    # the Thursday weekday row meets a shortened date: the service's decision, not a slip
    append_to(scenario_dir / "staffing.csv", "thu,08:30,17:00,,1,")
    assert load_scenario(scenario_dir).notices == ()


def test_notices_are_not_part_of_the_scenarios_content(scenario_dir: Path) -> None:
    before = load_scenario(scenario_dir)
    append_to(scenario_dir / "staffing.csv", "sat,09:00,12:00,,0,")  # asks nothing: no notice
    assert load_scenario(scenario_dir).notices == ()
    append_to(scenario_dir / "staffing.csv", "sun,09:00,12:00,,1,")
    after = load_scenario(scenario_dir)
    assert after.notices and before.content_hash() != after.content_hash()
    assert "notices" not in after.model_dump()


def test_notices_reach_the_summary_result_json_and_the_terminal(scenario_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from roster.cli import main

    append_to(scenario_dir / "staffing.csv", "tue,08:30,19:00,,1,")
    out = tmp_path / "out"
    res = CliRunner().invoke(
        main, ["solve", str(scenario_dir), "--out", str(out), "--time-limit", "5", "--workers", "1"]
    )
    # no roster: io_helpers' E3 is fixed to one 7 h 30 shift against a 30-hour contract, so the
    # run ends 1 (INFEASIBLE, named); the summary and result.json are written all the same
    assert res.exit_code == 1, res.output
    assert "INFEASIBLE" in res.output and "E3 (Cat Evans)" in res.output
    assert "notice: staffing.csv, row 4, field end: ends at 19:00" in res.output
    summary = (out / "summary.txt").read_text()
    assert "Notices" in summary and "staffing.csv, row 4, field end" in summary
    data = json.loads((out / "result.json").read_text())
    assert data["notices"][0]["source"] == "staffing.csv"
    assert data["notices"][0]["row"] == 4 and data["notices"][0]["field"] == "end"


# -- workbook slips ------------------------------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_refused(scenario_dir: Path) -> None:
    book = _staffing_sheet(scenario_dir, [["mon", "08:30", "17:00", None, "=1+1", None]])
    book.save(scenario_dir / "scenario.xlsx")  # openpyxl saves formulas without values
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.file, info.value.row, info.value.field) == ("scenario.xlsx:staffing", 2, "min")
    assert "formula =1+1 but no saved value" in info.value.message
    assert "open and save it in Excel or LibreOffice" in info.value.message


def test_cells_merged_down_a_column_read_the_top_value_on_every_row(scenario_dir: Path) -> None:
    book = _staffing_sheet(
        scenario_dir,
        [
            ["mon", "08:30", "17:00", "advisor", 2, None],
            ["tue", "08:30", "17:00", None, 1, None],
            ["wed", "08:30", "17:00", None, 1, None],
        ],
    )
    book.active.merge_cells("D2:D4")
    book.save(scenario_dir / "scenario.xlsx")
    sc = load_scenario(scenario_dir)
    assert [lvl.skill for lvl in sc.staffing] == ["advisor"] * 3
    (notice,) = sc.notices
    assert (notice.source, notice.row, notice.field) == ("scenario.xlsx:staffing", 2, "skill")
    assert "cells D2:D4 are merged; rows 2-4 each read 'advisor'" in notice.message


def test_cells_merged_across_columns_are_refused_with_what_to_do(scenario_dir: Path) -> None:
    book = _staffing_sheet(scenario_dir, [["mon", "08:30", "17:00", "advisor", 2, None]])
    book.active.merge_cells("B2:C2")
    book.save(scenario_dir / "scenario.xlsx")
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.row, info.value.field) == (2, "start")
    assert "cells B2:C2 are merged; unmerge them" in info.value.message


def test_merged_header_cells_are_refused(scenario_dir: Path) -> None:
    book = _staffing_sheet(scenario_dir, [["mon", "08:30", "17:00", "advisor", 2, None]])
    book.active.merge_cells("A1:A2")
    book.save(scenario_dir / "scenario.xlsx")
    with pytest.raises(InputError, match="A1:A2 are merged"):
        load_scenario(scenario_dir)


def test_excel_serial_dates_read_as_the_dates_they_are(scenario_dir: Path) -> None:
    serial = (dt.date(2027, 1, 6) - dt.date(1899, 12, 30)).days
    assert serial == 46393
    (scenario_dir / "leave.csv").write_text(
        f"employee_id,start_date,end_date,start,end,type\nE2,{serial},{serial}.0,,,annual_leave\n"
    )
    append_to(scenario_dir / "staffing.csv", f"{serial},08:30,17:00,,1,")
    sc = load_scenario(scenario_dir)
    assert (sc.leave[0].start_date, sc.leave[0].end_date) == (dt.date(2027, 1, 6),) * 2
    assert sc.staffing[-1].day == "2027-01-06"


def test_a_serial_date_in_a_workbook_cell_without_a_date_format(scenario_dir: Path) -> None:
    (scenario_dir / "leave.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "leave"
    sheet.append(["employee_id", "start_date", "end_date", "type"])
    sheet.append(["E2", 46393, 46394, "annual_leave"])
    book.save(scenario_dir / "scenario.xlsx")
    (leave,) = load_scenario(scenario_dir).leave
    assert (leave.start_date, leave.end_date) == (dt.date(2027, 1, 6), dt.date(2027, 1, 7))


def test_a_number_that_is_not_a_serial_date_is_still_refused(scenario_dir: Path) -> None:
    (scenario_dir / "leave.csv").write_text(
        "employee_id,start_date,end_date,start,end,type\nE2,20270106,2027-01-06,,,annual_leave\n"
    )
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.row, info.value.field) == (2, "start_date")


# -- found by trying further inputs -----------------------------------------------------------------


def test_an_empty_staffing_table_is_a_notice_that_no_cover_is_required(scenario_dir: Path) -> None:
    (scenario_dir / "staffing.csv").write_text("day,start,end,skill,min,max\n")
    (notice,) = load_scenario(scenario_dir).notices
    assert str(notice) == (
        "staffing.csv: has no rows: no minimum or maximum cover is required anywhere in the roster"
    )
    (scenario_dir / "leave.csv").write_text("")
    notices = [str(n) for n in load_scenario(scenario_dir).notices]
    assert notices[1] == "leave.csv: has no rows: nobody is on leave"
