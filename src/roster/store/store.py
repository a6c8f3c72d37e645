"""The roster store: teams, scenario snapshots, roster versions, the audit log.

Where the store is and how it is opened and migrated is :mod:`roster.store.database`; roster
periods and their wishes are :mod:`roster.store.periods`, accounts :mod:`roster.store.people`.

Every write is one transaction: a crash (even ``kill -9``) leaves the store as it was
before the write or after it, never between. A version is never rewritten once saved:
an amendment is a new version whose parent leads to it (``next_id``), and only the
parent's status changes. Two people amending the same version: the second save finds
the parent already led on (or its revision moved) and gets :class:`VersionConflict`
naming the newer version; SQLAlchemy's version counter (``revision``) closes the race
between that check and the update (optimistic locking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from roster.domain import Roster, Shift
from roster.store.database import Database, describe, open_database
from roster.store.errors import StoreError, VersionConflict, VersionNotFound
from roster.store.schema import (
    DayWishRow,
    EventRow,
    PeriodRow,
    ShiftRow,
    SnapshotFileRow,
    SnapshotRow,
    SolveJobRow,
    StandingWishRow,
    SubmissionRow,
    SwapRow,
    TeamRow,
    VersionRow,
)
from roster.store.snapshots import snapshot_in, team_in

STATUSES = ("draft", "amended", "accepted", "superseded")
"""A version's life: a solve saves a draft; an amendment of a draft (or of an amended
version) is ``amended`` and supersedes it; an amendment of an accepted version is a new
draft (the accepted one stays accepted until another is accepted for its period);
accepting a version supersedes the team's earlier accepted version of the same period."""

OPEN = ("draft", "amended")


@dataclass(frozen=True)
class VersionInfo:
    id: int
    team: str
    status: str
    revision: int
    parent_id: int | None
    next_id: int | None
    objective: int | None
    """The independent validator's objective of the roster."""
    hard_violations: int
    source: str
    created_by: str
    created_at: dt.datetime
    note: str
    snapshot_id: int
    snapshot_sha256: str
    period_start: dt.date
    weeks: int
    shifts: int
    solver_objective: int | None = None
    """The solver's own objective for the request it solved (a re-solve's includes STABILITY,
    its cost of moving shifts from the base); None for a roster amended by hand."""

    @property
    def label(self) -> str:
        return f"v{self.id}"


