"""The team's web page: an ASGI application (FastAPI on Starlette) over the store and the workflow.

Layers, outside in:

1. :class:`RequestGuard`: a request body over ``max_body`` bytes is refused (413) before anything
   reads it, a form body that is not UTF-8 (400) or a file upload (415) too, and a cookie header
   that is not text is read as no cookie: a clear page, never a traceback. An ``Authorization``
   header is dropped: the page has no token scheme (only the session cookie signs in), so the
   header means nothing, and it must not make the CSRF check skip a request. Every answer but
   the static files carries ``Cache-Control: no-store`` unless it says otherwise (pages,
   calendars and the JSON API hold personal data).
2. CSRF (``asgi-csrf``, the double-submit-cookie pattern): every POST, PUT, PATCH and DELETE needs
   the signed ``csrftoken`` cookie's value in the form's ``csrftoken`` field or the
   ``x-csrftoken`` header (htmx and JSON callers); the sign-in form is always checked.
3. Sessions: the cookie (signed with the installation's key, kept in the store's settings, so
   every server process and restart shares it) holds a random token; the session is a row of
   the store (only the token's SHA-256), ended there by signing out or a new password, so a
   copy of the cookie taken before then opens nothing after.
4. The pages (server-rendered Jinja2, autoescaped; htmx enhances them when JavaScript runs) and
   the JSON endpoints under ``/api`` (described at ``/openapi.json``).

Every page and endpoint of a team checks that the signed-in user is a member of that team
(:func:`access`), and every id in a path (period, version, person) that it belongs to that team:
anything else is "not found", the same answer as an id that does not exist.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from asgi_csrf import asgi_csrf
from fastapi import FastAPI, Request
from fastapi import Path as InPath
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from roster import __version__
from roster.store import Store, VersionInfo, VersionNotFound, open_store
from roster.store import people as accounts
from roster.store.periods import PeriodInfo, PeriodNotFound, period
from roster.web.auth import Access, team_access
from roster.web.jobs import Jobs, SolveSettings

log = logging.getLogger("roster.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 256 * 1024
"""The largest request body the server reads: a month of wishes is a few kilobytes."""

MAX_ID = 2**31 - 1
"""The largest id a row of the store can have (PostgreSQL's ``integer``; SQLite's is larger)."""

Id = Annotated[int, InPath(ge=1, le=MAX_ID)]
"""A team, period or version id in an address: one outside 1..MAX_ID is not found (404), like
an id that does not exist, and never reaches the database (whose driver would fail on it)."""


@dataclass(frozen=True)
class WebSettings:
    """How ``roster web`` runs (``roster web --help``)."""

    solve: SolveSettings = field(default_factory=SolveSettings)
    amend_time_limit: float = 30.0
    """The wall-clock limit of a manager's minimal-change re-solve (it runs while the page waits)."""
    secure_cookies: bool = False
    """Cookies only over HTTPS (set it when the server is behind an HTTPS proxy)."""
    session_hours: float = 12.0
    max_body: int = MAX_BODY


# -- errors a person can act on ---------------------------------------------------------------------


class PageError(Exception):
    """An error shown as a page (or JSON under ``/api``) with its HTTP status and a plain message."""

    status = 400
    title = "Something is not right"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PageError):
    status = 404
    title = "Not found"


class Forbidden(PageError):
    status = 403
    title = "Not for your role"


class SignInNeeded(PageError):
    status = 401
    title = "Please sign in"


class Conflict(PageError):
    status = 409
    title = "Changed by someone else"


NOT_FOUND = "There is no such page in your teams. Check the address, or go back to your teams."


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": title, "detail": message}, status_code=status, headers=headers)
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={_quote(target)}", status_code=303)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": title, "message": message, "status": status},
        status_code=status,
        headers=headers,
    )


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/?=&-_.")


# -- the outer guard ------------------------------------------------------------------------------------


