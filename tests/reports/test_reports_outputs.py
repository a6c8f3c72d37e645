"""write_outputs: every file, written whole, nothing else touched, no staging folder left."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from reports.tiny import FAST, MON, hand_result, tiny_scenario
from roster import solve
from roster.io.outputs import MANIFEST, OutputFolderError, check_output_folder, write_output_folder
from roster.io.roster_csv import read_roster_csv
from roster.reports import penalties_frame, write_outputs
from roster.reports.outputs import ALWAYS_FILES, ROSTER_FILES
from roster.validation import validate

ALL = sorted([*ROSTER_FILES, *ALWAYS_FILES])


@pytest.mark.slow
def test_write_outputs_after_a_real_solve(tmp_path: Path) -> None:
    sc = tiny_scenario(
        preferences=[{"employee_id": "E3", "date": MON, "kind": "shift", "start": "08:30", "end": "12:30"}]
    )
    result = solve(sc, FAST)
    assert result.has_roster
    report = validate(sc, result.roster)
    assert not [v for v in report.violations if v.hard]
    out = tmp_path / "out"
    written = write_outputs(out, sc, result, report).written
    assert sorted(p.name for p in written) == ALL
    assert sorted(p.name for p in out.iterdir()) == sorted([*ALL, MANIFEST])
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left
    for p in written:
        assert p.stat().st_size > 0, p
    assert set(read_roster_csv(out / "roster.csv").shifts) == set(result.roster.shifts)
    data = json.loads((out / "result.json").read_text())
    assert data["status"] == result.status
    assert data["objective"] == result.objective == report.objective
    assert data["scenario_hash"] == sc.content_hash()
    assert data["validation"]["hard_violations"] == 0
    assert "roster" not in data
    assert (out / "cover_heatmap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = (out / "summary.txt").read_text()
    assert f"status        {result.status}" in summary
    assert "violations    0  (publishable)" in summary
    # The only unavoidable gap: E1, the one welsh speaker, takes a 30-minute break.
    short = pd.read_csv(out / "shortfalls.csv")
    assert short["person_minutes_short"].sum() == 30
    assert set(short["skill"]) == {"welsh"}


@pytest.mark.slow
def test_a_rerun_replaces_the_run_keeps_added_files_and_backs_up_edits(tmp_path: Path) -> None:
    sc = tiny_scenario()
    result = hand_result(sc)
    report = validate(sc, result.roster)
    out = tmp_path / "out"
    first = write_outputs(out, sc, result, report)
    assert first.backup is None and first.kept == []
    (out / "notes.txt").write_text("mine")
    added = "E1,2027-01-05,2027-01-05T09:00:00,2027-01-05T13:00:00,,,240\n"
    edited = (out / "roster.csv").read_text() + added
    (out / "roster.csv").write_text(edited)
    again = write_outputs(out, sc, result, report, now=datetime(2027, 1, 2, 9, 30))
    # The edited roster is kept beside the folder, the note carried over, the run replaced.
    assert again.kept == ["roster.csv"] and again.carried == ["notes.txt"]
    assert again.backup == tmp_path / "out.edited-20270102-093000"
    assert (again.backup / "roster.csv").read_text() == edited
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "roster.csv").read_text() != edited
    assert sorted(p.name for p in out.iterdir()) == sorted([*ALL, "notes.txt", MANIFEST])
    # An unedited rerun keeps nothing aside.
    third = write_outputs(out, sc, result, report)
    assert third.backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "out.edited-20270102-093000"]


def test_a_run_without_a_roster_leaves_no_old_roster_behind(tmp_path: Path) -> None:
    sc = tiny_scenario()
    result = hand_result(sc)
    out = tmp_path / "out"
    write_outputs(out, sc, result, validate(sc, result.roster))
    write_outputs(out, sc, hand_result(sc, status="INFEASIBLE"))
    assert sorted(p.name for p in out.iterdir()) == sorted([*ALWAYS_FILES, MANIFEST])


def test_a_failure_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    # The previous run stays whole when the new one cannot be written (an unwritable file name).
    sc = tiny_scenario()
    result = hand_result(sc)
    out = tmp_path / "out"
    write_outputs(out, sc, result, validate(sc, result.roster))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OSError):
        write_output_folder(out, {"roster.csv": b"x", "bad/name.csv": b"y"})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_staging_folder_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = tmp_path / ".out.999999999.tmp"  # no such process
    dead.mkdir()
    (dead / "roster.csv").write_text("half")
    alive = tmp_path / f".out.{os.getpid()}9.tmp"  # not ours to judge unless its process is gone
    write_output_folder(out, {"summary.txt": b"ok"})
    assert not dead.exists()
    assert not alive.exists()
    assert (out / "summary.txt").read_bytes() == b"ok"


@pytest.mark.parametrize(
    "setup, match",
    [
        # the output folder is the scenario folder
        (lambda t: (t / "scenario", t / "scenario"), "outside the scenario folder"),
        # inside it
        (lambda t: (t / "scenario", t / "scenario" / "out"), "outside the scenario folder"),
        # an existing file
        (lambda t: (t / "scenario", t / "file.txt"), "is an existing file"),
        # below a file: cannot be created
        (lambda t: (t / "scenario", t / "file.txt" / "out"), "cannot be created"),
        # a folder holding scenario tables
        (lambda t: (t / "scenario", t / "other"), "holds scenario tables"),
        # somebody's folder, not written by roster
        (lambda t: (t / "scenario", t / "docs"), "was not written by roster"),
    ],
)
def test_output_folders_that_are_refused(tmp_path: Path, setup: object, match: str) -> None:
    (tmp_path / "scenario").mkdir()
    (tmp_path / "scenario" / "employees.csv").write_text("id\n")
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "service.yaml").write_text("name: x\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.docx").write_text("x")
    scenario_dir, out = setup(tmp_path)  # type: ignore[operator]
    with pytest.raises(OutputFolderError, match=match):
        check_output_folder(out, scenario_dir)


def test_penalties_are_totalled_per_rule_and_person() -> None:
    sc = tiny_scenario()
    from roster.domain import Penalty

    frame = penalties_frame(
        sc,
        [
            Penalty(rule="PREFERENCES", employee_id="E2", measure=30, weight=1),
            Penalty(rule="COVERAGE", measure=15, weight=1000),
            Penalty(rule="PREFERENCES", employee_id="E2", measure=1, weight=240),
            Penalty(rule="COVERAGE", measure=30, weight=1000),
        ],
    )
    assert frame.to_dict("records") == [
        {"rule": "COVERAGE", "employee_id": "", "name": "", "terms": 2, "measure": 45, "cost": 45000},
        {"rule": "PREFERENCES", "employee_id": "E2", "name": "Bob", "terms": 2, "measure": 31, "cost": 270},
    ]
