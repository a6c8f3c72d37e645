"""The README's manager walk-through, run as written (the default scenario, the default budget)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_version_checked
from roster.cli import main
from roster.store import open_store

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## What a manager does", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```text\n(.*?)```", section, flags=re.S)[0]
    lines = [line.split("   #", 1)[0].strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("roster ")]


def test_the_managers_walk_through_runs_as_the_readme_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "roster.db")
    commands = _commands()
    assert [c[0] for c in commands] == ["solve", "show", "amend", "amend", "diff", "accept", "next", "log"]
    outputs = {}
    for args in commands:
        args = [str(ROOT / a) if a.startswith(("scenarios/", "docs/")) else a for a in args]
        workers = ["--workers", "2"] if args[0] in ("solve", "amend") else []
        result = CliRunner().invoke(main, [*args, "--db", db, *workers])
        assert result.exit_code == 0, (args, result.output)
        outputs[args[0]] = result.output
    with open_store(db) as store:
        assert [(v.id, v.status) for v in store.versions()] == [
            (1, "superseded"),
            (2, "superseded"),
            (3, "accepted"),
        ]
        assert [e.action for e in store.events()] == ["create", "amend", "amend", "accept", "publish", "next"]
        # the solve and both re-solves (their STABILITY against the version amended included)
        assert [v.source for v in store.versions()] == ["solve", "re-solve", "re-solve"]
        for v in store.versions():
            assert_version_checked(store, v.id)
    assert "From v1 to v3" in outputs["diff"] and "E010" in outputs["diff"] and "E004" in outputs["diff"]
    assert (tmp_path / "out" / "published" / "calendar-E004.ics").is_file()
    assert (tmp_path / "out" / "contact-centre-25-jan" / "history.csv").is_file()
