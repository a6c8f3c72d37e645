"""UNKNOWN (hard, validator only): roster rows the scenario cannot place.

A row naming a person who is not in the team, or dated outside the roster
period, cannot be checked against any other rule; it is reported here and
left out of every other check (including cover).
"""

from __future__ import annotations

from roster.domain.rules import RuleCode
from roster.validation.context import Context
from roster.validation.text import span
from roster.validation.violation import Violation

RULE = RuleCode.UNKNOWN


def check_unknown(ctx: Context) -> list[Violation]:
    svc = ctx.scenario.service
    known = {e.id for e in ctx.scenario.employees}
    first, last = svc.days[0], svc.days[-1]
    out: list[Violation] = []
    for shift in ctx.unknown:
        start = shift.start.hour * 60 + shift.start.minute
        time = span(start, start + shift.length_minutes)
        if shift.employee_id not in known:
            message = (
                f"the roster has a shift for {shift.employee_id} on {shift.date}, "
                "but nobody with that id is in the team"
            )
        else:
            message = (
                f"the roster has a shift for {shift.employee_id} on {shift.date}, "
                f"outside the roster period {first} to {last}"
            )
        out.append(
            Violation(
                rule=RULE,
                hard=True,
                employee_id=shift.employee_id,
                date=shift.date,
                time=time,
                message=message,
            )
        )
    return out
