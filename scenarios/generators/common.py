"""What every example scenario's generator shares: shift arithmetic (also used by the tests),
names, and each person's indicated pattern turned into wishes."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from roster.domain import (
    DayPreference,
    Employee,
    Leave,
    Scenario,
    Service,
    StandingWish,
    TimeRange,
    contract_target,
)
from roster.timegrid import parse_clock, weekday_name


def t(text: str) -> int:
    """Minutes after midnight of ``"HH:MM"``."""
    return parse_clock(text, allow_next_day=True)


def _range(start: str, end: str) -> TimeRange:
    return TimeRange(start=t(start), end=t(end))


def is_young(emp: Employee, on: date) -> bool:
    """Under 18 on ``on`` (POLICY.md section 4: young workers)."""
    dob = emp.date_of_birth
    if dob is None:
        return False
    return (on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))) < 18


def paid_minutes(sc: Scenario, length: int, *, young: bool = False) -> int:
    """Paid minutes of a shift of ``length`` minutes (break included).

    A shift longer than the break threshold (6 h; 4 h 30 for under-18s) has one
    unpaid break of ``break_minutes`` (POLICY.md section 2).
    """
    rule = sc.service.breaks
    threshold = min(rule.threshold_minutes, 270) if young else rule.threshold_minutes
    return length - rule.break_minutes if length > threshold else length


def _length_for_paid(paid: int, *, break_minutes: int = 30, threshold: int = 360) -> int:
    """Shift length (break included) that pays ``paid`` minutes."""
    return paid + break_minutes if paid > threshold else paid


def max_paid_per_day(sc: Scenario, emp: Employee, day: date) -> int:
    """Most paid minutes ``emp`` can work on ``day`` (0 if they cannot work)."""
    band = sc.service.bandwidth_on(day)
    if band is None:
        return 0
    blocked: list[tuple[int, int]] = []
    for lv in sc.leave:
        if lv.employee_id != emp.id or not lv.start_date <= day <= lv.end_date:
            continue
        if lv.whole_day:
            return 0
        assert lv.start is not None and lv.end is not None
        blocked.append((lv.start, lv.end))
    # Longest free stretch of the bandwidth around part-day leave.
    free, cursor = [], band.start
    for a, b in sorted(blocked):
        free.append(a - cursor)
        cursor = max(cursor, b)
    free.append(band.end - cursor)
    longest = max(free)
    lo = emp.min_shift_minutes or sc.service.shift_length.min_minutes
    hi = emp.max_shift_minutes or sc.service.shift_length.max_minutes
    length = min(hi, longest)
    if length < lo:
        return 0
    young = is_young(emp, day)
    paid = paid_minutes(sc, length, young=young)
    if young:
        paid = min(paid, 480)  # at most 8 hours a day for under-18s
    return paid


@dataclass(frozen=True)
class Achievability:
    employee_id: str
    target: int
    available_days: int
    max_paid: int
    ok: bool


def achievable(sc: Scenario, emp: Employee) -> Achievability:
    """Can ``emp`` be rostered their contract target in this scenario?

    Self-rostered: ``0 <= target <= Σ max paid per available day``. Fixed
    pattern: the fixed shifts pay the target, give or take what the accrual
    rules allow (CONTRACT_HOURS and ACCRUAL in docs/rules.md).
    """
    ct = contract_target(sc, emp)
    days = [d for d in sc.service.days if max_paid_per_day(sc, emp, d) > 0]
    most = sum(max_paid_per_day(sc, emp, d) for d in days)
    if emp.pattern == "fixed":
        shifts = [fs for fs in sc.fixed_shifts if fs.employee_id == emp.id]
        paid = sum(
            fs.end - fs.start - (sc.service.breaks.break_minutes if fs.break_start is not None else 0)
            for fs in shifts
        )
        net = paid - ct.target_minutes
        room = sum(ct.accrual_room.values())
        ok = -ct.usable_balance <= net <= min(room, sc.service.accrual.daily_limit_minutes * len(shifts))
        return Achievability(emp.id, ct.target_minutes, len(shifts), paid, ok)
    ok = 0 <= ct.target_minutes <= most and (ct.target_minutes == 0 or bool(days))
    return Achievability(emp.id, ct.target_minutes, len(days), most, ok)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

_FIRST = (
    "Aisha Alan Amara Amy Andrew Anita Ben Bethan Carys Callum Chloe Chris Claire Dan Deepa David "
    "Eleanor Emma Ewan Fatima Finn Gareth Grace Hannah Harry Imran Isla Jack Jade James Jasmine Joe "
    "Karen Kieran Laura Leah Liam Lucy Mark Megan Mohammed Nadia Naomi Neil Nia Oliver Olu Paul "
    "Priya Rachel Rhys Rob Rosie Ruth Sam Sara Sean Sian Sophie Tariq Tom Usha Wendy Yusuf Zara"
)
FIRST_NAMES = tuple(_FIRST.split())
_SURNAMES = (
    "Ahmed Ali Allen Bailey Baker Begum Bell Brown Campbell Carter Chapman Clarke Cole Cooper Davies "
    "Edwards Evans Fisher Green Griffiths Hall Harris Hughes Hussain Jackson James Jenkins Jones "
    "Kaur Khan Lewis Lloyd Martin Mitchell Moore Morgan Morris Murphy Nowak Owen Parry Patel "
    "Phillips Price Roberts Robinson Shah Singh Smith Taylor Thomas Turner Walker Ward Watson White "
    "Williams Wilson Wood Wright Young"
)
SURNAMES = tuple(_SURNAMES.split())


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


# ---------------------------------------------------------------------------
# Indicated patterns
# ---------------------------------------------------------------------------

Slot = tuple[int, int] | None
"""A day of an indicated weekly pattern: (start, end) minutes, or None for off."""


@dataclass
class Person:
    """A team member while a scenario is being built (before it is frozen)."""

    emp: Employee
    pattern: dict[str, Slot] = field(default_factory=dict)
    """Weekday -> indicated shift (None: off); weekdays not given are left open."""
    weekly: list[dict[str, Slot]] | None = None
    """Per-week override of ``pattern`` (rotas that differ week by week)."""


def _shift(start: int, paid: int, *, young: bool = False) -> tuple[int, int]:
    threshold = 270 if young else 360
    return start, start + _length_for_paid(paid, threshold=threshold)


def _split_week(weekly_minutes: int, days: int, step: int = 15) -> list[int]:
    """Split a week's minutes into ``days`` grid-aligned days, longest first."""
    base = weekly_minutes // days // step * step
    out = [base] * days
    rest = weekly_minutes - base * days
    i = 0
    while rest >= step:
        out[i % days] += step
        rest -= step
        i += 1
    return out


