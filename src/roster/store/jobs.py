"""Solves asked for on the web page, kept in the store so that every server process sees them.

The process running a solve writes its stage and progress here, with a heartbeat (at least
every :data:`HEARTBEAT` seconds); any process reads them for the page and asks for a stop by
setting ``cancel_requested_by``, which the running process reads at its next heartbeat. A
``running`` job whose heartbeat has stopped for :data:`STALE` seconds lost its process (a server
stopped hard, a machine gone): the next server process to start takes it over, at most
:data:`MAX_ATTEMPTS` times, then marks it failed with a message. A job run on a Dask cluster is
``queued`` until a worker claims it (:func:`claim_queued`); a waiting worker beats on the queued
row too. A period has at most one queued or running job (a unique index on those), whichever
process starts it. A job of the team rather than of a period (a year plan, a what-if sweep: no
``period_id``) keeps the files it was given and wrote (:func:`save_files`, :func:`job_files`); a
team has at most one of each such kind queued or running. A team's year inputs (the files of a
scenario's ``year/`` folder) are kept too (:func:`save_year_files`, :func:`year_files`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from roster.store.errors import StoreError
from roster.store.schema import JobFileRow, SolveJobRow, YearFileRow
from roster.store.store import Store, _utc

HEARTBEAT = 1.0
"""Seconds between the running process's writes of progress and reads of a stop."""
STALE = 30.0
"""Seconds without a heartbeat after which a running job has lost its process (the default of
``roster web --takeover-after``)."""
MAX_ATTEMPTS = 3
"""Runs of a job before one that keeps losing its process is marked failed."""
ACTIVE = ("queued", "running")


@dataclass(frozen=True)
class JobInfo:
    id: int
    team_id: int
    period_id: int | None
    """None for a job of the team (a year plan, a sweep)."""
    state: str
    requested_by: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    owner: str
    heartbeat_at: dt.datetime
    attempts: int
    stage: str
    seconds: float | None
    objective: float | None
    bound: float | None
    version_id: int | None
    message: str
    cancel_requested_by: str | None
    settings: str = ""
    """The solver's settings (JSON) the job runs with, on whichever worker (and a re-solve's edit)."""
    kind: str = "solve"
    """``solve`` (the period's wishes), ``resolve`` (a manager's edit re-solved with minimal change),
    ``help`` (what would close the gap in ``version_id``'s cover), or of the team: ``plan`` (a year
    plan), ``sweep`` (what-if variants)."""
    result: str = ""
    """What the job found besides a version (JSON): a ``help`` job's changes tried, a plan's or a
    sweep's tables."""

    @property
    def running(self) -> bool:
        """Queued or running: not ended."""
        return self.state in ACTIVE

    @property
    def queued(self) -> bool:
        return self.state == "queued"


def _info(row: SolveJobRow) -> JobInfo:
    return JobInfo(
        row.id,
        row.team_id,
        row.period_id,
        row.state,
        row.requested_by,
        _utc(row.started_at),
        _utc(row.finished_at) if row.finished_at is not None else None,
        row.owner,
        _utc(row.heartbeat_at),
        row.attempts,
        row.stage,
        row.seconds,
        row.objective,
        row.bound,
        row.version_id,
        row.message,
        row.cancel_requested_by,
        row.settings,
        row.kind,
        row.result,
    )


TEAM_KINDS = {"plan": "a year plan", "sweep": "a what-if sweep"}
"""The jobs of a team rather than of a period, as the page names them."""


