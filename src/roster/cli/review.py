"""The manager's commands over the roster store: the log, show, amend, diff, accept, publish, the next
period, and purging old records. Each is a workflow function (``roster.workflow``) on the store,
the same one the web page calls."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from roster.cli.base import (
    DB_OPTION,
    SEED_OPTION,
    WORKERS_OPTION,
    InputProblem,
    OutputProblem,
    StoreProblem,
    Version,
    actor_name,
    main,
    os_reason,
    print_report,
    seconds,
    using_store,
)
from roster.domain import DETERMINISTIC_SHARE, SolverSettings
from roster.domain.request import DEFAULT_STABILITY
from roster.io import InputError, atomic_write_bytes, read_pins_csv
from roster.io.outputs import OutputFolderError

RETENTION_MONTHS = 24
"""Records are kept at least this long (POLICY.md: "for the previous 24-month period for Audit
purposes"); ``roster purge`` refuses a shorter period."""


@main.command(name="log")
@DB_OPTION
@click.option("--team", default=None, help="Only this team (the service's name).")
@click.option("--version", "version_id", type=Version(), default=None, help="Only this version's events.")
def log_command(db: str | None, team: str | None, version_id: int | None) -> None:
    """The store's roster versions and its audit log (who, when, what, why)."""
    with using_store(db, writable=False) as store:
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
@click.argument("version_id", metavar="VERSION", type=Version())
@DB_OPTION
def show(version_id: int, db: str | None) -> None:
    """A version of the store checked as `roster check` checks a file: rules broken, cover gaps, cost."""
    from roster.validation import validate
    from roster.workflow import scenario_of

    with using_store(db, writable=False) as store:
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
    print_report(validate(scenario, roster))


@main.command()
@click.argument("version_id", metavar="VERSION", type=Version())
@click.option("--by", "actor", required=True, metavar="NAME", help="Who accepts (recorded in the audit log).")
@click.option("--override", is_flag=True, help="Accept although a hard rule is broken (needs --reason).")
@click.option("--reason", default=None, help="Why (required with --override; recorded).")
@click.option(
    "--publish",
    "publish_dir",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Publish the accepted roster to DIR (as roster publish does).",
)
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
    with using_store(db) as store:
        try:
            info, report = accept_version(
                store,
                version_id,
                actor_name(actor),
                override_reason=reason.strip() if override and reason else None,
            )
        except AcceptRefused as err:
            for v in err.violations:
                click.echo(f"HARD  {v.rule:<15} {v.message}")
            click.echo(str(err), err=True)
            sys.exit(1)
    how = " over its broken rules (override recorded)" if report.hard_violations else ""
    click.echo(
        f"{info.label} accepted by {actor_name(actor)}{how}: objective {report.objective}, "
        f"{len(report.soft_violations)} cover gap(s)"
    )
    if publish_dir is not None:
        publish_to(db, version_id, publish_dir, actor_name(actor))


def publish_to(db: str | None, version_id: int, out: Path, actor: str) -> None:
    """Publish ``version_id`` to the folder ``out`` (``roster publish``, ``roster accept --publish``)."""
    from roster.workflow import publish as publish_version

    with using_store(db) as store:
        try:
            done = publish_version(store, version_id, out, actor)
        except OutputFolderError as err:
            raise InputProblem(str(err)) from None
        except OSError as err:
            raise OutputProblem(
                f"cannot write the publication to {out}/: {os_reason(err)}; nothing there was changed"
            ) from None
    people = sum(1 for f in done.files if f.startswith("calendar-"))
    click.echo(
        f"Published {done.version.label} to {out}/: roster.xlsx, roster.html, roster.csv, and for "
        f"each of {people} people a calendar (calendar-ID.ics) and a statement (statement-ID.txt)"
    )
    if done.written.backup is not None:
        click.echo(
            f"Edited since the last publication, kept in {done.written.backup}/: "
            f"{', '.join(done.written.kept)}"
        )


@main.command()
@click.argument("version_id", metavar="VERSION", type=Version())
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder to publish to."
)
@click.option("--by", "actor", required=True, metavar="NAME", help="Who publishes (recorded).")
@DB_OPTION
def publish(version_id: int, out_dir: Path, actor: str, db: str | None) -> None:
    """Publish the accepted VERSION: team workbook, printable page, calendars, statements."""
    publish_to(db, version_id, out_dir, actor_name(actor))


