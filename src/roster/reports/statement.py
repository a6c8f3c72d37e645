"""Each person's statement of a published roster: shifts, hours, banked time, refused wishes.

What the policy asks a manager to give every employee: their own roster, their hours
against the contract, the time banked or taken back, and for every wish that was not
honoured the rule or the cover that refused it (the same reasons as ``wishes.csv``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from roster.domain import Roster, Scenario
from roster.io.xlsx_roster import shift_text
from roster.reports._fmt import hmm
from roster.reports._types import ReportLike
from roster.reports.hours import hours_frame
from roster.reports.wishes import refused_wishes


def statements(
    scenario: Scenario,
    roster: Roster,
    report: ReportLike,
    version: str,
    amended: dict[tuple[str, dt.date], str] | None = None,
) -> dict[str, str]:
    """Person id -> their statement as text, for everyone in the scenario.

    ``amended``: (person, date) -> why the manager changed that day after the solve (the
    amendment's version and note); a wish refused on such a day gives that as its reason."""
    amended = amended or {}
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
        usable, expiring = int(h["usable_balance_minutes"]), int(h["expiring_balance_minutes"])
        taken = min(int(h["taken_minutes"]), usable)
        if h["flexi"]:
            lines.append(
                f"Flexi balance: {hmm(int(h['flexi_opening_minutes']), signed=True)} at the start of this "
                f"roster, {h['flexi']} at its end"
            )
        elif not emp.relief and (usable or int(h["banked_minutes"])):
            text = f"Banked time: {hmm(usable)} from earlier rosters"
            if taken:
                text += f"; this roster takes {hmm(taken)} back"
            if int(h["banked_minutes"]):
                text += f"; this roster banks {hmm(int(h['banked_minutes']))}"
            lapsing = max(0, expiring - taken)
            if lapsing:
                text += f"; {hmm(lapsing)} of the earlier time lapses at the end of this roster"
            lines.append(text)
        if h["toil"]:
            lines.append(
                f"Time off in lieu: {hmm(int(h['toil_opening_minutes']))} held at the start"
                f", {hmm(int(h['toil_earned_minutes']))} earned by extra shifts"
                f", {hmm(int(h['toil_taken_minutes']))} taken"
                f"; {hmm(int(h['toil_balance_minutes']))} at the end"
                f", of a cap of {hmm(int(h['toil_cap_minutes']))}"
            )
        mine_refused: pd.DataFrame = refused[refused["employee_id"] == emp.id]
        if mine_refused.empty:
            lines += [
                "",
                "Every wish you gave for this roster was honoured."
                if any(w.employee_id == emp.id for w in report.wishes)
                else "",
            ]
        else:
            lines += ["", "Wishes not honoured, and why"]
            for r in mine_refused.to_dict("records"):
                lines.append(
                    f"  {r['date']:%a %d %b}: {r['wish']} ({r['strength']}); rostered {r['rostered']}"
                )
                lines.append(f"    {amended.get((emp.id, r['date']), r['reason'])}")
        out[emp.id] = "\n".join(lines).rstrip() + "\n"
    return out
