"""Volunteers for open shifts kept in the store, one conditional update at a time.

An open shift is not a row: it is derived from the published version (the hours it leaves short
of minimum cover, :mod:`roster.workflow.open_shifts`). A volunteer is a row
(:class:`~roster.store.schema.VolunteerRow`) naming the version, the open shift's date, times
and skill, and the person. Each step moves it from the state it was read in (``UPDATE ... WHERE
id = ? AND state = ?``), so a manager granting as the person withdraws cannot both succeed; every
step is also an event in the audit log of the version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update

from roster.store.errors import StoreError
from roster.store.schema import TeamRow, VersionRow, VolunteerRow
from roster.store.store import Store, _utc, version_event

STATES = ("volunteered", "granted", "declined", "withdrawn", "lapsed")


class VolunteerNotFound(StoreError):
    pass


class VolunteerConflict(StoreError):
    """The volunteer moved on since it was read (granted, declined, withdrawn or lapsed)."""


@dataclass(frozen=True)
class VolunteerInfo:
    id: int
    team_id: int
    version_id: int
    shift_date: dt.date
    start_minute: int
    end_minute: int
    skill: str
    employee_id: str
    note: str
    state: str
    created_at: dt.datetime
    created_by: str
    decided_at: dt.datetime | None
    decided_by: str
    reason: str
    result_version_id: int | None

    @property
    def key(self) -> tuple[dt.date, int, int, str]:
        """The open shift it is for: date, start, end, skill."""
        return (self.shift_date, self.start_minute, self.end_minute, self.skill)


def _info(row: VolunteerRow) -> VolunteerInfo:
    return VolunteerInfo(
        row.id,
        row.team_id,
        row.version_id,
        row.shift_date,
        row.start_minute,
        row.end_minute,
        row.skill,
        row.employee_id,
        row.note,
        row.state,
        _utc(row.created_at),
        row.created_by,
        _utc(row.decided_at) if row.decided_at is not None else None,
        row.decided_by,
        row.reason,
        row.result_version_id,
    )


def add_volunteer(
    store: Store,
    version_id: int,
    key: tuple[dt.date, int, int, str],
    employee_id: str,
    note: str,
    *,
    actor: str,
    detail: str,
) -> VolunteerInfo:
    """``employee_id`` volunteers for the open shift ``key`` of ``version_id`` (logged as
    ``open-volunteer``); refused when they already volunteered for it."""
    day, start, end, skill = key
    with store.transaction() as s:
        version = s.get(VersionRow, version_id)
        if version is None:
            raise StoreError(f"version v{version_id} is not in the store")
        already = s.scalar(
            select(VolunteerRow.id).where(
                VolunteerRow.version_id == version_id,
                VolunteerRow.shift_date == day,
                VolunteerRow.start_minute == start,
                VolunteerRow.end_minute == end,
                VolunteerRow.skill == skill,
                VolunteerRow.employee_id == employee_id,
                VolunteerRow.state == "volunteered",
            )
        )
        if already is not None:
            raise VolunteerConflict("you have already volunteered for this shift")
        row = VolunteerRow(
            team_id=version.team_id,
            version_id=version_id,
            shift_date=day,
            start_minute=start,
            end_minute=end,
            skill=skill,
            employee_id=employee_id,
            note=note,
            state="volunteered",
            created_at=dt.datetime.now(dt.UTC),
            created_by=actor,
            decided_by="",
            reason="",
        )
        s.add(row)
        s.flush()
        version_event(
            s, version_id, actor=actor, action="open-volunteer", detail=f"volunteer {row.id}: {detail}"
        )
        return _info(row)


def volunteer(store: Store, volunteer_id: int) -> VolunteerInfo:
    with store.reading() as s:
        row = s.get(VolunteerRow, volunteer_id)
        if row is None:
            raise VolunteerNotFound(f"volunteer {volunteer_id} is not in the store")
        return _info(row)


def team_volunteers(store: Store, team_id: int) -> list[VolunteerInfo]:
    """Every volunteer of the team, the newest first."""
    with store.reading() as s:
        rows = s.scalars(
            select(VolunteerRow).where(VolunteerRow.team_id == team_id).order_by(VolunteerRow.id.desc())
        )
        return [_info(r) for r in rows]


def move(
    store: Store,
    volunteer_id: int,
    from_state: str,
    to_state: str,
    *,
    actor: str,
    action: str,
    detail: str,
    reason: str = "",
    **values: Any,
) -> VolunteerInfo:
    """Move the volunteer from ``from_state`` to ``to_state`` (and an audit event), in one
    conditional update: :class:`VolunteerConflict` when it is no longer in ``from_state``."""
    values.setdefault("decided_at", dt.datetime.now(dt.UTC))
    values.setdefault("decided_by", actor)
    values.setdefault("reason", reason)
    with store.transaction() as s:
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
            update(VolunteerRow)
            .where(VolunteerRow.id == volunteer_id, VolunteerRow.state == from_state)
            .values(state=to_state, **values)
            .execution_options(synchronize_session=False)
        )
        row = s.get(VolunteerRow, volunteer_id)
        if row is None:
            raise VolunteerNotFound(f"volunteer {volunteer_id} is not in the store")
        if done.rowcount != 1:
            raise VolunteerConflict(
                f"volunteer {volunteer_id} is {row.state} now: reload the page to see what happened"
            )
        s.refresh(row)
        version_event(
            s,
            row.version_id,
            actor=actor,
            action=action,
            detail=f"volunteer {volunteer_id}: {detail}",
            reason=reason,
        )
        return _info(row)


def carry(store: Store, volunteer_id: int, version_id: int, *, actor: str) -> None:
    """A waiting volunteer now stands on ``version_id`` (its open shift still open there)."""
    with store.transaction() as s:
        row = s.get(VolunteerRow, volunteer_id)
        if row is None or row.state != "volunteered":
            return
        old = row.version_id
        row.version_id = version_id
        detail = f"volunteer {volunteer_id}: carried to v{version_id}, the shift still open"
        version_event(s, old, actor=actor, action="open-carry", detail=detail)


def version_volunteers(store: Store, version_id: int) -> list[VolunteerInfo]:
    with store.reading() as s:
        return [
            _info(r) for r in s.scalars(select(VolunteerRow).where(VolunteerRow.version_id == version_id))
        ]


def set_result(store: Store, volunteer_id: int, version_id: int) -> None:
    """The version a granted shift was made into."""
    with store.transaction() as s:
        s.execute(
            update(VolunteerRow).where(VolunteerRow.id == volunteer_id).values(result_version_id=version_id)
        )


def named_team_volunteers(store: Store, team: str | None = None) -> list[tuple[str, VolunteerInfo]]:
    """(team name, volunteer) of every team, or of ``team`` only, latest first."""
    with store.reading() as s:
        q = (
            select(VolunteerRow, TeamRow.name)
            .join(TeamRow, VolunteerRow.team_id == TeamRow.id)
            .order_by(VolunteerRow.id.desc())
        )
        if team is not None:
            q = q.where(TeamRow.name == team)
        return [(name, _info(row)) for row, name in s.execute(q)]
