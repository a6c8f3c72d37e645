"""Who is asking, and what they may reach: the dependencies every page and endpoint declares.

A handler names what it needs in its signature, typed, and FastAPI resolves it before the
handler runs::

    def page(p: Annotated[TeamPeriod, Depends(period_of(Role.COORDINATOR))]) -> Response: ...

* :data:`StoreDep`, :data:`JobsDep`, :data:`SettingsDep`: the application's store, solves and
  settings;
* :data:`CurrentUser`: the signed-in user (:class:`~roster.web.errors.SignInNeeded` otherwise);
* :func:`require`: the user as a :class:`~roster.web.auth.Member` of the team in the address,
  with a :class:`~roster.store.people.Role` (a manager may do what a coordinator does);
* :func:`period_of`, :func:`version_of`: a period or version of that team, for a role.

Every team the user is not in, and every id in a path (period, version) that is not of the
team, is "not found", the same answer as an id that does not exist; the team and the id are
found first and the role checked after (forbidden), so a guessed id tells nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi import Path as InPath

from roster.domain import Scenario
from roster.store import Store, StoreError, VersionInfo, VersionNotFound
from roster.store import people as accounts
from roster.store.people import Role, User
from roster.store.periods import PeriodInfo, PeriodNotFound, period
from roster.web.auth import Member, team_member
from roster.web.config import MAX_ID, WebSettings
from roster.web.errors import NOT_FOUND, Forbidden, NotFound, SignInNeeded, Unprocessable
from roster.web.jobs import Jobs
from roster.workflow.swaps import SwapRefused

Id = Annotated[int, InPath(ge=1, le=MAX_ID)]
"""A team, period or version id in an address: one outside 1..MAX_ID is not found (404), like
an id that does not exist, and never reaches the database (whose driver would fail on it)."""


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
JobsDep = Annotated[Jobs, Depends(get_jobs)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]


def session_start(request: Request) -> dt.datetime:
    """Sessions started before this have expired (``session_hours`` ago)."""
    return dt.datetime.now(dt.UTC) - dt.timedelta(hours=get_settings(request).session_hours)


def signed_in(request: Request) -> User | None:
    """The signed-in user, or None. The cookie holds the session's token; the session itself is
    in the store, so one ended by signing out or a new password opens nothing, from any copy."""
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    return accounts.session_user(get_store(request), token, session_start(request))


def current_user(request: Request) -> User:
    """The signed-in user (:class:`SignInNeeded` when the session is missing, old or ended)."""
    if not isinstance(request.session.get("sid"), str):
        raise SignInNeeded("Sign in to see this page.")
    found = signed_in(request)
    if found is None:
        request.session.clear()
        raise SignInNeeded("Your session has ended: sign in again.")
    return found


CurrentUser = Annotated[User, Depends(current_user)]


def csrf_token(request: Request) -> str:
    """The form token a page's forms send back (the CSRF check's)."""
    make = request.scope.get("csrftoken")
    return str(make()) if callable(make) else ""


def member_of(request: Request, team_id: int) -> Member:
    """The signed-in user in ``team_id``; a team they are not in is not found."""
    user = current_user(request)
    found = team_member(user, accounts.memberships(get_store(request), user.id), team_id)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


FORBIDDEN = {
    Role.EMPLOYEE: "This page is for the staff of {team} who give wishes; you are {roles}.",
    Role.COORDINATOR: "This page is for the rota coordinators and managers of {team}; you are {roles}.",
    Role.MANAGER: (
        "Only a manager of {team} can amend, accept or publish its rosters, or make a link for someone "
        "to set a new password; you are {roles}."
    ),
}


def need(member: Member, role: Role) -> None:
    """:class:`Forbidden` unless ``member`` may act as ``role``."""
    if not member.has(role):
        raise Forbidden(FORBIDDEN[role].format(team=member.team, roles=member.role_text))


def require(role: Role | None = None) -> Callable[[Request, int], Member]:
    """A dependency: the signed-in user as a member of the team in the address (``team_id``),
    with ``role`` (None: any member)."""

    def dependency(request: Request, team_id: Id) -> Member:
        member = member_of(request, team_id)
        if role is not None:
            need(member, role)
        return member

    return dependency


TeamMember = Annotated[Member, Depends(require())]
Coordinator = Annotated[Member, Depends(require(Role.COORDINATOR))]


@dataclass(frozen=True)
class TeamPeriod:
    member: Member
    period: PeriodInfo


@dataclass(frozen=True)
class TeamVersion:
    member: Member
    version: VersionInfo


def team_period(store: Store, member: Member, period_id: int) -> PeriodInfo:
    """The period, if it is of the member's team (another team's is not found)."""
    try:
        info = period(store, period_id)
    except PeriodNotFound:
        raise NotFound("There is no such roster period in your team.") from None
    if info.team_id != member.team_id:
        raise NotFound("There is no such roster period in your team.")
    return info


def team_version(store: Store, member: Member, version_id: int) -> VersionInfo:
    """The version, if it is of the member's team (another team's is not found)."""
    try:
        info = store.version(version_id)
    except VersionNotFound:
        raise NotFound("There is no such roster version in your team.") from None
    if info.team != member.team:
        raise NotFound("There is no such roster version in your team.")
    return info


def period_of(role: Role | None = None) -> Callable[[Request, int, int], TeamPeriod]:
    """A dependency: the team's period in the address (``period_id``), for ``role`` (None: any
    member). The team and the period are found first, then the role is checked."""

    def dependency(request: Request, team_id: Id, period_id: Id) -> TeamPeriod:
        member = member_of(request, team_id)
        info = team_period(get_store(request), member, period_id)
        if role is not None:
            need(member, role)
        return TeamPeriod(member, info)

    return dependency


def version_of(role: Role | None = None) -> Callable[[Request, int, int], TeamVersion]:
    """A dependency: the team's version in the address (``version_id``), for ``role``, as
    :func:`period_of`."""

    def dependency(request: Request, team_id: Id, version_id: Id) -> TeamVersion:
        member = member_of(request, team_id)
        info = team_version(get_store(request), member, version_id)
        if role is not None:
            need(member, role)
        return TeamVersion(member, info)

    return dependency


def whose(member: Member, scenario: Scenario, employee_id: str | None) -> str:
    """The person whose wishes these are: the user's own, or (a coordinator) anyone of the team."""
    if employee_id is None or employee_id == member.employee_id:
        if member.employee_id is None:
            raise NotFound("You have no wishes to give in this team: you are not one of its rostered staff.")
        return member.employee_id
    if not member.coordinates:
        raise NotFound("There is no such person in your team's wishes.")
    if not any(e.id == employee_id for e in scenario.employees):
        raise NotFound("There is no such person in this team.")
    return employee_id


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's fields as text (a repeated field keeps its last value; a file is refused)."""
    form = await request.form(max_files=0, max_fields=2000)
    out: dict[str, str] = {}
    for key, value in form.multi_items():
        out[str(key)[:200]] = value if isinstance(value, str) else ""
    return out


def staff_version(store: Store, member: Member, version_id: int) -> VersionInfo:
    """A version of ``member``'s team for ``member`` to act on as a person of it (offer a shift,
    volunteer): "not found" for another team's, one that does not exist, or a user who is no
    person of the team."""
    try:
        found = store.version(version_id)
    except StoreError:
        found = None
    if found is None or found.team != member.team or member.employee_id is None:
        raise NotFound("There is no such roster in your team.")
    return found


@contextlib.contextmanager
def refused_as_unprocessable() -> Iterator[None]:
    """A swap or open-shift step the workflow refuses (:class:`~roster.workflow.swaps.SwapRefused`,
    which :class:`~roster.workflow.open_shifts.OpenShiftRefused` is) answered 422 with its reason."""
    try:
        yield
    except SwapRefused as refused:
        raise Unprocessable(str(refused)) from None
