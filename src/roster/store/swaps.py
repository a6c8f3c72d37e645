"""Shift swaps kept in the store: offered, taken, and decided, one conditional update at a time.

A swap is a row (:class:`~roster.store.schema.SwapRow`) on the published version it was offered
on. Each step moves it from the state it was read in to the next (``UPDATE ... WHERE id = ? AND
state = ?``): of two people acting on one swap at the same moment (two colleagues taking it, a
manager approving as the offerer withdraws), one succeeds and the other is told what happened
(:class:`SwapConflict`). What a swap does to the roster is the workflow's
(:mod:`roster.workflow.swaps`); every step is also an event in the audit log of the version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update

from roster.store.errors import StoreError
from roster.store.schema import SwapRow, TeamRow, VersionRow
from roster.store.store import Store, _utc, version_event

OPEN = ("offered", "accepted")
"""States in which a swap still waits for someone."""

STATES = ("offered", "accepted", "approved", "refused", "withdrawn", "lapsed")


class SwapNotFound(StoreError):
    pass


class SwapConflict(StoreError):
    """The swap moved on since it was read (taken, decided or withdrawn by someone else)."""


@dataclass(frozen=True)
class SwapInfo:
    id: int
    team_id: int
    version_id: int
    shift_date: dt.date
    offered_by: str
    offered_to: str | None
    taker: str | None
    return_date: dt.date | None
    note: str
    state: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    decided_at: dt.datetime | None
    decided_by: str
    reason: str
    result_version_id: int | None

    @property
    def open(self) -> bool:
        return self.state in OPEN


def _info(row: SwapRow) -> SwapInfo:
    return SwapInfo(
        row.id,
        row.team_id,
        row.version_id,
        row.shift_date,
        row.offered_by,
        row.offered_to,
        row.taker,
        row.return_date,
        row.note,
        row.state,
        _utc(row.created_at),
        _utc(row.accepted_at) if row.accepted_at is not None else None,
        _utc(row.decided_at) if row.decided_at is not None else None,
        row.decided_by,
        row.reason,
        row.result_version_id,
    )


def add_offer(
    store: Store,
    version_id: int,
    shift_date: dt.date,
    offered_by: str,
    offered_to: str | None,
    note: str,
    *,
    actor: str,
    detail: str,
) -> SwapInfo:
    """A new offer of ``offered_by``'s shift on ``shift_date`` of ``version_id`` (logged as
    ``swap-offer`` with ``detail``). Refused when the same shift already has an open offer."""
    with store.transaction() as s:
        version = s.get(VersionRow, version_id)
        if version is None:
            raise StoreError(f"version v{version_id} is not in the store")
        already = s.scalar(
            select(SwapRow.id).where(
                SwapRow.version_id == version_id,
                SwapRow.shift_date == shift_date,
                SwapRow.offered_by == offered_by,
                SwapRow.state.in_(OPEN),
            )
        )
        if already is not None:
            raise SwapConflict(f"this shift is already offered (swap {already}): withdraw that offer first")
        row = SwapRow(
            team_id=version.team_id,
            version_id=version_id,
            shift_date=shift_date,
            offered_by=offered_by,
            offered_to=offered_to,
            note=note,
            state="offered",
            created_at=dt.datetime.now(dt.UTC),
            decided_by="",
            reason="",
        )
        s.add(row)
        s.flush()
        version_event(s, version_id, actor=actor, action="swap-offer", detail=f"swap {row.id}: {detail}")
        return _info(row)


def swap(store: Store, swap_id: int) -> SwapInfo:
    with store.reading() as s:
        row = s.get(SwapRow, swap_id)
        if row is None:
            raise SwapNotFound(f"swap {swap_id} is not in the store")
        return _info(row)


def named_team_swaps(store: Store, team: str | None = None) -> list[tuple[str, SwapInfo]]:
    """(team name, swap) of every team, or of ``team`` only, latest first."""
    with store.reading() as s:
        q = (
            select(SwapRow, TeamRow.name)
            .join(TeamRow, SwapRow.team_id == TeamRow.id)
            .order_by(SwapRow.id.desc())
        )
        if team is not None:
            q = q.where(TeamRow.name == team)
        return [(name, _info(row)) for row, name in s.execute(q)]


def team_swaps(store: Store, team_id: int) -> list[SwapInfo]:
    """The team's swaps, latest first."""
    with store.reading() as s:
        rows = s.scalars(select(SwapRow).where(SwapRow.team_id == team_id).order_by(SwapRow.id.desc()))
        return [_info(r) for r in rows]


def move(
    store: Store,
    swap_id: int,
    from_state: str | tuple[str, ...],
    to_state: str,
    *,
    actor: str,
    action: str,
    detail: str,
    reason: str = "",
    **values: Any,
) -> SwapInfo:
    """Move the swap from ``from_state`` to ``to_state`` with ``values`` (and an audit event), in
    one conditional update: :class:`SwapConflict` when it is no longer in ``from_state``."""
    states = (from_state,) if isinstance(from_state, str) else from_state
    now = dt.datetime.now(dt.UTC)
    if to_state == "accepted":
        values.setdefault("accepted_at", now)
    elif to_state not in OPEN:
        values.setdefault("decided_at", now)
        values.setdefault("decided_by", actor)
        values.setdefault("reason", reason)
    with store.transaction() as s:
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
            update(SwapRow)
            .where(SwapRow.id == swap_id, SwapRow.state.in_(states))
            .values(state=to_state, **values)
            .execution_options(synchronize_session=False)
        )
        row = s.get(SwapRow, swap_id)
        if row is None:
            raise SwapNotFound(f"swap {swap_id} is not in the store")
        if done.rowcount != 1:
            raise SwapConflict(f"swap {swap_id} is {row.state} now: reload the page to see what happened")
        s.refresh(row)
        version_event(
            s, row.version_id, actor=actor, action=action, detail=f"swap {swap_id}: {detail}", reason=reason
        )
        return _info(row)


def version_swaps(store: Store, version_id: int) -> list[SwapInfo]:
    with store.reading() as s:
        return [_info(r) for r in s.scalars(select(SwapRow).where(SwapRow.version_id == version_id))]


def set_result(store: Store, swap_id: int, version_id: int) -> None:
    """The version an approved swap was made into."""
    with store.transaction() as s:
        s.execute(update(SwapRow).where(SwapRow.id == swap_id).values(result_version_id=version_id))


def carry(store: Store, swap_id: int, version_id: int, *, actor: str) -> None:
    """An open swap now stands on ``version_id`` (its shifts unchanged there), logged on both."""
    with store.transaction() as s:
        row = s.get(SwapRow, swap_id)
        if row is None or row.state not in OPEN:
            return
        old = row.version_id
        row.version_id = version_id
        detail = f"swap {swap_id}: carried to v{version_id}, its shifts unchanged"
        version_event(s, old, actor=actor, action="swap-carry", detail=detail)


def lapse(store: Store, swap_id: int, *, actor: str, why: str) -> SwapInfo:
    """An open swap lapses (its roster changed before it was decided), saying ``why``."""
    return move(store, swap_id, OPEN, "lapsed", actor=actor, action="swap-lapse", detail=why)
