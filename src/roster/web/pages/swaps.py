"""Shift swaps on the page: staff offer their shifts of the published roster and take colleagues';
managers approve or refuse what was taken (:mod:`roster.workflow.swaps` does every step).

``/teams/{team_id}/swaps`` shows, to each person, the shifts they may offer, the offers they may
take (with the shifts they could give back), their own offers and swaps; to managers, the swaps
waiting for them with the validator's check and the cover before and after; to everyone, what
was decided. A swap in an address is found in the team first (another team's is not found), and
the role checked after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from roster.store import Store
from roster.store import swaps as kept
from roster.store.people import Role
from roster.store.swaps import SwapInfo, SwapNotFound
from roster.timegrid import today as local_today
from roster.web.auth import Member
from roster.web.deps import Id, SettingsDep, StoreDep, TeamMember, form_of, member_of, need, staff_version
from roster.web.errors import NotFound, Unprocessable
from roster.web.templating import render
from roster.workflow import published_versions
from roster.workflow.review import scenario_of
from roster.workflow.swaps import (
    SwapRefused,
    approve_swap,
    current,
    offer_shift,
    refuse_swap,
    swap_check,
    take_shift,
    why_not_take,
    withdraw_swap,
)

router = APIRouter()

STATES = {
    "offered": "offered",
    "accepted": "taken: waits for a manager",
    "approved": "approved and published",
    "refused": "refused",
    "withdrawn": "withdrawn",
    "lapsed": "lapsed: the roster changed",
}
"""How a swap's state reads on the page."""

DONE = {
    "offered": "Your shift is offered. You are still rostered for it until a colleague takes it and a "
    "manager approves.",
    "taken": "You have taken the shift. It is yours once a manager approves the swap.",
    "withdrawn": "Your offer is withdrawn.",
    "approved": "The swap is approved and published: both people were told.",
    "refused": "The swap is refused; both people see your reason.",
}


@dataclass(frozen=True)
class TeamSwap:
    member: Member
    swap: SwapInfo


def swap_of(role: Role | None = None) -> Any:
    """A dependency: the team's swap in the address, for ``role`` (found in the team first)."""

    def dependency(request: Request, team_id: Id, swap_id: Id) -> TeamSwap:
        member = member_of(request, team_id)
        try:
            found = kept.swap(request.app.state.store, swap_id)
        except SwapNotFound:
            raise NotFound("There is no such swap in your team.") from None
        if found.team_id != member.team_id:
            raise NotFound("There is no such swap in your team.")
        if role is not None:
            need(member, role)
        return TeamSwap(member, found)

    return dependency


StaffSwap = Annotated[TeamSwap, Depends(swap_of(Role.EMPLOYEE))]
ManagedSwap = Annotated[TeamSwap, Depends(swap_of(Role.MANAGER))]


