"""Shared base for domain objects: frozen, strict about unknown fields."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer

from roster.timegrid import WEEKDAYS, format_clock, parse_clock


class Frozen(BaseModel):
    """A frozen value object; an unknown field is an error that names it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _clock(value: object) -> object:
    if isinstance(value, str):
        return parse_clock(value, allow_next_day=True)
    return value


Clock = Annotated[int, BeforeValidator(_clock), PlainSerializer(format_clock, return_type=str)]
"""Minutes after midnight; written ``HH:MM`` in files (``30:00`` = 06:00 next day)."""


class TimeRange(Frozen):
    """A half-open range ``[start, end)`` of minutes of day; ``end`` may pass 24:00."""

    start: Clock
    end: Clock

    def model_post_init(self, __context: object) -> None:
        if self.end <= self.start:
            raise ValueError(
                f"range {format_clock(self.start)}-{format_clock(self.end)} ends before it "
                "starts; write times after midnight as 24:00 + hours (e.g. 30:00 for 06:00)"
            )

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"


def _day_or_date(value: str) -> str:
    value = value.strip().lower()
    if value in WEEKDAYS:
        return value
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is neither a weekday ({', '.join(WEEKDAYS)}) nor a date (YYYY-MM-DD)"
        ) from None
    return value


DayOrDate = Annotated[str, AfterValidator(_day_or_date)]
"""A weekday (``mon``..``sun``) or an ISO date, as a row of a weekly table gives its day."""


def _blank_is_none(value: object) -> object:
    if isinstance(value, str) and value.strip().lower() in ("", "*", "all", "any"):
        return None
    return value


Anyone = Annotated[str | None, BeforeValidator(_blank_is_none)]
"""An optional name (skill, shift type) where empty, ``*``, ``all`` or ``any`` means no restriction."""
