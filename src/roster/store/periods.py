"""Roster periods open for wishes, and the wishes staff give for them.

A **period** is a team's next roster: its scenario (a snapshot of the input files, as a
solve's) and whether staff may still give wishes (``open``) or not (``closed``). Each
person's **wishes** are the rows they would write in ``preferences.csv`` (a day's indicated
pattern) and ``wishes.csv`` (standing wishes); the store keeps them as rows, saved a
person at a time in one transaction, so fifty people saving at once lose nothing, and a
save from a page read before another save of the same person's wishes is refused
(:class:`WishesConflict`) rather than silently replacing it. A save into a closed period
is refused in the same transaction that would write it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roster.domain import DayPreference, StandingWish
from roster.store.errors import StoreError
from roster.store.schema import (
    DayWishRow,
    EventRow,
    PeriodRow,
    StandingWishRow,
    SubmissionRow,
    TeamRow,
)
from roster.store.snapshots import snapshot_in, team_in
from roster.store.store import Store, _utc, add_event

PERIOD_STATUSES = ("open", "closed")


class PeriodNotFound(StoreError):
    pass


class PeriodClosed(StoreError):
    """Wishes were saved into a period that is no longer open."""


class WishesConflict(StoreError):
    """The person's wishes were saved elsewhere since this page read them."""


@dataclass(frozen=True)
class PeriodInfo:
    id: int
    team_id: int
    team: str
    snapshot_id: int
    start_date: dt.date
    weeks: int
    status: str
    opened_by: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def end_date(self) -> dt.date:
        return self.start_date + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def label(self) -> str:
        return f"{self.start_date:%d %b %Y} to {self.end_date:%d %b %Y}"


@dataclass(frozen=True)
class Submission:
    employee_id: str
    revision: int
    saved_at: dt.datetime
    saved_by: str


def _info(s: Session, row: PeriodRow) -> PeriodInfo:
    team = s.get(TeamRow, row.team_id)
    assert team is not None
    return PeriodInfo(
        row.id,
        row.team_id,
        team.name,
        row.snapshot_id,
        row.start_date,
        row.weeks,
        row.status,
        row.opened_by,
        _utc(row.opened_at),
        _utc(row.closed_at) if row.closed_at else None,
    )


def _day_rows(period_id: int, prefs: Sequence[DayPreference]) -> list[DayWishRow]:
    return [
        DayWishRow(
            period_id=period_id,
            employee_id=p.employee_id,
            date=p.date,
            kind=p.kind,
            start=p.start,
            end=p.end,
            strength=p.strength,
        )
        for p in prefs
        if p.kind != "any"
    ]


def _standing_rows(period_id: int, wishes: Sequence[StandingWish]) -> list[StandingWishRow]:
    return [
        StandingWishRow(
            period_id=period_id,
            employee_id=w.employee_id,
            weekday=w.weekday,
            kind=w.kind,
            time=w.time,
            strength=w.strength,
        )
        for w in wishes
    ]


def open_period(
    store: Store,
    team: str,
    files: Mapping[str, bytes],
    start: dt.date,
    weeks: int,
    *,
    actor: str,
    prefs: Sequence[DayPreference] = (),
    wishes: Sequence[StandingWish] = (),
    given_by: str = "",
) -> PeriodInfo:
    """Open the period of ``team`` from ``start`` for wishes, its scenario ``files`` stored as a snapshot.

    ``prefs`` and ``wishes`` (the scenario's own, read from the files by the caller) become the
    people's wishes, each person who has some counted as having given them (``given_by`` says
    where they came from). One transaction; a period of the team from the same date already
    in the store is refused."""
    now = dt.datetime.now(dt.UTC)
    try:
        with store.transaction() as s:
            team_row = team_in(s, team, now)
            snap = snapshot_in(s, team_row, files, start, weeks, now)
            row = PeriodRow(
                team_id=team_row.id,
                snapshot_id=snap.id,
                start_date=start,
                weeks=weeks,
                status="open",
                opened_by=actor,
                opened_at=now,
                closed_at=None,
            )
            s.add(row)
            s.flush()
            s.add_all(_day_rows(row.id, prefs))
            s.add_all(_standing_rows(row.id, wishes))
            people = sorted(
                {p.employee_id for p in prefs if p.kind != "any"} | {w.employee_id for w in wishes}
            )
            s.add_all(
                SubmissionRow(
                    period_id=row.id, employee_id=e, revision=1, saved_at=now, saved_by=given_by or actor
                )
                for e in people
            )
            s.add(
                EventRow(
                    at=now,
                    actor=actor,
                    action="open",
                    team_id=team_row.id,
                    version_id=None,
                    detail=f"roster period from {start} ({weeks} weeks) opened for wishes; "
                    f"{len(people)} people's wishes from the scenario",
                    reason="",
                )
            )
            s.flush()
            return _info(s, row)
    except IntegrityError:
        raise StoreError(
            f"{team} already has a roster period from {start}: open it on the web page, or "
            "choose another start"
        ) from None


