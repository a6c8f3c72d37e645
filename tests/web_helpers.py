"""The web page's test helpers (the fixtures are in tests/web/conftest.py): two teams in one store,
and signed-in clients of the real application.

Team one is ``scenarios/tiny`` with the demo accounts (``manager``, ``coordinator``, ``t1``..``t5``);
team two is the same scenario under another name with its own accounts (``other-manager``,
``o1``): what one team's people may reach of the other is what the isolation tests check.
Every client is Starlette's TestClient over the whole ASGI stack (guard, CSRF, sessions)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from html import unescape
from pathlib import Path

import httpx
from starlette.routing import Route
from starlette.testclient import TestClient

from roster.domain import Roster, Shift
from roster.store import Store, VersionInfo, volunteers
from roster.store import swaps as kept
from roster.store.jobs import JobInfo, job
from roster.validation import validate
from roster.web import WebSettings
from roster.web.demo import DEMO_PASSWORD
from roster.web.jobs import SolveSettings
from roster.workflow import accept, publish_on_web
from roster.workflow.periods import period_files
from roster.workflow.review import scenario_of
from store_helpers import save_empty_version, tiny_roster

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "scenarios" / "tiny"
OTHER_TEAM = "Other Desk"

SETTINGS = WebSettings(
    solve=SolveSettings(time_limit=120, workers=2, seed=0, deterministic_time=1.0), amend_time_limit=120
)
"""Tests always set the solver's budget and workers: 1 deterministic second, 2 threads; the wall
clock (120 s) is only a guard, far enough not to end a solve on a busy machine."""


def other_scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "other"
    shutil.copytree(TINY, folder)
    service = folder / "service.yaml"
    service.write_text(service.read_text().replace("Tiny Contact Desk", OTHER_TEAM))
    return folder


@dataclass
class Web:
    store: Store
    app: object
    team_id: int
    period_id: int
    other_team_id: int
    other_period_id: int

    def client(self, username: str | None = None, password: str = DEMO_PASSWORD) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)  # type: ignore[arg-type]
        if username is not None:
            sign_in(client, username, password)
        return client


def live_client(base: str, username: str, password: str = DEMO_PASSWORD) -> httpx.Client:
    """A client of a live server (real HTTP on loopback), signed in through the sign-in form."""
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
    client.get("/sign-in")
    r = client.post(
        "/sign-in",
        data={
            "username": username,
            "password": password,
            "next": "/",
            "csrftoken": client.cookies["csrftoken"],
        },
    )
    assert r.status_code == 303, r.text
    return client


def csrf(client: TestClient) -> str:
    token = client.cookies.get("csrftoken")
    if token is None:
        client.get("/sign-in")
        token = client.cookies.get("csrftoken")
    assert token
    return token


def sign_in(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> None:
    client.get("/sign-in")
    r = client.post(
        "/sign-in", data={"username": username, "password": password, "csrftoken": csrf(client), "next": "/"}
    )
    assert r.status_code == 303, r.text


def post(client: TestClient, url: str, data: dict[str, str] | None = None) -> object:
    return client.post(url, data={**(data or {}), "csrftoken": csrf(client)})


def text(html: str) -> str:
    """A page's visible words on one line (tags dropped), for assertions about what a person reads."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def publish_tiny(web: Web) -> int:
    """Tiny's solved roster saved, accepted and published for team one; its version id."""
    files = period_files(web.store, web.period_id)
    first = web.store.save(
        "Tiny Contact Desk",
        files,
        dt.date(2027, 1, 4),
        3,
        tiny_roster(),
        actor="test",
        source="solve",
        objective=0,
        hard_violations=0,
    )
    sc = scenario_of(web.store, first.id)
    assert not validate(sc, tiny_roster()).hard_violations
    accept(web.store, first.id, "Ayesha Khan (manager)")
    publish_on_web(web.store, first.id, "Ayesha Khan (manager)")
    return first.id


def a_plan(web: Web) -> int:
    """A year plan of team one waiting for a cluster (its id): this store has none, so it waits."""
    from roster.store import jobs as kept

    job = kept.start_job(web.store, web.team_id, None, "test", "test", queued=True, kind="plan")
    return job.id


