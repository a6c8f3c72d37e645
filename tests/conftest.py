"""Shared pytest set-up: makes ``tests/helpers.py`` importable as ``helpers``, and marks tests by
what they need (``browser``, ``postgres``, ``slow``: pyproject.toml registers the markers)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _store_out_of_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``roster solve`` saves every roster in the store (``roster.db`` in the working folder by
    default): the tests' solves go to a throwaway store, never to one in the checkout."""
    os.environ["ROSTER_DB"] = str(tmp_path_factory.mktemp("store") / "roster.db")


pytest_plugins = [
    "databases",  # the store fixtures: SQLite and a real PostgreSQL (tests/databases.py)
    "browser",  # a real server and Debian's Chromium for the end-to-end tests (tests/browser.py)
    "clusters",  # a real Dask cluster: the one CI starts, or one of the test's own (tests/clusters.py)
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, from its fixtures: ``browser`` (Chromium, tests/browser.py)
    and ``postgres`` (the PostgreSQL server, tests/databases.py); a notebook and the solver
    engine's own tests (tests/model/, which solve) are ``slow``."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & {"browser", "chromium_path"}:
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("store_url") == "postgresql"
        if "postgres_server" in names or on_postgres:
            item.add_marker(pytest.mark.postgres)
        path = Path(str(item.path))
        if path.suffix == ".ipynb" or path.is_relative_to(Path(__file__).parent / "model"):
            item.add_marker(pytest.mark.slow)
