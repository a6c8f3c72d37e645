"""The manager's review of a version: the cover heatmap and the gaps, the roster with each shift a
link to amend it, a minimal-change re-solve, the diff, accept (or override with a reason),
publish to the team, and the next period. Every step is the command line's workflow function
on the same store: the versions and the audit log are the same."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.domain.request import Pin
from roster.io import InputError
from roster.io.xlsx_roster import shift_from_text
from roster.store import Store, StoreError, VersionConflict, VersionInfo
from roster.store.people import Role
from roster.store.periods import PeriodInfo, periods
from roster.timegrid import format_clock, minute_of_day
from roster.web.auth import Member
from roster.web.deps import (
    Coordinator,
    JobsDep,
    SettingsDep,
    StoreDep,
    TeamVersion,
    form_of,
    get_jobs,
    get_settings,
    version_of,
)
from roster.web.errors import Conflict, NotFound, Unprocessable
from roster.web.templating import render
from roster.web.views import version_view
from roster.workflow import AcceptRefused, Amendment, accept, amend, diff_versions, is_published
from roster.workflow.carry import next_scenario
from roster.workflow.notify import publish_and_notify
from roster.workflow.periods import open_period_files, scenario_as_files
from roster.workflow.solve_jobs import resolve_of

router = APIRouter()

CoordinatedVersion = Annotated[TeamVersion, Depends(version_of(Role.COORDINATOR))]
ManagedVersion = Annotated[TeamVersion, Depends(version_of(Role.MANAGER))]


def _diff(store: Store, info: VersionInfo) -> Any:
    if info.parent_id is None:
        return None
    return diff_versions(store, info.parent_id, info.id)


@router.get("/teams/{team_id}/versions/{version_id}", response_class=HTMLResponse)
def version_page(
    request: Request, v: CoordinatedVersion, store: StoreDep, amend_employee: str = "", amend_date: str = ""
) -> Response:
    view = version_view(store, v.version.id)
    editing = None
    if amend_employee and amend_date and v.member.manages:
        editing = _amend_form_values(view, amend_employee, amend_date)
    return _page(request, store, v.member, v.version, editing=editing)


def _page(
    request: Request,
    store: Store,
    a: Member,
    info: VersionInfo,
    *,
    editing: dict[str, str] | None = None,
    refused: AcceptRefused | None = None,
    status: int = 200,
) -> Response:
    """The version's page: with the amendment form open (``editing``), or after a refused accept."""
    view = version_view(store, info.id)
    context = {
        "period": _period_of(store, a.team_id, info),
        "help": get_jobs(request).about(info.id, "help"),
        "help_budget": get_settings(request).amend_time_limit,
        "title": f"Roster {info.label}",
        "info": view.info,
        "view": view,
        "diff": _diff(store, info),
        "editing": editing,
        "events": store.events(version_id=info.id),
        "published": is_published(store, info.id),
        "refused": refused,
    }
    return render(request, "version.html", context, access=a, status=status)


def _period_of(store: Store, team_id: int, info: VersionInfo) -> PeriodInfo | None:
    """The period on the page a version belongs to (None: one saved by ``roster solve`` alone)."""
    return next((p for p in periods(store, team_id) if p.start_date == info.period_start), None)


@router.post("/teams/{team_id}/versions/{version_id}/help", response_class=HTMLResponse)
def find_help(v: CoordinatedVersion, store: StoreDep, settings: SettingsDep, jobs: JobsDep) -> Response:
    """Look for the single changes that would close the version's gap in cover: a job of its period,
    each change verified by a re-solve from the version's roster with the re-solve's budget."""
    a = v.member
    period = _period_of(store, a.team_id, v.version)
    if period is None:
        raise Unprocessable(
            f"{v.version.label} has no roster period on this page (it was saved by `roster solve`): "
            f"ask `roster gaps` on the command line with its roster instead."
        )
    try:
        jobs.help(
            period.id, a.team_id, a.actor, v.version.id, settings.solve.solver(settings.amend_time_limit)
        )
    except StoreError as err:
        raise Unprocessable(str(err)) from None
    return RedirectResponse(f"/teams/{a.team_id}/periods/{period.id}#solve-h", status_code=303)


