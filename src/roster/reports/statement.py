"""Each person's statement of a published roster: shifts, hours, banked time, refused wishes.

What the policy asks a manager to give every employee: their own roster, their hours
against the contract, the time banked or taken back, and for every wish that was not
honoured the rule or the cover that refused it (the same reasons as ``wishes.csv``).
"""

from __future__ import annotations

import pandas as pd

from roster.domain import Roster, Scenario
from roster.io.xlsx_roster import shift_text
from roster.reports._fmt import hmm
from roster.reports._types import ReportLike
from roster.reports.hours import hours_frame
from roster.reports.wishes import refused_wishes


def statements(scenario: Scenario, roster: Roster, report: ReportLike, version: str) -> dict[str, str]:
    """Person id -> their statement as text, for everyone in the scenario."""
    hours = {str(r["id"]): r for r in hours_frame(scenario, roster).to_dict("records")}
    refused = refused_wishes(scenario, roster, report)
    svc = scenario.service
    end = svc.days[-1]
    out: dict[str, str] = {}
    by_emp = roster.by_employee()
    for emp in scenario.employees:
        h = hours[emp.id]
        lines = [
            f"{svc.name}: roster {version}, {svc.start_date:%a %d %b %Y} to {end:%a %d %b %Y}",
            f"{emp.name} ({emp.id})",
            "",
            "Your shifts",
        ]
        mine = sorted(by_emp.get(emp.id, []), key=lambda s: s.start)
        lines += [f"  {s.date:%a %d %b}  {shift_text(s, scenario)}" for s in mine] or ["  none"]
        lines += [
            "",
            f"Hours: {h['rostered']} rostered against {h['target']} contracted ({h['status']})",
        ]
        expiring = int(h["expiring_balance_minutes"])
        if not emp.relief:
            lines.append(f"Banked time you may take back: {h['usable_balance']}"
                         + (f", of which {hmm(expiring)} lapses at the end of this roster unless taken"
                            if expiring else ""))
        mine_refused: pd.DataFrame = refused[refused["employee_id"] == emp.id]
        if mine_refused.empty:
            lines += ["", "Every wish you gave for this roster was honoured." if any(
                w.employee_id == emp.id for w in report.wishes) else ""]
        else:
            lines += ["", "Wishes not honoured, and why"]
            for r in mine_refused.to_dict("records"):
                lines.append(
                    f"  {r['date']:%a %d %b}: {r['wish']} ({r['strength']}); rostered {r['rostered']}"
                )
                lines.append(f"    {r['reason']}")
        out[emp.id] = "\n".join(lines).rstrip() + "\n"
    return out
