"""Solves started from the web page: one background thread per period, its progress, its stop.

A coordinator's solve runs :func:`roster.workflow.periods.solve_period` in a thread of the
server process (the solver's own threads do the work; the page stays responsive). The page
polls the job for its progress line: what the engine is doing before its first roster, then
elapsed time, best objective, bound and gap. Cancelling sets the solve's stop event: the
search ends and the best roster found so far is saved, as Ctrl-C does for ``roster solve``.
A period has at most one solve running; the jobs live as long as the server process.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field

from roster.domain import ProgressPoint
from roster.store import Store, StoreError
from roster.store.periods import log_period_event
from roster.web.config import SolveSettings
from roster.workflow.periods import solve_period

log = logging.getLogger("roster.web")


@dataclass
class SolveJob:
    period_id: int
    team_id: int
    started_by: str
    started_at: dt.datetime
    stop: threading.Event = field(default_factory=threading.Event)
    stage: str = "starting"
    point: ProgressPoint | None = None
    state: str = "running"
    """``running``, ``done`` (a roster was saved), ``none`` (no roster found) or ``failed``."""
    version_id: int | None = None
    message: str = ""
    cancelled_by: str | None = None
    finished_at: dt.datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def line(self) -> str:
        """The progress line, as ``roster solve`` prints it."""
        with self.lock:
            p, stage = self.point, self.stage
        elapsed = (dt.datetime.now(dt.UTC) - self.started_at).total_seconds()
        if p is None:
            return f"{elapsed:5.0f} s  {stage}"
        text = f"{p.seconds:5.0f} s  best {p.objective:,.0f}"
        if p.bound is not None:
            gap = abs(p.objective - p.bound) / max(1.0, abs(p.objective))
            text += f"  bound {p.bound:,.0f}  gap {gap:.1%}"
        return text


class Jobs:
    """The server's solves, by period."""

    def __init__(self, store: Store, settings: SolveSettings) -> None:
        self.store = store
        self.settings = settings
        self._jobs: dict[int, SolveJob] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def get(self, period_id: int) -> SolveJob | None:
        with self._lock:
            return self._jobs.get(period_id)

    def start(self, period_id: int, team_id: int, actor: str) -> SolveJob:
        with self._lock:
            running = self._jobs.get(period_id)
            if running is not None and running.running:
                raise StoreError(
                    f"a solve of this period is already running (started by "
                    f"{running.started_by} at {running.started_at:%H:%M:%S} UTC)"
                )
            job = SolveJob(period_id, team_id, actor, dt.datetime.now(dt.UTC))
            self._jobs[period_id] = job
        thread = threading.Thread(
            target=self._run, args=(job,), name=f"roster-web-solve-{period_id}", daemon=True
        )
        self._threads.append(thread)
        thread.start()
        return job

    def cancel(self, period_id: int, actor: str) -> SolveJob | None:
        job = self.get(period_id)
        if job is not None and job.running:
            job.cancelled_by = actor
            job.stop.set()
        return job

    def _run(self, job: SolveJob) -> None:
        def progress(p: ProgressPoint) -> None:
            with job.lock:
                job.point = p

        def stage(text: str) -> None:
            with job.lock:
                job.stage = text

        try:
            log_period_event(
                self.store,
                job.period_id,
                actor=job.started_by,
                action="solve",
                detail=f"solve started on the web page ({self.settings.time_limit:g} s limit)",
            )
            done = solve_period(
                self.store,
                job.period_id,
                job.started_by,
                self.settings.solver(),
                progress=progress,
                stop=job.stop,
                stage=stage,
                engine=self.settings.engine,
            )
            if done.version is not None:
                job.version_id = done.version.id
                job.state = "done"
                job.message = (
                    f"saved as {done.version.label} (draft): objective {done.report.objective:,}, "
                    f"{len(done.report.hard_violations)} hard rule(s) broken"
                )
                if job.cancelled_by:
                    job.message += f"; stopped by {job.cancelled_by}, the best roster found until then"
            else:
                job.state = "none"
                job.message = f"no roster was found ({done.result.status}): " + "; ".join(
                    done.result.diagnosis or ("the hard rules cannot all hold",)
                )
                log_period_event(
                    self.store, job.period_id, actor=job.started_by, action="solve-failed", detail=job.message
                )
        except Exception as err:  # reported on the page, and in the server's log with its traceback
            log.exception("the solve of period %s failed", job.period_id)
            job.state = "failed"
            job.message = f"the solve could not run: {err}"
        finally:
            job.finished_at = dt.datetime.now(dt.UTC)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every running solve (each keeps its best roster) and wait for them."""
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            if job.running:
                job.cancelled_by = job.cancelled_by or "the server stopping"
                job.stop.set()
        for thread in self._threads:
            thread.join(timeout)
