"""A manager's amendment from the command line: edits, leave, cover rows; as is or re-solved; diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_version_checked
from roster.cli import main
from roster.io import load_scenario
from roster.reports import shift_changes
from roster.store import open_store
from roster.validation import validate
from roster.workflow import scenario_of

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
FAST = ["--time-limit", "20", "--workers", "2", "--seed", "0"]
PINS_HEADER = "employee_id,date,shift_start,shift_end,break_start,break_end\n"


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding tiny's solved roster as v1 (copied for each test that writes)."""
    folder = tmp_path_factory.mktemp("solved")
    result = CliRunner().invoke(
        main,
        [
            "solve",
            str(TINY),
            "--out",
            str(folder / "out"),
            "--db",
            str(folder / "roster.db"),
            "--by",
            "Coordinator",
            *FAST,
        ],
    )
    assert result.exit_code == 0, result.output
    with open_store(str(folder / "roster.db")) as store:
        assert_version_checked(store, 1)
    return folder / "roster.db"


@pytest.fixture
def db(solved: Path, tmp_path: Path) -> str:
    copy = tmp_path / "roster.db"
    copy.write_bytes(solved.read_bytes())
    return str(copy)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _a_shift(db: str, who: str = "T1") -> tuple[str, str]:
    with open_store(db) as store:
        s = next(s for s in store.roster(1).shifts if s.employee_id == who)
    return who, s.date.isoformat()


def test_an_edit_checked_as_is_makes_an_amended_version_and_its_diff(db: str, tmp_path: Path) -> None:
    who, day = _a_shift(db)
    edits = _write(tmp_path / "edits.csv", f"{PINS_HEADER}{who},{day},,,,\n")
    out = CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", "--edits", str(edits), "--db", db])
    # as is, taking T1's shift out leaves T1 short of contract: saved, and exit 1 for the broken rule
    assert out.exit_code == 1, out.output
    assert "HARD  CONTRACT_HOURS  T1 is rostered" in out.output
    assert "v2 breaks a hard rule" in out.output
    assert "Saved as v2 (amended), from v1" in out.output
    assert "removed  " in out.output and who in out.output
    with open_store(db) as store:
        assert store.version(1).status == "superseded" and store.version(1).next_id == 2
        before, after = store.roster(1), store.roster(2)
        [change] = shift_changes(before, after)
        assert (change.employee_id, change.date.isoformat(), change.kind) == (who, day, "removed")
        assert store.version(2).note.startswith("1 edit(s); checked as is")
        assert [e.action for e in store.events()] == ["create", "amend"]


def test_sickness_takes_the_days_shift_out_and_is_kept_in_the_new_snapshot(db: str, tmp_path: Path) -> None:
    who, day = _a_shift(db, "T3")
    header = "employee_id,start_date,end_date,start,end,type\n"
    leave = _write(tmp_path / "sick.csv", f"{header}{who},{day},{day},,,sick\n")
    out = CliRunner().invoke(main, ["amend", "1", "--by", "Ayesha", "--leave", str(leave), "--db", db])
    assert out.exit_code == 0, out.output
    assert f"{who}'s shift on {day} taken out: on leave all day" in out.output
    with open_store(db) as store:
        sc = scenario_of(store, 2)
        assert any(lv.employee_id == who and lv.start_date.isoformat() == day for lv in sc.leave)
        assert len(sc.leave) == len(load_scenario(TINY).leave) + 1
        assert store.roster(2).shift_of(who, sc.service.start_date.fromisoformat(day)) is None
        assert validate(sc, store.roster(2)).hard_violations == ()


