"""What every page shares: rendering a template with the signed-in user, the form token and
the team's navigation; reading a form."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from roster.web.app import csrf_token, signed_in
from roster.web.auth import Access


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    access: Access | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    user = signed_in(request)
    base = {
        "csrf": csrf_token(request),
        "user": user,
        "access": access,
        "hx": request.headers.get("hx-request") == "true",
    }
    response = templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status, headers=headers
    )
    response.headers.setdefault("Cache-Control", "no-store")
    return response


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's fields as text (a repeated field keeps its last value; a file is refused)."""
    form = await request.form(max_files=0, max_fields=2000)
    out: dict[str, str] = {}
    for key, value in form.multi_items():
        out[str(key)[:200]] = value if isinstance(value, str) else ""
    return out
