"""The ``roster`` command: solve a scenario, check a roster.

Exit codes: 0 done; 1 no publishable roster (no solution, or a hard rule
broken); 2 the input is wrong (a message names the file, row and field);
3 the outputs could not be written (disk full, no permission; nothing changed);
4 the roster store could not be used (cannot open it; read-only, damaged or made by a newer
roster; a version changed by someone else), found before anything is written;
130 (Ctrl-C) or 143 (SIGTERM): interrupted, the best roster so far written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster import __version__
from roster.domain import DETERMINISTIC_SHARE, ProgressPoint, Scenario, SolveResult, SolverSettings
from roster.domain.request import DEFAULT_STABILITY, SHIFT_CHANGE_MINUTES, SolveRequest
from roster.io import InputError, load_scenario, read_pins_csv, read_roster_csv
from roster.io.outputs import OutputFolderError, check_output_folder

if TYPE_CHECKING:
    from roster.model import SearchPreset
    from roster.store import Store
    from roster.validation import ValidationReport

log = logging.getLogger("roster")




MAX_SEED = 2**31 - 1
"""CP-SAT's random seed is a 32-bit signed integer."""


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A finite number of seconds from 1 to a week (``nan`` compares false with every bound)."""
    if not math.isfinite(value) or not 1.0 <= value <= 604_800:
        raise click.BadParameter(f"{value!r} is not a number of seconds from 1 to 604800 (a week)")
    return value


class InputProblem(click.ClickException):
    """A user mistake in an input file: message, no traceback, exit code 2."""

    exit_code = 2


class OutputProblem(click.ClickException):
    """The outputs could not be written (disk full, no permission): exit code 3."""

    exit_code = 3


class StoreProblem(click.ClickException):
    """The roster store could not be used, or someone changed the version first: exit code 4."""

    exit_code = 4


def _os_reason(err: OSError) -> str:
    """``[Errno 28] No space left on device: '/tmp/x'`` -> ``no space left on the disk``."""
    import errno

    reasons = {
        errno.ENOSPC: "no space left on the disk",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "a file would be larger than this system allows",
        errno.EACCES: "permission denied",
        errno.EROFS: "the disk is read-only",
    }
    where = f" ({err.filename})" if err.filename else ""
    return reasons.get(err.errno or 0, (err.strerror or str(err)).lower()) + where


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)


def _load(folder: Path, weights: Path | None) -> Scenario:
    try:
        scenario = load_scenario(folder, weights)
    except InputError as err:
        raise InputProblem(str(err)) from None
    for notice in scenario.notices:
        click.echo(f"notice: {notice}", err=True)
    return scenario


class _Printer:
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


class _Group(click.Group):
    """The command group; Ctrl-C outside a solve's own handling exits 130 without a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: nothing was written.", err=True)
            ctx.exit(130)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="roster")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Self-rostering for UK public-sector services (OR-Tools CP-SAT)."""
    _setup_logging(verbose)


def _request(
    scenario: Scenario,
    base_csv: Path | None,
    pins_csv: Path | None,
    stability: int | None,
    max_changes: int | None,
) -> SolveRequest:
    """The solve request of ``roster solve``: the scenario, and a base roster and pins if given."""
    from pydantic import ValidationError

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


def _run_interruptibly(
    request: SolveRequest, settings: SolverSettings, printer: _Printer, preset: SearchPreset,
    engine: str = "auto",
) -> tuple[SolveResult, int | None]:
    """Solve in a worker thread so that Ctrl-C and SIGTERM reach this (main) thread.

    The first signal stops the search (the best roster so far is kept and
    written); a second one exits at once with nothing written. Returns the
    result and the signal that stopped it, if any.
    """
    from roster.model import solve as run_solve

    stop = threading.Event()
    box: dict[str, object] = {}
    caught: list[int] = []

    def work() -> None:
        try:
            box["result"] = run_solve(
                request, settings, progress=printer, stop=stop, preset=preset, stage=printer.stage,
                engine=engine,
            )
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
            click.echo(f"{first}Nothing was written: interrupted after {ran:.1f} s of solving, before a "
                       "first roster was found.", err=True)
            os._exit(128 + signum)
        printer.close()
        click.echo(
            "Interrupted: keeping the best roster found so far and writing it "
            "(press Ctrl-C again to quit without writing).",
            err=True,
        )

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    started = time.monotonic()
    worker = threading.Thread(target=work, name="roster-solve", daemon=True)
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
    return result, caught[0] if caught else None


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for outputs.")
@click.option("--time-limit", type=float, callback=_seconds, default=60.0, show_default=True,
              help="Wall-clock budget in seconds (1 to 604800).")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=2, show_default=True,
              help="Solver threads (every solve of the run uses at most this many).")
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=0, show_default=True,
              help=f"Random seed of the search (0 to {MAX_SEED}).")
@click.option("--weights", type=click.Path(path_type=Path), default=None,
              help="A weights.toml overriding the scenario's weights.")
@click.option("--wall-clock", is_flag=True,
              help="Search until the wall-clock limit (uses all of it, but not reproducible).")
@click.option("--base", "base_csv", type=click.Path(path_type=Path), default=None,
              help="Re-solve from this roster.csv, moving as little of it as --stability says.")
@click.option("--pin", "pins_csv", type=click.Path(path_type=Path), default=None,
              help="PINS.csv: shifts (or days off, empty times) that must stay exactly as given.")
@click.option("--stability", type=click.IntRange(min=0), default=None,
              help=f"Cost per minute a shift moves from --base (default {DEFAULT_STABILITY} with --base); "
              f"an added or removed shift costs {SHIFT_CHANGE_MINUTES} minutes' worth.")
@click.option("--max-changes", type=click.IntRange(min=0), default=None,
              help="At most this many changed shifts per person against --base.")
@click.option("--preset", "preset_toml", type=click.Path(path_type=Path), default=None,
              help="A search preset (TOML) instead of the default one.")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=1), default=None, metavar="MB",
              help="Refuse a model estimated above MB megabytes [default: the memory free now].")
@click.option("--engine", type=click.Choice(["auto", "pattern", "slot"]), default="auto", show_default=True,
              help="auto: the pattern engine (column generation) first when the scenario's rules allow it; "
              "pattern: always; slot: the slot model's search alone.")
@click.option("--db", default=None, metavar="URL",
              help="The roster store the roster is saved to as a draft version: a SQLite file or a "
              "database URL [default: $ROSTER_DB, else roster.db in the working folder].")
@click.option("--by", "actor", default=None, metavar="NAME",
              help="Who is solving, for the store's audit log [default: your login name].")
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
    from roster.model import DEFAULT_PRESET, PresetError, load_preset
    from roster.reports import render_summary, write_outputs
    from roster.validation import validate

    try:
        check_output_folder(out_dir, scenario_dir)
    except OutputFolderError as err:
        raise InputProblem(str(err)) from None
    scenario = _load(scenario_dir, weights)
    request = _request(scenario, base_csv, pins_csv, stability, max_changes)
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
    with _using_store(db):  # a store that cannot take the roster is found now, before any work
        pass
    click.echo(
        f"Solving {scenario.service.name}: {len(scenario.employees)} people, "
        f"{scenario.service.weeks} weeks from {scenario.service.start_date}",
        err=True,
    )
    printer = _Printer(sys.stderr.isatty())
    result, caught = _run_interruptibly(request, settings, printer, preset, engine)
    report = validate(scenario, result.roster, request)
    try:
        written = write_outputs(out_dir, scenario, result, report)
    except OutputFolderError as err:
        raise InputProblem(str(err)) from None
    except OSError as err:
        raise OutputProblem(
            f"cannot write the outputs to {out_dir}/: {_os_reason(err)}. Nothing there was "
            "changed (the previous run, if any, is intact); make room or choose another --out, "
            "and run again"
        ) from None
    click.echo(render_summary(scenario, result, report))
    click.echo(f"\nOutputs written to {out_dir}/ (the previous run there, if any, replaced whole)")
    if written.backup is not None:
        click.echo(
            f"Edited since the last run, kept in {written.backup}/: {', '.join(written.kept)}"
        )
    if written.carried:
        click.echo(f"Your own files in {out_dir}/ were kept: {', '.join(written.carried)}")
    if result.has_roster:
        _save_to_store(db, actor, scenario_dir, weights, scenario, result, report,
                       "" if caught is None else "interrupted: the best roster when the search was stopped")
    if caught is not None:
        sys.exit(128 + caught)
    if not result.has_roster or not report.is_feasible:
        sys.exit(1)


def _actor(actor: str | None) -> str:
    if actor is not None and actor.strip():
        return actor.strip()
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _open_store(db: str | None, writable: bool = True) -> Store:
    """The store; ``writable``: checked to be writable first (a command that saves fails here,
    before doing anything, when the store is read-only, damaged or newer than this roster)."""
    from roster.store import StoreError, open_store

    try:
        return open_store(db, writable=writable)
    except StoreError as err:
        raise StoreProblem(str(err)) from None


@contextlib.contextmanager
def _using_store(db: str | None, writable: bool = True) -> Iterator[Store]:
    """The store, closed afterwards; its errors (a database error included, and a stored scenario
    that no longer reads) exit 4."""
    from sqlalchemy.exc import DatabaseError

    from roster.store import StoreError, store_error

    store = _open_store(db, writable)
    try:
        yield store
    except StoreError as err:
        raise StoreProblem(str(err)) from None
    except DatabaseError as err:
        raise StoreProblem(str(store_error(err, store.url, opening=False))) from None
    except InputError as err:
        raise StoreProblem(f"a stored scenario cannot be read: {err}") from None
    finally:
        store.close()


def _save_to_store(
    db: str | None, actor: str | None, scenario_dir: Path, weights: Path | None, scenario: Scenario,
    result: SolveResult, report: ValidationReport, note: str,
) -> None:
    from sqlalchemy.exc import DatabaseError

    from roster.store import StoreError, describe, store_error
    from roster.workflow import save_roster, scenario_files

    store = _open_store(db)
    try:
        files = scenario_files(scenario_dir, weights)
        info = save_roster(store, scenario, files, result.roster, report, solver_objective=result.objective,
                           actor=_actor(actor), note=note)
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
    click.echo(
        f"Saved as {info.label} ({info.status}) in {describe(store.url)}: review it with "
        f"`roster show {info.label}`, accept it with `roster accept {info.label} --by NAME`"
    )


def _version_id(value: str) -> int:
    text = value.strip().lower().removeprefix("v")
    if not text.isdigit():
        raise click.BadParameter(f"{value!r} is not a version: give its number, e.g. v3 or 3")
    return int(text)


class _Version(click.ParamType):  # type: ignore[type-arg]
    name = "VERSION"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return _version_id(str(value))
        except click.BadParameter as err:
            self.fail(err.message, param, ctx)


DB_OPTION = click.option("--db", default=None, metavar="URL",
                         help="The roster store: a SQLite file or a database URL "
                         "[default: $ROSTER_DB, else roster.db in the working folder].")


@main.command(name="log")
@DB_OPTION
@click.option("--team", default=None, help="Only this team (the service's name).")
@click.option("--version", "version_id", type=_Version(), default=None, help="Only this version's events.")
def log_command(db: str | None, team: str | None, version_id: int | None) -> None:
    """The store's roster versions and its audit log (who, when, what, why)."""
    with _using_store(db, writable=False) as store:
        versions = store.versions(team)
        if version_id is not None:
            versions = [v for v in versions if v.id == version_id]
            if not versions:
                raise StoreProblem(f"version v{version_id} is not in the store")
        events = store.events(team, version_id)
    if not versions:
        click.echo("No roster versions in the store yet: `roster solve` saves one.")
        return
    click.echo("Versions")
    for v in versions:
        led = f" -> v{v.next_id}" if v.next_id is not None else ""
        click.echo(
            f"  {v.label:<6} {v.status:<10} {v.team}  {v.period_start} ({v.weeks} weeks)  "
            f"objective {v.objective}  hard {v.hard_violations}  {v.source} by {v.created_by} "
            f"{v.created_at:%Y-%m-%d %H:%M} UTC{led}"
        )
    click.echo("\nEvents")
    for e in events:
        why = f"  reason: {e.reason}" if e.reason else ""
        ver = f"v{e.version_id}" if e.version_id is not None else "-"
        click.echo(f"  {e.at:%Y-%m-%d %H:%M:%S} UTC  {e.action:<9} {ver:<6} {e.actor}: {e.detail}{why}")


