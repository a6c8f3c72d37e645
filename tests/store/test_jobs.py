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
