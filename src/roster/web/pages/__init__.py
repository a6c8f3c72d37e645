"""The server-rendered pages: signing in, staff's wishes and roster, the coordinator's period,
the manager's review, shift swaps, open shifts, accounts (one's own password and calendar address, a
manager's one-time links), the coordinator's year plans and what-if sweeps, the council
administrator's teams and roles. Each module is one user's part of the page."""

from fastapi import APIRouter

from roster.web.pages import (
    account,
    admin,
    open_shifts,
    people,
    period,
    published,
    review,
    swaps,
    wishes,
    year,
)

router = APIRouter(include_in_schema=False)
for _module in (account, people, wishes, period, review, published, swaps, open_shifts, year, admin):
    router.include_router(_module.router)
