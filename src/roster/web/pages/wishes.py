"""A person's wishes for a period: a grid of days (any, off, a shift or a shift type; prefer or
strongly prefer) and standing wishes, checked as ``preferences.csv`` and ``wishes.csv`` rows are.

Staff see and change their own; a coordinator or manager can give them for anyone of the team
(recorded as given by them). As a day's fields change, the page asks the server what the policy
says of that day (:func:`check_day`): the shift's length and break, or why it is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import Store, StoreError
from roster.store.people import Role
from roster.store.periods import PeriodInfo, submissions, wishes_of
from roster.web.auth import Member
from roster.web.deps import StoreDep, TeamPeriod, form_of, need, period_of, whose
from roster.web.errors import NotFound, Unprocessable
from roster.web.templating import render
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

MemberPeriod = Annotated[TeamPeriod, Depends(period_of())]


def _page(
    request: Request,
    store: Store,
    a: Member,
    info: PeriodInfo,
    employee_id: str,
    *,
    form: dict[str, str] | None = None,
    problems: tuple[WishProblem, ...] = (),
    saved: bool = False,
    status: int = 200,
    conflict: str | None = None,
) -> Response:
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
def my_wishes(request: Request, p: MemberPeriod, store: StoreDep, saved: int = 0) -> Response:
    employee_id = whose(p.member, base_scenario(store, p.period), None)
    return _page(request, store, p.member, p.period, employee_id, saved=bool(saved))


@router.get("/teams/{team_id}/periods/{period_id}/wishes/{employee_id}", response_class=HTMLResponse)
def wishes_of_person(
    request: Request, p: MemberPeriod, store: StoreDep, employee_id: str, saved: int = 0
) -> Response:
    who = whose(p.member, base_scenario(store, p.period), employee_id)
    if who != p.member.employee_id:
        need(p.member, Role.COORDINATOR)
    return _page(request, store, p.member, p.period, who, saved=bool(saved))


async def _save(request: Request, p: TeamPeriod, store: Store, employee_id: str | None) -> Response:
    form = await form_of(request)
    a, info = p.member, p.period
    scenario = await run_in_threadpool(base_scenario, store, info)
    who = whose(a, scenario, employee_id)
    revision_text = form.get("revision", "")
    if not revision_text.isdigit() or len(revision_text) > 9:
        raise Unprocessable(
            "The form is missing its revision (it was not sent by this page): nothing was "
            "saved. Reload the page and give your wishes again."
        )
    revision = int(revision_text)
    strays = stray_fields(scenario, form)
    if strays:
        raise Unprocessable(
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
            lambda: _page(request, store, a, info, who, form=form, status=409, conflict=message)
        )
    if saved is None:
        problems = check.problems
        return await run_in_threadpool(
            lambda: _page(request, store, a, info, who, form=form, problems=problems, status=422)
        )
    target = request.url.path + "?saved=1"
    return RedirectResponse(target, status_code=303)


@router.post("/teams/{team_id}/periods/{period_id}/wishes", response_class=HTMLResponse)
async def save_my_wishes(request: Request, p: MemberPeriod, store: StoreDep) -> Response:
    return await _save(request, p, store, None)


@router.post("/teams/{team_id}/periods/{period_id}/wishes/{employee_id}", response_class=HTMLResponse)
async def save_wishes_of_person(
    request: Request, p: MemberPeriod, store: StoreDep, employee_id: str
) -> Response:
    return await _save(request, p, store, employee_id)


@router.post("/teams/{team_id}/periods/{period_id}/check/{day}", response_class=HTMLResponse)
async def check_day(request: Request, p: MemberPeriod, store: StoreDep, day: str) -> Response:
    """The policy's word on one day's fields (htmx swaps it in under the day as the person types)."""
    form = await form_of(request)
    a, info = p.member, p.period
    scenario = await run_in_threadpool(base_scenario, store, info)
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
            pref = check.prefs[0]
            assert pref.start is not None and pref.end is not None
            message = shift_hint(scenario, who, date, pref.start, pref.end)
        elif check.prefs and check.prefs[0].kind == "off":
            message = "a day off, if cover allows"
    return render(request, "_hint.html", {"key": day, "message": message, "bad": bad}, access=a)
