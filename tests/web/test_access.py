"""People and access: sign-in, sessions, the rate limit, CSRF, roles, and one team seeing nothing of another.

The isolation test walks every route the application has (pages and JSON endpoints alike), so a
page added later is covered without a new test: each is asked, by people of the other team, for
this team's ids (and for their own team's path with this team's ids), and must answer "not found"."""

from __future__ import annotations

import pytest

from roster.store import people as accounts
from roster.web.auth import MAX_FAILURES_PER_NAME, hash_password
from web_helpers import (
    PARAMS,
    Web,
    a_plan,
    a_swap,
    a_version,
    a_volunteer,
    call,
    csrf,
    post,
    routes,
    sign_in,
    text,
)


def test_every_team_route_is_not_found_for_another_teams_people(web_on_both: Web) -> None:
    web = web_on_both
    version = a_version(web).id
    ids = {
        "team_id": web.team_id,
        "period_id": web.period_id,
        "version_id": version,
        "employee_id": "T1",
        "day": "2027-01-06",
        "user_id": accounts.credentials(web.store, "t1")[0].id,  # type: ignore[index]
        "swap_id": a_swap(web),
        "volunteer_id": a_volunteer(web),
        "job_id": a_plan(web),
    }
    team_routes = [(m, p) for m, p in routes(web) if "{team_id}" in p]
    assert len(team_routes) >= 25  # pages and JSON endpoints of a team
    for who in ("other-manager", "o1"):
        client = web.client(who)
        for method, template in team_routes:
            # this team's path and ids
            path = PARAMS.sub(lambda m: str(ids[m.group(1)]), template)
            r = call(client, method, path)
            assert r.status_code == 404, (who, method, path, r.status_code)  # type: ignore[attr-defined]
            # their own team's path with this team's period, version or person id
            if any(
                f"{{{k}}}" in template
                for k in ("period_id", "version_id", "user_id", "swap_id", "volunteer_id", "job_id")
            ):
                own = PARAMS.sub(
                    lambda m: str(web.other_team_id if m.group(1) == "team_id" else ids[m.group(1)]), template
                )
                r = call(client, method, own)
                assert r.status_code == 404, (who, method, own, r.status_code)  # type: ignore[attr-defined]
    # and the guessed id of a team that does not exist at all
    r = web.client("t1").get("/teams/999/roster")
    assert r.status_code == 404 and "no such page in your teams" in text(r.text)


def test_without_a_session_pages_ask_to_sign_in_and_the_api_says_401(web: Web) -> None:
    anonymous = web.client()
    page = anonymous.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes")
    assert page.status_code == 303
    assert page.headers["location"] == f"/sign-in?next=/teams/{web.team_id}/periods/{web.period_id}/wishes"
    api = anonymous.get("/api/me")
    assert api.status_code == 401 and api.json()["error"] == "Please sign in"


def test_each_role_reaches_its_own_pages_only(web: Web) -> None:
    t1, coordinator, manager = web.client("t1"), web.client("coordinator"), web.client("manager")
    period = f"/teams/{web.team_id}/periods/{web.period_id}"
    assert t1.get(period).status_code == 403
    assert "for the rota coordinators and managers" in text(t1.get(period).text)
    assert coordinator.get(period).status_code == 200 and manager.get(period).status_code == 200
    version = a_version(web).id
    r = post(coordinator, f"/teams/{web.team_id}/versions/{version}/accept", {"revision": "0"})
    assert r.status_code == 403 and "Only a manager" in text(r.text)  # type: ignore[attr-defined]
    assert web.store.version(version).status == "draft"
    assert coordinator.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes").status_code == 404
    # opening the next period is the coordinator's work too (from an accepted roster only), not staff's
    assert post(t1, f"/teams/{web.team_id}/versions/{version}/next").status_code == 403  # type: ignore[attr-defined]
    r = post(coordinator, f"/teams/{web.team_id}/versions/{version}/next")
    assert r.status_code == 422 and "starts from an accepted roster" in text(r.text)  # type: ignore[attr-defined]


def test_a_form_without_its_token_is_refused_and_changes_nothing(web: Web) -> None:
    coordinator = web.client("coordinator")
    r = coordinator.post(f"/teams/{web.team_id}/periods/{web.period_id}/close", data={})
    assert r.status_code == 403 and "came from another site" in text(r.text)
    r = coordinator.post(f"/teams/{web.team_id}/periods/{web.period_id}/close", data={"csrftoken": "forged"})
    assert r.status_code == 403
    from roster.store.periods import period

    assert period(web.store, web.period_id).status == "open"
    # a sign-in from another site is refused too (no login CSRF), even without any cookie
    fresh = web.client()
    r = fresh.post("/sign-in", data={"username": "t1", "password": "roster-demo"})
    assert r.status_code == 403


def test_repeated_wrong_passwords_lock_the_name_for_a_while(web: Web) -> None:
    client = web.client()
    for _ in range(MAX_FAILURES_PER_NAME):
        client.get("/sign-in")
        r = client.post(
            "/sign-in", data={"username": "t1", "password": "wrong-password", "csrftoken": csrf(client)}
        )
        assert r.status_code == 401 and "not right" in text(r.text)
    r = client.post("/sign-in", data={"username": "t1", "password": "roster-demo", "csrftoken": csrf(client)})
    assert r.status_code == 429 and "Too many failed sign-ins" in text(r.text) and r.headers["Retry-After"]
    # another user is not locked by it
    other = web.client()
    sign_in(other, "t2")


def test_signing_out_and_a_new_password_end_sessions(web: Web) -> None:
    laptop, phone = web.client("t1"), web.client("t1")
    assert post(laptop, "/sign-out").status_code == 303  # type: ignore[attr-defined]
    # "/" sends a signed-out browser to the sign-in page and a signed-in one to its team
    out, still_in = laptop.get("/"), phone.get("/")
    assert out.status_code == 303 and out.headers["location"].startswith("/sign-in")
    assert still_in.status_code == 303 and still_in.headers["location"] == f"/teams/{web.team_id}"
    found = accounts.credentials(web.store, "t1")
    assert found is not None
    accounts.set_password_hash(web.store, found[0].id, hash_password("a new password"), end_sessions=True)
    r = phone.get(f"/teams/{web.team_id}")
    assert r.status_code == 303 and r.headers["location"].startswith("/sign-in")
    sign_in(phone, "t1", "a new password")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_signing_in_never_sends_a_person_to_another_site(web: Web, target: str) -> None:
    client = web.client()
    client.get("/sign-in")
    r = client.post(
        "/sign-in",
        data={"username": "t1", "password": "roster-demo", "csrftoken": csrf(client), "next": target},
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
