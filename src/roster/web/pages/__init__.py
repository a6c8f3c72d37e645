"""The server-rendered pages: signing in, staff's wishes and roster, the coordinator's period,
the manager's review. Each module is one user's part of the page."""

from fastapi import APIRouter

from roster.web.pages import account, period, published, review, wishes

router = APIRouter(include_in_schema=False)
for _module in (account, wishes, period, review, published):
    router.include_router(_module.router)
