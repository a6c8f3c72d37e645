"""A disk that fills up while the outputs are written: a plain message, exit code 3, and the
previous run's output folder exactly as it was (no "Exception ignored ... Traceback" noise).

The limit is real: the ``roster solve`` subprocess runs with ``RLIMIT_FSIZE`` set, so the
kernel refuses the write (EFBIG) the way a full disk refuses it (ENOSPC).
"""

from __future__ import annotations

import hashlib
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from checked import assert_output_checked

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

ROOT = Path(__file__).resolve().parents[1]


def _solve(out: Path, file_limit: int | None, db: str = "sqlite://") -> subprocess.CompletedProcess[str]:
    """``roster solve`` with files limited to ``file_limit`` bytes; the store in memory by default
    (a SQLite file would be refused first, before the solve: the limit applies to it too)."""

    def limit() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    cmd = [
        sys.executable,
        "-m",
        "roster.cli",
        "solve",
        str(ROOT / "scenarios" / "tiny"),
        "--out",
        str(out),
        "--time-limit",
        "2",
        "--workers",
        "1",
        "--db",
        db,
    ]
    return subprocess.run(cmd, preexec_fn=limit, capture_output=True, text=True, timeout=300)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("file_limit", [3_000, 60_000], ids=["workbook", "heatmap"])
def test_a_failed_write_leaves_the_previous_run_and_says_so(tmp_path: Path, file_limit: int) -> None:
    out = tmp_path / "out"
    first = _solve(out, None)
    assert first.returncode == 0, first.stderr
    assert_output_checked(ROOT / "scenarios" / "tiny", out)
    before = _digest(out)
    second = _solve(out, file_limit)  # 3 kB stops the workbook, 60 kB the cover heatmap
    assert second.returncode == 3, second.stderr
    assert "cannot write the outputs to" in second.stderr
    assert "a file would be larger than this system allows" in second.stderr
    assert "previous run, if any, is intact" in second.stderr
    assert "Traceback" not in second.stderr and "Exception ignored" not in second.stderr
    assert _digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_a_store_the_full_disk_cannot_take_is_found_before_the_solve(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "roster.db"
    first = _solve(out, None, str(db))
    assert first.returncode == 0, first.stderr
    before, stored = _digest(out), db.read_bytes()
    second = _solve(out, 3_000, str(db))  # a page of the store (4 kB) does not fit its journal
    assert second.returncode == 4, second.stderr
    assert "cannot be written" in second.stderr and "make room on that disk" in second.stderr
    assert "Solving" not in second.stderr  # refused before the search
    assert _digest(out) == before and db.read_bytes() == stored


def test_a_full_disk_is_named_in_plain_words() -> None:
    import errno

    from roster.cli.base import os_reason as _os_reason

    assert _os_reason(OSError(errno.ENOSPC, "No space left on device", "/data/out")) == (
        "no space left on the disk (/data/out)"
    )
    assert _os_reason(OSError(errno.EIO, "Input/output error")) == "input/output error"
