"""BREAKS (hard): the unpaid rest break (POLICY.md section 2; docs/rules.md).

With ``T = threshold_minutes`` (6 h), ``B = break_minutes`` (30), a shift of
length ``L = end - start`` (break included):

* ``L > T``: exactly one break ``[b, b + B)`` with
  ``b - start >= min_work_before`` (2 h), ``end - (b + B) >= min_work_after``
  (1 h), ``b - start <= max_continuous_work`` and
  ``end - (b + B) <= max_continuous_work`` (6 h). A break of another length
  is a violation (``measured`` = its minutes, ``limit`` = ``B``): the rule asks
  for a break *of* ``break_minutes``, so a longer break is not accepted either.
* ``L <= T``: no break is needed. One given (a hand-amended roster) is
  allowed: the policy requires a break above 6 hours and forbids none below;
  it is unpaid like any break (CONTRACT_HOURS counts it).

Each broken condition is one violation, so a misplaced break can give two.
For a person under 18 on the shift's date, ``T`` is
``young_break_threshold_minutes`` (4 h 30) when shorter (YOUNG_WORKER).

Every length here is real elapsed time (Europe/London): ``L``, the break and
the stretches of work either side. So a break never falls in the hour the
clocks skip (it would last less than ``B``, or nothing) nor in the hour they
repeat (it would be taken twice); the message names the clock change.
"""

from __future__ import annotations

import datetime as dt

from roster.domain import break_threshold
from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY, ClockChange, clock_change
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration, span
from roster.validation.violation import Violation

RULE = RuleCode.BREAKS


def _check(ctx: Context, v: ShiftView) -> list[Violation]:
    rule = ctx.scenario.service.breaks
    who, when = v.employee_id, v.date
    sc = ctx.scenario
    wt = sc.service.working_time
    threshold = break_threshold(rule.threshold_minutes, wt, v.employee.date_of_birth, when)
    if v.length <= threshold:
        return []  # no break needed; one given is allowed (unpaid)
    if v.break_start is None or v.break_end is None:
        return [
            v.violation(
                RULE,
                measured=0,
                limit=rule.break_minutes,
                message=(
                    f"{who} works {duration(v.length)} on {when} with no break; a shift longer than "
                    f"{duration(threshold)} needs a {duration(rule.break_minutes)} break"
                ),
            )
        ]
    out: list[Violation] = []
    brk = span(v.break_start, v.break_end)
    before = v.real(v.break_start) - v.real_start
    after = v.real_end - v.real(v.break_end)
    if v.break_minutes != rule.break_minutes:
        change = _changed(v)
        why = "" if change is None else f" ({change.what}: a break is never taken in that hour)"
        out.append(
            v.violation(
                RULE,
                time=brk,
                measured=v.break_minutes,
                limit=rule.break_minutes,
                message=(
                    f"{who}'s break on {when} ({brk}) lasts {duration(v.break_minutes)}; "
                    f"the break is {duration(rule.break_minutes)}{why}"
                ),
            )
        )
    if before < rule.min_work_before:
        out.append(
            v.violation(
                RULE,
                time=brk,
                measured=before,
                limit=rule.min_work_before,
                message=(
                    f"{who}'s break on {when} ({brk}) starts {duration(before)} into the shift "
                    f"{v.label}; it must start at least {duration(rule.min_work_before)} after the start"
                ),
            )
        )
    if after < rule.min_work_after:
        out.append(
            v.violation(
                RULE,
                time=brk,
                measured=after,
                limit=rule.min_work_after,
                message=(
                    f"{who}'s break on {when} ({brk}) ends {duration(after)} before the end of the "
                    f"shift {v.label}; it must end at least {duration(rule.min_work_after)} before"
                ),
            )
        )
    for stretch, where in ((before, "before"), (after, "after")):
        if stretch > rule.max_continuous_work:
            out.append(
                v.violation(
                    RULE,
                    time=brk,
                    measured=stretch,
                    limit=rule.max_continuous_work,
                    message=(
                        f"{who} works {duration(stretch)} without a break {where} the break on {when} "
                        f"({v.label}); at most {duration(rule.max_continuous_work)} in a row"
                    ),
                )
            )
    return out


def _changed(v: ShiftView) -> ClockChange | None:
    """The clock change whose hour the break of ``v`` touches, if any."""
    assert v.break_start is not None and v.break_end is not None
    for k in range(v.break_start // MINUTES_PER_DAY, (v.break_end - 1) // MINUTES_PER_DAY + 1):
        c = clock_change(v.date + dt.timedelta(days=k))
        shift = MINUTES_PER_DAY * k
        if c is not None and c.start + shift < v.break_end and v.break_start < c.end + shift:
            return c
    return None


def check_breaks(ctx: Context) -> list[Violation]:
    return [x for v in ctx.shifts for x in _check(ctx, v)]
