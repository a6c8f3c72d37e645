"""What the benchmark scripts share: the machine line, medians, number formats, the markdown table."""

from __future__ import annotations

import csv
import os
import platform
import statistics
from collections.abc import Sequence
from pathlib import Path


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(workers: int) -> str:
    """``Machine: AMD EPYC, 2 cores, 2 workers, Python 3.11.7``."""
    return f"Machine: {cpu()}, {os.cpu_count()} cores, {workers} workers, Python {platform.python_version()}"


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
    """One row per dict, the columns of the first (nothing written without rows)."""
    if not rows:
        return
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
