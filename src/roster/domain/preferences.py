"""What people wish for: an indicated pattern per day and standing wishes."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from roster.domain.base import Clock, Frozen
from roster.timegrid import WEEKDAYS, format_clock

Strength = Literal["prefer", "strong"]


class DayPreference(Frozen):
    """A person's indicated pattern for one day (PREFERENCES).

    ``kind`` is ``shift`` (with ``start`` and ``end``), ``off`` (a day off) or
    ``any`` (no wish). ``strength`` is ``prefer`` or ``strong``.
    """

    employee_id: str
    date: dt.date
    kind: Literal["shift", "off", "any"]
    start: Clock | None = None
    end: Clock | None = None
    strength: Strength = "prefer"

    @model_validator(mode="after")
    def _times(self) -> DayPreference:
        if self.kind == "shift":
            if self.start is None or self.end is None:
                raise ValueError("a 'shift' preference needs both start and end")
            if self.end <= self.start:
                raise ValueError(
                    f"end {format_clock(self.end)} is not after start {format_clock(self.start)}"
                )
        elif self.start is not None or self.end is not None:
            raise ValueError(f"a '{self.kind}' preference takes no start or end")
        return self


class StandingWish(Frozen):
    """A wish that holds every week, e.g. "no late finishes on Fridays".

    ``finish_by``: end no later than ``time``; ``start_after``: start no
    earlier than ``time``; ``day_off``: do not work that weekday.
    """

    employee_id: str
    weekday: str
    kind: Literal["finish_by", "start_after", "day_off"]
    time: Clock | None = None
    strength: Strength = "prefer"

    @model_validator(mode="after")
    def _valid(self) -> StandingWish:
        if self.weekday not in WEEKDAYS:
            raise ValueError(f"weekday {self.weekday!r} is not one of {', '.join(WEEKDAYS)}")
        if self.kind == "day_off" and self.time is not None:
            raise ValueError("a 'day_off' wish takes no time")
        if self.kind != "day_off" and self.time is None:
            raise ValueError(f"a '{self.kind}' wish needs a time")
        return self
