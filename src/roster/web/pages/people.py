"""Accounts on the page: one's own password and calendar address, and a manager's one-time link for
someone of the team to set a new password.

* ``/account``: who one is and in which teams; a new password (given the current one, checked and
  counted as a sign-in is; every other session then ends); a new calendar address (the old one
  opens nothing from then on).
* ``/teams/{team_id}/people``: the team's accounts, for its managers, each with a button that makes
  a one-time link to set a new password (valid ``WebSettings.reset_hours``, used once, the
  person's earlier links ended; the audit log records who made it, never the link).
* ``/reset/{token}``: the link's page, open without signing in: a new password, after which every
  session of the person ends.

A manager makes links only for people whose every team they manage: a link for someone who also
belongs to another team would give the manager that team's pages too. Anyone else is set a new
password by whoever runs the server (``roster user password``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.io.mail import checked_address
from roster.store import people as accounts
from roster.store.people import Role, User
from roster.web.auth import (
    Member,
    SignInRefused,
    change_password,
    hash_password,
    new_password_problem,
    team_member,
)
from roster.web.deps import (
    CurrentUser,
    Id,
    SettingsDep,
    StoreDep,
    TeamMember,
    form_of,
    need,
    require,
    session_start,
)
from roster.web.errors import Forbidden, NotFound, Unprocessable
from roster.web.templating import render

router = APIRouter()

Manager = Annotated[Member, Depends(require(Role.MANAGER))]

DONE = {
    "password": "Your new password is set. You are still signed in here; every other device was signed out.",
    "email": "Your email address is saved: changes to your published shifts are sent there.",
    "no-email": "Your email address is removed: changes to your published shifts are no longer emailed.",
    "calendar": "Your calendar has a new address. The old one shows nothing from now on: give the new one "
    "to your calendar program (subscribe again).",
}


def _account(request: Request, user: User, store: StoreDep, **extra: object) -> Response:
    mine = accounts.memberships(store, user.id)
    teams = []
    for team_id in dict.fromkeys(m.team_id for m in mine):
        found = team_member(user, mine, team_id)
        assert found is not None
        teams.append(found)
    status = int(extra.pop("status", 200))  # type: ignore[call-overload]
    done = request.query_params.get("done", "")
    return render(
        request,
        "account.html",
        {
            "title": "Your account",
            "teams": teams,
            "shifts": any(m.role == Role.EMPLOYEE for m in mine),
            "calendar_url": str(request.url_for("subscription", token=user.calendar_token)),
            "done": DONE.get(done),
            "error": None,
            "email_error": None,
            "email_given": user.email or "",
            **extra,
        },
        status=status,
    )


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: CurrentUser, store: StoreDep) -> Response:
    return _account(request, user, store)


@router.post("/account/password", response_class=HTMLResponse)
async def account_password(request: Request, user: CurrentUser, store: StoreDep) -> Response:
    form = await form_of(request)
    address = request.client.host if request.client is not None else "unknown"
    try:
        await run_in_threadpool(
            change_password,
            store,
            user,
            form.get("current", ""),
            form.get("new", ""),
            form.get("repeat", ""),
            address,
        )
    except SignInRefused as refused:
        status = 429 if refused.retry_after else 422
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
        response = _account(request, user, store, error=str(refused), status=status)
        if headers:
            response.headers.update(headers)
        return response
    except ValueError as problem:
        return _account(request, user, store, error=str(problem), status=422)
    # every session ended with the new password: this browser gets a new one
    request.session.clear()
    token = await run_in_threadpool(accounts.start_session, store, user.id, session_start(request))
    request.session["sid"] = token
    return RedirectResponse("/account?done=password", status_code=303)


@router.post("/account/email", response_class=HTMLResponse)
async def account_email(request: Request, user: CurrentUser, store: StoreDep) -> Response:
    """The address the person is told at when their published shifts change (empty: not by email)."""
    given = (await form_of(request)).get("email", "").strip()
    if not given:
        await run_in_threadpool(accounts.set_email, store, user.id, None)
        return RedirectResponse("/account?done=no-email", status_code=303)
    try:
        address = checked_address(given[:254])
    except ValueError as problem:
        return _account(request, user, store, email_error=str(problem), email_given=given[:254], status=422)
    await run_in_threadpool(accounts.set_email, store, user.id, address)
    return RedirectResponse("/account?done=email", status_code=303)


@router.post("/account/calendar")
def account_calendar(user: CurrentUser, store: StoreDep) -> Response:
    accounts.new_calendar_token(store, user.id)
    return RedirectResponse("/account?done=calendar", status_code=303)


# -- a manager's one-time links ---------------------------------------------------------------------


def _people(store: StoreDep, a: Member) -> list[dict[str, object]]:
    rows: dict[int, dict[str, object]] = {}
    for u, m in accounts.team_accounts(store, a.team_id):
        row = rows.setdefault(u.id, {"user": u, "roles": [], "employee_id": None})
        row["roles"].append(m.role)  # type: ignore[attr-defined]
        if m.employee_id is not None:
            row["employee_id"] = m.employee_id
    return list(rows.values())


@router.get("/teams/{team_id}/people", response_class=HTMLResponse)
def people(request: Request, a: Manager, store: StoreDep) -> Response:
    return render(
        request,
        "people.html",
        {"title": f"People of {a.team}", "people": _people(store, a), "link": None},
        access=a,
    )


def _may_reset(store: StoreDep, a: Member, user_id: int) -> User:
    """The person of the team ``a`` may make a link for: found in the team first (else not found),
    then ``a``'s role checked, then the person's other teams (forbidden, saying why)."""
    theirs = accounts.memberships(store, user_id)
    if not any(m.team_id == a.team_id for m in theirs):
        raise NotFound("There is no such person in your team.")
    need(a, Role.MANAGER)
    target = accounts.user(store, user_id)
    assert target is not None
    if target.id == a.user.id:
        raise Unprocessable("Change your own password on your account's page (Your account).")
    mine = accounts.memberships(store, a.user.id)
    managed = {m.team_id for m in mine if m.role == Role.MANAGER}
    others = sorted({m.team for m in theirs if m.team_id not in managed})
    if others:
        raise Forbidden(
            f"{target.display_name} also belongs to {', '.join(others)}, which you do not manage: a link "
            "would open those teams' pages to whoever holds it. Ask whoever runs the roster server to set "
            "a new password (roster user password)."
        )
    return target


@router.post("/teams/{team_id}/people/{user_id}/reset-link", response_class=HTMLResponse)
def make_link(
    request: Request, a: TeamMember, user_id: Id, store: StoreDep, settings: SettingsDep
) -> Response:
    target = _may_reset(store, a, user_id)
    valid = dt.timedelta(hours=settings.reset_hours)
    token = accounts.make_reset_link(
        store,
        target.id,
        [a.team_id],
        actor=a.actor,
        valid=valid,
        whom=f"{target.display_name} ({target.username})",
    )
    link = {
        "user": target,
        "url": str(request.url_for("reset_page", token=token)),
        "until": dt.datetime.now(dt.UTC) + valid,
    }
    return render(
        request,
        "people.html",
        {"title": f"People of {a.team}", "people": _people(store, a), "link": link},
        access=a,
    )


# -- the link's page ----------------------------------------------------------------------------------

NO_REFERRER = {"Referrer-Policy": "no-referrer"}
"""The link's page names no address it came from to anything it loads or links to."""

