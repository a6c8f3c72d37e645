"""REST_DAILY and REST_WEEKLY (hard): rest between shifts and in every week (POLICY.md section 4).

REST_DAILY (docs/rules.md):

For each person, shifts in order of start (and the last shift before the
roster, from ``history.csv``): the gap from one shift's end to the next
shift's start is at least ``daily_rest_minutes`` (11 h), or
``young_daily_rest_minutes`` (12 h) when the person is under 18 on either
date. A violation is dated on the later shift, ``measured`` = the gap in
minutes, ``limit`` = the rest required.

Rest is real elapsed time (Europe/London): a gap across the night the clocks
go forward is an hour shorter than the clock times say, one across the night
they go back an hour longer; REST_WEEKLY's weeks run from Monday 00:00 to
Monday 00:00 as the clocks read, and their rests are measured the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from roster.domain import is_young, weekly_rest_periods
from roster.domain.rules import RuleCode
from roster.timegrid import minute_of_day, real_minute
from roster.validation.context import Context
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.REST_DAILY


def real_moment(first: date, moment: datetime) -> int:
    """Real minutes from 00:00 on ``first`` to the wall-clock ``moment`` (history's last shift end)."""
    return real_minute(first, moment.date(), minute_of_day(moment.date(), moment))


def check_daily_rest(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    wt = sc.service.working_time
    out: list[Violation] = []
    for emp in sc.employees:
        views = sorted(ctx.of(emp.id), key=lambda v: v.abs_start)
        last = sc.last_shift_end(emp.id)
        prev_end = real_moment(sc.service.start_date, last) if last is not None else None
        prev_date = last.date() if last is not None else None
        for v in views:
            if prev_end is not None and prev_date is not None:
                young = is_young(emp.date_of_birth, prev_date) or is_young(emp.date_of_birth, v.date)
                rest = wt.young_daily_rest_minutes if young else wt.daily_rest_minutes
                gap = v.real_start - prev_end
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
            if prev_end is None or v.real_end > prev_end:
                prev_end, prev_date = v.real_end, v.date
    return out


WEEKLY = RuleCode.REST_WEEKLY


def free_gaps(busy: list[tuple[int, int]], lo: int, hi: int) -> list[int]:
    """Lengths of the free stretches of ``[lo, hi)`` outside the ``busy`` intervals."""
    gaps: list[int] = []
    t = lo
    for s, e in sorted(busy):
        if e <= t:
            continue
        if s >= hi:
            break
        if s > t:
            gaps.append(s - t)
        t = max(t, e)
    if t < hi:
        gaps.append(hi - t)
    return gaps


def _meets(gaps_longest_first: list[int], option: list[int]) -> bool:
    """Separate rests of each length in ``option``: the longest gaps, matched longest first."""
    wanted = sorted(option, reverse=True)
    return len(gaps_longest_first) >= len(wanted) and all(
        g >= r for g, r in zip(gaps_longest_first, wanted, strict=False)
    )


def check_weekly_rest(ctx: Context) -> list[Violation]:
    """REST_WEEKLY (hard): each period (see ``weekly_rest_periods``) holds its rest.

    One violation per period that meets none of its options, dated on the
    period's Monday: ``measured`` = the longest uninterrupted rest in it (minutes),
    ``limit`` = the longest rest one option asks for.
    """
    sc = ctx.scenario
    svc = sc.service
    wt = svc.working_time
    first = svc.start_date
    out: list[Violation] = []
    for emp in sc.employees:
        busy = [(v.real_start, v.real_end) for v in ctx.of(emp.id)]
        last = sc.last_shift_end(emp.id)
        if last is not None:
            busy.append((-(10**9), real_moment(first, last)))
        young = [
            any(is_young(emp.date_of_birth, day) for day in svc.days[7 * k : 7 * k + 7])
            for k in range(svc.weeks)
        ]
        for k0, n, options in weekly_rest_periods(wt, svc.weeks, young):
            lo = real_minute(first, first + timedelta(days=7 * k0), 0)
            hi = real_minute(first, first + timedelta(days=7 * (k0 + n)), 0)
            gaps = sorted(free_gaps(busy, lo, hi), reverse=True)
            if any(_meets(gaps, opt) for opt in options):
                continue
            monday = svc.start_date + timedelta(days=7 * k0)
            longest = gaps[0] if gaps else 0
            need = max(max(opt) for opt in options)
            span_text = "week" if n == 1 else f"{n} weeks"
            wanted = " or ".join(" and ".join(duration(r) for r in opt) for opt in options)
            out.append(
                Violation(
                    rule=WEEKLY,
                    hard=True,
                    employee_id=emp.id,
                    date=monday,
                    measured=longest,
                    limit=need,
                    message=(
                        f"{emp.id}'s longest uninterrupted rest in the {span_text} from {monday} is "
                        f"{duration(longest)}; the rule asks for {wanted} of rest"
                    ),
                )
            )
    return out