@main.command()
@click.argument("version_id", metavar="VERSION", type=_Version())
@DB_OPTION
def show(version_id: int, db: str | None) -> None:
    """A version of the store checked as `roster check` checks a file: rules broken, cover gaps, cost."""
    from roster.validation import validate
    from roster.workflow import scenario_of

    with _using_store(db, writable=False) as store:
        info = store.version(version_id)
        scenario = scenario_of(store, version_id)
        roster = store.roster(version_id)
    led = f", amended as v{info.next_id}" if info.next_id is not None else ""
    click.echo(
        f"{info.label} of {info.team}: {info.status}{led}; {info.period_start} for {info.weeks} weeks; "
        f"{info.shifts} shifts; {info.source} by {info.created_by} at {info.created_at:%Y-%m-%d %H:%M} UTC"
    )
    if info.note:
        click.echo(f"note: {info.note}")
    click.echo("")
    _print_report(validate(scenario, roster))


@main.command()
@click.argument("version_id", metavar="VERSION", type=_Version())
@click.option("--by", "actor", required=True, metavar="NAME", help="Who accepts (recorded in the audit log).")
@click.option("--override", is_flag=True, help="Accept although a hard rule is broken (needs --reason).")
@click.option("--reason", default=None, help="Why (required with --override; recorded).")
@click.option("--publish", "publish_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Publish the accepted roster to DIR (as roster publish does).")
@DB_OPTION
def accept(
    version_id: int, actor: str, override: bool, reason: str | None, publish_dir: Path | None, db: str | None
) -> None:
    """Accept VERSION after the independent validator checks it; a broken hard rule refuses it."""
    from roster.workflow import AcceptRefused
    from roster.workflow import accept as accept_version

    if override and not (reason and reason.strip()):
        raise click.UsageError("--override needs --reason TEXT: the audit log records why")
    if reason and not override:
        raise click.UsageError("--reason is for --override (an accept with no broken rule needs none)")
    with _using_store(db) as store:
        try:
            info, report = accept_version(store, version_id, _actor(actor),
                                          override_reason=reason.strip() if override and reason else None)
        except AcceptRefused as err:
            for v in err.violations:
                click.echo(f"HARD  {v.rule:<15} {v.message}")
            click.echo(str(err), err=True)
            sys.exit(1)
    how = " over its broken rules (override recorded)" if report.hard_violations else ""
    click.echo(
        f"{info.label} accepted by {_actor(actor)}{how}: objective {report.objective}, "
        f"{len(report.soft_violations)} cover gap(s)"
    )
    if publish_dir is not None:
        _publish(db, version_id, publish_dir, _actor(actor))


