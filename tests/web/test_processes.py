"""Several server processes over one store, as a council runs them: real ``roster web`` processes on
loopback, real HTTP clients. A coordinator's solve started on one process is watched and stopped
from another (the best roster kept); a process killed with SIGKILL in the middle of a solve has
its job taken over and finished by the other; ``--processes 2`` serves anyone from any process.

The solve test runs on PostgreSQL, the store a council's several processes share (SQLite serves
several processes of one machine: ``--processes 2`` runs on it), with solves in the server's own
threads (``--cluster none``). Each process runs with ``--takeover-after 3``: a solve whose process
has written nothing for 3 s is taken over (30 s by default). Solves on a Dask cluster across two
server processes are walked through in Chromium (``tests/web/test_browser.py``); ``--processes 2``
here starts the default cluster of this machine."""

from __future__ import annotations

import contextlib
import re
import signal
import time
from pathlib import Path

import httpx
import pytest

from roster.store import jobs as kept
from roster.store import open_store
from roster.web.demo import setup_demo
from servers import server
from web_helpers import TINY, live_client, text

pytestmark = pytest.mark.slow  # solves in server processes: left out of the quick run

FIRST = r"\d s best [\d,]+"
"""The progress line once a first roster exists (not the stop button's "keep the best roster")."""


def _post(client: httpx.Client, path: str) -> httpx.Response:
    return client.post(path, data={"csrftoken": client.cookies["csrftoken"]})


def _until(client: httpx.Client, path: str, words: str, seconds: float = 120) -> str:
    """The progress line at ``path`` once it matches ``words`` (a regular expression)."""
    deadline = time.monotonic() + seconds
    while True:
        seen = text(client.get(path, headers={"hx-request": "true"}).text)
        if re.search(words, seen):
            return seen
        assert time.monotonic() < deadline, seen
        time.sleep(0.3)


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # a council's store
def test_a_solve_is_watched_stopped_and_taken_over_across_server_processes(
    store_url: str, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        demo = setup_demo(store, TINY)
    team, period = demo.period.team_id, demo.period.id
    base = f"/teams/{team}/periods/{period}"
    with (
        server(store_url, tmp_path, "--cluster", "none") as (a, url_a),
        server(store_url, tmp_path, "--cluster", "none") as (_, url_b),
        contextlib.closing(live_client(url_a, "coordinator")) as coordinator,
        contextlib.closing(live_client(url_b, "manager")) as manager,
    ):
        assert _post(coordinator, f"{base}/close").status_code == 303
        assert _post(coordinator, f"{base}/solve").status_code == 303
        # the manager, on the other process, sees the solve's progress and stops it there
        _until(manager, f"{base}/progress", FIRST)
        assert _post(manager, f"{base}/cancel").status_code == 303
        done = _until(manager, f"{base}/progress", "Solved:")
        assert "stopped by Ayesha Khan (manager)" in done
        assert "Solved:" in _until(coordinator, f"{base}/progress", "Solved:")  # and the first process agrees

        # a second solve on the first process, which is then killed hard in the middle of it
        assert _post(coordinator, f"{base}/solve").status_code == 303
        _until(manager, f"{base}/progress", FIRST)
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=30)
        with open_store(store_url) as store:
            deadline = time.monotonic() + 60
            while True:  # the other process takes it over once its heartbeat has stopped for 3 s
                job = kept.period_job(store, period)
                assert job is not None
                if job.attempts == 2 and job.objective is not None:
                    break
                assert time.monotonic() < deadline, job
                time.sleep(0.3)
        assert _post(manager, f"{base}/cancel").status_code == 303
        _until(manager, f"{base}/progress", "Solved:")
        with open_store(store_url) as store:
            job = kept.period_job(store, period)
            assert (
                job is not None and job.state == "done" and job.attempts == 2 and job.version_id is not None
            )
            assert any(e.action == "solve" and "attempt 2" in e.detail for e in store.events())


def test_processes_2_serves_anyone_from_any_process(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'roster.db'}"
    with open_store(db) as store:
        setup_demo(store, TINY)
    with server(db, tmp_path, "--processes", "2") as (proc, url):
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        deadline = time.monotonic() + 30
        while len(children.read_text().split()) < 2:
            assert time.monotonic() < deadline, children.read_text()
            time.sleep(0.2)
        with contextlib.ExitStack() as stack:
            clients = [
                stack.enter_context(contextlib.closing(live_client(url, f"t{k}"))) for k in range(1, 6)
            ]
            for _ in range(4):  # each connection anew: the processes take turns, sessions live in the store
                for c in clients:
                    with httpx.Client(base_url=url, cookies=c.cookies, timeout=30) as fresh:
                        r = fresh.get("/account")
                        assert r.status_code == 200 and "Your account" in r.text
