"""Running a solve job of the store: in a thread of a server process, or as a task on a Dask cluster.

A job is a row of the store (:mod:`roster.store.jobs`). Whoever runs it (:func:`run_job`) writes its
stage and progress there with a heartbeat every second and reads, at each beat, whether anyone
asked for a stop; the solve then ends with the best roster so far, saved as a draft version of the
period's team, and the row says how it ended. The page, in any server process, reads the row.

On a Dask cluster a job waits ``queued`` in the store; :func:`dispatch` submits, for each team
with nothing running, its oldest queued job (:func:`run_on_worker`, with ``fire_and_forget`` under
the job's own key, so it outlives the request and the server). The task opens the store itself,
claims the job (a unique index allows one running job a team: a team's solves run one at a time,
different teams' side by side up to the cluster's workers, and no worker is held waiting) and
runs it; when it ends it dispatches its team's next. A worker that dies mid-solve has its task run
again by the scheduler on another worker: that run claims the job once its heartbeat has
stopped, as attempt two. The web server's watcher dispatches too, so a job whose task was lost (a
scheduler restarted) is submitted again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import socket
import threading
from dataclasses import dataclass, field, replace
from typing import Any

from roster.domain import ProgressPoint, SolverSettings
from roster.domain.request import Pin
from roster.store import Store
from roster.store import jobs as kept
from roster.store.jobs import JobInfo
from roster.store.periods import log_period_event, log_team_event
from roster.workflow.periods import solve_period

log = logging.getLogger("roster.jobs")


@dataclass
class RunningJob:
    """A job being run here: its stop event and the progress not yet written."""

    info: JobInfo
    owner: str
    stop: threading.Event = field(default_factory=threading.Event)
    ended: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: dict[str, object] = field(default_factory=dict)
    cancelled_by: str | None = None

    def write(self, store: Store) -> None:
        """Write the pending progress with a heartbeat; read a stop asked from any process."""
        with self.lock:
            pending, self.pending = self.pending, {}
        asked = kept.beat(store, self.info.id, self.owner, **pending)
        if asked is not None and not self.stop.is_set():
            log.warning("solve job %s: %s asked for a stop", self.info.id, asked)
            self.cancelled_by = asked
            self.stop.set()

    def beat(self, store: Store) -> None:
        while not self.ended.wait(kept.HEARTBEAT):
            try:
                self.write(store)
            except Exception:  # a store hiccup: the next beat tries again
                log.exception("the heartbeat of solve job %s failed", self.info.id)


SOLVE_NICENESS = 10
"""The operating system's priority of a solve's threads, lower than the page's (``nice`` 10): a solve
is batch work that takes every core it is given; the page is people waiting. Measured in
docs/performance.md (a council's month end)."""


def solve_quietly() -> None:
    """Lower this thread's priority to :data:`SOLVE_NICENESS` (the solver's threads it starts inherit
    it). Linux keeps a nice value a thread; elsewhere, or when not allowed, nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        now = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, 0, max(now, SOLVE_NICENESS))


@dataclass(frozen=True)
class Ended:
    """How a job's work ended: its state, the version it saved, the message for the page."""

    state: str
    version_id: int | None
    message: str
    result: str = ""
    """What it found besides a version (JSON: a ``help`` job's table)."""


def _solve(store: Store, running: RunningJob, settings: SolverSettings, engine: str, **hooks: Any) -> Ended:
    """A solve of the period from everyone's wishes, saved as a draft."""
    info = running.info
    assert info.period_id is not None  # a solve is of a period
    done = solve_period(store, info.period_id, info.requested_by, settings, engine=engine, **hooks)
    if done.version is None:
        message = f"no roster was found ({done.result.status}): " + "; ".join(
            done.result.diagnosis or ("the hard rules cannot all hold",)
        )
        log_period_event(
            store, info.period_id, actor=info.requested_by, action="solve-failed", detail=message
        )
        return Ended("none", None, message)
    return Ended(
        "done",
        done.version.id,
        f"saved as {done.version.label} (draft): objective {done.report.objective:,}, "
        f"{len(done.report.hard_violations)} hard rule(s) broken",
    )


def _resolve(store: Store, running: RunningJob, settings: SolverSettings, engine: str, **hooks: Any) -> Ended:
    """A manager's edit of a version re-solved with minimal change, saved as a new draft version."""
    from roster.io import InputError
    from roster.store import VersionConflict
    from roster.workflow.amend import Amendment, amend

    info = running.info
    asked = json.loads(info.settings)["resolve"]
    pins = tuple(Pin.model_validate(p) for p in asked["pins"])
    try:
        out = amend(
            store,
            int(asked["version"]),
            info.requested_by,
            Amendment(pins=pins),
            resolve=True,
            settings=settings,
            note=str(asked.get("note", "")),
            revision=int(asked["revision"]),
            engine=engine,
            **hooks,
        )
    except VersionConflict as err:
        return Ended("failed", None, str(err))  # it says nothing was saved, and what to do
    except InputError as err:
        return Ended("none", None, err.message)
    return Ended(
        "done",
        out.version.id,
        f"re-solved from {out.parent.label}: saved as {out.version.label} (draft), "
        f"{len(out.diff.changes)} shift(s) changed, objective {out.report.objective:,}, "
        f"{len(out.report.hard_violations)} hard rule(s) broken",
    )


def _help(store: Store, running: RunningJob, settings: SolverSettings, engine: str, **hooks: Any) -> Ended:
    """What would close the gap in a version's cover: single changes, each verified by a re-solve
    from the version's roster (:func:`~roster.planning.gaps_help.what_would_help`); the table kept
    as the job's ``result``."""
    from roster.planning.gaps_help import GapHelpError, what_would_help
    from roster.workflow.review import scenario_of

    info = running.info
    asked = json.loads(info.settings)["help"]
    version_id = int(asked["version"])
    stage = hooks["stage"]
    stage(f"solving v{version_id}'s scenario again: the baseline")

    def told(done: int, total: int, what: str) -> None:
        stage(f"{done} of {total} solves done ({what})")

    try:
        found = what_would_help(
            scenario_of(store, version_id),
            settings,
            roster=store.roster(version_id),
            top=int(asked.get("top", 5)),
            engine=engine,
            progress=told,
            stop=hooks["stop"],
        )
    except GapHelpError as err:
        return Ended("none", version_id, str(err))
    table = {
        "message": found.message,
        "short_hours": found.short_hours,
        "given_short_hours": found.given_short_hours,
        "left_out": list(found.left_out),
        "stopped": found.stopped,
        "rows": found.rows(),
    }
    return Ended("done", version_id, found.message, json.dumps(table))


def _plan(store: Store, running: RunningJob, settings: SolverSettings, engine: str, **hooks: Any) -> Ended:
    """A year plan of the team (:func:`~roster.workflow.team_jobs.run_plan`)."""
    from roster.workflow.team_jobs import run_plan

    return Ended(*_with_version(run_plan(store, running.info, settings, engine, **hooks)))


def _sweep(store: Store, running: RunningJob, settings: SolverSettings, engine: str, **hooks: Any) -> Ended:
    """A what-if sweep of the team (:func:`~roster.workflow.team_jobs.run_sweep`)."""
    from roster.workflow.team_jobs import run_sweep

    return Ended(*_with_version(run_sweep(store, running.info, **hooks)))


def _with_version(ended: tuple[str, str, str]) -> tuple[str, None, str, str]:
    state, message, result = ended
    return state, None, message, result


WORK = {"solve": _solve, "resolve": _resolve, "help": _help, "plan": _plan, "sweep": _sweep}
"""What a job of each kind runs."""


def _log(store: Store, info: JobInfo, action: str, detail: str) -> None:
    """An audit event about the job: of its period, or of its team (a plan, a sweep)."""
    if info.period_id is not None:
        log_period_event(store, info.period_id, actor=info.requested_by, action=action, detail=detail)
    else:
        log_team_event(store, info.team_id, actor=info.requested_by, action=action, detail=detail)


def _started(info: JobInfo, settings: SolverSettings, where: str) -> str:
    what = "solve"
    if info.kind == "resolve":
        what = f"re-solve of version {json.loads(info.settings)['resolve']['version']}"
    elif info.kind == "help":
        what = f"what would close the gap in version {json.loads(info.settings)['help']['version']}"
    elif info.kind == "plan":
        asked = json.loads(info.settings)["plan"]
        what = f"year plan from {asked['first']} to {asked['last']}"
    elif info.kind == "sweep":
        what = f"what-if sweep of {json.loads(info.settings)['sweep']['variants']} variants"
    return f"{what} started {where} ({settings.time_limit:g} s limit)" + (
        f", attempt {info.attempts}" if info.attempts > 1 else ""
    )


def run_job(store: Store, running: RunningJob, settings: SolverSettings, engine: str, where: str) -> str:
    """Run the claimed job ``running`` to its end (heartbeat, progress, stop) and record how it
    ended; its state (``done``, ``none`` or ``failed``). ``settings`` and ``engine`` are used when
    the job's row does not say how to solve (:func:`job_settings`). ``where`` names the runner in the
    log. The work runs in this thread at a lower priority than the page (:func:`solve_quietly`)."""
    info = running.info
    if info.settings:
        how = json.loads(info.settings)
        settings = SolverSettings.model_validate(how.get("solver", {}))
        engine = how.get("engine", engine)
    beating = threading.Thread(target=running.beat, args=(store,), name=f"roster-beat-{info.id}", daemon=True)
    beating.start()  # before the priority is lowered: the heartbeat keeps the page's priority
    solve_quietly()

    def progress(p: ProgressPoint) -> None:
        with running.lock:
            running.pending.update(seconds=p.seconds, objective=p.objective, bound=p.bound)

    def stage(text: str) -> None:
        with running.lock:
            running.pending["stage"] = text[:2000]

    ended = Ended("failed", None, "")
    try:
        _log(store, info, info.kind if info.period_id is None else "solve", _started(info, settings, where))
        ended = WORK[info.kind](
            store, running, settings, engine, progress=progress, stop=running.stop, stage=stage
        )
        if ended.state == "done" and running.cancelled_by and info.kind in ("solve", "resolve"):
            ended = replace(
                ended,
                message=ended.message
                + f"; stopped by {running.cancelled_by}, the best roster found until then",
            )
    except Exception as err:  # reported on the page, and in the log with its traceback
        log.exception("the %s job %s of team %s failed", info.kind, info.id, info.team_id)
        what = {"plan": "the year plan", "sweep": "the sweep"}.get(info.kind, "the solve")
        ended = Ended("failed", None, f"{what} could not run: {err}")
    finally:
        try:
            running.write(store)
        except Exception:
            log.exception("the last progress of solve job %s could not be written", info.id)
        running.ended.set()
        kept.finish(
            store,
            info.id,
            ended.state,
            version_id=ended.version_id,
            message=ended.message,
            result=ended.result,
        )
    return ended.state


def worker_name() -> str:
    """This process as a job's owner: host, process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def job_settings(settings: SolverSettings, engine: str, **extra: Any) -> str:
    """What a job keeps of how to solve (the ``settings`` of its row), with what a job of its kind
    needs besides (a re-solve: :func:`resolve_of`)."""
    return json.dumps({"solver": settings.model_dump(mode="json"), "engine": engine, **extra})


def help_of(version_id: int, top: int = 5) -> dict[str, Any]:
    """A ``help`` job's question, for :func:`job_settings`: the version, how many changes to verify."""
    return {"help": {"version": version_id, "top": top}}


def resolve_of(version_id: int, revision: int, pins: tuple[Pin, ...], note: str) -> dict[str, Any]:
    """A re-solve job's edit, for :func:`job_settings`: the version as the manager read it
    (``revision``), the pinned days and the note."""
    return {
        "resolve": {
            "version": version_id,
            "revision": revision,
            "pins": [p.model_dump(mode="json") for p in pins],
            "note": note,
        }
    }


def job_key(store_url: str, job_id: int) -> str:
    """The cluster's key of a job's task: its store's and its own (one cluster may serve several
    stores, whose job ids repeat), the store's address not shown."""
    store = hashlib.sha256(store_url.encode()).hexdigest()[:12]
    return f"roster-job-{store}-{job_id}"


def submit(client: Any, store_url: str, job: JobInfo) -> None:
    """Submit ``job`` to the cluster of ``client`` under its own key (a second submission while the
    scheduler has it is the same task), to run even when nobody waits for it."""
    from distributed import fire_and_forget

    future = client.submit(run_on_worker, store_url, job.id, key=job_key(store_url, job.id), pure=False)
    fire_and_forget(future)  # type: ignore[no-untyped-call]


def dispatch(client: Any, store: Store) -> list[int]:
    """Submit, for each team with nothing running, its oldest queued job (the ids submitted)."""
    found = kept.next_queued(store)
    for job in found:
        submit(client, store.url, job)
    return [j.id for j in found]


def run_on_worker(store_url: str, job_id: int) -> str:
    """The Dask task of a solve job (see the module docstring): how it ended, or why it did not run."""
    from distributed import get_client

    from roster.store import open_store

    with open_store(store_url) as store:
        owner = f"{worker_name()}:dask"
        claimed = None
        for _ in range(int(kept.STALE / kept.HEARTBEAT) + 5):
            claimed = kept.claim_queued(store, job_id, owner)
            info = kept.job(store, job_id)
            if claimed is not None or info.state != "running":
                break
            threading.Event().wait(kept.HEARTBEAT)  # its dead worker's heartbeat is still fresh
        if claimed is None:
            return f"job {job_id} not run here: it ended, another worker has it, or its team is busy"
        try:
            if claimed.attempts > kept.MAX_ATTEMPTS:
                kept.finish(
                    store,
                    job_id,
                    "failed",
                    version_id=None,
                    message=(
                        f"the worker running this solve stopped {claimed.attempts - 1} times; start it again"
                    ),
                )
                return "failed"
            return run_job(store, RunningJob(claimed, owner), SolverSettings(), "auto", "on the cluster")
        finally:
            try:  # the team's next solve, if one waits
                dispatch(get_client(), store)
            except Exception:
                log.exception("starting the next queued solve failed (the server's watcher will)")
