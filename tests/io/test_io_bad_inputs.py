"""Each case applies one small defect to the valid folder and checks the InputError names it."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from io_helpers import append_to, replace_in

from roster.io import InputError, load_scenario

Defect = Callable[[Path], None]


def _remove(name: str) -> Defect:
    return lambda folder: (folder / name).unlink()


def _replace(name: str, old: str, new: str) -> Defect:
    return lambda folder: replace_in(folder / name, old, new)


def _append(name: str, line: str) -> Defect:
    return lambda folder: append_to(folder / name, line)


def _write(name: str, text: str) -> Defect:
    return lambda folder: (folder / name).write_text(text)


def _leave_sheet_too(folder: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "leave"
    sheet.append(["employee_id", "start_date", "end_date"])
    sheet.append(["E1", "2027-01-08", "2027-01-08"])
    book.save(folder / "scenario.xlsx")


def _with_min_shift(value: str) -> Defect:
    def apply(folder: Path) -> None:
        path = folder / "employees.csv"
        lines = path.read_text().splitlines()
        lines[0] += ",min_shift_minutes"
        lines[1] += ","
        lines[2] += f",{value}"
        lines[3] += ","
        path.write_text("\n".join(lines) + "\n")

    return apply


# (defect, file, row, field, key phrase of the message)
CASES = [
    pytest.param(
        # staffing asks for a skill nobody in the team holds
        _replace("staffing.csv", "welsh,1,1", "french,1,1"),
        "staffing.csv",
        3,
        "skill",
        "unknown skill 'french'",
        id="unknown-skill-in-staffing",
    ),
    pytest.param(
        # E2 is already on leave on 2027-01-06 (row 2); this sick leave covers that day again
        _append("leave.csv", "E2,2027-01-05,2027-01-07,,,sick"),
        "leave.csv",
        3,
        "start_date",
        "overlaps the leave on row 2",
        id="overlapping-leave",
    ),
    pytest.param(
        # Monday opens at 17:00 and closes at 08:30
        _replace(
            "service.yaml", 'mon: {start: "08:30", end: "17:00"}', 'mon: {start: "17:00", end: "08:30"}'
        ),
        "service.yaml",
        None,
        "opening.mon",
        "ends before it starts",
        id="opening-after-closing",
    ),
    pytest.param(
        # Monday opens before the bandwidth (07:00) lets anybody work
        _replace(
            "service.yaml", 'mon: {start: "08:30", end: "17:00"}', 'mon: {start: "06:00", end: "17:00"}'
        ),
        "service.yaml",
        None,
        "opening.mon",
        "outside bandwidth",
        id="opening-outside-bandwidth",
    ),
    pytest.param(
        # E2's minimum shift of 3 hours is below the service's 4-hour minimum working day
        _with_min_shift("180"),
        "employees.csv",
        3,
        "min_shift_minutes",
        "below the service minimum shift of 240",
        id="shift-override-below-minimum",
    ),
    pytest.param(
        # a roster period starts on a Monday; 2027-01-05 is a Tuesday
        _replace("service.yaml", "start_date: 2027-01-04", "start_date: 2027-01-05"),
        "service.yaml",
        None,
        "start_date",
        "starts on a Monday",
        id="start-date-not-monday",
    ),
    pytest.param(
        # a column the staffing table does not have
        _replace("staffing.csv", "skill,min,max", "skill,min,max,foo"),
        "staffing.csv",
        1,
        "foo",
        "unknown column 'foo'; allowed: day, start, end, skill, min, max",
        id="unknown-column",
    ),
    pytest.param(
        # a preference for somebody who is not in employees.csv
        _append("preferences.csv", "E9,2027-01-05,off,,,"),
        "preferences.csv",
        4,
        "employee_id",
        "unknown employee 'E9'",
        id="unknown-employee-in-preferences",
    ),
    pytest.param(
        # 8.30 is not HH:MM
        _replace("staffing.csv", "mon,08:30", "mon,8.30"),
        "staffing.csv",
        2,
        "start",
        "'8.30' is not a clock time; use HH:MM",
        id="bad-time-text",
    ),
    pytest.param(
        # "holiday" is not a leave type
        _replace("leave.csv", ",annual_leave", ",holiday"),
        "leave.csv",
        2,
        "type",
        "must be one of annual_leave, sick, training",
        id="bad-leave-type",
    ),
    pytest.param(
        # contracted hours cannot be negative
        _replace("employees.csv", "Cat Evans,advisor,30", "Cat Evans,advisor,-3"),
        "employees.csv",
        4,
        "hours_per_week",
        "must be at least 0 (got -3)",
        id="negative-hours",
    ),
    pytest.param(
        # E3's row reuses E1's id
        _replace("employees.csv", "E3,Cat", "E1,Cat"),
        "employees.csv",
        4,
        "id",
        "employee id 'E1' appears twice",
        id="duplicate-employee-id",
    ),
    pytest.param(
        # at least 3 but at most 1 person
        _replace("staffing.csv", "welsh,1,1", "welsh,3,1"),
        "staffing.csv",
        3,
        "max",
        "max 1 is below min 3",
        id="staffing-min-above-max",
    ),
    pytest.param(
        # the roster period is 2027-01-04 to 2027-01-10
        _replace("preferences.csv", "E1,2027-01-05", "E1,2027-01-12"),
        "preferences.csv",
        2,
        "date",
        "outside the roster period 2027-01-04 to 2027-01-10",
        id="preference-outside-period",
    ),
    pytest.param(
        # the team table is required
        _remove("employees.csv"),
        "employees.csv",
        None,
        None,
        "missing",
        id="missing-employees",
    ),
    pytest.param(
        # the service file is required
        _remove("service.yaml"),
        "service.yaml",
        None,
        None,
        "missing",
        id="missing-service",
    ),
    pytest.param(
        # leave given both as leave.csv and as sheet "leave" of scenario.xlsx
        _leave_sheet_too,
        "leave.csv",
        None,
        None,
        "given twice",
        id="table-as-csv-and-sheet",
    ),
    pytest.param(
        # dates are YYYY-MM-DD, not the UK day/month/year
        _replace("leave.csv", "E2,2027-01-06,", "E2,06/01/2027,"),
        "leave.csv",
        2,
        "start_date",
        "must be a date written YYYY-MM-DD (got '06/01/2027')",
        id="uk-date-format",
    ),
    pytest.param(
        # pattern is self or fixed
        _replace("employees.csv", "4,fixed", "4,flexible"),
        "employees.csv",
        4,
        "pattern",
        "must be one of self, fixed (got 'flexible')",
        id="bad-pattern",
    ),
    pytest.param(
        # a required cell left empty
        _replace("employees.csv", "E2,Bob Smith,", "E2,,"),
        "employees.csv",
        3,
        "name",
        "a value is required",
        id="empty-required-cell",
    ),
    pytest.param(
        # the staffing table lacks its end column
        _write("staffing.csv", "day,start,skill,min\nmon,08:30,,2\n"),
        "staffing.csv",
        1,
        "end",
        "missing column 'end'",
        id="missing-required-column",
    ),
    pytest.param(
        # a row with more values than the header has columns
        _append("fairness.csv", "E1,2,extra"),
        "fairness.csv",
        3,
        None,
        "has 3 values but the header names only 2 columns",
        id="too-many-cells",
    ),
    pytest.param(
        # an unknown key in service.yaml
        _append("service.yaml", "colour: red"),
        "service.yaml",
        None,
        "colour",
        "unknown key 'colour'; allowed: name, start_date",
        id="unknown-service-key",
    ),
    pytest.param(
        # a dated exception outside the one-week period
        _replace("service.yaml", "date: 2027-01-07", "date: 2027-02-07"),
        "service.yaml",
        None,
        "exceptions[0].date",
        "outside the roster period",
        id="exception-outside-period",
    ),
    pytest.param(
        # breaks.break_minutes must be >= 0
        _append("service.yaml", "breaks: {break_minutes: -30}"),
        "service.yaml",
        None,
        "breaks.break_minutes",
        "must be at least 0 (got -30)",
        id="negative-break",
    ),
    pytest.param(
        # not YAML at all
        _write("service.yaml", "name: [unclosed\n"),
        "service.yaml",
        None,
        None,
        "is not valid YAML",
        id="invalid-yaml",
    ),
    pytest.param(
        # a misspelt weight
        _write("weights.toml", "cover_undr = 5\n"),
        "weights.toml",
        None,
        "cover_undr",
        "unknown key 'cover_undr'; allowed: cover_under",
        id="unknown-weight",
    ),
    pytest.param(
        # weights are whole numbers >= 0
        _write("weights.toml", "cover_over = -1\n"),
        "weights.toml",
        None,
        "cover_over",
        "must be at least 0",
        id="negative-weight",
    ),
    pytest.param(
        # E1 rosters themselves and cannot have fixed shifts
        _replace("fixed_shifts.csv", "E3,", "E1,"),
        "fixed_shifts.csv",
        2,
        "employee_id",
        "self-rostered",
        id="fixed-shift-for-self-rostered",
    ),
    pytest.param(
        # "fryday" is not one of mon..sun (Friday and friday are: they mean fri)
        _replace("wishes.csv", "E1,fri,", "E1,fryday,"),
        "wishes.csv",
        2,
        "weekday",
        "weekday 'fryday' is not one of mon",
        id="bad-weekday",
    ),
    pytest.param(
        # accounting periods start every 4 weeks from 2026-12-07
        _replace("banked.csv", "2026-12-07", "2026-12-14"),
        "banked.csv",
        2,
        "period_start",
        "not the start of an accounting period",
        id="banked-period-not-a-period-start",
    ),
    pytest.param(
        # a part-day leave needs both start and end
        _replace("leave.csv", "2027-01-06,,,annual", "2027-01-06,09:00,,annual"),
        "leave.csv",
        2,
        "start",
        "needs both start and end",
        id="part-day-leave-without-end",
    ),
    pytest.param(
        # history describes the roster's own first day
        _write("history.csv", "employee_id,date,hours,absence,shift_end\nE1,2027-01-04,8,,\n"),
        "history.csv",
        2,
        "date",
        "is not before the roster starts on 2027-01-04",
        id="history-inside-the-roster",
    ),
    pytest.param(
        # a shift that ended two days after its date
        _write(
            "history.csv",
            "employee_id,date,hours,absence,shift_end\nE1,2026-12-31,8,,2027-01-01T09:00\n"
            "E1,2027-01-01,8,,2027-01-03T09:00\n",
        ),
        "history.csv",
        3,
        "shift_end",
        "is not within the shift's date 2027-01-01 or the next",
        id="history-shift-end-too-late",
    ),
    pytest.param(
        # absence must be one of the leave types
        _write("history.csv", "employee_id,date,hours,absence,shift_end\nE1,2026-12-31,0,holiday,\n"),
        "history.csv",
        2,
        "absence",
        "annual_leave",
        id="history-unknown-absence",
    ),
    pytest.param(
        # a job share of one person with themself
        _write("job_shares.csv", "first,second,handover_minutes\nE1,E1,30\n"),
        "job_shares.csv",
        2,
        "second",
        "two different people",
        id="job-share-with-oneself",
    ),
    pytest.param(
        # an opt-out cancelled before it was signed
        _write("opt_outs.csv", "employee_id,signed,cancelled,notice_days\nE1,2026-06-01,2026-05-01,7\n"),
        "opt_outs.csv",
        2,
        "cancelled",
        "before the opt-out was signed",
        id="opt-out-cancelled-before-signed",
    ),
    # -- slips that would silently weaken a legal check ----------------------------------------
    pytest.param(
        # 'Trainee' for the service's trainee_skill 'trainee': supervision would not see them
        _replace("employees.csv", "E2,Bob Smith,advisor,", "E2,Bob Smith,advisor;Trainee,"),
        "employees.csv",
        3,
        "skills",
        "differs from the service's trainee_skill 'trainee' only in case",
        id="trainee-skill-in-the-wrong-case",
    ),
    pytest.param(
        # a date of birth after the roster starts would make an adult 'under 18'
        _replace(
            "employees.csv",
            "pattern\nE1,Ann Jones,advisor;welsh,37,5,self",
            "pattern,date_of_birth\nE1,Ann Jones,advisor;welsh,37,5,self,2030-05-01",
        ),
        "employees.csv",
        2,
        "date_of_birth",
        "is not before the roster starts",
        id="date-of-birth-in-the-future",
    ),
    pytest.param(
        # an opt-out signed after the roster ends has no effect on it
        _write("opt_outs.csv", "employee_id,signed,cancelled,notice_days\nE1,2027-06-01,,7\n"),
        "opt_outs.csv",
        2,
        "signed",
        "is after the roster ends",
        id="opt-out-signed-in-the-future",
    ),
    pytest.param(
        # the same person and period twice
        _append("banked.csv", "E1,2026-12-07,10"),
        "banked.csv",
        3,
        "period_start",
        "a second balance for E1",
        id="balance-given-twice",
    ),
    pytest.param(
        # above the pro-rata cap: 444 x 37 / 37 = 444 minutes a period for E1
        _replace("banked.csv", "E1,2026-12-07,30", "E1,2026-12-07,500"),
        "banked.csv",
        2,
        "minutes",
        "above E1's cap of 444 minutes",
        id="balance-above-the-cap",
    ),
    pytest.param(
        # a sick day with hours worked would count both as worked and as excluded
        _write("history.csv", "employee_id,date,hours,absence,shift_end\nE1,2026-12-31,7.5,sick,\n"),
        "history.csv",
        2,
        "hours",
        "marked sick",
        id="history-sick-day-with-hours",
    ),
    pytest.param(
        # 09:07 would silently drop the 09:00 slot: cover is counted per slot
        _append("staffing.csv", "wed,09:07,10:00,,1,"),
        "staffing.csv",
        4,
        "start",
        "09:07 is not on the service's 15-minute grid",
        id="staffing-time-off-the-grid",
    ),
    pytest.param(
        # a decimal comma (a spreadsheet set to a language that writes 22,5), quoted in the CSV
        _replace("employees.csv", "E2,Bob Smith,advisor,22.5,3,self", 'E2,Bob Smith,advisor,"22,5",3,self'),
        "employees.csv",
        3,
        "hours_per_week",
        "must be a number (got '22,5'): use a point: 22.5; was the file saved with a comma as the decimal "
        "mark?",
        id="decimal-comma",
    ),
    pytest.param(
        # the same in a semicolon-separated file (a European CSV export), where it is not quoted
        lambda folder: (folder / "employees.csv").write_text(
            "id;name;skills;hours_per_week;days_per_week;pattern\nE1;Ann Jones;advisor;37;5;self\n"
            "E2;Bob Smith;advisor;22,5;3;self\nE3;Cat Evans;advisor;30;4;fixed\n"
        ),
        "employees.csv",
        3,
        "hours_per_week",
        "use a point: 22.5; was the file saved with a comma",
        id="decimal-comma-semicolon-file",
    ),
    pytest.param(
        # 1,000 minutes: a thousands separator or a decimal, said both ways
        _replace("banked.csv", "E1,2026-12-07,30", 'E1,2026-12-07,"1,000"'),
        "banked.csv",
        2,
        "minutes",
        "without a thousands separator (1000), or with a point if it is a decimal",
        id="thousands-comma",
    ),
    pytest.param(
        # a tab to indent a weekday of the opening times
        _replace("service.yaml", '  tue: {start: "08:30"', '\ttue: {start: "08:30"'),
        "service.yaml",
        None,
        None,
        "has a tab at line 6, column 1: tabs are not allowed for indenting (or between a key and its value) "
        "in YAML; use spaces",
        id="tab-in-service-yaml",
    ),
    pytest.param(
        # a timetabled break after the shift ends would be paid work on paper only
        _write(
            "fixed_shifts.csv", "employee_id,date,start,end,break_start\nE3,2027-01-04,08:00,16:00,18:00\n"
        ),
        "fixed_shifts.csv",
        2,
        "break_start",
        "the break 18:00-18:30 is not inside the shift 08:00-16:00",
        id="fixed-break-outside-its-shift",
    ),
]


@pytest.mark.parametrize(("defect", "file", "row", "field", "phrase"), CASES)
def test_bad_input_is_located(
    scenario_dir: Path, defect: Defect, file: str, row: int | None, field: str | None, phrase: str
) -> None:
    defect(scenario_dir)
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    err = info.value
    assert (err.file, err.row, err.field) == (file, row, field), str(err)
    assert phrase in err.message
    assert str(err).startswith(file)


def test_blank_rows_keep_spreadsheet_row_numbers(scenario_dir: Path) -> None:
    # a blank line (row 3) is skipped; the overlapping leave on row 4 cites row 2
    append_to(scenario_dir / "leave.csv", "")
    append_to(scenario_dir / "leave.csv", "E2,2027-01-06,2027-01-06,09:00,10:00,toil")
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.row, info.value.field) == (4, "start_date")
    assert "row 2" in info.value.message


def test_error_in_a_sheet_names_workbook_and_sheet(scenario_dir: Path) -> None:
    (scenario_dir / "staffing.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "staffing"
    sheet.append(["day", "start", "end", "skill", "min", "max"])
    sheet.append(["mon", "08:30", "17:00", None, 2, None])
    sheet.append(["tue", "09:00", "12:00", "french", 1, 1])
    book.save(scenario_dir / "scenario.xlsx")
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.file, info.value.row, info.value.field) == ("scenario.xlsx:staffing", 3, "skill")


def test_unknown_sheet(scenario_dir: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "levae"
    book.save(scenario_dir / "scenario.xlsx")
    with pytest.raises(InputError, match="unknown sheet 'levae'; allowed sheets: employees"):
        load_scenario(scenario_dir)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "nowhere")
    assert info.value.file == str(tmp_path / "nowhere")
    assert "not found" in info.value.message


def test_missing_weights_file(scenario_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="weights file not found"):
        load_scenario(scenario_dir, weights_file=tmp_path / "nope.toml")


def test_message_reads_like_a_sentence() -> None:
    err = InputError("employees.csv", 7, "hours_per_week", "must be greater than 0 (got -3)")
    assert str(err) == "employees.csv, row 7, field hours_per_week: must be greater than 0 (got -3)"
    assert str(InputError("service.yaml", None, "opening.mon", "x")) == "service.yaml, field opening.mon: x"
    assert str(InputError("f.csv", None, None, "missing")) == "f.csv: missing"


# -- the bad folders kept under tests/data/bad -------------------------------------------------------------

BAD_DIR = Path(__file__).resolve().parents[1] / "data" / "bad"
BAD_FOLDERS = sorted(p for p in BAD_DIR.iterdir() if p.is_dir())


def test_bad_folders_exist() -> None:
    assert len(BAD_FOLDERS) >= 5


@pytest.mark.parametrize("folder", BAD_FOLDERS, ids=lambda p: p.name)
def test_bad_folder_gives_input_error(folder: Path, tmp_path: Path) -> None:
    # each folder holds expected.toml naming the file, row (0 = none), field ("" = none) and a
    # phrase; the scenario is the folder without it (a scenario folder holds only its own files)
    expected = tomllib.loads((folder / "expected.toml").read_text())
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("expected.toml"))
    with pytest.raises(InputError) as info:
        load_scenario(copy)
    err = info.value
    assert err.file == expected["file"]
    assert (err.row or 0) == expected["row"]
    assert (err.field or "") == expected["field"]
    assert expected["phrase"] in err.message


@pytest.mark.parametrize(
    "name, nearest",
    [
        ("Staffing.csv", "staffing.csv"),  # capital S: the cover requirement would be dropped
        ("leave.csv.csv", "leave.csv"),  # a doubled extension: someone's leave would be dropped
        ("LEAVE.CSV", "leave.csv"),
        ("staffing.xlsx", "staffing.csv"),  # a table saved as a workbook of its own
        ("Service.yml", "service.yaml"),
        ("wishs.csv", "wishes.csv"),  # a typo
    ],
)
def test_a_data_file_roster_does_not_read_is_an_error_naming_the_nearest(
    scenario_dir: Path, name: str, nearest: str
) -> None:
    source = scenario_dir / nearest
    (scenario_dir / name).write_bytes(source.read_bytes() if source.exists() else b"x\n")
    if nearest in ("staffing.csv", "leave.csv") and name.lower() != nearest:
        (scenario_dir / nearest).unlink(missing_ok=True)
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert info.value.file == name
    assert f"did you mean {nearest}?" in info.value.message


def test_readmes_notes_and_hidden_files_are_not_data(scenario_dir: Path) -> None:
    (scenario_dir / "README.md").write_text("# our team")
    (scenario_dir / "notes.docx").write_bytes(b"x")
    (scenario_dir / ".~lock.staffing.csv#").write_text("x")
    load_scenario(scenario_dir)  # no error: these are not tables


@pytest.mark.parametrize(
    ("weeks", "anchor", "balance", "phrase"),
    [
        # a three-week roster from 2027-01-04 with 4-week periods from 2026-12-21: the period
        # from 2027-01-18 starts inside the roster, which decides what is banked in it
        (3, "2026-12-21", "E1,2027-01-18,30", "after the roster starts"),
        # a period starting on the roster's first date cannot hold anything banked yet
        (1, "2027-01-04", "E1,2027-01-04,30", "starts with this roster, so nothing can have been banked"),
    ],
    ids=["period-starts-inside-the-roster", "period-starts-with-the-roster"],
)
def test_banked_balances_are_checked_against_the_roster_start(
    scenario_dir: Path, weeks: int, anchor: str, balance: str, phrase: str
) -> None:
    service = scenario_dir / "service.yaml"
    replace_in(service, "weeks: 1", f"weeks: {weeks}")
    replace_in(service, "accrual: {anchor: 2026-12-07}", f"accrual: {{anchor: {anchor}}}")
    replace_in(scenario_dir / "banked.csv", "E1,2026-12-07,30", balance)
    with pytest.raises(InputError) as info:
        load_scenario(scenario_dir)
    assert (info.value.file, info.value.row, info.value.field) == ("banked.csv", 2, "period_start")
    assert phrase in info.value.message


def test_a_zero_balance_in_a_period_starting_with_the_roster_is_accepted(scenario_dir: Path) -> None:
    service = scenario_dir / "service.yaml"
    replace_in(service, "accrual: {anchor: 2026-12-07}", "accrual: {anchor: 2027-01-04}")
    replace_in(scenario_dir / "banked.csv", "E1,2026-12-07,30", "E1,2027-01-04,0")
    assert load_scenario(scenario_dir).banked[0].minutes == 0