@dataclass(frozen=True)
class Event:
    id: int
    at: dt.datetime
    actor: str
    action: str
    team: str
    version_id: int | None
    detail: str
    reason: str


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without their zone: they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class Store(Database):
    """The store's versions, snapshots and audit log over its database (see the module docstring).
    Use :func:`open_store`."""

    # -- writing -----------------------------------------------------------------------
    def save(
        self,
        team: str,
        files: Mapping[str, bytes],
        period_start: dt.date,
        weeks: int,
        roster: Roster,
        *,
        actor: str,
        source: str,
        objective: int | None,
        hard_violations: int,
        note: str = "",
        parent: tuple[int, int] | None = None,
        reason: str = "",
        now: dt.datetime | None = None,
        solver_objective: int | None = None,
    ) -> VersionInfo:
        """Save ``roster`` as a new version of ``team`` (its inputs ``files`` as a snapshot).

        ``parent``: (version id, the revision the caller read) when this amends that version;
        the save then fails with :class:`VersionConflict` if the parent was amended or
        accepted since. ``objective`` is the validator's, ``solver_objective`` the solver's own
        (None when no solver made the roster). One transaction: the version, its shifts, the
        parent's status and the event all land, or none does. ``now``: the time recorded
        (default: now; for records brought over from another system).
        """
        for attempt in range(2):
            try:
                with self.transaction() as s:
                    return self._save(
                        s,
                        team,
                        files,
                        period_start,
                        weeks,
                        roster,
                        actor,
                        source,
                        (objective, solver_objective),
                        hard_violations,
                        note,
                        parent,
                        reason,
                        now,
                    )
            except IntegrityError:
                if attempt == 1:  # a concurrent save made the same team or snapshot: once more
                    raise
            except StaleDataError:
                assert parent is not None
                raise self._conflict(parent[0]) from None
        raise AssertionError("unreachable")

    def _save(
        self,
        s: Session,
        team: str,
        files: Mapping[str, bytes],
        period_start: dt.date,
        weeks: int,
        roster: Roster,
        actor: str,
        source: str,
        objectives: tuple[int | None, int | None],
        hard: int,
        note: str,
        parent: tuple[int, int] | None,
        reason: str,
        at: dt.datetime | None,
    ) -> VersionInfo:
        objective, solver_objective = objectives
        now = at or dt.datetime.now(dt.UTC)
        team_row = team_in(s, team, now)
        snap = snapshot_in(s, team_row, files, period_start, weeks, now)
        status = "draft"
        parent_row: VersionRow | None = None
        if parent is not None:
            parent_row = s.get(VersionRow, parent[0])
            if parent_row is None:
                raise VersionNotFound(f"version v{parent[0]} is not in the store")
            if parent_row.next_id is not None or parent_row.revision != parent[1]:
                raise self._conflict(parent[0], parent_row)
            if parent_row.status == "superseded":
                raise StoreError(f"version v{parent[0]} is superseded: amend the team's current version")
            status = "amended" if parent_row.status in OPEN else "draft"
        row = VersionRow(
            team_id=team_row.id,
            snapshot_id=snap.id,
            parent_id=parent[0] if parent else None,
            next_id=None,
            status=status,
            objective=objective,
            solver_objective=solver_objective,
            hard_violations=hard,
            source=source,
            created_by=actor,
            created_at=now,
            note=note,
        )
        s.add(row)
        s.flush()
        s.add_all(
            ShiftRow(
                version_id=row.id,
                employee_id=sh.employee_id,
                date=sh.date,
                start=sh.start,
                end=sh.end,
                break_start=sh.break_start,
                break_end=sh.break_end,
            )
            for sh in roster.shifts
        )
        if parent_row is not None:
            parent_row.next_id = row.id
            if parent_row.status in OPEN:
                parent_row.status = "superseded"
        action = "create" if parent is None else "amend"
        detail = f"{source}: {len(roster.shifts)} shifts, objective {objective}, {hard} hard violation(s)"
        if solver_objective is not None and solver_objective != objective:
            detail += f"; the solver's objective {solver_objective}"
        if parent is not None:
            detail += f"; from v{parent[0]}"
        s.add(
            EventRow(
                at=now,
                actor=actor,
                action=action,
                team_id=team_row.id,
                version_id=row.id,
                detail=detail,
                reason=reason,
            )
        )
        s.flush()
        return self._info(s, row)

    def check_amendable(self, version_id: int, revision: int) -> None:
        """Raise what :meth:`save` would for an amendment of ``version_id`` read at ``revision``
        (before a long re-solve, not after it); the save checks again."""
        with self._sessions() as s:
            row = s.get(VersionRow, version_id)
            if row is None:
                raise VersionNotFound(f"version v{version_id} is not in the store")
            if row.next_id is not None or row.revision != revision:
                raise self._conflict(version_id, row)
            if row.status == "superseded":
                raise StoreError(f"version v{version_id} is superseded: amend the team's current version")

    def set_status(
        self,
        version_id: int,
        revision: int,
        status: str,
        *,
        actor: str,
        action: str,
        detail: str = "",
        reason: str = "",
        now: dt.datetime | None = None,
    ) -> VersionInfo:
        """Move ``version_id`` (read at ``revision``) to ``status`` and log ``action``.

        Accepting supersedes the team's earlier accepted version of the same period, in the
        same transaction. A version amended or accepted by someone else since it was read
        raises :class:`VersionConflict`."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        try:
            with self.transaction() as s:
                row = s.get(VersionRow, version_id)
                if row is None:
                    raise VersionNotFound(f"version v{version_id} is not in the store")
                if row.revision != revision or row.next_id is not None:
                    raise self._conflict(version_id, row)
                at = now or dt.datetime.now(dt.UTC)
                if status == "accepted":
                    snap = s.get(SnapshotRow, row.snapshot_id)
                    assert snap is not None
                    earlier = s.scalars(
                        select(VersionRow)
                        .join(SnapshotRow, VersionRow.snapshot_id == SnapshotRow.id)
                        .where(
                            VersionRow.team_id == row.team_id,
                            VersionRow.status == "accepted",
                            VersionRow.id != row.id,
                            SnapshotRow.period_start == snap.period_start,
                        )
                    ).all()
                    for old in earlier:
                        old.status = "superseded"
                        s.add(
                            EventRow(
                                at=at,
                                actor=actor,
                                action="supersede",
                                team_id=row.team_id,
                                version_id=old.id,
                                detail=f"superseded by v{row.id}",
                                reason="",
                            )
                        )
                row.status = status
                s.add(
                    EventRow(
                        at=at,
                        actor=actor,
                        action=action,
                        team_id=row.team_id,
                        version_id=row.id,
                        detail=detail,
                        reason=reason,
                    )
                )
                s.flush()
                return self._info(s, row)
        except StaleDataError:
            raise self._conflict(version_id) from None

    def log_event(
        self, version_id: int, *, actor: str, action: str, detail: str = "", reason: str = ""
    ) -> None:
        """Append an event about a version (a publish, a refused accept)."""
        with self.transaction() as s:
            version_event(s, version_id, actor=actor, action=action, detail=detail, reason=reason)

    def purge(self, cutoff: dt.datetime, *, actor: str, dry_run: bool = False) -> dict[str, int]:
        """Remove what is older than ``cutoff``: each version created before it whose events are
        all before it, with its shifts, events and swaps; each roster period opened and ended before it,
        with its wishes; and snapshots no version or period uses any more. Each
        team's last accepted version is always kept (with its snapshot), and a kept version's
        parent link to a removed one is cleared. A ``purge`` event is logged per team touched.
        One transaction. Returns the counts removed (``dry_run``: counted, nothing removed)."""
        counts = {"versions": 0, "shifts": 0, "events": 0, "snapshots": 0, "periods": 0}
        with self.transaction() as s:
            last_accepted = {
                team: vid
                for team, vid in s.execute(
                    select(VersionRow.team_id, func.max(VersionRow.id))
                    .where(VersionRow.status == "accepted")
                    .group_by(VersionRow.team_id)
                )
            }
            latest_event = dict(
                s.execute(
                    select(EventRow.version_id, func.max(EventRow.at)).group_by(EventRow.version_id)
                ).all()
            )
            gone: list[VersionRow] = []
            for row in s.scalars(select(VersionRow).order_by(VersionRow.id)):
                if row.id == last_accepted.get(row.team_id) or _utc(row.created_at) >= cutoff:
                    continue
                last = latest_event.get(row.id)
                if last is not None and _utc(last) >= cutoff:
                    continue
                gone.append(row)
            ids = [r.id for r in gone]
            teams = sorted({r.team_id for r in gone})
            if ids:
                counts["versions"] = len(ids)
                counts["shifts"] = int(
                    s.scalar(select(func.count()).select_from(ShiftRow).where(ShiftRow.version_id.in_(ids)))
                    or 0
                )
                counts["events"] = int(
                    s.scalar(select(func.count()).select_from(EventRow).where(EventRow.version_id.in_(ids)))
                    or 0
                )
            periods = [
                p
                for p in s.scalars(select(PeriodRow))
                if _utc(p.opened_at) < cutoff
                and dt.datetime.combine(p.start_date + dt.timedelta(weeks=p.weeks), dt.time(), dt.UTC)
                <= cutoff
            ]
            period_ids = [p.id for p in periods]
            counts["periods"] = len(period_ids)
            teams = sorted(set(teams) | {p.team_id for p in periods})
            used = set(s.scalars(select(VersionRow.snapshot_id).where(VersionRow.id.not_in(ids))))
            used |= set(s.scalars(select(PeriodRow.snapshot_id).where(PeriodRow.id.not_in(period_ids))))
            orphans = [sid for sid in s.scalars(select(SnapshotRow.id)) if sid not in used]
            counts["snapshots"] = len(orphans)
            if dry_run or not (ids or orphans or period_ids):
                return counts  # nothing changed: the transaction commits nothing
            from sqlalchemy import delete, update

            s.execute(
                update(VersionRow).where(VersionRow.parent_id.in_(ids)).values(parent_id=None),
                execution_options={"synchronize_session": False},
            )
            s.execute(delete(ShiftRow).where(ShiftRow.version_id.in_(ids)))
            s.execute(delete(EventRow).where(EventRow.version_id.in_(ids)))
            s.execute(  # the swaps offered on, or made into, a removed version go with it
                delete(SwapRow).where(SwapRow.version_id.in_(ids) | SwapRow.result_version_id.in_(ids))
            )
            s.execute(  # and the web page's solves of a removed period or version
                delete(SolveJobRow).where(
                    SolveJobRow.period_id.in_(period_ids) | SolveJobRow.version_id.in_(ids)
                )
            )
            s.execute(delete(VersionRow).where(VersionRow.id.in_(ids)))
            for table in (DayWishRow, StandingWishRow, SubmissionRow):
                s.execute(delete(table).where(table.period_id.in_(period_ids)))
            s.execute(delete(PeriodRow).where(PeriodRow.id.in_(period_ids)))
            s.execute(delete(SnapshotFileRow).where(SnapshotFileRow.snapshot_id.in_(orphans)))
            s.execute(delete(SnapshotRow).where(SnapshotRow.id.in_(orphans)))
            now = dt.datetime.now(dt.UTC)
            for team in teams:
                s.add(
                    EventRow(
                        at=now,
                        actor=actor,
                        action="purge",
                        team_id=team,
                        version_id=None,
                        detail=f"records before {cutoff:%Y-%m-%d} removed: {counts['versions']} "
                        f"version(s), {counts['shifts']} shifts, {counts['events']} events, "
                        f"{counts['periods']} roster period(s) with their wishes",
                        reason="",
                    )
                )
        return counts

    def _conflict(self, version_id: int, row: VersionRow | None = None) -> VersionConflict:
        if row is None:
            with self._sessions() as s:
                row = s.get(VersionRow, version_id)
        newer = row.next_id if row is not None else None
        if newer is not None:
            return VersionConflict(
                f"version v{version_id} was changed by someone else while you worked on it: it is now "
                f"amended as v{newer}. Nothing was saved; look at v{newer} (roster log) and amend that",
                newer,
            )
        status = row.status if row is not None else "changed"
        return VersionConflict(
            f"version v{version_id} was changed by someone else while you worked on it (it is now "
            f"{status}). Nothing was saved; look at it again (roster log) and repeat your change",
            None,
        )

    # -- reading -----------------------------------------------------------------------
    def _info(self, s: Session, row: VersionRow) -> VersionInfo:
        team = s.get(TeamRow, row.team_id)
        snap = s.get(SnapshotRow, row.snapshot_id)
        assert team is not None and snap is not None
        n = s.scalar(select(func.count()).select_from(ShiftRow).where(ShiftRow.version_id == row.id)) or 0
        return VersionInfo(
            id=row.id,
            team=team.name,
            status=row.status,
            revision=row.revision,
            parent_id=row.parent_id,
            next_id=row.next_id,
            objective=row.objective,
            hard_violations=row.hard_violations,
            source=row.source,
            created_by=row.created_by,
            created_at=_utc(row.created_at),
            note=row.note,
            snapshot_id=snap.id,
            snapshot_sha256=snap.sha256,
            period_start=snap.period_start,
            weeks=snap.weeks,
            shifts=int(n),
            solver_objective=row.solver_objective,
        )

    def version(self, version_id: int) -> VersionInfo:
        with self._sessions() as s:
            row = s.get(VersionRow, version_id)
            if row is None:
                raise VersionNotFound(f"version v{version_id} is not in the store ({describe(self.url)})")
            return self._info(s, row)

    def versions(self, team: str | None = None) -> list[VersionInfo]:
        with self._sessions() as s:
            q = select(VersionRow).order_by(VersionRow.id)
            if team is not None:
                q = q.join(TeamRow, VersionRow.team_id == TeamRow.id).where(TeamRow.name == team)
            return [self._info(s, row) for row in s.scalars(q)]

    def teams(self) -> list[str]:
        with self._sessions() as s:
            return list(s.scalars(select(TeamRow.name).order_by(TeamRow.name)))

    def roster(self, version_id: int) -> Roster:
        with self._sessions() as s:
            rows = s.scalars(
                select(ShiftRow)
                .where(ShiftRow.version_id == version_id)
                .order_by(ShiftRow.employee_id, ShiftRow.date, ShiftRow.start)
            ).all()
        return Roster(
            shifts=tuple(
                Shift(
                    employee_id=r.employee_id,
                    date=r.date,
                    start=r.start,
                    end=r.end,
                    break_start=r.break_start,
                    break_end=r.break_end,
                )
                for r in rows
            )
        )

    def files(self, version_id: int) -> dict[str, bytes]:
        """The input files of the version's scenario snapshot."""
        return self.snapshot_files(self.version(version_id).snapshot_id)

    def snapshot_files(self, snapshot_id: int) -> dict[str, bytes]:
        """The input files of a scenario snapshot."""
        with self._sessions() as s:
            rows = s.scalars(select(SnapshotFileRow).where(SnapshotFileRow.snapshot_id == snapshot_id))
            return {r.name: bytes(r.content) for r in rows}

    def snapshots(self) -> int:
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).select_from(SnapshotRow)) or 0)

    def events(self, team: str | None = None, version_id: int | None = None) -> list[Event]:
        with self._sessions() as s:
            q = (
                select(EventRow, TeamRow.name)
                .join(TeamRow, EventRow.team_id == TeamRow.id)
                .order_by(EventRow.id)
            )
            if team is not None:
                q = q.where(TeamRow.name == team)
            if version_id is not None:
                q = q.where(EventRow.version_id == version_id)
            return [
                Event(
                    id=e.id,
                    at=_utc(e.at),
                    actor=e.actor,
                    action=e.action,
                    team=name,
                    version_id=e.version_id,
                    detail=e.detail,
                    reason=e.reason,
                )
                for e, name in s.execute(q)
            ]


