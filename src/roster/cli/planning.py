"""The analyst's commands: annual hours, the year planner, what-if sweeps, what would close the gap.
The planning itself is ``roster.planning``'s; the folders are written by io's writer
(``roster.io.outputs``)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from roster.cli.base import (
    SEED_OPTION,
    WORKERS_OPTION,
    InputProblem,
    OutputProblem,
    load,
    main,
    os_reason,
    seconds,
)
from roster.domain import DETERMINISTIC_SHARE, SolverSettings
from roster.io import YEAR_FOLDER, InputError, load_year, read_profile, read_roster_csv
from roster.io.outputs import OutputFolderError, check_new_folder, check_output_folder


def read_closures(path: Path) -> list[dt.date]:
    """The dates of CLOSURES.csv (a ``date`` column)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise InputProblem(f"{path}: cannot be read ({os_reason(err)})") from None
    out = []
    for n, row in enumerate(rows, start=2):
        text = (row.get("date") or "").strip()
        try:
            out.append(dt.date.fromisoformat(text))
        except ValueError:
            raise InputProblem(
                str(InputError(str(path), n, "date", f"{text!r} is not a date; use YYYY-MM-DD"))
            ) from None
    return out


@main.command(name="annual-hours")
@click.argument("scenario_dir", type=click.Path(path_type=Path), required=False)
@click.option(
    "--year",
    type=click.IntRange(min=1900, max=2200),
    required=True,
    help="The leave year starting in this year (1 April by default).",
)
@click.option(
    "--hours",
    "weekly",
    type=click.FloatRange(min=0, max=168),
    default=None,
    help="One contract's weekly hours (instead of a scenario's people).",
)
@click.option(
    "--leave-days",
    type=click.FloatRange(min=0),
    default=35.0,
    show_default=True,
    help="Annual leave of a full-time week, in days (35: 7 weeks).",
)
@click.option(
    "--fixed-bank-holidays",
    type=click.IntRange(min=0),
    default=None,
    help="Count this many bank holidays instead of the year's own from the calendar.",
)
@click.option(
    "--closures",
    "closures_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="CLOSURES.csv (a 'date' column): local closure days counted like bank holidays.",
)
def annual_hours_command(
    scenario_dir: Path | None,
    year: int,
    weekly: float | None,
    leave_days: float,
    fixed_bank_holidays: int | None,
    closures_csv: Path | None,
) -> None:
    """Annual hours per contract for a leave year: weeks less leave and bank holidays, x weekly hours."""
    from roster.planning import AnnualRule, annual_hours

    if (scenario_dir is None) == (weekly is None):
        raise click.UsageError("give a SCENARIO_DIR or --hours, not both")
    rule = AnnualRule(
        leave_days=Decimal(f"{leave_days:g}"),
        bank_holidays="actual" if fixed_bank_holidays is None else "fixed",
        fixed_bank_holidays=fixed_bank_holidays or 0,
    )
    closures = read_closures(closures_csv) if closures_csv is not None else []
    people: list[tuple[str, float]]
    if scenario_dir is not None:
        scenario = load(scenario_dir)
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


