"""The coordinator's year: a year plan of the team's hours and rosters, and what-if sweeps, as jobs.

``/teams/{team_id}/year`` shows the team's year inputs (the year's leave, seasonal cover and
profile, saved with ``roster period open`` from a scenario's ``year/`` folder or ``roster team
year``), a form to plan the year from the team's latest period and one to run a sweep (its TOML
typed or pasted), and the team's plans and sweeps. Each is a job of the team
(:mod:`roster.workflow.team_jobs`), run where solves run (the cluster, or a server's thread); its
page shows the progress line, stops it from any process, and, once ended, its tables and every
file it wrote to download (one at a time, or all as a zip). A job in an address is found in the
team first (another team's is not found)."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import zipfile
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.io import InputError
from roster.store import StoreError
from roster.store import jobs as kept
from roster.store.people import Role
from roster.store.periods import PeriodInfo
from roster.web.auth import Member
from roster.web.deps import Coordinator, Id, JobsDep, SettingsDep, StoreDep, form_of, member_of, need
from roster.web.errors import Conflict, NotFound, Unprocessable
from roster.web.jobs import Jobs, SolveJob
from roster.web.templating import render
from roster.workflow.periods import base_scenario
from roster.workflow.team_jobs import (
    INPUTS,
    latest_period,
    plan_dates,
    plan_job,
    plan_settings,
    sweep_errors,
    sweep_job,
)

router = APIRouter()

MAX_PLAN_SECONDS = 600.0
"""The most a plan's roster may be given on the page (``roster plan-year --time-limit`` has no cap)."""


def sweep_example(first: str, last: str) -> str:
    """A sweep to start from: the team as it is, one more like ``first``, ``last`` left out."""
    return f"""\
# What if the team had one more person, or one fewer? (docs/planning.md: What-if sweeps)
scope = "period"
time_limit = 20
workers = 2

[[variants]]
name = "as it is"

[[variants]]
name = "one more like {first}"
add = [{{like = "{first}", count = 1}}]

[[variants]]
name = "without {last}"
leave_out = ["{last}"]
"""


@dataclass(frozen=True)
class TeamJob:
    member: Member
    job: SolveJob


def team_job(request: Request, team_id: Id, job_id: Id) -> TeamJob:
    """The team's plan or sweep ``job_id`` (another team's, or a period's job, is not found), for a
    coordinator or manager."""
    member = member_of(request, team_id)
    jobs: Jobs = request.app.state.jobs
    try:
        job = jobs.job(job_id)
    except StoreError:
        raise NotFound("There is no such plan or sweep in your teams.") from None
    if job.info.team_id != member.team_id or job.info.period_id is not None:
        raise NotFound("There is no such plan or sweep in your teams.")
    need(member, Role.COORDINATOR)
    return TeamJob(member, job)


JobOfTeam = Annotated[TeamJob, Depends(team_job)]