def _amend_form_values(view: Any, employee_id: str, day: str) -> dict[str, str]:
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise NotFound("There is no such day in this roster.") from None
    if date not in view.scenario.service.days or employee_id not in {e.id for e in view.scenario.employees}:
        raise NotFound("There is no such person or day in this roster.")
    emp = view.scenario.employee(employee_id)
    shift = next((s for s in view.roster.shifts if s.employee_id == employee_id and s.date == date), None)
    values = {
        "employee_id": employee_id,
        "name": emp.name,
        "date": day,
        "label": f"{date:%A %d %B}",
        "state": "off",
        "start": "",
        "end": "",
        "break": "",
    }
    if shift is not None:
        values |= {
            "state": "shift",
            "start": format_clock(minute_of_day(date, shift.start) % 1440),
            "end": format_clock(minute_of_day(date, shift.end) % 1440),
            "break": format_clock(minute_of_day(date, shift.break_start) % 1440)
            if shift.break_start is not None
            else "",
        }
    return values


@router.get("/teams/{team_id}/versions/{version_id}/heatmap.png")
def heatmap(v: CoordinatedVersion, store: StoreDep) -> Response:
    png = version_view(store, v.version.id).heatmap_png()
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _pin(view: Any, form: dict[str, str]) -> Pin:
    """The manager's edit of one day as a pin, read as the team workbook's cells are read."""
    employee_id = form.get("employee_id", "")
    day = form.get("date", "")
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Unprocessable(f"{day!r} is not a date of this roster (YYYY-MM-DD)") from None
    if date not in view.scenario.service.days or employee_id not in {e.id for e in view.scenario.employees}:
        raise NotFound("There is no such person or day in this roster.")
    if form.get("state") == "off":
        return Pin(employee_id=employee_id, date=date, shift=None, source="the web page")
    start, end, brk = (form.get(k, "").strip() for k in ("start", "end", "break"))
    if not start or not end:
        raise Unprocessable("Give the shift's start and end (or choose off).")
    s, e = _clock(start), _clock(end)
    if s is not None and e is not None and e <= s:
        end = format_clock(e + 1440)  # a shift past midnight ends the next day
    text = f"{start}-{end}" + (f" (break {brk})" if brk else "")
    try:
        shift = shift_from_text(text, view.scenario, employee_id, date)
    except ValueError as err:
        raise Unprocessable(str(err)) from None
    return Pin(employee_id=employee_id, date=date, shift=shift, source="the web page")


def _revision(form: dict[str, str]) -> int:
    """The version's revision the manager's page showed (a change since is a conflict, not lost)."""
    text = form.get("revision", "")
    if not text.isdigit() or len(text) > 9:
        raise Unprocessable(
            "The form is missing the version's revision (it was not sent by this page): "
            "nothing was saved. Reload the page and make your change again."
        )
    return int(text)


def _clock(text: str) -> int | None:
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]) * 60 + int(parts[1])


@router.post("/teams/{team_id}/versions/{version_id}/amend", response_class=HTMLResponse)
async def amend_version(
    request: Request, v: ManagedVersion, store: StoreDep, settings: SettingsDep, jobs: JobsDep
) -> Response:
    """A manager's edit of one day: checked as is and saved as a new version, or re-solved with
    minimal change (a job of the version's period, as a solve is; in the request when the version
    has no period on the page, as one solved with ``roster solve`` has not)."""
    form = await form_of(request)
    a, version_id = v.member, v.version.id
    view = await run_in_threadpool(version_view, store, version_id)
    pin = _pin(view, form)
    revision = _revision(form)
    resolve = form.get("resolve") == "on"
    note = form.get("note", "").strip()
    if len(note) > 500:
        raise Unprocessable(f"The note has {len(note)} characters; keep it to 500. Nothing was saved.")
    period = _period_of(store, a.team_id, v.version)
    # a re-solve is a job, as a solve is: on the cluster, its progress on the period's page
    if resolve and period is not None:
        try:
            await run_in_threadpool(store.check_amendable, version_id, revision)
            await run_in_threadpool(
                jobs.resolve,
                period.id,
                a.team_id,
                a.actor,
                resolve_of(version_id, revision, (pin,), note),
                settings.solve.solver(settings.amend_time_limit),
            )
        except VersionConflict as err:
            raise Conflict(str(err)) from None
        except StoreError as err:
            raise Unprocessable(str(err)) from None
        return RedirectResponse(f"/teams/{a.team_id}/periods/{period.id}#solve-h", status_code=303)
    try:
        out = await run_in_threadpool(
            amend,
            store,
            version_id,
            a.actor,
            Amendment(pins=(pin,)),
            resolve=resolve,
            settings=settings.solve.solver(settings.amend_time_limit),
            note=note,
            revision=revision,
        )
    except VersionConflict as err:
        raise Conflict(str(err)) from None
    except (InputError, StoreError) as err:
        raise Unprocessable(err.message if isinstance(err, InputError) else str(err)) from None
    return RedirectResponse(f"/teams/{a.team_id}/versions/{out.version.id}#diff", status_code=303)


