"""The server-rendered pages: signing in, staff's wishes and roster, the coordinator's period,
the manager's review, shift swaps, accounts (one's own password and calendar address, a manager's one-time
links). Each module is one user's part of the page."""

from fastapi import APIRouter

from roster.web.pages import account, open_shifts, people, period, published, review, swaps, wishes

router = APIRouter(include_in_schema=False)
for _module in (account, people, wishes, period, review, published, swaps, open_shifts):
    router.include_router(_module.router)
