"""Shift-type services: named shifts, cover per shift, per-person limits (POLICY.md section 6, shift working).

A service that runs round the clock (early, late, night) or any service that
rosters fixed shift times declares its ``shift_types`` in service.yaml. A
self-rostered person's shift is then one of those types, exactly; fixed-pattern
people keep their given times. The per-person limits of ``shift_limits.csv``,
the fixed days off of ``days_off.csv`` and the shift-on/off requests of
``shift_requests.csv`` apply in any service (a per-type maximum needs types).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from roster.domain.base import Anyone, Clock, DayOrDate, Frozen
from roster.domain.employee import ID_PATTERN
from roster.timegrid import MINUTES_PER_DAY, WEEKDAYS, format_clock


class ShiftType(Frozen):
    """A named shift: ``start`` to ``end`` on the date it starts (``end`` past 24:00 crosses midnight).

    ``not_followed_by``: shift types that may not be worked on the next date
    after this one (a forbidden succession, e.g. no early after a late).
    """

    id: str = Field(pattern=ID_PATTERN)
    name: str = ""
    start: Clock
    end: Clock
    not_followed_by: tuple[str, ...] = ()

    @field_validator("not_followed_by", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(s.strip() for s in re.split(r"[|,; ]", value) if s.strip())
        return value

    @model_validator(mode="after")
    def _times(self) -> ShiftType:
        if self.start >= MINUTES_PER_DAY:
            raise ValueError(f"shift type {self.id}: start {format_clock(self.start)} must be before 24:00")
        if not self.start < self.end <= self.start + MINUTES_PER_DAY:
            raise ValueError(
                f"shift type {self.id}: end {format_clock(self.end)} must be after start "
                f"{format_clock(self.start)} and at most 24 hours later (write 07:00 next day as 31:00)"
            )
        return self

    @property
    def minutes(self) -> int:
        """Length, break included."""
        return self.end - self.start

    @property
    def label(self) -> str:
        return f"{self.id} {format_clock(self.start)}-{format_clock(self.end)}"


class ShiftCover(Frozen):
    """Headcount wanted on one shift type on a weekday or a date (SHIFT_COVER, soft).

    ``n`` = people holding ``skill`` (anyone when empty) who work ``shift_type``
    on the date; the cost is ``under_weight x max(0, requirement - n) +
    over_weight x max(0, n - requirement)``. Empty weights take
    ``shift_cover_under`` / ``shift_cover_over`` of weights.toml. A date row
    replaces the weekday rows of the same shift type and skill on that date.
    """

    day: DayOrDate
    shift_type: str
    skill: Anyone = None
    requirement: int = Field(ge=0)
    under_weight: int | None = Field(None, ge=0)
    over_weight: int | None = Field(None, ge=0)

    @property
    def date(self) -> dt.date | None:
        return None if self.day in WEEKDAYS else dt.date.fromisoformat(self.day)


class ShiftLimits(Frozen):
    """One person's limits over the roster period (``shift_limits.csv``; SHIFT_TYPES, hard).

    ``max_shifts``: per shift type, at most this many (written ``N=0|E=10``);
    ``min/max_total_minutes``: paid minutes over the roster; ``min/max_consecutive_days``:
    length of a run of working dates; ``min_consecutive_days_off``: length of a run of
    dates off; ``max_weekends``: Saturday-Sunday pairs with a shift starting on either.
    A run that touches the roster's first or last date is not held to a minimum (it
    goes on in the neighbouring roster); the maximum run counts the working dates of
    history.csv just before the roster.
    """

    employee_id: str
    max_shifts: dict[str, int] = Field(default_factory=dict)
    min_total_minutes: int | None = Field(None, ge=0)
    max_total_minutes: int | None = Field(None, ge=0)
    min_consecutive_days: int | None = Field(None, ge=1, le=28)
    max_consecutive_days: int | None = Field(None, ge=1, le=84)
    min_consecutive_days_off: int | None = Field(None, ge=1, le=28)
    max_weekends: int | None = Field(None, ge=0)

    @field_validator("max_shifts", mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        out: dict[str, int] = {}
        for part in re.split(r"[|;,]", value):
            if not part.strip():
                continue
            key, sep, count = part.partition("=")
            if not sep or not count.strip().isdigit():
                raise ValueError(f"{part.strip()!r} is not TYPE=COUNT; write e.g. N=4|E=10")
            out[key.strip()] = int(count)
        return out

    @model_validator(mode="after")
    def _ordered(self) -> ShiftLimits:
        pairs = (
            ("total_minutes", self.min_total_minutes, self.max_total_minutes),
            ("consecutive_days", self.min_consecutive_days, self.max_consecutive_days),
        )
        for name, lo, hi in pairs:
            if lo is not None and hi is not None and hi < lo:
                raise ValueError(f"max_{name} {hi} is below min_{name} {lo}")
        return self


class DayOff(Frozen):
    """A fixed day off: the person works no shift starting on ``date`` (SHIFT_TYPES, hard).

    Unlike leave it earns no credit: it is a day the person's pattern does not work.
    """

    employee_id: str
    date: dt.date
    reason: str = ""


class ShiftRequest(Frozen):
    """A shift-on or shift-off request (PREFERENCES, soft, cost ``weight``).

    ``on``: the person asks to work ``shift_type`` on ``date`` (cost when they are off
    or on another shift); ``off``: asks not to work it (cost when they work exactly it;
    an empty ``shift_type`` means any shift). Empty ``weight``: ``pref_day`` of weights.toml.
    """

    employee_id: str
    date: dt.date
    kind: Literal["on", "off"]
    shift_type: Anyone = None
    weight: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _on_names_type(self) -> ShiftRequest:
        if self.kind == "on" and self.shift_type is None:
            raise ValueError("a shift-on request names the shift_type asked for")
        return self
