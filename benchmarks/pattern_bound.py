"""Column generation's lower bound at the root, on the bundled scenarios and Curtois instances.

    python benchmarks/pattern_bound.py [--time-limit S] [--workers W] [--lp highs glop ...] [SCENARIO ...]
    python benchmarks/pattern_bound.py --lp highs highs-ipm pdlp --time-limit 60 --iterations 1000 \
        branch-library library-leisure contact-centre --name pattern_lp
    python benchmarks/pattern_bound.py --time-limit 40 --iterations 1000 --fixed-alpha --alpha 0.8 \
        library-leisure branch-library contact-centre cctv-control-room --name pattern_alpha_0.8

A SCENARIO is a folder name under ``scenarios/`` or ``curtois:N`` (Instance N of
``../shared/benchmarks/curtois``).

For each scenario: the proved lower bound of column generation over person rosters
(``roster.model.pattern.pattern_bound``; ``--pricing dp``: dynamic programming with
the CP-SAT pricer where the DP's roster breaks a rule it relaxes, ``cp-sat``: CP-SAT
throughout), the last LP value, iterations, columns, pricing calls the DP answered
exactly and those that fell back to CP-SAT, where the time went (pricing, LP) and the
seconds until the bound was first within 5%, 2% and 1% of the LP value, for each LP solver of
``--lp`` (:data:`roster.model.pattern.master.LP_SOLVERS`: HiGHS's simplex, interior point
without crossover and PDLP; OR-Tools' GLOP and PDLP). ``--alpha``: the Wentges weight where it
starts (it adapts round by round), ``--fixed-alpha``: that weight throughout. One run each:
the run is deterministic (the LP solves, and pricing on deterministic budgets) except for the
wall-clock guard. Prints a Markdown table; writes ``benchmarks/results/pattern_bound.csv``
(``--name``: another file), one row per scenario and LP solver, stamped with the commit and the
machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from roster import SolverSettings, load_scenario
from roster.domain import Scenario
from roster.io.curtois import load_curtois
from roster.model import LP_SOLVERS, MasterError, pattern_bound

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, write_csv

ROOT = Path(__file__).resolve().parents[1]
CURTOIS = ROOT.parent / "shared" / "benchmarks" / "curtois"


def load(name: str) -> Scenario:
    if name.startswith("curtois:"):
        return load_curtois(CURTOIS / f"Instance{name.split(':', 1)[1]}.txt")
    return load_scenario(ROOT / "scenarios" / name)


def _within(history: list[tuple[float, float, float]], share: float) -> float | None:
    """Seconds until the best bound so far was first within ``share`` of the round's LP value."""
    best = float("-inf")
    for seconds, value, bound in history:
        best = max(best, bound)
        if best > 0 and value - best <= share * abs(value):
            return round(seconds, 1)
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=["tiny", "contact-centre"])
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--pricing-budget", type=float, default=1.0)
    ap.add_argument("--pricing", choices=["dp", "cp-sat"], default="dp")
    ap.add_argument("--lp", nargs="+", choices=LP_SOLVERS, default=["highs"])
    ap.add_argument("--alpha", type=float, default=0.5, help="the Wentges weight (where it starts)")
    ap.add_argument("--fixed-alpha", action="store_true", help="the Wentges weight does not adapt")
    ap.add_argument("--name", default="pattern_bound", help="results file: benchmarks/results/NAME.csv")
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    head = [
        "scenario",
        "pricing",
        "LP",
        "bound",
        "last LP",
        "converged",
        "iterations",
        "columns",
        "DP exact / fallback",
        "s",
        "pricing s",
        "LP s",
        "to 5% / 2% / 1% (s)",
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name in args.scenarios:
        sc = load(name)
        for lp in args.lp:
            settings = SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=0)
            try:
                b = pattern_bound(
                    sc,
                    settings,
                    max_iterations=args.iterations,
                    pricing_budget=args.pricing_budget,
                    pricing=args.pricing,
                    lp=lp,
                    alpha=args.alpha,
                    adaptive=not args.fixed_alpha,
                )
            except MasterError as err:  # a solver that gave up on a master: a row that says so
                print(f"| {name} | {args.pricing} | {lp} | failed: {err} |", flush=True)
                rows.append({"scenario": name, "pricing": args.pricing, "lp": lp, "failed": str(err)})
                continue
            within = {share: _within(b.history, share) for share in (0.05, 0.02, 0.01)}
            cells = [
                name,
                args.pricing,
                lp,
                f"{b.lower_bound:,}",
                f"{b.lp_value:,.0f}",
                str(b.converged),
                str(b.iterations),
                str(b.columns),
                f"{b.exact_prices} / {b.fallback_prices}",
                f"{b.seconds:.1f}",
                f"{b.pricing_seconds:.1f}",
                f"{b.lp_seconds:.1f}",
                " / ".join("-" if t is None else f"{t:.1f}" for t in within.values()),
            ]
            print("| " + " | ".join(cells) + " |", flush=True)
            rows.append(
                {
                    "scenario": name,
                    "pricing": args.pricing,
                    "lp": lp,
                    "alpha": args.alpha,
                    "adaptive": not args.fixed_alpha,
                    "time_limit": args.time_limit,
                    "iterations_allowed": args.iterations,
                    "pricing_budget": args.pricing_budget,
                    "workers": args.workers,
                    "bound": b.lower_bound,
                    "lp_value": round(b.lp_value, 1),
                    "converged": b.converged,
                    "iterations": b.iterations,
                    "columns": b.columns,
                    "dp_exact": b.exact_prices,
                    "fallback": b.fallback_prices,
                    "seconds": round(b.seconds, 1),
                    "pricing_s": round(b.pricing_seconds, 1),
                    "lp_s": round(b.lp_seconds, 1),
                    "within_5pct_s": within[0.05],
                    "within_2pct_s": within[0.02],
                    "within_1pct_s": within[0.01],
                    "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                }
            )
    write_csv(RESULTS / f"{args.name}.csv", rows)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory {rss:,.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
