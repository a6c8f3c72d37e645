"""Cover reports: people on duty against the staffing levels, and where cover is short.

Both tables are read from :func:`roster.validation.cover_table` (the
independent validator's COVERAGE count), so the reports, the validator and the
objective agree on every slot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from roster.domain import Roster, Scenario
from roster.reports._fmt import group_name, hmm
from roster.timegrid import format_clock
from roster.validation import CoverRow, cover_table

COVER_COLUMNS: tuple[str, ...] = (
    "date",
    "start",
    "end",
    "slot",
    "skill",
    "required_min",
    "required_max",
    "rostered",
    "under",
    "over",
)

SHORTFALL_COLUMNS: tuple[str, ...] = (
    "date",
    "from",
    "to",
    "skill",
    "people_short",
    "person_minutes_short",
    "person_hours_short",
    "short",
)
"""Columns of :func:`shortfalls`; ranges are sorted by date, start, then team before skills."""


def cover_frame_from_rows(rows: Sequence[CoverRow]) -> pd.DataFrame:
    """:func:`cover_frame` of an already computed cover table."""
    data = {
        "date": [r.date for r in rows],
        "start": [r.start for r in rows],
        "end": [r.end for r in rows],
        "slot": [f"{format_clock(r.start)}-{format_clock(r.end)}" for r in rows],
        "skill": [group_name(r.skill) for r in rows],
        "required_min": [r.required_min for r in rows],
        "required_max": pd.array([r.required_max for r in rows], dtype="Int64"),
        "rostered": [r.rostered for r in rows],
        "under": [r.under for r in rows],
        "over": [r.over for r in rows],
    }
    frame = pd.DataFrame(data, columns=list(COVER_COLUMNS))
    for col in ("start", "end", "required_min", "rostered", "under", "over"):
        frame[col] = frame[col].astype("int64")
    return frame


def cover_frame(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """One row per date, slot and staffing group (a skill, or ``team``).

    Columns: ``date`` (datetime.date), ``start``/``end`` (minutes of the date),
    ``slot`` (``08:30-08:45``), ``skill`` (``team`` for the whole team),
    ``required_min``, ``required_max`` (``<NA>`` when there is no maximum),
    ``rostered`` (people on duty and not on break), ``under``, ``over``.
    """
    return cover_frame_from_rows(cover_table(scenario, roster))


@dataclass
class _Range:
    date: dt.date
    skill: str
    start: int
    end: int
    people_short: int
    person_minutes: int


def shortfalls_from_rows(rows: Sequence[CoverRow]) -> pd.DataFrame:
    """:func:`shortfalls` of an already computed cover table."""
    ranges: list[_Range] = []
    # The range of each (date, group) still being extended: its last slot ends where the next starts.
    current: dict[tuple[dt.date, str], _Range] = {}
    for row in rows:
        key = (row.date, group_name(row.skill))
        if row.under <= 0:
            current.pop(key, None)
            continue
        minutes = row.under * (row.end - row.start)
        rng = current.get(key)
        if rng is not None and rng.end == row.start:
            rng.end = row.end
            rng.people_short = max(rng.people_short, row.under)
            rng.person_minutes += minutes
            continue
        rng = _Range(row.date, key[1], row.start, row.end, row.under, minutes)
        current[key] = rng
        ranges.append(rng)
    ranges.sort(key=lambda r: (r.date, r.start, r.skill != "team", r.skill))
    out = pd.DataFrame(
        {
            "date": [r.date for r in ranges],
            "from": [format_clock(r.start) for r in ranges],
            "to": [format_clock(r.end) for r in ranges],
            "skill": [r.skill for r in ranges],
            "people_short": pd.Series([r.people_short for r in ranges], dtype="int64"),
            "person_minutes_short": pd.Series([r.person_minutes for r in ranges], dtype="int64"),
            "person_hours_short": pd.Series(
                [round(r.person_minutes / 60, 2) for r in ranges], dtype="float64"
            ),
            "short": [hmm(r.person_minutes) for r in ranges],
        },
        columns=list(SHORTFALL_COLUMNS),
    )
    return out


def shortfalls(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """Exactly which hours and skills are short of their minimum, and by how much.

    Consecutive short slots of one date and group are merged into a range.
    Columns: ``date``, ``from``/``to`` (``HH:MM``), ``skill`` (``team`` for the
    whole team), ``people_short`` (the most people short in any slot of the
    range), ``person_minutes_short`` (Σ people short x slot minutes),
    ``person_hours_short`` (the same in hours) and ``short`` (``h:mm``).
    """
    return shortfalls_from_rows(cover_table(scenario, roster))