@router.post("/teams/{team_id}/versions/{version_id}/accept", response_class=HTMLResponse)
async def accept_version(
    request: Request, v: ManagedVersion, store: StoreDep, settings: SettingsDep
) -> Response:
    form = await form_of(request)
    a, info, version_id = v.member, v.version, v.version.id
    reason = form.get("reason", "").strip() or None
    if reason is not None and len(reason) > 1000:
        raise Unprocessable(f"The reason has {len(reason)} characters; keep it to 1000. Nothing was saved.")
    override = form.get("override") == "on"
    if override and not reason:
        raise Unprocessable(
            "To accept a roster that breaks a hard rule, say why: the reason is recorded in the audit log."
        )
    revision = _revision(form)
    try:
        await run_in_threadpool(
            accept,
            store,
            version_id,
            a.actor,
            override_reason=reason if override else None,
            revision=revision,
        )
    except AcceptRefused as refused:
        why = refused
        return await run_in_threadpool(lambda: _page(request, store, a, info, refused=why, status=409))
    except VersionConflict as err:
        raise Conflict(str(err)) from None
    except StoreError as err:
        raise Unprocessable(str(err)) from None
    if form.get("publish") == "on":
        url = str(request.url_for("latest_roster", team_id=a.team_id))
        await run_in_threadpool(publish_and_notify, store, version_id, a.actor, settings.mail, url)
    return RedirectResponse(f"/teams/{a.team_id}/versions/{version_id}", status_code=303)


@router.post("/teams/{team_id}/versions/{version_id}/publish", response_class=HTMLResponse)
def publish_version(request: Request, v: ManagedVersion, store: StoreDep, settings: SettingsDep) -> Response:
    url = str(request.url_for("latest_roster", team_id=v.member.team_id))
    try:
        publish_and_notify(store, v.version.id, v.member.actor, settings.mail, url)
    except StoreError as err:
        raise Unprocessable(str(err)) from None
    return RedirectResponse(f"/teams/{v.member.team_id}/versions/{v.version.id}", status_code=303)


@router.post("/teams/{team_id}/versions/{version_id}/next", response_class=HTMLResponse)
def open_next_period(v: CoordinatedVersion, store: StoreDep) -> Response:
    """Open the period after an accepted version for wishes: history, banked time and fairness
    carried over (``roster next``), standing wishes kept, dated wishes blank. Opening a period
    for wishes is the coordinator's work as much as the manager's."""
    a, info, version_id, team_id = v.member, v.version, v.version.id, v.member.team_id
    if info.status != "accepted":
        raise Unprocessable(f"{info.label} is {info.status}: the next period starts from an accepted roster.")
    view = version_view(store, version_id)
    first = view.scenario.service.days[-1] + dt.timedelta(days=1)
    if any(p.start_date == first for p in periods(store, team_id)):
        raise Conflict(f"The period from {first:%d %b %Y} is already open: see the team's page.")
    try:
        new, _notes = next_scenario(view.scenario, view.roster, view.report, first)
    except ValueError as err:
        raise Unprocessable(str(err)) from None
    try:
        opened = open_period_files(store, scenario_as_files(new), a.actor)
    except (InputError, StoreError) as err:
        raise Unprocessable(str(err)) from None
    store.log_event(
        version_id,
        actor=a.actor,
        action="next",
        detail=f"next roster period from {first} opened for wishes on the web page",
    )
    return RedirectResponse(f"/teams/{team_id}/periods/{opened.id}", status_code=303)


@router.get("/teams/{team_id}/log", response_class=HTMLResponse)
def audit_log(request: Request, a: Coordinator, store: StoreDep) -> Response:
    events = list(reversed(store.events(team=a.team)))[:500]
    return render(request, "log.html", {"title": f"Audit log of {a.team}", "events": events}, access=a)
