"""A person's yearly calendar as a printable page (A4 landscape), via Jinja2.

POLICY: "Yearly calendars are provided for employees ... to accurately deduct annual leave".
The page is the year planner's periods read for one person by
:func:`roster.domain.year_days.year_days` (re-exported here with :func:`year_totals`): a row per
month, a column per date 1 to 31, each cell the shift's times or the day's code; a key; and
the year's totals: hours rostered, annual leave taken (days and hours), bank holidays.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape

from roster.domain.year_days import MonthRow, Period, legend, month_rows, totals_table
from roster.domain.year_days import YearDay as YearDay
from roster.domain.year_days import YearTotals as YearTotals
from roster.domain.year_days import year_days as year_days
from roster.domain.year_days import year_totals as year_totals
from roster.reports._fmt import hmm

_ENV = Environment(
    loader=PackageLoader("roster.reports", "templates"), autoescape=select_autoescape(["html"])
)


def _cells(row: MonthRow) -> list[dict[str, str]]:
    """A month's 31 cells for the template: code, class (the kind, ``none``, ``nodate``), tooltip."""
    out = []
    for n, d in enumerate(row.cells, start=1):
        if n > row.length:
            out.append({"code": "", "kind": "nodate", "title": ""})
        elif d is None:
            out.append({"code": "", "kind": "none", "title": "not in the year's rosters"})
        else:
            out.append({"code": d.code, "kind": d.kind, "title": f"{d.date:%a %d %b %Y}: {d.text}"})
    return out


def year_calendar_html(periods: Sequence[Period], employee_id: str, *, title: str) -> str:
    """The printable yearly calendar of ``employee_id`` over ``periods`` (text escaped)."""
    days = year_days(periods, employee_id)
    name = next((e.name for sc, _ in periods for e in sc.employees if e.id == employee_id), employee_id)
    months = [
        {
            "label": f"{row.month:%b %Y}",
            "cells": _cells(row),
            "paid": hmm(sum(d.paid_minutes for d in row.cells if d is not None)),
        }
        for row in month_rows(days)
    ]
    return _ENV.get_template("year.html").render(
        title=title,
        person=f"{name} ({employee_id})",
        first=f"{days[0].date:%a %d %b %Y}",
        last=f"{days[-1].date:%a %d %b %Y}",
        months=months,
        legend=legend(days),
        totals=totals_table(year_totals(days)),
    )