def _publish(db: str | None, version_id: int, out: Path, actor: str) -> None:
    from roster.workflow import publish as publish_version

    with _using_store(db) as store:
        try:
            done = publish_version(store, version_id, out, actor)
        except OutputFolderError as err:
            raise InputProblem(str(err)) from None
        except OSError as err:
            raise OutputProblem(f"cannot write the publication to {out}/: {_os_reason(err)}; nothing "
                                "there was changed") from None
    people = sum(1 for f in done.files if f.startswith("calendar-"))
    click.echo(f"Published {done.version.label} to {out}/: roster.xlsx, roster.html, roster.csv, and for "
               f"each of {people} people a calendar (calendar-ID.ics) and a statement (statement-ID.txt)")
    if done.written.backup is not None:
        click.echo(f"Edited since the last publication, kept in {done.written.backup}/: "
                   f"{', '.join(done.written.kept)}")


@main.command()
@click.argument("version_id", metavar="VERSION", type=_Version())
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder to publish to.")
@click.option("--by", "actor", required=True, metavar="NAME", help="Who publishes (recorded).")
@DB_OPTION
def publish(version_id: int, out_dir: Path, actor: str, db: str | None) -> None:
    """Publish the accepted VERSION: team workbook, printable page, calendars, statements."""
    _publish(db, version_id, out_dir, _actor(actor))


@main.command()
@click.argument("version_id", metavar="VERSION", type=_Version())
@click.option("--by", "actor", required=True, metavar="NAME", help="Who amends (recorded in the audit log).")
@click.option("--edits", "edits_csv", type=click.Path(path_type=Path), default=None,
              help="EDITS.csv in the pins format: a row sets a person's shift on a date; empty times "
              "take them off that date.")
@click.option("--workbook", "workbook", type=click.Path(path_type=Path), default=None,
              help="The team workbook (roster.xlsx) edited by hand: each changed cell is an edit.")
@click.option("--leave", "leave_csv", type=click.Path(path_type=Path), default=None,
              help="Leave or sickness rows in leave.csv's format, added to the version's scenario.")
@click.option("--staffing", "staffing_csv", type=click.Path(path_type=Path), default=None,
              help="Cover rows in staffing.csv's format for dates (they replace that date's rows of "
              "the same skill).")
@click.option("--resolve", is_flag=True,
              help="Re-solve with the edits pinned, moving as few other shifts as --stability says "
              "(default: keep the roster and check it as it is).")
@click.option("--stability", type=click.IntRange(min=0), default=None,
              help=f"With --resolve: cost per minute a shift moves (default {DEFAULT_STABILITY}).")
@click.option("--max-changes", type=click.IntRange(min=0), default=None,
              help="With --resolve: at most this many changed shifts per person.")
