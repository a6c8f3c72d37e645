"""WTR_AVERAGE (hard): the 48-hour average week (POLICY.md section 4; docs/rules.md).

For each reference period of ``reference_weeks`` (17) weeks that ends on a
roster date (every date when rolling; period ends from ``reference_anchor``
when fixed), with ``C`` its weeks:

* ``A`` = paid minutes worked in the period: history rows before the roster
  (a date with no history row is assumed worked at weekly contract / 7, and
  the figure marked provisional), roster shifts on its roster dates;
* ``X`` = excluded days in it: history absences and whole-day roster leave of
  an excluded type (annual leave, sick, maternity, paternity, adoption,
  parental);
* ``B`` = paid minutes of the first ``X`` working days (dates with a shift)
  after the period: roster shifts, then, past the roster's end, contracted
  daily minutes each, the figure marked provisional.

``(A + B) / C <= average_max_weekly_minutes`` (48 h), unless an adult's
opt-out is in force on the period's last date. One violation per period:
``measured`` = the average in minutes per week (rounded up, so a breach by a fraction of a
minute still reads above the limit), ``limit`` = 48 h.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from roster.domain import EXCLUDED_ABSENCES, Employee, Roster, Scenario, prior_day, reference_ends
from roster.domain.rules import RuleCode
from roster.validation.context import Context, build_context
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.WTR_AVERAGE


@dataclass(frozen=True)
class AverageWindow:
    """One reference period of one person, with the figures of (A + B) / C."""

    employee_id: str
    start: dt.date
    end: dt.date
    weeks: int
    worked: int
    """A, minutes."""
    excluded_days: int
    """X."""
    after: int
    """B, minutes."""
    assumed_days: int
    """History dates with no row, assumed at weekly contract / 7."""
    beyond_days: int
    """Of the X days after the period, those past the roster's end, at contracted daily minutes."""
    opted_out: bool
    limit: int
    """Minutes per week (48 h)."""

    @property
    def total(self) -> int:
        return self.worked + self.after

    @property
    def average(self) -> float:
        """Minutes per week."""
        return self.total / self.weeks

    @property
    def provisional(self) -> bool:
        return self.assumed_days > 0 or self.beyond_days > 0

    @property
    def headroom(self) -> int:
        """Minutes that may still be worked in the period (negative: over by that much)."""
        return self.limit * self.weeks - self.total


def _day_figures(sc: Scenario, emp: Employee, ctx: Context) -> tuple[dict[dt.date, int], set[dt.date]]:
    """Paid minutes per roster date, and the roster dates of whole-day excluded leave."""
    worked: dict[dt.date, int] = {}
    for v in ctx.of(emp.id):
        worked[v.date] = worked.get(v.date, 0) + v.paid
    excluded = {
        day
        for lv in sc.leave
        if lv.employee_id == emp.id and lv.whole_day and lv.type in EXCLUDED_ABSENCES
        for day in lv.dates()
    }
    return worked, excluded


def average_windows(scenario: Scenario, roster: Roster) -> list[AverageWindow]:
    """Every WTR_AVERAGE reference period of every person, in employee then date order."""
    return _windows(build_context(scenario, roster))


def _windows(ctx: Context) -> list[AverageWindow]:
    sc = ctx.scenario
    svc = sc.service
    wt = svc.working_time
    days = svc.days
    first = days[0]
    length = 7 * wt.reference_weeks
    out: list[AverageWindow] = []
    ends = reference_ends(wt, days)
    if not ends:
        return out
    span_start = min(ends) - dt.timedelta(days=length - 1)
    span = (max(ends) - span_start).days + 1
    for emp in sc.employees:
        history = {h.date: h for h in sc.history if h.employee_id == emp.id}
        worked, excluded = _day_figures(sc, emp, ctx)
        # running totals over every date any reference period holds: each period is a difference
        sums = [(0, 0, 0)]
        for n in range(span):
            day = span_start + dt.timedelta(days=n)
            if day < first:
                minutes, excluded_day, guessed = prior_day(history, emp.weekly_minutes, day)
            else:
                minutes, excluded_day, guessed = worked.get(day, 0), day in excluded, False
            a0, x0, g0 = sums[-1]
            sums.append((a0 + minutes, x0 + excluded_day, g0 + guessed))
        for end in ends:
            start = end - dt.timedelta(days=length - 1)
            lo, hi = sums[(start - span_start).days], sums[(end - span_start).days + 1]
            a, x, assumed = hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]
            b = 0
            left = x
            for later in days:
                if left == 0:
                    break
                if later > end and later in worked:
                    b += worked[later]
                    left -= 1
            b += left * emp.daily_minutes
            out.append(
                AverageWindow(
                    employee_id=emp.id,
                    start=start,
                    end=end,
                    weeks=wt.reference_weeks,
                    worked=a,
                    excluded_days=x,
                    after=b,
                    assumed_days=assumed,
                    beyond_days=left,
                    opted_out=sc.opted_out(emp.id, end),
                    limit=wt.average_max_weekly_minutes,
                )
            )
    return out


def check_average(ctx: Context) -> list[Violation]:
    out: list[Violation] = []
    for w in _windows(ctx):
        if w.opted_out or w.total <= w.limit * w.weeks:
            continue
        note = (
            " (provisional: "
            + ", ".join(
                part
                for part in (
                    f"{w.assumed_days} history date(s) assumed at contract / 7" if w.assumed_days else "",
                    f"{w.beyond_days} day(s) after the roster at contracted daily hours"
                    if w.beyond_days
                    else "",
                )
                if part
            )
            + ")"
            if w.provisional
            else ""
        )
        out.append(
            Violation(
                rule=RULE,
                hard=True,
                employee_id=w.employee_id,
                date=w.end,
                measured=math.ceil(w.average),
                limit=w.limit,
                message=(
                    f"{w.employee_id} averages {duration(math.ceil(w.average))} "
                    f"({math.ceil(w.average / 60 * 100) / 100:.2f} h) a week over the {w.weeks} weeks "
                    f"{w.start} to {w.end} ((A {duration(w.worked)} + B {duration(w.after)}) / {w.weeks}, "
                    f"{w.excluded_days} excluded day(s)); the limit is {duration(w.limit)}{note}"
                ),
            )
        )
    return out
