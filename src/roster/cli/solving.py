"""The coordinator's commands: solve a scenario, check a roster, the 48-hour headroom."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError

from roster.cli.base import (
    SEED_OPTION,
    WORKERS_OPTION,
    InputProblem,
    OutputProblem,
    StoreProblem,
    actor_name,
    load,
    main,
    open_store,
    os_reason,
    print_report,
    seconds,
)
from roster.domain import DETERMINISTIC_SHARE, ProgressPoint, Roster, Scenario, SolveResult, SolverSettings
from roster.domain.request import DEFAULT_STABILITY, SHIFT_CHANGE_MINUTES, SolveRequest
from roster.io import InputError, read_pins_csv, read_roster_csv
from roster.io.outputs import OutputFolderError, check_output_folder

if TYPE_CHECKING:
    from roster.validation import ValidationReport


class Printer:
    """A live progress line on a terminal, plain lines otherwise."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.dirty = False
        self.seen = False
        """Whether a roster has been found (a progress point came)."""
        self.muted = False
        """Once a signal has said what happens, the solve's own lines stop."""

    def __call__(self, p: ProgressPoint) -> None:
        self.seen = True
        if self.muted:
            return
        if p.bound is None:
            text = f"{p.seconds:7.1f} s  best {p.objective:,.0f}  bound -"
        else:
            gap = abs(p.objective - p.bound) / max(1.0, abs(p.objective))
            text = f"{p.seconds:7.1f} s  best {p.objective:,.0f}  bound {p.bound:,.0f}  gap {gap:6.2%}"
        if self.tty:
            click.echo("\r" + text, nl=False, err=True)
            self.dirty = True
        else:
            click.echo(f"progress {text}", err=True)

    def stage(self, text: str) -> None:
        """What the solve is doing before its first roster (size estimate, model build)."""
        if self.muted:
            return
        self.close()
        click.echo(text, err=True)

    def close(self) -> None:
        if self.dirty:
            click.echo("", err=True)
            self.dirty = False


def solve_request(
    scenario: Scenario,
    base_csv: Path | None,
    pins_csv: Path | None,
    stability: int | None,
    max_changes: int | None,
) -> SolveRequest:
    """The solve request of ``roster solve``: the scenario, and a base roster and pins if given."""
    try:
        base = read_roster_csv(base_csv) if base_csv is not None else None
        pins = read_pins_csv(pins_csv) if pins_csv is not None else ()
    except InputError as err:
        raise InputProblem(str(err)) from None
    if base is None and (stability is not None or max_changes is not None):
        option = "--stability" if stability is not None else "--max-changes"
        raise InputProblem(f"{option} needs --base ROSTER.csv: changes are counted against a base roster")
    weight = stability if stability is not None else (DEFAULT_STABILITY if base is not None else 0)
    try:
        return SolveRequest(
            scenario=scenario, base=base, pins=pins, stability=weight, max_changes=max_changes
        )
    except ValidationError as err:
        message = err.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise InputProblem(f"{pins_csv}: {message}") from None


def run_interruptibly(
    work: Callable[[], SolveResult], printer: Printer, stop: threading.Event, caught: list[int]
) -> SolveResult:
    """Run the solve ``work`` in a worker thread so that Ctrl-C and SIGTERM reach this (main) thread.

    The first signal sets ``stop`` (the search ends; the best roster so far is kept and
    written) and is added to ``caught``; a second one exits at once with nothing written.
    """
    box: dict[str, object] = {}

    def working() -> None:
        try:
            box["result"] = work()
        except BaseException as err:  # handed to the main thread
            box["error"] = err

    def on_signal(signum: int, _frame: object) -> None:
        if caught:
            printer.close()
            click.echo("Stopped again: exiting without writing anything.", err=True)
            os._exit(128 + signum)
        caught.append(signum)
        stop.set()
        if not printer.seen:
            # still building the model or looking for a first roster: nothing to keep, and a
            # large build cannot be stopped between its steps, so quit now, saying so first
            printer.muted = True
            printer.close()
            ran = time.monotonic() - started
            first = "\n" if printer.tty else ""  # past the terminal's ^C
            click.echo(
                f"{first}Nothing was written: interrupted after {ran:.1f} s of solving, before a "
                "first roster was found.",
                err=True,
            )
            os._exit(128 + signum)
        printer.close()
        click.echo(
            "Interrupted: keeping the best roster found so far and writing it "
            "(press Ctrl-C again to quit without writing).",
            err=True,
        )

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    started = time.monotonic()
    worker = threading.Thread(target=working, name="roster-solve", daemon=True)
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.1)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        printer.close()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    result = box["result"]
    assert isinstance(result, SolveResult)
    return result


