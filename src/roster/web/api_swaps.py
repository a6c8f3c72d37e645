"""The JSON endpoints of shift swaps (``/api/teams/{team_id}/swaps``): the same steps as the page
(:mod:`roster.workflow.swaps`), the same checks of who may do what (:mod:`.pages.swaps`), and a
step that cannot be taken answered 422 with the reason the page shows."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from roster.store import swaps as kept
from roster.store.people import Role
from roster.store.swaps import SwapInfo
from roster.web.deps import SettingsDep, StoreDep, TeamMember, need, refused_as_unprocessable, staff_version
from roster.web.pages.swaps import ManagedSwap, StaffSwap
from roster.workflow.swaps import (
    approve_swap,
    offer_shift,
    refuse_swap,
    take_shift,
    withdraw_swap,
)

router = APIRouter(prefix="/api", tags=["swaps"])


class SwapOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the store's SwapInfo

    id: int
    version_id: int
    """The published version the offer stands on."""
    shift_date: dt.date
    offered_by: str
    offered_to: str | None
    taker: str | None
    return_date: dt.date | None
    note: str
    state: str
    """offered, accepted (taken: waits for a manager), approved, refused, withdrawn or lapsed."""
    reason: str
    result_version_id: int | None
    """The version an approved swap was published as."""


class OfferIn(BaseModel):
    version_id: int = Field(ge=1)
    date: dt.date
    to: str | None = Field(default=None, max_length=100)
    """A named colleague (their id), or none: anyone who may work it."""
    note: str = Field(default="", max_length=500)


class TakeIn(BaseModel):
    return_date: dt.date | None = None
    """One of the taker's own shifts given back in exchange, if any."""


class RefuseIn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


def _out(s: SwapInfo) -> SwapOut:
    return SwapOut.model_validate(s)


@router.get("/teams/{team_id}/swaps", response_model=list[SwapOut])
def get_swaps(a: TeamMember, store: StoreDep) -> list[SwapOut]:
    """The team's swaps, latest first."""
    return [_out(s) for s in kept.team_swaps(store, a.team_id)]


@router.post("/teams/{team_id}/swaps", response_model=SwapOut, status_code=201)
async def post_offer(a: TeamMember, store: StoreDep, body: OfferIn) -> SwapOut:
    """Offer one of one's own shifts of the current published roster."""
    need(a, Role.EMPLOYEE)
    version = staff_version(store, a, body.version_id)
    assert a.employee_id is not None  # staff_version found a person of the team
    with refused_as_unprocessable():
        made = await run_in_threadpool(
            offer_shift, store, version.id, a.employee_id, body.date, body.to or None, body.note, a.actor
        )
    return _out(made)


@router.post("/teams/{team_id}/swaps/{swap_id}/take", response_model=SwapOut)
async def post_take(t: StaffSwap, store: StoreDep, body: TakeIn) -> SwapOut:
    """Take an offered shift (checked by the validator first: a broken rule is 422)."""
    assert t.member.employee_id is not None
    with refused_as_unprocessable():
        done, _ = await run_in_threadpool(
            take_shift, store, t.swap.id, t.member.employee_id, body.return_date, t.member.actor
        )
    return _out(done)


@router.post("/teams/{team_id}/swaps/{swap_id}/withdraw", response_model=SwapOut)
def post_withdraw(t: StaffSwap, store: StoreDep) -> SwapOut:
    assert t.member.employee_id is not None
    with refused_as_unprocessable():
        return _out(withdraw_swap(store, t.swap.id, t.member.employee_id, t.member.actor))


@router.post("/teams/{team_id}/swaps/{swap_id}/approve", response_model=SwapOut)
def post_approve(request: Request, t: ManagedSwap, store: StoreDep, settings: SettingsDep) -> SwapOut:
    """Approve a taken swap: a new version, accepted and published; both people told."""
    url = str(request.url_for("latest_roster", team_id=t.member.team_id))
    with refused_as_unprocessable():
        approve_swap(store, t.swap.id, t.member.actor, settings.mail, url)
    return _out(kept.swap(store, t.swap.id))


@router.post("/teams/{team_id}/swaps/{swap_id}/refuse", response_model=SwapOut)
def post_refuse(t: ManagedSwap, store: StoreDep, body: RefuseIn) -> SwapOut:
    with refused_as_unprocessable():
        return _out(refuse_swap(store, t.swap.id, t.member.actor, body.reason))
