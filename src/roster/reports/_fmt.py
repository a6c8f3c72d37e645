"""Wording shared by the reports: minutes as ``h:mm``, dates as staff read them."""

from __future__ import annotations

import datetime as dt


def hmm(minutes: int | float | None, *, signed: bool = False) -> str:
    """``450`` -> ``7:30``; ``-75`` -> ``-1:15``; ``signed`` writes ``+7:30``; ``None`` -> ``""``."""
    if minutes is None:
        return ""
    value = round(minutes)
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    hours, rest = divmod(abs(value), 60)
    return f"{sign}{hours}:{rest:02d}"


def day_label(day: dt.date) -> str:
    """``Mon 04 Jan``."""
    return day.strftime("%a %d %b")


def group_name(skill: str | None) -> str:
    """A staffing requirement's group: the skill, or ``team`` for the whole team."""
    return "team" if skill is None else skill
