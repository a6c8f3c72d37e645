"""COVERAGE (soft): people on duty per slot against the staffing levels.

docs/rules.md, COVERAGE; POLICY.md section 1 ("minimum cover must be
achieved ... where it is not, the gap is reported, never hidden").

For each date ``d`` with opening times ``[o1, o2)`` (``service.opening_on``)
and each slot ``t = o1, o1 + g, .., o2 - g``, and each staffing requirement in
force (per skill ``k`` and for the whole team)::

    count_k(t) = people holding k (anyone, for the team) whose shift covers
                 [t, t + g) and who are not on break in it
    under = max(0, min - count)      over = max(0, count - max)
    cost  = cover_under x m x under + cover_over x m x over   (person-minutes)

with ``m`` the real minutes of the slot: ``g``, except at a clock change (below).

* Requirements in force on ``d``: for each skill (``None`` = whole team) the
  rows dated ``d`` if there are any, otherwise the rows of ``d``'s weekday; a
  date row replaces *all* the weekday rows of the same skill on that date.
* A row applies to slot ``t`` when ``row.start <= t`` and ``t + g <= row.end``
  and the slot lies in the opening times (rows are clipped to the opening).
* A shift covers ``[t, t + g)`` when ``start <= t`` and ``t + g <= end`` in
  absolute time: a shift of ``d - 1`` that runs past midnight covers early
  slots of ``d``. A person with two overlapping shifts is counted once.
* Every shift of a known person on a roster date counts, even one that breaks
  a hard rule: cover is measured on the roster as written.
* Clock changes: the measure is real person-minutes. A slot of the hour the
  clocks skip does not exist: nothing is required in it. A slot of the hour
  they repeat happens twice, with the same people on duty both times (no
  shift or break starts or ends inside that hour, TIME_GRID), so a shortfall
  or excess there lasts ``2 g`` minutes. ``CoverRow.minutes`` is the slot's
  real length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.domain import Penalty, Roster, Scenario, StaffingLevel
from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY, real_span, weekday_name
from roster.validation.context import Context, ShiftView, build_context
from roster.validation.text import span
from roster.validation.violation import Violation

RULE = RuleCode.COVERAGE


@dataclass(frozen=True)
class CoverRow:
    """Cover in one slot of one date for one requirement.

    ``start``/``end`` are minutes of ``date`` (``end - start`` is the slot
    length); ``skill`` ``None`` is the whole team. ``rostered`` counts people
    present and not on break. ``required_max`` ``None`` means no maximum.
    """

    date: dt.date
    start: int
    end: int
    skill: str | None
    required_min: int
    required_max: int | None
    rostered: int
    under: int
    over: int
    minutes: int
    """Real minutes the slot lasts: ``end - start``, but 0 in an hour the clocks skip and twice
    that in one they repeat (the slot happens twice); a shortfall costs per real minute."""

    @property
    def time(self) -> str:
        return span(self.start, self.end)


def requirements_on(scenario: Scenario, day: dt.date) -> dict[str | None, list[StaffingLevel]]:
    """The staffing rows in force on ``day``, by skill (``None`` = whole team).

    Date rows of a skill replace that skill's weekday rows on the date.
    """
    weekday = weekday_name(day)
    dated: dict[str | None, list[StaffingLevel]] = {}
    weekly: dict[str | None, list[StaffingLevel]] = {}
    for row in scenario.staffing:
        if row.date == day:
            dated.setdefault(row.skill, []).append(row)
        elif row.day == weekday:
            weekly.setdefault(row.skill, []).append(row)
    out = dict(weekly)
    out.update(dated)
    return out


def _present(shifts: Sequence[ShiftView], abs_from: int, abs_to: int) -> set[str]:
    return {v.employee_id for v in shifts if v.works(abs_from, abs_to)}


def cover_rows(ctx: Context) -> list[CoverRow]:
    """Cover per date, slot and requirement (see :func:`cover_table`)."""
    sc = ctx.scenario
    svc = sc.service
    g = svc.slot_minutes
    skills_of = {e.id: set(e.skills) for e in sc.employees}
    rows: list[CoverRow] = []
    for index, day in enumerate(svc.days):
        opening = svc.opening_on(day)
        if opening is None:
            continue
        offset = index * MINUTES_PER_DAY
        # Only shifts that touch the opening window of this date can count.
        near = [
            v for v in ctx.shifts if v.abs_start < offset + opening.end and offset + opening.start < v.abs_end
        ]
        required = requirements_on(sc, day)
        keys: list[str | None] = [None, *sorted(k for k in required if k is not None)]
        t = opening.start
        while t + g <= opening.end:
            present = _present(near, offset + t, offset + t + g)
            real = real_span(day, t, t + g)
            for key in keys:
                level = next((r for r in required.get(key, []) if r.start <= t and t + g <= r.end), None)
                if real == 0:
                    level = None  # the slot does not exist (the clocks skip it): nothing is required

                if level is None and key is not None:
                    continue
                count = len(present) if key is None else sum(1 for p in present if key in skills_of[p])
                lo = level.min if level is not None else 0
                hi = level.max if level is not None else None
                rows.append(
                    CoverRow(
                        date=day,
                        start=t,
                        end=t + g,
                        skill=key,
                        required_min=lo,
                        required_max=hi,
                        rostered=count,
                        under=max(0, lo - count),
                        over=0 if hi is None else max(0, count - hi),
                        minutes=real,
                    )
                )
            t += g
    return rows


def cover_table(scenario: Scenario, roster: Roster) -> list[CoverRow]:
    """Cover of ``roster`` in every slot of the opening times, per requirement.

    One row per date, slot and skill with a staffing requirement in force, and
    always one whole-team row (``skill=None``) per slot of the opening times,
    with ``required_min=0`` and ``required_max=None`` where no team level is set,
    so that plots show the team's cover over the whole opening day. Rows are in
    date and slot order, the team row first.
    """
    return cover_rows(build_context(scenario, roster))


def _who(skill: str | None) -> str:
    return "people" if skill is None else f"people with skill {skill}"


def check_coverage(ctx: Context) -> tuple[list[Violation], list[Penalty]]:
    """One soft violation and one penalty per date, slot and requirement that is under or over."""
    weights = ctx.scenario.weights
    g = ctx.scenario.service.slot_minutes
    violations: list[Violation] = []
    penalties: list[Penalty] = []
    for row in cover_rows(ctx):
        group = "team" if row.skill is None else row.skill
        twice = " (the clocks go back: this slot happens twice)" if row.minutes > g else ""
        if row.under:
            violations.append(
                Violation(
                    rule=RULE,
                    hard=False,
                    date=row.date,
                    time=row.time,
                    measured=row.rostered,
                    limit=row.required_min,
                    message=(
                        f"{row.date} {row.time}: {row.rostered} {_who(row.skill)} on duty; "
                        f"the minimum is {row.required_min} ({row.under} short){twice}"
                    ),
                )
            )
            penalties.append(
                Penalty(
                    rule=RULE,
                    date=row.date,
                    detail=f"{row.time} {group} under by {row.under}",
                    measure=row.under * row.minutes,
                    weight=weights.cover_under,
                )
            )
        if row.over:
            violations.append(
                Violation(
                    rule=RULE,
                    hard=False,
                    date=row.date,
                    time=row.time,
                    measured=row.rostered,
                    limit=row.required_max,
                    message=(
                        f"{row.date} {row.time}: {row.rostered} {_who(row.skill)} on duty; "
                        f"the maximum is {row.required_max} ({row.over} over){twice}"
                    ),
                )
            )
            penalties.append(
                Penalty(
                    rule=RULE,
                    date=row.date,
                    detail=f"{row.time} {group} over by {row.over}",
                    measure=row.over * row.minutes,
                    weight=weights.cover_over,
                )
            )
    return violations, [p for p in penalties if p.cost]