def hours_range(ctx: click.Context, param: click.Parameter, value: str) -> tuple[float, float]:
    """``30-44``: weekly hours from and to (at most 60)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*", value)
    if match is None or float(match[1]) > float(match[2]) or float(match[2]) > 60:
        raise click.BadParameter(f"{value!r} is not a range of weekly hours such as 30-44 (at most 60)")
    return float(match[1]), float(match[2])


@main.command(name="plan-year")
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "first",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="The first roster's first date (any Monday).",
)
@click.option(
    "--to",
    "last",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="The last date a roster may cover.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="The plan's folder (a plan there with the same inputs is continued).",
)
@click.option(
    "--profile",
    "profile_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="PROFILE.csv: seasonal weekly hours (employee_id, months, hours_per_week); "
    "default: the scenario's year/profile.csv.",
)
@click.option(
    "--propose-profile",
    "propose",
    type=click.Choice(["team", "person"]),
    default=None,
    help="Propose the profile instead (one shape for the team, or each person's own) that "
    "leaves the fewest hours short; written to proposed-profile.csv.",
)
@click.option(
    "--range",
    "bounds",
    default="30-44",
    show_default=True,
    callback=hours_range,
    help="With --propose-profile: the weekly hours agreed for a full-time (37 h) contract, pro rata.",
)
@click.option(
    "--time-limit",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="Wall-clock budget of each roster's solve.",
)
@WORKERS_OPTION
@SEED_OPTION
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Rosters solved at once on this machine (default: cores / --workers).",
)
@click.option(
    "--cluster",
    "address",
    default=None,
    help="Solve the rosters on the Dask distributed cluster whose scheduler is at ADDRESS.",
)
def plan_year_command(
    scenario_dir: Path,
    first: dt.datetime,
    last: dt.datetime,
    out_dir: Path,
    profile_csv: Path | None,
    propose: str | None,
    bounds: tuple[float, float],
    time_limit: float,
    workers: int,
    seed: int,
    jobs: int | None,
    address: str | None,
) -> None:
    """Plan a year of roster periods from SCENARIO_DIR: a year plan of hours, then the rosters.

    The year's leave, demand (staffing by season) and seasonal profile are read from
    SCENARIO_DIR/year/ (leave.csv, staffing.csv, profile.csv) when it is there."""
    from roster.planning import PlanError, ProfileError, plan_year, profiles_from_rows, write_plan
    from roster.planning.parallel import ClusterError

    scenario = load(scenario_dir)
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
    settings = SolverSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic_time=DETERMINISTIC_SHARE * time_limit
    )
    processes = jobs or max(1, (os.cpu_count() or 1) // workers)
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
            plan = plan_year(
                scenario,
                first.date(),
                last.date(),
                out_dir,
                settings,
                profiles=profiles,
                year=year,
                progress=progress,
                propose=propose,  # type: ignore[arg-type]
                bounds=bounds,
                jobs=processes,
                cluster=address,
                solved=solved,
            )
        except (PlanError, ProfileError, ClusterError) as err:
            raise InputProblem(str(err)) from None
    try:
        calendars = write_plan(plan, out_dir)
    except OSError as err:
        raise OutputProblem(f"cannot write the plan's tables to {out_dir}/: {os_reason(err)}") from None
    end = plan.periods[-1].start + dt.timedelta(weeks=scenario.service.weeks, days=-1)
    click.echo(f"Planned {len(plan.periods)} rosters from {plan.periods[0].start} to {end} in {out_dir}/")
    for p in plan.periods:
        again = "  (done before)" if p.resumed else f"  ({p.reconciled})"
        click.echo(f"  {p.start}  {p.status:<9} objective {p.objective}  {p.short_hours:g} h short{again}")
    click.echo(
        f"Hours short of minimum cover: {plan.short_hours:g} (the year plan's lower bound: {plan.bound:g})"
    )
    if plan.proposal:
        click.echo(
            f"Proposed profile ({propose}, {bounds[0]:g}-{bounds[1]:g} h a full-time week): "
            f"{out_dir / 'proposed-profile.csv'}"
        )
    final = {str(r["employee_id"]): r for r in plan.glide}
    click.echo("Balance against the annual hours' share at the end (hours):")
    for who, r in final.items():
        click.echo(
            f"  {who:<8} {r['balance_hours']:+g}  (rostered {r['cumulative_rostered_hours']:g} of "
            f"{r['annual_share_hours']:g}; {r['annual_hours']:g} a year)"
        )
    short = [m for m in plan.months if float(str(m["person_hours_short"])) > 0]
    click.echo(
        "Months short of minimum cover: "
        + (", ".join(f"{m['month']} ({m['person_hours_short']} h)" for m in short) if short else "none")
    )
    if calendars:
        click.echo(
            f"Yearly calendars: {calendars[0]} (a sheet per person) and an .ics, a printable page "
            f"and a picture per person in {calendars[0].parent}/"
        )


def _cell(r: dict[str, object], key: str) -> str:
    v = r.get(key)
    return "-" if v is None else f"{v:.1f}" if isinstance(v, (int, float)) else str(v)


@main.command()
@click.argument("sweep_file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="A new (or empty) folder for the results table, plots and each variant's rosters.",
)
@click.option(
    "--cluster",
    "address",
    default=None,
    help="Run the variants on the Dask distributed cluster whose scheduler is at ADDRESS "
    "(tcp://host:8786) instead of this machine's cores.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Variants at once on this machine (default: cores / the sweep's solver workers).",
)
def sweep(sweep_file: Path, out_dir: Path, address: str | None, jobs: int | None) -> None:
    """Run the what-if variants of SWEEP_FILE (TOML) and write one results table."""
    from roster.planning import PlanError, ProfileError, write_sweep, write_variant
    from roster.planning.sweep import (
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

    try:
        check_new_folder(out_dir)
        if address is not None:
            check_cluster_address(address)
        spec, folder = read_sweep(sweep_file)
        tasks = tasks_of(spec, folder)
    except (InputError, OutputFolderError, SweepError, PlanError, ProfileError) as err:
        raise InputProblem(str(err)) from None
    cores = os.cpu_count() or 1
    if address is None:
        most = local_jobs(spec.workers, len(tasks), cores)
        if jobs is not None and jobs > most:
            click.echo(
                f"--jobs {jobs}: {jobs} x {spec.workers} solver workers is more than the "
                f"{cores} cores; running {most} at once",
                err=True,
            )
        jobs = min(jobs or most, most)
        where = f"{jobs} at once on this machine ({cores} cores, {spec.workers} solver workers each)"
    else:
        where = f"on the Dask cluster at {address}"
    click.echo(f"Sweep of {len(tasks)} variants ({spec.scope}) of {folder}, {where}", err=True)

    with click.progressbar(length=len(tasks), label="variants", file=sys.stderr) as bar:

        def done(outcome: Outcome) -> None:
            write_variant(out_dir, outcome)
            bar.update(1)

        try:
            if address is None:
                outcomes = run_local(tasks, jobs or 1, done)
            else:
                outcomes = run_cluster(tasks, address, done)
        except (SweepError, PlanError, ProfileError) as err:
            raise InputProblem(str(err)) from None
    write_sweep(out_dir, outcomes)
    click.echo(
        f"{'variant':<28} {'status':<10} {'short h':>8} {'bound h':>8} {'over h':>7} {'wishes %':>9} "
        f"{'spread':>7} {'banked h':>9} {'headroom':>9} {'balance':>8} {'s':>6}"
    )
    for r in result_rows(outcomes):
        click.echo(
            f"{str(r['variant'])[:28]:<28} {str(r['status'])[:10]:<10} {_cell(r, 'short_hours'):>8} "
            f"{_cell(r, 'bound_hours'):>8} {_cell(r, 'over_hours'):>7} "
            f"{_cell(r, 'wishes_honoured_pct'):>9} {_cell(r, 'wishes_spread_pct'):>7} "
            f"{_cell(r, 'banked_hours'):>9} {_cell(r, 'min_headroom_hours'):>9} "
            f"{_cell(r, 'balance_error_hours'):>8} {_cell(r, 'seconds'):>6}"
        )
    click.echo(
        f"Results: {out_dir / 'results.csv'} (and results.xlsx, tradeoff.png); each variant's "
        f"rosters in {out_dir / 'variants'}/"
    )


@main.command()
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option(
    "--roster",
    "roster_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="A roster.csv to start from: every solve moves as little of it as `roster solve --base` "
    "would (default: solve the scenario afresh).",
)
@click.option(
    "--top",
    type=click.IntRange(min=0, max=50),
    default=5,
    show_default=True,
    help="How many changes, the highest estimates first, to verify by a re-solve each.",
)
@click.option(
    "--time-limit",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="Wall-clock budget of each solve (the baseline's and each change's).",
)
@WORKERS_OPTION
@SEED_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="A folder for what-would-help.csv (every change tried; the previous run there replaced).",
)
def gaps(
    scenario_dir: Path,
    roster_csv: Path | None,
    top: int,
    time_limit: float,
    workers: int,
    seed: int,
    out_dir: Path | None,
) -> None:
    """What would close the gap: single changes that would cut the hours short of minimum cover.

    The scenario is solved (from --roster, when given); then more hours for one person, one more
    hire of a short skill, opening later or closing earlier on one weekday, and moving a training
    day off a short day are each estimated, and the --top highest estimates are verified by
    solving the changed scenario with the same seed, workers and deterministic budget. Hours saved
    are measured by the validator, as the cover reports count hours short.

    SCENARIO_DIR may be a year plan's folder (`roster plan-year --out`): the same changes are
    then taken over the year, each verified in every roster of the plan short of cover."""
    from roster.planning import GapHelpError, what_would_help, write_gap_help
    from roster.planning.gaps_help import check_roster
    from roster.planning.year import STATE

    if (scenario_dir / STATE).is_file():
        if roster_csv is not None:
            raise InputProblem(
                f"{scenario_dir} is a year plan's folder: its rosters are its own (leave out --roster)"
            )
        _plan_gaps(scenario_dir, top, time_limit, workers, seed, out_dir)
        return
    if out_dir is not None:
        try:
            check_output_folder(out_dir, scenario_dir)
        except OutputFolderError as err:
            raise InputProblem(str(err)) from None
    scenario = load(scenario_dir)
    roster = None
    if roster_csv is not None:
        try:
            roster = read_roster_csv(roster_csv)
            check_roster(scenario, roster)
        except InputError as err:
            raise InputProblem(str(err)) from None
        except GapHelpError as err:
            raise InputProblem(f"{roster_csv}: {err}") from None
    settings = SolverSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic_time=DETERMINISTIC_SHARE * time_limit
    )
    with click.progressbar(length=1 + top, label="solving the baseline", file=sys.stderr) as bar:

        def progress(done: int, total: int, line: str) -> None:
            bar.length = total
            bar.update(done - bar.pos)
            bar.label = f"solve {done} of {total}: {line}"

        try:
            found = what_would_help(scenario, settings, roster=roster, top=top, progress=progress)
        except GapHelpError as err:
            raise InputProblem(f"{scenario_dir}: {err}") from None
    if found.given_short_hours is not None:
        click.echo(f"The roster given: {found.given_short_hours:g} hours short of minimum cover")
    click.echo(found.message)
    _echo_changes(found.verified, len(found.changes))
    for why in found.left_out:
        click.echo(f"not tried: {why}")
    if out_dir is not None:
        _write_help(lambda: write_gap_help(found, out_dir), out_dir)


def _echo_changes(verified: Sequence[Any], tried: int, *, rosters: bool = False) -> None:
    """The verified changes as a table (with how many rosters each was tried in, for a plan)."""
    if verified:
        width = max(len("change"), *(len(v.change.description) for v in verified))
        many = f"  {'rosters':>7}" if rosters else ""
        click.echo(
            f"{'rank':>4}  {'change':<{width}}{many}  {'estimate h':>10}  {'hours short':>11}  "
            f"{'hours saved':>11}"
        )
        for rank, v in enumerate(verified, start=1):
            short = "-" if v.short_hours is None else f"{v.short_hours:.2f}"
            saved = v.status if v.saved_hours is None else f"{v.saved_hours:.2f}"
            many = f"  {len(v.change.periods):>7}" if rosters else ""
            click.echo(
                f"{rank:>4}  {v.change.description:<{width}}{many}  {v.change.estimate_hours:>10.2f}  "
                f"{short:>11}  {saved:>11}"
            )
    if tried > len(verified):
        click.echo(
            f"{tried - len(verified)} more change(s) estimated but not verified (--top to verify more)"
        )


def _write_help(write: Callable[[], object], out_dir: Path) -> None:
    try:
        write()
    except OutputFolderError as err:
        raise InputProblem(str(err)) from None
    except OSError as err:
        raise OutputProblem(f"cannot write {out_dir}/what-would-help.csv: {os_reason(err)}") from None
    click.echo(f"Every change tried: {out_dir / 'what-would-help.csv'}")


def _plan_gaps(
    plan_dir: Path, top: int, time_limit: float, workers: int, seed: int, out_dir: Path | None
) -> None:
    """``roster gaps PLAN_FOLDER``: what would close a year plan's gap (:mod:`roster.planning.plan_help`)."""
    from roster.planning.gaps_help import GapHelpError
    from roster.planning.outputs import write_plan_help
    from roster.planning.plan_help import what_would_help_plan

    if out_dir is not None:
        try:
            check_output_folder(out_dir, plan_dir)
        except OutputFolderError as err:
            raise InputProblem(str(err)) from None
    settings = SolverSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic_time=DETERMINISTIC_SHARE * time_limit
    )
    with click.progressbar(length=1, label="reading the plan", file=sys.stderr) as bar:

        def progress(done: int, total: int, line: str) -> None:
            bar.length = total
            bar.update(done - bar.pos)
            bar.label = f"solve {done} of {total}: {line}"

        try:
            found = what_would_help_plan(plan_dir, settings, top=top, progress=progress)
        except GapHelpError as err:
            raise InputProblem(str(err)) from None
        except InputError as err:
            raise InputProblem(str(err)) from None
    click.echo(found.message)
    _echo_changes(found.verified, len(found.changes), rosters=True)
    if out_dir is not None:
        _write_help(lambda: write_plan_help(found, out_dir), out_dir)
