"""The council administrator's pages: the teams of the service, a new team, and people's roles.

``/admin`` lists every team with its accounts and makes a new one (by its service's name: the
name its roster periods are opened under). ``/admin/teams/{team_id}`` lists the team's people and
their roles, gives a role to a person (a new account gets a one-time link to set its password,
shown once to the administrator, valid ``WebSettings.reset_hours``) and takes a role away. Only a
council administrator (``roster user admin NAME``) reaches these pages; to anyone else they are
"not found", as a page that does not exist."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import StoreError
from roster.store import jobs as kept
from roster.store import people as accounts
from roster.store.people import ROLES, User
from roster.web.auth import ROLE_NAMES, hash_password
from roster.web.deps import CurrentUser, Id, SettingsDep, StoreDep, form_of
from roster.web.errors import NotFound
from roster.web.jobs import SolveJob
from roster.web.templating import render

router = APIRouter()


def administrator(user: CurrentUser) -> User:
    """The signed-in user when a council administrator; "not found" for anyone else."""
    if not user.admin:
        raise NotFound("There is no such page in your teams.")
    return user


Admin = Annotated[User, Depends(administrator)]


def _team(store: Any, team_id: int) -> accounts.TeamSummary:
    found = next((t for t in accounts.team_list(store) if t.id == team_id), None)
    if found is None:
        raise NotFound("There is no such team.")
    return found


def _actor(user: User) -> str:
    return f"{user.display_name} ({user.username})"


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, admin: Admin, store: StoreDep) -> Response:
    return _teams_page(request, store)


def _teams_page(request: Request, store: Any, *, error: str | None = None, status: int = 200) -> Response:
    teams = accounts.team_list(store)
    names = {t.id: t.name for t in teams}
    jobs = [(names.get(j.team_id, f"team {j.team_id}"), SolveJob(j)) for j in kept.active(store)]
    return render(
        request,
        "admin.html",
        {"title": "Council administration", "teams": teams, "jobs": jobs, "error": error},
        status=status,
    )


@router.post("/admin/teams", response_class=HTMLResponse)
async def add_team(request: Request, admin: Admin, store: StoreDep) -> Response:
    name = (await form_of(request)).get("name", "")
    try:
        made = accounts.add_team(store, name)
    except StoreError as err:
        return _teams_page(request, store, error=str(err), status=422)
    return RedirectResponse(f"/admin/teams/{made.id}", status_code=303)


def _team_page(
    request: Request,
    store: Any,
    team_id: int,
    *,
    error: str | None = None,
    link: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    team = _team(store, team_id)
    people = accounts.team_accounts(store, team_id)
    return render(
        request,
        "admin_team.html",
        {
            "title": f"{team.name}: people and roles",
            "team": team,
            "people": people,
            "roles": ROLES,
            "role_names": ROLE_NAMES,
            "error": error,
            "link": link,
        },
        status=status,
    )


@router.get("/admin/teams/{team_id}", response_class=HTMLResponse)
def admin_team(request: Request, admin: Admin, team_id: Id, store: StoreDep) -> Response:
    return _team_page(request, store, team_id)


@router.post("/admin/teams/{team_id}/people", response_class=HTMLResponse)
async def give_role(
    request: Request, admin: Admin, team_id: Id, store: StoreDep, settings: SettingsDep
) -> Response:
    team = _team(store, team_id)
    form = await form_of(request)
    username = accounts.normal_username(form.get("username", ""))
    name = form.get("name", "").strip()
    role = form.get("role", "")
    employee_id = form.get("employee_id", "").strip() or None
    if not username or len(username) > 100:
        return _team_page(
            request, store, team_id, error="Give a user name of 1 to 100 characters.", status=422
        )
    if role not in ROLES:
        return _team_page(request, store, team_id, error="Choose a role.", status=422)
    if role != "employee":
        employee_id = None
    elif employee_id is None:
        return _team_page(
            request,
            store,
            team_id,
            error="An employee role needs the person's id in the team's scenario.",
            status=422,
        )
    found = accounts.credentials(store, username)
    link = None
    try:
        if found is None:
            unusable = hash_password(secrets.token_urlsafe(32))  # nobody knows it: the link sets one
            user = accounts.add_user(
                store, username, name or username, unusable, (team.name, role, employee_id)
            )
            valid = dt.timedelta(hours=settings.reset_hours)
            token = accounts.make_reset_link(
                store,
                user.id,
                [team.id],
                actor=_actor(admin),
                valid=valid,
                whom=f"{user.display_name} ({username})",
            )
            link = {
                "user": user,
                "url": str(request.url_for("reset_page", token=token)),
                "until": dt.datetime.now(dt.UTC) + valid,
            }
        else:
            accounts.grant(store, found[0].id, team.name, role, employee_id)
    except StoreError as err:
        return _team_page(request, store, team_id, error=str(err), status=422)
    return _team_page(request, store, team_id, link=link)


@router.post("/admin/teams/{team_id}/people/{user_id}/remove", response_class=HTMLResponse)
async def take_role(request: Request, admin: Admin, team_id: Id, user_id: Id, store: StoreDep) -> Response:
    _team(store, team_id)
    role = (await form_of(request)).get("role", "")
    if not accounts.revoke(store, user_id, team_id, role):
        raise NotFound("That person does not hold that role in this team.")
    return RedirectResponse(f"/admin/teams/{team_id}", status_code=303)