def start_job(
    store: Store,
    team_id: int,
    period_id: int | None,
    actor: str,
    owner: str,
    *,
    queued: bool = False,
    settings: str = "",
    kind: str = "solve",
    version_id: int | None = None,
    files: dict[str, bytes] | None = None,
) -> JobInfo:
    """A running job of ``period_id`` run by ``owner`` (``queued``: waiting for a cluster's worker
    to claim it, with the solver's ``settings``); :class:`StoreError` when one of the period is
    queued or running, or (not queued) one of the team is running. ``period_id`` None: a job of the
    team (``kind`` one of :data:`TEAM_KINDS`, its input ``files`` kept with it in the same
    transaction), refused while another of its kind is queued or running."""
    now = dt.datetime.now(dt.UTC)
    try:
        with store.transaction() as s:
            row = SolveJobRow(
                team_id=team_id,
                period_id=period_id,
                state="queued" if queued else "running",
                requested_by=actor,
                started_at=now,
                owner=owner,
                heartbeat_at=now,
                attempts=0 if queued else 1,
                stage="waiting for the cluster" if queued else "starting",
                message="",
                settings=settings,
                kind=kind,
                version_id=version_id,
            )
            files = files or {}
            s.add(row)
            s.flush()
            s.add_all(JobFileRow(job_id=row.id, name=n, content=bytes(files[n])) for n in sorted(files))
            return _info(row)
    except IntegrityError:
        if period_id is None:
            busy = team_jobs(store, team_id, kind, limit=1)
            if busy and busy[0].running:
                raise StoreError(
                    f"{TEAM_KINDS.get(kind, kind)} of this team is already "
                    f"{'waiting' if busy[0].queued else 'running'} (started by {busy[0].requested_by} "
                    f"at {busy[0].started_at:%H:%M:%S} UTC): stop it or wait for it to end"
                ) from None
            raise StoreError("another job of this team is running: start this one when it ends") from None
        running = period_job(store, period_id)
        if running is not None and running.running:
            who = f" (started by {running.requested_by} at {running.started_at:%H:%M:%S} UTC)"
            raise StoreError(f"a solve of this period is already running{who}") from None
        raise StoreError(
            "another roster period of this team is being solved: start this one when it ends"
        ) from None


def period_job(store: Store, period_id: int) -> JobInfo | None:
    """The period's latest job, running or ended."""
    with store.reading() as s:
        row = s.scalar(
            select(SolveJobRow)
            .where(SolveJobRow.period_id == period_id)
            .order_by(SolveJobRow.id.desc())
            .limit(1)
        )
        return _info(row) if row is not None else None


def version_job(store: Store, version_id: int, kind: str) -> JobInfo | None:
    """The latest job of ``kind`` about the version (a ``help`` job's), running or ended."""
    with store.reading() as s:
        row = s.scalar(
            select(SolveJobRow)
            .where(SolveJobRow.version_id == version_id, SolveJobRow.kind == kind)
            .order_by(SolveJobRow.id.desc())
            .limit(1)
        )
        return _info(row) if row is not None else None


def job(store: Store, job_id: int) -> JobInfo:
    with store.reading() as s:
        row = s.get(SolveJobRow, job_id)
        if row is None:
            raise StoreError(f"solve job {job_id} is not in the store")
        return _info(row)


def beat(store: Store, job_id: int, owner: str | None, **progress: Any) -> str | None:
    """The running process's heartbeat, with its progress (``stage``, ``seconds``, ``objective``,
    ``bound``): who asked for a stop since, if anyone. ``owner`` None: a worker waiting to claim
    a queued job says it is there."""
    with store.transaction() as s:
        s.execute(
            update(SolveJobRow)
            .where(
                SolveJobRow.id == job_id,
                *(
                    (SolveJobRow.state == "queued",)
                    if owner is None
                    else (SolveJobRow.owner == owner, SolveJobRow.state == "running")
                ),
            )
            .values(heartbeat_at=dt.datetime.now(dt.UTC), **progress)
            .execution_options(synchronize_session=False)
        )
        return s.scalar(select(SolveJobRow.cancel_requested_by).where(SolveJobRow.id == job_id))


def finish(
    store: Store, job_id: int, state: str, *, version_id: int | None, message: str, result: str = ""
) -> None:
    """Record how the job ended; ``version_id`` None keeps the one it has (a ``help`` job's
    version, which it looked at whether or not it found anything)."""
    kept = {} if version_id is None else {"version_id": version_id}
    with store.transaction() as s:
        s.execute(
            update(SolveJobRow)
            .where(SolveJobRow.id == job_id)
            .values(
                state=state,
                message=message,
                result=result,
                finished_at=dt.datetime.now(dt.UTC),
                **kept,
            )
            .execution_options(synchronize_session=False)
        )


