"""Notices: what the loader read differently from how it was typed, without refusing it.

An input that is plainly a mistake is an error (:class:`~roster.domain.ScenarioError`,
``InputError`` in the io layer). Some inputs are legal but partly ignored: a
staffing row running past the Core Service Opening Times needs no cover outside
them. Those are notices, located like an error (file, row, field) and printed in
the summary and ``result.json``, so nothing typed is dropped without a word.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roster.domain.base import Frozen
from roster.timegrid import WEEKDAYS, format_clock, weekday_name

if TYPE_CHECKING:
    from roster.domain.scenario import Scenario


class Notice(Frozen):
    """One input read differently from how it was typed. ``source`` is the table name
    (``staffing``) until the loader names the file; ``row`` is then the spreadsheet row."""

    source: str
    row: int | None = None
    field: str | None = None
    message: str

    def __str__(self) -> str:
        return located(self.source, self.row, self.field, self.message)


def located(source: str, row: int | None, field: str | None, message: str) -> str:
    """``staffing.csv, row 4, field end: message``: how an input error or notice is written."""
    parts = [source]
    if row is not None:
        parts.append(f"row {row}")
    if field:
        parts.append(f"field {field}")
    return f"{', '.join(parts)}: {message}"


def _days_of(sc: Scenario, day: str) -> list[dt.date]:
    if day in WEEKDAYS:
        return [d for d in sc.service.days if weekday_name(d) == day]
    return [dt.date.fromisoformat(day)]


def staffing_notices(sc: Scenario) -> list[Notice]:
    """Staffing rows cut to the opening hours: ``row`` is the row's index in ``sc.staffing``.

    A weekday row is compared with that weekday's regular opening (a bank holiday or
    another exception that shortens one date is the service's decision, not a slip);
    a date row with that date's opening.
    """
    svc = sc.service
    out: list[Notice] = []
    for i, lvl in enumerate(sc.staffing):
        if lvl.min == 0 and lvl.max is None:
            continue
        rng = f"{format_clock(lvl.start)}-{format_clock(lvl.end)}"
        if lvl.day in WEEKDAYS:
            opening = svc.opening.get(lvl.day)
            when = f"on {lvl.day}"
            if not _days_of(sc, lvl.day):
                continue
        else:
            day = dt.date.fromisoformat(lvl.day)
            opening = svc.opening_on(day)
            when = f"on {day}"
        if opening is None:
            out.append(
                Notice(
                    source="staffing",
                    row=i,
                    field="day",
                    message=f"the service is closed {when}, so this row ({rng}) asks for no cover; "
                    "it is ignored",
                )
            )
            continue
        if lvl.end <= opening.start or lvl.start >= opening.end:
            out.append(
                Notice(
                    source="staffing",
                    row=i,
                    field="start",
                    message=f"{rng} lies outside the opening hours {when} ({opening}); it is ignored",
                )
            )
            continue
        cut = []
        if lvl.start < opening.start:
            cut.append(
                (
                    "start",
                    f"starts at {format_clock(lvl.start)}, before opening at {format_clock(opening.start)}",
                )
            )
        if lvl.end > opening.end:
            cut.append(
                ("end", f"ends at {format_clock(lvl.end)}, after closing at {format_clock(opening.end)}")
            )
        if cut:
            kept = f"{format_clock(max(lvl.start, opening.start))}-{format_clock(min(lvl.end, opening.end))}"
            out.append(
                Notice(
                    source="staffing",
                    row=i,
                    field=cut[0][0],
                    message=f"{' and '.join(c[1] for c in cut)} {when}; cover is required {kept} only "
                    "(levels apply inside the Core Service Opening Times)",
                )
            )
    return out
