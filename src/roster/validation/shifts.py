"""ONE_SHIFT, BANDWIDTH and SHIFT_LENGTH (hard): the shape of each shift.

* ONE_SHIFT (docs/rules.md): at most one shift per person per date
  (``measured`` = shifts on the date, ``limit`` = 1), and a person's shifts
  never overlap: two shifts of different dates that overlap in time (a late
  shift running past midnight into the next day's shift) give one violation on
  the later date with ``measured`` = minutes of overlap, ``limit`` = 0.
* BANDWIDTH (POLICY.md section 2): the shift lies inside the bandwidth of its
  date (``service.bandwidth_on``), times of day measured from 00:00 on the
  shift's date. An early start gives ``measured`` = start, ``limit`` =
  earliest start; a late finish ``measured`` = end, ``limit`` = latest finish
  (minutes of day). A shift on a closed date or a date without bandwidth gives
  ``measured`` = its length, ``limit`` = 0.
* SHIFT_LENGTH (POLICY.md section 2): ``min <= end - start <= max`` (break
  included), the person's override or else the service's (4 h..10 h).
"""

from __future__ import annotations

from itertools import combinations

from roster.domain.rules import RuleCode
from roster.timegrid import format_clock
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration, span
from roster.validation.violation import Violation

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check_one_shift(ctx: Context) -> list[Violation]:
    out: list[Violation] = []
    by_person: dict[str, list[ShiftView]] = {}
    for v in ctx.shifts:
        by_person.setdefault(v.employee_id, []).append(v)
    for emp_id, views in by_person.items():
        by_date: dict[object, list[ShiftView]] = {}
        for v in views:
            by_date.setdefault(v.date, []).append(v)
        for same in by_date.values():
            if len(same) > 1:
                first = same[0]
                times = ", ".join(s.label for s in same)
                out.append(
                    Violation(
                        rule=RuleCode.ONE_SHIFT,
                        hard=True,
                        employee_id=emp_id,
                        date=first.date,
                        time=times,
                        measured=len(same),
                        limit=1,
                        message=(
                            f"{emp_id} has {len(same)} shifts on {first.date} ({times}); "
                            "a person works at most one shift a date"
                        ),
                    )
                )
        for a, b in combinations(views, 2):
            if a.date == b.date:
                continue
            overlap = min(a.abs_end, b.abs_end) - max(a.abs_start, b.abs_start)
            if overlap <= 0:
                continue
            later = b if b.abs_start >= a.abs_start else a
            earlier = a if later is b else b
            out.append(
                Violation(
                    rule=RuleCode.ONE_SHIFT,
                    hard=True,
                    employee_id=emp_id,
                    date=later.date,
                    time=later.label,
                    measured=overlap,
                    limit=0,
                    message=(
                        f"{emp_id}'s shift on {later.date} ({later.label}) overlaps the shift of "
                        f"{earlier.date} ({earlier.label}) by {duration(overlap)}"
                    ),
                )
            )
    return out


def check_bandwidth(ctx: Context) -> list[Violation]:
    svc = ctx.scenario.service
    out: list[Violation] = []
    for v in ctx.shifts:
        band = svc.bandwidth_on(v.date)
        if band is None:
            exc = svc.exception_on(v.date)
            if exc is not None and exc.closed:
                why = f"the service is closed on {v.date}" + (f" ({exc.reason})" if exc.reason else "")
            else:
                why = f"no work is rostered on {_DAY_NAMES[v.date.weekday()]}s"
            out.append(
                v.violation(
                    RuleCode.BANDWIDTH,
                    measured=v.length,
                    limit=0,
                    message=f"{v.employee_id} is rostered {v.label} on {v.date}, but {why}",
                )
            )
            continue
        if v.start < band.start:
            out.append(
                v.violation(
                    RuleCode.BANDWIDTH,
                    time=span(v.start, band.start),
                    measured=v.start,
                    limit=band.start,
                    message=(
                        f"{v.employee_id} starts at {format_clock(v.start)} on {v.date}; "
                        f"the earliest start is {format_clock(band.start)}"
                    ),
                )
            )
        if v.end > band.end:
            out.append(
                v.violation(
                    RuleCode.BANDWIDTH,
                    time=span(band.end, v.end),
                    measured=v.end,
                    limit=band.end,
                    message=(
                        f"{v.employee_id} finishes at {format_clock(v.end)} on {v.date}; "
                        f"the latest finish is {format_clock(band.end)}"
                    ),
                )
            )
    return out


def shift_bounds(ctx: Context, v: ShiftView) -> tuple[int, int]:
    """The person's (min, max) shift length in minutes: their override or the service's."""
    return v.employee.shift_bounds(ctx.scenario.service.shift_length)


def check_shift_length(ctx: Context) -> list[Violation]:
    out: list[Violation] = []
    for v in ctx.shifts:
        lo, hi = shift_bounds(ctx, v)
        if lo <= v.length <= hi:
            continue
        limit, word = (lo, "shortest") if v.length < lo else (hi, "longest")
        out.append(
            Violation(
                rule=RuleCode.SHIFT_LENGTH,
                hard=True,
                employee_id=v.employee_id,
                date=v.date,
                time=v.label,
                measured=v.length,
                limit=limit,
                message=(
                    f"{v.employee_id} works {duration(v.length)} on {v.date}; "
                    f"the {word} shift allowed is {duration(limit)}"
                ),
            )
        )
    return out
