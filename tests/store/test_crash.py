"""A save or an accept killed with SIGKILL leaves the store as before or after, never between."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from roster.store import open_store
from store_helpers import save_empty_version

WRITER = Path(__file__).with_name("crash_writer.py")


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in ("versions", "shifts", "events", "snapshots", "snapshot_files")
            }
    finally:
        engine.dispose()


def _kill_when_ready(url: str, action: str, when: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), url, action, when],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_save_killed_mid_commit_is_all_or_nothing(store_url: str, when: str) -> None:
    with open_store(store_url) as store:
        save_empty_version(store, actor="coordinator")
    before = _counts(store_url)
    _kill_when_ready(store_url, "save", when)
    with open_store(store_url) as store:  # opening rolls back what the killed writer left
        after = _counts(store_url)
        if when == "before":
            assert after == before
        else:
            assert after == {"versions": 2, "shifts": 500, "events": 2, "snapshots": 2, "snapshot_files": 2}
            assert store.version(2).shifts == 500
        # and the store still takes writes
        save_empty_version(store, actor="coordinator")


@pytest.mark.parametrize("when", ["before", "after"])
def test_an_accept_killed_mid_commit_is_all_or_nothing(store_url: str, when: str) -> None:
    with open_store(store_url) as store:
        save_empty_version(store, actor="coordinator")
    _kill_when_ready(store_url, "accept", when)
    with open_store(store_url) as store:
        v = store.version(1)
        actions = [e.action for e in store.events()]
        if when == "before":
            assert (v.status, v.revision, actions) == ("draft", 1, ["create"])
        else:
            assert (v.status, v.revision, actions) == ("accepted", 2, ["create", "accept"])
