"""Open shifts on the page: the hours the published roster leaves short of minimum cover, offered
to the team; staff volunteer, managers grant or decline (:mod:`roster.workflow.open_shifts` does
every step).

``/teams/{team_id}/open-shifts`` shows each open shift with its places; to each person, the ones
they may volunteer for and their time off in lieu (balance and cap); to managers, the volunteers
waiting with the validator's check and the cover before and after. A volunteer in an address is
found in the team first (another team's is not found), and the role checked after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.domain import toil_account
from roster.reports.open_shifts import open_shifts, why_not_volunteer
from roster.store import Store
from roster.store import volunteers as kept
from roster.store.people import Role
from roster.store.volunteers import VolunteerInfo, VolunteerNotFound
from roster.timegrid import format_clock
from roster.timegrid import today as local_today
from roster.web.auth import Member
from roster.web.deps import Id, SettingsDep, StoreDep, TeamMember, form_of, member_of, need, staff_version
from roster.web.errors import NotFound, Unprocessable
from roster.web.templating import render
from roster.workflow import published_versions
from roster.workflow.open_shifts import (
    OpenShiftRefused,
    check_volunteer,
    decline,
    grant,
    volunteer_for,
    withdraw,
)
from roster.workflow.review import scenario_of
from roster.workflow.swaps import current

router = APIRouter()

STATES = {
    "volunteered": "waiting for a manager",
    "granted": "granted and published",
    "declined": "declined",
    "withdrawn": "withdrawn",
    "lapsed": "lapsed: the roster changed",
}

DONE = {
    "volunteered": "You have volunteered. The shift is yours once a manager grants it.",
    "withdrawn": "You have withdrawn.",
    "granted": "The shift is granted and the roster published: the person was told.",
    "declined": "Declined; the person sees your reason.",
}


@dataclass(frozen=True)
class TeamVolunteer:
    member: Member
    volunteer: VolunteerInfo


def volunteer_of(role: Role) -> Any:
    """A dependency: the team's volunteer in the address, for ``role`` (found in the team first)."""

    def dependency(request: Request, team_id: Id, volunteer_id: Id) -> TeamVolunteer:
        member = member_of(request, team_id)
        try:
            found = kept.volunteer(request.app.state.store, volunteer_id)
        except VolunteerNotFound:
            raise NotFound("There is no such volunteer in your team.") from None
        if found.team_id != member.team_id:
            raise NotFound("There is no such volunteer in your team.")
        need(member, role)
        return TeamVolunteer(member, found)

    return dependency


StaffVolunteer = Annotated[TeamVolunteer, Depends(volunteer_of(Role.EMPLOYEE))]
ManagedVolunteer = Annotated[TeamVolunteer, Depends(volunteer_of(Role.MANAGER))]


def hm(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h}:{m:02d}"


def _page(
    request: Request, store: Store, a: Member, *, error: str | None = None, status: int = 200
) -> Response:
    versions = [v for v in published_versions(store, a.team) if current(store, v.id)]
    today = local_today()
    volunteers = kept.team_volunteers(store, a.team_id)
    shifts: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    toil: dict[str, Any] | None = None
    for v in versions:
        scenario, roster = scenario_of(store, v.id), store.roster(v.id)
        names.update({e.id: e.name for e in scenario.employees})
        me = next((e for e in scenario.employees if e.id == a.employee_id), None)
        if me is not None and not me.relief:
            acc = toil_account(scenario, me)
            toil = {"version": v, "account": acc, "room": max(0, acc.cap - acc.highest)}
        for o in open_shifts(scenario, roster):
            if o.date < today:
                continue
            waiting: list[dict[str, Any]] = []
            for vol in volunteers:
                if vol.version_id != v.id or vol.key != o.key or vol.state != "volunteered":
                    continue
                check = check_volunteer(scenario, roster, o, vol.employee_id) if a.manages else None
                waiting.append({"volunteer": vol, "check": check})
            mine = next(
                (
                    vol
                    for vol in volunteers
                    if vol.version_id == v.id
                    and vol.key == o.key
                    and vol.state == "volunteered"
                    and vol.employee_id == a.employee_id
                ),
                None,
            )
            why = why_not_volunteer(scenario, roster, o, a.employee_id) if a.employee_id else "not staff"
            shifts.append(
                {
                    "version": v,
                    "shift": o,
                    "waiting": waiting,
                    "mine": mine,
                    "may": why is None and mine is None,
                }
            )
    return render(
        request,
        "open_shifts.html",
        {
            "title": f"Open shifts of {a.team}",
            "versions": versions,
            "shifts": shifts,
            "names": names,
            "toil": toil,
            "hm": hm,
            "own": [vol for vol in volunteers if vol.employee_id == a.employee_id][:30],
            "decided": [vol for vol in volunteers if vol.state != "volunteered"][:30],
            "states": STATES,
            "clock": format_clock,
            "done": DONE.get(request.query_params.get("done", "")),
            "error": error,
        },
        status=status,
        access=a,
    )


def _back(a: Member, done: str) -> RedirectResponse:
    return RedirectResponse(f"/teams/{a.team_id}/open-shifts?done={done}", status_code=303)


@router.get("/teams/{team_id}/open-shifts", response_class=HTMLResponse)
def open_shifts_page(request: Request, a: TeamMember, store: StoreDep) -> Response:
    return _page(request, store, a)


def parse_key(text: str) -> tuple[int, tuple[dt.date, int, int, str]]:
    """``version:date:start:end:skill`` (the page's value of an open shift) as the version and key."""
    parts = text.split(":", 4)
    try:
        version, day, start, end, skill = parts
        return int(version), (dt.date.fromisoformat(day), int(start), int(end), skill)
    except ValueError:
        raise Unprocessable("Choose one of the open shifts. Nothing was saved.") from None


@router.post("/teams/{team_id}/open-shifts", response_class=HTMLResponse)
async def volunteer(request: Request, a: TeamMember, store: StoreDep) -> Response:
    need(a, Role.EMPLOYEE)
    form = await form_of(request)
    version_id, key = parse_key(form.get("shift", ""))
    version = staff_version(store, a, version_id)
    assert a.employee_id is not None  # staff_version found a person of the team
    try:
        await run_in_threadpool(
            volunteer_for, store, version.id, key, a.employee_id, form.get("note", "").strip(), a.actor
        )
    except OpenShiftRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "volunteered")


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/withdraw", response_class=HTMLResponse)
def withdraw_page(request: Request, t: StaffVolunteer, store: StoreDep) -> Response:
    a = t.member
    assert a.employee_id is not None
    try:
        withdraw(store, t.volunteer.id, a.employee_id, a.actor)
    except OpenShiftRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "withdrawn")


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/grant", response_class=HTMLResponse)
async def grant_page(
    request: Request, t: ManagedVolunteer, store: StoreDep, settings: SettingsDep
) -> Response:
    a = t.member
    url = str(request.url_for("latest_roster", team_id=a.team_id))
    try:
        await run_in_threadpool(grant, store, t.volunteer.id, a.actor, settings.mail, url)
    except OpenShiftRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "granted")


@router.post("/teams/{team_id}/open-shifts/{volunteer_id}/decline", response_class=HTMLResponse)
async def decline_page(request: Request, t: ManagedVolunteer, store: StoreDep) -> Response:
    a = t.member
    reason = (await form_of(request)).get("reason", "")
    try:
        await run_in_threadpool(decline, store, t.volunteer.id, a.actor, reason)
    except OpenShiftRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "declined")
