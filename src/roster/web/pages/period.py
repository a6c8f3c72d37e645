"""The coordinator's page of a period: who has given wishes and who not yet, opening and closing
it, solving it with a live progress line, and stopping a solve (the best roster is kept)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import StoreError
from roster.store.people import Role
from roster.store.periods import set_period_status
from roster.web.deps import JobsDep, SettingsDep, StoreDep, TeamPeriod, period_of
from roster.web.errors import Conflict
from roster.web.templating import render
from roster.workflow.periods import period_versions, returns

router = APIRouter()

CoordinatedPeriod = Annotated[TeamPeriod, Depends(period_of(Role.COORDINATOR))]


def _back(p: TeamPeriod) -> RedirectResponse:
    return RedirectResponse(f"/teams/{p.member.team_id}/periods/{p.period.id}", status_code=303)


@router.get("/teams/{team_id}/periods/{period_id}", response_class=HTMLResponse)
def period_page(
    request: Request, p: CoordinatedPeriod, store: StoreDep, jobs: JobsDep, settings: SettingsDep
) -> Response:
    info = p.period
    return render(
        request,
        "period.html",
        {
            "title": f"Roster period {info.label}",
            "period": info,
            "returns": returns(store, info),
            "job": jobs.get(info.id),
            "versions": period_versions(store, info),
            "settings": settings.solve,
        },
        access=p.member,
    )


@router.post("/teams/{team_id}/periods/{period_id}/close")
def close_period(p: CoordinatedPeriod, store: StoreDep) -> Response:
    set_period_status(store, p.period.id, "closed", actor=p.member.actor)
    return _back(p)


@router.post("/teams/{team_id}/periods/{period_id}/reopen")
def reopen_period(p: CoordinatedPeriod, store: StoreDep, jobs: JobsDep) -> Response:
    job = jobs.get(p.period.id)
    if job is not None and job.running:
        raise Conflict(
            "A solve of this period is running: stop it before opening the period for wishes again."
        )
    set_period_status(store, p.period.id, "open", actor=p.member.actor)
    return _back(p)


@router.post("/teams/{team_id}/periods/{period_id}/solve")
def start_solve(p: CoordinatedPeriod, jobs: JobsDep) -> Response:
    if p.period.status != "closed":
        raise Conflict(
            "The period is still open for wishes: close it first, so that nobody's wishes change "
            "while the roster is made."
        )
    try:
        jobs.start(p.period.id, p.member.team_id, p.member.actor)
    except StoreError as err:
        raise Conflict(str(err)) from None
    return _back(p)


@router.get("/teams/{team_id}/periods/{period_id}/progress", response_class=HTMLResponse)
def solve_progress(request: Request, p: CoordinatedPeriod, jobs: JobsDep) -> Response:
    """The solve's progress line (htmx polls it every second while the solve runs)."""
    job = jobs.get(p.period.id)
    response = render(request, "_progress.html", {"job": job, "period": p.period}, access=p.member)
    if job is not None and not job.running and request.headers.get("hx-request") == "true":
        response.headers["HX-Refresh"] = "true"  # the solve ended: show the new version on the page
    return response


@router.post("/teams/{team_id}/periods/{period_id}/cancel")
def cancel_solve(p: CoordinatedPeriod, jobs: JobsDep) -> Response:
    jobs.cancel(p.period.id, p.member.actor)
    return _back(p)
