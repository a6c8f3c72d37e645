"""Leave and other unavailability."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import model_validator

from roster.domain.base import Clock, Frozen
from roster.timegrid import format_clock

LeaveType = Literal[
    "annual_leave",
    "sick",
    "training",
    "toil",
    "banked_time",
    "flexi",
    "unpaid",
    "compassionate",
    "maternity",
    "paternity",
    "adoption",
    "parental",
    "other",
]

UNCREDITED: frozenset[str] = frozenset({"unpaid", "banked_time", "flexi"})
"""Leave types that do not count toward contracted time. ``banked_time`` is
accrued time being taken back: it is paid from the banked balance instead; ``flexi`` is
flexi leave, paid from the flexi balance (:mod:`roster.domain.flexi`)."""


class Leave(Frozen):
    """A person is unavailable from ``start_date`` to ``end_date`` inclusive.

    Whole days when ``start``/``end`` are empty; otherwise a part day
    (``start_date`` must equal ``end_date``) from ``start`` to ``end``.
    """

    employee_id: str
    start_date: date
    end_date: date
    start: Clock | None = None
    end: Clock | None = None
    type: LeaveType = "annual_leave"

    @model_validator(mode="after")
    def _valid(self) -> Leave:
        if self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} is before start_date {self.start_date}")
        if (self.start is None) != (self.end is None):
            raise ValueError("a part-day leave needs both start and end (or neither)")
        if self.start is not None and self.end is not None:
            if self.start_date != self.end_date:
                raise ValueError("a part-day leave covers one date: start_date = end_date")
            if self.end <= self.start:
                raise ValueError(
                    f"end {format_clock(self.end)} is not after start {format_clock(self.start)}"
                )
        return self

    @property
    def whole_day(self) -> bool:
        return self.start is None

    @property
    def credited(self) -> bool:
        return self.type not in UNCREDITED

    def dates(self) -> list[date]:
        n = (self.end_date - self.start_date).days
        return [self.start_date + timedelta(days=i) for i in range(n + 1)]