def _label(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


def _page(
    request: Request, store: Store, a: Member, *, error: str | None = None, status: int = 200
) -> Response:
    versions = [v for v in published_versions(store, a.team) if current(store, v.id)]
    today = local_today()
    mine: list[dict[str, Any]] = []
    colleagues: dict[str, str] = {}
    rosters = {v.id: store.roster(v.id) for v in versions}
    scenarios = {v.id: scenario_of(store, v.id) for v in versions}
    names: dict[str, str] = {}
    for v in versions:
        for e in scenarios[v.id].employees:
            names[e.id] = e.name
            if e.id != a.employee_id:
                colleagues[e.id] = e.name
        if a.employee_id is not None:
            for s in rosters[v.id].shifts:
                if s.employee_id == a.employee_id and s.date >= today:
                    mine.append({"version": v, "shift": s})
    swaps = kept.team_swaps(store, a.team_id)
    takeable: list[dict[str, Any]] = []
    waiting: list[dict[str, Any]] = []
    for sw in swaps:
        if sw.version_id not in rosters:
            continue
        roster, scenario = rosters[sw.version_id], scenarios[sw.version_id]
        shift = next(
            (s for s in roster.shifts if s.employee_id == sw.offered_by and s.date == sw.shift_date), None
        )
        if (
            sw.state == "offered"
            and a.employee_id is not None
            and sw.offered_by != a.employee_id
            and sw.offered_to in (None, a.employee_id)
            and why_not_take(
                scenario, roster, sw.shift_date, sw.offered_by, a.employee_id, skills=sw.offered_to is None
            )
            is None
        ):
            offerer_days = {s.date for s in roster.shifts if s.employee_id == sw.offered_by}
            back = [
                s
                for s in roster.shifts
                if s.employee_id == a.employee_id
                and s.date >= today
                and s.date != sw.shift_date
                and s.date not in offerer_days
            ]
            takeable.append({"swap": sw, "shift": shift, "back": back})
        if sw.state == "accepted" and a.manages and sw.taker is not None:
            try:
                check = swap_check(store, sw, sw.taker, sw.return_date)
                waiting.append({"swap": sw, "shift": shift, "check": check, "why": None})
            except SwapRefused as refused:
                waiting.append({"swap": sw, "shift": shift, "check": None, "why": str(refused)})
    return render(
        request,
        "swaps.html",
        {
            "title": f"Shift swaps of {a.team}",
            "versions": versions,
            "mine": mine,
            "colleagues": colleagues,
            "names": names,
            "takeable": takeable,
            "waiting": waiting,
            "own": [
                sw for sw in swaps if a.employee_id is not None and a.employee_id in (sw.offered_by, sw.taker)
            ],
            "states": STATES,
            "decided": [sw for sw in swaps if not sw.open][:30],
            "done": DONE.get(request.query_params.get("done", "")),
            "error": error,
            "label": _label,
        },
        status=status,
        access=a,
    )


def _back(a: Member, done: str) -> RedirectResponse:
    return RedirectResponse(f"/teams/{a.team_id}/swaps?done={done}", status_code=303)


@router.get("/teams/{team_id}/swaps", response_class=HTMLResponse)
def swaps_page(request: Request, a: TeamMember, store: StoreDep) -> Response:
    return _page(request, store, a)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise Unprocessable(f"{text[:20]!r} is not a date (YYYY-MM-DD). Nothing was saved.") from None


@router.post("/teams/{team_id}/swaps", response_class=HTMLResponse)
async def offer(request: Request, a: TeamMember, store: StoreDep) -> Response:
    need(a, Role.EMPLOYEE)
    form = await form_of(request)
    shift = form.get("shift", "")  # "version_id:date"
    version_text, _, day_text = shift.partition(":")
    day = _day(day_text)
    if not version_text.isdigit() or day is None:
        return _page(request, store, a, error="Choose one of your shifts to offer.", status=422)
    version = staff_version(store, a, int(version_text))
    assert a.employee_id is not None  # staff_version found a person of the team
    to = form.get("to", "") or None
    try:
        await run_in_threadpool(
            offer_shift, store, version.id, a.employee_id, day, to, form.get("note", "").strip(), a.actor
        )
    except SwapRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "offered")


@router.post("/teams/{team_id}/swaps/{swap_id}/take", response_class=HTMLResponse)
async def take(request: Request, t: StaffSwap, store: StoreDep) -> Response:
    a = t.member
    form = await form_of(request)
    back = _day(form.get("return_date", ""))
    assert a.employee_id is not None  # an employee role names the person
    try:
        await run_in_threadpool(take_shift, store, t.swap.id, a.employee_id, back, a.actor)
    except SwapRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "taken")


@router.post("/teams/{team_id}/swaps/{swap_id}/withdraw", response_class=HTMLResponse)
def withdraw(request: Request, t: StaffSwap, store: StoreDep) -> Response:
    a = t.member
    assert a.employee_id is not None
    try:
        withdraw_swap(store, t.swap.id, a.employee_id, a.actor)
    except SwapRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "withdrawn")


@router.post("/teams/{team_id}/swaps/{swap_id}/approve", response_class=HTMLResponse)
def approve(request: Request, t: ManagedSwap, store: StoreDep, settings: SettingsDep) -> Response:
    a = t.member
    url = str(request.url_for("latest_roster", team_id=a.team_id))
    try:
        approve_swap(store, t.swap.id, a.actor, settings.mail, url)
    except SwapRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "approved")


@router.post("/teams/{team_id}/swaps/{swap_id}/refuse", response_class=HTMLResponse)
async def refuse(request: Request, t: ManagedSwap, store: StoreDep) -> Response:
    a = t.member
    reason = (await form_of(request)).get("reason", "")
    try:
        await run_in_threadpool(refuse_swap, store, t.swap.id, a.actor, reason)
    except SwapRefused as refused:
        return _page(request, store, a, error=str(refused), status=422)
    return _back(a, "refused")
