"""The JSON endpoints (``/api``), described at ``/openapi.json``.

They use the web page's session (sign in at ``/sign-in``) and, for a change, the ``csrftoken``
cookie's value in an ``x-csrftoken`` header. They call the same workflow functions as the pages
and the command line, and check access the same way: a team the user is not in, or an id of
another team, is 404."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from roster.store import Store, StoreError, VersionConflict, VersionInfo
from roster.store import people as accounts
from roster.store.people import Role
from roster.store.periods import periods, submissions, wishes_of
from roster.timegrid import format_clock
from roster.web.auth import team_member
from roster.web.deps import (
    Coordinator,
    CurrentUser,
    JobsDep,
    SettingsDep,
    StoreDep,
    TeamMember,
    TeamPeriod,
    TeamVersion,
    period_of,
    version_of,
    whose,
)
from roster.web.errors import Conflict
from roster.web.jobs import Jobs
from roster.workflow import AcceptRefused, accept, is_published
from roster.workflow.notify import publish_and_notify
from roster.workflow.periods import base_scenario, period_versions, returns, save_wishes

router = APIRouter(prefix="/api", tags=["roster"])

MemberPeriod = Annotated[TeamPeriod, Depends(period_of())]
CoordinatedPeriod = Annotated[TeamPeriod, Depends(period_of(Role.COORDINATOR))]
CoordinatedVersion = Annotated[TeamVersion, Depends(version_of(Role.COORDINATOR))]
ManagedVersion = Annotated[TeamVersion, Depends(version_of(Role.MANAGER))]

Text = Field(default="", max_length=200)


class TeamOut(BaseModel):
    team_id: int
    team: str
    roles: list[str]
    employee_id: str | None


class MeOut(BaseModel):
    username: str
    display_name: str
    teams: list[TeamOut]


class PeriodOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the store's PeriodInfo

    id: int
    start_date: dt.date
    end_date: dt.date
    weeks: int
    status: Literal["open", "closed"]


class DayWish(BaseModel):
    """A day's wish, as a row of preferences.csv: ``kind`` shift (with start and end, HH:MM; a time
    past midnight as 24 + hours), off or any; ``strength`` prefer or strong."""

    date: str = Field(max_length=40)
    kind: str = Field(max_length=20)
    start: str = Text
    end: str = Text
    strength: str = Field(default="prefer", max_length=20)


class StandingWishIn(BaseModel):
    """A standing wish, as a row of wishes.csv: ``kind`` finish_by or start_after (with a time) or
    day_off, on a ``weekday`` (mon..sun)."""

    weekday: str = Field(max_length=20)
    kind: str = Field(max_length=20)
    time: str = Text
    strength: str = Field(default="prefer", max_length=20)


class WishesOut(BaseModel):
    employee_id: str
    period_id: int
    revision: int
    """Send it back with a change: a save made since is refused (409), not overwritten."""
    saved_at: dt.datetime | None
    days: list[DayWish]
    standing: list[StandingWishIn]


class WishesIn(BaseModel):
    revision: int = Field(ge=0)
    days: list[DayWish] = Field(default_factory=list, max_length=400)
    standing: list[StandingWishIn] = Field(default_factory=list, max_length=50)


class Problem(BaseModel):
    key: str
    field: str | None
    message: str


class ProblemsOut(BaseModel):
    error: str = "not saved"
    problems: list[Problem]


class ReturnsOut(BaseModel):
    given: list[str]
    missing: list[str]


class SolveOut(BaseModel):
    """The period's latest job: its kind (``solve``, ``resolve`` a manager's re-solve, ``help`` what
    would close a version's gap), state, progress line, version (saved, or looked at) and message."""

    state: str
    line: str
    version_id: int | None
    message: str
    kind: str = "solve"


class ShiftOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the domain's Shift

    employee_id: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    break_start: dt.datetime | None
    break_end: dt.datetime | None


class VersionOut(BaseModel):
    id: int
    status: str
    revision: int
    parent_id: int | None
    objective: int | None
    solver_objective: int | None
    hard_violations: int
    period_start: dt.date
    created_by: str
    created_at: dt.datetime
    note: str
    published: bool


class VersionDetailOut(VersionOut):
    shifts: list[ShiftOut]


class AcceptIn(BaseModel):
    revision: int = Field(ge=0)
    override_reason: str | None = Field(default=None, max_length=1000)
    publish: bool = False


def _version_out(store: Store, v: VersionInfo) -> VersionOut:
    # the version's own fields by name (the rest of VersionInfo is not part of the API)
    fields = dataclasses.asdict(v)
    return VersionOut.model_validate({**fields, "published": is_published(store, v.id)})


@router.get("/me", response_model=MeOut)
def me(user: CurrentUser, store: StoreDep) -> MeOut:
    mine = accounts.memberships(store, user.id)
    teams = []
    for team_id in dict.fromkeys(m.team_id for m in mine):
        a = team_member(user, mine, team_id)
        assert a is not None
        roles = sorted(str(r) for r in a.roles)
        teams.append(TeamOut(team_id=team_id, team=a.team, roles=roles, employee_id=a.employee_id))
    return MeOut(username=user.username, display_name=user.display_name, teams=teams)


@router.get("/teams/{team_id}/periods", response_model=list[PeriodOut])
def team_periods(a: TeamMember, store: StoreDep) -> list[PeriodOut]:
    return [PeriodOut.model_validate(p) for p in periods(store, a.team_id)]


