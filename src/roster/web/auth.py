"""Signing in: passwords hashed with Argon2, the sign-in rate limit, and who may do what in a team.

Passwords are hashed with ``argon2-cffi`` (Argon2id, the library's current parameters; a
hash made with older parameters is replaced at the next sign-in). The store keeps only the
hash. A session is kept in the store (the cookie holds its random token): signing out ends
it, and a new password ends every session of the user, for every copy of the cookie.

Failed sign-ins are counted in the store, so every server process sees them: more than
``MAX_FAILURES_PER_NAME`` for a user name, or ``MAX_FAILURES_PER_ADDRESS`` from one address,
within ``WINDOW`` refuse further attempts until the window has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from roster.store import Store
from roster.store import people as accounts
from roster.store.people import Membership, User

MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 30
WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 200

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValueError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return _hasher.hash(password)


class SignInRefused(Exception):
    """Wrong name or password, or too many failed attempts (``retry_after`` seconds)."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


WRONG = "The user name or password is not right. Check them and try again."


def sign_in(store: Store, username: str, password: str, address: str) -> User:
    """The user whose name and password these are; :class:`SignInRefused` otherwise."""
    since = dt.datetime.now(dt.UTC) - WINDOW
    by_name, by_address = accounts.recent_failures(store, username, address, since)
    minutes = int(WINDOW.total_seconds() // 60)
    if by_name >= MAX_FAILURES_PER_NAME:
        raise SignInRefused(
            f"Too many failed sign-ins for this user name: wait {minutes} minutes and try "
            "again, or ask your manager to set a new password.",
            int(WINDOW.total_seconds()),
        )
    if by_address >= MAX_FAILURES_PER_ADDRESS:
        raise SignInRefused(
            f"Too many failed sign-ins from this device: wait {minutes} minutes and try again.",
            int(WINDOW.total_seconds()),
        )
    found = accounts.credentials(store, username) if len(password) <= MAX_PASSWORD else None
    if found is None:
        _hasher.hash("x" * MIN_PASSWORD)  # the same work as a real check: no hint that the name is unknown
        accounts.record_failure(store, username, address)
        raise SignInRefused(WRONG)
    user, stored_hash = found
    try:
        _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        accounts.record_failure(store, username, address)
        raise SignInRefused(WRONG) from None
    if _hasher.check_needs_rehash(stored_hash):
        accounts.set_password_hash(store, user.id, _hasher.hash(password), end_sessions=False)
    accounts.clear_failures(store, username)
    return user


ROLE_NAMES = {"employee": "employee", "coordinator": "rota coordinator", "manager": "manager"}


@dataclass(frozen=True)
class Access:
    """What the signed-in user may do in one team."""

    user: User
    team_id: int
    team: str
    roles: frozenset[str]
    employee_id: str | None
    """The person in the team's scenario the user is (their employee role), if any."""

    @property
    def coordinates(self) -> bool:
        """Sees everyone's wishes, opens and closes periods, solves (coordinators and managers)."""
        return bool(self.roles & {"coordinator", "manager"})

    @property
    def manages(self) -> bool:
        """Amends, accepts and publishes rosters."""
        return "manager" in self.roles

    @property
    def actor(self) -> str:
        """The name the audit log records: the display name and the user name."""
        return f"{self.user.display_name} ({self.user.username})"

    @property
    def role_text(self) -> str:
        return ", ".join(ROLE_NAMES[r] for r in ("employee", "coordinator", "manager") if r in self.roles)


def team_access(user: User, memberships: list[Membership], team_id: int) -> Access | None:
    """The user's access to ``team_id`` from their memberships (None: not a member)."""
    mine = [m for m in memberships if m.team_id == team_id]
    if not mine:
        return None
    employee = next((m.employee_id for m in mine if m.role == "employee"), None)
    return Access(user, team_id, mine[0].team, frozenset(m.role for m in mine), employee)
