"""People who sign in to the team's web page, their roles per team, and the sign-in rate limit.

The store keeps a password only as the hash it is given (the web layer hashes with Argon2).
Sessions are kept here too (:func:`start_session`): the browser holds a random token, the store
its SHA-256; signing out deletes the session and a new password deletes all of the user's, so
a copied cookie ends with the session it belongs to. A user may hold several roles in a team (a
manager who also works shifts); a person of a team's scenario has at most one account
(``employee_id``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import CursorResult, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roster.store.errors import StoreError
from roster.store.schema import (
    EventRow,
    MembershipRow,
    ResetLinkRow,
    SessionRow,
    SettingRow,
    SignInCountRow,
    TeamRow,
    UserRow,
)
from roster.store.store import Store


class Role(StrEnum):
    """A role in a team (kept in the store as its value)."""

    EMPLOYEE = "employee"
    """Their own wishes, the team's published roster, their own statement and calendar."""
    COORDINATOR = "coordinator"
    """The team's wishes, opening and closing a period, solving."""
    MANAGER = "manager"
    """As a coordinator, and amending, accepting and publishing rosters."""


ROLES = tuple(r.value for r in Role)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    session_epoch: int
    calendar_token: str
    email: str | None = None
    """Where the person is told when their published shifts change (None: not by email)."""
    admin: bool = False
    """A council administrator: creates teams and gives people their roles in any team."""


@dataclass(frozen=True)
class Membership:
    user_id: int
    team_id: int
    team: str
    role: str
    employee_id: str | None


def _user(row: UserRow) -> User:
    return User(
        row.id, row.username, row.display_name, row.session_epoch, row.calendar_token, row.email, row.admin
    )


def normal_username(username: str) -> str:
    """User names are compared without case and surrounding space (``Ayesha`` signs in as ``ayesha``)."""
    return username.strip().lower()


def add_user(
    store: Store,
    username: str,
    display_name: str,
    password_hash: str,
    role: tuple[str, str, str | None] | None = None,
) -> User:
    """A new user, and with ``role`` (team, role, employee id) their first role, in one
    transaction: a role that cannot be given leaves no account behind. :class:`StoreError` when
    the name is taken or the role cannot be given (see :func:`grant`)."""
    name = normal_username(username)
    try:
        with store.transaction() as s:
            row = UserRow(
                username=name,
                display_name=display_name.strip() or name,
                password_hash=password_hash,
                calendar_token=secrets.token_urlsafe(24),
                session_epoch=0,
                created_at=dt.datetime.now(dt.UTC),
            )
            s.add(row)
            s.flush()
            if role is not None:
                _grant(s, row.id, *role)
            return _user(row)
    except IntegrityError as err:
        if role is not None and "employee" in str(err.orig).lower():
            raise StoreError(f"{role[2]} of {role[0]} already has an account") from None
        raise StoreError(f"the user name {name!r} is taken: choose another") from None


def count_users(store: Store) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(UserRow)) or 0)


def user(store: Store, user_id: int) -> User | None:
    with store.reading() as s:
        row = s.get(UserRow, user_id)
        return _user(row) if row is not None else None


def credentials(store: Store, username: str) -> tuple[User, str] | None:
    """The user signing in as ``username`` and their password hash, or None."""
    with store.reading() as s:
        row = s.scalar(select(UserRow).where(UserRow.username == normal_username(username)))
        return (_user(row), row.password_hash) if row is not None else None


def by_calendar_token(store: Store, token: str) -> User | None:
    with store.reading() as s:
        row = s.scalar(select(UserRow).where(UserRow.calendar_token == token))
        return _user(row) if row is not None else None


def set_password_hash(store: Store, user_id: int, password_hash: str, *, end_sessions: bool) -> None:
    """Store a new hash (a rehash with newer parameters keeps sessions; a new password ends every
    session of the user, in the same transaction)."""
    with store.transaction() as s:
        values: dict[str, object] = {"password_hash": password_hash}
        if end_sessions:
            values["session_epoch"] = UserRow.session_epoch + 1
            s.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
        s.execute(update(UserRow).where(UserRow.id == user_id).values(**values))


def set_email(store: Store, user_id: int, email: str | None) -> None:
    """The address the person is told at when their published shifts change (None: not by email).
    The caller checks it (:func:`roster.io.mail.checked_address`)."""
    with store.transaction() as s:
        s.execute(update(UserRow).where(UserRow.id == user_id).values(email=email))


def new_calendar_token(store: Store, user_id: int) -> str:
    """A new secret for the person's calendar subscription address: the old address opens nothing
    from now on (a calendar program subscribed to it must be given the new one)."""
    token = secrets.token_urlsafe(24)
    with store.transaction() as s:
        s.execute(update(UserRow).where(UserRow.id == user_id).values(calendar_token=token))
    return token


