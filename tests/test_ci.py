"""CI's own script: a failed install fails the run (the tests cannot be skipped and the run end green)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BROKEN = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "roster-ci-probe"
version = "0"
dependencies = ["roster-ci-probe-missing-dependency==0"]
"""


@pytest.mark.slow
def test_a_failed_install_fails_the_run_and_nothing_after_it_runs(tmp_path: Path) -> None:
    # A clone whose install cannot succeed (a requirement no index holds, and no index at all: the
    # test runs offline), with a .venv left by an earlier run whose pytest, ruff and mypy would pass
    # and leave a mark. With the old `venv && pip install && pytest` chain the run went on to ruff
    # and mypy and ended 0; now it must stop at the install with pip's exit code.
    clone = tmp_path / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "steps", clone / ".ci" / "steps")
    (clone / "pyproject.toml").write_text(BROKEN)
    bin_dir = clone / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("pytest", "ruff", "mypy"):
        (bin_dir / tool).write_text(f"#!/bin/sh\ntouch '{tmp_path}/ran-{tool}'\n")
        (bin_dir / tool).chmod(0o755)
    no_links = tmp_path / "no-links"
    no_links.mkdir()
    env = {
        **os.environ,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(no_links),
    }
    env.pop("VIRTUAL_ENV", None)
    run = subprocess.run(
        ["bash", str(clone / ".ci" / "steps")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0, run.stdout + run.stderr
    assert "ERROR" in run.stderr, run.stderr  # pip's own report of the failed install
    assert (clone / ".venv" / "bin" / "pip").exists(), "the venv step ran before the install"
    assert sorted(p.name for p in tmp_path.glob("ran-*")) == [], "a step after the failed install ran"