@main.command()
@click.argument("version_id", metavar="VERSION", type=Version())
@click.option("--by", "actor", required=True, metavar="NAME", help="Who amends (recorded in the audit log).")
@click.option(
    "--edits",
    "edits_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="EDITS.csv in the pins format: a row sets a person's shift on a date; empty times "
    "take them off that date.",
)
@click.option(
    "--workbook",
    "workbook",
    type=click.Path(path_type=Path),
    default=None,
    help="The team workbook (roster.xlsx) edited by hand: each changed cell is an edit.",
)
@click.option(
    "--leave",
    "leave_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="Leave or sickness rows in leave.csv's format, added to the version's scenario.",
)
@click.option(
    "--staffing",
    "staffing_csv",
    type=click.Path(path_type=Path),
    default=None,
    help="Cover rows in staffing.csv's format for dates (they replace that date's rows of the same skill).",
)
@click.option(
    "--resolve",
    is_flag=True,
    help="Re-solve with the edits pinned, moving as few other shifts as --stability says "
    "(default: keep the roster and check it as it is).",
)
@click.option(
    "--stability",
    type=click.IntRange(min=0),
    default=None,
    help=f"With --resolve: cost per minute a shift moves (default {DEFAULT_STABILITY}).",
)
@click.option(
    "--max-changes",
    type=click.IntRange(min=0),
    default=None,
    help="With --resolve: at most this many changed shifts per person.",
)
@click.option(
    "--time-limit",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="With --resolve: wall-clock budget in seconds.",
)
@WORKERS_OPTION
@SEED_OPTION
@click.option("--note", default="", help="Why, in a few words (recorded with the version).")
@DB_OPTION
def amend(
    version_id: int,
    actor: str,
    edits_csv: Path | None,
    workbook: Path | None,
    leave_csv: Path | None,
    staffing_csv: Path | None,
    resolve: bool,
    stability: int | None,
    max_changes: int | None,
    time_limit: float,
    workers: int,
    seed: int,
    note: str,
    db: str | None,
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
    amendment = Amendment(
        pins=pins, leave=leave_csv, staffing=staffing_csv, edits=edits_csv, workbook=workbook
    )
    if amendment.empty:
        raise click.UsageError("nothing to amend: give --edits, --workbook, --leave or --staffing")
    settings = SolverSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic_time=DETERMINISTIC_SHARE * time_limit
    )
    with using_store(db) as store:
        try:
            out = amend_version(
                store,
                version_id,
                actor_name(actor),
                amendment,
                resolve=resolve,
                settings=settings,
                stability=stability,
                max_changes=max_changes,
                note=note,
            )
        except InputError as err:  # the manager's files: their file, row and field
            raise InputProblem(str(err)) from None
    for s in out.off_for_leave:
        click.echo(f"{s.employee_id}'s shift on {s.date} taken out: on leave all day")
    if out.result is not None:
        click.echo(f"Re-solved in {out.result.wall_time:.1f} s ({out.result.status})")
    click.echo(out.diff.text(out.parent.label, out.version.label))
    click.echo("")
    print_report(out.report)
    click.echo(f"\nSaved as {out.version.label} ({out.version.status}), from {out.parent.label}")
    if out.report.hard_violations:
        click.echo(
            f"{out.version.label} breaks a hard rule: amend it again (or accept with --override --reason)",
            err=True,
        )
        sys.exit(1)


@main.command()
@click.argument("first", metavar="VERSION_A", type=Version())
@click.argument("second", metavar="VERSION_B", type=Version())
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the per-person table to this CSV file.",
)
@click.option(
    "--xlsx",
    "xlsx_out",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the changes as a sheet of this workbook.",
)
@DB_OPTION
def diff(first: int, second: int, csv_out: Path | None, xlsx_out: Path | None, db: str | None) -> None:
    """Who changes from VERSION_A to VERSION_B: shifts, wishes, hours, banked time, headroom, cover."""
    from roster.io.xlsx_roster import tables_xlsx_bytes
    from roster.reports.outputs import csv_bytes
    from roster.workflow import diff_versions

    with using_store(db, writable=False) as store:
        d = diff_versions(store, first, second)
    click.echo(d.text(f"v{first}", f"v{second}"))
    wanted: list[tuple[Path, Callable[[], bytes]]] = []
    if csv_out is not None:
        wanted.append((csv_out, lambda: csv_bytes(d.people)))
    if xlsx_out is not None:
        wanted.append((xlsx_out, lambda: tables_xlsx_bytes({f"Changes v{first} to v{second}": d.table()})))
    for path, data in wanted:
        try:
            atomic_write_bytes(path, data())
        except OSError as err:
            raise OutputProblem(f"cannot write {path}: {os_reason(err)}") from None


@main.command(name="next")
@click.argument("version_id", metavar="VERSION", type=Version())
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="A new folder for the next period's scenario.",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First date of the next roster [default: the day after VERSION ends].",
)
@click.option("--by", "actor", default=None, metavar="NAME", help="Who starts it (recorded).")
@DB_OPTION
def next_command(
    version_id: int, out_dir: Path, start: dt.datetime | None, actor: str | None, db: str | None
) -> None:
    """The next roster period's scenario from the accepted VERSION: history, banked time and
    fairness carried over, wishes left blank for the team."""
    from roster.workflow import roster_next

    with using_store(db) as store:
        try:
            done = roster_next(store, version_id, out_dir, actor_name(actor), start.date() if start else None)
        except OSError as err:
            raise OutputProblem(f"cannot write {out_dir}/: {os_reason(err)}") from None
    click.echo(
        f"The roster from {done.start} is in {out_dir}/, carried over from {done.version.label}: "
        "history, banked time and fairness; the team's dated wishes are blank"
    )
    for note in done.notes:
        click.echo(f"  note: {note}")
    click.echo(f"Next: the team fills in {out_dir}/preferences.csv, then `roster solve {out_dir} --out ...`")


@main.command()
@click.option(
    "--older-than-months",
    "months",
    type=click.IntRange(min=RETENTION_MONTHS),
    default=RETENTION_MONTHS,
    show_default=True,
    help=f"Remove records older than this many months (at least {RETENTION_MONTHS}).",
)
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
    with using_store(db) as store:
        counts = store.purge(cutoff, actor=actor_name(actor), dry_run=dry_run)
    what = "Would remove" if dry_run else "Removed"
    click.echo(
        f"{what} records from before {cutoff:%Y-%m-%d}: {counts['versions']} version(s), "
        f"{counts['shifts']} shifts, {counts['events']} events, {counts['snapshots']} snapshot(s), "
        f"{counts['periods']} roster period(s) with their wishes; "
        "each team's last accepted roster is kept"
    )
