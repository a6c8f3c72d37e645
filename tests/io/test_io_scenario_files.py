"""Loading the valid folder, save/load round trips, the .xlsx form and atomic writes."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from pathlib import Path

import openpyxl
import pytest
from io_helpers import TABLES, write_valid

from roster.domain import (
    DateException,
    Employee,
    Leave,
    Scenario,
    Service,
    StaffingLevel,
    TimeRange,
    UnpopularPattern,
    Weights,
)
from roster.io import InputError, atomic_write_bytes, atomic_write_text, load_scenario, save_scenario


def test_valid_folder_loads(scenario_dir: Path) -> None:
    sc = load_scenario(scenario_dir)
    assert [e.id for e in sc.employees] == ["E1", "E2", "E3"]
    assert sc.employee("E1").skills == ("advisor", "welsh")
    assert sc.employee("E2").hours_per_week == 22.5
    assert sc.employee("E3").pattern == "fixed"
    assert sc.staffing[0] == StaffingLevel(day="mon", start=510, end=1020, skill=None, min=2, max=None)
    assert sc.staffing[1].skill == "welsh"
    assert sc.leave[0].type == "annual_leave" and sc.leave[0].whole_day
    assert sc.preferences[1].strength == "prefer"  # empty cell = default
    assert sc.wishes[0].time == 900
    assert sc.fixed_shifts[0].break_start == 720
    assert sc.banked[0].minutes == 30
    assert sc.gave_way("E2") == 1
    assert sc.service.opening_on(dt.date(2027, 1, 7)) == TimeRange(start=600, end=1020)
    assert sc.service.opening["sat"] is None
    assert sc.weights == Weights()


def test_only_required_files(tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "s")
    for name in TABLES:
        if name != "employees":
            (folder / f"{name}.csv").unlink()
    sc = load_scenario(folder)
    assert sc.staffing == () and sc.leave == () and len(sc.employees) == 3


def test_header_only_table_is_empty(scenario_dir: Path) -> None:
    (scenario_dir / "fairness.csv").write_text("employee_id,gave_way\n\n")
    assert load_scenario(scenario_dir).fairness == ()


def test_excel_style_csv_is_accepted(scenario_dir: Path) -> None:
    # UTF-8 byte-order mark, CRLF line ends, spaces around cells, trailing empty column
    text = "\ufeffid , name,skills,hours_per_week,\r\nE1, Ann ,advisor; welsh , 37 ,\r\n"
    (scenario_dir / "employees.csv").write_bytes(text.encode())
    for name in ("preferences", "leave", "fixed_shifts", "fairness", "staffing", "wishes", "banked"):
        (scenario_dir / f"{name}.csv").unlink()
    sc = load_scenario(scenario_dir)
    assert sc.employees == (Employee(id="E1", name="Ann", skills=("advisor", "welsh"), hours_per_week=37),)


def test_weights_toml_and_override(scenario_dir: Path, tmp_path: Path) -> None:
    (scenario_dir / "weights.toml").write_text("cover_under = 5000\n")
    assert load_scenario(scenario_dir).weights == Weights(cover_under=5000)
    other = tmp_path / "other.toml"
    other.write_text("pref_day = 10\n")
    assert load_scenario(scenario_dir, weights_file=other).weights == Weights(pref_day=10)


def test_yaml_unpopular_patterns_are_clock_times(scenario_dir: Path) -> None:
    with (scenario_dir / "service.yaml").open("a") as handle:
        handle.write('unpopular:\n  - {name: early start, starts_before: "08:00"}\n')
        handle.write('  - {name: Friday afternoon, weekdays: [fri], ends_after: "15:00"}\n')
    sc = load_scenario(scenario_dir)
    assert sc.service.unpopular == (
        UnpopularPattern(name="early start", starts_before=480),
        UnpopularPattern(name="Friday afternoon", weekdays=("fri",), ends_after=900),
    )


# -- round trips ------------------------------------------------------------------------------------


def test_round_trip_of_the_valid_folder(scenario_dir: Path, tmp_path: Path) -> None:
    sc = load_scenario(scenario_dir)
    out = tmp_path / "saved"
    save_scenario(sc, out)
    assert load_scenario(out) == sc
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["service.yaml", *(f"{name}.csv" for name in TABLES)]
    )


def _rich_scenario() -> Scenario:
    service = Service(
        name="Revenues & Benefits: Øster team",
        start_date=dt.date(2027, 3, 22),
        weeks=2,
        slot_minutes=30,
        opening={"mon": {"start": "08:00", "end": "18:00"}, "sat": {"start": "09:00", "end": "12:00"}},
        bandwidth={
            "mon": {"start": "07:00", "end": "20:00"},
            "tue": {"start": "07:00", "end": "26:00"},  # a late service: work until 02:00
            "sat": {"start": "08:00", "end": "13:00"},
        },
        exceptions=(
            DateException(date=dt.date(2027, 3, 26), closed=True, reason="Good Friday"),
            DateException(
                date=dt.date(2027, 3, 22),
                opening=TimeRange(start=600, end=1080),
                bandwidth=TimeRange(start=540, end=1140),
                reason="training",
            ),
        ),
        breaks={"threshold_minutes": 300, "break_minutes": 60},
        shift_length={"min_minutes": 300, "max_minutes": 540},
        accrual={"anchor": "2027-03-01", "period_weeks": 2, "daily_limit_minutes": 30},
        unpopular=(UnpopularPattern(name="Saturday", weekdays=("sat",), starts_before=600),),
    )
    employees = (
        Employee(
            id="A.1",
            name='Dai "Taff" Jones, MBE',
            skills=("advisor", "welsh"),
            hours_per_week=37.5,
            days_per_week=4.5,
            min_shift_minutes=360,
            max_shift_minutes=480,
            date_of_birth=dt.date(1980, 2, 29),
        ),
        Employee(id="b_2", name="Eve", hours_per_week=18.25, days_per_week=2),
        Employee(id="C-3", name="Fay", skills=("advisor",), hours_per_week=30, pattern="fixed"),
    )
    return Scenario(
        service=service,
        employees=employees,
        staffing=(
            StaffingLevel(day="mon", start=480, end=1080, min=2),
            StaffingLevel(day="2027-03-23", start=540, end=720, skill="welsh", min=1, max=1),
        ),
        leave=(
            Leave(
                employee_id="A.1", start_date=dt.date(2027, 3, 29), end_date=dt.date(2027, 4, 2), type="sick"
            ),
            Leave(
                employee_id="b_2",
                start_date=dt.date(2027, 3, 24),
                end_date=dt.date(2027, 3, 24),
                start=540,
                end=720,
                type="banked_time",
            ),
        ),
        preferences=(
            {"employee_id": "A.1", "date": "2027-03-23", "kind": "shift", "start": "17:00", "end": "25:00"},
            {"employee_id": "b_2", "date": "2027-03-22", "kind": "off", "strength": "strong"},
        ),
        wishes=({"employee_id": "b_2", "weekday": "sat", "kind": "day_off"},),
        fixed_shifts=(
            {
                "employee_id": "C-3",
                "date": "2027-03-23",
                "start": "08:00",
                "end": "18:00",
                "break_start": "12:00",
            },
        ),
        banked=({"employee_id": "A.1", "period_start": "2027-03-15", "minutes": 45},),
        fairness=({"employee_id": "b_2", "gave_way": 3},),
        weights=Weights(cover_under=2000, strong_multiplier=5),
    )


def test_round_trip_of_a_rich_scenario(tmp_path: Path) -> None:
    sc = _rich_scenario()
    save_scenario(sc, tmp_path / "rich")
    back = load_scenario(tmp_path / "rich")
    assert [n.field for n in back.notices] == ["day"]  # a row asks for cover on the closed 2027-03-23
    assert back == sc  # notices are not content
    assert back.content_hash() == sc.content_hash()
    assert "strong_multiplier = 5" in (tmp_path / "rich" / "weights.toml").read_text()


def test_save_writes_only_what_is_needed_and_removes_stale_files(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    save_scenario(_rich_scenario(), folder)
    assert (folder / "weights.toml").exists() and (folder / "leave.csv").exists()
    small = _rich_scenario().model_copy(update={"leave": (), "weights": Weights()})
    save_scenario(small, folder)
    assert not (folder / "weights.toml").exists()
    assert not (folder / "leave.csv").exists()
    assert load_scenario(folder) == small
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp files left


def test_saved_service_yaml_is_readable(tmp_path: Path) -> None:
    save_scenario(_rich_scenario(), tmp_path / "s")
    text = (tmp_path / "s" / "service.yaml").read_text()
    assert "start_date: 2027-03-22" in text
    assert re.search(r"mon: \{start: '?08:00'?, end: '?18:00'?\}", text)
    assert "sun" not in text  # a missing day is closed
    with (tmp_path / "s" / "employees.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["skills"] == "advisor;welsh"
    assert rows[0]["hours_per_week"] == "37.5"
    assert rows[2]["hours_per_week"] == "30"


def test_save_refuses_a_folder_with_a_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "scenario.xlsx").write_bytes(b"")
    with pytest.raises(InputError, match="already holds a workbook"):
        save_scenario(_rich_scenario(), folder)


# -- the same scenario as a workbook ----------------------------------------------------------------


def _typed(text: str) -> object:
    """A cell as a person typing into Excel would leave it: numbers, dates and times typed."""
    if text == "":
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.datetime.fromisoformat(text)
    if re.fullmatch(r"\d{2}:\d{2}", text) and int(text[:2]) < 24:
        return dt.time(int(text[:2]), int(text[3:]))
    return text


@pytest.mark.parametrize("typed", [False, True], ids=["text-cells", "typed-cells"])
def test_workbook_equals_csv(scenario_dir: Path, typed: bool) -> None:
    from_csv = load_scenario(scenario_dir)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in TABLES:
        sheet = book.create_sheet(name)
        path = scenario_dir / f"{name}.csv"
        with path.open(newline="") as handle:
            for i, row in enumerate(csv.reader(handle)):
                sheet.append([_typed(c) if typed and i > 0 else (c or None) for c in row])
        path.unlink()
    book.save(scenario_dir / "scenario.xlsx")
    assert load_scenario(scenario_dir) == from_csv


def test_workbook_and_csv_tables_mix(scenario_dir: Path) -> None:
    from_csv = load_scenario(scenario_dir)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Leave"  # sheet names are matched without regard to case
    sheet.append(["employee_id", "start_date", "end_date", "start", "end", "type"])
    sheet.append(["E2", dt.datetime(2027, 1, 6), dt.datetime(2027, 1, 6), None, None, "annual_leave"])
    sheet.append([None] * 6)  # trailing empty row
    book.save(scenario_dir / "scenario.xlsx")
    (scenario_dir / "leave.csv").unlink()
    assert load_scenario(scenario_dir) == from_csv


# -- atomic writes ----------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    atomic_write_text(target, "one\n")
    atomic_write_text(target, "two\n")
    assert target.read_text() == "two\n"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_history_rows_load_and_give_the_last_shift_end(scenario_dir: Path) -> None:
    (scenario_dir / "history.csv").write_text(
        "employee_id,date,hours,absence,shift_end\n"
        "E1,2026-12-31,7.5,,2026-12-31T16:00\n"
        "E1,2027-01-01,0,annual_leave,\n"
        "E1,2027-01-03,8,,2027-01-03T22:30\n"
    )
    sc = load_scenario(scenario_dir)
    assert [h.date for h in sc.history] == [dt.date(2026, 12, 31), dt.date(2027, 1, 1), dt.date(2027, 1, 3)]
    assert sc.history[1].absence == "annual_leave" and sc.history[0].hours == 7.5
    assert sc.last_shift_end("E1") == dt.datetime(2027, 1, 3, 22, 30)
    assert sc.last_shift_end("E2") is None


# -- what an ordinary spreadsheet export plainly means ---------------------------------------


def test_semicolon_and_tab_separated_exports_are_read(scenario_dir: Path) -> None:
    # A European Excel export separates with ';' (a comma is the decimal mark), or a tab.
    plain = load_scenario(scenario_dir)
    for sep in (";", "\t"):
        for name in ("employees.csv", "staffing.csv"):
            text = (scenario_dir / name).read_text().replace("advisor;welsh", "@")
            # a list inside a cell is quoted, as a spreadsheet writes it
            (scenario_dir / name).write_text(text.replace(",", sep).replace("@", '"advisor;welsh"'))
        assert load_scenario(scenario_dir) == plain
        write_valid(scenario_dir)


def test_title_case_headers_capitalised_words_and_seconds_are_read(scenario_dir: Path) -> None:
    plain = load_scenario(scenario_dir)
    (scenario_dir / "employees.csv").write_text(
        (scenario_dir / "employees.csv")
        .read_text()
        .replace(
            "id,name,skills,hours_per_week,days_per_week,pattern",
            "ID,Name,Skills,Hours per week,Days_Per_Week,Pattern",
        )
        .replace(",self", ",Self")
        .replace(",fixed", ",Fixed")
    )
    (scenario_dir / "preferences.csv").write_text(
        "Employee_ID,Date,Kind,Start,End,Strength\n"
        "E1,2027-01-05,Shift,09:00:00,17:00:00,Strong\n"
        "E2,2027-01-04,OFF,,,\n"
    )
    wishes = "employee_id,weekday,kind,time,strength\nE1,Friday,finish_by,15:00:00,Prefer\n"
    (scenario_dir / "wishes.csv").write_text(wishes)
    assert load_scenario(scenario_dir) == plain


def test_a_time_with_seconds_other_than_zero_is_refused(scenario_dir: Path) -> None:
    wishes = "employee_id,weekday,kind,time,strength\nE1,fri,finish_by,15:00:30,prefer\n"
    (scenario_dir / "wishes.csv").write_text(wishes)
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.file, info.value.row, info.value.field) == ("wishes.csv", 2, "time")


def test_an_empty_team_is_named_before_anything_that_refers_to_it(scenario_dir: Path) -> None:
    # A header-only employees.csv used to fail on a skill in staffing.csv instead.
    (scenario_dir / "employees.csv").write_text("id,name,skills,hours_per_week,days_per_week,pattern\n")
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert info.value.file == "employees.csv" and "has no people" in info.value.message
