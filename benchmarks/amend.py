"""Benchmark: a manager's amendments re-solved with minimal change.

    python benchmarks/amend.py [--runs 3] [--time-limit 60]
    python benchmarks/amend.py --scenario cctv-control-room --runs 1 --name amend_cctv

Solves ``scenarios/SCENARIO`` (the contact centre unless ``--scenario``) as ``roster solve``
does (``--time-limit 60``), saves it in a throwaway store, then amends it four ways, each
``--runs`` times, as ``roster amend VERSION --edits EDITS.csv --resolve`` (or ``--leave
LEAVE.csv --resolve``) does, with the same budget: one shift moved an hour later, one person
taken off a date, one shift shortened by an hour, and a person off sick for two days running
they were rostered on (on a service of shift types, only the last two: a shift moved or cut by
an hour is no shift type). For each: the median wall time of the amendment (load, re-solve,
check, save, diff), and the shifts changed besides the edited ones, and of how many people
(the re-solve is deterministic: the same in every run). Every amended roster passes the
validator. Prints a markdown table (medians); writes ``benchmarks/results/NAME.csv``
(``amend.csv`` unless ``--name``), one row per edit and run, stamped with the commit and the
machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from roster import Pin, SolverSettings, load_scenario, solve, validate
from roster.domain import DETERMINISTIC_SHARE, Shift
from roster.reports import shift_changes
from roster.store import open_store
from roster.workflow import Amendment, amend, save_roster, scenario_files

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, markdown, median, write_csv

ROOT = Path(__file__).resolve().parents[1]


def _moved(s: Shift, hours: int) -> Shift:
    d = dt.timedelta(hours=hours)
    return s.model_copy(
        update={
            "start": s.start + d,
            "end": s.end + d,
            "break_start": s.break_start + d if s.break_start else None,
            "break_end": s.break_end + d if s.break_end else None,
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scenario", default="contact-centre", help="a folder under scenarios/")
    ap.add_argument("--name", default="amend", help="results file: benchmarks/results/NAME.csv")
    args = ap.parse_args()
    folder = ROOT / "scenarios" / args.scenario
    settings = SolverSettings(
        time_limit=args.time_limit,
        workers=args.workers,
        seed=0,
        deterministic_time=DETERMINISTIC_SHARE * args.time_limit,
    )
    scenario = load_scenario(folder)
    result = solve(scenario, settings)
    base = result.roster
    # three edits of shifts the solve gave (the first Wednesday shift of the 4th person, etc.)
    people = [e.id for e in scenario.employees if e.pattern == "self"]
    wed = next(s for s in base.shifts if s.employee_id == people[3] and s.date.weekday() == 2)
    tue = next(s for s in base.shifts if s.employee_id == people[1] and s.date.weekday() == 1)
    long = next(s for s in base.shifts if s.employee_id == people[5] and s.paid_minutes >= 420)
    shorter = long.model_copy(update={"end": long.end - dt.timedelta(hours=1)})
    if shorter.break_end is not None and shorter.break_end > shorter.end - dt.timedelta(hours=1):
        shorter = shorter.model_copy(update={"break_start": None, "break_end": None})
    # the third person's first two days running on shift in the second week, off sick
    sick_id = people[2]
    on = sorted(s.date for s in base.shifts if s.employee_id == sick_id)
    start = scenario.service.start_date + dt.timedelta(days=7)
    first = next(d for d in on if d >= start and d + dt.timedelta(days=1) in on)
    sick_days = (first, first + dt.timedelta(days=1))
    edits: dict[str, tuple[tuple[Pin, ...], set[tuple[str, dt.date]]]] = {
        f"{wed.employee_id} {wed.date:%a %d %b} one hour later": (
            (Pin(employee_id=wed.employee_id, date=wed.date, shift=_moved(wed, 1)),),
            {(wed.employee_id, wed.date)},
        ),
        f"{tue.employee_id} off {tue.date:%a %d %b}": (
            (Pin(employee_id=tue.employee_id, date=tue.date, shift=None),),
            {(tue.employee_id, tue.date)},
        ),
        f"{long.employee_id} {long.date:%a %d %b} ends an hour early": (
            (Pin(employee_id=long.employee_id, date=long.date, shift=shorter),),
            {(long.employee_id, long.date)},
        ),
        f"{sick_id} sick {sick_days[0]:%a %d} and {sick_days[1]:%a %d %b}": (
            (),
            {(sick_id, d) for d in sick_days},
        ),
    }
    if scenario.service.shift_types:  # shifts are of the service's types: no hour moved or cut
        edits = {k: v for k, v in edits.items() if " off " in k or " sick " in k}
    rows: list[dict[str, object]] = []
    table: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        leave = Path(tmp) / "sick.csv"
        leave.write_text(
            "employee_id,start_date,end_date,start,end,type\n"
            f"{sick_id},{sick_days[0]},{sick_days[1]},,,sick\n",
            encoding="utf-8",
        )
        for name, (pins, edited) in edits.items():
            change = Amendment(pins=pins) if pins else Amendment(leave=leave)
            mine: list[dict[str, object]] = []
            for run in range(args.runs):
                with open_store(str(Path(tmp) / f"{len(rows)}-{run}.db")) as store:
                    v1 = save_roster(
                        store,
                        scenario,
                        scenario_files(folder),
                        base,
                        validate(scenario, base),
                        solver_objective=result.objective,
                        actor="benchmark",
                    )
                    began = time.perf_counter()
                    out = amend(store, v1.id, "benchmark", change, resolve=True, settings=settings)
                    seconds = time.perf_counter() - began
                assert not out.report.hard_violations, name
                changes = [
                    c for c in shift_changes(base, out.roster) if (c.employee_id, c.date) not in edited
                ]
                mine.append(
                    {
                        "scenario": args.scenario,
                        "edit": name,
                        "run": run + 1,
                        "seconds": round(seconds, 2),
                        "other_shifts_changed": len(changes),
                        "people": len({c.employee_id for c in changes}),
                        "objective_before": result.objective,
                        "objective_after": out.report.objective,
                    }
                )
            rows += mine
            last = mine[-1]
            table.append(
                [
                    name,
                    f"{median([float(str(r['seconds'])) for r in mine]) or 0:.1f}",
                    str(last["other_shifts_changed"]),
                    str(last["people"]),
                    f"{last['objective_before']:,} -> {last['objective_after']:,}",
                ]
            )
    caption = (
        machine(args.workers)
        + f"; `{args.scenario}`, `--time-limit {args.time_limit:g}`; median of {args.runs} runs"
    )
    print(
        "\n".join(
            markdown(
                caption,
                [
                    "edit",
                    "amend and re-solve (s)",
                    "other shifts changed",
                    "of people",
                    "objective before -> after",
                ],
                table,
            )
        )
    )
    write_csv(ROOT / "benchmarks" / "results" / f"{args.name}.csv", rows)


if __name__ == "__main__":
    main()
