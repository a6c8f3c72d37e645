"""Wording shared by the checks: durations and clock ranges as staff read them."""

from __future__ import annotations

from roster.timegrid import format_clock


def duration(minutes: int) -> str:
    """``630`` -> ``10 h 30 min``; ``600`` -> ``10 h``; ``45`` -> ``45 min``; negatives keep a sign."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if hours:
        return f"{sign}{hours} h"
    return f"{sign}{rest} min"


def span(start: int, end: int) -> str:
    """Minutes of day ``[start, end)`` as ``HH:MM-HH:MM`` (``25:30`` is 01:30 the next day)."""
    return f"{format_clock(start)}-{format_clock(end)}"