@click.option("--time-limit", type=float, callback=_seconds, default=60.0, show_default=True,
              help="With --resolve: wall-clock budget in seconds.")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=2, show_default=True)
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=0, show_default=True)
@click.option("--note", default="", help="Why, in a few words (recorded with the version).")
@DB_OPTION
def amend(
    version_id: int, actor: str, edits_csv: Path | None, workbook: Path | None, leave_csv: Path | None,
    staffing_csv: Path | None,
    resolve: bool, stability: int | None, max_changes: int | None, time_limit: float, workers: int,
    seed: int, note: str, db: str | None,
) -> None:
    """Amend VERSION and save the result as a new version; print who changes and how.

    The edits, leave and cover rows are applied to the version; without --resolve the
    roster is kept and checked as it is (a whole day of new leave takes that day's shift
    out); with --resolve it is re-solved keeping the edits and moving as little else as
    the stability weight says. Exit 1 when the new version breaks a hard rule (it is saved,
    for amending again, but cannot be accepted without an override).
    """
    from roster.workflow import Amendment
    from roster.workflow import amend as amend_version

    if not resolve and (stability is not None or max_changes is not None):
        raise click.UsageError("--stability and --max-changes are for --resolve")
    try:
        pins = read_pins_csv(edits_csv) if edits_csv is not None else ()
    except InputError as err:
        raise InputProblem(str(err)) from None
    amendment = Amendment(pins=pins, leave=leave_csv, staffing=staffing_csv, edits=edits_csv,
                          workbook=workbook)
    if amendment.empty:
        raise click.UsageError("nothing to amend: give --edits, --workbook, --leave or --staffing")
    settings = SolverSettings(time_limit=time_limit, workers=workers, seed=seed,
                              deterministic_time=DETERMINISTIC_SHARE * time_limit)
    with _using_store(db) as store:
        try:
            out = amend_version(store, version_id, _actor(actor), amendment, resolve=resolve,
                                settings=settings, stability=stability, max_changes=max_changes, note=note)
        except InputError as err:  # the manager's files: their file, row and field
            raise InputProblem(str(err)) from None
    for s in out.off_for_leave:
        click.echo(f"{s.employee_id}'s shift on {s.date} taken out: on leave all day")
    if out.result is not None:
        click.echo(f"Re-solved in {out.result.wall_time:.1f} s ({out.result.status})")
    click.echo(out.diff.text(out.parent.label, out.version.label))
    click.echo("")
    _print_report(out.report)
    click.echo(f"\nSaved as {out.version.label} ({out.version.status}), from {out.parent.label}")
    if out.report.hard_violations:
        click.echo(f"{out.version.label} breaks a hard rule: amend it again (or accept with --override "
                   "--reason)", err=True)
        sys.exit(1)


@main.command()
@click.argument("first", metavar="VERSION_A", type=_Version())
@click.argument("second", metavar="VERSION_B", type=_Version())
@click.option("--csv", "csv_out", type=click.Path(path_type=Path), default=None,
              help="Also write the per-person table to this CSV file.")
@click.option("--xlsx", "xlsx_out", type=click.Path(path_type=Path), default=None,
              help="Also write the changes as a sheet of this workbook.")
@DB_OPTION
def diff(first: int, second: int, csv_out: Path | None, xlsx_out: Path | None, db: str | None) -> None:
    """Who changes from VERSION_A to VERSION_B: shifts, wishes, hours, banked time, headroom, cover."""
    from roster.io import atomic_write_bytes
    from roster.workflow import diff_versions

    with _using_store(db, writable=False) as store:
        d = diff_versions(store, first, second)
    click.echo(d.text(f"v{first}", f"v{second}"))
    from roster.io.xlsx_roster import tables_xlsx_bytes

    wanted: list[tuple[Path, Callable[[], bytes]]] = []
    if csv_out is not None:
        from roster.reports.outputs import csv_bytes

        wanted.append((csv_out, lambda: csv_bytes(d.people)))
    if xlsx_out is not None:
        wanted.append((xlsx_out, lambda: tables_xlsx_bytes({f"Changes v{first} to v{second}": d.table()})))
    for path, data in wanted:
        try:
            atomic_write_bytes(path, data())
        except OSError as err:
            raise OutputProblem(f"cannot write {path}: {_os_reason(err)}") from None


