"""The JSON endpoints of open shifts (``/api/teams/{team_id}/open-shifts``): the same steps as the
page (:mod:`roster.workflow.open_shifts`), the same checks of who may do what
(:mod:`.pages.open_shifts`), and a step that cannot be taken answered 422 with the reason the page
shows."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from roster.reports.open_shifts import open_shifts
from roster.store import volunteers as kept
from roster.store.people import Role
from roster.store.volunteers import VolunteerInfo
from roster.web.deps import SettingsDep, StoreDep, TeamMember, need, refused_as_unprocessable, staff_version
from roster.web.pages.open_shifts import ManagedVolunteer, StaffVolunteer
from roster.workflow import published_versions
from roster.workflow.open_shifts import decline, grant, volunteer_for, withdraw
from roster.workflow.review import scenario_of
from roster.workflow.swaps import current

router = APIRouter(prefix="/api", tags=["open shifts"])


class OpenShiftOut(BaseModel):
    version_id: int
    date: dt.date
    start_minute: int
    """Minutes of the date (an end past midnight is above 1440)."""
    end_minute: int
    skill: str
    """The skill short, or ``team`` for the whole team's minimum."""
    places: int
    break_start_minute: int | None


class VolunteerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the store's VolunteerInfo

    id: int
    version_id: int
    shift_date: dt.date
    start_minute: int
    end_minute: int
    skill: str
    employee_id: str
    note: str
    state: str
    """volunteered (waits for a manager), granted, declined, withdrawn or lapsed."""
    reason: str
    result_version_id: int | None


class VolunteerIn(BaseModel):
    version_id: int = Field(ge=1)
    date: dt.date
    start_minute: int = Field(ge=0, le=2880)
    end_minute: int = Field(ge=0, le=2880)
    skill: str = Field(min_length=1, max_length=100)
    note: str = Field(default="", max_length=500)


class DeclineIn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


def _out(v: VolunteerInfo) -> VolunteerOut:
    return VolunteerOut.model_validate(v)


@router.get("/teams/{team_id}/open-shifts", response_model=list[OpenShiftOut])
def get_open_shifts(a: TeamMember, store: StoreDep) -> list[OpenShiftOut]:
    """The open shifts of the team's current published rosters."""
    out: list[OpenShiftOut] = []
    for v in published_versions(store, a.team):
        if not current(store, v.id):
            continue
        for o in open_shifts(scenario_of(store, v.id), store.roster(v.id)):
            out.append(
                OpenShiftOut(
                    version_id=v.id,
                    date=o.date,
                    start_minute=o.start,
                    end_minute=o.end,
                    skill=o.skill,
                    places=o.places,
                    break_start_minute=o.break_start,
                )
            )
    return out


@router.get("/teams/{team_id}/open-shifts/volunteers", response_model=list[VolunteerOut])
def get_volunteers(a: TeamMember, store: StoreDep) -> list[VolunteerOut]:
    """The team's volunteers, latest first."""
    return [_out(v) for v in kept.team_volunteers(store, a.team_id)]


@router.post("/teams/{team_id}/open-shifts", response_model=VolunteerOut, status_code=201)
async def post_volunteer(a: TeamMember, store: StoreDep, body: VolunteerIn) -> VolunteerOut:
    """Volunteer for an open shift (checked by the validator first: a broken rule is 422)."""
    need(a, Role.EMPLOYEE)
    version = staff_version(store, a, body.version_id)
    assert a.employee_id is not None  # staff_version found a person of the team
    key = (body.date, body.start_minute, body.end_minute, body.skill)
    with refused_as_unprocessable():
        made, _ = await run_in_threadpool(
            volunteer_for, store, version.id, key, a.employee_id, body.note, a.actor
        )
    return _out(made)


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/withdraw", response_model=VolunteerOut)
def post_withdraw(t: StaffVolunteer, store: StoreDep) -> VolunteerOut:
    assert t.member.employee_id is not None
    with refused_as_unprocessable():
        return _out(withdraw(store, t.volunteer.id, t.member.employee_id, t.member.actor))


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/grant", response_model=VolunteerOut)
def post_grant(request: Request, t: ManagedVolunteer, store: StoreDep, settings: SettingsDep) -> VolunteerOut:
    """Grant the shift: a new version with it as an extra shift, accepted and published; the person told."""
    url = str(request.url_for("latest_roster", team_id=t.member.team_id))
    with refused_as_unprocessable():
        grant(store, t.volunteer.id, t.member.actor, settings.mail, url)
    return _out(kept.volunteer(store, t.volunteer.id))


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/decline", response_model=VolunteerOut)
def post_decline(t: ManagedVolunteer, store: StoreDep, body: DeclineIn) -> VolunteerOut:
    with refused_as_unprocessable():
        return _out(decline(store, t.volunteer.id, t.member.actor, body.reason))
