"""Email: the mail server's settings, a checked address, and letters sent over SMTP.

Letters are plain text, sent with the standard library's ``smtplib`` over one connection
(STARTTLS when the settings ask for it, with the system's certificates; a user name and
password when given). An address is checked with ``email-validator`` (syntax only: no DNS
lookup, so a council's internal domain works offline). A letter the server refuses, or a
server that cannot be reached, is reported back per address, never raised: the caller has
already saved what the letter is about.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from email_validator import EmailNotValidError, validate_email


@dataclass(frozen=True)
class MailSettings:
    """How to reach the council's mail server (``roster web --smtp-host ...``)."""

    host: str
    port: int = 25
    sender: str = ""
    """The From address of every letter."""
    starttls: bool = False
    """Upgrade the connection with STARTTLS before anything is sent (most servers on port 587)."""
    username: str | None = None
    password: str | None = None
    timeout: float = 10.0


@dataclass(frozen=True)
class Letter:
    to: str
    name: str
    subject: str
    body: str


def checked_address(text: str) -> str:
    """The address normalised (domain in lower case), or :class:`ValueError` saying what is wrong."""
    try:
        # syntax only (no DNS), and a council's internal one-word domain is an address too
        found = validate_email(text.strip(), check_deliverability=False, globally_deliverable=False)
    except EmailNotValidError as err:
        raise ValueError(f"{text.strip()!r} is not an email address: {err}") from None
    return str(found.normalized)


def send(settings: MailSettings, letters: list[Letter]) -> dict[str, str | None]:
    """Send ``letters``; for each address, None when the server took it, else why not."""
    out: dict[str, str | None] = {}
    if not letters:
        return out
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as server:
            if settings.starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.username:
                server.login(settings.username, settings.password or "")
            for letter in letters:
                message = EmailMessage()
                message["From"] = settings.sender
                message["To"] = formataddr((letter.name, letter.to))
                message["Subject"] = letter.subject
                message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
                message.set_content(letter.body)
                try:
                    server.send_message(message)
                    out[letter.to] = None
                except smtplib.SMTPException as err:
                    out[letter.to] = f"the mail server refused it ({err})"
    except (OSError, smtplib.SMTPException) as err:
        why = f"the mail server {settings.host}:{settings.port} could not be used ({err})"
        for letter in letters:
            out.setdefault(letter.to, why)
    return out