def _fit(day_slot: tuple[int, int], band: TimeRange) -> tuple[int, int]:
    """Move a shift inside the bandwidth, keeping its length."""
    start, end = day_slot
    if end > band.end:
        start, end = start - (end - band.end), band.end
    if start < band.start:
        start, end = band.start, end + (band.start - start)
    return start, end


def _preferences(
    rng: random.Random,
    svc: Service,
    people: Sequence[Person],
    leave: Sequence[Leave],
    wishes: Sequence[StandingWish],
    *,
    fill: float = 0.9,
    jitter: float = 0.2,
    strong: int = 4,
) -> list[DayPreference]:
    """Dated preferences from each person's indicated weekly pattern.

    A person indicates their pattern on about ``fill`` of the days they can
    work; on a weekday where they hold a standing wish they leave the day open
    (the standing wish applies). Now and then a shift moves by 15-30 minutes
    (``jitter``). ``strong`` rows are marked ``strong``.
    """
    whole = {(lv.employee_id, d) for lv in leave if lv.whole_day for d in lv.dates()}
    part = {(lv.employee_id, lv.start_date): lv for lv in leave if not lv.whole_day}
    wish_days = {(w.employee_id, w.weekday) for w in wishes if w.kind != "day_off"}
    out: list[DayPreference] = []
    for p in people:
        if p.emp.pattern != "self":
            continue
        for day in svc.days:
            band = svc.bandwidth_on(day)
            wd = weekday_name(day)
            week = (day - svc.start_date).days // 7
            pattern = p.weekly[week] if p.weekly is not None else p.pattern
            if band is None or (p.emp.id, day) in whole or wd not in pattern:
                continue
            if (p.emp.id, wd) in wish_days:
                continue
            if rng.random() > fill:
                continue
            slot = pattern[wd]
            if slot is None:
                out.append(DayPreference(employee_id=p.emp.id, date=day, kind="off"))
                continue
            start, end = slot
            lv = part.get((p.emp.id, day))
            if lv is not None:
                assert lv.start is not None and lv.end is not None
                # Work the part of the day the leave leaves free, as much as fits.
                if lv.start - band.start >= band.end - lv.end:
                    start, end = max(band.start, min(start, lv.start - 240)), lv.start
                else:
                    start, end = lv.end, min(band.end, max(end, lv.end + 240))
                if end - start > 360:
                    end = start + 360
                if end - start < 240:
                    continue
            elif rng.random() < jitter:
                move = rng.choice((-30, -15, 15, 30))
                start, end = _fit((start + move, end + move), band)
            out.append(DayPreference(employee_id=p.emp.id, date=day, kind="shift", start=start, end=end))
    picks = sorted(rng.sample(range(len(out)), min(strong, len(out))))
    for i in picks:
        out[i] = out[i].model_copy(update={"strength": "strong"})
    return out