@main.command(name="next")
@click.argument("version_id", metavar="VERSION", type=_Version())
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="A new folder for the next period's scenario.")
@click.option("--start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="First date of the next roster [default: the day after VERSION ends].")
@click.option("--by", "actor", default=None, metavar="NAME", help="Who starts it (recorded).")
@DB_OPTION
def next_command(version_id: int, out_dir: Path, start: dt.datetime | None, actor: str | None,
                 db: str | None) -> None:
    """The next roster period's scenario from the accepted VERSION: history, banked time and
    fairness carried over, wishes left blank for the team."""
    from roster.workflow import roster_next

    with _using_store(db) as store:
        try:
            done = roster_next(store, version_id, out_dir, _actor(actor), start.date() if start else None)
        except OSError as err:
            raise OutputProblem(f"cannot write {out_dir}/: {_os_reason(err)}") from None
    click.echo(f"The roster from {done.start} is in {out_dir}/, carried over from {done.version.label}: "
               "history, banked time and fairness; the team's dated wishes are blank")
    for note in done.notes:
        click.echo(f"  note: {note}")
    click.echo(f"Next: the team fills in {out_dir}/preferences.csv, then `roster solve {out_dir} --out ...`")


RETENTION_MONTHS = 24
"""Records are kept at least this long (POLICY.md: "for the previous 24-month period for Audit
purposes"); ``roster purge`` refuses a shorter period."""


@main.command()
@click.option("--older-than-months", "months", type=click.IntRange(min=RETENTION_MONTHS),
              default=RETENTION_MONTHS, show_default=True,
              help=f"Remove records older than this many months (at least {RETENTION_MONTHS}).")
@click.option("--by", "actor", required=True, metavar="NAME", help="Who purges (recorded).")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; remove nothing.")
@DB_OPTION
def purge(months: int, actor: str, dry_run: bool, db: str | None) -> None:
    """Remove roster versions and their events older than the retention period.

    Each team's last accepted roster is always kept, whatever its age.
    """
    today = dt.datetime.now(dt.UTC)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    cutoff = today.replace(year=year, month=month + 1, day=min(today.day, 28))
    with _using_store(db) as store:
        counts = store.purge(cutoff, actor=_actor(actor), dry_run=dry_run)
    what = "Would remove" if dry_run else "Removed"
    click.echo(f"{what} records from before {cutoff:%Y-%m-%d}: {counts['versions']} version(s), "
               f"{counts['shifts']} shifts, {counts['events']} events, {counts['snapshots']} snapshot(s), "
               f"{counts['periods']} roster period(s) with their wishes; "
               "each team's last accepted roster is kept")


def _read_closures(path: Path) -> list[dt.date]:
    import csv

    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise InputProblem(f"{path}: cannot be read ({_os_reason(err)})") from None
    out = []
    for n, row in enumerate(rows, start=2):
        text = (row.get("date") or "").strip()
        try:
            out.append(dt.date.fromisoformat(text))
        except ValueError:
            raise InputProblem(str(InputError(str(path), n, "date",
                                              f"{text!r} is not a date; use YYYY-MM-DD"))) from None
    return out


@main.command(name="annual-hours")
@click.argument("scenario_dir", type=click.Path(path_type=Path), required=False)
@click.option("--year", type=click.IntRange(min=1900, max=2200), required=True,
              help="The leave year starting in this year (1 April by default).")
@click.option("--hours", "weekly", type=click.FloatRange(min=0, max=168), default=None,
              help="One contract's weekly hours (instead of a scenario's people).")
@click.option("--leave-days", type=click.FloatRange(min=0), default=35.0, show_default=True,
              help="Annual leave of a full-time week, in days (35: 7 weeks).")
@click.option("--fixed-bank-holidays", type=click.IntRange(min=0), default=None,
              help="Count this many bank holidays instead of the year's own from the calendar.")
@click.option("--closures", "closures_csv", type=click.Path(path_type=Path), default=None,
              help="CLOSURES.csv (a 'date' column): local closure days counted like bank holidays.")
def annual_hours_command(scenario_dir: Path | None, year: int, weekly: float | None, leave_days: float,
                         fixed_bank_holidays: int | None, closures_csv: Path | None) -> None:
    """Annual hours per contract for a leave year: weeks less leave and bank holidays, x weekly hours."""
    from decimal import Decimal

    from roster.planning import AnnualRule, annual_hours

    if (scenario_dir is None) == (weekly is None):
        raise click.UsageError("give a SCENARIO_DIR or --hours, not both")
    rule = AnnualRule(leave_days=Decimal(f"{leave_days:g}"),
                      bank_holidays="actual" if fixed_bank_holidays is None else "fixed",
                      fixed_bank_holidays=fixed_bank_holidays or 0)
    closures = _read_closures(closures_csv) if closures_csv is not None else []
    people: list[tuple[str, float]]
    if scenario_dir is not None:
        scenario = _load(scenario_dir, None)
        rule = rule.model_copy(update={"region": scenario.service.bank_holidays})
        people = [(f"{e.id} {e.name}", float(e.hours_per_week)) for e in scenario.employees]
    else:
        people = [("contract", float(weekly or 0))]
    first = annual_hours(people[0][1] if people else 37, year, rule, closures=closures)
    click.echo(first.explain(rule).split("; x ")[0] + f" ({first.first} to {first.last})")
    if first.bank_holidays:
        days = ", ".join(f"{d:%a %d %b %Y}" for d in first.bank_holidays)
        click.echo(f"bank holidays and closures: {days}")
    width = max(len(name) for name, _ in people)
    for name, hours in people:
        a = annual_hours(hours, year, rule, closures=closures)
        click.echo(f"  {name:<{width}}  {hours:g} h/week  {a.hours:,} h a year")


def _hours_range(ctx: click.Context, param: click.Parameter, value: str) -> tuple[float, float]:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*", value)
    if match is None or float(match[1]) > float(match[2]) or float(match[2]) > 60:
        raise click.BadParameter(f"{value!r} is not a range of weekly hours such as 30-44 (at most 60)")
    return float(match[1]), float(match[2])


@main.command(name="plan-year")
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--from", "first", type=click.DateTime(formats=["%Y-%m-%d"]), required=True,
              help="The first roster's first date (any Monday).")
@click.option("--to", "last", type=click.DateTime(formats=["%Y-%m-%d"]), required=True,
              help="The last date a roster may cover.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="The plan's folder (a plan there with the same inputs is continued).")
@click.option("--profile", "profile_csv", type=click.Path(path_type=Path), default=None,
              help="PROFILE.csv: seasonal weekly hours (employee_id, months, hours_per_week); "
                   "default: the scenario's year/profile.csv.")
@click.option("--propose-profile", "propose", type=click.Choice(["team", "person"]), default=None,
              help="Propose the profile instead (one shape for the team, or each person's own) that "
                   "leaves the fewest hours short; written to proposed-profile.csv.")
@click.option("--range", "bounds", default="30-44", show_default=True, callback=_hours_range,
              help="With --propose-profile: the weekly hours agreed for a full-time (37 h) contract, "
                   "pro rata.")
@click.option("--time-limit", type=float, callback=_seconds, default=60.0, show_default=True,
              help="Wall-clock budget of each roster's solve.")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=2, show_default=True)
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=0, show_default=True)
@click.option("--jobs", type=click.IntRange(min=1, max=256), default=None,
              help="Rosters solved at once on this machine (default: cores / --workers).")
@click.option("--cluster", "address", default=None,
              help="Solve the rosters on the Dask distributed cluster whose scheduler is at ADDRESS.")
