"""Column generation's lower bound (issue 10, step 1) against CP-SAT's, on the bundled scenarios.

    python benchmarks/pattern_bound.py [--time-limit S] [--workers W] [--lp highs glop] [SCENARIO ...]

A SCENARIO is a folder name under ``scenarios/`` or ``curtois:N`` (Instance N of
``../shared/benchmarks/curtois``).

For each scenario: the proved lower bound of column generation over person rosters
(``roster.model.pattern.pattern_bound``; ``--pricing dp``: dynamic programming with
the CP-SAT pricer where the DP's roster breaks a rule it relaxes, ``cp-sat``: CP-SAT
throughout), the last LP value, iterations, columns, pricing calls the DP answered
exactly and those that fell back to CP-SAT, and where the time went (pricing, LP), for
each LP solver of ``--lp``. One run each: the run is deterministic (the LP solves, and
pricing on deterministic budgets) except for the wall-clock guard. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from roster import SolverSettings, load_scenario
from roster.domain import Scenario
from roster.io.curtois import load_curtois
from roster.model import pattern_bound

ROOT = Path(__file__).resolve().parents[1]
CURTOIS = ROOT.parent / "shared" / "benchmarks" / "curtois"


def load(name: str) -> Scenario:
    if name.startswith("curtois:"):
        return load_curtois(CURTOIS / f"Instance{name.split(':', 1)[1]}.txt")
    return load_scenario(ROOT / "scenarios" / name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=["tiny", "contact-centre"])
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--pricing-budget", type=float, default=1.0)
    ap.add_argument("--pricing", choices=["dp", "cp-sat"], default="dp")
    ap.add_argument("--lp", nargs="+", choices=["highs", "glop"], default=["highs"])
    args = ap.parse_args()
    head = ["scenario", "pricing", "LP", "bound", "last LP", "converged", "iterations", "columns",
            "DP exact / fallback", "s", "pricing s", "LP s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name in args.scenarios:
        sc = load(name)
        for lp in args.lp:
            settings = SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=0)
            b = pattern_bound(sc, settings, max_iterations=args.iterations,
                              pricing_budget=args.pricing_budget, pricing=args.pricing, lp=lp)
            cells = [name, args.pricing, lp, f"{b.lower_bound:,}", f"{b.lp_value:,.0f}", str(b.converged),
                     str(b.iterations), str(b.columns), f"{b.exact_prices} / {b.fallback_prices}",
                     f"{b.seconds:.1f}", f"{b.pricing_seconds:.1f}", f"{b.lp_seconds:.1f}"]
            print("| " + " | ".join(cells) + " |", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory {rss:,.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