def _date(form: dict[str, str], key: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(form.get(key, "").strip())
    except ValueError:
        raise Unprocessable(f"{label}: {form.get(key, '')!r} is not a date (such as 2027-04-05).") from None


def _number(form: dict[str, str], key: str, label: str, low: float, high: float) -> float:
    try:
        value = float(form.get(key, "").strip())
    except ValueError:
        raise Unprocessable(f"{label}: {form.get(key, '')!r} is not a number.") from None
    if not low <= value <= high:
        raise Unprocessable(f"{label}: {value:g} is not from {low:g} to {high:g}.")
    return value


@router.get("/teams/{team_id}/year", response_class=HTMLResponse)
def year_page(request: Request, a: Coordinator, store: StoreDep, settings: SettingsDep) -> Response:
    period = latest_period(store, a.team_id)
    first, last = plan_dates(period) if period is not None else (None, None)
    year = kept.year_files(store, a.team_id)
    return render(
        request,
        "year.html",
        {
            "title": "Year plans and what-if sweeps",
            "period": period,
            "first": first,
            "last": last,
            "year": year,
            "jobs": [SolveJob(j) for j in kept.team_jobs(store, a.team_id)],
            "time_limit": min(settings.solve.time_limit, 30.0),
            "max_seconds": MAX_PLAN_SECONDS,
            "example": sweep_example(*_first_and_last(store, period)),
        },
        access=a,
    )


def _first_and_last(store: Any, period: PeriodInfo | None) -> tuple[str, str]:
    if period is None:
        return "ID", "ID"
    people = base_scenario(store, period).employees
    return (people[0].id, people[-1].id) if people else ("ID", "ID")


def _started(a: Member, job: SolveJob) -> Response:
    return RedirectResponse(f"/teams/{a.team_id}/year/jobs/{job.id}", status_code=303)


@router.post("/teams/{team_id}/year/plan")
async def start_plan(
    request: Request, a: Coordinator, store: StoreDep, jobs: JobsDep, settings: SettingsDep
) -> Response:
    form = await form_of(request)
    first = _date(form, "first", "First date")
    last = _date(form, "last", "Last date")
    seconds = _number(form, "seconds", "Seconds a roster", 1, MAX_PLAN_SECONDS)
    propose = form.get("propose") or None
    bounds = (
        _number(form, "low", "Fewest hours a full-time week", 0, 60),
        _number(form, "high", "Most hours a full-time week", 0, 60),
    )
    if bounds[0] > bounds[1]:
        raise Unprocessable(f"The weekly hours from {bounds[0]:g} to {bounds[1]:g} are the wrong way round.")
    try:
        asked, files = plan_job(store, a.team_id, first, last, propose=propose, bounds=bounds)
    except InputError as err:
        raise Unprocessable(f"The team's year inputs cannot be planned: {err}") from None
    except (ValueError, StoreError) as err:
        raise Unprocessable(str(err)[:1].upper() + str(err)[1:] + ".") from None
    solver = plan_settings(seconds, settings.solve.workers, settings.solve.seed)
    try:
        job = jobs.start_team(a.team_id, a.actor, "plan", asked, files, solver)
    except StoreError as err:
        raise Conflict(str(err)[:1].upper() + str(err)[1:] + ".") from None
    return _started(a, job)


@router.post("/teams/{team_id}/year/sweep")
async def start_sweep(
    request: Request, a: Coordinator, store: StoreDep, jobs: JobsDep, settings: SettingsDep
) -> Response:
    form = await form_of(request)
    text = form.get("sweep", "").replace("\r\n", "\n")
    if not text.strip():
        raise Unprocessable("The sweep is empty: write its variants in TOML (the example shows how).")
    try:
        asked, files = sweep_job(store, a.team_id, text)
    except (*sweep_errors(), StoreError) as err:  # type: ignore[misc]  # a tuple of exception classes
        raise Unprocessable(f"The sweep cannot run: {err}") from None
    except InputError as err:
        raise Unprocessable(f"The team's files cannot be swept: {err}") from None
    try:
        job = jobs.start_team(a.team_id, a.actor, "sweep", asked, files, settings.solve.solver())
    except StoreError as err:
        raise Conflict(str(err)[:1].upper() + str(err)[1:] + ".") from None
    return _started(a, job)


def _files(store: Any, job: SolveJob) -> list[tuple[str, int]]:
    return [(n, size) for n, size in kept.file_sizes(store, job.id).items() if not n.startswith(INPUTS)]


@router.get("/teams/{team_id}/year/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, t: JobOfTeam, store: StoreDep) -> Response:
    job = t.job
    name = kept.TEAM_KINDS.get(job.kind, job.kind)
    return render(
        request,
        "year_job.html",
        {
            "title": f"{name[0].upper()}{name[1:]} (job {job.id})",
            "job": job,
            "files": _files(store, job) if not job.running else [],
        },
        access=t.member,
    )


@router.get("/teams/{team_id}/year/jobs/{job_id}/progress", response_class=HTMLResponse)
def job_progress(request: Request, t: JobOfTeam) -> Response:
    """The job's progress line (htmx polls it every second while the job runs)."""
    response = render(request, "_year_progress.html", {"job": t.job}, access=t.member)
    if not t.job.running and request.headers.get("hx-request") == "true":
        response.headers["HX-Refresh"] = "true"  # it ended: show its tables and files
    return response


@router.post("/teams/{team_id}/year/jobs/{job_id}/stop")
def stop_job(t: JobOfTeam, jobs: JobsDep) -> Response:
    jobs.stop(t.job.id, t.member.actor)
    return RedirectResponse(f"/teams/{t.member.team_id}/year/jobs/{t.job.id}", status_code=303)


@router.get("/teams/{team_id}/year/jobs/{job_id}/file")
def job_file(t: JobOfTeam, store: StoreDep, name: str = "") -> Response:
    """One file the job wrote (``?name=`` as the job's page lists it), as a download."""
    data = kept.job_file(store, t.job.id, name) if name and not name.startswith(INPUTS) else None
    if data is None:
        raise NotFound(f"The job wrote no file called {name[:200]!r}: see the job's page for its files.")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    base = name.rsplit("/", 1)[-1]
    return Response(
        data,
        media_type=kind,
        headers={"Content-Disposition": f'attachment; filename="{_safe(base)}"'},
    )


@router.get("/teams/{team_id}/year/jobs/{job_id}/files.zip")
def job_zip(t: JobOfTeam, store: StoreDep) -> Response:
    """Every file the job wrote, in one zip (its folders as the command line writes them)."""
    files = {n: d for n, d in kept.job_files(store, t.job.id).items() if not n.startswith(INPUTS)}
    if not files:
        raise NotFound("The job wrote no files (yet): see the job's page.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for n in sorted(files):
            info = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[n])
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{t.job.kind}-{t.job.id}.zip"'},
    )


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:150] or "file"
