"""Shared pytest set-up: makes ``tests/helpers.py`` importable as ``helpers``."""

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
]
