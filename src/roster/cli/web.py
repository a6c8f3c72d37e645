"""The web page and its accounts: serve the page, add people and set passwords, open a period for
wishes."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.base import (
    DB_OPTION,
    MAX_SEED,
    InputProblem,
    StoreProblem,
    actor_name,
    load,
    main,
    seconds,
    using_store,
)
from roster.io import InputError

if TYPE_CHECKING:
    from roster.store import Store
    from roster.web import WebSettings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback by default: only this machine can reach the page).",
)
@click.option("--port", type=click.IntRange(min=1, max=65535), default=8000, show_default=True)
@click.option(
    "--demo",
    "demo_dir",
    type=click.Path(path_type=Path),
    default=None,
    metavar="SCENARIO",
    help="Open SCENARIO's period for wishes with demo accounts (user names: manager, coordinator "
    "and each person's id in lower case; password roster-demo), in roster-demo.db unless --db.",
)
@click.option(
    "--time-limit",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="Wall-clock budget of a solve started on the page, in seconds.",
)
@click.option(
    "--amend-time-limit",
    type=float,
    callback=seconds,
    default=30.0,
    show_default=True,
    help="Wall-clock budget of a manager's minimal-change re-solve, in seconds.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=256),
    default=2,
    show_default=True,
    help="Solver threads of each solve.",
)
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=0, show_default=True)
@click.option("--engine", type=click.Choice(["auto", "pattern", "slot"]), default="auto", show_default=True)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Send cookies over HTTPS only (when the page is served through an HTTPS proxy).",
)
@click.option(
    "--smtp-host",
    envvar="ROSTER_SMTP_HOST",
    default=None,
    metavar="HOST",
    help="The mail server people are emailed through when their published shifts change "
    "[env ROSTER_SMTP_HOST; default: nobody is emailed, the audit log says so].",
)
@click.option(
    "--smtp-port",
    envvar="ROSTER_SMTP_PORT",
    type=click.IntRange(min=1, max=65535),
    default=25,
    show_default=True,
)
@click.option(
    "--smtp-from",
    envvar="ROSTER_SMTP_FROM",
    default=None,
    metavar="ADDRESS",
    help="The From address of the emails (needed with --smtp-host) [env ROSTER_SMTP_FROM].",
)
@click.option(
    "--smtp-starttls",
    is_flag=True,
    envvar="ROSTER_SMTP_STARTTLS",
    help="Encrypt the connection with STARTTLS (most servers on port 587) [env ROSTER_SMTP_STARTTLS].",
)
@click.option(
    "--smtp-user",
    envvar="ROSTER_SMTP_USER",
    default=None,
    metavar="NAME",
    help="Sign in to the mail server as NAME; the password from the environment variable "
    "ROSTER_SMTP_PASSWORD (never on the command line).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1, max=64),
    default=1,
    show_default=True,
    help="Server processes answering on the port (a council's many teams; use a PostgreSQL store). "
    "Sessions, rate limits and solves live in the store, so any process serves anyone.",
)
@click.option(
    "--takeover-after",
    type=click.FloatRange(min=1.0, max=3600.0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="A solve whose server process has written nothing for this long (stopped hard) is run "
    "again by another server process.",
)
@click.option(
    "--cluster",
    default="local",
    show_default=True,
    metavar="ADDRESS|local|none",
    help="Where solves run: the Dask scheduler at ADDRESS (tcp://HOST:8786; add machines with "
    "`roster worker ADDRESS`), a cluster of this machine started with the server (local), or "
    "the server's own threads (none).",
)
@DB_OPTION
def web(
    host: str,
    port: int,
    demo_dir: Path | None,
    time_limit: float,
    amend_time_limit: float,
    workers: int,
    seed: int,
    engine: str,
    secure_cookies: bool,
    smtp_host: str | None,
    smtp_port: int,
    smtp_from: str | None,
    smtp_starttls: bool,
    smtp_user: str | None,
    processes: int,
    takeover_after: float,
    cluster: str,
    db: str | None,
) -> None:
    """Serve the team's web page: staff give wishes, coordinators solve, managers review and accept.

    It runs over the roster store (--db), the same one the other commands use. Add people with
    `roster user add` and a period with `roster period open`; or try it with --demo
    scenarios/contact-centre and sign in as manager, coordinator or e001 (password roster-demo).
    Stop it with Ctrl-C (a solve running on the page keeps its best roster).
    """
    from roster.web import SolveSettings, WebSettings
    from roster.web.demo import DEMO_DB, DEMO_PASSWORD, setup_demo

    if demo_dir is not None and db is None and not os.environ.get("ROSTER_DB"):
        db = DEMO_DB
    mail = None
    if smtp_host:
        from roster.io.mail import MailSettings, checked_address

        if not smtp_from:
            raise click.UsageError("--smtp-host needs --smtp-from ADDRESS: the From address of the emails")
        try:
            sender = checked_address(smtp_from)
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--smtp-from") from None
        password = os.environ.get("ROSTER_SMTP_PASSWORD")
        if smtp_user and not password:
            raise click.UsageError(
                "--smtp-user needs the password in the environment variable ROSTER_SMTP_PASSWORD"
            )
        mail = MailSettings(smtp_host, smtp_port, sender, smtp_starttls, smtp_user, password)
    with using_store(db) as store:
        if demo_dir is not None:
            try:
                demo = setup_demo(store, demo_dir)
            except InputError as err:
                raise InputProblem(str(err)) from None
            click.echo(
                f"Demo: {demo.period.team}, roster period {demo.period.label} "
                f"({demo.period.status} for wishes)"
            )
            example = next((u for u, _, r in demo.accounts if r.startswith("employee")), "e001")
            click.echo(
                f"Demo accounts (password {DEMO_PASSWORD}): manager, coordinator, and each person's "
                f"id in lower case, e.g. {example}"
            )
        with contextlib.ExitStack() as running:
            address = _cluster(cluster, workers, running)
            settings = WebSettings(
                solve=SolveSettings(time_limit=time_limit, workers=workers, seed=seed, engine=engine),
                amend_time_limit=amend_time_limit,
                secure_cookies=secure_cookies,
                mail=mail,
                takeover_seconds=takeover_after,
                cluster=address,
            )
            _serve(store, settings, host, port, processes)


def _cluster(cluster: str, workers: int, running: contextlib.ExitStack) -> str | None:
    """The scheduler address solves run on: ``none`` -> None; ``local`` -> a cluster of this machine
    started now (one worker process a ``workers`` cores, a thread each), stopped with the server;
    else the address given, checked."""
    choice = cluster.strip()
    if choice.lower() == "none":
        return None
    from roster.planning.sweep import SweepError, check_cluster_address

    if choice.lower() == "local":
        from distributed import LocalCluster

        n = max(1, (os.cpu_count() or 2) // workers)
        logging.getLogger("distributed").setLevel(logging.WARNING)  # the cluster's chatter, not the user's
        local = running.enter_context(
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # loopback only, any free port
                silence_logs=logging.WARNING,
            )
        )
        click.echo(f"Solves run on a cluster of this machine: {n} worker(s) at {local.scheduler_address}")
        return str(local.scheduler_address)
    try:
        check_cluster_address(choice)
    except SweepError as err:
        raise click.BadParameter(str(err), param_hint="--cluster") from None
    click.echo(f"Solves run on the Dask cluster at {choice}")
    return choice


def _serve(store: Store, settings: WebSettings, host: str, port: int, processes: int) -> None:
    """Serve the page on ``host:port`` with ``processes`` server processes until Ctrl-C."""
    import uvicorn

    from roster.store.people import count_users
    from roster.web import create_app

    if count_users(store) == 0:
        click.echo(
            "Nobody can sign in yet: add people with `roster user add NAME --team TEAM --role "
            "manager` (or try the page with --demo scenarios/contact-centre)",
            err=True,
        )
    if host not in LOOPBACK:
        click.echo(
            f"Listening on {host}: other machines can reach the page. Serve it through HTTPS "
            "(--secure-cookies behind the proxy).",
            err=True,
        )
    click.echo(
        f"The team's web page: http://{'localhost' if host == '127.0.0.1' else host}:{port}/ "
        "(Ctrl-C stops it)"
    )
    if processes > 1:
        from roster.web.main import SETTINGS_ENV, settings_json

        # each process opens the store from ROSTER_DB and its settings from the environment
        os.environ[SETTINGS_ENV] = settings_json(settings)
        os.environ["ROSTER_DB"] = store.url
        uvicorn.run(
            "roster.web.main:app_from_environment",
            factory=True,
            workers=processes,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
        return
    app = create_app(settings=settings, store=store)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@main.command()
@click.argument("address")
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=2,
    show_default=True,
    help="Solver threads of each solve (as `roster web --workers`): one worker process is started "
    "for each this many cores, so the machine is never oversubscribed.",
)
def worker(address: str, workers: int) -> None:
    """Add this machine to the Dask cluster whose scheduler is at ADDRESS (`roster web --cluster
    ADDRESS` runs its solves there): Dask's own worker, one process a WORKERS cores, one solve at
    a time each. Install roster on the machine first, the same version as the server's, and give
    it access to the store (the same --db URL the server uses reaches it from here)."""
    from roster.planning.sweep import SweepError, check_cluster_address

    try:
        check_cluster_address(address)
    except SweepError as err:
        raise click.BadParameter(str(err).replace("--cluster ", "", 1), param_hint="ADDRESS") from None
    n = max(1, (os.cpu_count() or 2) // workers)
    click.echo(f"Joining the cluster at {address}: {n} worker process(es), one solve at a time each")
    argv = [
        sys.executable,
        "-m",
        "distributed.cli.dask_worker",
        address,
        "--nthreads",
        "1",
        "--nworkers",
        str(n),
    ]
    os.execv(sys.executable, argv)


@main.group()
def user() -> None:
    """People who sign in to the web page, and their roles in teams."""


def new_password(password_stdin: bool, prompt: str) -> str:
    """A password from standard input (one line) or asked for twice; its length checked (exit 2)."""
    from roster.web.auth import MAX_PASSWORD, MIN_PASSWORD

    password = (
        sys.stdin.readline().rstrip("\n")
        if password_stdin
        else click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    )
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputProblem(
            f"the password has {len(password)} characters; give {MIN_PASSWORD} to {MAX_PASSWORD}"
        )
    return password


@user.command(name="add")
@click.argument("username")
@click.option("--team", required=True, help="The team (its service name, as in the store).")
@click.option("--role", type=click.Choice(["employee", "coordinator", "manager"]), required=True)
@click.option(
    "--employee",
    "employee_id",
    default=None,
    metavar="ID",
    help="With --role employee: the person's id in the team's employees.csv.",
)
@click.option(
    "--name", "display_name", default="", help="The name shown on the page [default: the user name]."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@click.option(
    "--email",
    default=None,
    metavar="ADDRESS",
    help="Where the person is emailed when their published shifts change.",
)
@DB_OPTION
def user_add(
    username: str,
    team: str,
    role: str,
    employee_id: str | None,
    display_name: str,
    password_stdin: bool,
    email: str | None,
    db: str | None,
) -> None:
    """Give USERNAME a ROLE in a team, making the account first if it is new (asks for its password)."""
    from roster.store import StoreError
    from roster.store import people as accounts
    from roster.web.auth import hash_password

    if role == "employee" and not employee_id:
        raise click.UsageError("--role employee needs --employee ID (the person in the team's employees.csv)")
    if role != "employee" and employee_id:
        raise click.UsageError("--employee is for --role employee")
    address = _address(email) if email is not None else None
    with using_store(db) as store:
        found = accounts.credentials(store, username)
        try:
            if found is None:
                password = new_password(password_stdin, "Password")
                # the account and its first role in one transaction: no account without a role
                made = accounts.add_user(
                    store,
                    username,
                    display_name or username,
                    hash_password(password),
                    role=(team, role, employee_id),
                )
                click.echo(f"Made the account {made.username}")
            else:
                accounts.grant(store, found[0].id, team, role, employee_id)
        except StoreError as err:
            raise StoreProblem(str(err)) from None
        if address is not None:
            made_or_found = accounts.credentials(store, username)
            assert made_or_found is not None
            accounts.set_email(store, made_or_found[0].id, address)
    click.echo(
        f"{accounts.normal_username(username)} is {role}{f' {employee_id}' if employee_id else ''} of {team}"
    )


@user.command(name="password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@DB_OPTION
def user_password(username: str, password_stdin: bool, db: str | None) -> None:
    """Set a new password for USERNAME (their sessions signed in with the old one end)."""
    from roster.store import people as accounts
    from roster.web.auth import hash_password

    with using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            raise StoreProblem(f"there is no user {accounts.normal_username(username)!r}")
        password = new_password(password_stdin, "New password")
        accounts.set_password_hash(store, found[0].id, hash_password(password), end_sessions=True)
    click.echo(f"New password set for {found[0].username}")


def _address(text: str) -> str:
    from roster.io.mail import checked_address

    try:
        return checked_address(text)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="the email address") from None


@user.command(name="email")
@click.argument("username")
@click.argument("address", required=False)
@DB_OPTION
def user_email(username: str, address: str | None, db: str | None) -> None:
    """Set the address USERNAME is emailed at when their published shifts change (no ADDRESS:
    remove it; they are then told only on the page)."""
    from roster.store import people as accounts

    checked = _address(address) if address else None
    with using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            raise StoreProblem(f"there is no user {accounts.normal_username(username)!r}")
        accounts.set_email(store, found[0].id, checked)
    click.echo(
        f"{found[0].username} is emailed at {checked}"
        if checked
        else f"{found[0].username} has no email address"
    )


@user.command(name="admin")
@click.argument("username")
@click.option("--remove", is_flag=True, help="No longer a council administrator.")
@DB_OPTION
def user_admin(username: str, remove: bool, db: str | None) -> None:
    """Make USERNAME a council administrator: on the web page (Council administration) they make
    teams and give people their roles in any team."""
    from roster.store import people as accounts

    with using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            raise StoreProblem(f"there is no user {accounts.normal_username(username)!r}")
        accounts.set_admin(store, found[0].id, not remove)
    click.echo(f"{found[0].username} is {'no longer' if remove else 'now'} a council administrator")


@main.group()
def team() -> None:
    """The teams of the store (each self-rostered service): list them, make one."""


@team.command(name="list")
@DB_OPTION
def team_list(db: str | None) -> None:
    """Every team, with how many accounts hold a role in it."""
    from roster.store import people as accounts

    with using_store(db, writable=False) as store:
        found = accounts.team_list(store)
    if not found:
        click.echo("No team yet: roster team add NAME, or roster period open SCENARIO_DIR")
    for t in found:
        click.echo(f"  {t.name}  ({t.accounts} account(s))")


@team.command(name="add")
@click.argument("name")
@DB_OPTION
def team_add(name: str, db: str | None) -> None:
    """Make the team NAME (its scenario's service name: its periods are opened under it)."""
    from roster.store import StoreError
    from roster.store import people as accounts

    with using_store(db) as store:
        try:
            made = accounts.add_team(store, name)
        except StoreError as err:
            raise InputProblem(str(err)) from None
    click.echo(f"Team {made.name} made: give people roles with roster user add ... --team {made.name!r}")


@team.command(name="year")
@click.argument("name")
@click.argument("year_dir", type=click.Path(path_type=Path))
@click.option("--by", "actor", default=None, metavar="NAME", help="Who saves them (recorded).")
@DB_OPTION
def team_year(name: str, year_dir: Path, actor: str | None, db: str | None) -> None:
    """Save YEAR_DIR (a scenario's year/ folder: leave.csv, staffing.csv, profile.csv) as the
    year inputs of the team NAME, which its year plans and sweeps on the web page read. They are
    checked against the team's latest roster period first; the files not in YEAR_DIR are no
    longer the team's."""
    from roster.store import people as accounts
    from roster.workflow.team_jobs import save_year_inputs, year_folder_files

    if not year_dir.is_dir():
        raise InputProblem(f"{year_dir}: is not a folder (give a scenario's year/ folder)")
    files = year_folder_files(year_dir)
    if not files:
        raise InputProblem(f"{year_dir}: has none of leave.csv, staffing.csv, profile.csv")
    with using_store(db) as store:
        found = {t.name: t.id for t in accounts.team_list(store)}
        if name not in found:
            raise InputProblem(f"there is no team {name!r}: roster team list shows the teams")
        try:
            saved = save_year_inputs(store, found[name], files, actor_name(actor))
        except InputError as err:
            raise InputProblem(str(err)) from None
    click.echo(f"Saved {name}'s year inputs: {', '.join(f'year/{n}' for n in saved)}")


@user.command(name="reset-link")
@click.argument("username")
@click.option(
    "--url",
    "base_url",
    required=True,
    metavar="URL",
    help="The address people open the page at, e.g. https://roster.example.gov.uk/",
)
@click.option(
    "--hours",
    type=click.FloatRange(min=0.1, max=24 * 14),
    default=24.0,
    show_default=True,
    help="How long the link stays valid.",
)
@click.option("--by", "actor", default=None, metavar="NAME", help="Who makes it (recorded in the audit log).")
@DB_OPTION
def user_reset_link(username: str, base_url: str, hours: float, actor: str | None, db: str | None) -> None:
    """Print a one-time link for USERNAME to set a new password on the page: valid for --hours,
    used once, their earlier links ended; the audit log of each of their teams records it. Give
    it to the person yourself: whoever opens it can set the password."""
    import datetime as dt

    from roster.store import people as accounts

    if not base_url.startswith(("https://", "http://")):
        raise click.UsageError(f"--url {base_url!r} is not an address: give it as https://HOST/")
    with using_store(db) as store:
        found = accounts.credentials(store, username)
        if found is None:
            raise StoreProblem(f"there is no user {accounts.normal_username(username)!r}")
        person = found[0]
        teams = sorted({m.team_id for m in accounts.memberships(store, person.id)})
        token = accounts.make_reset_link(
            store,
            person.id,
            teams,
            actor=actor_name(actor),
            valid=dt.timedelta(hours=hours),
            whom=f"{person.display_name} ({person.username})",
        )
    click.echo(f"{base_url.rstrip('/')}/reset/{token}")
    click.echo(f"valid for {hours:g} hours, once, for {person.username}", err=True)


@main.group()
def period() -> None:
    """Roster periods open for wishes on the web page."""


@period.command(name="open")
@click.argument("scenario_dir", type=click.Path(path_type=Path))
@click.option("--by", "actor", default=None, metavar="NAME", help="Who opens it (recorded).")
@DB_OPTION
def period_open(scenario_dir: Path, actor: str | None, db: str | None) -> None:
    """Open the period of SCENARIO_DIR for wishes on the web page (its own wishes become the
    people's wishes; the team is the service's name). SCENARIO_DIR/year/, when there, is saved
    as the team's year inputs (for year plans and sweeps on the page)."""
    from roster.io import YEAR_FOLDER, load_year
    from roster.workflow.periods import open_period
    from roster.workflow.team_jobs import save_year_inputs, year_folder_files

    scenario = load(scenario_dir)
    year = year_folder_files(scenario_dir / YEAR_FOLDER)
    if year:  # checked before the period opens: nothing is half done
        try:
            load_year(scenario_dir / YEAR_FOLDER, scenario)
        except InputError as err:
            raise InputProblem(str(err)) from None
    with using_store(db) as store:
        info = open_period(store, scenario_dir, actor_name(actor))
        if year:
            save_year_inputs(store, info.team_id, year, actor_name(actor))
    click.echo(
        f"Opened {info.team}'s roster period {info.label} for wishes ({len(scenario.employees)} people)"
    )
    if year:
        click.echo(f"Saved the team's year inputs: {', '.join(f'{YEAR_FOLDER}/{n}' for n in sorted(year))}")
