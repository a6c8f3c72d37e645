"""The web page's fixtures: two teams in one store, and the real application over it (web_helpers.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from loopback import free_port
from roster.store import open_store
from roster.store import people as accounts
from roster.web import create_app
from roster.web.auth import hash_password
from roster.web.demo import setup_demo
from roster.workflow.periods import open_period
from web_helpers import DEMO_PASSWORD, OTHER_TEAM, SETTINGS, TINY, Inbox, Web, other_scenario


@contextlib.contextmanager
def _two_teams(store_url: str, tmp_path: Path) -> Iterator[Web]:
    store = open_store(store_url)
    demo = setup_demo(store, TINY)
    other = open_period(store, other_scenario(tmp_path), "test set-up")
    hashed = hash_password(DEMO_PASSWORD)
    boss = accounts.add_user(store, "other-manager", "Other Manager", hashed)
    accounts.grant(store, boss.id, OTHER_TEAM, "manager")
    o1 = accounts.add_user(store, "o1", "Other One", hashed)
    accounts.grant(store, o1.id, OTHER_TEAM, "employee", "T1")
    app = create_app(settings=SETTINGS, store=store)
    try:
        yield Web(store, app, demo.period.team_id, demo.period.id, other.team_id, other.id)
    finally:
        assert app.fastapi is not None
        app.fastapi.state.jobs.shutdown()
        store.close()


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """The two teams on a SQLite store: what the page does does not depend on the database (the
    store's own tests run on both)."""
    with _two_teams(f"sqlite:///{tmp_path / 'roster.db'}", tmp_path) as made:
        yield made


@pytest.fixture
def web_on_both(store_url: str, tmp_path: Path) -> Iterator[Web]:
    """The two teams on SQLite and on PostgreSQL, for the page's main paths."""
    with _two_teams(store_url, tmp_path) as made:
        yield made


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on loopback (aiosmtpd in a thread): its inbox and its port."""
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
