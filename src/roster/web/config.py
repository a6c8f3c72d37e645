"""How the web page runs: its settings (``roster web --help``) and the limits of what it reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from roster.domain import DETERMINISTIC_SHARE, SolverSettings
from roster.io.mail import MailSettings

MAX_BODY = 256 * 1024
"""The largest request body the server reads: a month of wishes is a few kilobytes."""

MAX_ID = 2**31 - 1
"""The largest id a row of the store can have (PostgreSQL's ``integer``; SQLite's is larger)."""


@dataclass(frozen=True)
class SolveSettings:
    """How the web page solves: as ``roster solve --time-limit`` with these options."""

    time_limit: float = 60.0
    workers: int = 2
    seed: int = 0
    engine: str = "auto"
    wall_clock: bool = False
    deterministic_time: float | None = None
    """CP-SAT's deterministic budget (default: ``DETERMINISTIC_SHARE`` of the time limit, as
    ``roster solve``), so the same wishes, seed and workers give the same roster."""

    def solver(self, time_limit: float | None = None) -> SolverSettings:
        limit = self.time_limit if time_limit is None else time_limit
        budget = DETERMINISTIC_SHARE * limit
        if self.deterministic_time is not None:
            budget = min(budget, self.deterministic_time)
        return SolverSettings(
            time_limit=limit,
            workers=self.workers,
            seed=self.seed,
            deterministic_time=None if self.wall_clock else budget,
        )


@dataclass(frozen=True)
class WebSettings:
    """How ``roster web`` runs (``roster web --help``)."""

    solve: SolveSettings = field(default_factory=SolveSettings)
    amend_time_limit: float = 30.0
    """The wall-clock limit of a manager's minimal-change re-solve (it runs while the page waits)."""
    secure_cookies: bool = False
    """Cookies only over HTTPS (set it when the server is behind an HTTPS proxy)."""
    session_hours: float = 12.0
    reset_hours: float = 24.0
    """How long a manager's one-time link to set a new password stays valid."""
    takeover_seconds: float = 30.0
    """A solve whose server process has written nothing for this long (stopped hard, machine
    gone) is taken over and run again by another server process (``roster web --takeover-after``)."""
    mail: MailSettings | None = None
    """The mail server people are told through when their published shifts change (None: the
    audit log says who was not told)."""
    cluster: str | None = None
    """The Dask scheduler's address the solves run on (``roster web --cluster``); None: each solve
    runs in a thread of the server process that was asked."""
    max_body: int = MAX_BODY
