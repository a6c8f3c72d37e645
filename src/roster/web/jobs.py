"""Solves started from the web page: run in a thread of a server process, kept in the store.

A coordinator's solve runs :func:`roster.workflow.periods.solve_period` in a thread of the
server process that was asked (the solver's own threads do the work; the page stays responsive).
The job itself is a row of the store (:mod:`roster.store.jobs`): the running thread writes its
stage and progress there with a heartbeat every second, so **every** server process over the
same store shows the same progress line (what the engine is doing before its first roster, then
elapsed time, best objective, bound and gap). Stopping, from any process, is a request in the
store that the running process reads at its next heartbeat: the search ends and the best roster
found so far is saved, as Ctrl-C does for ``roster solve``. A job whose process stopped hard
(its heartbeat gone for half a minute) is taken over and run again by the next server process
to start, at most three times.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from roster.domain import ProgressPoint
from roster.store import Store
from roster.store import jobs as kept
from roster.store.jobs import JobInfo
from roster.store.periods import log_period_event
from roster.web.config import SolveSettings
from roster.workflow.periods import solve_period

log = logging.getLogger("roster.web")


@dataclass(frozen=True)
class SolveJob:
    """A solve as the store has it now (read afresh on each call of :meth:`Jobs.get`)."""

    info: JobInfo

    @property
    def period_id(self) -> int:
        return self.info.period_id

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


class _Running:
    """What this process knows of a solve it runs: its stop event and the progress not yet written."""

    def __init__(self, info: JobInfo) -> None:
        self.info = info
        self.stop = threading.Event()
        self.ended = threading.Event()
        self.lock = threading.Lock()
        self.pending: dict[str, object] = {}
        self.cancelled_by: str | None = None


class Jobs:
    """The solves of the teams on this store: started here, shown and stopped from any process."""

    def __init__(
        self, store: Store, settings: SolveSettings, *, takeover: float = kept.STALE, watch: bool = True
    ) -> None:
        self.store = store
        self.settings = settings
        self.takeover = takeover
        """Seconds without a heartbeat after which another process's running job is taken over."""
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._running: dict[int, _Running] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._closing = threading.Event()
        if watch:  # take over the jobs whose process stopped: now, and every third of ``takeover``
            self.recover()
            watcher = threading.Thread(target=self._watch, name="roster-web-takeover", daemon=True)
            self._threads.append(watcher)
            watcher.start()

    def _watch(self) -> None:
        while not self._closing.wait(self.takeover / 3):
            try:
                self.recover()
            except Exception:  # a store hiccup: the next look tries again
                log.exception("looking for solves that lost their server process failed")

    def get(self, period_id: int) -> SolveJob | None:
        found = kept.period_job(self.store, period_id)
        return SolveJob(found) if found is not None else None

    def start(self, period_id: int, team_id: int, actor: str) -> SolveJob:
        """Start a solve of the period here (:class:`StoreError` when one is running anywhere)."""
        info = kept.start_job(self.store, team_id, period_id, actor, self.owner)
        self._launch(info)
        return SolveJob(info)

    def cancel(self, period_id: int, actor: str) -> SolveJob | None:
        """Ask the period's running solve to stop, whichever process runs it (this one at once)."""
        kept.request_cancel(self.store, period_id, actor)
        with self._lock:
            mine = next((r for r in self._running.values() if r.info.period_id == period_id), None)
        if mine is not None:
            mine.cancelled_by = mine.cancelled_by or actor
            mine.stop.set()
        return self.get(period_id)

    def recover(self) -> list[int]:
        """Take over the running jobs whose process stopped (ids of those run again here); one that
        lost its process :data:`~roster.store.jobs.MAX_ATTEMPTS` times is marked failed."""
        taken = []
        for orphan in kept.orphans(self.store, self.takeover):
            if orphan.attempts >= kept.MAX_ATTEMPTS:
                kept.finish(
                    self.store,
                    orphan.id,
                    "failed",
                    version_id=None,
                    message=f"the server running this solve stopped {orphan.attempts} times; start it again",
                )
                continue
            info = kept.claim(self.store, orphan.id, self.owner, self.takeover)
            if info is not None:
                log.warning("solve job %s lost its server process: running it again here", info.id)
                self._launch(info)
                taken.append(info.id)
        return taken

    def _launch(self, info: JobInfo) -> None:
        running = _Running(info)
        with self._lock:
            self._running[info.id] = running
        thread = threading.Thread(
            target=self._run, args=(running,), name=f"roster-web-solve-{info.period_id}", daemon=True
        )
        beat = threading.Thread(
            target=self._beat, args=(running,), name=f"roster-web-beat-{info.period_id}", daemon=True
        )
        self._threads += [thread, beat]
        thread.start()
        beat.start()

    def _write(self, running: _Running) -> None:
        with running.lock:
            pending, running.pending = running.pending, {}
        asked = kept.beat(self.store, running.info.id, self.owner, **pending)
        if asked is not None and not running.stop.is_set():
            log.warning("solve job %s: %s asked for a stop", running.info.id, asked)
            running.cancelled_by = asked
            running.stop.set()

    def _beat(self, running: _Running) -> None:
        """Write the progress and the heartbeat every second; read a stop asked from any process."""
        while not running.ended.wait(kept.HEARTBEAT):
            try:
                self._write(running)
            except Exception:  # a store hiccup: the next beat tries again
                log.exception("the heartbeat of solve job %s failed", running.info.id)

    def _run(self, running: _Running) -> None:
        info = running.info

        def progress(p: ProgressPoint) -> None:
            with running.lock:
                running.pending.update(seconds=p.seconds, objective=p.objective, bound=p.bound)

        def stage(text: str) -> None:
            with running.lock:
                running.pending["stage"] = text[:2000]

        state, version_id, message = "failed", None, ""
        try:
            log_period_event(
                self.store,
                info.period_id,
                actor=info.requested_by,
                action="solve",
                detail=f"solve started on the web page ({self.settings.time_limit:g} s limit)"
                + (f", attempt {info.attempts}" if info.attempts > 1 else ""),
            )
            done = solve_period(
                self.store,
                info.period_id,
                info.requested_by,
                self.settings.solver(),
                progress=progress,
                stop=running.stop,
                stage=stage,
                engine=self.settings.engine,
            )
            if done.version is not None:
                state, version_id = "done", done.version.id
                message = (
                    f"saved as {done.version.label} (draft): objective {done.report.objective:,}, "
                    f"{len(done.report.hard_violations)} hard rule(s) broken"
                )
                if running.cancelled_by:
                    message += f"; stopped by {running.cancelled_by}, the best roster found until then"
            else:
                state = "none"
                message = f"no roster was found ({done.result.status}): " + "; ".join(
                    done.result.diagnosis or ("the hard rules cannot all hold",)
                )
                log_period_event(
                    self.store, info.period_id, actor=info.requested_by, action="solve-failed", detail=message
                )
        except Exception as err:  # reported on the page, and in the server's log with its traceback
            log.exception("the solve of period %s failed", info.period_id)
            message = f"the solve could not run: {err}"
        finally:
            try:
                self._write(running)
            except Exception:
                log.exception("the last progress of solve job %s could not be written", info.id)
            running.ended.set()
            with self._lock:
                self._running.pop(info.id, None)
            kept.finish(self.store, info.id, state, version_id=version_id, message=message)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every solve running here (each keeps its best roster) and wait for them."""
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