def a_swap(web: Web) -> int:
    """An offer of T1's shift on Wednesday 6 January in team one (its id): a published roster of
    that one shift (accepted with a reason: it is no real roster), and the offer on it."""
    day = dt.date(2027, 1, 6)
    shift = Shift(
        employee_id="T1",
        date=day,
        start=dt.datetime(2027, 1, 6, 9),
        end=dt.datetime(2027, 1, 6, 17),
        break_start=dt.datetime(2027, 1, 6, 13),
        break_end=dt.datetime(2027, 1, 6, 13, 30),
    )
    saved = web.store.save(
        "Tiny Contact Desk",
        period_files(web.store, web.period_id),
        dt.date(2027, 1, 4),
        3,
        Roster(shifts=(shift,)),
        actor="test",
        source="solve",
        objective=0,
        hard_violations=0,
    )
    accept(web.store, saved.id, "test", override_reason="a test roster of one shift")
    publish_on_web(web.store, saved.id, "test")
    return kept.add_offer(web.store, saved.id, day, "T1", None, "", actor="test", detail="test").id


def a_volunteer(web: Web) -> int:
    """A volunteer (its id) of T3 for Wednesday's revenues shift on team one's published roster."""
    v = publish_short(web)
    key = (dt.date(2027, 1, 6), 630, 870, "revenues")
    return volunteers.add_volunteer(web.store, v, key, "T3", "", actor="test", detail="test").id


def publish_short(web: Web, toil: bytes | None = None) -> int:
    """Tiny's solved roster with Asha (T1) off sick on Wednesday 6 January and her shift out (the
    revenues minimum 10:30-14:30 and the team's 08:30-09:30 short: open shifts), accepted and
    published for team one; its version id. ``toil``: a ``toil.csv`` for the scenario."""
    files = period_files(web.store, web.period_id)
    files["leave.csv"] = files["leave.csv"].rstrip(b"\n") + b"\nT1,2027-01-06,2027-01-06,,,sick\n"
    if toil is not None:
        files["toil.csv"] = toil
    roster = Roster(
        shifts=tuple(
            s for s in tiny_roster().shifts if (s.employee_id, s.date) != ("T1", dt.date(2027, 1, 6))
        )
    )
    saved = web.store.save(
        "Tiny Contact Desk",
        files,
        dt.date(2027, 1, 4),
        3,
        roster,
        actor="test",
        source="solve",
        objective=0,
        hard_violations=0,
    )
    accept(web.store, saved.id, "Ayesha Khan (manager)", override_reason="Asha is off sick")
    publish_on_web(web.store, saved.id, "Ayesha Khan (manager)")
    return saved.id


def a_version(web: Web) -> VersionInfo:
    """A draft version of team one's period (an empty roster: enough to find, refuse or show)."""
    return save_empty_version(web.store, "Tiny Contact Desk", period_files(web.store, web.period_id))


PARAMS = re.compile(r"{(\w+)}")


def routes(web: Web) -> list[tuple[str, str]]:
    """(method, path template) of every route of the application but the static files."""
    assert web.app.fastapi is not None  # type: ignore[attr-defined]
    out: list[tuple[str, str]] = []

    def walk(routes: list[object]) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)  # an included router: its own routes
            if inner is not None:
                walk(inner.routes)
            elif isinstance(route, Route) and not route.path.startswith(("/static", "/openapi")):
                out.extend((m, route.path) for m in sorted(route.methods or ()) if m != "HEAD")

    walk(web.app.fastapi.routes)  # type: ignore[attr-defined]
    return out


def call(client: object, method: str, path: str) -> object:
    assert isinstance(client, TestClient)
    headers = {"x-csrftoken": csrf(client)}
    if method == "GET":
        return client.get(path)
    if path.startswith("/api/") and method in ("PUT", "POST"):
        return client.request(method, path, json={"revision": 0, "days": [], "standing": []}, headers=headers)
    return client.request(method, path, data={"csrftoken": headers["x-csrftoken"]}, headers=headers)


class Inbox:
    """aiosmtpd's handler: every message the server accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type, attr-defined]
        return "250 Message accepted for delivery"


def job_ended(store: Store, job_id: int, seconds: float = 180) -> JobInfo:
    """The job once it has ended, read again from the store every 0.2 s (a test fails after
    ``seconds``)."""
    deadline = time.monotonic() + seconds
    while (info := job(store, job_id)).running:
        assert time.monotonic() < deadline, info
        time.sleep(0.2)
    return info
