"""YOUNG_WORKER (hard): limits for a person under 18 on the date (POLICY.md section 4; docs/rules.md).

On each date a person is under 18 (from ``date_of_birth``):

* paid minutes ``<= young_max_daily_minutes`` (8 h): ``measured`` = paid, ``limit``;
* no work in 22:00-06:00 (``young_night``): ``measured`` = minutes on duty in
  that time, ``limit`` = 0;
* per Monday-to-Sunday week, paid minutes on the dates under 18
  ``<= young_max_weekly_minutes`` (40 h): one violation dated on the week's
  Monday, ``measured`` = the week's paid minutes.

Minutes are real elapsed time (Europe/London). The shorter break threshold
(4 h 30) is checked under BREAKS.
"""

from __future__ import annotations

from datetime import timedelta

from roster.domain import adult_from, is_young, young_night
from roster.domain.rules import RuleCode
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.YOUNG_WORKER


def check_young_worker(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    wt = sc.service.working_time
    night = young_night(wt)
    out: list[Violation] = []
    weeks: dict[tuple[str, int], list[ShiftView]] = {}
    for v in ctx.shifts:
        if not is_young(v.employee.date_of_birth, v.date):
            continue
        born = v.employee.date_of_birth
        assert born is not None  # is_young needs it
        who = f"{v.employee_id} (under 18 until {adult_from(born)})"
        weeks.setdefault((v.employee_id, v.day_index // 7), []).append(v)
        if v.paid > wt.young_max_daily_minutes:
            out.append(
                v.violation(
                    RULE,
                    measured=v.paid,
                    limit=wt.young_max_daily_minutes,
                    message=(
                        f"{who} works {duration(v.paid)} on {v.date}; "
                        f"at most {duration(wt.young_max_daily_minutes)} a day"
                    ),
                )
            )
        late = sum(
            v.real(min(v.end, hi)) - v.real(max(v.start, lo))
            for lo, hi in night
            if max(v.start, lo) < min(v.end, hi)
        )
        if late:
            out.append(
                v.violation(
                    RULE,
                    measured=late,
                    limit=0,
                    message=(
                        f"{who} works {duration(late)} of the {v.label} shift on {v.date} "
                        "between 22:00 and 06:00, when under-18s may not work"
                    ),
                )
            )
    for (emp_id, week), views in sorted(weeks.items()):
        born = views[0].employee.date_of_birth
        assert born is not None
        who = f"{emp_id} (under 18 until {adult_from(born)})"
        total = sum(v.paid for v in views)
        if total > wt.young_max_weekly_minutes:
            monday = sc.service.start_date + timedelta(days=7 * week)
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=emp_id,
                    date=monday,
                    measured=total,
                    limit=wt.young_max_weekly_minutes,
                    message=(
                        f"{who} works {duration(total)} in the week from {monday}; "
                        f"at most {duration(wt.young_max_weekly_minutes)} a week"
                    ),
                )
            )
    return out
