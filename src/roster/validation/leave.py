"""LEAVE (hard): nobody is rostered while on leave (docs/rules.md).

* Whole-day leave: no shift *dated* on a leave date (``measured`` = the
  shift's length, ``limit`` = 0). A shift dated the day before that runs past
  midnight into the leave date belongs to the day before and is not a
  violation: the leave is of the date, as a council would book it.
* Part-day leave ``[start, end)`` on date ``d``: no shift may overlap it, break
  included (the break lies inside the shift, when the person is at work);
  compared in absolute time, so a shift of ``d - 1`` running past midnight is
  checked too. ``measured`` = minutes of overlap, ``limit`` = 0.

Every leave type counts, credited or not (``unpaid`` and ``banked_time`` too).

* Term-time-only staff: no shift dated on a school-holiday date of the service
  (``measured`` = the shift's length, ``limit`` = 0).
"""

from __future__ import annotations

from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY
from roster.validation.context import Context
from roster.validation.text import duration, span
from roster.validation.violation import Violation

RULE = RuleCode.LEAVE


def _kind(leave_type: str) -> str:
    return leave_type.replace("_", " ")


def check_leave(ctx: Context) -> list[Violation]:
    svc = ctx.scenario.service
    first = svc.start_date
    out: list[Violation] = []
    for v in ctx.shifts:
        if v.employee.term_time_only and any(h.start <= v.date <= h.end for h in svc.school_holidays):
            out.append(
                v.violation(
                    RULE,
                    measured=v.length,
                    limit=0,
                    message=f"{v.employee_id} works term time only; {v.date} is a school holiday",
                )
            )
    for lv in ctx.scenario.leave:
        mine = ctx.of(lv.employee_id)
        if lv.whole_day:
            dates = set(lv.dates())
            for v in mine:
                if v.date in dates:
                    out.append(
                        v.violation(
                            RULE,
                            measured=v.length,
                            limit=0,
                            message=(
                                f"{v.employee_id} is rostered {v.label} on {v.date}, "
                                f"a day of {_kind(lv.type)}"
                            ),
                        )
                    )
            continue
        assert lv.start is not None and lv.end is not None
        offset = (lv.start_date - first).days * MINUTES_PER_DAY
        a, b = offset + lv.start, offset + lv.end
        for v in mine:
            lo, hi = max(a, v.abs_start), min(b, v.abs_end)
            if hi <= lo:
                continue
            out.append(
                v.violation(
                    RULE,
                    time=span(lo - v.offset, hi - v.offset),
                    measured=hi - lo,
                    limit=0,
                    message=(
                        f"{v.employee_id}'s shift {v.label} on {v.date} overlaps "
                        f"{_kind(lv.type)} {span(lv.start, lv.end)} on {lv.start_date} "
                        f"by {duration(hi - lo)}"
                    ),
                )
            )
    return out