def plan_year_command(scenario_dir: Path, first: dt.datetime, last: dt.datetime, out_dir: Path,
                      profile_csv: Path | None, propose: str | None, bounds: tuple[float, float],
                      time_limit: float, workers: int, seed: int, jobs: int | None,
                      address: str | None) -> None:
    """Plan a year of roster periods from SCENARIO_DIR: a year plan of hours, then the rosters.

    The year's leave, demand (staffing by season) and seasonal profile are read from
    SCENARIO_DIR/year/ (leave.csv, staffing.csv, profile.csv) when it is there."""

    from roster.io import YEAR_FOLDER, atomic_write_bytes, atomic_write_text, load_year, read_profile
    from roster.planning import PlanError, ProfileError, plan_year, profiles_from_rows, write_calendars
    from roster.planning.parallel import ClusterError
    from roster.plotting import glide_png
    from roster.timegrid import MONTHS

    scenario = _load(scenario_dir, None)
    try:
        year = load_year(scenario_dir / YEAR_FOLDER, scenario)
        rows = read_profile(profile_csv, scenario) if profile_csv is not None else year.profile
        profiles = profiles_from_rows(rows)
    except InputError as err:
        raise InputProblem(str(err)) from None
    except ValueError as err:
        raise InputProblem(f"{profile_csv or YEAR_FOLDER + '/profile.csv'}: {err}") from None
    if year.sources:
        click.echo(f"year inputs: {', '.join(year.sources)}", err=True)
    settings = SolverSettings(time_limit=time_limit, workers=workers, seed=seed,
                              deterministic_time=DETERMINISTIC_SHARE * time_limit)
    cores = os.cpu_count() or 1
    processes = jobs or max(1, cores // workers)
    with click.progressbar(length=1, label="planning the year", file=sys.stderr) as bar:
        def progress(done: int, total: int, line: str) -> None:  # solved, then reconciled: 2 steps each
            bar.length = 2 * total
            bar.update(total + done - bar.pos)
            bar.label = f"roster {done} of {total} reconciled: {line}"

        def solved(done: int, total: int, line: str) -> None:
            bar.length = 2 * total
            bar.update(max(0, done - bar.pos))
            bar.label = f"roster {done} of {total} solved: {line}"

        try:
            plan = plan_year(scenario, first.date(), last.date(), out_dir, settings, profiles=profiles,
                             year=year, progress=progress, propose=propose,  # type: ignore[arg-type]
                             bounds=bounds, jobs=processes, cluster=address, solved=solved)
        except (PlanError, ProfileError, ClusterError) as err:
            raise InputProblem(str(err)) from None

    periods: list[dict[str, object]] = [{
                "period": p.index + 1, "start": p.start.isoformat(), "status": p.status,
                "objective": p.objective, "gap": None if p.gap is None else round(p.gap, 4),
                "person_hours_short": p.short_hours,
                "wishes_honoured": None if p.wishes_honoured is None else round(p.wishes_honoured, 4),
                "reconciled": p.reconciled}
               for p in plan.periods]
    atomic_write_text(out_dir / "periods.csv", _csv_table(periods))
    atomic_write_text(out_dir / "glide.csv", _csv_table(plan.glide))
    atomic_write_text(out_dir / "months.csv", _csv_table(plan.months))
    weeks = [{"employee_id": who, "week": w.isoformat(), "hours": h}
             for who, by_week in plan.hours.items() for w, h in by_week.items()]
    atomic_write_text(out_dir / "hours.csv", _csv_table(weeks))
    atomic_write_bytes(out_dir / "glide.png", glide_png(plan.glide))
    if plan.proposal:
        proposal = [{"employee_id": who, "months": MONTHS[m - 1], "hours_per_week": round(h, 2)}
                    for who, by_month in plan.proposal.items() for m, h in by_month.items()]
        atomic_write_text(out_dir / "proposed-profile.csv", _csv_table(proposal))
    calendars = write_calendars(plan, out_dir)
    end = plan.periods[-1].start + dt.timedelta(weeks=scenario.service.weeks, days=-1)
    click.echo(f"Planned {len(plan.periods)} rosters from {plan.periods[0].start} to {end} in {out_dir}/")
    for p in plan.periods:
        again = "  (done before)" if p.resumed else f"  ({p.reconciled})"
        click.echo(f"  {p.start}  {p.status:<9} objective {p.objective}  {p.short_hours:g} h short{again}")
    click.echo(f"Hours short of minimum cover: {plan.short_hours:g} (the year plan's lower bound: "
               f"{plan.bound:g})")
    if plan.proposal:
        click.echo(f"Proposed profile ({propose}, {bounds[0]:g}-{bounds[1]:g} h a full-time week): "
                   f"{out_dir / 'proposed-profile.csv'}")
    final = {str(r["employee_id"]): r for r in plan.glide}
    click.echo("Balance against the annual hours' share at the end (hours):")
    for who, r in final.items():
        click.echo(f"  {who:<8} {r['balance_hours']:+g}  (rostered {r['cumulative_rostered_hours']:g} of "
                   f"{r['annual_share_hours']:g}; {r['annual_hours']:g} a year)")
    short = [m for m in plan.months if float(str(m["person_hours_short"])) > 0]
    click.echo("Months short of minimum cover: " + (", ".join(
        f"{m['month']} ({m['person_hours_short']} h)" for m in short) if short else "none"))
    if calendars:
        click.echo(f"Yearly calendars: {calendars[0]} (a sheet per person) and an .ics, a printable page "
                   f"and a picture per person in {calendars[0].parent}/")


def _csv_table(rows: Sequence[Mapping[str, object]]) -> str:
    """Rows of plain values as CSV text (the header from the first row); empty for no rows. Text
    a spreadsheet would read as a formula is written as text (roster.io.cells)."""
    import csv
    import io

    from roster.io.cells import to_csv

    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else to_csv(v) for k, v in r.items()} for r in rows)
    return buffer.getvalue()


