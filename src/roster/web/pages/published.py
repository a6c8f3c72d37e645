"""What staff see once a roster is published: the team's roster, their own shifts, hours and banked
time, their statement (each refused wish and why), and their calendar to download or subscribe to.

The calendar address ``/calendar/<token>.ics`` carries a secret of the person's own instead of
a session (a calendar program cannot sign in): it holds their shifts of every roster published
for their teams, each event with a stable UID and the version as its SEQUENCE, so a subscribed
calendar follows amendments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from roster.io.calendar_ics import merged_calendar
from roster.store import Store
from roster.store import people as accounts
from roster.web.deps import StoreDep, TeamMember, TeamVersion, version_of
from roster.web.errors import NotFound
from roster.web.templating import render
from roster.web.views import version_view
from roster.workflow import amended_days, published_versions
from roster.workflow.notify import shift_history

router = APIRouter()


@router.get("/teams/{team_id}/roster", response_class=HTMLResponse)
def latest_roster(request: Request, a: TeamMember, store: StoreDep) -> Response:
    found = published_versions(store, a.team)
    if not found:
        return render(request, "roster.html", {"title": "Team roster", "view": None, "others": []}, access=a)
    return _roster_page(request, store, TeamVersion(a, found[0]))


@router.get("/teams/{team_id}/roster/{version_id}", response_class=HTMLResponse)
def roster_of(
    request: Request, v: Annotated[TeamVersion, Depends(version_of())], store: StoreDep
) -> Response:
    return _roster_page(request, store, v)


def _roster_page(request: Request, store: Store, v: TeamVersion) -> Response:
    a, version_id = v.member, v.version.id
    found = published_versions(store, a.team)
    if version_id not in {v.id for v in found}:
        raise NotFound("There is no such published roster in your team.")
    view = version_view(store, version_id)
    me = a.employee_id if a.employee_id in {e.id for e in view.scenario.employees} else None
    mine = view.weeks([me]) if me is not None else []
    statement = view.statement(me, amended_days(store, view.info)) if me is not None else ""
    hours = next((h for h in view.hours() if h["id"] == me), None)
    history = (
        [r for r in shift_history(store, a.team, me) if r.version.period_start == view.info.period_start]
        if me is not None
        else []
    )
    return render(
        request,
        "roster.html",
        {
            "title": f"Team roster from {view.scenario.service.start_date:%d %b %Y}",
            "view": view,
            "mine": mine,
            "statement": statement,
            "hours": hours,
            "others": found,
            "me": me,
            "history": history,
            "calendar_url": str(request.url_for("subscription", token=a.user.calendar_token)),
        },
        access=a,
    )


def _calendar(store: Store, user: accounts.User) -> bytes:
    parts = []
    for m in accounts.memberships(store, user.id):
        if m.role != "employee" or m.employee_id is None:
            continue
        for info in published_versions(store, m.team):
            view = version_view(store, info.id)
            if any(e.id == m.employee_id for e in view.scenario.employees):
                parts.append((view.scenario, view.roster, m.employee_id, info.id, info.created_at))
    return merged_calendar(parts, f"{user.display_name}: shifts")


@router.get("/teams/{team_id}/calendar.ics")
def download_calendar(a: TeamMember, store: StoreDep) -> Response:
    if a.employee_id is None:
        raise NotFound("You have no shifts in this team, so no calendar.")
    return Response(
        _calendar(store, a.user),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="roster-{a.employee_id}.ics"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/calendar/{token}.ics", name="subscription")
def subscription(token: str, store: StoreDep) -> Response:
    user = accounts.by_calendar_token(store, token) if 20 <= len(token) <= 64 else None
    if user is None:
        raise NotFound("There is no calendar at this address: copy it again from your roster page.")
    return Response(
        _calendar(store, user),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},  # personal: no cache or proxy keeps a copy
    )
