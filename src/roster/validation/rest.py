"""REST_DAILY (hard): consecutive rest between shifts (POLICY.md section 4; docs/rules.md).

For each person, shifts in order of start (and the last shift before the
roster, from ``history.csv``): the gap from one shift's end to the next
shift's start is at least ``daily_rest_minutes`` (11 h), or
``young_daily_rest_minutes`` (12 h) when the person is under 18 on either
date. A violation is dated on the later shift, ``measured`` = the gap in
minutes, ``limit`` = the rest required.
"""

from __future__ import annotations

from roster.domain import is_young
from roster.timegrid import roster_minute
from roster.validation.context import Context
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = "REST_DAILY"


def check_daily_rest(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    wt = sc.service.working_time
    out: list[Violation] = []
    for emp in sc.employees:
        views = sorted(ctx.of(emp.id), key=lambda v: v.abs_start)
        last = sc.last_shift_end(emp.id)
        prev_end = roster_minute(sc.service.start_date, last) if last is not None else None
        prev_date = last.date() if last is not None else None
        for v in views:
            if prev_end is not None and prev_date is not None:
                young = is_young(emp.date_of_birth, prev_date) or is_young(emp.date_of_birth, v.date)
                rest = wt.young_daily_rest_minutes if young else wt.daily_rest_minutes
                gap = v.abs_start - prev_end
                if gap < rest:
                    who = " (under 18)" if young else ""
                    out.append(
                        v.violation(
                            RULE,
                            measured=gap,
                            limit=rest,
                            message=(
                                f"{emp.id}{who} has {duration(max(gap, 0))} rest before the {v.label} shift "
                                f"on {v.date}; at least {duration(rest)} is required between shifts"
                            ),
                        )
                    )
            if prev_end is None or v.abs_end > prev_end:
                prev_end, prev_date = v.abs_end, v.date
    return out