# -- one-time links to set a new password ---------------------------------------------------------


def make_reset_link(
    store: Store, user_id: int, team_ids: list[int], *, actor: str, valid: dt.timedelta, whom: str
) -> str:
    """A one-time link's token for ``user_id`` to set a new password, valid for ``valid``; the
    user's earlier links end with it, and the audit log of each of ``team_ids`` records who made
    it for ``whom`` (never the token). The store keeps only the token's SHA-256."""
    token = secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        s.execute(
            update(ResetLinkRow)
            .where(ResetLinkRow.user_id == user_id, ResetLinkRow.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        s.execute(delete(ResetLinkRow).where(ResetLinkRow.expires_at < now - dt.timedelta(days=30)))
        s.add(
            ResetLinkRow(
                id=_digest(token),
                user_id=user_id,
                made_by=actor,
                created_at=now,
                expires_at=now + valid,
            )
        )
        for team_id in team_ids:
            s.add(
                EventRow(
                    at=now,
                    actor=actor,
                    action="reset-link",
                    team_id=team_id,
                    version_id=None,
                    detail=f"a one-time link to set a new password, for {whom}, valid until "
                    f"{(now + valid):%Y-%m-%d %H:%M} UTC",
                    reason="",
                )
            )
    return token


def reset_link_user(store: Store, token: str) -> User | None:
    """The user a one-time link is for while it is unused and unexpired, else None."""
    if not 20 <= len(token) <= 100:
        return None
    with store.reading() as s:
        row = s.scalar(
            select(UserRow)
            .join(ResetLinkRow, ResetLinkRow.user_id == UserRow.id)
            .where(
                ResetLinkRow.id == _digest(token),
                ResetLinkRow.used_at.is_(None),
                ResetLinkRow.expires_at > dt.datetime.now(dt.UTC),
            )
        )
        return _user(row) if row is not None else None


def use_reset_link(store: Store, token: str, password_hash: str) -> User | None:
    """Set the new password of the link's user and use the link up, in one transaction that also
    ends every session of the user; None (and nothing changed) when the link is unknown, used or
    expired. Atomic: of two uses at once, one finds the link used (one conditional ``UPDATE``)."""
    if not 20 <= len(token) <= 100:
        return None
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        used: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
            update(ResetLinkRow)
            .where(
                ResetLinkRow.id == _digest(token),
                ResetLinkRow.used_at.is_(None),
                ResetLinkRow.expires_at > now,
            )
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        if used.rowcount != 1:
            return None
        user_id = s.scalar(select(ResetLinkRow.user_id).where(ResetLinkRow.id == _digest(token)))
        assert user_id is not None
        s.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
        s.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(password_hash=password_hash, session_epoch=UserRow.session_epoch + 1)
            .execution_options(synchronize_session=False)
        )
        row = s.get(UserRow, user_id)
        assert row is not None
        return _user(row)


# -- sessions -----------------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, user_id: int, expired_before: dt.datetime) -> str:
    """A new session of ``user_id``: the token for the browser's cookie. Sessions started before
    ``expired_before`` (everyone's) are removed in the same transaction: they open nothing."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as s:
        s.execute(delete(SessionRow).where(SessionRow.created_at < expired_before))
        s.add(SessionRow(id=_digest(token), user_id=user_id, created_at=dt.datetime.now(dt.UTC)))
    return token


def session_user(store: Store, token: str, started_after: dt.datetime) -> User | None:
    """The user of the session ``token`` if it is still on (not ended, started after
    ``started_after``), else None."""
    if not 20 <= len(token) <= 100:
        return None
    with store.reading() as s:
        row = s.scalar(
            select(UserRow)
            .join(SessionRow, SessionRow.user_id == UserRow.id)
            .where(SessionRow.id == _digest(token), SessionRow.created_at >= started_after)
        )
        return _user(row) if row is not None else None


def end_session(store: Store, token: str) -> None:
    """Sign out: the session ``token`` opens nothing from now on, from any copy of the cookie."""
    with store.transaction() as s:
        s.execute(delete(SessionRow).where(SessionRow.id == _digest(token)))


def sessions_of(store: Store, user_id: int) -> int:
    """How many sessions of the user are kept (ended ones are removed, expired ones at the next
    sign-in of anyone)."""
    with store.reading() as s:
        return int(
            s.scalar(select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user_id)) or 0
        )


def grant(store: Store, user_id: int, team: str, role: str, employee_id: str | None = None) -> Membership:
    """Give ``user_id`` ``role`` in ``team`` (which must be in the store). An employee role names
    the person (``employee_id``); another account already holding that person is refused."""
    try:
        with store.transaction() as s:
            return _grant(s, user_id, team, role, employee_id)
    except IntegrityError:
        raise StoreError(f"{employee_id} of {team} already has an account") from None


def _grant(s: Session, user_id: int, team: str, role: str, employee_id: str | None) -> Membership:
    if role not in ROLES:
        raise StoreError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if (role == "employee") != (employee_id is not None):
        raise StoreError("an employee role needs the person's id (and only an employee role has one)")
    team_row = s.scalar(select(TeamRow).where(TeamRow.name == team))
    if team_row is None:
        known = ", ".join(s.scalars(select(TeamRow.name).order_by(TeamRow.name))) or "none yet"
        raise StoreError(
            f"there is no team {team!r} in the store (teams: {known}); open a roster "
            "period for it first (roster period open)"
        )
    existing = s.scalar(
        select(MembershipRow).where(
            MembershipRow.user_id == user_id, MembershipRow.team_id == team_row.id, MembershipRow.role == role
        )
    )
    if existing is not None:
        if existing.employee_id != employee_id:
            raise StoreError(f"the user is already {role} of {team} as {existing.employee_id}")
    else:
        s.add(MembershipRow(user_id=user_id, team_id=team_row.id, role=role, employee_id=employee_id))
        s.flush()
    return Membership(user_id, team_row.id, team_row.name, role, employee_id)


def set_admin(store: Store, user_id: int, admin: bool) -> None:
    """Make the user a council administrator (or no longer one)."""
    with store.transaction() as s:
        row = s.get(UserRow, user_id)
        if row is None:
            raise StoreError(f"user {user_id} is not in the store")
        row.admin = admin


@dataclass(frozen=True)
class TeamSummary:
    id: int
    name: str
    accounts: int
    """Accounts holding a role in the team."""


def team_list(store: Store) -> list[TeamSummary]:
    """Every team of the store, by name, with how many accounts hold a role in it."""
    with store.reading() as s:
        counts = dict(
            s.execute(
                select(MembershipRow.team_id, func.count(func.distinct(MembershipRow.user_id))).group_by(
                    MembershipRow.team_id
                )
            ).all()
        )
        rows = s.scalars(select(TeamRow).order_by(TeamRow.name))
        return [TeamSummary(r.id, r.name, int(counts.get(r.id, 0))) for r in rows]


def add_team(store: Store, name: str) -> TeamSummary:
    """A new team named ``name`` (its roster periods are opened under the same name, the service's
    name in its scenario); :class:`StoreError` when the name is taken or empty."""
    clean = " ".join(name.split())
    if not clean or len(clean) > 200:
        raise StoreError("give the team a name of 1 to 200 characters (its service's name)")
    try:
        with store.transaction() as s:
            row = TeamRow(name=clean, created_at=dt.datetime.now(dt.UTC))
            s.add(row)
            s.flush()
            return TeamSummary(row.id, row.name, 0)
    except IntegrityError:
        raise StoreError(f"there is already a team {clean!r}") from None


def revoke(store: Store, user_id: int, team_id: int, role: str) -> bool:
    """Take ``role`` in the team from the user (False: they did not hold it)."""
    with store.transaction() as s:
        row = s.scalar(
            select(MembershipRow).where(
                MembershipRow.user_id == user_id, MembershipRow.team_id == team_id, MembershipRow.role == role
            )
        )
        if row is None:
            return False
        s.delete(row)
        return True


def memberships(store: Store, user_id: int) -> list[Membership]:
    with store.reading() as s:
        rows = s.execute(
            select(MembershipRow, TeamRow.name)
            .join(TeamRow, MembershipRow.team_id == TeamRow.id)
            .where(MembershipRow.user_id == user_id)
            .order_by(TeamRow.name, MembershipRow.role)
        ).all()
        return [Membership(m.user_id, m.team_id, name, m.role, m.employee_id) for m, name in rows]


def team_accounts(store: Store, team_id: int) -> list[tuple[User, Membership]]:
    """Every account of a team with its role (one row per role held)."""
    with store.reading() as s:
        rows = s.execute(
            select(UserRow, MembershipRow, TeamRow.name)
            .join(MembershipRow, MembershipRow.user_id == UserRow.id)
            .join(TeamRow, MembershipRow.team_id == TeamRow.id)
            .where(MembershipRow.team_id == team_id)
            .order_by(UserRow.username, MembershipRow.role)
        ).all()
        return [
            (_user(u), Membership(m.user_id, m.team_id, name, m.role, m.employee_id)) for u, m, name in rows
        ]


def staff_accounts(store: Store, team: str) -> dict[str, User]:
    """The accounts of ``team``'s rostered people, by their id in the team's scenario."""
    with store.reading() as s:
        rows = s.execute(
            select(UserRow, MembershipRow.employee_id)
            .join(MembershipRow, MembershipRow.user_id == UserRow.id)
            .join(TeamRow, MembershipRow.team_id == TeamRow.id)
            .where(TeamRow.name == team, MembershipRow.role == Role.EMPLOYEE.value)
        ).all()
        return {employee_id: _user(u) for u, employee_id in rows if employee_id is not None}


# -- the sign-in rate limit -------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """An attempt the rate limit refused: which count is full (``name`` or ``address``) and
    when its window ends."""

    kind: str
    until: dt.datetime


class _Full(Exception):
    def __init__(self, refused: Refused) -> None:
        self.refused = refused


def _insert_new(store: Store) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` of the store's database (a counter made once)."""
    if store.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(SignInCountRow).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(SignInCountRow).on_conflict_do_nothing()


def count_attempt(
    store: Store, username: str, address: str, *, per_name: int, per_address: int, window: dt.timedelta
) -> Refused | None:
    """Count a sign-in attempt against the user name's and the address's limits, before its
    password is checked: None when both had room (both counts are now one higher), else the
    :class:`Refused` count (and neither count changes).

    Atomic: each count is raised by one ``UPDATE ... WHERE failures < limit`` on its row, which
    the database applies one transaction at a time (SQLite: one writer; PostgreSQL: the row's
    lock, the condition read again after a wait), so of any number of attempts at once at most the
    limit get through. A count older than ``window`` starts again at this attempt. Counts untouched
    for a day are removed."""
    now = dt.datetime.now(dt.UTC)
    start = now - window
    keys = (("name", normal_username(username)[:100], per_name), ("address", address[:100], per_address))
    try:
        with store.transaction() as s:
            for kind, value, limit in keys:  # always name then address: no two wait for each other
                s.execute(_insert_new(store).values(kind=kind, value=value, failures=0, since=now))
                old = SignInCountRow.since < start
                counted: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
                    update(SignInCountRow)
                    .where(
                        SignInCountRow.kind == kind,
                        SignInCountRow.value == value,
                        or_(SignInCountRow.failures < limit, old),
                    )
                    .values(
                        failures=case((old, 1), else_=SignInCountRow.failures + 1),
                        since=case((old, now), else_=SignInCountRow.since),
                    )
                    .execution_options(synchronize_session=False)
                )
                if counted.rowcount == 0:
                    since = s.scalar(
                        select(SignInCountRow.since).where(
                            SignInCountRow.kind == kind, SignInCountRow.value == value
                        )
                    )
                    assert since is not None
                    raise _Full(Refused(kind, _utc(since) + window))  # rolls the other count back
            s.execute(delete(SignInCountRow).where(SignInCountRow.since < now - dt.timedelta(days=1)))
    except _Full as full:
        return full.refused
    return None


