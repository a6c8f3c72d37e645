"""The coordinator's page of a period: who has given wishes and who not yet, opening and closing
it, solving it with a live progress line, and stopping a solve (the best roster is kept)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import StoreError
from roster.store.periods import set_period_status
from roster.web.app import Conflict, Id, period_access, store_of
from roster.web.jobs import Jobs
from roster.web.pages.common import render
from roster.workflow.periods import period_versions, returns

router = APIRouter()


def _jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


@router.get("/teams/{team_id}/periods/{period_id}", response_class=HTMLResponse)
def period_page(request: Request, team_id: Id, period_id: Id) -> Response:
    a, info = period_access(request, team_id, period_id, "coordinator")
    store = store_of(request)
    given = returns(store, info)
    job = _jobs(request).get(period_id)
    return render(
        request,
        "period.html",
        {
            "title": f"Roster period {info.label}",
            "period": info,
            "returns": given,
            "job": job,
            "versions": period_versions(store, info),
            "settings": request.app.state.settings.solve,
        },
        access=a,
    )


@router.post("/teams/{team_id}/periods/{period_id}/close")
def close_period(request: Request, team_id: Id, period_id: Id) -> Response:
    a, _ = period_access(request, team_id, period_id, "coordinator")
    set_period_status(store_of(request), period_id, "closed", actor=a.actor)
    return RedirectResponse(f"/teams/{team_id}/periods/{period_id}", status_code=303)


@router.post("/teams/{team_id}/periods/{period_id}/reopen")
def reopen_period(request: Request, team_id: Id, period_id: Id) -> Response:
    a, _ = period_access(request, team_id, period_id, "coordinator")
    job = _jobs(request).get(period_id)
    if job is not None and job.running:
        raise Conflict(
            "A solve of this period is running: stop it before opening the period for wishes again."
        )
    set_period_status(store_of(request), period_id, "open", actor=a.actor)
    return RedirectResponse(f"/teams/{team_id}/periods/{period_id}", status_code=303)


@router.post("/teams/{team_id}/periods/{period_id}/solve")
def start_solve(request: Request, team_id: Id, period_id: Id) -> Response:
    a, info = period_access(request, team_id, period_id, "coordinator")
    if info.status != "closed":
        raise Conflict(
            "The period is still open for wishes: close it first, so that nobody's wishes change "
            "while the roster is made."
        )
    try:
        _jobs(request).start(period_id, team_id, a.actor)
    except StoreError as err:
        raise Conflict(str(err)) from None
    return RedirectResponse(f"/teams/{team_id}/periods/{period_id}", status_code=303)


@router.get("/teams/{team_id}/periods/{period_id}/progress", response_class=HTMLResponse)
def solve_progress(request: Request, team_id: Id, period_id: Id) -> Response:
    """The solve's progress line (htmx polls it every second while the solve runs)."""
    a, info = period_access(request, team_id, period_id, "coordinator")
    job = _jobs(request).get(period_id)
    response = render(request, "_progress.html", {"job": job, "period": info}, access=a)
    if job is not None and not job.running and request.headers.get("hx-request") == "true":
        response.headers["HX-Refresh"] = "true"  # the solve ended: show the new version on the page
    return response


@router.post("/teams/{team_id}/periods/{period_id}/cancel")
def cancel_solve(request: Request, team_id: Id, period_id: Id) -> Response:
    a, _ = period_access(request, team_id, period_id, "coordinator")
    _jobs(request).cancel(period_id, a.actor)
    return RedirectResponse(f"/teams/{team_id}/periods/{period_id}", status_code=303)
