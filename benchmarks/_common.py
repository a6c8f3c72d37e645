"""What the benchmark scripts share: the machine line, medians, number formats, the markdown table,
and the results file every script writes: its raw rows, each stamped with the commit measured, the
machine and the date (docs/performance.md quotes only figures found in such a file)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def host() -> str:
    """The machine a row was measured on: ``AMD EPYC 7B13, 2 cores, Python 3.11.7``."""
    return f"{cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def machine(workers: int) -> str:
    """``Machine: AMD EPYC, 2 cores, 2 workers, Python 3.11.7``."""
    return f"Machine: {cpu()}, {os.cpu_count()} cores, {workers} workers, Python {platform.python_version()}"


def commit() -> str:
    """The commit measured (``git rev-parse --short HEAD``), with ``+changes`` when a tracked file
    outside ``benchmarks/results/`` differs from it: figures from code no commit holds say so."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    try:
        head = git("rev-parse", "--short=10", "HEAD")
        changed = git(
            "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)benchmarks/results"
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if changed else "")


STAMP = {"commit": commit(), "machine": host(), "date": dt.datetime.now(dt.UTC).date().isoformat()}
"""Taken when a script starts (this module is imported first), so a long run is stamped with the
code it started from; added to every row :func:`write_csv` writes."""


def median(values: Sequence[float | None]) -> float | None:
    """The median, or None when any run has no value (a missing roster is not averaged away)."""
    got = [v for v in values if v is not None]
    return statistics.median(got) if len(got) == len(values) and got else None


def fmt(value: float | None, kind: str) -> str:
    """``-`` for None; ``pct``: a fraction as a percentage; ``s``: seconds; else a whole number."""
    if value is None:
        return "-"
    if kind == "pct":
        return f"{value:.1%}"
    if kind == "s":
        return f"{value:.1f}"
    return f"{value:,.0f}"


def markdown(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A caption line, a blank line and the table."""
    return [
        caption,
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def write_csv(path: Path, rows: Sequence[dict[str, object]]) -> None:
    """The raw rows, one per run (or per run and checkpoint), each stamped with :data:`STAMP`;
    the columns are every row's keys in order of appearance (nothing written without rows)."""
    if not rows:
        return
    stamped = [{**row, **STAMP} for row in rows]
    columns = list(dict.fromkeys(k for row in stamped for k in row))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(stamped)
