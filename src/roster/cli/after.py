"""The manager's commands after publication: shift swaps and open shifts staff made on the web page
(list them, decide one). Each is a workflow function on the store, the same one the page calls."""

from __future__ import annotations

import click

from roster.cli.base import DB_OPTION, StoreProblem, main, using_store
from roster.timegrid import format_clock


@main.group()
def swap() -> None:
    """Shift swaps staff made on the web page: list them, approve or refuse one taken."""


@swap.command(name="list")
@click.option("--team", default=None, help="Only this team (the service's name).")
@DB_OPTION
def swap_list(team: str | None, db: str | None) -> None:
    """Every swap, latest first: who offered which day, who took it, and where it stands."""
    from roster.store.swaps import named_team_swaps

    with using_store(db, writable=False) as store:
        found = named_team_swaps(store, team)
    if not found:
        click.echo("No shift swaps yet: staff offer their shifts on the web page.")
        return
    for name, s in found:
        taken = f" taken by {s.taker}" if s.taker else ""
        back = f" giving back {s.return_date}" if s.return_date else ""
        why = f"  reason: {s.reason}" if s.reason else ""
        made = f" -> v{s.result_version_id}" if s.result_version_id else ""
        click.echo(
            f"  swap {s.id:<4} {name}  v{s.version_id}  {s.offered_by} {s.shift_date}{taken}{back}  "
            f"{s.state}{made}{why}"
        )


@swap.command(name="approve")
@click.argument("swap_id", metavar="SWAP", type=click.IntRange(min=1))
@click.option(
    "--by", "actor", required=True, metavar="NAME", help="Who approves (recorded in the audit log)."
)
@DB_OPTION
def swap_approve(swap_id: int, actor: str, db: str | None) -> None:
    """Approve a taken swap: checked again, made into a new version, accepted and published on
    the web page (nobody is emailed from the command line: the audit log says so)."""
    from roster.store.swaps import SwapNotFound
    from roster.workflow.swaps import SwapRefused, approve_swap

    with using_store(db) as store:
        try:
            made = approve_swap(store, swap_id, actor)
        except SwapNotFound as err:
            raise StoreProblem(str(err)) from None
        except SwapRefused as refused:
            raise click.ClickException(str(refused)) from None
    click.echo(f"Swap {swap_id} approved: {made.label}, accepted and published on the web page")


@swap.command(name="refuse")
@click.argument("swap_id", metavar="SWAP", type=click.IntRange(min=1))
@click.option("--by", "actor", required=True, metavar="NAME", help="Who refuses (recorded in the audit log).")
@click.option("--reason", required=True, help="Why (the people who asked see it).")
@DB_OPTION
def swap_refuse(swap_id: int, actor: str, reason: str, db: str | None) -> None:
    """Refuse a swap with a reason."""
    from roster.store.swaps import SwapNotFound
    from roster.workflow.swaps import SwapRefused, refuse_swap

    with using_store(db) as store:
        try:
            refuse_swap(store, swap_id, actor, reason)
        except SwapNotFound as err:
            raise StoreProblem(str(err)) from None
        except SwapRefused as refused:
            raise click.ClickException(str(refused)) from None
    click.echo(f"Swap {swap_id} refused")


@main.group(name="open-shift")
def open_shift() -> None:
    """Open shifts staff volunteered for on the web page: list the volunteers, grant or decline one."""


@open_shift.command(name="list")
@click.option("--team", default=None, help="Only this team (the service's name).")
@DB_OPTION
def open_shift_list(team: str | None, db: str | None) -> None:
    """Every volunteer, latest first: who volunteered for which open shift, and where it stands."""
    from roster.store.volunteers import named_team_volunteers

    with using_store(db, writable=False) as store:
        found = named_team_volunteers(store, team)
    if not found:
        click.echo("No volunteers yet: staff volunteer for open shifts on the web page.")
        return
    for name, v in found:
        times = f"{format_clock(v.start_minute)}-{format_clock(v.end_minute)}"
        why = f"  reason: {v.reason}" if v.reason else ""
        made = f" -> v{v.result_version_id}" if v.result_version_id else ""
        click.echo(
            f"  volunteer {v.id:<4} {name}  v{v.version_id}  {v.employee_id} {v.shift_date} {times} "
            f"({v.skill})  {v.state}{made}{why}"
        )


@open_shift.command(name="grant")
@click.argument("volunteer_id", metavar="VOLUNTEER", type=click.IntRange(min=1))
@click.option("--by", "actor", required=True, metavar="NAME", help="Who grants (recorded in the audit log).")
@DB_OPTION
def open_shift_grant(volunteer_id: int, actor: str, db: str | None) -> None:
    """Grant a volunteer the open shift: checked again, added as an extra shift (time off in lieu)
    to a new version, accepted and published on the web page (nobody is emailed from the command
    line: the audit log says so)."""
    from roster.store.volunteers import VolunteerNotFound
    from roster.workflow.open_shifts import OpenShiftRefused, grant

    with using_store(db) as store:
        try:
            made = grant(store, volunteer_id, actor)
        except VolunteerNotFound as err:
            raise StoreProblem(str(err)) from None
        except OpenShiftRefused as refused:
            raise click.ClickException(str(refused)) from None
    click.echo(f"Volunteer {volunteer_id} granted: {made.label}, accepted and published on the web page")


@open_shift.command(name="decline")
@click.argument("volunteer_id", metavar="VOLUNTEER", type=click.IntRange(min=1))
@click.option(
    "--by", "actor", required=True, metavar="NAME", help="Who declines (recorded in the audit log)."
)
@click.option("--reason", required=True, help="Why (the person who volunteered sees it).")
@DB_OPTION
def open_shift_decline(volunteer_id: int, actor: str, reason: str, db: str | None) -> None:
    """Decline a volunteer with a reason."""
    from roster.store.volunteers import VolunteerNotFound
    from roster.workflow.open_shifts import OpenShiftRefused, decline

    with using_store(db) as store:
        try:
            decline(store, volunteer_id, actor, reason)
        except VolunteerNotFound as err:
            raise StoreProblem(str(err)) from None
        except OpenShiftRefused as refused:
            raise click.ClickException(str(refused)) from None
    click.echo(f"Volunteer {volunteer_id} declined")
