"""Readable ids outside, indices inside: the model's view of a scenario.

Everything here is plain integer arithmetic on the scenario (no ortools): the
window of minutes each person may work on each date, the shift lengths in
slots, and the staffing requirement in force in every slot of the Core Service
Opening Times. Times are minutes of day (a window may pass 24:00, which is how
shifts crossing midnight fit the same engine); ``abs_minute`` is
``day_index * 1440 + minute_of_day``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from roster.domain import (
    ContractTarget,
    Employee,
    FixedShift,
    Scenario,
    ShiftCover,
    ShiftType,
    availability,
    break_threshold,
    contract_target,
)
from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY, changed_hour_at, real_span, weekday_name


@dataclass(frozen=True)
class DayWindow:
    """Where person ``e`` may work on date ``d``: slots ``0..n-1`` from ``start``."""

    employee: int
    day: int
    date: date
    start: int
    n_slots: int
    blocked: frozenset[int] = frozenset()
    fixed: FixedShift | None = None
    types: tuple[ShiftType, ...] | None = None
    """SHIFT_TYPES: the shift types this person may work on this date (``None``: free times)."""
    closed: str | None = None
    """BANDWIDTH when the date has no bandwidth: only an owed fixed shift on such a date
    has a window, and that rule forbids working it."""

    def minute(self, boundary: int, slot_minutes: int) -> int:
        """Minute of day of slot boundary ``boundary`` (0..n)."""
        return self.start + boundary * slot_minutes


@dataclass(frozen=True)
class CoverRequirement:
    """Min/max people present in one slot, for one skill (``None``: whole team).

    Clock changes: a slot of the hour the clocks skip has no requirement (it does
    not exist); a slot of the hour they repeat has two, the second with ``again``
    (it happens twice, with the same people on duty both times), so both engines
    count a shortfall there for the ``2 g`` real minutes it lasts.
    """

    date: date
    day: int
    minute: int
    skill: str | None
    min: int
    max: int | None
    again: bool = False


@dataclass
class ModelIndex:
    scenario: Scenario
    slot: int
    employees: list[Employee]
    days: list[date]
    windows: dict[tuple[int, int], DayWindow] = field(default_factory=dict)
    targets: dict[int, ContractTarget] = field(default_factory=dict)
    cover: list[CoverRequirement] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)
    """Derived tables computed once per index by the formulations (e.g. SHIFT_COVER's lines)."""

    @classmethod
    def build(cls, scenario: Scenario) -> ModelIndex:
        svc = scenario.service
        idx = cls(scenario, svc.slot_minutes, list(scenario.employees), svc.days)
        fixed = {(f.employee_id, f.date): f for f in scenario.timetable()}
        for e, emp in enumerate(idx.employees):
            idx.targets[e] = contract_target(scenario, emp)
            for d, day in enumerate(idx.days):
                avail = availability(scenario, emp, day)
                fx = fixed.get((emp.id, day))
                if emp.pattern == "fixed" and fx is None:
                    continue
                if scenario.is_day_off(emp.id, day):
                    continue  # SHIFT_TYPES: a fixed day off (no fixed shift falls on one)
                if avail.window is None:
                    # A fixed shift on a closed date, on leave or in a term-time person's school
                    # holiday is not owed (docs/rules.md, FIXED_PATTERN). One on an open date
                    # without bandwidth is: keep a window around it, closed by BANDWIDTH, so
                    # the conflict in the data is diagnosed.
                    if fx is not None and svc.bandwidth_on(day) is None and not svc.is_closed(day):
                        idx.windows[(e, d)] = DayWindow(
                            e,
                            d,
                            day,
                            fx.start,
                            (fx.end - fx.start) // idx.slot,
                            fixed=fx,
                            closed=RuleCode.BANDWIDTH,
                        )
                    continue
                ws, we = avail.window
                blocked = frozenset(
                    i
                    for i in range((we - ws) // idx.slot)
                    for bs, be in avail.blocked
                    if ws + i * idx.slot < be and bs < ws + (i + 1) * idx.slot
                )
                w: DayWindow | None = DayWindow(e, d, day, ws, (we - ws) // idx.slot, blocked, fx)
                if svc.shift_types and emp.pattern == "self":
                    assert w is not None
                    w = idx._typed(w)
                if w is not None:
                    idx.windows[(e, d)] = w
        idx.cover = _cover_requirements(scenario)
        return idx

    def _typed(self, w: DayWindow) -> DayWindow | None:
        """The window cut to the hull of the shift types that fit it (None when none fits).

        A type fits when it lies inside the date's bandwidth, clear of part-day
        leave, its real length is within the person's shift bounds, and it neither
        starts nor ends inside an hour the clocks skip or repeat that date.
        """
        lo, hi = self.shift_bounds(w.employee)
        g = self.slot
        end = w.minute(w.n_slots, g)
        fits = tuple(
            t
            for t in self.scenario.service.shift_types
            if w.start <= t.start
            and t.end <= end
            and lo <= real_span(w.date, t.start, t.end) <= hi
            and changed_hour_at(w.date, t.start) is None
            and changed_hour_at(w.date, t.end) is None
            and not any(w.minute(k, g) < t.end and t.start < w.minute(k + 1, g) for k in w.blocked)
        )
        if not fits:
            return None
        start = min(t.start for t in fits)
        n = (max(t.end for t in fits) - start) // self.slot
        shift = (start - w.start) // self.slot
        blocked = frozenset(k - shift for k in w.blocked if 0 <= k - shift < n)
        return DayWindow(w.employee, w.day, w.date, start, n, blocked, w.fixed, fits, w.closed)

    def shift_bounds(self, e: int) -> tuple[int, int]:
        """(min, max) shift length in minutes, break included."""
        emp = self.employees[e]
        sl = self.scenario.service.shift_length
        return (emp.min_shift_minutes or sl.min_minutes, emp.max_shift_minutes or sl.max_minutes)

    def abs_minute(self, day: int, minute_of_day: int) -> int:
        return day * MINUTES_PER_DAY + minute_of_day


def _cover_requirements(scenario: Scenario) -> list[CoverRequirement]:
    """Resolve staffing levels to one requirement per slot and skill.

    A date row replaces the weekday rows of the same skill on that date; rows
    are clipped to the date's Core Service Opening Times. A slot is required once per
    time it happens (:class:`CoverRequirement`).
    """
    svc = scenario.service
    g = svc.slot_minutes
    out: list[CoverRequirement] = []
    for d, day in enumerate(svc.days):
        opening = svc.opening_on(day)
        if opening is None:
            continue
        iso = day.isoformat()
        dated_skills = {lvl.skill for lvl in scenario.staffing if lvl.day == iso}
        rows = [
            lvl
            for lvl in scenario.staffing
            if lvl.day == iso or (lvl.day == weekday_name(day) and lvl.skill not in dated_skills)
        ]
        for lvl in rows:
            lo = max(lvl.start, opening.start)
            hi = min(lvl.end, opening.end)
            for t in range(lo - lo % g, hi, g):
                if t < lo:
                    continue
                for again in range(real_span(day, t, t + g) // g):  # 0, 1 or 2 times
                    out.append(CoverRequirement(day, d, t, lvl.skill, lvl.min, lvl.max, again > 0))
    return out


@dataclass(frozen=True)
class BreakShape:
    """A person's break on one date, in slots: BREAKS (docs/rules.md).

    ``threshold``: the longest shift without a break; ``slots``: the break's
    length; ``before``/``after``: the work before and after it.
    """

    threshold: int
    slots: int
    before: int
    after: int


@dataclass(frozen=True)
class BreakLimits:
    """BREAKS in real minutes (docs/rules.md): the work before a break and after it, at least, and
    either side, at most."""

    before: int
    after: int
    most: int

    @classmethod
    def of(cls, scenario: Scenario) -> BreakLimits:
        rule = scenario.service.breaks
        return cls(rule.min_work_before, rule.min_work_after, rule.max_continuous_work)


def break_bounds(
    real: Sequence[int], k: int, slots: int, g: int, limits: BreakLimits
) -> tuple[int, int, int, int] | None:
    """Where a shift may start and end around a break of ``slots`` slots from slot ``k`` of a window
    whose boundaries fall at real minutes ``real`` (a clock change makes some slots last 0 or
    ``2 g`` minutes): (latest start, earliest start, earliest end, latest end) boundaries, the work
    either side measured in real minutes. ``None`` when the break cannot start there: it touches
    a changed hour (one of its slots does not last ``g``), or no shift of the window leaves the
    work needed before or after it. Both engines place breaks by this in a window with a clock
    change; without one it is the slot arithmetic of :class:`BreakShape`."""
    n = len(real) - 1
    if k + slots > n or any(real[x + 1] - real[x] != g for x in range(k, k + slots)):
        return None
    latest_start = max((s for s in range(k + 1) if real[k] - real[s] >= limits.before), default=None)
    after = range(k + slots, n + 1)
    earliest_end = min((e for e in after if real[e] - real[k + slots] >= limits.after), default=None)
    if latest_start is None or earliest_end is None:
        return None
    earliest_start = min(s for s in range(k + 1) if real[k] - real[s] <= limits.most)
    latest_end = max(e for e in after if real[e] - real[k + slots] <= limits.most)
    return latest_start, earliest_start, earliest_end, latest_end


def shape_for(index: ModelIndex, e: int, day: date) -> BreakShape:
    """Person ``e``'s break on ``day`` in slots (the threshold is shorter for an under-18)."""
    rule = index.scenario.service.breaks
    g = index.slot
    wt = index.scenario.service.working_time
    emp = index.employees[e]
    return BreakShape(
        threshold=break_threshold(rule.threshold_minutes, wt, emp.date_of_birth, day) // g,
        slots=-(-rule.break_minutes // g),
        before=-(-rule.min_work_before // g),
        after=-(-rule.min_work_after // g),
    )


@dataclass(frozen=True)
class ShiftCoverLine:
    """One SHIFT_COVER requirement in force: ``requirement`` people on ``shift_type`` on ``date``."""

    date: date
    shift_type: str
    skill: str | None
    requirement: int
    under_weight: int
    over_weight: int

    @property
    def label(self) -> str:
        return f"{self.date} {self.shift_type} {self.skill or 'anyone'}"


def shift_cover_lines(sc: Scenario) -> list[ShiftCoverLine]:
    """The lines in force on each roster date: a date row replaces weekday rows of its type and skill."""
    w = sc.weights
    out: list[ShiftCoverLine] = []
    by_day: dict[str, list[tuple[int, ShiftCover]]] = {}
    for n, c in enumerate(sc.shift_cover):
        by_day.setdefault(c.day, []).append((n, c))
    for day in sc.service.days:
        iso = day.isoformat()
        on_date = by_day.get(iso, [])
        dated = {(c.shift_type, c.skill) for _, c in on_date}
        weekly = [
            (n, c) for n, c in by_day.get(weekday_name(day), []) if (c.shift_type, c.skill) not in dated
        ]
        for _, c in sorted(on_date + weekly, key=lambda nc: nc[0]):  # in the file's order
            out.append(
                ShiftCoverLine(
                    day,
                    c.shift_type,
                    c.skill,
                    c.requirement,
                    w.shift_cover_under if c.under_weight is None else c.under_weight,
                    w.shift_cover_over if c.over_weight is None else c.over_weight,
                )
            )
    return out


def shift_rows(index: ModelIndex) -> list[ShiftCoverLine]:
    """SHIFT_COVER's lines in force, in a fixed order (the pattern engine's master rows follow the
    slot requirements in this order). Computed once per index."""
    lines = index.memo.get("shift_cover_lines")
    if lines is None:
        lines = index.memo["shift_cover_lines"] = shift_cover_lines(index.scenario)
    assert isinstance(lines, list)
    return lines
