"""Signing in: passwords hashed with Argon2, the sign-in rate limit, and who may do what in a team
(:class:`Member`, with their roles: :class:`~roster.store.people.Role`).

Passwords are hashed with ``argon2-cffi`` (Argon2id, the library's current parameters; a
hash made with older parameters is replaced at the next sign-in). The store keeps only the
hash. A session is kept in the store (the cookie holds its random token): signing out ends
it, and a new password ends every session of the user, for every copy of the cookie.

Sign-in attempts are counted in the store, so every server process sees them, and counted
before the password is checked, atomically, so that attempts sent at the same moment cannot all
slip past the count: after ``MAX_FAILURES_PER_NAME`` failures for a user name, or
``MAX_FAILURES_PER_ADDRESS`` from one address, within ``WINDOW`` of the first, further attempts
are refused (429, with ``Retry-After``) until that window has passed. A right password clears
the user name's count and does not count against the address.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from roster.store import Store
from roster.store import people as accounts
from roster.store.people import Membership, Role, User

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


def _count(store: Store, username: str, address: str) -> None:
    """Count an attempt at ``username``'s password (:class:`SignInRefused` when a limit is full)."""
    refused = accounts.count_attempt(
        store,
        username,
        address,
        per_name=MAX_FAILURES_PER_NAME,
        per_address=MAX_FAILURES_PER_ADDRESS,
        window=WINDOW,
    )
    if refused is None:
        return
    wait = max(1, math.ceil((refused.until - dt.datetime.now(dt.UTC)).total_seconds()))
    minutes = math.ceil(wait / 60)
    if refused.kind == "name":
        raise SignInRefused(
            f"Too many failed sign-ins for this user name: wait {minutes} minutes and try "
            "again, or ask your manager for a link to set a new password.",
            wait,
        )
    raise SignInRefused(
        f"Too many failed sign-ins from this device: wait {minutes} minutes and try again.", wait
    )


def sign_in(store: Store, username: str, password: str, address: str) -> User:
    """The user whose name and password these are; :class:`SignInRefused` otherwise.

    The attempt is counted first, atomically in the store (:func:`accounts.count_attempt`), and
    the password checked only when it was within both limits: of any number of attempts at once,
    at most the limit are checked. A right password takes its attempt back."""
    _count(store, username, address)
    found = accounts.credentials(store, username) if len(password) <= MAX_PASSWORD else None
    if found is None:
        _hasher.hash("x" * MIN_PASSWORD)  # the same work as a real check: no hint that the name is unknown
        raise SignInRefused(WRONG)
    user, stored_hash = found
    try:
        _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise SignInRefused(WRONG) from None
    if _hasher.check_needs_rehash(stored_hash):
        accounts.set_password_hash(store, user.id, _hasher.hash(password), end_sessions=False)
    accounts.forget_attempt(store, username, address)
    return user


def change_password(store: Store, user: User, current: str, new: str, repeated: str, address: str) -> None:
    """The signed-in ``user``'s own new password, given their current one: every session of the
    user ends (the caller starts a new one for the browser that asked). The current password is
    checked as a sign-in is, counted against the same limits, so a session left open on a shared
    computer cannot be used to guess it. :class:`SignInRefused` for a wrong current password or
    a full limit, :class:`ValueError` for a new password that cannot be used."""
    problem = new_password_problem(user, new, repeated)
    if problem is not None:
        raise ValueError(problem)
    try:
        sign_in(store, user.username, current, address)
    except SignInRefused as refused:
        if refused.retry_after:
            raise
        raise SignInRefused("Your current password is not right: nothing was changed.") from None
    accounts.set_password_hash(store, user.id, hash_password(new), end_sessions=True)


def new_password_problem(user: User, new: str, repeated: str) -> str | None:
    """Why ``new`` cannot be ``user``'s password, or None. As the NCSC advises: a length, no rules
    of character classes; not the user name, and typed the same twice."""
    if not MIN_PASSWORD <= len(new) <= MAX_PASSWORD:
        return f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters; this one has {len(new)}."
    if new != repeated:
        return "The two new passwords are not the same: type it again in both."
    if new.strip().lower() == user.username:
        return "A password cannot be your user name."
    return None


ROLE_NAMES = {Role.EMPLOYEE: "employee", Role.COORDINATOR: "rota coordinator", Role.MANAGER: "manager"}


@dataclass(frozen=True)
class Member:
    """The signed-in user in one team: who they are there and what they may do."""

    user: User
    team_id: int
    team: str
    roles: frozenset[Role]
    employee_id: str | None
    """The person in the team's scenario the user is (their employee role), if any."""
    teams: tuple[tuple[int, str], ...] = ()
    """Every team the user is in (id, name), for the team switcher."""

    def has(self, role: Role) -> bool:
        """Whether the user may act as ``role``: a manager may do what a coordinator does."""
        if role is Role.COORDINATOR:
            return bool(self.roles & {Role.COORDINATOR, Role.MANAGER})
        return role in self.roles

    @property
    def coordinates(self) -> bool:
        """Sees everyone's wishes, opens and closes periods, solves (coordinators and managers)."""
        return self.has(Role.COORDINATOR)

    @property
    def manages(self) -> bool:
        """Amends, accepts and publishes rosters."""
        return self.has(Role.MANAGER)

    @property
    def actor(self) -> str:
        """The name the audit log records: the display name and the user name."""
        return f"{self.user.display_name} ({self.user.username})"

    @property
    def role_text(self) -> str:
        return ", ".join(ROLE_NAMES[r] for r in Role if r in self.roles)


def team_member(user: User, memberships: list[Membership], team_id: int) -> Member | None:
    """The user in ``team_id`` from their memberships (None: not a member)."""
    mine = [m for m in memberships if m.team_id == team_id]
    if not mine:
        return None
    employee = next((m.employee_id for m in mine if m.role == Role.EMPLOYEE), None)
    teams = tuple(dict((m.team_id, m.team) for m in memberships).items())
    return Member(user, team_id, mine[0].team, frozenset(Role(m.role) for m in mine), employee, teams)