def test_a_cover_change_for_a_date_replaces_that_dates_rows_of_the_skill(db: str, tmp_path: Path) -> None:
    rows = "day,start,end,skill,min,max\n2027-01-08,08:30,17:00,,1,5\n"
    staffing = _write(tmp_path / "friday.csv", rows)
    out = CliRunner().invoke(main, ["amend", "1", "--by", "Ayesha", "--staffing", str(staffing), "--db", db])
    assert out.exit_code == 0, out.output
    with open_store(db) as store:
        sc = scenario_of(store, 2)
        dated = [lv for lv in sc.staffing if str(lv.day) == "2027-01-08"]
        assert [(lv.min, lv.max) for lv in dated] == [(1, 5)]
    again = _write(tmp_path / "friday2.csv", "day,start,end,skill,min,max\n2027-01-08,08:30,17:00,,2,5\n")
    out = CliRunner().invoke(main, ["amend", "2", "--by", "Ayesha", "--staffing", str(again), "--db", db])
    assert out.exit_code == 0, out.output
    with open_store(db) as store:
        dated = [lv for lv in scenario_of(store, 3).staffing if str(lv.day) == "2027-01-08"]
        assert [(lv.min, lv.max) for lv in dated] == [(2, 5)]  # replaced, not added


def test_a_minimal_change_resolve_keeps_the_edit_and_moves_little_else(db: str, tmp_path: Path) -> None:
    who, day = _a_shift(db, "T2")
    edits = _write(tmp_path / "edits.csv", f"{PINS_HEADER}{who},{day},,,,\n")
    out = CliRunner().invoke(
        main, ["amend", "v1", "--by", "Ayesha", "--edits", str(edits), "--resolve", "--db", db, *FAST]
    )
    assert out.exit_code == 0, out.output
    assert "Re-solved in" in out.output and "Saved as v2 (amended)" in out.output
    with open_store(db) as store:
        sc, after = scenario_of(store, 2), store.roster(2)
        assert after.shift_of(who, sc.service.start_date.fromisoformat(day)) is None
        # the re-solve's own objective (STABILITY against v1 included) is the validator's recomputation
        assert_version_checked(store, 2)
        changes = shift_changes(store.roster(1), after)
        # the edit; the person's other shifts make up their contracted hours (a hard rule);
        # of everyone else, only what cover needs moves
        assert (changes[0].employee_id, changes[0].kind) == (who, "removed")
        assert len([c for c in changes if c.employee_id != who]) <= 2, changes
        assert store.version(2).source == "re-solve"


def test_the_second_amendment_of_one_version_is_a_conflict(db: str, tmp_path: Path) -> None:
    who, day = _a_shift(db)
    edits = _write(tmp_path / "edits.csv", f"{PINS_HEADER}{who},{day},,,,\n")
    first = CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", "--edits", str(edits), "--db", db])
    # as is, taking T1's shift out leaves T1 short of contract: saved, and exit 1 for the broken rule
    assert first.exit_code == 1, first.output
    assert "HARD  CONTRACT_HOURS  T1 is rostered" in first.output
    assert "v2 breaks a hard rule" in first.output
    second = CliRunner().invoke(main, ["amend", "v1", "--by", "Ben", "--edits", str(edits), "--db", db])
    assert second.exit_code == 4
    assert "amended as v2" in second.output and "Nothing was saved" in second.output


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # an employee the scenario does not have
        ("edits.csv", f"{PINS_HEADER}ZZ,2027-01-05,,,,\n", "unknown employee 'ZZ'"),
        # a date outside the roster
        ("edits.csv", f"{PINS_HEADER}T1,2027-03-01,,,,\n", "outside the roster"),
        # a leave row with its end before its start: named by the file's own row 3
        (
            "leave.csv",
            "employee_id,start_date,end_date,start,end,type\nT1,2027-01-05,2027-01-05,,,sick\n"
            "T1,2027-01-07,2027-01-06,,,sick\n",
            "row 3",
        ),
        # a column staffing.csv does not have
        ("staffing.csv", "day,start,end,skil,min,max\n2027-01-08,08:30,17:00,,1,5\n", "skil"),
    ],
)
def test_a_bad_amendment_is_a_clear_error_and_saves_nothing(
    db: str, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = _write(tmp_path / f"my-{name}", text)
    option = {"edits.csv": "--edits", "leave.csv": "--leave", "staffing.csv": "--staffing"}[name]
    out = CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", option, str(path), "--db", db])
    assert out.exit_code == 2, out.output
    assert expected in out.output and "Traceback" not in out.output
    if name != "edits.csv":
        assert f"my-{name}" in out.output
    with open_store(db) as store:
        assert [v.id for v in store.versions()] == [1] and store.version(1).status == "draft"


def test_diff_of_two_versions_as_text_and_csv(db: str, tmp_path: Path) -> None:
    who, day = _a_shift(db)
    edits = _write(tmp_path / "edits.csv", f"{PINS_HEADER}{who},{day},,,,\n")
    CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", "--edits", str(edits), "--db", db])
    out = CliRunner().invoke(
        main,
        [
            "diff",
            "v1",
            "v2",
            "--csv",
            str(tmp_path / "diff.csv"),
            "--xlsx",
            str(tmp_path / "diff.xlsx"),
            "--db",
            db,
        ],
    )
    assert out.exit_code == 0, out.output
    assert out.output.startswith("From v1 to v2: 1 shift(s) changed for 1 person(s)")
    table = (tmp_path / "diff.csv").read_text().splitlines()
    assert table[0].startswith("employee_id,name,added,removed,moved")
    assert table[1].startswith(f"{who},") and len(table) == 2
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "diff.xlsx").worksheets[0]
    assert sheet.title == "Changes v1 to v2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert (rows[0][0], rows[0][2], rows[0][3], rows[0][5]) == (who, day, "removed", "off")


