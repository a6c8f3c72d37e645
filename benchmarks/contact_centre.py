"""Benchmark: the default scenario and scaled copies, solved as `roster solve` solves them.

For each team size (same seeded generator as ``scenarios/contact-centre``)
and each seed, one solve with the CLI's settings for ``--time-limit LIMIT``
(deterministic budget ``DETERMINISTIC_SHARE x LIMIT``, wall-clock guard
``LIMIT``, 2 workers). The solve's progress log gives the best objective and
bound at each checkpoint (10, 60 and 300 s of wall time, counted from the
start of the solve, model building included), and the time to the first
roster. Every final roster is checked by the validator.

    python benchmarks/contact_centre.py                    # 35, 100, 300 staff, seeds 0 1 2
    python benchmarks/contact_centre.py --sizes 35 --seeds 0 --limit 60

Writes ``benchmarks/results/contact_centre.csv`` (``--name``: another stem; one row
per run and checkpoint, stamped with the commit and the machine) and
``benchmarks/results/contact_centre.md`` (medians), and prints the table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roster import solve, validate
from roster.domain import DETERMINISTIC_SHARE, SolveResult, SolverSettings
from roster.reports import honoured_percent

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scenarios"))

import generate  # noqa: E402
from _common import STAMP, fmt, machine, markdown, median, write_csv  # noqa: E402

CHECKPOINTS = (10.0, 60.0, 300.0)


def at(result: SolveResult, seconds: float) -> tuple[float | None, float | None]:
    """Best objective and bound known ``seconds`` into the solve (None before the first roster)."""
    best: float | None = None
    bound: float | None = None
    for p in result.progress:
        if p.seconds > seconds:
            break
        best = p.objective
        bound = p.bound if p.bound is not None else bound
    if seconds >= result.wall_time and result.objective is not None:
        best, bound = result.objective, result.best_bound
    return best, bound


def gap(best: float | None, bound: float | None) -> float | None:
    if best is None or bound is None:
        return None
    return abs(best - bound) / max(1.0, abs(best))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[35, 100, 300])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--limit", type=float, default=300.0, help="--time-limit of each solve (s)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument(
        "--engine", choices=["auto", "pattern", "slot"], default="auto", help="as roster solve --engine"
    )
    ap.add_argument("--name", default="contact_centre", help="results file stem")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    checkpoints = [c for c in CHECKPOINTS if c <= args.limit]
    rows: list[dict[str, object]] = []
    table: list[list[str]] = []
    for n in args.sizes:
        sc = generate.contact_centre(n_staff=n)
        runs: list[SolveResult] = []
        wished: list[float] = []
        for seed in args.seeds:
            settings = SolverSettings(
                time_limit=args.limit,
                workers=args.workers,
                seed=seed,
                deterministic_time=DETERMINISTIC_SHARE * args.limit,
            )
            result = solve(sc, settings, engine=args.engine)
            report = validate(sc, result.roster)
            assert report.is_feasible and report.objective == result.objective, "validator disagrees"
            runs.append(result)
            first = result.progress[0].seconds if result.progress else None
            for c in checkpoints:
                best, bound = at(result, c)
                rows.append(
                    {
                        "staff": n,
                        "time_limit": args.limit,
                        "workers": args.workers,
                        "seed": seed,
                        "checkpoint_s": c,
                        "first_roster_s": round(first, 2) if first is not None else "",
                        "objective": best if best is not None else "",
                        "bound": bound if bound is not None else "",
                        "gap": round(g, 4) if (g := gap(best, bound)) is not None else "",
                        "final_objective": result.objective,
                        "wall_s": round(result.wall_time, 1),
                        "engine": result.engine,
                        "bound_source": result.bound_source or "",
                        "wishes_pct": round(honoured_percent(report.wishes) or 0.0, 1),
                    }
                )
            wished.append((honoured_percent(report.wishes) or 0.0) / 100)
            print(
                f"{n} staff, seed {seed}: objective {result.objective}, bound {result.best_bound:.0f} "
                f"({result.bound_source}), wishes {wished[-1]:.1%}, "
                f"first roster {first:.1f} s, wall {result.wall_time:.1f} s",
                flush=True,
            )
        line = [str(n), str(len(runs)), fmt(median([r.progress[0].seconds for r in runs]), "s")]
        for c in checkpoints:
            pts = [at(r, c) for r in runs]
            line += [
                fmt(median([b for b, _ in pts]), "n"),
                fmt(median([bd for _, bd in pts]), "n"),
                fmt(median([gap(b, bd) for b, bd in pts]), "pct"),
            ]
        line.append(fmt(median(wished), "pct"))
        table.append(line)
    head = ["staff", "runs", "first roster (s)"]
    for c in checkpoints:
        head += [f"objective @{c:g}s", f"bound @{c:g}s", f"gap @{c:g}s"]
    head.append("wishes honoured")
    caption = (
        f"{machine(args.workers)}; commit {STAMP['commit']}; "
        f"`--time-limit {args.limit:g}`, `--engine {args.engine}`; "
        "medians over seeds "
        f"{' '.join(map(str, args.seeds))}; '-' = no roster (or no bound) yet at that time."
    )
    md = markdown(caption, head, table)
    (args.out / f"{args.name}.md").write_text("\n".join(md) + "\n")
    write_csv(args.out / f"{args.name}.csv", rows)
    print("\n".join(md))


if __name__ == "__main__":
    main()
