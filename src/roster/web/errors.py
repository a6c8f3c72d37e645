"""Errors a person can act on, and how every error is answered: a page, or JSON under ``/api``.

A handler raises a :class:`PageError` (:class:`NotFound`, :class:`Forbidden`, ...) with a plain
message; :func:`install` registers the answers for them and for FastAPI's own errors (an address
that leads nowhere, a wrong method, a field that does not validate) and for anything unexpected
(logged with its traceback; the person sees that nothing was half-saved).
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("roster.web")

NOT_FOUND = "There is no such page in your teams. Check the address, or go back to your teams."


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


class Unprocessable(PageError):
    """A form or change the page cannot take (nothing was saved)."""

    status = 422
    title = "Not saved"


def wants_json(path: str) -> bool:
    return path.startswith("/api/")


def error_response(
    request: Request, status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The answer to an error: JSON under ``/api``, the sign-in page for 401, else the error page."""
    if wants_json(request.url.path):
        return JSONResponse({"error": title, "detail": message}, status_code=status, headers=headers)
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={quote(target, safe='/?=&-_.')}", status_code=303)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": title, "message": message, "status": status},
        status_code=status,
        headers=headers,
    )


async def page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return error_response(request, exc.status, exc.title, exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
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


async def bad_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
        # /teams/abc or an id past the store's range: an address that leads nowhere
        return error_response(request, 404, "Not found", NOT_FOUND)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
    text = str(first.get("msg", "not understood")).removeprefix("Value error, ")
    return error_response(request, 422, "Not understood", f"{where}: {text}" if where else text)


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


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` as above."""
    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_request)
    app.add_exception_handler(Exception, unexpected)
