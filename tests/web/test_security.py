"""The web page's defences, tried as an attacker would, over the whole ASGI stack: a session cookie
copied before sign-out, wrong passwords sent all at once to a real server, a forged form carrying a
bearer token, personal data left in a cache, and ids no database can hold.

The copied cookie and the simultaneous sign-ins go to uvicorn on loopback over real HTTP
connections (``LiveServer``), since what they test (a cookie replayed from another machine, a
race between requests) lives in the server and the store, not in one test client."""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter

import httpx
import pytest

from browser import LiveServer
from roster.store import people as accounts
from roster.store.periods import period
from roster.web.auth import MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_NAME, hash_password
from roster.workflow.publish import publish_on_web
from web_helpers import DEMO_PASSWORD, PARAMS, Web, a_version, call, csrf, live_client, post, routes, text


def _copy(client: httpx.Client, base: str) -> httpx.Client:
    """Another machine holding a copy of ``client``'s cookies (session and form token)."""
    thief = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
    for name in ("roster_session", "csrftoken"):
        thief.cookies.set(name, client.cookies[name])
    return thief


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(web_on_both: Web) -> None:
    web = web_on_both
    with LiveServer(web.app) as server, contextlib.ExitStack() as clients:
        laptop = clients.enter_context(contextlib.closing(live_client(server.url, "t1")))
        # the same person on a second device
        phone = clients.enter_context(contextlib.closing(live_client(server.url, "t1")))
        thief = clients.enter_context(contextlib.closing(_copy(laptop, server.url)))
        assert thief.get("/api/me").status_code == 200  # the copy works while the session lasts
        r = laptop.post("/sign-out", data={"csrftoken": laptop.cookies["csrftoken"]})
        assert r.status_code == 303
        # the copy is dead on every page and endpoint, not just in the browser that signed out
        assert thief.get("/api/me").status_code == 401
        r = thief.get(f"/teams/{web.team_id}")
        assert r.status_code == 303 and r.headers["location"].startswith("/sign-in")
        r = thief.post(
            f"/teams/{web.team_id}/periods/{web.period_id}/wishes",
            data={"csrftoken": thief.cookies["csrftoken"], "revision": "0"},
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/sign-in")
        # signing out on the laptop ended that session only: the phone is still signed in
        assert phone.get("/api/me").status_code == 200
        # a new password ends every session of the person, and every copy of each
        phone_copy = clients.enter_context(contextlib.closing(_copy(phone, server.url)))
        found = accounts.credentials(web.store, "t1")
        assert found is not None
        accounts.set_password_hash(web.store, found[0].id, hash_password("a new password"), end_sessions=True)
        assert phone.get("/api/me").status_code == 401
        assert phone_copy.get("/api/me").status_code == 401
        assert accounts.sessions_of(web.store, found[0].id) == 0  # nothing of them is kept
        # and the new password signs in again
        again = clients.enter_context(contextlib.closing(live_client(server.url, "t1", "a new password")))
        assert again.get("/api/me").status_code == 200


def _wrong_passwords_at_once(base: str, username: str, n: int) -> Counter[int]:
    """``n`` clients each with its own connection, sending a wrong password for ``username`` at
    the same moment (a barrier releases them together); the answers' status codes."""
    clients = []
    for _ in range(n):
        c = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
        c.get("/sign-in")
        clients.append(c)
    barrier = threading.Barrier(n)
    codes: list[int] = []
    lock = threading.Lock()

    def attempt(c: httpx.Client) -> None:
        data = {"username": username, "password": "not-the-password", "csrftoken": c.cookies["csrftoken"]}
        barrier.wait()
        code = c.post("/sign-in", data=data).status_code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    for c in clients:
        c.close()
    return Counter(codes)


@pytest.mark.slow
def test_forty_wrong_passwords_at_once_get_at_most_the_limit_checked(web_on_both: Web) -> None:
    web = web_on_both
    with LiveServer(web.app) as server:
        codes = _wrong_passwords_at_once(server.url, "t1", 40)
        # the count is taken before the password is checked: only the limit's worth are checked
        assert codes == Counter({401: MAX_FAILURES_PER_NAME, 429: 40 - MAX_FAILURES_PER_NAME})
        # the name stays locked for the right password too
        with httpx.Client(base_url=server.url, follow_redirects=False) as c:
            c.get("/sign-in")
            r = c.post(
                "/sign-in",
                data={"username": "t1", "password": DEMO_PASSWORD, "csrftoken": c.cookies["csrftoken"]},
            )
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        # from one address, different names: the address's limit holds the same way
        names = [f"nobody-{i}" for i in range(MAX_FAILURES_PER_ADDRESS + 10)]
        results: list[int] = []
        lock = threading.Lock()
        barrier = threading.Barrier(len(names))

        def one(name: str) -> None:
            with httpx.Client(base_url=server.url, follow_redirects=False, timeout=120) as client:
                client.get("/sign-in")
                data = {"username": name, "password": "x" * 10, "csrftoken": client.cookies["csrftoken"]}
                barrier.wait()
                code = client.post("/sign-in", data=data).status_code
            with lock:
                results.append(code)

        threads = [threading.Thread(target=one, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        # the five already counted for t1 came from this address too
        checked = MAX_FAILURES_PER_ADDRESS - MAX_FAILURES_PER_NAME
        assert Counter(results) == Counter({401: checked, 429: len(names) - checked})


@pytest.mark.slow
def test_a_right_password_is_not_counted_against_the_address(web: Web) -> None:
    # signing in rightly many times from one address (a shared office computer) locks nobody out
    for _ in range(MAX_FAILURES_PER_ADDRESS + 2):
        assert web.client("t1").get("/api/me").status_code == 200


def test_a_bearer_header_does_not_skip_the_form_token_check(web: Web) -> None:
    coordinator = web.client("coordinator")
    csrf(coordinator)  # the csrftoken cookie is there, as in a signed-in browser
    url = f"/teams/{web.team_id}/periods/{web.period_id}/close"
    for header in ("Bearer x", "bearer x", "Basic eDp5"):
        r = coordinator.post(url, data={}, headers={"Authorization": header})
        assert r.status_code == 403 and "came from another site" in text(r.text), header
    r = coordinator.put(
        f"/api/teams/{web.team_id}/periods/{web.period_id}/wishes/T1",
        json={"revision": 0, "days": [], "standing": []},
        headers={"Authorization": "Bearer x"},
    )
    assert r.status_code == 403
    assert period(web.store, web.period_id).status == "open"
    # and the header does not sign anyone in: without the session it is a request from nobody
    anonymous = web.client()
    assert anonymous.get("/api/me", headers={"Authorization": "Bearer x"}).status_code == 401
    # with the token the same form goes through
    assert post(coordinator, url).status_code == 303  # type: ignore[attr-defined]
    assert period(web.store, web.period_id).status == "closed"


def test_personal_data_is_never_kept_in_a_cache(web: Web) -> None:
    manager = web.client("manager")
    version = a_version(web)
    web.store.set_status(version.id, version.revision, "accepted", actor="test", action="accept")
    publish_on_web(web.store, version.id, "test")
    t1 = web.client("t1")
    roster_page = t1.get(f"/teams/{web.team_id}/roster")
    token = roster_page.text.split("/calendar/")[1].split(".ics")[0]
    answers = {
        "calendar download": t1.get(f"/teams/{web.team_id}/calendar.ics"),
        "subscription address": web.client().get(f"/calendar/{token}.ics"),
        "/api/me": t1.get("/api/me"),
        "API periods": t1.get(f"/api/teams/{web.team_id}/periods"),
        "API wishes": t1.get(f"/api/teams/{web.team_id}/periods/{web.period_id}/wishes/T1"),
        "API versions": manager.get(f"/api/teams/{web.team_id}/versions"),
        "API version": manager.get(f"/api/teams/{web.team_id}/versions/{version.id}"),
        "API refusal": web.client().get("/api/me"),
        "API not found": t1.get(f"/api/teams/{web.team_id}/versions/{version.id + 99}"),
        "roster page": roster_page,
        "wishes page": t1.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes"),
    }
    for what, r in answers.items():
        assert r.status_code in (200, 401, 403, 404), (what, r.status_code)
        assert r.headers.get("cache-control") == "no-store", (what, r.headers.get("cache-control"))
    # the page's own scripts and styles may be cached: they hold nothing personal
    assert web.client().get("/static/style.css").headers.get("cache-control") != "no-store"


@pytest.mark.parametrize("big", [str(10**19), str(2**63), str(2**63 - 1), str(2**31), "0", "-1"])
def test_an_id_no_database_can_hold_is_not_found(web_on_both: Web, big: str) -> None:
    web = web_on_both
    ids = {
        "team_id": str(web.team_id),
        "period_id": str(web.period_id),
        "version_id": "1",
        "employee_id": "T1",
        "day": "2027-01-06",
        "user_id": "1",
        "swap_id": "1",
        "volunteer_id": "1",
        "job_id": "1",
    }
    manager = web.client("manager")
    with_ids = [
        (m, p) for m, p in routes(web) if re.search(r"{(team|period|version|user|swap|volunteer|job)_id}", p)
    ]
    assert len(with_ids) >= 25
    tried = 0
    for method, template in with_ids:
        for name in ("team_id", "period_id", "version_id", "user_id", "swap_id", "volunteer_id", "job_id"):
            if "{" + name + "}" not in template:
                continue
            path = PARAMS.sub(lambda m, n=name: big if m.group(1) == n else ids[m.group(1)], template)
            r = call(manager, method, path)
            assert r.status_code == 404, (method, path, r.status_code)  # type: ignore[attr-defined]
            tried += 1
    assert tried >= 35