GONE = (
    "This link to set a new password has been used, has expired, or was replaced by a newer one. "
    "Ask your manager for a new link."
)


@router.get("/reset/{token}", response_class=HTMLResponse, name="reset_page")
def reset_page(request: Request, token: str, store: StoreDep) -> Response:
    user = accounts.reset_link_user(store, token)
    if user is None:
        raise NotFound(GONE)
    return render(
        request,
        "reset.html",
        {"title": "Set a new password", "person": user, "error": None, "done": False},
        headers=NO_REFERRER,
    )


@router.post("/reset/{token}", response_class=HTMLResponse)
async def reset_post(request: Request, token: str, store: StoreDep) -> Response:
    form = await form_of(request)
    user = await run_in_threadpool(accounts.reset_link_user, store, token)
    if user is None:
        raise NotFound(GONE)
    problem = new_password_problem(user, form.get("new", ""), form.get("repeat", ""))
    if problem is not None:
        return render(
            request,
            "reset.html",
            {"title": "Set a new password", "person": user, "error": problem, "done": False},
            status=422,
            headers=NO_REFERRER,
        )
    hashed = await run_in_threadpool(hash_password, form["new"])
    if await run_in_threadpool(accounts.use_reset_link, store, token, hashed) is None:
        raise NotFound(GONE)  # used by someone else a moment ago
    earlier = request.session.get("sid")  # whoever was signed in on this browser is not any more
    if isinstance(earlier, str):
        await run_in_threadpool(accounts.end_session, store, earlier)
    request.session.clear()
    return render(
        request, "reset.html", {"title": "New password set", "person": user, "error": None, "done": True}
    )