def forget_attempt(store: Store, username: str, address: str) -> None:
    """The attempt counted by :func:`count_attempt` signed in: the user name's count is cleared and
    the address's taken back by one (a right password is no failure)."""
    with store.transaction() as s:
        s.execute(
            delete(SignInCountRow).where(
                SignInCountRow.kind == "name", SignInCountRow.value == normal_username(username)[:100]
            )
        )
        s.execute(
            update(SignInCountRow)
            .where(
                SignInCountRow.kind == "address",
                SignInCountRow.value == address[:100],
                SignInCountRow.failures > 0,
            )
            .values(failures=SignInCountRow.failures - 1)
            .execution_options(synchronize_session=False)
        )


def attempts(store: Store, kind: str, value: str) -> int:
    """The attempts counted now for a user name (``kind`` ``name``) or an address."""
    if kind == "name":
        value = normal_username(value)
    with store.reading() as s:
        found = s.scalar(
            select(SignInCountRow.failures).where(
                SignInCountRow.kind == kind, SignInCountRow.value == value[:100]
            )
        )
        return int(found or 0)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def setting(store: Store, name: str, make: Callable[[], str]) -> str:
    """The installation's setting ``name``, made by ``make`` the first time (the first writer wins)."""
    with store.reading() as s:
        row = s.get(SettingRow, name)
        if row is not None:
            return row.value
    try:
        with store.transaction() as s:
            s.add(SettingRow(name=name, value=make()))
    except IntegrityError:
        pass  # another process made it first: theirs is the setting
    with store.reading() as s:
        made = s.get(SettingRow, name)
        assert made is not None
        return made.value
