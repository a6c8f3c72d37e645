"""Benchmark: CI from a fresh clone (the whole run must stay under 30 minutes on 2 cores).

    python benchmarks/ci_run.py [--runs 1]

Clones the repository's HEAD into a temporary folder (a fresh clone: no virtual environment, no
caches), runs ``.ci/run`` there and times it: the whole run (the install, PostgreSQL and Chromium
when missing, every test, lint and types), and pytest's own count and time from its summary
line. Writes ``benchmarks/results/ci.csv``, one row per run, stamped with the commit and the
machine. It runs the whole test suite: not something to start on a machine others are measuring on.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, write_csv

SUMMARY = re.compile(r"=+ (?P<counts>.*?) in (?P<seconds>[\d.]+)s")


def counts(line: str) -> dict[str, int]:
    """``664 passed, 3 skipped`` -> {"passed": 664, "skipped": 3}."""
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", line)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--name", default="ci", help="results file: benchmarks/results/NAME.csv")
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="roster-ci-") as tmp:
            clone = Path(tmp) / "roster"
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
            began = time.perf_counter()
            done = subprocess.run([str(clone / ".ci" / "run")], cwd=clone, capture_output=True, text=True)
            seconds = time.perf_counter() - began
        found = [m for m in SUMMARY.finditer(done.stdout)]
        tally = counts(found[-1]["counts"]) if found else {}
        rows.append(
            {
                "run": run + 1,
                "exit_code": done.returncode,
                "seconds": round(seconds, 1),
                "pytest_seconds": float(found[-1]["seconds"]) if found else "",
                "passed": tally.get("passed", 0),
                "skipped": tally.get("skipped", 0),
                "failed": tally.get("failed", 0) + tally.get("errors", 0) + tally.get("error", 0),
            }
        )
        print(rows[-1], flush=True)
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
    write_csv(RESULTS / f"{args.name}.csv", rows)


if __name__ == "__main__":
    main()