class RequestGuard:
    """Refuses an oversized body (413) or a form body that is not UTF-8 (400) before the CSRF check
    or a page reads it; the whole body is then handed on unchanged."""

    def __init__(self, app: ASGIApp, max_body: int, fastapi: FastAPI | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.fastapi = fastapi
        """The application inside (its ``state``: the store, the solves)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The page has no token scheme: an Authorization header means nothing here, and is
        # dropped so that nothing downstream reads it (the CSRF check skips a request with a
        # bearer token, which would let a forged form through on the session cookie).
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k.lower() != b"authorization"]}
        cookies = [v for k, v in scope["headers"] if k.lower() == b"cookie"]
        if any(not _readable_cookie(v) for v in cookies):
            # a cookie header that is not text is no session and no form token: read as none
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"cookie"]}
        if not str(scope.get("path", "")).startswith("/static/"):
            send = _no_store(send)
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _plain(
                send,
                413,
                f"The form is too large (over {self.max_body // 1024} KB): nothing was "
                "saved. Shorten what you typed and send it again.",
                scope,
            )
            return
        body = b""
        messages: list[Message] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                messages.append(message)
                break
            body += message.get("body", b"")
            if len(body) > self.max_body:
                await _plain(
                    send,
                    413,
                    f"The form is too large (over {self.max_body // 1024} KB): nothing "
                    "was saved. Shorten what you typed and send it again.",
                    scope,
                )
                return
            more = message.get("more_body", False)
        kind = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
        if kind == b"multipart/form-data":  # the page never uploads files
            await _plain(
                send, 415, "This page takes no files: nothing was saved. Use the page's own form.", scope
            )
            return
        if kind in (b"application/x-www-form-urlencoded", b"application/json"):
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                await _plain(
                    send,
                    400,
                    "The form could not be read (it is not UTF-8 text): nothing was "
                    "saved. Reload the page and send it again.",
                    scope,
                )
                return
        replay = [{"type": "http.request", "body": body, "more_body": False}, *messages]

        async def again() -> Message:
            return replay.pop(0) if replay else await receive()

        await self.app(scope, again, send)


def _no_store(send: Send) -> Send:
    """``send`` with ``Cache-Control: no-store`` on a response that sets no caching of its own:
    pages, calendars and the JSON API carry personal data that no browser or proxy may keep.
    (The static files, and a response that says how it may be cached, are left as they are.)"""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(k.lower() == b"cache-control" for k, _ in headers):
                headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
        await send(message)

    return sending


def _readable_cookie(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def _plain(send: Send, status: int, text: str, scope: Scope) -> None:
    if str(scope.get("path", "")).startswith("/api/"):
        import json

        body = json.dumps({"error": "refused", "detail": text}).encode("utf-8")
        kind = b"application/json"
    else:
        from html import escape

        body = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not saved</title>'
            f'<link rel="stylesheet" href="/static/style.css"></head><body><main id="main">'
            f'<h1>Not saved</h1><p>{escape(text)}</p><p><a href="/">Back to your teams</a></p>'
            f"</main></body></html>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _csrf_failed(scope: Scope, send: Send, message_id: object) -> None:
    await _plain(
        send,
        403,
        "This form has expired or came from another site, so nothing was saved. Reload "
        "the page (your browser keeps what you typed only until then) and send it again.",
        scope,
    )


# -- who is asking ----------------------------------------------------------------------------------


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def session_start(request: Request) -> dt.datetime:
    """Sessions started before this have expired (``session_hours`` ago)."""
    settings: WebSettings = request.app.state.settings
    return dt.datetime.now(dt.UTC) - dt.timedelta(hours=settings.session_hours)


def signed_in(request: Request) -> accounts.User | None:
    """The signed-in user, or None. The cookie holds the session's token; the session itself is
    in the store, so one ended by signing out or a new password opens nothing, from any copy."""
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    return accounts.session_user(store_of(request), token, session_start(request))


def current_user(request: Request) -> accounts.User:
    """The signed-in user (:class:`SignInNeeded` when the session is missing, old or ended)."""
    if not isinstance(request.session.get("sid"), str):
        raise SignInNeeded("Sign in to see this page.")
    found = signed_in(request)
    if found is None:
        request.session.clear()
        raise SignInNeeded("Your session has ended: sign in again.")
    return found


def access(request: Request, team_id: int) -> Access:
    """The signed-in user's access to ``team_id``; a team they are not in is not found."""
    user = current_user(request)
    found = team_access(user, accounts.memberships(store_of(request), user.id), team_id)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def need_coordinator(a: Access) -> None:
    if not a.coordinates:
        raise Forbidden(
            f"This page is for the rota coordinators and managers of {a.team}; you are {a.role_text}."
        )


def need_manager(a: Access) -> None:
    if not a.manages:
        raise Forbidden(
            f"Only a manager of {a.team} can amend, accept or publish its rosters; you are {a.role_text}."
        )


def team_period(request: Request, a: Access, period_id: int) -> PeriodInfo:
    """The period, if it is of the user's team (another team's is not found)."""
    try:
        info = period(store_of(request), period_id)
    except PeriodNotFound:
        raise NotFound("There is no such roster period in your team.") from None
    if info.team_id != a.team_id:
        raise NotFound("There is no such roster period in your team.")
    return info


def team_version(request: Request, a: Access, version_id: int) -> VersionInfo:
    """The version, if it is of the user's team (another team's is not found)."""
    try:
        info = store_of(request).version(version_id)
    except VersionNotFound:
        raise NotFound("There is no such roster version in your team.") from None
    if info.team != a.team:
        raise NotFound("There is no such roster version in your team.")
    return info


def _need(a: Access, role: str) -> None:
    if role == "coordinator":
        need_coordinator(a)
    elif role == "manager":
        need_manager(a)


def period_access(
    request: Request, team_id: int, period_id: int, role: str = "member"
) -> tuple[Access, PeriodInfo]:
    """The user's access to the team and its period ``period_id``, for ``role`` (``member``,
    ``coordinator`` or ``manager``). The team and the period are found first (not found for
    anyone else), then the role is checked (forbidden): a guessed id tells nothing."""
    a = access(request, team_id)
    info = team_period(request, a, period_id)
    _need(a, role)
    return a, info


def version_access(
    request: Request, team_id: int, version_id: int, role: str = "coordinator"
) -> tuple[Access, VersionInfo]:
    """As :func:`period_access`, for a roster version of the team."""
    a = access(request, team_id)
    info = team_version(request, a, version_id)
    _need(a, role)
    return a, info


def csrf_token(request: Request) -> str:
    make = request.scope.get("csrftoken")
    return str(make()) if callable(make) else ""


# -- the application ------------------------------------------------------------------------------------


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


LOCAL = ZoneInfo("Europe/London")
"""Times on the page are UK local time (the store keeps UTC)."""


def when(moment: dt.datetime | None) -> str:
    """``06 Dec 2026 14:05`` in UK local time (BST in summer), for a time the store kept in UTC."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL).strftime("%d %b %Y %H:%M")


def create_app(
    db: str | None = None, settings: WebSettings | None = None, *, store: Store | None = None
) -> RequestGuard:
    """The ASGI application over the store at ``db`` (a SQLite path or a database URL)."""
    settings = settings or WebSettings()
    store = store or open_store(db)
    store.serve_concurrently()
    secret = accounts.setting(store, "session_secret", lambda: secrets.token_urlsafe(48))
    csrf_secret = accounts.setting(store, "csrf_secret", lambda: secrets.token_urlsafe(48))
    jobs = Jobs(store, settings.solve)

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
    templates = Jinja2Templates(env=templates_env())
    app.state.templates = templates
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="roster_session",
        max_age=int(settings.session_hours * 3600),
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return error_response(request, exc.status, exc.title, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, 404, "Not found", NOT_FOUND)
        if exc.status_code == 405:
            return error_response(
                request,
                405,
                "Not allowed",
                "This address does not take that kind of request. Use the page's own buttons and links.",
            )
        return error_response(request, exc.status_code, "Not possible", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
            # /teams/abc or an id past the store's range: an address that leads nowhere
            return error_response(request, 404, "Not found", NOT_FOUND)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        text = str(first.get("msg", "not understood")).removeprefix("Value error, ")
        return error_response(request, 422, "Not understood", f"{where}: {text}" if where else text)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request,
            500,
            "Something went wrong",
            "The server could not finish this request, and nothing was half-saved: each "
            "change is saved whole or not at all. Try again; if it happens again, tell "
            "whoever runs the roster server (the details are in its log).",
        )

    from roster.web import api, pages

    app.include_router(pages.router)
    app.include_router(api.router)

    guarded = asgi_csrf(
        app,
        signing_secret=csrf_secret,
        always_protect={"/sign-in"},
        cookie_secure=settings.secure_cookies,
        send_csrf_failed=_csrf_failed,
    )
    return RequestGuard(guarded, settings.max_body, app)
