"""Person-optimality: can anyone's own roster be improved with everyone else's fixed?

    python benchmarks/person_optimality.py SCENARIO ROSTER_CSV [--budget S] [--workers W]

For each self-rostered person, every other person's shifts (and days off) are
pinned as in ROSTER_CSV and the person is re-solved with the whole objective
(cover, fairness, wishes...). A person is *improvable* when that solve finds a
lower objective than the roster's own (the validator's); the aim is 0 improvable people.
Deterministic: each solve has a deterministic budget. Writes
``benchmarks/results/person_optimality.csv`` (``--name``: another file), one row per person,
stamped with the commit and the machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roster import Pin, SolveRequest, SolverSettings, load_scenario, solve, validate
from roster.io import read_roster_csv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, write_csv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", type=Path)
    ap.add_argument("roster", type=Path)
    ap.add_argument("--budget", type=float, default=2.0, help="deterministic seconds per person")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--name", default="person_optimality", help="results file: benchmarks/results/NAME.csv")
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    sc = load_scenario(args.scenario)
    roster = read_roster_csv(args.roster)
    base = validate(sc, roster).objective
    days = sc.service.days
    shifts = {(s.employee_id, s.date): s for s in roster.shifts}
    settings = SolverSettings(time_limit=60, workers=args.workers, seed=0, deterministic_time=args.budget)
    improvable = []
    selfs = [e for e in sc.employees if e.pattern == "self"]
    for emp in selfs:
        pins: list[Pin] = []
        for other in sc.employees:
            if other.id == emp.id:
                continue
            for d in days:
                pins.append(Pin(employee_id=other.id, date=d, shift=shifts.get((other.id, d))))
        result = solve(SolveRequest(scenario=sc, pins=tuple(pins)), settings)
        found = result.objective
        if found is not None and found < base:
            improvable.append((emp.id, base - found))
            verdict = f"improvable by {base - found:,}"
        else:
            verdict = "no better roster"
        print(f"{emp.id}: {verdict} ({result.status}, {found})", flush=True)
        rows.append(
            {
                "scenario": args.scenario.name,
                "roster": str(args.roster),
                "employee_id": emp.id,
                "budget": args.budget,
                "workers": args.workers,
                "roster_objective": base,
                "status": result.status,
                "objective_alone": "" if found is None else found,
                "improvable_by": base - found if found is not None and found < base else 0,
            }
        )
    write_csv(RESULTS / f"{args.name}.csv", rows)
    print(
        f"\nroster objective {base:,}; {len(improvable)} of {len(selfs)} self-rostered people improvable"
        f" alone (budget {args.budget:g} deterministic s each)"
    )


if __name__ == "__main__":
    main()
