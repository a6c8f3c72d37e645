"""The pages' templates: Jinja2, autoescaped, with UK local times; :func:`render` gives a template
the signed-in user, the form token and the team's navigation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from roster.timegrid import LONDON
from roster.web.auth import Member
from roster.web.deps import csrf_token, signed_in

"""Times on the page are UK local time (the store keeps UTC)."""


def when(moment: dt.datetime | None) -> str:
    """``06 Dec 2026 14:05`` in UK local time (BST in summer), for a time the store kept in UTC."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LONDON).strftime("%d %b %Y %H:%M")


def templates_env() -> Environment:
    env = Environment(
        loader=PackageLoader("roster.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else ("" if n is None else str(n))
    env.filters["when"] = when
    return env


def templates() -> Jinja2Templates:
    return Jinja2Templates(env=templates_env())


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    access: Member | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """``template`` with ``context``, the signed-in user, the form token and (``access``) the
    user's team for the navigation."""
    found: Jinja2Templates = request.app.state.templates
    base = {
        "csrf": csrf_token(request),
        "user": signed_in(request),
        "access": access,
        "hx": request.headers.get("hx-request") == "true",
    }
    response = found.TemplateResponse(
        request, template, {**base, **context}, status_code=status, headers=headers
    )
    response.headers.setdefault("Cache-Control", "no-store")
    return response
