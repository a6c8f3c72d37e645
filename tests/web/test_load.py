"""A bounded load on loopback: twelve people of a generated team save their wishes again and again
for a few seconds against the real server (uvicorn), and nothing any of them saved is lost or
half-saved. How fast it answers is measured in benchmarks/web_load.py (fifty people for two
minutes), never in a test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser import LiveServer
from roster.io import save_scenario
from roster.store import open_store
from roster.web import create_app
from roster.web.demo import setup_demo
from web_helpers import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scenarios"))
import generate  # noqa: E402
from web_load import Person, lost_wishes, run_load  # noqa: E402

pytestmark = pytest.mark.slow  # a live server under load: left out of the quick run (pytest -m "not slow")


def test_twelve_people_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    scenario = generate.contact_centre(n_staff=16)
    save_scenario(scenario, tmp_path / "team")
    url = f"sqlite:///{tmp_path / 'roster.db'}"
    with open_store(url) as store:
        demo = setup_demo(store, tmp_path / "team")
        people = [Person(e.id.lower(), e.id) for e in scenario.employees if e.pattern == "self"][:12]
        assert len(people) == 12
        app = create_app(settings=SETTINGS, store=store)
        with LiveServer(app) as server:
            load = run_load(
                server.url,
                people,
                demo.period.team_id,
                demo.period.id,
                list(scenario.service.days),
                seconds=4,
                think=0.1,
            )
    assert load.errors == []
    assert all(p.saves >= 2 for p in people)  # everyone saved, more than once
    assert lost_wishes(url, demo.period.id, load) == []
