"""A broken rule, stated so that a rota coordinator can act on it."""

from __future__ import annotations

import datetime as dt

from roster.domain.base import Frozen
from roster.domain.rules import RULES

HARD_RULES: tuple[str, ...] = tuple(r.code.value for r in RULES if r.hard)
"""Codes of the hard rules (docs/rules.md): one of these makes a roster unpublishable."""

SOFT_RULES: tuple[str, ...] = tuple(r.code.value for r in RULES if r.soft)
"""Codes of the objective terms (docs/rules.md). ACCRUAL is both: a hard cap and a cost."""


class Violation(Frozen):
    """One broken rule: which rule, who, when, the measured value and its limit.

    ``time`` is a wall-clock range of the date such as ``10:00-10:15`` (times
    past midnight are written ``25:30``). ``measured`` and ``limit`` are in the
    rule's own unit (minutes unless the message says otherwise); ``message`` is
    one sentence a rota coordinator understands.
    """

    rule: str
    hard: bool
    employee_id: str | None = None
    date: dt.date | None = None
    time: str | None = None
    measured: int | float | None = None
    limit: int | float | None = None
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"
