"""Solves started from the web page: jobs in the store, run on a Dask cluster or in a server's thread.

A coordinator's solve is a row of the store (:mod:`roster.store.jobs`), run by
:mod:`roster.workflow.solve_jobs`: whoever runs it writes its stage and progress there with a
heartbeat every second, so **every** server process over the same store shows the same progress
line (what the engine is doing before its first roster, then elapsed time, best objective, bound
and gap). Stopping, from any process, is a request in the store that the runner reads at its next
heartbeat: the search ends and the best roster found so far is saved, as Ctrl-C does for
``roster solve``.

* With a **cluster** (``roster web --cluster``: a Dask scheduler's address, or a local cluster
  started with the server), a solve is queued and submitted to the cluster as a task that
  outlives the request and the server (``fire_and_forget``, under the job's own key): a team's
  solves run one at a time, different teams' side by side up to the cluster's workers; a worker
  that dies mid-solve has its task run again by the scheduler on another worker. A job whose
  task was lost (the scheduler restarted) is submitted again by the server's watcher.
* Without one, a solve runs in a thread of the server process that was asked (the solver's own
  threads do the work; the page stays responsive). A job whose process stopped hard (its
  heartbeat gone for half a minute) is taken over and run again by another server process.

Either way a job that lost its runner :data:`~roster.store.jobs.MAX_ATTEMPTS` times is failed
with a message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
from dataclasses import dataclass
from typing import Any

from roster.domain import ProgressPoint, SolverSettings
from roster.store import Store
from roster.store import jobs as kept
from roster.store.jobs import JobInfo
from roster.web.config import SolveSettings
from roster.workflow.solve_jobs import RunningJob, dispatch, help_of, job_settings, run_job, submit

log = logging.getLogger("roster.web")


@dataclass(frozen=True)
class SolveJob:
    """A solve as the store has it now (read afresh on each call of :meth:`Jobs.get`)."""

    info: JobInfo

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def period_id(self) -> int | None:
        return self.info.period_id

    @property
    def kind(self) -> str:
        """``solve`` (the period's wishes) or ``resolve`` (a manager's edit re-solved)."""
        return self.info.kind

    @property
    def state(self) -> str:
        """``running``, ``done`` (a roster was saved), ``none`` (no roster found) or ``failed``."""
        return self.info.state

    @property
    def running(self) -> bool:
        return self.info.running

    @property
    def started_by(self) -> str:
        return self.info.requested_by

    @property
    def started_at(self) -> dt.datetime:
        return self.info.started_at

    @property
    def finished_at(self) -> dt.datetime | None:
        return self.info.finished_at

    @property
    def version_id(self) -> int | None:
        return self.info.version_id

    @property
    def message(self) -> str:
        return self.info.message

    @property
    def found(self) -> dict[str, Any] | None:
        """What a ``help`` job found (its table), or a plan's or sweep's tables, once it has."""
        return json.loads(self.info.result) if self.info.result else None

    @property
    def cancelled_by(self) -> str | None:
        return self.info.cancel_requested_by

    @property
    def stage(self) -> str:
        return self.info.stage

    @property
    def point(self) -> ProgressPoint | None:
        i = self.info
        if i.objective is None or i.seconds is None:
            return None
        return ProgressPoint(seconds=i.seconds, objective=i.objective, bound=i.bound)

    def line(self) -> str:
        """The progress line, as ``roster solve`` prints it."""
        p = self.point
        if p is None:
            elapsed = (dt.datetime.now(dt.UTC) - self.started_at).total_seconds()
            return f"{elapsed:5.0f} s  {self.stage}"
        text = f"{p.seconds:5.0f} s  best {p.objective:,.0f}"
        if p.bound is not None:
            gap = abs(p.objective - p.bound) / max(1.0, abs(p.objective))
            text += f"  bound {p.bound:,.0f}  gap {gap:.1%}"
        return text


class Jobs:
    """The solves of the teams on this store: started here, shown and stopped from any process."""

    def __init__(
        self,
        store: Store,
        settings: SolveSettings,
        *,
        takeover: float = kept.STALE,
        watch: bool = True,
        cluster: str | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.takeover = takeover
        """Seconds without a heartbeat after which a job has lost its runner."""
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.cluster = cluster
        """A Dask scheduler's address: solves run there; None: in this process's threads."""
        self._client: Any = None
        self._running: dict[int, RunningJob] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._closing = threading.Event()
        if watch:  # jobs that lost their runner: now, and every third of ``takeover``
            self.recover()
            watcher = threading.Thread(target=self._watch, name="roster-web-takeover", daemon=True)
            self._threads.append(watcher)
            watcher.start()

    def _watch(self) -> None:
        while not self._closing.wait(self.takeover / 3):
            try:
                self.recover()
            except Exception:  # a store or cluster hiccup: the next look tries again
                log.exception("looking for solves that lost their runner failed")

    def get(self, period_id: int) -> SolveJob | None:
        found = kept.period_job(self.store, period_id)
        return SolveJob(found) if found is not None else None

    def start(self, period_id: int, team_id: int, actor: str) -> SolveJob:
        """Start a solve of the period (:class:`StoreError` when one is queued or running anywhere)."""
        how = job_settings(self.settings.solver(), self.settings.engine)
        return self._start(period_id, team_id, actor, how, "solve")

    def resolve(
        self,
        period_id: int,
        team_id: int,
        actor: str,
        edit: dict[str, Any],
        solver: SolverSettings,
    ) -> SolveJob:
        """Start a manager's minimal-change re-solve of a version of the period (``edit``: what
        :func:`~roster.workflow.solve_jobs.resolve_of` makes), as a job like a solve: one a period,
        its progress on the period's page, stopped from any process."""
        how = job_settings(solver, self.settings.engine, **edit)
        return self._start(period_id, team_id, actor, how, "resolve")

    def help(
        self, period_id: int, team_id: int, actor: str, version_id: int, solver: SolverSettings
    ) -> SolveJob:
        """Start looking for what would close the gap in the version's cover (a job of its period,
        each change verified by a re-solve with ``solver``)."""
        how = job_settings(solver, self.settings.engine, **help_of(version_id))
        return self._start(period_id, team_id, actor, how, "help", version_id)

    def about(self, version_id: int, kind: str) -> SolveJob | None:
        """The latest job of ``kind`` about the version (``help``)."""
        found = kept.version_job(self.store, version_id, kind)
        return SolveJob(found) if found is not None else None

    def start_team(
        self,
        team_id: int,
        actor: str,
        kind: str,
        asked: dict[str, Any],
        files: dict[str, bytes],
        solver: SolverSettings,
    ) -> SolveJob:
        """Start a job of the team (``plan`` or ``sweep``: what
        :func:`~roster.workflow.team_jobs.plan_job` or :func:`~roster.workflow.team_jobs.sweep_job`
        made), run like a solve: on the cluster, or in a thread here."""
        how = job_settings(solver, self.settings.engine, **asked)
        return self._start(None, team_id, actor, how, kind, files=files)

    def job(self, job_id: int) -> SolveJob:
        """A job as the store has it now (:class:`StoreError` when there is none of that id)."""
        return SolveJob(kept.job(self.store, job_id))

    def stop(self, job_id: int, actor: str) -> SolveJob:
        """Ask the job to stop, whichever process or worker runs it (this one at once)."""
        kept.request_cancel(self.store, None, actor, job_id=job_id)
        with self._lock:
            mine = self._running.get(job_id)
        if mine is not None:
            mine.cancelled_by = mine.cancelled_by or actor
            mine.stop.set()
        return self.job(job_id)

    def _start(
        self,
        period_id: int | None,
        team_id: int,
        actor: str,
        how: str,
        kind: str,
        version_id: int | None = None,
        files: dict[str, bytes] | None = None,
    ) -> SolveJob:
        queued = self.cluster is not None
        info = kept.start_job(
            self.store,
            team_id,
            period_id,
            actor,
            self.owner,
            queued=queued,
            settings=how,
            kind=kind,
            version_id=version_id,
            files=files,
        )
        if not queued:
            self._launch(info)
            return SolveJob(info)
        dispatch(self.client(), self.store)
        return SolveJob(info)

    def cancel(self, period_id: int, actor: str) -> SolveJob | None:
        """Ask the period's solve to stop, whichever process or worker runs it (this one at once)."""
        kept.request_cancel(self.store, period_id, actor)
        with self._lock:
            mine = next((r for r in self._running.values() if r.info.period_id == period_id), None)
        if mine is not None:
            mine.cancelled_by = mine.cancelled_by or actor
            mine.stop.set()
        return self.get(period_id)

    def recover(self) -> list[int]:
        """Start what waits and run again the jobs that lost their runner (ids of those): here in a
        thread, or submitted to the cluster again; one that lost it
        :data:`~roster.store.jobs.MAX_ATTEMPTS` times is marked failed."""
        taken = []
        if self.cluster is not None:  # the queued jobs a cluster may start now (a lost task too)
            taken += dispatch(self.client(), self.store)
        for orphan in kept.orphans(self.store, self.takeover):
            if orphan.attempts >= kept.MAX_ATTEMPTS:
                kept.finish(
                    self.store,
                    orphan.id,
                    "failed",
                    version_id=None,
                    message=f"the server or worker running this solve stopped {orphan.attempts} times; "
                    "start it again",
                )
                continue
            if self.cluster is not None:
                log.warning("solve job %s lost its worker: submitting it to the cluster again", orphan.id)
                submit(self.client(), self.store.url, orphan)
                taken.append(orphan.id)
                continue
            info = kept.claim(self.store, orphan.id, self.owner, self.takeover)
            if info is not None:
                log.warning("solve job %s lost its server process: running it again here", info.id)
                self._launch(info)
                taken.append(info.id)
        return taken

    def client(self) -> Any:
        """The Dask client of :attr:`cluster` (made on first use)."""
        with self._lock:
            if self._client is None:
                from distributed import Client

                self._client = Client(self.cluster, timeout=30, set_as_default=False)  # type: ignore[no-untyped-call]
            return self._client

    def _launch(self, info: JobInfo) -> None:
        running = RunningJob(info, self.owner)
        with self._lock:
            self._running[info.id] = running

        def run() -> None:
            try:
                run_job(self.store, running, self.settings.solver(), self.settings.engine, "on the web page")
            finally:
                with self._lock:
                    self._running.pop(info.id, None)

        thread = threading.Thread(target=run, name=f"roster-web-{info.kind}-{info.id}", daemon=True)
        self._threads.append(thread)
        thread.start()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every solve running in this process (each keeps its best roster) and wait for them;
        a cluster's solves run on."""
        self._closing.set()
        with self._lock:
            mine = list(self._running.values())
        if mine:
            log.warning("stopping %d solve(s): the server is stopping", len(mine))
        for running in mine:
            running.cancelled_by = running.cancelled_by or "the server stopping"
            running.stop.set()
        for thread in self._threads:
            thread.join(timeout)
        if self._client is not None:
            self._client.close()
