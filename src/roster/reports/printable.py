"""The team roster as a printable HTML page (A4 landscape, one table per week), via Jinja2."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from roster.domain import Roster, Scenario
from roster.io.xlsx_roster import shift_text
from roster.reports._fmt import hmm

_ENV = Environment(
    loader=PackageLoader("roster.reports", "templates"), autoescape=select_autoescape(["html"])
)


def roster_weeks(scenario: Scenario, roster: Roster, people: list[str] | None = None) -> list[dict[str, Any]]:
    """The roster as one table per week: its dates, and a row per person (``people``: these ids
    only, in this order) with a cell per date (``kind`` shift, leave or off; ``text``, an extra
    shift said so; ``date`` and ``employee_id`` of the cell) and the week's paid hours."""
    svc = scenario.service
    days = svc.days
    by_emp = roster.by_employee()
    leave = {
        (lv.employee_id, lv.start_date + dt.timedelta(days=k)): lv.type
        for lv in scenario.leave
        if lv.start is None
        for k in range((lv.end_date - lv.start_date).days + 1)
    }
    extra = {(x.employee_id, x.date) for x in scenario.extra_shifts}
    employees = scenario.employees if people is None else [scenario.employee(e) for e in people]
    weeks = []
    for w in range(svc.weeks):
        dates = [d for d in days if (d - svc.start_date).days // 7 == w]
        rows = []
        for emp in employees:
            shifts = {s.date: s for s in by_emp.get(emp.id, [])}
            cells = []
            paid = 0
            for d in dates:
                cell = {"date": d.isoformat(), "employee_id": emp.id}
                if d in shifts:
                    text = shift_text(shifts[d], scenario)
                    if (emp.id, d) in extra:
                        text += ", extra (time off in lieu)"
                    cell |= {"kind": "shift", "text": text}
                    paid += shifts[d].paid_minutes
                elif (emp.id, d) in leave:
                    cell |= {"kind": "leave", "text": f"leave: {leave[(emp.id, d)].replace('_', ' ')}"}
                else:
                    cell |= {"kind": "off", "text": "closed" if svc.is_closed(d) else "off"}
                cells.append(cell)
            rows.append(
                {"name": f"{emp.name} ({emp.id})", "employee_id": emp.id, "cells": cells, "paid": hmm(paid)}
            )
        weeks.append(
            {"start": f"{dates[0]:%a %d %b %Y}", "days": [f"{d:%a %d %b}" for d in dates], "rows": rows}
        )
    return weeks


def roster_html(
    scenario: Scenario, roster: Roster, *, version: str, status: str, accepted_by: str, published: dt.datetime
) -> str:
    """The printable page of ``roster`` (every person, every date; names and text escaped)."""
    days = scenario.service.days
    return _ENV.get_template("roster.html").render(
        service=scenario.service.name,
        version=version,
        status=status,
        accepted_by=accepted_by,
        published=f"{published:%d %b %Y %H:%M} UTC",
        first=f"{days[0]:%a %d %b %Y}",
        last=f"{days[-1]:%a %d %b %Y}",
        weeks=roster_weeks(scenario, roster),
    )
