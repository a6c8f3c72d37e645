"""Publishing an accepted version: workbook, printable page, calendars with stable UIDs, statements."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from openpyxl import load_workbook

from checked import assert_output_checked, assert_version_checked
from roster.cli import main
from roster.store import open_store

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
FAST = ["--time-limit", "20", "--workers", "2", "--seed", "0"]
PINS_HEADER = "employee_id,date,shift_start,shift_end,break_start,break_end\n"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("published")
    db = str(folder / "roster.db")
    solved = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(folder / "out"), "--db", db, *FAST])
    assert solved.exit_code == 0, solved.output
    assert_output_checked(TINY, folder / "out")
    with open_store(db) as store:
        assert_version_checked(store, 1)
    out = CliRunner().invoke(
        main, ["accept", "v1", "--by", "Ayesha", "--publish", str(folder / "pub"), "--db", db]
    )
    assert out.exit_code == 0, out.output
    assert "Published v1" in out.output
    return db, folder / "pub"


def _events(path: Path) -> dict[str, tuple[str, int, str]]:
    cal = Calendar.from_ical(path.read_bytes())
    return {  # UID -> (local start, SEQUENCE, DESCRIPTION)
        str(e["UID"]): (
            e.decoded("DTSTART").replace(tzinfo=None).isoformat(),
            int(e["SEQUENCE"]),
            str(e["DESCRIPTION"]),
        )
        for e in cal.walk("VEVENT")
    }


def test_the_publication_holds_every_part(published: tuple[str, Path]) -> None:
    db, pub = published
    names = {p.name for p in pub.iterdir()}
    people = ["T1", "T2", "T3", "T4", "T5"]
    assert {"roster.xlsx", "roster.html", "roster.csv"} <= names
    assert {f"calendar-{p}.ics" for p in people} | {f"statement-{p}.txt" for p in people} <= names
    with open_store(db) as store:
        roster = store.roster(1)
        assert [e.action for e in store.events()] == ["create", "accept", "publish"]
    for person in people:
        events = _events(pub / f"calendar-{person}.ics")
        mine = [s for s in roster.shifts if s.employee_id == person]
        assert len(events) == len(mine)
        assert {start for start, _, _ in events.values()} == {s.start.isoformat() for s in mine}
        with_break = [s for s in mine if s.break_start is not None]
        assert sum("Unpaid break" in d for _, _, d in events.values()) == len(with_break)
        text = (pub / f"statement-{person}.txt").read_text()
        assert "Your shifts" in text and "Hours:" in text


def test_the_workbook_prints_a4_landscape_with_a_frozen_header(published: tuple[str, Path]) -> None:
    _, pub = published
    wb = load_workbook(pub / "roster.xlsx")
    week = wb.worksheets[0]
    assert week.freeze_panes == "C2"
    assert week.page_setup.orientation == "landscape" and str(week.page_setup.paperSize) == "9"  # A4
    html = (pub / "roster.html").read_text()
    assert "@page { size: A4 landscape" in html and "Asha Patel (T1)" in html


def test_a_republished_amendment_updates_the_same_calendar_events(
    published: tuple[str, Path], tmp_path: Path
) -> None:
    db, pub = published
    copy = tmp_path / "roster.db"
    copy.write_bytes(Path(db).read_bytes())
    with open_store(str(copy)) as store:
        shift = next(s for s in store.roster(1).shifts if s.employee_id == "T1")
    edits = tmp_path / "edits.csv"
    edits.write_text(f"{PINS_HEADER}T1,{shift.date},,,,\n")
    amended = CliRunner().invoke(
        main, ["amend", "v1", "--by", "Ayesha", "--edits", str(edits), "--db", str(copy)]
    )
    # as is, taking T1's shift out leaves T1 short of contract: saved, and exit 1 for the broken rule
    assert amended.exit_code == 1, amended.output
    assert "HARD  CONTRACT_HOURS  T1 is rostered" in amended.output
    assert "v2 breaks a hard rule" in amended.output
    forced = CliRunner().invoke(
        main,
        [
            "accept",
            "v2",
            "--by",
            "Ayesha",
            "--override",
            "--reason",
            "test",
            "--publish",
            str(tmp_path / "pub2"),
            "--db",
            str(copy),
        ],
    )
    assert forced.exit_code == 0, forced.output
    before, after = _events(pub / "calendar-T1.ics"), _events(tmp_path / "pub2" / "calendar-T1.ics")
    changes = load_workbook(tmp_path / "pub2" / "roster.xlsx")["Changes since v1"]
    assert next(r[:4] for r in changes.iter_rows(min_row=2, values_only=True)) == (
        "T1",
        "Asha Patel",
        shift.date.isoformat(),
        "removed",
    )
    assert "Changes since v1" not in load_workbook(pub / "roster.xlsx").sheetnames
    assert set(after) < set(before)  # the same UIDs, one shift fewer
    assert len(before) - len(after) == 1
    assert {seq for _, seq, _ in before.values()} == {1} and {seq for _, seq, _ in after.values()} == {2}


def test_only_an_accepted_version_is_published(tmp_path: Path) -> None:
    db = str(tmp_path / "roster.db")
    solved = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(tmp_path / "out"), "--db", db, *FAST])
    assert solved.exit_code == 0, solved.output
    with open_store(db) as store:
        assert_version_checked(store, 1)
    out = CliRunner().invoke(main, ["publish", "v1", "--out", str(tmp_path / "pub"), "--by", "X", "--db", db])
    assert out.exit_code == 4 and "only an accepted version is published" in out.output
    assert not (tmp_path / "pub").exists()
