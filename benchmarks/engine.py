"""Benchmark: the engine on the bundled services, as the default command solves them.

Each workload is solved in a process of its own (so its peak memory is its own) with the
settings of ``roster solve SCENARIO --time-limit LIMIT`` (deterministic budget
``DETERMINISTIC_SHARE x LIMIT``, 2 workers, engine ``auto`` unless ``--engine``), once per
seed. Every roster is checked by the independent validator: no hard violation, and its
objective equals the engine's own (``checked_objective``). A row per run: wall time, the
time of the first roster, objective, bound and where it came from, gap, the engine that made
the roster, hours short of minimum cover, the pattern engine's own figures (its bound and
roster, people priced by the slot model's person-alone solve, people moved to the DP holding
rest, its work) and peak memory.

    python benchmarks/engine.py                                    # the bundled scenarios, 3 seeds
    python benchmarks/engine.py branch-library --seeds 0           # one scenario, one seed
    python benchmarks/engine.py generated:300 --limit 300 --seeds 0
    python benchmarks/engine.py generated:2000 --limit 60 --seeds 0

A workload is a folder under ``scenarios/`` or ``generated:N`` (the contact centre's
generator at N staff; ``scenarios/generate.py``). Writes ``benchmarks/results/engine.csv``
(``--name``: another file) and prints a markdown table of medians over the seeds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, fmt, machine, markdown, median, write_csv

DEFAULT = ["branch-library", "cctv-control-room", "library-leisure", "contact-centre"]


def one(workload: str, limit: float, seed: int, engine: str) -> dict[str, object]:
    """Solve one workload once, in this process; the row."""
    import resource

    from roster import load_scenario, solve, validate
    from roster.domain import DETERMINISTIC_SHARE, SolverSettings

    if workload.startswith("generated:"):
        sys.path.insert(0, str(ROOT / "scenarios"))
        from generate import contact_centre  # type: ignore[import-not-found]

        sc = contact_centre(int(workload.split(":", 1)[1]))
    else:
        sc = load_scenario(ROOT / "scenarios" / workload)
    settings = SolverSettings(
        time_limit=limit, workers=2, seed=seed, deterministic_time=DETERMINISTIC_SHARE * limit
    )
    first: list[float] = []
    began = time.perf_counter()
    result = solve(
        sc, settings, progress=lambda p: first.append(p.seconds) if not first else None, engine=engine
    )
    wall = time.perf_counter() - began
    row: dict[str, object] = {
        "workload": workload,
        "people": len(sc.employees),
        "limit": limit,
        "seed": seed,
        "engine_asked": engine,
        "status": str(result.status),
        "wall_s": round(wall, 2),
        "first_roster_s": round(first[0], 2) if first else "",
        "objective": result.objective if result.objective is not None else "",
        "bound": result.best_bound if result.best_bound is not None else "",
        "bound_source": str(result.bound_source or ""),
        "gap": round(result.gap, 5) if result.gap is not None else "",
        "engine": str(result.engine),
        "reproducible": result.reproducible,
    }
    if result.has_roster:
        report = validate(sc, result.roster)
        assert not report.hard_violations, report.hard_violations[:3]
        assert report.objective == result.objective == result.checked_objective, (
            report.objective,
            result.objective,
            result.checked_objective,
        )
        under = sum(p.measure for p in report.penalties if p.rule == "COVERAGE" and " under by " in p.detail)
        row["hours_short"] = round(under / 60, 2)
    notes = list(result.notes)
    for n in notes:
        if n.startswith("pattern engine: bound "):
            row["pattern_bound_note"] = n[len("pattern engine: ") :]
        elif n.startswith("pattern engine: roster "):
            row["pattern_dive_note"] = n[len("pattern engine: ") :]
        elif "priced by the slot model's person-alone solve" in n:
            row["pattern_fallback_note"] = n[len("pattern engine: ") :]
    row["guard_notes"] = sum("wall-clock guard" in n for n in notes)
    row["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workloads", nargs="*", default=DEFAULT)
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--engine", default="auto", choices=["auto", "pattern", "slot"])
    ap.add_argument("--name", default="engine")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.limit, args.seeds[0], args.engine)))
        return
    rows: list[dict[str, object]] = []
    for workload in args.workloads:
        for seed in args.seeds:
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    workload,
                    "--limit",
                    str(args.limit),
                    "--seeds",
                    str(seed),
                    "--engine",
                    args.engine,
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if done.returncode != 0:
                print(done.stderr[-2000:], file=sys.stderr)
                raise SystemExit(f"{workload} seed {seed} failed")
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(row, flush=True)
    write_csv(RESULTS / f"{args.name}.csv", rows)
    table = []
    for workload in dict.fromkeys(str(r["workload"]) for r in rows):
        mine = [r for r in rows if r["workload"] == workload]

        def med(key: str, rows: list[dict[str, object]] = mine) -> float | None:
            return median([float(str(r[key])) if r.get(key) not in ("", None) else None for r in rows])

        table.append(
            [
                workload,
                str(len(mine)),
                fmt(med("wall_s"), "s"),
                fmt(med("first_roster_s"), "s"),
                fmt(med("objective"), "n"),
                fmt(med("bound"), "n"),
                fmt(med("gap"), "pct"),
                ", ".join(sorted({str(r["engine"]) for r in mine})),
                fmt(med("peak_mb"), "n"),
            ]
        )
    head = ["workload", "runs", "wall s", "first roster s", "objective", "bound", "gap", "engine", "peak MB"]
    print("\n".join(markdown(machine(2), head, table)))


if __name__ == "__main__":
    main()
