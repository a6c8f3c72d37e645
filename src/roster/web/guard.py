"""The outer guard of every request, before the CSRF check, the session or a page reads it.

:class:`RequestGuard` refuses a request body over ``max_body`` bytes (413) before anything reads
it, a form body that is not UTF-8 (400) or a file upload (415) too, and reads a cookie header
that is not text as no cookie: a clear page, never a traceback. An ``Authorization`` header is
dropped: the page has no token scheme (only the session cookie signs in), so the header means
nothing, and it must not make the CSRF check skip a request. Every answer but the static files
carries ``Cache-Control: no-store`` unless it says otherwise (pages, calendars and the JSON API
hold personal data).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from html import escape
from typing import Any

from fastapi import FastAPI

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


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
        scope = {
            **scope,
            "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"authorization"],
        }
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
        body = json.dumps({"error": "refused", "detail": text}).encode("utf-8")
        kind = b"application/json"
    else:
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


async def csrf_failed(scope: Scope, send: Send, message_id: object) -> None:
    await _plain(
        send,
        403,
        "This form has expired or came from another site, so nothing was saved. Reload "
        "the page (your browser keeps what you typed only until then) and send it again.",
        scope,
    )
