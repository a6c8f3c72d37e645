"""Who could cover a gap: for each range short of minimum cover, the people who could fill it.

A manager reading a cover gap asks "who could cover?". A candidate for a short range holds the
range's skill (anyone, for the whole team's level), is in the team that date (no whole-day leave,
not already on a shift that date: the roster gives each person one shift a day) and is not a
fixed-pattern worker. Candidates come with their hours against the period's target (the most
under target first: asking them costs least banked time) and whether the extra day would take
them past the days a week they work. The list is a prompt for a conversation, not a roster: the
validator judges any shift agreed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from roster.domain import Roster, Scenario
from roster.reports.cover import shortfalls
from roster.reports.hours import hours_frame

GAP_COLUMNS: tuple[str, ...] = (
    "date",
    "from",
    "to",
    "skill",
    "people_short",
    "employee_id",
    "name",
    "net_hours",
    "days_that_week",
)


def who_could_cover(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """One row per short range and candidate (see the module docstring); a short range nobody
    could cover has one row with an empty ``employee_id``."""
    gaps = shortfalls(scenario, roster)
    hours = hours_frame(scenario, roster)
    net = dict(zip(hours["id"], hours["net_minutes"], strict=True))
    on_shift = {(s.employee_id, s.date) for s in roster.shifts}
    away = {
        (lv.employee_id, lv.start_date + dt.timedelta(days=k))
        for lv in scenario.leave
        if lv.start is None
        for k in range((lv.end_date - lv.start_date).days + 1)
    }
    rows: list[dict[str, object]] = []
    for gap in gaps.to_dict("records"):
        day = gap["date"]
        monday = day - dt.timedelta(days=day.weekday())
        found = []
        for e in scenario.employees:
            if e.pattern != "self" or (gap["skill"] != "team" and gap["skill"] not in e.skills):
                continue
            if (e.id, day) in on_shift or (e.id, day) in away:
                continue
            week = sum(1 for k in range(7) if (e.id, monday + dt.timedelta(days=k)) in on_shift)
            found.append(
                {
                    "employee_id": e.id,
                    "name": e.name,
                    "net_hours": round(net[e.id] / 60, 2),
                    "days_that_week": week,
                }
            )
        found.sort(key=lambda c: (c["net_hours"], c["days_that_week"]))
        base = {k: gap[k] for k in ("date", "from", "to", "skill", "people_short")}
        rows += [{**base, **c} for c in found] or [
            {**base, "employee_id": "", "name": "", "net_hours": None, "days_that_week": None}
        ]
    return pd.DataFrame(rows, columns=list(GAP_COLUMNS))