def version_event(
    s: Session, version_id: int, *, actor: str, action: str, detail: str, reason: str = ""
) -> None:
    """Append an event about a version to the audit log, in the caller's transaction."""
    row = s.get(VersionRow, version_id)
    if row is None:
        raise VersionNotFound(f"version v{version_id} is not in the store")
    add_event(s, row.team_id, version_id, actor=actor, action=action, detail=detail, reason=reason)


def add_event(
    s: Session,
    team_id: int,
    version_id: int | None,
    *,
    actor: str,
    action: str,
    detail: str,
    reason: str = "",
) -> None:
    """Append an event of ``team_id`` (about ``version_id``, or the team) to the audit log, in the
    caller's transaction."""
    s.add(
        EventRow(
            at=dt.datetime.now(dt.UTC),
            actor=actor,
            action=action,
            team_id=team_id,
            version_id=version_id,
            detail=detail,
            reason=reason,
        )
    )


def open_store(db: str | None = None, *, writable: bool = False) -> Store:
    """Open (and if need be create or migrate) the store at ``db``
    (:func:`~roster.store.database.resolve_url`); ``writable``: also check that it can be written
    (:meth:`Store.check_writable`).

    Raises :class:`StoreError` with the URL (password hidden) and what to do when it cannot be
    used: an address that is no database roster can use, a database it cannot reach, a store
    that is read-only, damaged or not a store at all, or one made by a newer roster."""
    return open_database(Store, db, writable=writable)