def request_cancel(store: Store, period_id: int | None, actor: str, *, job_id: int | None = None) -> bool:
    """Ask the period's running solve (or the job ``job_id``) to stop, whichever process runs it;
    False when none runs. A queued one ends at once: nothing was solved yet."""
    now = dt.datetime.now(dt.UTC)
    which = SolveJobRow.id == job_id if job_id is not None else SolveJobRow.period_id == period_id
    with store.transaction() as s:
        s.execute(
            update(SolveJobRow)
            .where(which, SolveJobRow.state == "queued")
            .values(
                state="none",
                cancel_requested_by=actor,
                finished_at=now,
                message=f"stopped by {actor} before it started: no roster",
            )
            .execution_options(synchronize_session=False)
        )
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
            update(SolveJobRow)
            .where(
                which,
                SolveJobRow.state == "running",
                SolveJobRow.cancel_requested_by.is_(None),
            )
            .values(cancel_requested_by=actor)
            .execution_options(synchronize_session=False)
        )
        return done.rowcount > 0


def orphans(store: Store, stale: float = STALE) -> list[JobInfo]:
    """Running jobs whose process stopped writing ``stale`` seconds ago or more."""
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=stale)
    with store.reading() as s:
        rows = s.scalars(
            select(SolveJobRow).where(SolveJobRow.state == "running", SolveJobRow.heartbeat_at < before)
        )
        return [_info(r) for r in rows]


def _take(store: Store, job_id: int, when: Any, **values: Any) -> JobInfo | None:
    """Run the job from here: one conditional update (``when``) that restarts its progress, counts an
    attempt and sets ``values``; None when the condition no longer held (someone else took it)."""
    with store.transaction() as s:
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
            update(SolveJobRow)
            .where(SolveJobRow.id == job_id, when)
            .values(attempts=SolveJobRow.attempts + 1, seconds=None, objective=None, bound=None, **values)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            return None
        row = s.get(SolveJobRow, job_id)
        assert row is not None
        s.refresh(row)
        return _info(row)


def claim(store: Store, job_id: int, owner: str, stale: float = STALE) -> JobInfo | None:
    """Take over an orphaned job (one conditional update: of two processes starting at once, one
    gets it); None when another process took it first or it is no longer stale."""
    now = dt.datetime.now(dt.UTC)
    stopped = (SolveJobRow.state == "running") & (
        SolveJobRow.heartbeat_at < now - dt.timedelta(seconds=stale)
    )
    return _take(
        store,
        job_id,
        stopped,
        owner=owner,
        heartbeat_at=now,
        stage="starting again",
        cancel_requested_by=None,
    )


def claim_queued(store: Store, job_id: int, owner: str, stale: float = 3 * HEARTBEAT) -> JobInfo | None:
    """A cluster's worker claims the job to run it: a queued one, or a running one whose heartbeat
    stopped ``stale`` seconds ago (its worker died and the cluster runs the task again). None:
    another worker has it, it ended, or another job of its team is running (one a team)."""
    now = dt.datetime.now(dt.UTC)
    stopped = (SolveJobRow.state == "running") & (
        SolveJobRow.heartbeat_at < now - dt.timedelta(seconds=stale)
    )
    try:
        return _take(
            store,
            job_id,
            (SolveJobRow.state == "queued") | stopped,
            state="running",
            owner=owner,
            heartbeat_at=now,
            stage="starting",
        )
    except IntegrityError:
        return None


def active(store: Store) -> list[JobInfo]:
    """Every queued or running job of every team, oldest first: the cluster's work as it stands."""
    with store.reading() as s:
        rows = s.scalars(select(SolveJobRow).where(SolveJobRow.state.in_(ACTIVE)).order_by(SolveJobRow.id))
        return [_info(r) for r in rows]


