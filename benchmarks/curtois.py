"""Benchmark: the Curtois & Qu shift-scheduling instances, solved as `roster solve` solves them.

Each instance of ``../shared/benchmarks/curtois`` is read with
:func:`roster.io.curtois.load_curtois` (the engine's objective is then the
benchmark's objective) and solved once per run, run ``r`` with seed ``r`` and
the CLI's settings for ``--time-limit LIMIT`` (deterministic budget
``DETERMINISTIC_SHARE x LIMIT``, wall-clock guard ``LIMIT``, 2 workers; with
``--wall-clock``, as ``roster solve --wall-clock``, the limit alone). Every
roster is checked by the independent validator: no hard violation, and the
validator's objective equals the solver's. The table compares the median
objective with the best known result of the literature, and gives the engine that
produced it, the proved lower bound and where it came from, and the process's peak
memory after the instance.

With ``--peer``, CPMpy's reference model of these instances (``cpmpy==1.1.1``, an
optional benchmark dependency: ``pip install cpmpy==1.1.1``; its
``cpmpy.tools.io.nurserostering`` model, unchanged) is solved in the same run by
OR-Tools CP-SAT with the same workers and seed, for ``LIMIT`` seconds of search after
its model is built and handed to the solver; its roster is re-scored by our
validator (a roster the validator refuses is reported as such).

    python benchmarks/curtois.py                                   # instances 1 3 5 ... 19, 1 run
    python benchmarks/curtois.py --instances 1 3 --time-limit 60 --runs 3
    python benchmarks/curtois.py --wall-clock --out /tmp/curtois      # keep the default results
    python benchmarks/curtois.py --instances 1 3 5 7 9 11 13 15 17 19 21 23 --peer

Writes ``benchmarks/results/curtois.csv`` (``--name``: another file; one row per instance and
run, stamped with the commit and the machine) and prints a markdown table of medians over the
runs. One run of the script is one file: rows of separate runs are never merged into one.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from roster import solve, validate
from roster.domain import DETERMINISTIC_SHARE, Roster, Scenario, Shift, SolveResult, SolverSettings
from roster.io import InputError
from roster.io.curtois import load_curtois
from roster.timegrid import to_datetime

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fmt, machine, markdown, median, write_csv

HERE = Path(__file__).resolve().parent
DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "curtois"

BEST: dict[int, tuple[int, int]] = {
    # instance: (best lower bound, best known objective), from the table "Best known results
    # for the instances here" of ../shared/benchmarks/curtois/README.md (Curtois & Qu 2014,
    # schedulingbenchmarks.org).
    1: (607, 607),
    3: (1001, 1001),
    5: (1143, 1143),
    7: (1056, 1056),
    9: (439, 439),
    11: (3443, 3443),
    13: (1348, 1348),
    15: (3829, 3831),
    17: (5746, 5746),
    19: (3149, 3149),
    21: (21133, 21133),
    23: (16990, 17428),
}


def gap_pct(objective: float | None, best: int) -> float | None:
    """Gap to the best known objective, in % of it (None without a roster or a best known)."""
    if objective is None or not best:
        return None
    return 100.0 * (objective - best) / best


def peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def peer(path: Path, sc: Scenario, limit: float, workers: int, seed: int) -> dict[str, object]:
    """CPMpy's reference model of the instance on CP-SAT: (build s, objective re-scored, hard violations)."""
    import cpmpy as cp  # type: ignore[import-untyped]
    from cpmpy.tools.io.nurserostering import (  # type: ignore[import-untyped]
        _model_nurserostering,
        parse_scheduling_period,
    )

    began = time.perf_counter()
    data = parse_scheduling_period(str(path))
    model, view = _model_nurserostering(**data)
    solver = cp.SolverLookup.get("ortools", model)
    build = time.perf_counter() - began
    found = solver.solve(time_limit=limit, num_workers=workers, random_seed=seed)
    out: dict[str, object] = {"peer_build_s": round(build, 1), "peer_status": solver.status().exitstatus.name}
    if not found:
        return out
    ids = ["F", *data["shifts"]]
    types = {t.id: t for t in sc.service.shift_types}
    shifts = []
    for i, nurse in enumerate(data["staff"]):
        for d, v in enumerate(view[i].value()):
            if v:
                t = types[ids[int(v)]]
                day = sc.service.days[d]
                shifts.append(
                    Shift(
                        employee_id=str(nurse["ID"]),
                        date=day,
                        start=to_datetime(day, t.start),
                        end=to_datetime(day, t.end),
                    )
                )
    report = validate(sc, Roster(shifts=tuple(shifts)))
    out.update(
        peer_objective=report.objective,
        peer_solver_objective=round(solver.objective_value()),
        peer_hard=len(report.hard_violations),
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--instances", type=int, nargs="+", default=[1, 3, 5, 7, 9, 11, 13, 15, 17, 19])
    ap.add_argument("--time-limit", type=float, default=60.0, help="--time-limit of each solve (s)")
    ap.add_argument("--runs", type=int, default=1, help="runs per instance, seeds 0..RUNS-1")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", type=Path, default=DATA, help="folder of InstanceN.txt files")
    ap.add_argument(
        "--wall-clock",
        action="store_true",
        help="as `roster solve --wall-clock`: stop on --time-limit only (not reproducible)",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--name", default="curtois", help="results file: OUT/NAME.csv (one run, one file)")
    ap.add_argument("--peer", action="store_true", help="also solve CPMpy's reference model (cpmpy==1.1.1)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    table: list[list[str]] = []
    for n in args.instances:
        path = args.data / f"Instance{n}.txt"
        lower, best = BEST.get(n, (0, 0))
        began = time.perf_counter()
        try:
            sc = load_curtois(path)
        except InputError as exc:
            print(f"Instance{n}: not loaded: {exc}", flush=True)
            continue
        load_s = time.perf_counter() - began
        weeks, staff, types = sc.service.weeks, len(sc.employees), len(sc.service.shift_types)
        runs: list[SolveResult] = []
        for run in range(args.runs):
            settings = SolverSettings(
                time_limit=args.time_limit,
                workers=args.workers,
                seed=run,
                deterministic_time=None if args.wall_clock else DETERMINISTIC_SHARE * args.time_limit,
            )
            result = solve(sc, settings)
            if result.has_roster:
                report = validate(sc, result.roster)
                assert report.hard_violations == (), report.hard_violations[:5]
                assert report.objective == result.objective, (report.cost_by_rule(), result.cost_by_rule())
            runs.append(result)
            first = result.progress[0].seconds if result.progress else None
            rows.append(
                {
                    "instance": n,
                    "weeks": weeks,
                    "staff": staff,
                    "types": types,
                    "best_known": best or "",
                    "lower_bound": lower or "",
                    "seed": run,
                    "status": result.status,
                    "objective": result.objective if result.objective is not None else "",
                    "bound": round(result.best_bound) if result.best_bound is not None else "",
                    "gap_to_best_pct": "" if (g := gap_pct(result.objective, best)) is None else round(g, 2),
                    "first_roster_s": round(first, 2) if first is not None else "",
                    "wall_s": round(result.wall_time, 1),
                    "load_s": round(load_s, 2),
                    "engine": result.engine,
                    "bound_source": result.bound_source or "",
                    "peak_mb": peak_mb(),
                    **(peer(path, sc, args.time_limit, args.workers, run) if args.peer else {}),
                }
            )
            print(
                f"Instance{n} ({weeks} weeks, {staff} staff, {types} types), seed {run}: {result.status} "
                f"objective {result.objective} (best known {best}), bound {result.best_bound}, "
                f"first roster {fmt(first, 's')} s, wall {result.wall_time:.1f} s, engine {result.engine}, "
                f"bound from {result.bound_source}"
                + (f"; CPMpy: {rows[-1].get('peer_objective', 'no roster')}" if args.peer else ""),
                flush=True,
            )
        objective = median([r.objective for r in runs])
        optimal = sum(1 for r in runs if r.status == "OPTIMAL")
        mine = rows[-len(runs) :]
        bounds = median([r.best_bound for r in runs])
        peers = [row.get("peer_objective") for row in mine]
        peer_cell = fmt(median([p if isinstance(p, int) else None for p in peers]), "n") if args.peer else ""
        line = [
            f"Instance{n}",
            str(weeks),
            str(staff),
            str(types),
            fmt(lower or None, "n"),
            fmt(best or None, "n"),
            fmt(objective, "n"),
            fmt(None if (g := gap_pct(objective, best)) is None else g / 100, "pct"),
            fmt(bounds, "n"),
            "/".join(sorted({str(r.bound_source) for r in runs})),
            "/".join(sorted({r.engine for r in runs})),
            f"{optimal}/{len(runs)}",
            fmt(median([r.progress[0].seconds if r.progress else None for r in runs]), "s"),
            fmt(median([r.wall_time for r in runs]), "s"),
            str(max(int(str(row["peak_mb"])) for row in mine)),
        ]
        if args.peer:
            line.append(peer_cell)
        table.append(line)
    head = [
        "instance",
        "weeks",
        "staff",
        "types",
        "lower bound",
        "best known",
        "objective",
        "gap to best",
        "our bound",
        "bound from",
        "engine",
        "proved optimal",
        "first roster (s)",
        "wall (s)",
        "peak MB",
    ] + (["CPMpy (same run)"] if args.peer else [])
    caption = (
        f"{machine(args.workers)}; `--time-limit {args.time_limit:g}"
        f"{' --wall-clock' if args.wall_clock else ''}`; medians over seeds "
        f"{' '.join(map(str, range(args.runs)))}; lower bound and best known from the benchmark's README; "
        "'-' = no roster."
    )
    md = markdown(caption, head, table)
    write_csv(args.out / f"{args.name}.csv", rows)
    print("\n".join(md))


if __name__ == "__main__":
    main()
