"""A person's wishes for a period: a grid of days (any, off, a shift or a shift type; prefer or
strongly prefer) and standing wishes, checked as ``preferences.csv`` and ``wishes.csv`` rows are.

Staff see and change their own; a coordinator or manager can give them for anyone of the team
(recorded as given by them). As a day's fields change, the page asks the server what the policy
says of that day (:func:`check_day`): the shift's length and break, or why it is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.domain import Scenario
from roster.store import StoreError
from roster.store.periods import PeriodInfo, submissions, wishes_of
from roster.web.app import Id, NotFound, PageError, need_coordinator, period_access, store_of
from roster.web.auth import Access
from roster.web.pages.common import form_of, render
from roster.web.views import (
    DayCell,
    day_cells_from_form,
    limits_text,
    shift_hint,
    standing_cells_from_form,
    standing_rows,
    stray_fields,
    wish_days,
)
from roster.workflow.periods import WishProblem, base_scenario, check_wishes, save_wishes

router = APIRouter()


class Unreadable(PageError):
    status = 422
    title = "Not saved"


def whose(a: Access, scenario: Scenario, employee_id: str | None) -> str:
    """The person whose wishes these are: the user's own, or (a coordinator) anyone of the team."""
    if employee_id is None or employee_id == a.employee_id:
        if a.employee_id is None:
            raise NotFound("You have no wishes to give in this team: you are not one of its rostered staff.")
        return a.employee_id
    if not a.coordinates:
        raise NotFound("There is no such person in your team's wishes.")
    if not any(e.id == employee_id for e in scenario.employees):
        raise NotFound("There is no such person in this team.")
    return employee_id


def _page(
    request: Request,
    a: Access,
    info: PeriodInfo,
    employee_id: str,
    *,
    form: dict[str, str] | None = None,
    problems: tuple[WishProblem, ...] = (),
    saved: bool = False,
    status: int = 200,
    conflict: str | None = None,
) -> Response:
    store = store_of(request)
    scenario = base_scenario(store, info)
    emp = scenario.employee(employee_id)
    prefs, wishes = wishes_of(store, info.id, employee_id)
    days = wish_days(scenario, employee_id, prefs)
    standing = standing_rows(wishes, employee_id)
    sub = submissions(store, info.id).get(employee_id)
    revision = sub.revision if sub is not None else 0
    if form is not None:  # show what was sent, with its problems, not what is stored
        days = [_from_form(d, form) for d in days]
        standing = [
            {c: form.get(f"s-{i}-{c}", "") for c in ("weekday", "kind", "time", "strength")}
            for i in range(len([k for k in form if k.startswith("s-") and k.endswith("-kind")]))
        ]
        revision = int(form.get("revision", "0")) if form.get("revision", "0").isdigit() else 0
    by_key: dict[str, list[WishProblem]] = {}
    for p in problems:
        by_key.setdefault(p.key, []).append(p)
    weeks = [[d for d in days if d.week == w] for w in range(info.weeks)]
    return render(
        request,
        "wishes.html",
        {
            "title": f"Wishes of {emp.name}" if employee_id != a.employee_id else "Your wishes",
            "period": info,
            "emp": emp,
            "weeks": weeks,
            "standing": standing,
            "problems": problems,
            "by_key": by_key,
            "saved": saved,
            "submission": sub,
            "revision": revision,
            "shift_types": scenario.service.shift_types,
            "limits": limits_text(scenario, employee_id),
            "own": employee_id == a.employee_id,
            "conflict": conflict,
            "action": request.url.path,
        },
        access=a,
        status=status,
    )


def _from_form(d: DayCell, form: dict[str, str]) -> DayCell:
    k = d.key
    if f"d-{k}-kind" not in form:
        return d
    return replace(
        d,
        kind=form.get(f"d-{k}-kind", "any"),
        start=form.get(f"d-{k}-start", ""),
        end=form.get(f"d-{k}-end", ""),
        strength=form.get(f"d-{k}-strength", "prefer"),
    )


