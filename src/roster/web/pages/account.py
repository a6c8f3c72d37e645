"""Signing in and out, the list of one's teams, and a team's home page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import people as accounts
from roster.store.periods import periods, submissions
from roster.web.auth import SignInRefused, sign_in, team_member
from roster.web.deps import CurrentUser, StoreDep, TeamMember, form_of, session_start
from roster.web.templating import render
from roster.workflow.periods import period_versions
from roster.workflow.publish import published_versions

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path of this site: never another site's address (an open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target[:500]


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> Response:
    return render(
        request, "sign_in.html", {"title": "Sign in", "next": _safe_next(next), "error": None, "username": ""}
    )


@router.post("/sign-in", response_class=HTMLResponse)
async def sign_in_post(request: Request, store: StoreDep) -> Response:
    form = await form_of(request)
    username = form.get("username", "")[:100]
    password = form.get("password", "")
    target = _safe_next(form.get("next", "/"))
    address = request.client.host if request.client is not None else "unknown"
    try:
        user = await run_in_threadpool(sign_in, store, username, password, address)
    except SignInRefused as refused:
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
        return render(
            request,
            "sign_in.html",
            {"title": "Sign in", "next": target, "error": str(refused), "username": username},
            status=429 if refused.retry_after else 401,
            headers=headers,
        )
    earlier = request.session.get("sid")
    if isinstance(earlier, str):  # signing in again over a session: the old one ends
        await run_in_threadpool(accounts.end_session, store, earlier)
    request.session.clear()
    token = await run_in_threadpool(accounts.start_session, store, user.id, session_start(request))
    request.session["sid"] = token
    return RedirectResponse(target, status_code=303)


@router.post("/sign-out")
def sign_out(request: Request, store: StoreDep) -> Response:
    """End the session in the store (every copy of the cookie with it), then forget the cookie."""
    token = request.session.get("sid")
    if isinstance(token, str):
        accounts.end_session(store, token)
    request.session.clear()
    return RedirectResponse("/sign-in", status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: CurrentUser, store: StoreDep) -> Response:
    teams = []
    seen: set[int] = set()
    mine = accounts.memberships(store, user.id)
    for m in mine:
        if m.team_id in seen:
            continue
        seen.add(m.team_id)
        found = team_member(user, mine, m.team_id)
        assert found is not None
        teams.append(found)
    if len(teams) == 1:
        return RedirectResponse(f"/teams/{teams[0].team_id}", status_code=303)
    return render(request, "home.html", {"title": "Your teams", "teams": teams})


@router.get("/teams/{team_id}", response_class=HTMLResponse)
def team_home(request: Request, a: TeamMember, store: StoreDep) -> Response:
    team_periods = periods(store, a.team_id)
    rows = []
    for p in team_periods:
        row: dict[str, Any] = {"period": p, "given": None, "versions": []}
        if a.employee_id is not None:
            row["given"] = submissions(store, p.id).get(a.employee_id)
        if a.coordinates:
            row["versions"] = period_versions(store, p)
        rows.append(row)
    published = published_versions(store, a.team)
    return render(request, "team.html", {"title": a.team, "rows": rows, "published": published}, access=a)