def next_queued(store: Store) -> list[JobInfo]:
    """For each team with no running job, its oldest queued job: the ones a cluster may start."""
    with store.reading() as s:
        busy = select(SolveJobRow.team_id).where(SolveJobRow.state == "running")
        rows = s.scalars(
            select(SolveJobRow)
            .where(SolveJobRow.state == "queued", SolveJobRow.team_id.not_in(busy))
            .order_by(SolveJobRow.id)
        )
        out: dict[int, JobInfo] = {}
        for r in rows:
            out.setdefault(r.team_id, _info(r))
        return list(out.values())


def team_jobs(store: Store, team_id: int, kind: str | None = None, *, limit: int = 50) -> list[JobInfo]:
    """The team's jobs of the team (plans and sweeps; of ``kind`` only when given), latest first."""
    with store.reading() as s:
        q = select(SolveJobRow).where(SolveJobRow.team_id == team_id, SolveJobRow.period_id.is_(None))
        if kind is not None:
            q = q.where(SolveJobRow.kind == kind)
        rows = s.scalars(q.order_by(SolveJobRow.id.desc()).limit(limit))
        return [_info(r) for r in rows]


def save_files(store: Store, job_id: int, files: dict[str, bytes]) -> None:
    """Keep the files a job wrote (replacing any of the same names: a job run again writes anew)."""
    with store.transaction() as s:
        if files:
            s.execute(delete(JobFileRow).where(JobFileRow.job_id == job_id, JobFileRow.name.in_(list(files))))
        s.add_all(JobFileRow(job_id=job_id, name=n, content=bytes(files[n])) for n in sorted(files))


def job_files(store: Store, job_id: int, prefix: str = "") -> dict[str, bytes]:
    """The job's files whose names start with ``prefix`` (``inputs/``: what it was given)."""
    with store.reading() as s:
        rows = s.scalars(
            select(JobFileRow).where(JobFileRow.job_id == job_id, JobFileRow.name.startswith(prefix))
        )
        return {r.name: bytes(r.content) for r in rows}


def file_sizes(store: Store, job_id: int) -> dict[str, int]:
    """The job's files by name, with their sizes in bytes (none read)."""
    with store.reading() as s:
        rows = s.execute(
            select(JobFileRow.name, func.length(JobFileRow.content))
            .where(JobFileRow.job_id == job_id)
            .order_by(JobFileRow.name)
        )
        return {str(n): int(size or 0) for n, size in rows}


def job_file(store: Store, job_id: int, name: str) -> bytes | None:
    """One of the job's files; None when it has none of that name."""
    with store.reading() as s:
        row = s.get(JobFileRow, (job_id, name))
        return bytes(row.content) if row is not None else None


@dataclass(frozen=True)
class YearFiles:
    """A team's year inputs as last saved: file name -> bytes, who saved them and when."""

    files: dict[str, bytes]
    saved_by: str = ""
    saved_at: dt.datetime | None = None


def save_year_files(store: Store, team_id: int, files: dict[str, bytes], actor: str) -> None:
    """Replace the team's year inputs by ``files`` (``leave.csv``, ``staffing.csv``,
    ``profile.csv``; a file not given is no longer there), in one transaction."""
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        s.execute(delete(YearFileRow).where(YearFileRow.team_id == team_id))
        s.add_all(
            YearFileRow(team_id=team_id, name=n, content=bytes(files[n]), saved_by=actor, saved_at=now)
            for n in sorted(files)
        )


def year_files(store: Store, team_id: int) -> YearFiles:
    """The team's year inputs (no files when none were saved)."""
    with store.reading() as s:
        rows = list(s.scalars(select(YearFileRow).where(YearFileRow.team_id == team_id)))
        if not rows:
            return YearFiles({})
        return YearFiles({r.name: bytes(r.content) for r in rows}, rows[0].saved_by, _utc(rows[0].saved_at))
