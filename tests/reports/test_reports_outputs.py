"""write_outputs: every file, written whole, nothing else touched, no staging folder left."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import roster.reports.outputs as outputs
from reports.tiny import FAST, MON, hand_result, tiny_scenario
from roster import solve
from roster.io.roster_csv import read_roster_csv
from roster.reports import penalties_frame, write_outputs
from roster.reports.outputs import ALWAYS_FILES, ROSTER_FILES
from roster.validation import validate

ALL = sorted([*ROSTER_FILES, *ALWAYS_FILES])


def test_write_outputs_after_a_real_solve(tmp_path: Path) -> None:
    sc = tiny_scenario(
        preferences=[{"employee_id": "E3", "date": MON, "kind": "shift", "start": "08:30", "end": "12:30"}]
    )
    result = solve(sc, FAST)
    assert result.has_roster
    report = validate(sc, result.roster)
    assert not [v for v in report.violations if v.hard]
    out = tmp_path / "out"
    written = write_outputs(out, sc, result, report)
    assert sorted(p.name for p in written) == ALL
    assert sorted(p.name for p in out.iterdir()) == ALL
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


def test_existing_files_are_replaced_and_others_kept(tmp_path: Path) -> None:
    sc = tiny_scenario()
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "roster.csv").write_text("old")
    result = hand_result(sc)
    write_outputs(out, sc, result, validate(sc, result.roster))
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "roster.csv").read_text().startswith("employee_id,date,shift_start")
    assert sorted(p.name for p in out.iterdir()) == sorted([*ALL, "notes.txt"])
    # The hand-built roster breaks three hard rules; the summary says so.
    assert "violations    3  NOT PUBLISHABLE" in (out / "summary.txt").read_text()
    wishes = pd.read_csv(out / "wishes.csv")
    assert wishes.empty


def test_a_failure_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sc = tiny_scenario()
    out = tmp_path / "out"
    out.mkdir()
    (out / "roster.csv").write_text("old")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(outputs, "cover_heatmap_png", boom)
    result = hand_result(sc)
    with pytest.raises(RuntimeError, match="disk full"):
        write_outputs(out, sc, result, validate(sc, result.roster))
    assert [p.name for p in out.iterdir()] == ["roster.csv"]
    assert (out / "roster.csv").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_no_roster_writes_only_summary_and_result(tmp_path: Path) -> None:
    sc = tiny_scenario()
    written = write_outputs(tmp_path / "out", sc, hand_result(sc, status="INFEASIBLE"))
    assert sorted(p.name for p in written) == sorted(ALWAYS_FILES)
    assert json.loads((tmp_path / "out" / "result.json").read_text())["status"] == "INFEASIBLE"


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