def period(store: Store, period_id: int) -> PeriodInfo:
    with store.reading() as s:
        row = s.get(PeriodRow, period_id)
        if row is None:
            raise PeriodNotFound(f"roster period {period_id} is not in the store")
        return _info(s, row)


def periods(store: Store, team_id: int | None = None) -> list[PeriodInfo]:
    """The periods of a team (or of every team), latest first."""
    with store.reading() as s:
        q = select(PeriodRow).order_by(PeriodRow.start_date.desc(), PeriodRow.id.desc())
        if team_id is not None:
            q = q.where(PeriodRow.team_id == team_id)
        return [_info(s, row) for row in s.scalars(q)]


def set_period_status(store: Store, period_id: int, status: str, *, actor: str) -> PeriodInfo:
    """Open or close a period for wishes (logged). Closing keeps every wish as it is."""
    if status not in PERIOD_STATUSES:
        raise ValueError(f"unknown period status {status!r}")
    with store.transaction() as s:
        row = s.get(PeriodRow, period_id, with_for_update=True)
        if row is None:
            raise PeriodNotFound(f"roster period {period_id} is not in the store")
        if row.status != status:
            now = dt.datetime.now(dt.UTC)
            row.status = status
            row.closed_at = now if status == "closed" else None
            verb = "closed: wishes are kept as they are" if status == "closed" else "opened again for wishes"
            s.add(
                EventRow(
                    at=now,
                    actor=actor,
                    action="close" if status == "closed" else "reopen",
                    team_id=row.team_id,
                    version_id=None,
                    detail=f"roster period from {row.start_date} {verb}",
                    reason="",
                )
            )
        s.flush()
        return _info(s, row)


def wishes_of(
    store: Store, period_id: int, employee_id: str | None = None
) -> tuple[tuple[DayPreference, ...], tuple[StandingWish, ...]]:
    """The wishes given for a period (one person's, or everyone's), by person and date."""
    with store.reading() as s:
        dq = select(DayWishRow).where(DayWishRow.period_id == period_id)
        wq = select(StandingWishRow).where(StandingWishRow.period_id == period_id)
        if employee_id is not None:
            dq = dq.where(DayWishRow.employee_id == employee_id)
            wq = wq.where(StandingWishRow.employee_id == employee_id)
        days = tuple(
            DayPreference(
                employee_id=r.employee_id,
                date=r.date,
                kind=r.kind,
                start=r.start,
                end=r.end,
                strength=r.strength,
            )
            for r in s.scalars(dq.order_by(DayWishRow.employee_id, DayWishRow.date))
        )
        standing = tuple(
            StandingWish(
                employee_id=r.employee_id, weekday=r.weekday, kind=r.kind, time=r.time, strength=r.strength
            )
            for r in s.scalars(wq.order_by(StandingWishRow.employee_id, StandingWishRow.id))
        )
        return days, standing


