"""TAKEBACK_COVER (hard): banked time is taken back only while minimum cover holds.

docs/rules.md, TAKEBACK_COVER; POLICY.md section 3 (banked time is "taken at a
time which does not adversely impact on minimum service levels").

A person takes time back when their paid minutes fall below their target:
``min(target - paid, usable balance)`` minutes come from the bank (anything
short beyond the balance is a CONTRACT_HOURS breach, not a takeback). Up to
``service.takeback_rounding`` minutes (one grid slot less a minute by default)
is the rounding of a target off the time grid and is always allowed. Above
it, every minimum the person could fill must be met: each slot of the opening
times with ``under > 0`` (COVERAGE's measure) for a skill they hold or the whole
team, on a date and time :func:`roster.domain.could_fill` says they could be
rostered. One violation per person, naming the short slots.
"""

from __future__ import annotations

from roster.domain import could_fill
from roster.domain.rules import RuleCode
from roster.validation.context import Context
from roster.validation.contract import hours_balance
from roster.validation.coverage import CoverRow, cover_rows
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.TAKEBACK_COVER
SHOWN = 3
"""Short slots named in one message."""


def check_takeback_cover(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    rounding = sc.service.takeback_rounding
    takers = []
    for emp in sc.employees:
        if emp.pattern != "self" or emp.relief:
            continue
        hb = hours_balance(ctx, emp)
        from_bank = min(hb.taken, hb.target.usable_balance)  # beyond it: CONTRACT_HOURS
        if from_bank > rounding:
            takers.append((emp, from_bank))
    if not takers:
        return []
    short = [row for row in cover_rows(ctx) if row.under > 0]
    out: list[Violation] = []
    for emp, taken in takers:
        mine: list[CoverRow] = [
            row
            for row in short
            if (row.skill is None or row.skill in emp.skills)
            and could_fill(sc, emp, row.date, row.start, row.end)
        ]
        if not mine:
            continue
        named = "; ".join(
            f"{row.date} {row.time} {row.skill or 'team'} ({row.under} short)" for row in mine[:SHOWN]
        )
        more = f" and {len(mine) - SHOWN} more slot(s)" if len(mine) > SHOWN else ""
        out.append(
            Violation(
                rule=RULE,
                hard=True,
                employee_id=emp.id,
                date=mine[0].date,
                time=mine[0].time,
                measured=taken,
                limit=rounding,
                message=(
                    f"{emp.id} takes {duration(taken)} of banked time back while minimum cover is "
                    f"short where they could work: {named}{more}; roster them there, or take the "
                    "time back in a roster where cover holds (POLICY.md section 3)"
                ),
            )
        )
    return out
