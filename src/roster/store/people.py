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

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roster.store.schema import (
    MembershipRow,
    SessionRow,
    SettingRow,
    SignInFailureRow,
    TeamRow,
    UserRow,
)
from roster.store.store import Store, StoreError

ROLES = ("employee", "coordinator", "manager")
"""``employee``: their own wishes, the team's published roster, their own statement and calendar;
``coordinator``: the team's wishes, opening and closing a period, solving; ``manager``: as a
coordinator, and amending, accepting and publishing rosters."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    session_epoch: int
    calendar_token: str


@dataclass(frozen=True)
class Membership:
    user_id: int
    team_id: int
    team: str
    role: str
    employee_id: str | None


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.session_epoch, row.calendar_token)


def normal_username(username: str) -> str:
    """User names are compared without case and surrounding space (``Ayesha`` signs in as ``ayesha``)."""
    return username.strip().lower()


def add_user(
    store: Store, username: str, display_name: str, password_hash: str,
    role: tuple[str, str, str | None] | None = None,
) -> User:
    """A new user, and with ``role`` (team, role, employee id) their first role, in one
    transaction: a role that cannot be given leaves no account behind. :class:`StoreError` when
    the name is taken or the role cannot be given (see :func:`grant`)."""
    name = normal_username(username)
    try:
        with store.transaction() as s:
            row = UserRow(username=name, display_name=display_name.strip() or name,
                          password_hash=password_hash, calendar_token=secrets.token_urlsafe(24),
                          session_epoch=0, created_at=dt.datetime.now(dt.UTC))
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


# -- sessions -----------------------------------------------------------------------------------------


def _session_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, user_id: int, expired_before: dt.datetime) -> str:
    """A new session of ``user_id``: the token for the browser's cookie. Sessions started before
    ``expired_before`` (everyone's) are removed in the same transaction: they open nothing."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as s:
        s.execute(delete(SessionRow).where(SessionRow.created_at < expired_before))
        s.add(SessionRow(id=_session_key(token), user_id=user_id, created_at=dt.datetime.now(dt.UTC)))
    return token


def session_user(store: Store, token: str, started_after: dt.datetime) -> User | None:
    """The user of the session ``token`` if it is still on (not ended, started after
    ``started_after``), else None."""
    if not 20 <= len(token) <= 100:
        return None
    with store.reading() as s:
        row = s.scalar(
            select(UserRow).join(SessionRow, SessionRow.user_id == UserRow.id)
            .where(SessionRow.id == _session_key(token), SessionRow.created_at >= started_after)
        )
        return _user(row) if row is not None else None


def end_session(store: Store, token: str) -> None:
    """Sign out: the session ``token`` opens nothing from now on, from any copy of the cookie."""
    with store.transaction() as s:
        s.execute(delete(SessionRow).where(SessionRow.id == _session_key(token)))


def sessions_of(store: Store, user_id: int) -> int:
    """How many sessions of the user are kept (ended ones are removed, expired ones at the next
    sign-in of anyone)."""
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(SessionRow)
                            .where(SessionRow.user_id == user_id)) or 0)


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
        raise StoreError(f"there is no team {team!r} in the store (teams: {known}); open a roster "
                         "period for it first (roster period open)")
    existing = s.scalar(select(MembershipRow).where(
        MembershipRow.user_id == user_id, MembershipRow.team_id == team_row.id, MembershipRow.role == role))
    if existing is not None:
        if existing.employee_id != employee_id:
            raise StoreError(f"the user is already {role} of {team} as {existing.employee_id}")
    else:
        s.add(MembershipRow(user_id=user_id, team_id=team_row.id, role=role, employee_id=employee_id))
        s.flush()
    return Membership(user_id, team_row.id, team_row.name, role, employee_id)


def memberships(store: Store, user_id: int) -> list[Membership]:
    with store.reading() as s:
        rows = s.execute(
            select(MembershipRow, TeamRow.name).join(TeamRow, MembershipRow.team_id == TeamRow.id)
            .where(MembershipRow.user_id == user_id).order_by(TeamRow.name, MembershipRow.role)
        ).all()
        return [Membership(m.user_id, m.team_id, name, m.role, m.employee_id) for m, name in rows]


def team_accounts(store: Store, team_id: int) -> list[tuple[User, Membership]]:
    """Every account of a team with its role (one row per role held)."""
    with store.reading() as s:
        rows = s.execute(
            select(UserRow, MembershipRow, TeamRow.name)
            .join(MembershipRow, MembershipRow.user_id == UserRow.id)
            .join(TeamRow, MembershipRow.team_id == TeamRow.id)
            .where(MembershipRow.team_id == team_id).order_by(UserRow.username, MembershipRow.role)
        ).all()
        return [(_user(u), Membership(m.user_id, m.team_id, name, m.role, m.employee_id))
                for u, m, name in rows]


# -- the sign-in rate limit -------------------------------------------------------------------------


def record_failure(store: Store, username: str, address: str) -> None:
    with store.transaction() as s:
        now = dt.datetime.now(dt.UTC)
        s.add(SignInFailureRow(username=normal_username(username)[:100], address=address[:100], at=now))
        # failures older than a day never count again
        s.execute(delete(SignInFailureRow).where(SignInFailureRow.at < now - dt.timedelta(days=1)))


def recent_failures(store: Store, username: str, address: str, since: dt.datetime) -> tuple[int, int]:
    """Failed sign-ins since ``since``: for this user name, and from this address."""
    with store.reading() as s:
        by_name = s.scalar(select(func.count()).select_from(SignInFailureRow).where(
            SignInFailureRow.username == normal_username(username)[:100], SignInFailureRow.at >= since))
        by_address = s.scalar(select(func.count()).select_from(SignInFailureRow).where(
            SignInFailureRow.address == address[:100], SignInFailureRow.at >= since))
        return int(by_name or 0), int(by_address or 0)


def clear_failures(store: Store, username: str) -> None:
    """A successful sign-in forgets the user name's failures."""
    with store.transaction() as s:
        name = normal_username(username)[:100]
        s.execute(delete(SignInFailureRow).where(SignInFailureRow.username == name))


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