def submissions(store: Store, period_id: int) -> dict[str, Submission]:
    """Person -> when they (or someone for them) last saved their wishes for the period."""
    with store.reading() as s:
        rows = s.scalars(select(SubmissionRow).where(SubmissionRow.period_id == period_id))
        return {
            r.employee_id: Submission(r.employee_id, r.revision, _utc(r.saved_at), r.saved_by) for r in rows
        }


def save_wishes(
    store: Store,
    period_id: int,
    employee_id: str,
    prefs: Sequence[DayPreference],
    wishes: Sequence[StandingWish],
    *,
    actor: str,
    revision: int | None,
) -> Submission:
    """Replace ``employee_id``'s wishes for the period with these, in one transaction.

    ``revision``: the submission's revision the page was read at (0: none yet); a save since
    raises :class:`WishesConflict` and nothing is written. A closed period raises
    :class:`PeriodClosed`. ``None`` skips the revision check (an import)."""
    if any(p.employee_id != employee_id for p in prefs) or any(w.employee_id != employee_id for w in wishes):
        raise ValueError("every wish saved must be the person's own")
    now = dt.datetime.now(dt.UTC)
    try:
        with store.transaction() as s:
            row = s.get(PeriodRow, period_id, with_for_update={"read": True})
            if row is None:
                raise PeriodNotFound(f"roster period {period_id} is not in the store")
            if row.status != "open":
                raise PeriodClosed(
                    f"the roster period from {row.start_date:%d %b %Y} was closed for wishes"
                    + (f" at {_utc(row.closed_at):%H:%M on %d %b}" if row.closed_at else "")
                    + ": nothing was saved; ask the coordinator to change your wishes for you"
                )
            current = s.scalar(
                select(SubmissionRow.revision).where(
                    SubmissionRow.period_id == period_id, SubmissionRow.employee_id == employee_id
                )
            )
            if revision is not None and (current or 0) != revision:
                raise WishesConflict(
                    "your wishes were saved from another page or device after this page was opened: "
                    "nothing was saved here; reload the page to see them and make your change again"
                )
            new_revision = (current or 0) + 1
            if current is None:
                s.add(
                    SubmissionRow(
                        period_id=period_id,
                        employee_id=employee_id,
                        revision=new_revision,
                        saved_at=now,
                        saved_by=actor,
                    )
                )
            else:
                done = s.execute(
                    update(SubmissionRow)
                    .where(
                        SubmissionRow.period_id == period_id,
                        SubmissionRow.employee_id == employee_id,
                        SubmissionRow.revision == current,
                    )
                    .values(revision=new_revision, saved_at=now, saved_by=actor)
                )
                if done.rowcount != 1:  # type: ignore[attr-defined]
                    raise IntegrityError("submission changed", None, Exception())
            s.execute(
                delete(DayWishRow).where(
                    DayWishRow.period_id == period_id, DayWishRow.employee_id == employee_id
                )
            )
            s.execute(
                delete(StandingWishRow).where(
                    StandingWishRow.period_id == period_id, StandingWishRow.employee_id == employee_id
                )
            )
            s.add_all(_day_rows(period_id, prefs))
            s.add_all(_standing_rows(period_id, wishes))
            s.flush()
            return Submission(employee_id, new_revision, now, actor)
    except IntegrityError:
        raise WishesConflict(
            "your wishes were saved from another page or device at the same moment: nothing was saved "
            "here; reload the page to see them and make your change again"
        ) from None


def log_period_event(store: Store, period_id: int, *, actor: str, action: str, detail: str) -> None:
    """Append an event about a period (a solve started, stopped or failed)."""
    with store.transaction() as s:
        row = s.get(PeriodRow, period_id)
        if row is None:
            raise PeriodNotFound(f"roster period {period_id} is not in the store")
        add_event(s, row.team_id, None, actor=actor, action=action, detail=detail)


def log_team_event(store: Store, team_id: int, *, actor: str, action: str, detail: str) -> None:
    """Append an event about the team (a year plan or a sweep started)."""
    with store.transaction() as s:
        add_event(s, team_id, None, actor=actor, action=action, detail=detail)
