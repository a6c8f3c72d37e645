"""The manager's review from the command line: a solve saves a draft; show, accept, log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_version_checked
from roster.cli import main
from roster.domain import Roster
from roster.io import load_scenario
from roster.store import open_store
from roster.validation import validate
from roster.workflow import save_roster, scenario_files, scenario_of

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
FAST = ["--time-limit", "20", "--workers", "2", "--seed", "0"]


@pytest.fixture
def solved(tmp_path: Path) -> tuple[str, str]:
    db = str(tmp_path / "review.db")
    result = CliRunner().invoke(
        main, ["solve", str(TINY), "--out", str(tmp_path / "out"), "--db", db, "--by", "Coordinator", *FAST]
    )
    assert result.exit_code == 0, result.output
    return db, result.output


def test_a_solve_saves_its_roster_as_a_draft_with_its_scenario(
    solved: tuple[str, str], tmp_path: Path
) -> None:
    db, output = solved
    assert "Saved as v1 (draft)" in output
    with open_store(db) as store:
        [v] = store.versions()
        assert (v.team, v.status, v.created_by, v.source) == (
            "Tiny Contact Desk",
            "draft",
            "Coordinator",
            "solve",
        )
        assert store.files(1) == scenario_files(TINY)
        assert scenario_of(store, 1) == load_scenario(TINY)
        csv_roster = (tmp_path / "out" / "roster.csv").read_text()
        assert len(store.roster(1).shifts) == csv_roster.count("\n") - 1
        # the solver's saved objective against the validator's recomputation (not the saved one)
        assert v.solver_objective is not None
        assert_version_checked(store, 1)


def test_show_and_accept_then_the_log_lists_both(solved: tuple[str, str]) -> None:
    db, _ = solved
    shown = CliRunner().invoke(main, ["show", "v1", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "v1 of Tiny Contact Desk: draft" in shown.output and "0 hard violation(s)" in shown.output
    accepted = CliRunner().invoke(main, ["accept", "v1", "--by", "Ayesha", "--db", db])
    assert accepted.exit_code == 0, accepted.output
    assert "v1 accepted by Ayesha" in accepted.output
    again = CliRunner().invoke(main, ["accept", "1", "--by", "Ayesha", "--db", db])
    assert again.exit_code == 4 and "already accepted" in again.output
    log = CliRunner().invoke(main, ["log", "--db", db])
    assert log.exit_code == 0, log.output
    assert "v1     accepted" in log.output
    lines = [line for line in log.output.splitlines() if "UTC  " in line]
    assert [line.split()[3] for line in lines] == ["create", "accept"]
    assert "Ayesha: checked: objective" in lines[1]


def test_a_broken_roster_is_refused_unless_overridden_with_a_reason(tmp_path: Path) -> None:
    db = str(tmp_path / "review.db")
    scenario = load_scenario(TINY)
    day = scenario.service.start_date
    # one shift of 14 hours: past the longest shift the service allows (a hard rule)
    shift = {
        "employee_id": "T1",
        "date": day,
        "start": dt.datetime.combine(day, dt.time(7)),
        "end": dt.datetime.combine(day, dt.time(21)),
    }
    roster = Roster.model_validate({"shifts": [shift]})
    report = validate(scenario, roster)
    assert report.hard_violations
    with open_store(db) as store:
        save_roster(
            store, scenario, scenario_files(TINY), roster, report, solver_objective=None, actor="Coordinator"
        )  # made by hand: no solver figure
    refused = CliRunner().invoke(main, ["accept", "v1", "--by", "Ayesha", "--db", db])
    assert refused.exit_code == 1
    assert "HARD" in refused.output and "was not accepted" in refused.output
    bare = CliRunner().invoke(main, ["accept", "v1", "--by", "Ayesha", "--override", "--db", db])
    assert bare.exit_code == 2 and "--override needs --reason" in bare.output
    forced = CliRunner().invoke(
        main,
        [
            "accept",
            "v1",
            "--by",
            "Ayesha",
            "--override",
            "--reason",
            "sickness cover agreed with T1",
            "--db",
            db,
        ],
    )
    assert forced.exit_code == 0, forced.output
    with open_store(db) as store:
        events = store.events()
        assert [e.action for e in events] == ["create", "refuse", "override"]
        assert events[-1].reason == "sickness cover agreed with T1"
        assert store.version(1).status == "accepted"


def test_an_unknown_version_or_store_is_a_clear_error(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    missing = CliRunner().invoke(main, ["show", "v7", "--db", db])
    assert missing.exit_code == 4 and "v7 is not in the store" in missing.output
    bad = CliRunner().invoke(main, ["show", "seven", "--db", db])
    assert bad.exit_code == 2 and "is not a version" in bad.output
    nowhere = CliRunner().invoke(main, ["log", "--db", str(tmp_path / "no" / "such" / "x.db")])
    assert nowhere.exit_code == 4 and "cannot open the roster store" in nowhere.output
    assert "Traceback" not in missing.output + bad.output + nowhere.output


def test_purge_never_shortens_the_24_month_retention(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    short = CliRunner().invoke(main, ["purge", "--older-than-months", "12", "--by", "admin", "--db", db])
    assert short.exit_code == 2 and "24" in short.output
    dry = CliRunner().invoke(main, ["purge", "--by", "admin", "--dry-run", "--db", db])
    assert dry.exit_code == 0 and dry.output.startswith("Would remove records from before")
