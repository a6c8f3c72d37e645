"""The web page's commands: `roster period open`, `roster user add / password / reset-link`, and `roster web`
itself, started as a newcomer starts it (the documented command) and stopped with Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from loopback import free_port
from roster.cli import main
from roster.store import open_store
from roster.store import people as accounts
from roster.store.periods import periods
from roster.web import create_app
from web_helpers import SETTINGS, TINY, csrf


def test_period_open_then_accounts_for_the_team(tmp_path: Path) -> None:
    db = str(tmp_path / "team.db")
    opened = CliRunner().invoke(main, ["period", "open", str(TINY), "--db", db, "--by", "Chris"])
    assert opened.exit_code == 0, opened.output
    assert "Opened Tiny Contact Desk's roster period 04 Jan 2027 to 24 Jan 2027 for wishes" in opened.output
    again = CliRunner().invoke(main, ["period", "open", str(TINY), "--db", db])
    assert again.exit_code == 4 and "already has a roster period from 2027-01-04" in again.output

    add = [
        "user",
        "add",
        "Ayesha",
        "--team",
        "Tiny Contact Desk",
        "--role",
        "manager",
        "--name",
        "Ayesha Khan",
        "--password-stdin",
        "--db",
        db,
    ]
    made = CliRunner().invoke(main, add, input="a good password\n")
    assert made.exit_code == 0, made.output
    assert (
        "Made the account ayesha" in made.output and "ayesha is manager of Tiny Contact Desk" in made.output
    )
    # an existing user gets another role without a new password
    more = CliRunner().invoke(
        main,
        [
            "user",
            "add",
            "ayesha",
            "--team",
            "Tiny Contact Desk",
            "--role",
            "employee",
            "--employee",
            "T1",
            "--db",
            db,
        ],
    )
    assert more.exit_code == 0 and "ayesha is employee T1" in more.output
    with open_store(db) as store:
        found = accounts.credentials(store, "ayesha")
        assert found is not None
        assert sorted(m.role for m in accounts.memberships(store, found[0].id)) == ["employee", "manager"]
        assert [p.team for p in periods(store)] == ["Tiny Contact Desk"]


def test_the_user_commands_refuse_what_cannot_be(tmp_path: Path) -> None:
    db = str(tmp_path / "team.db")
    CliRunner().invoke(main, ["period", "open", str(TINY), "--db", db])
    for args, stdin, code, says in [
        # a team that is not in the store
        (["--team", "Nowhere", "--role", "manager"], "a good password\n", 4, "no team 'Nowhere'"),
        # an employee role without the person's id
        (["--team", "Tiny Contact Desk", "--role", "employee"], "", 2, "needs --employee ID"),
        # a password too short to keep
        (["--team", "Tiny Contact Desk", "--role", "manager"], "short\n", 2, "give 8 to 200"),
    ]:
        out = CliRunner().invoke(
            main, ["user", "add", "bob", *args, "--password-stdin", "--db", db], input=stdin
        )
        assert out.exit_code == code and says in out.output, (args, out.output)
    with open_store(db) as store:
        assert accounts.credentials(store, "bob") is None  # a refused role leaves no account behind
    missing = CliRunner().invoke(
        main, ["user", "password", "nobody", "--password-stdin", "--db", db], input="a good password\n"
    )
    assert missing.exit_code == 4 and "there is no user 'nobody'" in missing.output
    bad = CliRunner().invoke(main, ["web", "--demo", str(tmp_path / "no such team"), "--db", db])
    assert bad.exit_code == 2 and "scenario folder not found" in bad.output
    # a mail server without a From address, a From that is no address, and a user's bad address
    for args, says in [
        (["web", "--smtp-host", "mail.council-test.gov.uk", "--db", db], "needs --smtp-from ADDRESS"),
        (["web", "--smtp-host", "mail", "--smtp-from", "rota", "--db", db], "not an email address"),
        (["user", "email", "nobody", "asha at council", "--db", db], "not an email address"),
    ]:
        out = CliRunner().invoke(main, args)
        assert out.exit_code == 2 and says in out.output, (args, out.output)


def test_a_persons_email_address_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "team.db")
    CliRunner().invoke(main, ["period", "open", str(TINY), "--db", db])
    args = ["--team", "Tiny Contact Desk", "--role", "employee", "--employee", "T2", "--password-stdin"]
    made = CliRunner().invoke(
        main,
        ["user", "add", "ben", *args, "--email", "Ben@Council-Test.gov.uk", "--db", db],
        input="a good password\n",
    )
    assert made.exit_code == 0, made.output
    with open_store(db) as store:
        found = accounts.credentials(store, "ben")
        assert found is not None and found[0].email == "Ben@council-test.gov.uk"
    removed = CliRunner().invoke(main, ["user", "email", "ben", "--db", db])
    assert removed.exit_code == 0 and "ben has no email address" in removed.output
    with open_store(db) as store:
        assert accounts.staff_accounts(store, "Tiny Contact Desk")["T2"].email is None


def test_an_administrators_reset_link_works_once_on_the_page(tmp_path: Path) -> None:
    """``roster user reset-link`` prints a link the person opens on the page; the audit log of each
    of their teams records it; an address that is not one, and a user who does not exist, are
    refused."""
    db = str(tmp_path / "team.db")
    CliRunner().invoke(main, ["period", "open", str(TINY), "--db", db])
    args = ["--team", "Tiny Contact Desk", "--role", "employee", "--employee", "T1", "--password-stdin"]
    made = CliRunner().invoke(main, ["user", "add", "asha", *args, "--db", db], input="a good password\n")
    assert made.exit_code == 0, made.output
    out = CliRunner().invoke(
        main,
        [
            "user",
            "reset-link",
            "Asha",
            "--url",
            "https://roster.example.gov.uk/",
            "--by",
            "IT desk",
            "--db",
            db,
        ],
    )
    assert out.exit_code == 0, out.output
    link = out.stdout.strip()
    assert link.startswith("https://roster.example.gov.uk/reset/") and "once, for asha" in out.stderr

    with open_store(db) as store:
        assert [(e.actor, e.action) for e in store.events() if e.action == "reset-link"] == [
            ("IT desk", "reset-link")
        ]
        app = create_app(settings=SETTINGS, store=store)
        client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
        path = link.removeprefix("https://roster.example.gov.uk")
        assert client.get(path).status_code == 200
        new = {"new": "a better password", "repeat": "a better password", "csrftoken": csrf(client)}
        assert client.post(path, data=new).status_code == 200
        assert client.post(path, data=new).status_code == 404  # once
        assert app.fastapi is not None
        app.fastapi.state.jobs.shutdown()
    for argv, code, says in [
        (["asha", "--url", "roster.example.gov.uk"], 2, "is not an address"),
        (["nobody", "--url", "https://roster.example.gov.uk/"], 4, "there is no user 'nobody'"),
    ]:
        bad = CliRunner().invoke(main, ["user", "reset-link", *argv, "--db", db])
        assert bad.exit_code == code and says in bad.output, bad.output


@pytest.mark.slow
def test_roster_web_demo_serves_the_page_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    roster = Path(sys.executable).with_name("roster")
    server = subprocess.Popen(
        [str(roster), "web", "--demo", str(TINY), "--port", str(port), "--time-limit", "20"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ROSTER_DB": ""},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert page.status_code == 200 and "Sign in" in page.text
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            client.get("/sign-in")
            r = client.post(
                "/sign-in",
                data={"username": "t1", "password": "roster-demo", "csrftoken": client.cookies["csrftoken"]},
            )
            assert r.status_code == 303
            assert "Tiny Contact Desk" in client.get(r.headers["location"], follow_redirects=True).text
    finally:
        server.send_signal(signal.SIGINT)
        out, _ = server.communicate(timeout=60)
    assert server.returncode == 0, out.decode()
    text = out.decode()
    assert "Demo accounts (password roster-demo)" in text and f"http://localhost:{port}/" in text
    assert (tmp_path / "roster-demo.db").exists()  # the demo's own store, never roster.db
    assert not (tmp_path / "roster.db").exists()