def _edit_workbook(src: Path, dst: Path, cells: dict[tuple[str, int], str]) -> str:
    """Copy the solve's workbook with cells of Week 1 changed: (person, day index) -> text."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        for (who, k), text in cells.items():
            if row[0].value == who:
                row[4 + k].value = text
    wb.save(dst)
    return ws.title


def test_the_team_workbook_edited_by_hand_is_read_back_as_edits(
    solved: Path, db: str, tmp_path: Path
) -> None:
    # Monday (index 0) T1 off; Tuesday (index 1) T2 07:00-15:00 with a break at 11:00
    edited = tmp_path / "roster.xlsx"
    _edit_workbook(
        solved.parent / "out" / "roster.xlsx",
        edited,
        {("T1", 0): "off", ("T2", 1): "07:00-15:00 (break 11:00)"},
    )
    out = CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", "--workbook", str(edited), "--db", db])
    # as is, taking T1's shift out leaves T1 short of contract: saved, and exit 1 for the broken rule
    assert out.exit_code == 1, out.output
    assert "HARD  CONTRACT_HOURS  T1 is rostered" in out.output
    assert "v2 breaks a hard rule" in out.output
    with open_store(db) as store:
        start = store.version(1).period_start
        changes = {(c.employee_id, c.date): c for c in shift_changes(store.roster(1), store.roster(2))}
        tue = changes[("T2", start.replace(day=start.day + 1))].after
        assert tue is not None and (
            f"{tue.start:%H:%M}",
            f"{tue.end:%H:%M}",
            f"{tue.break_start:%H:%M}",
            f"{tue.break_end:%H:%M}",
        ) == ("07:00", "15:00", "11:00", "11:30")
        # T1 worked that Monday in v1 (the short contract above says so): the "off" cell removed it
        assert store.roster(1).shift_of("T1", start) is not None
        assert changes[("T1", start)].after is None
        assert set(changes) <= {("T1", start), ("T2", start.replace(day=start.day + 1))}
        assert "(from roster.xlsx)" in store.version(2).note


def test_an_unreadable_workbook_cell_names_the_sheet_row_and_day(
    solved: Path, db: str, tmp_path: Path
) -> None:
    edited = tmp_path / "roster.xlsx"
    sheet = _edit_workbook(solved.parent / "out" / "roster.xlsx", edited, {("T3", 2): "half day"})
    out = CliRunner().invoke(main, ["amend", "v1", "--by", "Ayesha", "--workbook", str(edited), "--db", db])
    assert out.exit_code == 2, out.output
    assert f"roster.xlsx:{sheet}" in out.output and "'half day' is not a shift" in out.output
    assert "Wed" in out.output and "Traceback" not in out.output
