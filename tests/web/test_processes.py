"""Several server processes over one store, as a council runs them: real ``roster web`` processes on
loopback, real HTTP clients. A coordinator's solve started on one process is watched and stopped
from another (the best roster kept); a process killed with SIGKILL in the middle of a solve has
its job taken over and finished by the other; ``--processes 2`` serves anyone from any process.

The solve test runs on PostgreSQL, the store a council's several processes share (SQLite serves
several processes of one machine: ``--processes 2`` runs on it). Each process runs with
``--takeover-after 3``: a solve whose process has written nothing for 3 s
is taken over (30 s by default)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from pathlib import Path

import httpx
import pytest

from roster.store import jobs as kept
from roster.store import open_store
from roster.web.demo import setup_demo
from roster.workflow.periods import open_period
from servers import cluster, server, tiny_as
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


def _job(store_url: str, period: int, test: object, seconds: float = 120) -> kept.JobInfo:
    """The period's job once ``test(job)`` holds."""
    deadline = time.monotonic() + seconds
    while True:
        with open_store(store_url) as store:
            job = kept.period_job(store, period)
        if job is not None and test(job):  # type: ignore[operator]
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.3)


def test_solves_run_as_jobs_on_a_dask_cluster_across_server_processes(tmp_path: Path) -> None:
    """Two server processes, one cluster of two workers: a team's two solves run one after the
    other, another team's beside them; a manager on the other process watches and stops one (the
    best roster kept); a worker killed with SIGKILL mid-solve has its job run again and finished."""
    db = f"sqlite:///{tmp_path / 'roster.db'}"
    with open_store(db) as store:
        first = setup_demo(store, TINY).period
        second = open_period(store, tiny_as(tmp_path, "Tiny Contact Desk", "2027-01-25"), "test")
        other = setup_demo(store, tiny_as(tmp_path, "Second Desk", "2027-01-04")).period
    assert first.team_id == second.team_id != other.team_id and first.id != second.id
    with (
        cluster(tmp_path) as address,
        server(db, tmp_path, "--cluster", address) as (_, url_a),
        server(db, tmp_path, "--cluster", address) as (_, url_b),
        contextlib.closing(live_client(url_a, "coordinator")) as coordinator,
        contextlib.closing(live_client(url_b, "manager")) as manager,
    ):
        paths = {p.id: f"/teams/{p.team_id}/periods/{p.id}" for p in (first, second, other)}
        for p in (first, second, other):
            assert _post(coordinator, f"{paths[p.id]}/close").status_code == 303
            r = _post(coordinator, f"{paths[p.id]}/solve")
            assert r.status_code == 303, text(r.text)
        # the first team's solve and the other team's run side by side; the team's second waits
        _until(manager, f"{paths[first.id]}/progress", FIRST)
        _until(manager, f"{paths[other.id]}/progress", FIRST)
        assert "waiting for the cluster" in _until(manager, f"{paths[second.id]}/progress", "waiting")
        assert _job(db, second.id, lambda j: True).state == "queued"
        # the manager stops the first from the other process: its best roster is kept
        assert _post(manager, f"{paths[first.id]}/cancel").status_code == 303
        done = _until(manager, f"{paths[first.id]}/progress", "Solved:")
        assert "stopped by Ayesha Khan (manager)" in done
        # the team's second solve starts now; the worker running the other team's is killed
        _until(manager, f"{paths[second.id]}/progress", FIRST)
        victim = _job(db, other.id, lambda j: j.state == "running")
        os.kill(int(victim.owner.split(":")[1]), signal.SIGKILL)
        again = _job(db, other.id, lambda j: j.attempts == 2 and j.objective is not None, 180)
        assert again.owner != victim.owner
        for p in (second, other):
            assert _post(manager, f"{paths[p.id]}/cancel").status_code == 303
            assert "Solved:" in _until(coordinator, f"{paths[p.id]}/progress", "Solved:")
    with open_store(db) as store:
        ended = [kept.period_job(store, p.id) for p in (first, second, other)]
        assert all(j is not None and j.state == "done" and j.version_id is not None for j in ended), ended
        assert ended[2] is not None and ended[2].attempts == 2
        assert any(
            e.action == "solve" and "on the cluster" in e.detail and "attempt 2" in e.detail
            for e in store.events()
        )
