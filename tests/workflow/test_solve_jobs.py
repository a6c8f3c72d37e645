"""A manager's minimal-change re-solve as a job on a real Dask cluster: queued in the store with
its edit, claimed and run by a worker process, saved as a new version that keeps the edit and passes
the validator; a re-solve of a version amended since ends with nothing saved and says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checked import assert_version_checked
from roster.domain import SolverSettings
from roster.domain.request import Pin
from roster.store import jobs as kept
from roster.store import open_store
from roster.store.periods import set_period_status
from roster.workflow.periods import open_period, solve_period
from roster.workflow.solve_jobs import dispatch, job_settings, resolve_of
from web_helpers import TINY, job_ended

pytestmark = pytest.mark.slow

SETTINGS = SolverSettings(time_limit=60, workers=1, seed=0, deterministic_time=0.3)


def test_a_re_solve_runs_on_a_cluster_worker_and_a_stale_one_saves_nothing(
    tmp_path: Path, dask_cluster: str
) -> None:
    from distributed import Client

    url = f"sqlite:///{tmp_path / 'roster.db'}"  # a file: the workers are other processes
    with open_store(url) as store, Client(dask_cluster, timeout=30, set_as_default=False) as client:
        period = open_period(store, TINY, "Chris Doyle (coordinator)")
        set_period_status(store, period.id, "closed", actor="Chris Doyle (coordinator)")
        solved = solve_period(store, period.id, "Chris Doyle (coordinator)", SETTINGS, engine="slot")
        assert solved.version is not None
        base = solved.version
        off = Pin(employee_id="T1", date=dt.date(2027, 1, 6), source="the web page")

        def resolve(note: str) -> kept.JobInfo:
            how = job_settings(SETTINGS, "slot", **resolve_of(base.id, base.revision, (off,), note))
            job = kept.start_job(
                store,
                period.team_id,
                period.id,
                "Ayesha Khan (manager)",
                "test",
                queued=True,
                settings=how,
                kind="resolve",
            )
            assert dispatch(client, store) == [job.id]
            return job_ended(store, job.id)

        done = resolve("hospital appointment")
        assert done.state == "done" and done.version_id is not None, done.message
        assert done.owner.endswith(":dask") and f"re-solved from {base.label}" in done.message
        new = store.version(done.version_id)
        assert new.parent_id == base.id and new.source == "re-solve" and "hospital appointment" in new.note
        assert not [s for s in store.roster(new.id).shifts if (s.employee_id, s.date) == ("T1", off.date)]
        assert_version_checked(store, new.id)

        stale = resolve("the same edit again")  # the version read is superseded now
        assert (stale.state, stale.version_id) == ("failed", None)
        assert "changed by someone else" in stale.message and "Nothing was saved" in stale.message
        assert [v.id for v in store.versions(period.team)][-1] == new.id