@router.get("/teams/{team_id}/periods/{period_id}/wishes", response_class=HTMLResponse)
def my_wishes(request: Request, team_id: Id, period_id: Id, saved: int = 0) -> Response:
    a, info = period_access(request, team_id, period_id, "member")
    employee_id = whose(a, base_scenario(store_of(request), info), None)
    return _page(request, a, info, employee_id, saved=bool(saved))


@router.get("/teams/{team_id}/periods/{period_id}/wishes/{employee_id}", response_class=HTMLResponse)
def wishes_of_person(
    request: Request, team_id: Id, period_id: Id, employee_id: str, saved: int = 0
) -> Response:
    a, info = period_access(request, team_id, period_id, "member")
    who = whose(a, base_scenario(store_of(request), info), employee_id)
    if who != a.employee_id:
        need_coordinator(a)
    return _page(request, a, info, who, saved=bool(saved))


async def _save(request: Request, team_id: int, period_id: int, employee_id: str | None) -> Response:
    form = await form_of(request)
    a, info = await run_in_threadpool(period_access, request, team_id, period_id, "member")
    store = store_of(request)
    scenario = await run_in_threadpool(base_scenario, store, info)
    who = whose(a, scenario, employee_id)
    revision_text = form.get("revision", "")
    if not revision_text.isdigit() or len(revision_text) > 9:
        raise Unreadable(
            "The form is missing its revision (it was not sent by this page): nothing was "
            "saved. Reload the page and give your wishes again."
        )
    revision = int(revision_text)
    strays = stray_fields(scenario, form)
    if strays:
        raise Unreadable(
            f"The form has fields this period does not have ({', '.join(strays[:3])}): nothing "
            "was saved. Reload the page and give your wishes again."
        )
    days = day_cells_from_form(scenario, form)
    standing = standing_cells_from_form(form)
    try:
        check, saved = await run_in_threadpool(
            save_wishes, store, info.id, who, days, standing, actor=a.actor, revision=revision
        )
    except StoreError as err:
        message = str(err)
        return await run_in_threadpool(
            lambda: _page(request, a, info, who, form=form, status=409, conflict=message)
        )
    if saved is None:
        problems = check.problems
        return await run_in_threadpool(
            lambda: _page(request, a, info, who, form=form, problems=problems, status=422)
        )
    target = request.url.path + "?saved=1"
    return RedirectResponse(target, status_code=303)


@router.post("/teams/{team_id}/periods/{period_id}/wishes", response_class=HTMLResponse)
async def save_my_wishes(request: Request, team_id: Id, period_id: Id) -> Response:
    return await _save(request, team_id, period_id, None)


@router.post("/teams/{team_id}/periods/{period_id}/wishes/{employee_id}", response_class=HTMLResponse)
async def save_wishes_of_person(request: Request, team_id: Id, period_id: Id, employee_id: str) -> Response:
    return await _save(request, team_id, period_id, employee_id)


@router.post("/teams/{team_id}/periods/{period_id}/check/{day}", response_class=HTMLResponse)
async def check_day(request: Request, team_id: Id, period_id: Id, day: str) -> Response:
    """The policy's word on one day's fields (htmx swaps it in under the day as the person types)."""
    form = await form_of(request)
    a, info = await run_in_threadpool(period_access, request, team_id, period_id, "member")
    scenario = await run_in_threadpool(base_scenario, store_of(request), info)
    who = whose(a, scenario, form.get("employee_id") or None)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise NotFound("There is no such day in this period.") from None
    if date not in scenario.service.days:
        raise NotFound("There is no such day in this period.")
    cells = [c for c in day_cells_from_form(scenario, form) if c["date"] == day]
    message, bad = "", False
    if cells:
        check = check_wishes(scenario, who, cells, [])
        if check.problems:
            message, bad = check.problems[0].message, True
        elif check.prefs and check.prefs[0].kind == "shift":
            p = check.prefs[0]
            assert p.start is not None and p.end is not None
            message = shift_hint(scenario, who, date, p.start, p.end)
        elif check.prefs and check.prefs[0].kind == "off":
            message = "a day off, if cover allows"
    return render(request, "_hint.html", {"key": day, "message": message, "bad": bad}, access=a)
