"""Solve jobs in the store (SQLite and PostgreSQL): one running solve a period, stops asked from
anywhere, and jobs whose process stopped taken over once, by one process, a bounded number of times."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from roster.store import StoreError, open_store
from roster.store import jobs as kept
from roster.store.schema import SolveJobRow
from roster.web.config import SolveSettings
from roster.web.jobs import Jobs
from roster.workflow.periods import open_period
from web_helpers import TINY


def _stale(store: object, job_id: int) -> None:
    with store.transaction() as s:  # type: ignore[attr-defined]
        s.execute(
            update(SolveJobRow)
            .where(SolveJobRow.id == job_id)
            .values(heartbeat_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        )


def test_one_running_solve_a_period_and_a_stop_from_anywhere(store_url: str) -> None:
    with open_store(store_url) as store:
        info = open_period(store, TINY, "test")
        job = kept.start_job(store, info.team_id, info.id, "Chris", "server-a")
        with pytest.raises(StoreError, match="already running \\(started by Chris"):
            kept.start_job(store, info.team_id, info.id, "Ayesha", "server-b")
        assert kept.beat(store, job.id, "server-a", stage="building") is None
        assert kept.request_cancel(store, info.id, "Ayesha") and not kept.request_cancel(store, info.id, "Bo")
        assert kept.beat(store, job.id, "server-a") == "Ayesha"  # the running process reads it
        kept.finish(store, job.id, "done", version_id=None, message="stopped")
        again = kept.start_job(store, info.team_id, info.id, "Chris", "server-a")  # once it has ended
        assert again.id != job.id and kept.period_job(store, info.id) == again


def test_a_job_whose_process_stopped_is_taken_over_once_and_at_most_three_times(store_url: str) -> None:
    with open_store(store_url) as store:
        info = open_period(store, TINY, "test")
        job = kept.start_job(store, info.team_id, info.id, "Chris", "server-a")
        assert kept.orphans(store) == []  # its heartbeat is fresh
        _stale(store, job.id)
        assert [o.id for o in kept.orphans(store)] == [job.id]
        taken = kept.claim(store, job.id, "server-b")
        assert taken is not None and taken.owner == "server-b" and taken.attempts == 2
        assert kept.claim(store, job.id, "server-c") is None  # one process takes it
        # the old process's writes no longer count
        kept.beat(store, job.id, "server-a", stage="late")
        assert kept.job(store, job.id).stage == "starting again"
        with store.transaction() as s:
            s.execute(update(SolveJobRow).where(SolveJobRow.id == job.id).values(attempts=kept.MAX_ATTEMPTS))
        _stale(store, job.id)
        jobs = Jobs(store, SolveSettings(time_limit=10, deterministic_time=0.1), watch=False)
        assert jobs.recover() == []
        failed = kept.job(store, job.id)
        assert failed.state == "failed" and f"stopped {kept.MAX_ATTEMPTS} times" in failed.message


def test_queued_jobs_run_one_a_team_and_a_dead_workers_job_is_claimed_again(
    store_url: str, tmp_path: object
) -> None:
    from servers import tiny_as

    with open_store(store_url) as store:
        first = open_period(store, TINY, "test")
        later = open_period(store, tiny_as(tmp_path, "Tiny Contact Desk", "2027-01-25"), "test")  # type: ignore[arg-type]
        a = kept.start_job(store, first.team_id, first.id, "Chris", "server", queued=True, settings="{}")
        b = kept.start_job(store, later.team_id, later.id, "Chris", "server", queued=True, settings="{}")
        assert (a.state, a.attempts, b.state) == ("queued", 0, "queued")
        assert [j.id for j in kept.next_queued(store)] == [a.id]  # the team's oldest
        mine = kept.claim_queued(store, a.id, "worker-1")
        assert mine is not None and (mine.state, mine.attempts, mine.owner) == ("running", 1, "worker-1")
        assert kept.claim_queued(store, a.id, "worker-2") is None  # its heartbeat is fresh
        assert kept.claim_queued(store, b.id, "worker-2") is None  # one running job a team
        assert kept.next_queued(store) == []
        _stale(store, a.id)  # worker-1 died: the cluster runs the task again elsewhere
        again = kept.claim_queued(store, a.id, "worker-2")
        assert again is not None and (again.attempts, again.owner) == (2, "worker-2")
        kept.finish(store, a.id, "done", version_id=None, message="")
        assert [j.id for j in kept.next_queued(store)] == [b.id]
        assert kept.request_cancel(store, later.id, "Ayesha") is False  # queued: ended at once
        assert kept.job(store, b.id).state == "none" and "before it started" in kept.job(store, b.id).message
