"""The council administrator: teams made and people given roles on the page, a new account's
one-time link, a person in two teams with the team switcher; to anyone else the pages are not found."""

from __future__ import annotations

import re

from click.testing import CliRunner

from roster.cli import main
from roster.store import people as accounts
from roster.web.auth import hash_password
from roster.web.demo import DEMO_PASSWORD
from web_helpers import Web, post, text


def _admin(web: Web) -> None:
    made = accounts.add_user(web.store, "council", "Pat Council", hash_password(DEMO_PASSWORD))
    accounts.set_admin(web.store, made.id, True)


def test_only_a_council_administrator_reaches_the_pages(web: Web) -> None:
    _admin(web)
    for who in ("manager", "t1", "o1"):
        client = web.client(who)
        assert client.get("/admin").status_code == 404
        assert post(client, "/admin/teams", {"name": "Mine"}).status_code == 404  # type: ignore[attr-defined]
        assert client.get(f"/admin/teams/{web.team_id}").status_code == 404
        assert "Council administration" not in client.get(f"/teams/{web.team_id}").text
    council = web.client("council")
    page = text(council.get("/admin").text)
    assert "Tiny Contact Desk" in page and "Council administration" in page


def test_a_team_made_a_person_added_with_a_link_and_a_second_team_to_switch_to(web: Web) -> None:
    _admin(web)
    council = web.client("council")
    r = post(council, "/admin/teams", {"name": "  Central  Library "})
    assert r.status_code == 303  # type: ignore[attr-defined]
    team_page = r.headers["location"]  # type: ignore[attr-defined]
    team_id = int(team_page.rsplit("/", 1)[1])
    assert post(council, "/admin/teams", {"name": "Central Library"}).status_code == 422  # type: ignore[attr-defined]
    # a new account: its one-time link sets its password
    r = post(
        council, f"{team_page}/people", {"username": "Lib-Coord", "name": "Lee Page", "role": "coordinator"}
    )
    assert r.status_code == 200, text(r.text)  # type: ignore[attr-defined]
    link = re.search(r"http://testserver(/reset/[\w-]+)", r.text)  # type: ignore[attr-defined]
    assert link is not None
    newcomer = web.client()
    form = newcomer.get(link.group(1))
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
    assert token is not None
    done = newcomer.post(
        link.group(1),
        data={
            "new": "a long new password",
            "repeat": "a long new password",
            "csrftoken": token.group(1),
        },
    )
    assert done.status_code in (200, 303), text(done.text)
    lee = web.client("lib-coord", "a long new password")
    assert lee.get("/").headers["location"] == f"/teams/{team_id}"  # the one team: straight there
    # an existing person given a second team sees the switcher on the first team's pages
    r = post(council, f"{team_page}/people", {"username": "t1", "role": "employee", "employee_id": "L1"})
    assert r.status_code == 200 and "t1" in text(r.text)  # type: ignore[attr-defined]
    asha = text(web.client("t1").get(f"/teams/{web.team_id}").text)
    assert "Switch team" in asha and "Central Library" in asha
    r = post(council, f"{team_page}/people", {"username": "t2", "role": "employee"})
    assert r.status_code == 422 and "needs the person's id" in text(r.text)  # type: ignore[attr-defined]
    # a role taken away
    t1 = accounts.credentials(web.store, "t1")
    assert t1 is not None
    r = post(council, f"{team_page}/people/{t1[0].id}/remove", {"role": "employee"})
    assert r.status_code == 303  # type: ignore[attr-defined]
    assert "Switch team" not in web.client("t1").get(f"/teams/{web.team_id}").text
    assert web.client("t1").get(f"/teams/{team_id}").status_code == 404


def test_the_command_line_makes_administrators_and_teams(tmp_path: object) -> None:
    db = f"sqlite:///{tmp_path}/roster.db"  # type: ignore[str-bytes-safe]
    runner = CliRunner()
    out = runner.invoke(main, ["team", "add", "Leisure Centre", "--db", db])
    assert out.exit_code == 0, out.output
    assert runner.invoke(main, ["team", "add", "Leisure Centre", "--db", db]).exit_code == 2
    out = runner.invoke(
        main,
        [
            "user",
            "add",
            "pat",
            "--name",
            "Pat",
            "--team",
            "Leisure Centre",
            "--role",
            "manager",
            "--password-stdin",
            "--db",
            db,
        ],
        input="a long password here\n",
    )
    assert out.exit_code == 0, out.output
    assert (
        runner.invoke(main, ["user", "admin", "pat", "--db", db]).output.strip()
        == "pat is now a council administrator"
    )
    assert "Leisure Centre  (1 account(s))" in runner.invoke(main, ["team", "list", "--db", db]).output
    assert runner.invoke(main, ["user", "admin", "nobody", "--db", db]).exit_code == 4


def test_the_administrator_sees_every_teams_queued_and_running_jobs(web: Web) -> None:
    """A solve running for one team and a re-solve waiting for the cluster in another: the council's
    page lists both, by team, with who asked and how far each has got; once they end, nothing."""
    from roster.store import jobs as kept

    _admin(web)
    council = web.client("council")
    assert "Nothing is being solved or waiting" in text(council.get("/admin").text)
    running = kept.start_job(web.store, web.team_id, web.period_id, "Chris Doyle (coordinator)", "elsewhere")
    kept.beat(web.store, running.id, "elsewhere", stage="pattern engine: round 12", seconds=None)
    waiting = kept.start_job(
        web.store,
        web.other_team_id,
        web.other_period_id,
        "Other Manager",
        "elsewhere",
        queued=True,
        kind="resolve",
    )
    page = text(council.get("/admin").text)
    assert (
        "Tiny Contact Desk a solve Chris Doyle (coordinator)" in page and "pattern engine: round 12" in page
    )
    assert "a manager's re-solve Other Manager" in page and "waiting for the cluster" in page
    for job in (running, waiting):
        kept.finish(web.store, job.id, "none", version_id=None, message="")
    assert "Nothing is being solved or waiting" in text(council.get("/admin").text)
