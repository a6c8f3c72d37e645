"""48-hour headroom: how many more hours each person may work, week by week (WTR_AVERAGE).

For each person and each roster week: of the reference periods that end in
that week, the one with the least room. ``headroom_hours`` is what may still
be added to the roster on dates up to that week's end without that period's
average going over 48 h; negative means over already. With an empty roster
it answers a manager's "how many hours can Sam work in the next three
weeks?" from the history alone. ``provisional`` marks figures that rest on
assumed history or on contracted hours after the roster (POLICY.md section 4).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from roster.domain import Roster, Scenario
from roster.validation import AverageWindow, average_windows

HEADROOM_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "name",
    "week_start",
    "period_start",
    "period_end",
    "average_hours",
    "limit_hours",
    "headroom_hours",
    "excluded_days",
    "provisional",
    "opted_out",
)


def headroom_frame(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """One row per person and roster week (see the module docstring)."""
    names = {e.id: e.name for e in scenario.employees}
    start = scenario.service.start_date
    tightest: dict[tuple[str, int], AverageWindow] = {}
    for w in average_windows(scenario, roster):
        key = (w.employee_id, (w.end - start).days // 7)
        if key not in tightest or w.headroom < tightest[key].headroom:
            tightest[key] = w
    rows = [
        {
            "employee_id": emp,
            "name": names[emp],
            "week_start": (start + dt.timedelta(weeks=week)).isoformat(),
            "period_start": w.start.isoformat(),
            "period_end": w.end.isoformat(),
            "average_hours": round(w.average / 60, 2),
            "limit_hours": round(w.limit / 60, 2),
            "headroom_hours": None if w.opted_out else round(w.headroom / 60, 2),
            "excluded_days": w.excluded_days,
            "provisional": w.provisional,
            "opted_out": w.opted_out,
        }
        for (emp, week), w in tightest.items()
    ]
    return pd.DataFrame.from_records(rows, columns=list(HEADROOM_COLUMNS))