def _wishes_out(store: Store, p: TeamPeriod, who: str) -> WishesOut:
    prefs, standing = wishes_of(store, p.period.id, who)
    sub = submissions(store, p.period.id).get(who)
    return WishesOut(
        employee_id=who,
        period_id=p.period.id,
        revision=sub.revision if sub else 0,
        saved_at=sub.saved_at if sub else None,
        days=[
            DayWish(
                date=w.date.isoformat(),
                kind=w.kind,
                start=format_clock(w.start) if w.start else "",
                end=format_clock(w.end) if w.end else "",
                strength=w.strength,
            )
            for w in prefs
        ],
        standing=[
            StandingWishIn(
                weekday=w.weekday,
                kind=w.kind,
                time=format_clock(w.time) if w.time else "",
                strength=w.strength,
            )
            for w in standing
        ],
    )


@router.get("/teams/{team_id}/periods/{period_id}/wishes/{employee_id}", response_model=WishesOut)
def get_wishes(p: MemberPeriod, store: StoreDep, employee_id: str) -> WishesOut:
    return _wishes_out(store, p, whose(p.member, base_scenario(store, p.period), employee_id))


@router.put(
    "/teams/{team_id}/periods/{period_id}/wishes/{employee_id}",
    response_model=WishesOut,
    responses={
        409: {"description": "saved elsewhere since, or the period is closed"},
        422: {"model": ProblemsOut, "description": "a wish the rules refuse; nothing saved"},
    },
)
async def put_wishes(
    p: MemberPeriod, store: StoreDep, employee_id: str, body: WishesIn
) -> WishesOut | JSONResponse:
    who = whose(p.member, await run_in_threadpool(base_scenario, store, p.period), employee_id)
    try:
        check, saved = await run_in_threadpool(
            save_wishes,
            store,
            p.period.id,
            who,
            [d.model_dump() for d in body.days],
            [w.model_dump() for w in body.standing],
            actor=p.member.actor,
            revision=body.revision,
        )
    except StoreError as err:
        raise Conflict(str(err)) from None
    if saved is None:
        out = ProblemsOut(
            problems=[Problem(key=w.key, field=w.field, message=w.message) for w in check.problems]
        )
        return JSONResponse(out.model_dump(), status_code=422)
    return await run_in_threadpool(_wishes_out, store, p, who)


@router.get("/teams/{team_id}/periods/{period_id}/returns", response_model=ReturnsOut)
def period_returns(p: CoordinatedPeriod, store: StoreDep) -> ReturnsOut:
    """Who has given wishes for the period and who has not yet (coordinators and managers)."""
    given = returns(store, p.period)
    return ReturnsOut(given=sorted(given.given), missing=[e.id for e in given.missing])


def _solve_out(jobs: Jobs, period_id: int) -> SolveOut:
    job = jobs.get(period_id)
    if job is None:
        return SolveOut(state="none started", line="", version_id=None, message="")
    return SolveOut(
        state=job.state, line=job.line(), version_id=job.version_id, message=job.message, kind=job.kind
    )


@router.post("/teams/{team_id}/periods/{period_id}/solve", response_model=SolveOut, status_code=202)
def post_solve(p: CoordinatedPeriod, jobs: JobsDep) -> SolveOut:
    if p.period.status != "closed":
        raise Conflict("the period is still open for wishes: close it first")
    try:
        jobs.start(p.period.id, p.member.team_id, p.member.actor)
    except StoreError as err:
        raise Conflict(str(err)) from None
    return _solve_out(jobs, p.period.id)


@router.get("/teams/{team_id}/periods/{period_id}/solve", response_model=SolveOut)
def get_solve(p: CoordinatedPeriod, jobs: JobsDep) -> SolveOut:
    return _solve_out(jobs, p.period.id)


@router.delete("/teams/{team_id}/periods/{period_id}/solve", response_model=SolveOut)
def cancel_solve(p: CoordinatedPeriod, jobs: JobsDep) -> SolveOut:
    """Stop the running solve: the best roster found so far is saved."""
    jobs.cancel(p.period.id, p.member.actor)
    return _solve_out(jobs, p.period.id)


@router.get("/teams/{team_id}/versions", response_model=list[VersionOut])
def versions(a: Coordinator, store: StoreDep) -> list[VersionOut]:
    out: list[VersionOut] = []
    for p in periods(store, a.team_id):
        out += [_version_out(store, v) for v in period_versions(store, p)]
    return out


@router.get("/teams/{team_id}/versions/{version_id}", response_model=VersionDetailOut)
def version(v: CoordinatedVersion, store: StoreDep) -> VersionDetailOut:
    shifts = [ShiftOut.model_validate(s) for s in store.roster(v.version.id).shifts]
    return VersionDetailOut(**_version_out(store, v.version).model_dump(), shifts=shifts)


@router.post(
    "/teams/{team_id}/versions/{version_id}/accept",
    response_model=VersionOut,
    responses={409: {"description": "breaks a hard rule (no override), or changed since"}},
)
def post_accept(
    request: Request, v: ManagedVersion, store: StoreDep, settings: SettingsDep, body: AcceptIn
) -> VersionOut:
    try:
        accepted, _ = accept(
            store, v.version.id, v.member.actor, override_reason=body.override_reason, revision=body.revision
        )
    except (AcceptRefused, VersionConflict, StoreError) as err:
        raise Conflict(str(err)) from None
    if body.publish:
        url = str(request.url_for("latest_roster", team_id=v.member.team_id))
        publish_and_notify(store, v.version.id, v.member.actor, settings.mail, url)
    return _version_out(store, accepted)
