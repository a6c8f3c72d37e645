"""What staff see once a roster is published: the team's roster, their own shifts, hours and banked
time, their statement (each refused wish and why), and their calendar to download or subscribe to.

The calendar address ``/calendar/<token>.ics`` carries a secret of the person's own instead of
a session (a calendar program cannot sign in): it holds their shifts of every roster published
for their teams, each event with a stable UID and the version as its SEQUENCE, so a subscribed
calendar follows amendments."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from roster.io.calendar_ics import merged_calendar
from roster.store import people as accounts
from roster.web.app import Id, NotFound, access, store_of, version_access
from roster.web.pages.common import render
from roster.web.views import version_view
from roster.workflow import amended_days, published_versions

router = APIRouter()


@router.get("/teams/{team_id}/roster", response_class=HTMLResponse)
def latest_roster(request: Request, team_id: Id) -> Response:
    a = access(request, team_id)
    found = published_versions(store_of(request), a.team)
    if not found:
        return render(request, "roster.html", {"title": "Team roster", "view": None, "others": []}, access=a)
    return _roster_page(request, team_id, found[0].id)


@router.get("/teams/{team_id}/roster/{version_id}", response_class=HTMLResponse)
def roster_of(request: Request, team_id: Id, version_id: Id) -> Response:
    return _roster_page(request, team_id, version_id)


def _roster_page(request: Request, team_id: int, version_id: int) -> Response:
    a, _ = version_access(request, team_id, version_id, "member")
    store = store_of(request)
    found = published_versions(store, a.team)
    if version_id not in {v.id for v in found}:
        raise NotFound("There is no such published roster in your team.")
    view = version_view(store, version_id)
    me = a.employee_id if a.employee_id in {e.id for e in view.scenario.employees} else None
    mine = view.weeks([me]) if me is not None else []
    statement = view.statement(me, amended_days(store, view.info)) if me is not None else ""
    hours = next((h for h in view.hours() if h["id"] == me), None)
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
            "calendar_url": str(request.url_for("subscription", token=a.user.calendar_token)),
        },
        access=a,
    )


def _calendar(request: Request, user: accounts.User) -> bytes:
    store = store_of(request)
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
def download_calendar(request: Request, team_id: Id) -> Response:
    a = access(request, team_id)
    if a.employee_id is None:
        raise NotFound("You have no shifts in this team, so no calendar.")
    return Response(
        _calendar(request, a.user),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="roster-{a.employee_id}.ics"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/calendar/{token}.ics", name="subscription")
def subscription(request: Request, token: str) -> Response:
    user = accounts.by_calendar_token(store_of(request), token) if 20 <= len(token) <= 64 else None
    if user is None:
        raise NotFound("There is no calendar at this address: copy it again from your roster page.")
    return Response(
        _calendar(request, user),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},  # personal: no cache or proxy keeps a copy
    )
