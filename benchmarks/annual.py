"""Benchmark: the analyst's year: a year's plan of the library and leisure centre, and a sweep
of six variants locally and on a local two-process Dask cluster.

    python benchmarks/annual.py [--runs 3] [--time-limit 60] [--deterministic 3] [--sweep-to 2027-05-16]
                                [--workers 2] [--jobs 1]

1. **Year plan**: ``scenarios/library-leisure`` with its ``year/`` inputs (leave, seasonal
   demand, the 44/30 profile), planned from Monday 5 April 2027 to 26 March 2028 (17
   three-week rosters), as ``roster plan-year`` does, with the given wall-clock guard and
   deterministic budget per roster, ``--workers`` solver workers, ``--jobs`` rosters solved at
   once (the year plan makes them independent). Median wall time of ``--runs`` runs, the
   rosters' short hours beside the year plan's lower bound, the final balance error (mean
   and worst person).
2. **Sweep**: ``benchmarks/sweeps/library-opening.toml`` (three seasonal splits x two opening
   hours; a year scope cut to ``--sweep-to``), run with 1 solver worker per variant on the 2
   local cores (2 at once) and on a Dask LocalCluster of 2 worker processes (1 thread each).
   Median wall time of ``--runs`` runs each; the two give the same rows.

Every roster is checked by the validator inside the planner. Prints markdown tables; writes
``benchmarks/results/annual.csv`` (one row per job and run: wall time, and for the year plan its
short hours and balance error) and ``benchmarks/results/annual_sweep.csv`` (one row per variant,
run and way of running it: the sweep's own results row), stamped with the commit and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from roster import SolverSettings, load_scenario
from roster.io import YEAR_FOLDER, load_year
from roster.planning import plan_year
from roster.planning.sweep import read_sweep, result_rows, run_cluster, run_local, tasks_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, markdown, median, write_csv

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "library-leisure"
SWEEP = ROOT / "benchmarks" / "sweeps" / "library-opening.toml"


def _year(
    runs: int, time_limit: float, deterministic: float, workers: int, jobs: int
) -> list[dict[str, object]]:
    sc = load_scenario(SCENARIO)
    year = load_year(SCENARIO / YEAR_FOLDER, sc)
    settings = SolverSettings(
        time_limit=time_limit, workers=workers, seed=0, deterministic_time=deterministic
    )
    rows = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            began = time.perf_counter()
            plan = plan_year(
                sc,
                dt.date(2027, 4, 5),
                dt.date(2028, 3, 26),
                Path(tmp) / "plan",
                settings,
                year=year,
                jobs=jobs,
            )
            seconds = time.perf_counter() - began
        finals = {str(g["employee_id"]): abs(float(str(g["balance_hours"]))) for g in plan.glide}
        rows.append(
            {
                "what": "year plan",
                "run": run + 1,
                "seconds": round(seconds, 1),
                "periods": len(plan.periods),
                "workers": workers,
                "jobs": jobs,
                "short_hours": round(sum(p.short_hours for p in plan.periods), 1),
                "bound_hours": plan.bound,
                "re_solved": sum(p.reconciled == "re-solved" for p in plan.periods),
                "statuses": "/".join(sorted({p.status for p in plan.periods})),
                "reproducible": all(p.reproducible for p in plan.periods),
                "balance_error_hours": round(sum(finals.values()) / len(finals), 2),
                "worst_balance_hours": round(max(finals.values()), 2),
            }
        )
        print(rows[-1], flush=True)
    return rows


def _sweep(
    runs: int, last: str, dask_workers: tuple[int, ...] = (2,)
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    from distributed import LocalCluster

    text = SWEEP.read_text().replace("to = 2027-05-16", f"to = {last}")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SWEEP.name
        path.write_text(text.replace('"../../scenarios/library-leisure"', f'"{SCENARIO.as_posix()}"'))
        spec, folder = read_sweep(path)
        tasks = tasks_of(spec, folder)
        seen: list[list[dict[str, object]]] = []
        variants: list[dict[str, object]] = []
        for run in range(runs):
            began = time.perf_counter()
            rows = result_rows(run_local(tasks, jobs=2))
            out.append(
                {
                    "what": "sweep, 2 local processes",
                    "run": run + 1,
                    "seconds": round(time.perf_counter() - began, 1),
                    "variants": len(rows),
                }
            )
            seen.append(rows)
            variants += [{"how": "2 local processes", "run": run + 1, **r} for r in rows]
            print(out[-1], flush=True)
        for n, run in ((n, run) for n in dask_workers for run in range(runs)):
            how = f"Dask {n} worker process{'es' if n > 1 else ''}"
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
                began = time.perf_counter()
                rows = result_rows(run_cluster(tasks, c.scheduler_address))
                out.append(
                    {
                        "what": f"sweep, {how}",
                        "run": run + 1,
                        "seconds": round(time.perf_counter() - began, 1),
                        "variants": len(rows),
                    }
                )
            seen.append(rows)
            variants += [{"how": how, "run": run + 1, **r} for r in rows]
            print(out[-1], flush=True)
        same = all(
            [{k: v for k, v in r.items() if k != "seconds"} for r in rows]
            == [{k: v for k, v in r.items() if k != "seconds"} for r in seen[0]]
            for rows in seen
        )
        for row in out:
            row["same_rows_every_run"] = same
        print("variants:", flush=True)
        for r in seen[0]:
            print(
                {
                    k: r[k]
                    for k in (
                        "variant",
                        "status",
                        "short_hours",
                        "wishes_honoured_pct",
                        "wishes_spread_pct",
                        "balance_error_hours",
                        "reproducible",
                    )
                },
                flush=True,
            )
    return out, variants


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--deterministic", type=float, default=3.0)
    ap.add_argument("--sweep-to", default="2027-05-16")
    ap.add_argument("--skip-year", action="store_true")
    ap.add_argument("--skip-sweep", action="store_true")
    ap.add_argument("--name", default="annual", help="results/NAME.csv (and NAME_sweep.csv)")
    ap.add_argument(
        "--dask-workers", type=int, nargs="+", default=[2], help="the sweep on Dask clusters of these sizes"
    )
    ap.add_argument("--workers", type=int, default=2, help="solver workers of each roster of the year plan")
    ap.add_argument("--jobs", type=int, default=1, help="the year plan's rosters solved at once")
    args = ap.parse_args()
    rows = (
        []
        if args.skip_year
        else _year(args.runs, args.time_limit, args.deterministic, args.workers, args.jobs)
    )
    sizes = tuple(args.dask_workers)
    jobs, variants = ([], []) if args.skip_sweep else _sweep(args.runs, args.sweep_to, sizes)
    rows += jobs
    for row in rows:  # the settings measured, in every row
        row.update(time_limit=args.time_limit, deterministic=args.deterministic, sweep_to=args.sweep_to)
    columns = list(dict.fromkeys(k for r in rows for k in r))  # the year's and the sweep's columns
    filled = [{c: r.get(c, "") for c in columns} for r in rows]
    write_csv(ROOT / "benchmarks" / "results" / f"{args.name}.csv", filled)
    if variants:
        write_csv(ROOT / "benchmarks" / "results" / f"{args.name}_sweep.csv", variants)
    table = []
    for what in dict.fromkeys(str(r["what"]) for r in rows):
        mine = [r for r in rows if r["what"] == what]
        secs = median([float(str(r["seconds"])) for r in mine])
        table.append([what, str(len(mine)), f"{secs:.1f}" if secs is not None else "-"])
    print("\n".join(markdown(machine(2), ["job", "runs", "median s"], table)))


if __name__ == "__main__":
    main()