@main.command()
@click.argument("sweep_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="A new (or empty) folder for the results table, plots and each variant's rosters.")
@click.option("--cluster", "address", default=None,
              help="Run the variants on the Dask distributed cluster whose scheduler is at ADDRESS "
                   "(tcp://host:8786) instead of this machine's cores.")
@click.option("--jobs", type=click.IntRange(min=1, max=256), default=None,
              help="Variants at once on this machine (default: cores / the sweep's solver workers).")
def sweep(sweep_file: Path, out_dir: Path, address: str | None, jobs: int | None) -> None:
    """Run the what-if variants of SWEEP_FILE (TOML) and write one results table."""
    from roster.io import atomic_write_bytes, atomic_write_text
    from roster.io.xlsx_roster import tables_xlsx_bytes
    from roster.planning import PlanError, ProfileError
    from roster.planning.sweep import (
        RESULT_COLUMNS,
        Outcome,
        SweepError,
        check_cluster_address,
        local_jobs,
        read_sweep,
        result_rows,
        run_cluster,
        run_local,
        tasks_of,
    )
    from roster.plotting import plot_balances, plot_short_months, plot_tradeoff, png

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InputProblem(f"--out {out_dir}: the folder exists and is not empty; choose a new one "
                           "(nothing was changed)")
    try:
        if address is not None:
            check_cluster_address(address)
        spec, folder = read_sweep(sweep_file)
        tasks = tasks_of(spec, folder)
    except InputError as err:
        raise InputProblem(str(err)) from None
    except (SweepError, PlanError, ProfileError) as err:
        raise InputProblem(str(err)) from None
    cores = os.cpu_count() or 1
    if address is None:
        most = local_jobs(spec.workers, len(tasks), cores)
        if jobs is not None and jobs > most:
            click.echo(f"--jobs {jobs}: {jobs} x {spec.workers} solver workers is more than the "
                       f"{cores} cores; running {most} at once", err=True)
        jobs = min(jobs or most, most)
        where = f"{jobs} at once on this machine ({cores} cores, {spec.workers} solver workers each)"
    else:
        where = f"on the Dask cluster at {address}"
    click.echo(f"Sweep of {len(tasks)} variants ({spec.scope}) of {folder}, {where}", err=True)

    def slug(name: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "variant"

    with click.progressbar(length=len(tasks), label="variants", file=sys.stderr) as bar:
        def done(outcome: Outcome) -> None:
            target = out_dir / "variants" / slug(str(outcome.row["variant"]))
            for rel, data in outcome.files.items():
                atomic_write_bytes(target / rel, data)
            bar.update(1)

        try:
            if address is None:
                outcomes = run_local(tasks, jobs or 1, done)
            else:
                outcomes = run_cluster(tasks, address, done)
        except (SweepError, PlanError, ProfileError) as err:
            raise InputProblem(str(err)) from None
    rows = result_rows(outcomes)
    months = [m for o in outcomes for m in o.months]
    balances = [b for o in outcomes for b in o.balances]
    atomic_write_text(out_dir / "results.csv", _csv_table(rows))
    tables: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]] = {
        "results": (list(RESULT_COLUMNS), [[r[c] for c in RESULT_COLUMNS] for r in rows])}
    if months:
        atomic_write_text(out_dir / "months.csv", _csv_table(months))
        tables["months"] = (list(months[0]), [list(m.values()) for m in months])
        atomic_write_bytes(out_dir / "months.png", png(plot_short_months, months))
    if balances:
        atomic_write_text(out_dir / "balances.csv", _csv_table(balances))
        tables["balances"] = (list(balances[0]), [list(b.values()) for b in balances])
        atomic_write_bytes(out_dir / "balances.png", png(plot_balances, balances))
    atomic_write_bytes(out_dir / "results.xlsx", tables_xlsx_bytes(tables))
    atomic_write_bytes(out_dir / "tradeoff.png", png(plot_tradeoff, rows, size=(8, 5)))
    click.echo(f"{'variant':<28} {'status':<10} {'short h':>8} {'bound h':>8} {'over h':>7} {'wishes %':>9} "
               f"{'spread':>7} {'banked h':>9} {'headroom':>9} {'balance':>8} {'s':>6}")
    def f(r: Mapping[str, object], key: str) -> str:
        v = r.get(key)
        return "-" if v is None else f"{v:.1f}" if isinstance(v, (int, float)) else str(v)

    for r in rows:
        click.echo(f"{str(r['variant'])[:28]:<28} {str(r['status'])[:10]:<10} {f(r, 'short_hours'):>8} "
                   f"{f(r, 'bound_hours'):>8} {f(r, 'over_hours'):>7} {f(r, 'wishes_honoured_pct'):>9} "
                   f"{f(r, 'wishes_spread_pct'):>7} "
                   f"{f(r, 'banked_hours'):>9} {f(r, 'min_headroom_hours'):>9} "
                   f"{f(r, 'balance_error_hours'):>8} {f(r, 'seconds'):>6}")
    click.echo(f"Results: {out_dir / 'results.csv'} (and results.xlsx, tradeoff.png); each variant's "
               f"rosters in {out_dir / 'variants'}/")


def _print_report(report: ValidationReport) -> None:
    hard = [v for v in report.violations if v.hard]
    soft = [v for v in report.violations if not v.hard]
    for v in hard:
        click.echo(f"HARD  {v.rule:<15} {v.message}")
    for v in soft:
        click.echo(f"soft  {v.rule:<15} {v.message}")
    click.echo(
        f"\n{len(hard)} hard violation(s), {len(soft)} cover gap(s); objective {report.objective}"
    )
    for rule, cost in sorted(report.cost_by_rule().items()):
        click.echo(f"  {rule:<12} {cost}")


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.argument("roster_csv", type=click.Path(path_type=Path))
@click.option("--weights", type=click.Path(path_type=Path), default=None)
def check(scenario_dir: Path, roster_csv: Path, weights: Path | None) -> None:
    """Check ROSTER_CSV against SCENARIO_DIR; exit 1 when a hard rule is broken."""
    from roster.validation import validate

    scenario = _load(scenario_dir, weights)
    try:
        roster = read_roster_csv(roster_csv)
    except InputError as err:
        raise InputProblem(str(err)) from None
    report = validate(scenario, roster)
    _print_report(report)
    if report.hard_violations:
        sys.exit(1)


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--roster", "roster_csv", type=click.Path(path_type=Path), default=None,
              help="A roster.csv to count in (default: none, the history alone).")
@click.option("--employee", "employee_ids", multiple=True, help="Only this person (repeatable).")
def headroom(scenario_dir: Path, roster_csv: Path | None, employee_ids: tuple[str, ...]) -> None:
    """48-hour headroom: hours each person may still work, week by week.

    For each roster week, the reference period ending that week with the least
    room (WTR_AVERAGE). Without --roster, from the history alone: "how many
    more hours can Sam work in the next three weeks?".
    """
    from roster.domain import Roster
    from roster.reports import headroom_frame

    scenario = _load(scenario_dir, None)
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


# -- the team's web page ---------------------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default: only this machine can reach the page).")
@click.option("--port", type=click.IntRange(min=1, max=65535), default=8000, show_default=True)
@click.option("--demo", "demo_dir", type=click.Path(path_type=Path), default=None, metavar="SCENARIO",
              help="Open SCENARIO's period for wishes with demo accounts (user names: manager, coordinator "
              "and each person's id in lower case; password roster-demo), in roster-demo.db unless --db.")
@click.option("--time-limit", type=float, callback=_seconds, default=60.0, show_default=True,
              help="Wall-clock budget of a solve started on the page, in seconds.")
