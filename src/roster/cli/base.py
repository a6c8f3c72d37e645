"""What every command shares: the ``roster`` group, its errors and exit codes, the store.

Only light modules are imported here and at the top of each command module (click, the domain's
values, io's readers): ``roster --help`` loads every command module, so the store, the solver,
the reports, the planner and the web page are imported inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import logging
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster import __version__
from roster.domain import Scenario
from roster.io import InputError, load_scenario

if TYPE_CHECKING:
    from roster.store import Store
    from roster.validation import ValidationReport

MAX_SEED = 2**31 - 1
"""CP-SAT's random seed is a 32-bit signed integer."""


class InputProblem(click.ClickException):
    """A user mistake in an input file: message, no traceback, exit code 2."""

    exit_code = 2


class OutputProblem(click.ClickException):
    """The outputs could not be written (disk full, no permission): exit code 3."""

    exit_code = 3


class StoreProblem(click.ClickException):
    """The roster store could not be used, or someone changed the version first: exit code 4."""

    exit_code = 4


def seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A finite number of seconds from 1 to a week (``nan`` compares false with every bound)."""
    if not math.isfinite(value) or not 1.0 <= value <= 604_800:
        raise click.BadParameter(f"{value!r} is not a number of seconds from 1 to 604800 (a week)")
    return value


def os_reason(err: OSError) -> str:
    """``[Errno 28] No space left on device: '/tmp/x'`` -> ``no space left on the disk``."""
    reasons = {
        errno.ENOSPC: "no space left on the disk",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "a file would be larger than this system allows",
        errno.EACCES: "permission denied",
        errno.EROFS: "the disk is read-only",
    }
    where = f" ({err.filename})" if err.filename else ""
    return reasons.get(err.errno or 0, (err.strerror or str(err)).lower()) + where


def load(folder: Path, weights: Path | None = None) -> Scenario:
    """The scenario of ``folder``, its notices printed; a mistake in it exits 2."""
    try:
        scenario = load_scenario(folder, weights)
    except InputError as err:
        raise InputProblem(str(err)) from None
    for notice in scenario.notices:
        click.echo(f"notice: {notice}", err=True)
    return scenario


def actor_name(actor: str | None) -> str:
    """``--by NAME``, else the login name, for the audit log."""
    if actor is not None and actor.strip():
        return actor.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def open_store(db: str | None, writable: bool = True) -> Store:
    """The store; ``writable``: checked to be writable first (a command that saves fails here,
    before doing anything, when the store is read-only, damaged or newer than this roster)."""
    from roster.store import StoreError
    from roster.store import open_store as opening

    try:
        return opening(db, writable=writable)
    except StoreError as err:
        raise StoreProblem(str(err)) from None


@contextlib.contextmanager
def using_store(db: str | None, writable: bool = True) -> Iterator[Store]:
    """The store, closed afterwards; its errors (a database error included, and a stored scenario
    that no longer reads) exit 4."""
    from sqlalchemy.exc import DatabaseError

    from roster.store import StoreError, store_error

    store = open_store(db, writable)
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


class Version(click.ParamType):  # type: ignore[type-arg]
    """A version of the store: ``v3`` or ``3``."""

    name = "VERSION"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removeprefix("v")
        if not text.isdigit():
            self.fail(f"{value!r} is not a version: give its number, e.g. v3 or 3", param, ctx)
        return int(text)


DB_OPTION = click.option(
    "--db",
    default=None,
    metavar="URL",
    help="The roster store: a SQLite file or a database URL "
    "[default: $ROSTER_DB, else roster.db in the working folder].",
)
WORKERS_OPTION = click.option(
    "--workers",
    type=click.IntRange(min=1, max=256),
    default=2,
    show_default=True,
    help="Solver threads (every solve of the run uses at most this many).",
)
SEED_OPTION = click.option(
    "--seed",
    type=click.IntRange(min=0, max=MAX_SEED),
    default=0,
    show_default=True,
    help=f"Random seed of the search (0 to {MAX_SEED}).",
)


def print_report(report: ValidationReport) -> None:
    """The validator's verdict as ``roster check`` prints it: each rule broken, each cover gap, the cost."""
    hard = [v for v in report.violations if v.hard]
    soft = [v for v in report.violations if not v.hard]
    for v in hard:
        click.echo(f"HARD  {v.rule:<15} {v.message}")
    for v in soft:
        click.echo(f"soft  {v.rule:<15} {v.message}")
    click.echo(f"\n{len(hard)} hard violation(s), {len(soft)} cover gap(s); objective {report.objective}")
    for rule, cost in sorted(report.cost_by_rule().items()):
        click.echo(f"  {rule:<12} {cost}")


class Group(click.Group):
    """The command group; Ctrl-C outside a solve's own handling exits 130 without a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: nothing was written.", err=True)
            ctx.exit(130)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="roster")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Self-rostering for UK public-sector services (OR-Tools CP-SAT)."""
    logging.basicConfig(
        level=logging.WARNING - 10 * verbose,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
