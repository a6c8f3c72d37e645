"""TIME_OFF_IN_LIEU (hard): extra shifts worked as granted, and time off in lieu within its balance and cap.

POLICY.md section 6 (time off in lieu; docs/rules.md, TIME_OFF_IN_LIEU; :mod:`roster.domain.toil` states
the ledger):

* Each extra shift of ``extra_shifts`` is in the roster exactly as given (start, end, and a
  break of ``break_minutes`` from ``break_start`` when given, none otherwise). Missing:
  ``measured`` = 0, ``limit`` = its length. At other times: ``measured`` = minutes moved,
  ``limit`` = 0.
* The person's TOIL balance, date by date (opening balance, + earned on each extra shift's
  date, - taken on each ``toil`` leave date), never falls below 0 (``measured`` = the lowest
  balance, ``limit`` = 0) nor rises above the cap (``measured`` = the highest balance,
  ``limit`` = the cap).
"""

from __future__ import annotations

from roster.domain import ExtraShift, Scenario, toil_account
from roster.domain.rules import RuleCode
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration, span
from roster.validation.violation import Violation

RULE = RuleCode.TIME_OFF_IN_LIEU


def _given(sc: Scenario, x: ExtraShift) -> tuple[int, int, tuple[int, int] | None]:
    brk = None if x.break_start is None else (x.break_start, x.break_start + sc.service.breaks.break_minutes)
    return x.start, x.end, brk


def _describe(start: int, end: int, brk: tuple[int, int] | None) -> str:
    return span(start, end) + (f" (break {span(*brk)})" if brk else " (no break)")


def _moved(v: ShiftView, start: int, end: int, brk: tuple[int, int] | None) -> int:
    moved = abs(v.start - start) + abs(v.end - end)
    mine = None if v.break_start is None or v.break_end is None else (v.break_start, v.break_end)
    if mine is not None and brk is not None:
        moved += abs(mine[0] - brk[0]) + abs(mine[1] - brk[1])
    elif mine is not None or brk is not None:
        moved += (mine or brk or (0, 0))[1] - (mine or brk or (0, 0))[0]
    return moved


def _extra_shifts(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    out: list[Violation] = []
    for x in sc.extra_shifts:
        start, end, brk = _given(sc, x)
        expected = _describe(start, end, brk)
        worked = [v for v in ctx.of(x.employee_id) if v.date == x.date]
        if not worked:
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=x.employee_id,
                    date=x.date,
                    time=span(start, end),
                    measured=0,
                    limit=end - start,
                    message=(
                        f"{x.employee_id}'s extra shift {expected} on {x.date} (time off in lieu) "
                        "is missing from the roster"
                    ),
                )
            )
            continue
        v = worked[0]
        moved = _moved(v, start, end, brk)
        if moved:
            mine = None if v.break_start is None or v.break_end is None else (v.break_start, v.break_end)
            out.append(
                v.violation(
                    RULE,
                    measured=moved,
                    limit=0,
                    message=(
                        f"{x.employee_id} is rostered {_describe(v.start, v.end, mine)} on {x.date}; "
                        f"the extra shift granted is {expected} ({duration(moved)} moved)"
                    ),
                )
            )
    return out


def _ledger(ctx: Context) -> list[Violation]:
    out: list[Violation] = []
    for emp in ctx.scenario.employees:
        acc = toil_account(ctx.scenario, emp)
        if acc.overdrawn:
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=emp.id,
                    date=acc.lowest_date,
                    measured=acc.lowest,
                    limit=0,
                    message=(
                        f"{emp.id} takes more time off in lieu than they hold: the balance falls to "
                        f"{duration(acc.lowest)} on {acc.lowest_date} (TOIL is taken only once earned)"
                    ),
                )
            )
        if acc.over_cap:
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=emp.id,
                    date=acc.highest_date,
                    measured=acc.highest,
                    limit=acc.cap,
                    message=(
                        f"{emp.id}'s time off in lieu would reach {duration(acc.highest)} on "
                        f"{acc.highest_date}, over the cap of {duration(acc.cap)} (half the annual "
                        "leave entitlement)"
                    ),
                )
            )
    return out


def check_toil(ctx: Context) -> list[Violation]:
    return _extra_shifts(ctx) + _ledger(ctx)