def write_solve_outputs(
    out_dir: Path, scenario: Scenario, result: SolveResult, report: ValidationReport
) -> None:
    """The output folder of a solve, and the summary printed; exit 2 or 3 when it cannot be written.
    A roster short of minimum cover gets the likeliest single changes that might close the gap, by
    estimate, in its summary."""
    from roster.planning.gaps_help import estimate_lines
    from roster.reports import render_summary, write_outputs

    helps = estimate_lines(scenario, result.roster) if result.has_roster else []
    try:
        written = write_outputs(out_dir, scenario, result, report, helps=helps)
    except OutputFolderError as err:
        raise InputProblem(str(err)) from None
    except OSError as err:
        raise OutputProblem(
            f"cannot write the outputs to {out_dir}/: {os_reason(err)}. Nothing there was "
            "changed (the previous run, if any, is intact); make room or choose another --out, "
            "and run again"
        ) from None
    click.echo(render_summary(scenario, result, report, helps=helps))
    click.echo(f"\nOutputs written to {out_dir}/ (the previous run there, if any, replaced whole)")
    if written.backup is not None:
        click.echo(f"Edited since the last run, kept in {written.backup}/: {', '.join(written.kept)}")
    if written.carried:
        click.echo(f"Your own files in {out_dir}/ were kept: {', '.join(written.carried)}")


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for outputs.")
@click.option(
    "--time-limit",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="Wall-clock budget in seconds (1 to 604800).",
)
@WORKERS_OPTION
@SEED_OPTION
@click.option(
    "--weights",
    type=click.Path(path_type=Path),
    default=None,
    help="A weights.toml overriding the scenario's weights.",
)
@click.option(
    "--wall-clock",
    is_flag=True,
    help="Search until the wall-clock limit (uses all of it, but not reproducible).",
)
@click.option(
    "--base",
    "base_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="Re-solve from this roster.csv, moving as little of it as --stability says.",
)
@click.option(
    "--pin",
    "pins_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="PINS.csv: shifts (or days off, empty times) that must stay exactly as given.",
)
@click.option(
    "--stability",
    type=click.IntRange(min=0),
    default=None,
    help=f"Cost per minute a shift moves from --base (default {DEFAULT_STABILITY} with --base); "
    f"an added or removed shift costs {SHIFT_CHANGE_MINUTES} minutes' worth.",
)
@click.option(
    "--max-changes",
    type=click.IntRange(min=0),
    default=None,
    help="At most this many changed shifts per person against --base.",
)
@click.option(
    "--preset",
    "preset_toml",
    type=click.Path(path_type=Path),
    default=None,
    help="A search preset (TOML) instead of the default one.",
)
@click.option(
    "--max-memory",
    "max_memory",
    type=click.IntRange(min=1),
    default=None,
    metavar="MB",
    help="Refuse a model estimated above MB megabytes [default: the memory free now].",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "pattern", "slot"]),
    default="auto",
    show_default=True,
    help="auto: the pattern engine (column generation) first when the scenario's rules allow it; "
    "pattern: always; slot: the slot model's search alone.",
)
@click.option(
    "--db",
    default=None,
    metavar="URL",
    help="The roster store the roster is saved to as a draft version: a SQLite file or a "
    "database URL [default: $ROSTER_DB, else roster.db in the working folder].",
)
@click.option(
    "--by",
    "actor",
    default=None,
    metavar="NAME",
    help="Who is solving, for the store's audit log [default: your login name].",
)
def solve(
    scenario_dir: Path,
    out_dir: Path,
    time_limit: float,
    workers: int,
    seed: int,
    weights: Path | None,
    wall_clock: bool,
    base_csv: Path | None,
    pins_csv: Path | None,
    stability: int | None,
    max_changes: int | None,
    preset_toml: Path | None,
    max_memory: int | None,
    engine: str,
    db: str | None,
    actor: str | None,
) -> None:
    """Solve SCENARIO_DIR, write the roster and its reports to --out, and save it in the store.

    By default the search stops on CP-SAT's deterministic clock, after
    DETERMINISTIC_SHARE x --time-limit deterministic seconds, so the same scenario,
    seed and workers give the same roster on any machine; --time-limit itself
    is a wall-clock guard for a slow machine, and the summary says when it
    stopped the search.

    With --base the roster is re-solved from a given one: --pin shifts stay as
    given, and every other change costs --stability per minute moved. Ctrl-C
    (or SIGTERM) stops the search and writes the best roster found so far
    (exit 130, or 143); a second Ctrl-C quits without writing.

    The roster is saved in the roster store (--db) as a draft version with its
    scenario's files, for the manager's review (roster show, roster accept).
    """
    from sqlalchemy.exc import DatabaseError

    from roster.model import DEFAULT_PRESET, PresetError, load_preset
    from roster.store import StoreError, describe, store_error
    from roster.workflow import scenario_files, solve_and_save

    try:
        check_output_folder(out_dir, scenario_dir)
    except OutputFolderError as err:
        raise InputProblem(str(err)) from None
    scenario = load(scenario_dir, weights)
    request = solve_request(scenario, base_csv, pins_csv, stability, max_changes)
    try:
        preset = load_preset(preset_toml) if preset_toml is not None else DEFAULT_PRESET
    except PresetError as err:
        raise InputProblem(str(err)) from None
    settings = SolverSettings(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        deterministic_time=None if wall_clock else DETERMINISTIC_SHARE * time_limit,
        memory_limit_mb=max_memory,
    )
    try:
        files = scenario_files(scenario_dir, weights)
    except OSError as err:
        raise InputProblem(f"{scenario_dir}: cannot be read ({os_reason(err)})") from None
    store = open_store(db)  # a store that cannot take the roster is found now, before any work
    click.echo(
        f"Solving {scenario.service.name}: {len(scenario.employees)} people, "
        f"{scenario.service.weeks} weeks from {scenario.service.start_date}",
        err=True,
    )
    printer = Printer(sys.stderr.isatty())
    stop = threading.Event()
    caught: list[int] = []
    try:
        saved = solve_and_save(
            store,
            request,
            files,
            settings,
            actor=actor_name(actor),
            progress=printer,
            stop=stop,
            stage=printer.stage,
            engine=engine,
            preset=preset,
            run=lambda work: run_interruptibly(work, printer, stop, caught),
            written=lambda result, report: write_solve_outputs(out_dir, scenario, result, report),
        )
    except DatabaseError as err:
        raise StoreProblem(
            f"the roster was written to the output folder but not saved in the store: "
            f"{store_error(err, store.url, opening=False)}"
        ) from None
    except (StoreError, OSError) as err:
        raise StoreProblem(
            f"the roster was written to the output folder but not saved in the store "
            f"{describe(store.url)}: {err}"
        ) from None
    finally:
        store.close()
    if saved.version is not None:
        info = saved.version
        click.echo(
            f"Saved as {info.label} ({info.status}) in {describe(store.url)}: review it with "
            f"`roster show {info.label}`, accept it with `roster accept {info.label} --by NAME`"
        )
    if caught:
        sys.exit(128 + caught[0])
    if not saved.result.has_roster or not saved.report.is_feasible:
        sys.exit(1)
    result = saved.result
    if result.checked_objective is not None and result.checked_objective != result.objective:
        click.echo(
            f"Error: the engine's own objective ({result.objective:,}) and the validator's "
            f"({result.checked_objective:,}) disagree: a fault in roster, not in your files. The "
            "roster was written and saved as a draft; please report this with the scenario folder.",
            err=True,
        )
        sys.exit(5)


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.argument("roster_csv", type=click.Path(path_type=Path))
@click.option("--weights", type=click.Path(path_type=Path), default=None)
def check(scenario_dir: Path, roster_csv: Path, weights: Path | None) -> None:
    """Check ROSTER_CSV against SCENARIO_DIR; exit 1 when a hard rule is broken."""
    from roster.validation import validate

    scenario = load(scenario_dir, weights)
    try:
        roster = read_roster_csv(roster_csv)
    except InputError as err:
        raise InputProblem(str(err)) from None
    report = validate(scenario, roster)
    print_report(report)
    if report.hard_violations:
        sys.exit(1)


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option(
    "--roster",
    "roster_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="A roster.csv to count in (default: none, the history alone).",
)
@click.option("--employee", "employee_ids", multiple=True, help="Only this person (repeatable).")
def headroom(scenario_dir: Path, roster_csv: Path | None, employee_ids: tuple[str, ...]) -> None:
    """48-hour headroom: hours each person may still work, week by week.

    For each roster week, the reference period ending that week with the least
    room (WTR_AVERAGE). Without --roster, from the history alone: "how many
    more hours can Sam work in the next three weeks?".
    """
    from roster.reports import headroom_frame

    scenario = load(scenario_dir)
    roster = Roster()
    if roster_csv is not None:
        try:
            roster = read_roster_csv(roster_csv)
        except InputError as err:
            raise InputProblem(str(err)) from None
    known = {e.id for e in scenario.employees}
    team = ", ".join(sorted(known))
    strays = [s for s in roster.shifts if s.employee_id not in known]
    if strays:  # their hours would be left out and the headroom overstated
        ids = sorted({s.employee_id for s in strays})
        raise InputProblem(
            f"{roster_csv}: the roster has {len(strays)} shift(s) for {', '.join(map(repr, ids))} "
            f"(the first on {min(s.date for s in strays)}), but nobody with that id is in the team "
            f"({team}); correct the id, as `roster check` reports each such row"
        )
    unknown = [e for e in employee_ids if e not in known]
    if unknown:
        raise InputProblem(f"--employee: unknown employee {unknown[0]!r}; the team is {team}")
    frame = headroom_frame(scenario, roster)
    if employee_ids:
        frame = frame[frame["employee_id"].isin(employee_ids)]
    click.echo(f"{'person':<24} {'week from':<11} {'average':>8} {'headroom':>9}  period")
    for row in frame.to_dict("records"):
        room = "opted out" if row["opted_out"] else f"{float(row['headroom_hours']):.1f} h"
        flag = "  (provisional)" if row["provisional"] else ""
        who = f"{row['employee_id']} {row['name']}"
        click.echo(
            f"{who:<24.24} {row['week_start']!s:<11} {float(row['average_hours']):>6.1f} h "
            f"{room:>9}  {row['period_start']} to {row['period_end']}{flag}"
        )
