"""The team's web page: an ASGI application (FastAPI on Starlette) over the store and the workflow.

Layers, outside in:

1. The request guard (:mod:`.guard`): oversized, non-UTF-8 or file-upload bodies refused before
   anything reads them, an ``Authorization`` header dropped, ``Cache-Control: no-store``.
2. CSRF (``asgi-csrf``, the double-submit-cookie pattern): every POST, PUT, PATCH and DELETE needs
   the signed ``csrftoken`` cookie's value in the form's ``csrftoken`` field or the
   ``x-csrftoken`` header (htmx and JSON callers); the sign-in form is always checked.
3. Sessions: the cookie (signed with the installation's key, kept in the store's settings, so
   every server process and restart shares it) holds a random token; the session is a row of
   the store (only the token's SHA-256), ended there by signing out or a new password, so a
   copy of the cookie taken before then opens nothing after.
4. The pages (:mod:`.pages`, server-rendered Jinja2, :mod:`.templating`; htmx enhances them when
   JavaScript runs) and the JSON endpoints under ``/api`` (:mod:`.api`, described at
   ``/openapi.json``), each checking who may reach it through :mod:`.deps`; errors are answered
   by :mod:`.errors`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

from asgi_csrf import asgi_csrf
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from roster import __version__
from roster.io.mail import MailSettings
from roster.store import Store, open_store
from roster.store import people as accounts
from roster.web import api, api_open_shifts, api_swaps, errors, pages
from roster.web.config import SolveSettings, WebSettings
from roster.web.guard import RequestGuard, csrf_failed
from roster.web.jobs import Jobs
from roster.web.templating import templates

STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    db: str | None = None, settings: WebSettings | None = None, *, store: Store | None = None
) -> RequestGuard:
    """The ASGI application over the store at ``db`` (a SQLite path or a database URL)."""
    settings = settings or WebSettings()
    store = store or open_store(db)
    store.serve_concurrently()
    secret = accounts.setting(store, "session_secret", lambda: secrets.token_urlsafe(48))
    csrf_secret = accounts.setting(store, "csrf_secret", lambda: secrets.token_urlsafe(48))
    jobs = Jobs(store, settings.solve, takeover=settings.takeover_seconds, cluster=settings.cluster)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(
        title="roster",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load its script from the internet; the description is enough
        redoc_url=None,
        openapi_url="/openapi.json",
        description="The team's self-rostering: wishes, solving, the manager's review. The JSON "
        "endpoints below use the web page's session (sign in at /sign-in) and, for a change, "
        "the csrftoken cookie's value in an x-csrftoken header.",
    )
    app.state.store = store
    app.state.jobs = jobs
    app.state.settings = settings
    app.state.templates = templates()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="roster_session",
        max_age=int(settings.session_hours * 3600),
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(api_swaps.router)
    app.include_router(api_open_shifts.router)
    guarded = asgi_csrf(
        app,
        signing_secret=csrf_secret,
        always_protect={"/sign-in"},
        cookie_secure=settings.secure_cookies,
        send_csrf_failed=csrf_failed,
    )
    return RequestGuard(guarded, settings.max_body, app)


SETTINGS_ENV = "ROSTER_WEB_SETTINGS"
"""How ``roster web --processes N`` hands its settings to each server process it starts (JSON; the
mail server's password stays in ``ROSTER_SMTP_PASSWORD``)."""


def settings_json(settings: WebSettings) -> str:
    data = dataclasses.asdict(settings)
    if data.get("mail"):
        data["mail"]["password"] = None
    return json.dumps(data)


def app_from_environment() -> RequestGuard:
    """The application of one of several server processes (``roster web --processes N``): its
    settings from :data:`SETTINGS_ENV`, its store from ``ROSTER_DB``."""
    data = json.loads(os.environ[SETTINGS_ENV])
    solve = SolveSettings(**data.pop("solve"))
    mail_data = data.pop("mail")
    mail = (
        MailSettings(**{**mail_data, "password": os.environ.get("ROSTER_SMTP_PASSWORD")})
        if mail_data
        else None
    )
    return create_app(os.environ.get("ROSTER_DB"), WebSettings(solve=solve, mail=mail, **data))