@click.option("--amend-time-limit", type=float, callback=_seconds, default=30.0, show_default=True,
              help="Wall-clock budget of a manager's minimal-change re-solve, in seconds.")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=2, show_default=True,
              help="Solver threads of each solve.")
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=0, show_default=True)
@click.option("--engine", type=click.Choice(["auto", "pattern", "slot"]), default="auto", show_default=True)
@click.option("--secure-cookies", is_flag=True,
              help="Send cookies over HTTPS only (when the page is served through an HTTPS proxy).")
@DB_OPTION
def web(host: str, port: int, demo_dir: Path | None, time_limit: float, amend_time_limit: float,
        workers: int, seed: int, engine: str, secure_cookies: bool, db: str | None) -> None:
    """Serve the team's web page: staff give wishes, coordinators solve, managers review and accept.

    It runs over the roster store (--db), the same one the other commands use. Add people with
    `roster user add` and a period with `roster period open`; or try it with --demo
    scenarios/contact-centre and sign in as manager, coordinator or e001 (password roster-demo).
    Stop it with Ctrl-C (a solve running on the page keeps its best roster).
    """
    import uvicorn

    from roster.web import WebSettings, create_app
    from roster.web.jobs import SolveSettings

    if demo_dir is not None and db is None and not os.environ.get("ROSTER_DB"):
        from roster.web.demo import DEMO_DB

        db = DEMO_DB
    with _using_store(db) as store:
        if demo_dir is not None:
            from roster.web.demo import DEMO_PASSWORD, setup_demo

            try:
                demo = setup_demo(store, demo_dir)
            except InputError as err:
                raise InputProblem(str(err)) from None
            click.echo(f"Demo: {demo.period.team}, roster period {demo.period.label} "
                       f"({demo.period.status} for wishes)")
            example = next((u for u, _, r in demo.accounts if r.startswith("employee")), "e001")
            click.echo(f"Demo accounts (password {DEMO_PASSWORD}): manager, coordinator, and each person's "
                       f"id in lower case, e.g. {example}")
        settings = WebSettings(
            solve=SolveSettings(time_limit=time_limit, workers=workers, seed=seed, engine=engine),
            amend_time_limit=amend_time_limit, secure_cookies=secure_cookies,
        )
        from roster.store.people import count_users

        if count_users(store) == 0:
            click.echo("Nobody can sign in yet: add people with `roster user add NAME --team TEAM --role "
                       "manager` (or try the page with --demo scenarios/contact-centre)", err=True)
        app = create_app(settings=settings, store=store)
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"Listening on {host}: other machines can reach the page. Serve it through HTTPS "
                       "(--secure-cookies behind the proxy).", err=True)
        click.echo(f"The team's web page: http://{'localhost' if host == '127.0.0.1' else host}:{port}/ "
                   "(Ctrl-C stops it)")
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@main.group()
def user() -> None:
    """People who sign in to the web page, and their roles in teams."""


@user.command(name="add")
@click.argument("username")
@click.option("--team", required=True, help="The team (its service name, as in the store).")
@click.option("--role", type=click.Choice(["employee", "coordinator", "manager"]), required=True)
@click.option("--employee", "employee_id", default=None, metavar="ID",
              help="With --role employee: the person's id in the team's employees.csv.")
@click.option("--name", "display_name", default="",
              help="The name shown on the page [default: the user name].")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@DB_OPTION
def user_add(username: str, team: str, role: str, employee_id: str | None, display_name: str,
             password_stdin: bool, db: str | None) -> None:
    """Give USERNAME a ROLE in a team, making the account first if it is new (asks for its password)."""
    from roster.store import StoreError
    from roster.store import people as accounts
    from roster.web.auth import MAX_PASSWORD, MIN_PASSWORD, hash_password

    if role == "employee" and not employee_id:
        raise click.UsageError("--role employee needs --employee ID (the person in the team's employees.csv)")
    if role != "employee" and employee_id:
        raise click.UsageError("--employee is for --role employee")
    with _using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            if password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
            if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
                raise InputProblem(f"the password has {len(password)} characters; give {MIN_PASSWORD} to "
                                   f"{MAX_PASSWORD}")
            try:  # the account and its first role in one transaction: no account without a role
                made = accounts.add_user(store, username, display_name or username, hash_password(password),
                                         role=(team, role, employee_id))
            except StoreError as err:
                raise StoreProblem(str(err)) from None
            click.echo(f"Made the account {made.username}")
        else:
            try:
                accounts.grant(store, found[0].id, team, role, employee_id)
            except StoreError as err:
                raise StoreProblem(str(err)) from None
    click.echo(f"{accounts.normal_username(username)} is {role}{f' {employee_id}' if employee_id else ''} "
               f"of {team}")


@user.command(name="password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@DB_OPTION
def user_password(username: str, password_stdin: bool, db: str | None) -> None:
    """Set a new password for USERNAME (their sessions signed in with the old one end)."""
    from roster.store import people as accounts
    from roster.web.auth import MAX_PASSWORD, MIN_PASSWORD, hash_password

    with _using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            raise StoreProblem(f"there is no user {accounts.normal_username(username)!r}")
        password = (sys.stdin.readline().rstrip("\n") if password_stdin
                    else click.prompt("New password", hide_input=True, confirmation_prompt=True))
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise InputProblem(f"the password has {len(password)} characters; give {MIN_PASSWORD} to "
                               f"{MAX_PASSWORD}")
        accounts.set_password_hash(store, found[0].id, hash_password(password), end_sessions=True)
    click.echo(f"New password set for {found[0].username}")


@main.group()
def period() -> None:
    """Roster periods open for wishes on the web page."""


@period.command(name="open")
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--by", "actor", default=None, metavar="NAME", help="Who opens it (recorded).")
@DB_OPTION
def period_open(scenario_dir: Path, actor: str | None, db: str | None) -> None:
    """Open the period of SCENARIO_DIR for wishes on the web page (its own wishes become the
    people's wishes; the team is the service's name)."""
    from roster.workflow.periods import open_period

    scenario = _load(scenario_dir, None)
    with _using_store(db) as store:
        info = open_period(store, scenario_dir, _actor(actor))
    click.echo(f"Opened {info.team}'s roster period {info.label} for wishes "
               f"({len(scenario.employees)} people)")


if __name__ == "__main__":  # pragma: no cover
    main()
