"""SUPERVISION and LONE_WORKING (hard): safety rules a service declares (POLICY.md section 5).

SUPERVISION (``safety.supervision``): a person holding the trainee skill, or
under 18 on the shift's date, is never on duty (on shift, not on break) in a
slot without someone else holding the supervisor skill on duty. One
violation per shift: ``measured`` = real minutes unsupervised, ``limit`` = 0.

LONE_WORKING (``safety.min_on_site = N > 1``): in every slot in which anyone
is on shift (a break is still on site), at least ``N`` people are. One
violation per date and run of such slots: ``measured`` = the fewest on site,
``limit`` = ``N``.

A slot of the hour the clocks skip does not exist, so neither rule looks at it
(a trainee starting at 01:00 and a supervisor at 02:00 that night start at the
same moment).
"""

from __future__ import annotations

import datetime as dt

from roster.domain import is_young
from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY
from roster.validation.context import Context
from roster.validation.text import duration, span
from roster.validation.violation import Violation

SUPERVISION = RuleCode.SUPERVISION
LONE_WORKING = RuleCode.LONE_WORKING


def check_supervision(ctx: Context) -> list[Violation]:
    rules = ctx.scenario.service.safety
    if not rules.supervision:
        return []
    g = ctx.scenario.service.slot_minutes
    supervisors = [v for v in ctx.shifts if rules.supervisor_skill in v.employee.skills]
    out: list[Violation] = []
    for v in ctx.shifts:
        emp = v.employee
        trainee = rules.trainee_skill in emp.skills
        if not trainee and not is_young(emp.date_of_birth, v.date):
            continue
        alone = 0
        for t in range(v.abs_start, v.abs_end, g):
            if not v.works(t, t + g):
                continue  # on break
            if not any(
                s.employee_id != v.employee_id
                and s.abs_start <= t
                and t + g <= s.abs_end
                and s.works(t, t + g)
                for s in supervisors
            ):
                alone += ctx.real_length(t, t + g)
        if alone:
            who = "a trainee" if trainee else "under 18"
            out.append(
                v.violation(
                    SUPERVISION,
                    measured=alone,
                    limit=0,
                    message=(
                        f"{v.employee_id} ({who}) is on duty {duration(alone)} of the {v.label} shift on "
                        f"{v.date} with no {rules.supervisor_skill} on duty"
                    ),
                )
            )
    return out


def check_lone_working(ctx: Context) -> list[Violation]:
    n = ctx.scenario.service.safety.min_on_site
    if n <= 1:
        return []
    g = ctx.scenario.service.slot_minutes
    count: dict[int, int] = {}
    for v in ctx.shifts:
        for t in range(v.abs_start, v.abs_end, g):
            count[t] = count.get(t, 0) + 1
    out: list[Violation] = []
    short = sorted(t for t, c in count.items() if c < n and ctx.real_length(t, t + g) > 0)
    runs: list[list[int]] = []
    for t in short:
        if runs and t == runs[-1][-1] + g and t // MINUTES_PER_DAY == runs[-1][0] // MINUTES_PER_DAY:
            runs[-1].append(t)
        else:
            runs.append([t])
    first = ctx.scenario.service.start_date
    for run in runs:
        # minutes of the roster's last night run past its last date: date them by the clock
        day = first + dt.timedelta(days=run[0] // MINUTES_PER_DAY)
        lo, hi = run[0] % MINUTES_PER_DAY, run[-1] % MINUTES_PER_DAY + g
        fewest = min(count[t] for t in run)
        out.append(
            Violation(
                rule=LONE_WORKING,
                hard=True,
                date=day,
                time=span(lo, hi),
                measured=fewest,
                limit=n,
                message=(
                    f"{day} {span(lo, hi)}: {fewest} person(s) on site; whenever anyone works, "
                    f"at least {n} must be"
                ),
            )
        )
    return out
