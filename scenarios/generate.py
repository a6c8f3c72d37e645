"""Seeded generator of the example scenarios checked in under ``scenarios/``.

Run ``python scenarios/generate.py`` to rewrite every checked-in scenario folder
(``contact-centre``, ``library-leisure``, ``tiny``, ``cctv-control-room``) from the functions below,
and the year of ``library-leisure`` (its ``year/`` folder, :func:`library_leisure_year`).
Everything is drawn from ``random.Random(seed)`` and fixed dates, so the output
never depends on the day it is run; ``tests/scenarios`` checks that the folders
equal what the generator builds.

Benchmarks import this file directly (``sys.path.insert(0, "scenarios")`` then
``from generate import contact_centre``) to build larger teams on the fly, e.g.
``contact_centre(n_staff=300)``; it needs nothing but ``roster`` and the
standard library.

Every scenario is feasible for the hard rules: each person's contract target
(``roster.domain.contract_target``) fits their available days and shift
lengths, and every fixed-pattern person's fixed shifts pay exactly their
target. Minimum cover is achievable but tight at the peaks, so the solver has
real trade-offs between cover, wishes and fairness.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from roster.domain import (
    AccrualRule,
    BankedBalance,
    DateException,
    DayOff,
    DayPreference,
    Employee,
    FairnessRecord,
    FixedShift,
    HistoryDay,
    Leave,
    SafetyRules,
    Scenario,
    SeasonalHours,
    SeasonalLevel,
    Service,
    ShiftCover,
    ShiftLimits,
    ShiftRequest,
    ShiftType,
    StaffingLevel,
    StandingWish,
    TimeRange,
    UnpopularPattern,
    contract_target,
)
from roster.io.year_files import YearInputs
from roster.timegrid import WEEKDAYS, parse_clock, weekday_name

__all__ = [
    "SCENARIO_NAMES",
    "achievable",
    "cctv_control_room",
    "contact_centre",
    "library_leisure",
    "library_leisure_year",
    "paid_minutes",
    "tiny",
    "write_all",
]

ROOT = Path(__file__).resolve().parent
SCENARIO_NAMES: tuple[str, ...] = (
    "contact-centre", "library-leisure", "tiny", "cctv-control-room", "branch-library",
)

# Contact centre: three weeks from Monday 4 January 2027 (after the New Year's
# Day bank holiday; the period itself has none). Accounting periods of four
# weeks from Monday 14 December 2026 put 4-10 January in one period and
# 11-24 January in the next, so the roster straddles two accounting periods.
CC_START = date(2027, 1, 4)
CC_ANCHOR = date(2026, 12, 14)
# Library and leisure: three weeks from Monday 24 May 2027, including the Spring
# bank holiday (Monday 31 May, closed) and the school half-term week after it.
LL_START = date(2027, 5, 24)
LL_ANCHOR = date(2027, 5, 10)


def t(text: str) -> int:
    """Minutes after midnight of ``"HH:MM"``."""
    return parse_clock(text, allow_next_day=True)


def _range(start: str, end: str) -> TimeRange:
    return TimeRange(start=t(start), end=t(end))


# ---------------------------------------------------------------------------
# Shift arithmetic shared by the generators and the tests
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Contact centre
# ---------------------------------------------------------------------------

# Staffing for a team of 35, scaled with the headcount: (start, end, min, max).
# The whole team: a Monday-morning peak, a quieter Friday afternoon; 28 desks.
CC_TEAM: dict[str, list[tuple[str, str, int, int | None]]] = {
    "mon": [
        ("08:30", "09:00", 14, 28),
        ("09:00", "12:00", 23, 28),
        ("12:00", "14:00", 17, 28),
        ("14:00", "16:00", 16, 28),
        ("16:00", "17:00", 11, 28),
    ],
    "tue": [
        ("08:30", "09:00", 12, 28),
        ("09:00", "12:00", 19, 28),
        ("12:00", "14:00", 15, 28),
        ("14:00", "16:00", 14, 28),
        ("16:00", "17:00", 10, 28),
    ],
    "fri": [
        ("08:30", "09:00", 12, 28),
        ("09:00", "12:00", 17, 28),
        ("12:00", "14:00", 13, 28),
        ("14:00", "16:30", 9, 28),
    ],
}
CC_TEAM["wed"] = CC_TEAM["tue"]
CC_TEAM["thu"] = CC_TEAM["tue"]
# Council tax and benefits specialists.
CC_REVENUES: dict[str, list[tuple[str, str, int, int | None]]] = {
    "mon": [("08:30", "09:00", 3, None), ("09:00", "12:00", 6, None), ("12:00", "17:00", 4, None)],
    "tue": [("08:30", "09:00", 2, None), ("09:00", "12:00", 5, None), ("12:00", "17:00", 3, None)],
    "fri": [("08:30", "09:00", 2, None), ("09:00", "12:00", 4, None), ("12:00", "16:30", 2, None)],
}
CC_REVENUES["wed"] = CC_REVENUES["tue"]
CC_REVENUES["thu"] = CC_REVENUES["tue"]
# Monday 18 January: council tax reminders landed on Saturday; revenues calls peak.
CC_REMINDER_DAY = date(2027, 1, 18)
CC_REVENUES_REMINDER = [("08:30", "09:00", 3, None), ("09:00", "13:00", 8, None), ("13:00", "17:00", 5, None)]
CC_BASE_STAFF = 35

# Preferred start times (weights) of self-rostered full- and part-time staff.
CC_STARTS = (("07:30", 1), ("08:00", 3), ("08:15", 1), ("08:30", 4), ("09:00", 3), ("09:30", 2), ("10:00", 1))


def _weighted(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _scale(value: int, factor: float, *, floor: int = 0) -> int:
    return max(floor, round(value * factor)) if value else 0


def _cc_staffing(factor: float) -> list[StaffingLevel]:
    rows: list[StaffingLevel] = []

    def add(day: str, table: Iterable[tuple[str, str, int, int | None]], skill: str | None) -> None:
        for start, end, lo, hi in table:
            rows.append(
                StaffingLevel(
                    day=day,
                    start=t(start),
                    end=t(end),
                    skill=skill,
                    min=_scale(lo, factor, floor=1),
                    max=None if hi is None else _scale(hi, factor, floor=1),
                )
            )

    for day in WEEKDAYS[:5]:
        add(day, CC_TEAM[day], None)
    for day in WEEKDAYS[:5]:
        add(day, CC_REVENUES[day], "revenues")
    add(CC_REMINDER_DAY.isoformat(), CC_REVENUES_REMINDER, "revenues")
    # A supervisor on the floor whenever the centre is open (POLICY.md section 5).
    sup = max(1, round(factor))
    for day in WEEKDAYS[:5]:
        end = "16:30" if day == "fri" else "17:00"
        rows.append(StaffingLevel(day=day, start=t("08:30"), end=t(end), skill="supervisor", min=sup))
    return rows


def _cc_counts(n: int) -> dict[str, int]:
    f = n / CC_BASE_STAFF
    counts = {
        "compressed": max(1, round(2 * f)),
        "staggered": max(1, round(f)),
        "apprentice": max(1, round(f)),
        "pt30": round(5 * f),
        "pt22": round(4 * f),
        "pt18": round(3 * f),
    }
    counts["ft"] = n - sum(counts.values())
    return counts


def contact_centre(n_staff: int = 35, seed: int = 2027) -> Scenario:
    """A council customer-contact centre (phones, web chat, face to face).

    ``n_staff`` people (35 by default; benchmarks use 100 and 300) over three
    weeks from Monday 4 January 2027, policy opening times and bandwidth.
    Skills: ``advisor`` (everyone), ``revenues`` (about 40%: council tax and
    benefits) and ``supervisor`` (about one in nine). Staffing levels scale
    with the headcount from a team of 35.
    """
    if n_staff < 12:
        raise ValueError(f"n_staff {n_staff} is too small for a contact centre (at least 12)")
    rng = random.Random(seed)
    factor = n_staff / CC_BASE_STAFF
    svc = Service(
        name="Council Customer Contact Centre",
        start_date=CC_START,
        weeks=3,
        accrual=AccrualRule(anchor=CC_ANCHOR),
    )
    counts = _cc_counts(n_staff)
    kinds = [
        k
        for k in ("compressed", "staggered", "apprentice", "pt30", "pt22", "pt18", "ft")
        for _ in range(counts[k])
    ]
    names = _names(rng, n_staff)
    order = list(range(n_staff))
    rng.shuffle(order)  # ids do not give away the contract
    n_sup = max(2, round(4 * factor))
    n_rev = round(0.4 * n_staff)

    # Skills: the first compressed-hours person is a team leader; other
    # supervisors are full-time self-rostered; the staggered-hours person and
    # the second compressed-hours person are revenues specialists.
    skills: list[set[str]] = [{"advisor"} for _ in kinds]
    ft_idx = [i for i, k in enumerate(kinds) if k == "ft"]
    skills[kinds.index("compressed")].add("supervisor")
    for i in rng.sample(ft_idx, n_sup - 1):
        skills[i].add("supervisor")
    rev_fixed = [i for i, k in enumerate(kinds) if k == "staggered"]
    rev_fixed += [i for i, k in enumerate(kinds) if k == "compressed"][1:2]
    for i in rev_fixed:
        skills[i].add("revenues")
    others = [i for i, k in enumerate(kinds) if k != "apprentice" and i not in rev_fixed]
    for i in rng.sample(others, n_rev - len(rev_fixed)):
        skills[i].add("revenues")

    people: list[Person] = []
    fixed: list[FixedShift] = []
    fixed_off: dict[int, date] = {}
    contracts = {
        "ft": (37.0, 5.0),
        "pt30": (30.0, 4.0),
        "pt22": (22.5, 3.0),
        "pt18": (18.5, 4.0),
        "apprentice": (30.0, 4.0),
        "compressed": (37.0, 4.0),
        "staggered": (37.0, 5.0),
    }
    compressed_seen = 0
    for slot, i in enumerate(order):
        kind = kinds[i]
        hours, days = contracts[kind]
        emp = Employee(
            id=f"E{slot + 1:03d}",
            name=names[slot],
            skills=tuple(s for s in ("advisor", "revenues", "supervisor") if s in skills[i]),
            hours_per_week=hours,
            days_per_week=days,
            date_of_birth=date(2009, 3 + rng.randrange(9), 1 + rng.randrange(28))
            if kind == "apprentice"
            else None,
            pattern="fixed" if kind in ("compressed", "staggered") else "self",
        )
        person = Person(emp)
        people.append(person)
        if kind == "compressed":
            # 37 h over 4 days: 9 h 15 paid, 30 min break, fixed day off (POLICY.md section 6).
            off_day = ("fri", "mon", "wed")[compressed_seen % 3]
            start = t(("08:00", "08:30", "07:45")[compressed_seen % 3])
            if compressed_seen == 1:
                fixed_off[slot] = CC_START + timedelta(days=9)  # annual leave, Wednesday 13 January
            compressed_seen += 1
            for day in svc.days:
                wd = weekday_name(day)
                if svc.bandwidth_on(day) is None or wd == off_day or fixed_off.get(slot) == day:
                    continue
                fixed.append(
                    FixedShift(
                        employee_id=emp.id, date=day, start=start, end=start + 585, break_start=start + 285
                    )
                )
        elif kind == "staggered":
            # Staggered hours: early starts agreed for three months; 37 h a week.
            for day in svc.days:
                wd = weekday_name(day)
                if svc.bandwidth_on(day) is None:
                    continue
                end = t("15:00") if wd == "fri" else t("15:30")
                fixed.append(
                    FixedShift(
                        employee_id=emp.id, date=day, start=t("07:30"), end=end, break_start=t("11:30")
                    )
                )
        else:
            person.pattern = _cc_pattern(rng, kind, emp)

    # Leave: whole days, part days, one sick day, one training day, time taken back.
    self_people = [p for p in people if p.emp.pattern == "self"]
    leave: list[Leave] = []
    for slot, day in fixed_off.items():
        leave.append(Leave(employee_id=people[slot].emp.id, start_date=day, end_date=day))
    weekdays = [d for d in svc.days if d.weekday() < 5]
    taken: set[str] = set()

    def pick() -> Person:
        while True:
            p = rng.choice(self_people)
            if p.emp.id not in taken:
                taken.add(p.emp.id)
                return p

    for _ in range(_scale(6, factor, floor=1)):
        p = pick()
        length = rng.choice((1, 1, 2, 3, 5))
        first = rng.choice(weekdays[: len(weekdays) - length + 1])
        last = first
        n_work = 1
        while n_work < length:
            last += timedelta(days=1)
            if last.weekday() < 5:
                n_work += 1
        leave.append(Leave(employee_id=p.emp.id, start_date=first, end_date=last))
    for k in range(_scale(2, factor, floor=1)):
        p = pick()
        day = rng.choice(weekdays)
        start, end = (("13:00", "17:00"), ("08:30", "12:00"))[k % 2]
        leave.append(Leave(employee_id=p.emp.id, start_date=day, end_date=day, start=t(start), end=t(end)))
    for _ in range(_scale(1, factor, floor=1)):
        p = pick()
        day = rng.choice(weekdays[:3])
        leave.append(Leave(employee_id=p.emp.id, start_date=day, end_date=day, type="sick"))
    training_day = CC_START + timedelta(days=10)  # Thursday 14 January: benefits system update
    trainees = [p for p in self_people if "revenues" in p.emp.skills and p.emp.id not in taken]
    for p in rng.sample(trainees, min(len(trainees), _scale(2, factor, floor=1))):
        taken.add(p.emp.id)
        leave.append(
            Leave(employee_id=p.emp.id, start_date=training_day, end_date=training_day, type="training")
        )

    # Banked balances: this accounting period (from 14 December) and some from
    # the one before (from 16 November), which lapse on 10 January unless taken.
    banked: list[BankedBalance] = []
    previous = CC_ANCHOR - timedelta(weeks=4)
    for p in self_people:
        cap = round(444 * p.emp.hours_per_week / 37)
        r = rng.random()
        if r < 0.25:
            banked.append(
                BankedBalance(employee_id=p.emp.id, period_start=CC_ANCHOR, minutes=rng.randint(10, cap // 2))
            )
        elif r < 0.35:
            banked.append(
                BankedBalance(employee_id=p.emp.id, period_start=previous, minutes=rng.randint(30, 180))
            )
    # Some people take an expiring balance back as a Friday afternoon off
    # (banked_time: not credited, paid from the balance).
    for _ in range(_scale(1, factor, floor=1)):
        p = pick()
        banked = [b for b in banked if b.employee_id != p.emp.id]
        banked.append(
            BankedBalance(employee_id=p.emp.id, period_start=previous, minutes=rng.randint(160, 200))
        )
        day = CC_START + timedelta(days=4)
        leave.append(
            Leave(
                employee_id=p.emp.id,
                start_date=day,
                end_date=day,
                start=t("14:00"),
                end=t("16:30"),
                type="banked_time",
            )
        )
    banked.sort(key=lambda b: (b.employee_id, b.period_start))
    leave.sort(key=lambda lv: (lv.start_date, lv.employee_id))

    wishes = _cc_wishes(rng, self_people, factor)
    prefs = _preferences(rng, svc, people, leave, wishes, strong=_scale(5, factor, floor=1))
    fairness = [
        FairnessRecord(employee_id=p.emp.id, gave_way=rng.randint(1, 3))
        for p in self_people
        if rng.random() < 0.15
    ]
    return Scenario(
        service=svc,
        employees=tuple(p.emp for p in people),
        staffing=tuple(_cc_staffing(factor)),
        leave=tuple(leave),
        preferences=tuple(prefs),
        wishes=tuple(wishes),
        fixed_shifts=tuple(sorted(fixed, key=lambda fs: (fs.employee_id, fs.date))),
        banked=tuple(banked),
        fairness=tuple(fairness),
    )


def _cc_pattern(rng: random.Random, kind: str, emp: Employee) -> dict[str, Slot]:
    """A realistic indicated weekly pattern for a self-rostered contact-centre contract."""
    week = WEEKDAYS[:5]
    young = kind == "apprentice"
    if kind == "pt18":
        # Four short days: mornings or afternoons.
        work = sorted(rng.sample(range(5), 4))
        mornings = rng.random() < 0.6
        paid = [270, 270, 285, 285]
        out: dict[str, Slot] = {d: None for d in week}
        for wd, minutes in zip(work, paid, strict=True):
            start = t("09:00") if mornings else t("17:00") - minutes
            out[week[wd]] = (start, start + minutes)
        return out
    start = t(_weighted(rng, CC_STARTS))
    if kind == "ft":
        style = rng.choices(("even", "short-friday", "bank"), weights=(5, 3, 2))[0]
        if style == "even":
            paid = {"mon": 450, "tue": 450, "wed": 450, "thu": 450, "fri": 420}  # 37 h
        elif style == "short-friday":
            paid = {"mon": 480, "tue": 480, "wed": 480, "thu": 480, "fri": 300}  # 37 h
        else:
            paid = dict.fromkeys(week, 450)  # 37 h 30: banks half an hour a week
        out = {}
        for wd in week:
            s = start
            if wd == "fri" and style == "short-friday":
                s = min(start, t("08:30"))
            out[wd] = _shift(s, paid[wd])
        return out
    if kind in ("pt30", "apprentice"):
        off = [_weighted(rng, (("mon", 2), ("tue", 1), ("wed", 3), ("thu", 1), ("fri", 4)))]
        paid_day = 450
    else:  # pt22: three days of 7 h 30
        off = sorted(rng.sample(week, 2), key=week.index)
        paid_day = 450
    out = {}
    for wd in week:
        out[wd] = None if wd in off else _shift(start, paid_day, young=young)
    return out


def _cc_wishes(rng: random.Random, people: Sequence[Person], factor: float) -> list[StandingWish]:
    """Standing wishes: school runs, Friday finishes, a regular late start."""
    kinds = [
        ("mon", "start_after", "09:30", "prefer"),
        ("fri", "finish_by", "16:00", "prefer"),
        ("wed", "finish_by", "15:00", "strong"),
        ("tue", "start_after", "09:15", "prefer"),
        ("fri", "finish_by", "14:30", "prefer"),
        ("thu", "finish_by", "16:30", "prefer"),
    ]
    out: list[StandingWish] = []
    n = _scale(len(kinds), factor, floor=1)
    chosen = rng.sample(list(people), min(n, len(people)))
    for k, p in enumerate(chosen):
        wd, kind, time, strength = kinds[k % len(kinds)]
        if p.pattern.get(wd, "open") is None:
            wd = next(d for d in WEEKDAYS[:5] if p.pattern.get(d) is not None)
        out.append(StandingWish(employee_id=p.emp.id, weekday=wd, kind=kind, time=t(time), strength=strength))
    out.sort(key=lambda w: w.employee_id)
    return out


# ---------------------------------------------------------------------------
# Library and leisure
# ---------------------------------------------------------------------------

# (id suffix, skills, hours, days, young, role)
LL_TEAM: tuple[tuple[str, tuple[str, ...], float, float, bool, str], ...] = (
    ("L01", ("library",), 37, 5, False, "senior library assistant"),
    ("L02", ("library",), 37, 5, False, "library assistant"),
    ("L03", ("library",), 30, 4, False, "library assistant"),
    ("L04", ("library",), 22.5, 3, False, "library assistant"),
    ("L05", ("library",), 18.5, 3, False, "library assistant, job share (first half of the week)"),
    ("L06", ("library",), 18.5, 3, False, "library assistant, job share (second half of the week)"),
    ("L07", ("library",), 15, 3, False, "evening and Saturday library assistant"),
    ("L08", ("leisure", "library"), 37, 5, False, "customer services (both desks)"),
    ("L09", ("leisure", "library"), 30, 4, False, "customer services (both desks)"),
    ("S01", ("leisure", "lifeguard"), 37, 5, False, "duty officer"),
    ("S02", ("leisure",), 37, 5, False, "leisure attendant (gym)"),
    ("S03", ("leisure",), 30, 4, False, "leisure attendant (reception)"),
    ("S04", ("leisure",), 22.5, 3, False, "leisure attendant (reception)"),
    ("G01", ("leisure", "lifeguard"), 37, 5, False, "lifeguard"),
    ("G02", ("leisure", "lifeguard"), 37, 5, False, "lifeguard"),
    ("G03", ("leisure", "lifeguard"), 37, 5, False, "lifeguard"),
    ("G04", ("leisure", "lifeguard"), 30, 4, False, "lifeguard"),
    ("G05", ("leisure", "lifeguard"), 30, 4, False, "lifeguard"),
    ("G06", ("leisure", "lifeguard"), 22.5, 3, False, "lifeguard"),
    ("G07", ("leisure", "lifeguard"), 18, 3, True, "lifeguard, 17 years old"),
)

# Staffing rows per weekday; (start, end, min, max). Saturday opens 09:00-17:00.
LL_WEEKDAY = {
    None: [("09:00", "17:00", 5, 9), ("17:00", "20:00", 6, 9)],
    "library": [("09:00", "16:00", 2, None), ("16:00", "19:00", 3, None), ("19:00", "20:00", 2, None)],
    "leisure": [("09:00", "20:00", 3, None)],
    "lifeguard": [("09:00", "17:00", 2, None), ("17:00", "20:00", 3, None)],
}
LL_SATURDAY = {
    None: [("09:00", "10:00", 5, 9), ("10:00", "16:00", 6, 9), ("16:00", "17:00", 5, 9)],
    "library": [("09:00", "10:00", 2, None), ("10:00", "16:00", 3, None), ("16:00", "17:00", 2, None)],
    "leisure": [("09:00", "17:00", 3, None)],
    "lifeguard": [("09:00", "10:00", 2, None), ("10:00", "16:00", 3, None), ("16:00", "17:00", 2, None)],
}
# Half-term (1-4 June, after the bank holiday): holiday swimming sessions 10:00-16:00.
LL_HALF_TERM_LIFEGUARD = [
    ("09:00", "10:00", 2, None),
    ("10:00", "16:00", 3, None),
    ("16:00", "20:00", 3, None),
]
LL_BANK_HOLIDAY = date(2027, 5, 31)


def library_leisure(seed: int = 1964) -> Scenario:
    """A town-centre library and leisure centre (pool, gym, library) of 20 staff.

    Open Mon-Fri 09:00-20:00 and Sat 09:00-17:00, closed on Sunday; three weeks
    from Monday 24 May 2027 with the Spring bank holiday (31 May, closed) and
    school half-term. Skills ``library``, ``leisure`` and ``lifeguard``
    (every lifeguard also holds ``leisure``).
    """
    rng = random.Random(seed)
    week = WEEKDAYS[:6]
    weekday_open, sat_open = _range("09:00", "20:00"), _range("09:00", "17:00")
    weekday_band, sat_band = _range("08:00", "21:00"), _range("08:30", "17:30")
    svc = Service(
        name="Riverside Library and Leisure Centre",
        start_date=LL_START,
        weeks=3,
        opening={**dict.fromkeys(WEEKDAYS[:5], weekday_open), "sat": sat_open},
        bandwidth={**dict.fromkeys(WEEKDAYS[:5], weekday_band), "sat": sat_band},
        exceptions=(DateException(date=LL_BANK_HOLIDAY, closed=True, reason="Spring bank holiday"),),
        accrual=AccrualRule(anchor=LL_ANCHOR),
        unpopular=(
            UnpopularPattern(name="early start", starts_before=t("08:30")),
            UnpopularPattern(name="late finish", weekdays=WEEKDAYS[:5], ends_after=t("19:00")),
            UnpopularPattern(name="Saturday", weekdays=("sat",), ends_after=t("12:00")),
        ),
    )
    names = _names(rng, len(LL_TEAM))
    people: list[Person] = []
    for (eid, skills, hours, days, young, _role), name in zip(LL_TEAM, names, strict=True):
        dob = date(2009, 9, 1 + rng.randrange(28)) if young else None
        emp = Employee(
            id=eid, name=name, skills=skills, hours_per_week=hours, days_per_week=days, date_of_birth=dob
        )
        people.append(Person(emp))

    # Saturday rota: full-timers work one Saturday in three and take a weekday
    # off that week; part-timers every other Saturday or never.
    for k, p in enumerate(people):
        p.weekly = [_ll_week(rng, p.emp, w, k) for w in range(3)]
        p.pattern = p.weekly[0]

    staffing: list[StaffingLevel] = []
    for day in week:
        table = LL_SATURDAY if day == "sat" else LL_WEEKDAY
        for skill, rows in table.items():
            for start, end, lo, hi in rows:
                staffing.append(
                    StaffingLevel(day=day, start=t(start), end=t(end), skill=skill, min=lo, max=hi)
                )
    for offset in range(1, 5):
        day = LL_BANK_HOLIDAY + timedelta(days=offset)
        for start, end, lo, hi in LL_HALF_TERM_LIFEGUARD:
            staffing.append(
                StaffingLevel(
                    day=day.isoformat(), start=t(start), end=t(end), skill="lifeguard", min=lo, max=hi
                )
            )

    leave = [
        Leave(employee_id="L02", start_date=date(2027, 6, 1), end_date=date(2027, 6, 4)),  # half-term week
        Leave(employee_id="G03", start_date=date(2027, 5, 27), end_date=date(2027, 5, 28)),
        Leave(
            employee_id="S03",
            start_date=date(2027, 6, 9),
            end_date=date(2027, 6, 9),
            start=t("13:00"),
            end=t("17:00"),
        ),
        Leave(employee_id="L09", start_date=date(2027, 5, 25), end_date=date(2027, 5, 25), type="sick"),
        Leave(employee_id="G02", start_date=date(2027, 6, 8), end_date=date(2027, 6, 8), type="training"),
        Leave(employee_id="G01", start_date=date(2027, 6, 8), end_date=date(2027, 6, 8), type="training"),
    ]
    wishes = [
        StandingWish(employee_id="L03", weekday="fri", kind="finish_by", time=t("17:00")),
        StandingWish(
            employee_id="L01", weekday="tue", kind="start_after", time=t("09:30"), strength="strong"
        ),
        StandingWish(employee_id="S02", weekday="sat", kind="day_off"),
        StandingWish(employee_id="G04", weekday="wed", kind="finish_by", time=t("18:00")),
        StandingWish(employee_id="L08", weekday="thu", kind="start_after", time=t("11:00")),
    ]
    prefs = _preferences(rng, svc, people, leave, wishes, fill=0.85, strong=3)
    banked = [
        BankedBalance(employee_id="L01", period_start=LL_ANCHOR, minutes=95),
        BankedBalance(employee_id="G02", period_start=LL_ANCHOR, minutes=140),
        BankedBalance(employee_id="S01", period_start=LL_ANCHOR - timedelta(weeks=4), minutes=120),
        BankedBalance(employee_id="L04", period_start=LL_ANCHOR, minutes=40),
    ]
    fairness = [
        FairnessRecord(employee_id="G05", gave_way=2),
        FairnessRecord(employee_id="L07", gave_way=1),
        FairnessRecord(employee_id="S04", gave_way=1),
    ]
    return Scenario(
        service=svc,
        employees=tuple(p.emp for p in people),
        staffing=tuple(staffing),
        leave=tuple(leave),
        preferences=tuple(prefs),
        wishes=tuple(wishes),
        banked=tuple(banked),
        fairness=tuple(fairness),
    )


def _ll_week(rng: random.Random, emp: Employee, week: int, k: int) -> dict[str, Slot]:
    """Indicated pattern of one library/leisure person for roster week ``week``."""
    days = WEEKDAYS[:6]
    young = emp.date_of_birth is not None
    out: dict[str, Slot] = dict.fromkeys(days, None)
    if emp.id == "L07":  # evenings and Saturdays: 2 x 4 h evenings + Saturday 7 h paid
        out["tue"] = (t("16:30"), t("20:30"))
        out["thu"] = (t("16:30"), t("20:30"))
        out["sat"] = (t("10:00"), t("17:30"))
        return out
    if emp.id == "G07":  # 17-year-old: two evenings and a Saturday, 6 h paid each
        out["mon"] = (t("14:30"), t("21:00"))
        out["wed"] = (t("14:30"), t("21:00"))
        out["sat"] = (t("09:00"), t("15:30"))
        return out
    if emp.id in ("L05", "L06"):  # job share: Mon-Wed morning / Wed afternoon-Fri
        if emp.id == "L05":
            out.update(
                mon=(t("08:45"), t("16:15")), tue=(t("08:45"), t("16:15")), wed=(t("08:45"), t("13:15"))
            )
        else:
            out.update(
                wed=(t("12:45"), t("17:15")), thu=(t("12:45"), t("20:15")), fri=(t("12:45"), t("20:15"))
            )
        return out
    n_days = int(emp.days_per_week)
    # Early (from 08:30) and late (to 20:30) weeks alternate, person by person;
    # now and then a middle shift (from 10:00).
    lean = ("early", "late")[(k + week) % 2]
    saturday = (k % 3 == week) if n_days >= 4 else (k % 2 == week % 2 and rng.random() < 0.5)
    weekdays = list(days[:5])
    if saturday:
        weekdays.remove(weekdays[(k + week) % 5])
    work = sorted(rng.sample(weekdays, n_days - int(saturday)), key=days.index)
    if saturday:
        work.append("sat")
    threshold = 270 if young else 360
    for wd, paid in zip(work, _split_week(emp.weekly_minutes, n_days), strict=True):
        length = _length_for_paid(paid, threshold=threshold)
        choice = lean if rng.random() < 0.85 else "middle"
        if wd == "sat":
            start = t("08:30") if lean == "early" else t("17:30") - length
        elif choice == "early":
            start = t("08:30")
        elif choice == "middle":
            start = t("10:00")
        else:
            start = t("20:30") - length
        out[wd] = (start, start + length)
    return out


# ---------------------------------------------------------------------------
# Library and leisure: the year (SCENARIO/year/)
# ---------------------------------------------------------------------------

# The leave year 1 April 2027 - 31 March 2028, planned in roster periods from Monday
# 5 April 2027 to Sunday 26 March 2028 (17 periods of three weeks).
LL_YEAR_FIRST = date(2027, 4, 5)
LL_YEAR_LAST = date(2028, 3, 26)
LL_SUMMER, LL_WINTER = "apr-sep", "oct-mar"
# Annual leave: 7 weeks (AnnualRule.leave_days, 35 days of a 5-day week), pro rata by the
# days a person works a week: 35, 28 or 21 days.
LL_LEAVE_WEEKS = 7
# Never more than this many of a skill away (any leave) on one date.
LL_MOST_AWAY = {"lifeguard": 2, "library": 2}
LL_MOST_AWAY_TEAM = 4
# School holidays near the centre, by the Monday of their weeks (Mon-Sat in the centre).
LL_SCHOOL_WEEKS: dict[str, tuple[date, ...]] = {
    "easter": (date(2027, 4, 5),),
    "summer": tuple(date(2027, 7, 26) + timedelta(weeks=k) for k in range(6)),
    "october": (date(2027, 10, 25),),
    "christmas": (date(2027, 12, 20), date(2027, 12, 27)),
    "february": (date(2028, 2, 14),),
}
# The seasonal profile of weekly hours (the whole team), scaled to each contract.
LL_PROFILE = {LL_SUMMER: 44, LL_WINTER: 30}
# Seasonal demand: the scenario's rows (LL_WEEKDAY, LL_SATURDAY), except that summer's outdoor
# and holiday swimming needs one more lifeguard 10:00-16:00 and winter evenings one fewer
# leisure person (17:00-20:00: in the leisure minimum, which the three evening lifeguards meet
# anyway, and in the team's). Summer's 44-hour weeks put a fifth more people on duty than the
# scenario's 37, so the team's maximum is 11 there, not 9 (with 9, solving the first summer
# period left over 150 person-hours above the maximum). (start, end, min, max).
LL_SEASON_ROWS: dict[str, dict[str, dict[str | None, list[tuple[str, str, int, int | None]]]]] = {
    LL_SUMMER: {
        "weekday": {
            None: [("09:00", "17:00", 5, 11), ("17:00", "20:00", 6, 11)],
            "leisure": [("09:00", "17:00", 3, None), ("17:00", "20:00", 3, None)],
            "lifeguard": [
                ("09:00", "10:00", 2, None),
                ("10:00", "16:00", 3, None),
                ("16:00", "17:00", 2, None),
                ("17:00", "20:00", 3, None),
            ],
        },
        "sat": {
            None: [("09:00", "10:00", 5, 11), ("10:00", "16:00", 6, 11), ("16:00", "17:00", 5, 11)],
            "lifeguard": [
                ("09:00", "10:00", 2, None),
                ("10:00", "16:00", 4, None),
                ("16:00", "17:00", 2, None),
            ],
        },
    },
    LL_WINTER: {
        "weekday": {
            None: [("09:00", "17:00", 5, 9), ("17:00", "20:00", 5, 9)],
            "leisure": [("09:00", "17:00", 3, None), ("17:00", "20:00", 2, None)],
            "lifeguard": [("09:00", "17:00", 2, None), ("17:00", "20:00", 3, None)],
        },
        "sat": {},
    },
}


@dataclass
class _Away:
    """Who is away on each date while the year's leave is drawn."""

    groups: dict[str, tuple[str, ...]]
    """Group (a skill, or "team") -> its people."""
    most: dict[str, int]
    count: dict[tuple[str, date], int] = field(default_factory=dict)
    taken: dict[str, set[date]] = field(default_factory=dict)

    def fits(self, who: str, days: Sequence[date]) -> bool:
        mine = self.taken.setdefault(who, set())
        # apart from the person's other leave (not over a Sunday either), so that blocks stay apart
        near = {d + timedelta(days=k) for d in days for k in (-2, -1, 0, 1, 2)}
        if near & mine:
            return False
        return all(self.count.get((g, d), 0) < self.most[g]
                   for g, people in self.groups.items() if who in people for d in days)

    def add(self, who: str, days: Iterable[date]) -> None:
        days = list(days)
        self.taken.setdefault(who, set()).update(days)
        for g, people in self.groups.items():
            if who in people:
                for d in days:
                    self.count[(g, d)] = self.count.get((g, d), 0) + 1


def _ll_open(svc: Service, monday: date) -> list[date]:
    """The dates of the week from ``monday`` the centre is open (Mon-Sat, bank holidays closed)."""
    return [monday + timedelta(days=k) for k in range(7) if svc.bandwidth_on(monday + timedelta(days=k))]


def _ll_cost(svc: Service, emp: Employee, days: Sequence[date]) -> int | None:
    """Days of leave taken by whole-day leave on ``days`` (one week), as CONTRACT_HOURS credits
    them (a day at hours / days a week, at most the week's contract less its bank holidays);
    ``None`` when that is not a whole number of days."""
    monday = days[0] - timedelta(days=days[0].weekday())
    closed = sum(1 for k in range(5) if svc.is_closed(monday + timedelta(days=k)))
    credit = min(len(days) * emp.daily_minutes, emp.weekly_minutes - closed * round(emp.weekly_minutes / 5))
    return credit // emp.daily_minutes if credit % emp.daily_minutes == 0 else None


def _ll_taken(sc: Scenario, emp: Employee) -> float:
    """Days of annual leave the scenario's own leave.csv already gives ``emp``."""
    minutes = 0
    for lv in sc.leave:
        if lv.employee_id == emp.id and lv.type == "annual_leave":
            for d in lv.dates():
                if sc.service.bandwidth_on(d) is None:
                    continue
                if lv.start is None or lv.end is None:
                    minutes += emp.daily_minutes
                else:
                    minutes += min(lv.end - lv.start, emp.daily_minutes)
    return minutes / emp.daily_minutes


def _ll_week_off(svc: Service, away: _Away, emp: Employee, monday: date, fortnight: bool,
                 left: dict[str, int], book: Callable[[str, Sequence[date]], None]) -> bool:
    """Book ``emp`` the week (or fortnight) from ``monday`` if it fits; whether it did."""
    weeks = [monday, monday + timedelta(weeks=1)] if fortnight else [monday]
    blocks = [_ll_open(svc, m) for m in weeks]
    costs = [_ll_cost(svc, emp, b) for b in blocks]
    days = sum(c or 0 for c in costs)
    if any(c is None for c in costs) or days > left[emp.id]:
        return False
    if not away.fits(emp.id, [d for b in blocks for d in b]):
        return False
    for b in blocks:
        book(emp.id, b)
    left[emp.id] -= days
    return True


def _ll_year_leave(rng: random.Random, sc: Scenario) -> list[Leave]:
    """Each person's annual leave for the leave year (see :func:`library_leisure_year`)."""
    svc = sc.service
    n_weeks = (LL_YEAR_LAST - LL_YEAR_FIRST).days // 7 + 1
    mondays = [LL_YEAR_FIRST + timedelta(weeks=k) for k in range(n_weeks)]
    holiday = sorted({m for weeks in LL_SCHOOL_WEEKS.values() for m in weeks})  # a list: never a set's order
    # the scenario's own period (24 May - 13 June) keeps the leave its roster was built with
    own = {LL_START + timedelta(days=k) for k in range(7 * svc.weeks)}
    term = [m for m in mondays if m not in holiday and not own & set(_ll_open(svc, m))]
    people = {e.id: e for e in sc.employees}
    groups = {g: tuple(e.id for e in sc.employees if g in e.skills) for g in LL_MOST_AWAY}
    away = _Away(groups | {"team": tuple(people)}, {**LL_MOST_AWAY, "team": LL_MOST_AWAY_TEAM})
    for lv in sc.leave:
        away.add(lv.employee_id, lv.dates())

    # What each person asks for: whole weeks (school holidays first), then odd days.
    asks: list[tuple[int, str, str, tuple[date, ...]]] = []  # (round, who, kind, candidate Mondays)
    left: dict[str, int] = {}
    for e in sc.employees:
        left[e.id] = int(LL_LEAVE_WEEKS * e.days_per_week - _ll_taken(sc, e))
        summer = rng.choices((0, 1, 2), weights=(2, 5, 3))[0]
        if summer == 2:
            asks.append((0, e.id, "summer fortnight", LL_SCHOOL_WEEKS["summer"][:-1]))
        elif summer == 1:
            asks.append((0, e.id, "summer week", LL_SCHOOL_WEEKS["summer"]))
        if rng.random() < 0.45:
            asks.append((1, e.id, "Christmas", LL_SCHOOL_WEEKS["christmas"]))
        for kind in ("easter", "october", "february"):
            if rng.random() < 0.3:
                asks.append((2, e.id, kind, LL_SCHOOL_WEEKS[kind]))
        weeks = sum(1 + (a[2] == "summer fortnight") for a in asks if a[1] == e.id)
        for _ in range(max(0, rng.choice((5, 5, 6)) - weeks)):
            asks.append((3, e.id, "week", tuple(term)))
    order = list(range(len(asks)))
    rng.shuffle(order)
    order.sort(key=lambda i: asks[i][0])

    out: list[Leave] = []

    def book(who: str, days: Sequence[date]) -> None:
        away.add(who, days)
        out.append(Leave(employee_id=who, start_date=days[0], end_date=days[-1]))

    for i in order:
        _, who, kind, candidates = asks[i]
        emp = people[who]
        # a week the person cannot have (too many away) moves: the fortnight to one summer
        # week, a holiday week to term time
        tries = [(kind == "summer fortnight", candidates)]
        if kind == "summer fortnight":
            tries.append((False, LL_SCHOOL_WEEKS["summer"]))
        tries.append((False, tuple(term)))
        for fortnight, mondays_ in tries:
            options = list(mondays_)
            rng.shuffle(options)
            if any(_ll_week_off(svc, away, emp, m, fortnight, left, book) for m in options):
                break
    # The rest as odd days: a long weekend (Friday and Saturday, or Monday), a day midweek.
    shapes = (
        ("fri",), ("mon",), ("fri", "sat"), ("thu", "fri"), ("mon", "tue"), ("wed",), ("tue",), ("sat",)
    )
    ids = list(people)
    rng.shuffle(ids)
    for who in ids:
        emp = people[who]
        tries = 0
        while left[who] > 0 and tries < 500:
            tries += 1
            shape = rng.choice([s for s in shapes if len(s) <= left[who]])
            monday = rng.choice(term + holiday)
            days = [monday + timedelta(days=WEEKDAYS.index(wd)) for wd in shape]
            if any(svc.bandwidth_on(d) is None for d in days) or _ll_cost(svc, emp, days) != len(days):
                continue
            if away.fits(who, days):
                book(who, days)
                left[who] -= len(days)
        assert left[who] == 0, (who, left[who])
    team = {who: k for k, who in enumerate(people)}
    return sorted(out, key=lambda lv: (team[lv.employee_id], lv.start_date))


def _ll_year_staffing() -> list[SeasonalLevel]:
    """The year's demand: rows the same in both seasons for the whole year, the others by season."""
    per_season: dict[str, list[tuple[str, str | None, str, str, int, int | None]]] = {}
    for season, changes in LL_SEASON_ROWS.items():
        rows = per_season.setdefault(season, [])
        for day in WEEKDAYS[:6]:
            kind = "sat" if day == "sat" else "weekday"
            table = {**(LL_SATURDAY if day == "sat" else LL_WEEKDAY), **changes[kind]}
            for skill, levels in table.items():
                rows += [(day, skill, *level) for level in levels]
    summer, winter = per_season[LL_SUMMER], per_season[LL_WINTER]
    out: list[SeasonalLevel] = []
    for row in summer:
        out.append(_ll_level(row, None if row in winter else LL_SUMMER))
    out += [_ll_level(row, LL_WINTER) for row in winter if row not in summer]
    order = {day: k for k, day in enumerate(WEEKDAYS)}
    skills = {None: 0, "library": 1, "leisure": 2, "lifeguard": 3}
    out.sort(key=lambda r: (order[r.day], skills[r.skill], r.start, r.months or ""))
    return out


def _ll_level(row: tuple[str, str | None, str, str, int, int | None], months: str | None) -> SeasonalLevel:
    day, skill, start, end, lo, hi = row
    return SeasonalLevel(day=day, start=t(start), end=t(end), skill=skill, min=lo, max=hi, months=months)


def library_leisure_year(seed: int = 2027, scenario: Scenario | None = None) -> YearInputs:
    """The year of ``library-leisure`` (``scenarios/library-leisure/year/``): the leave year
    1 April 2027 - 31 March 2028, planned from Monday 5 April 2027 to Sunday 26 March 2028.

    * ``leave.csv``: everyone's annual leave, 7 weeks pro rata (35, 28 or 21 days for 5, 4 or
      3 days a week, less what the scenario's own ``leave.csv`` already gives), counted as
      CONTRACT_HOURS credits it (a week's credit is at most the week's contract less its bank
      holidays, so each block is a whole number of days): whole weeks Monday to Saturday (a
      week or a fortnight in the summer school holidays for most, Christmas, Easter and
      half-term weeks for some, the rest in term time) and odd days (long weekends, a day
      midweek); never on a Sunday or a closed day, never touching the person's other leave,
      never more than 2 lifeguards, 2 library staff or 4 of the team away on one date (the
      scenario's own leave, training and sickness counted), and none inside the scenario's
      own period (24 May - 13 June);
    * ``staffing.csv``: the scenario's rows by weekday, with one more lifeguard 10:00-16:00 in
      summer (April to September; holiday and outdoor swimming) and room for 11 on duty, not 9
      (the summer's longer weeks), and one fewer leisure person in winter evenings (October to
      March, 17:00-20:00; the team's minimum too); rows the seasons share hold all year;
    * ``profile.csv``: the whole team 44 h a week April to September to 30 h October to March
      (scaled to each contract; the 17-year-old's summer week stays under the 40 hours).
    """
    rng = random.Random(seed)
    sc = scenario if scenario is not None else library_leisure()
    profile = tuple(SeasonalHours(months=months, hours_per_week=h) for months, h in LL_PROFILE.items())
    leave = tuple(_ll_year_leave(rng, sc))
    return YearInputs(leave=leave, staffing=tuple(_ll_year_staffing()), profile=profile)


# ---------------------------------------------------------------------------
# Tiny
# ---------------------------------------------------------------------------


def tiny() -> Scenario:
    """Five people at a small contact desk, written by hand (README and tests).

    Everyone has indicated a full pattern that meets their contract and, on
    its own, the minimum cover of two people (one of them ``revenues`` from
    10:30 to 14:30, Monday to Thursday). Ben's annual leave on Friday
    15 January breaks it: the desk is one short unless someone who is
    normally off on Fridays comes in (Dan has strongly asked to stay off that
    day). On Wednesdays Asha is the only revenues specialist, so her break
    has to fall before 10:30.
    """
    svc = Service(
        name="Tiny Contact Desk", start_date=CC_START, weeks=3, accrual=AccrualRule(anchor=CC_ANCHOR)
    )
    employees = (
        Employee(id="T1", name="Asha Patel", skills=("advisor", "revenues"), hours_per_week=37),
        Employee(id="T2", name="Ben Carter", skills=("advisor",), hours_per_week=37),
        Employee(
            id="T3", name="Chloe Evans", skills=("advisor", "revenues"), hours_per_week=30, days_per_week=4
        ),
        Employee(id="T4", name="Dan Hughes", skills=("advisor",), hours_per_week=22.5, days_per_week=3),
        Employee(id="T5", name="Ewa Nowak", skills=("advisor",), hours_per_week=20, days_per_week=4),
    )
    staffing = []
    for day in WEEKDAYS[:5]:
        end = "16:30" if day == "fri" else "17:00"
        staffing.append(StaffingLevel(day=day, start=t("08:30"), end=t(end), min=2, max=5))
        if day != "fri":
            staffing.append(StaffingLevel(day=day, start=t("10:30"), end=t("14:30"), skill="revenues", min=1))
    leave = (Leave(employee_id="T2", start_date=date(2027, 1, 15), end_date=date(2027, 1, 15)),)
    # Weekly patterns: (start, end) or None for a day off; a weekday left out is
    # covered by a standing wish instead (Ben's Fridays, Chloe's Wednesdays).
    early, late, mid = ("08:00", "16:00"), ("09:30", "17:30"), ("08:30", "16:30")
    patterns: dict[str, dict[str, tuple[str, str] | None]] = {
        "T1": {"mon": early, "tue": early, "wed": early, "thu": early, "fri": ("08:00", "15:00")},
        "T2": {"mon": late, "tue": late, "wed": late, "thu": late},
        "T3": {"mon": mid, "tue": mid, "thu": mid, "fri": mid},
        "T4": {"mon": mid, "tue": None, "wed": mid, "thu": mid, "fri": None},
        "T5": dict.fromkeys(("mon", "tue", "wed", "thu"), ("12:00", "17:00")) | {"fri": None},
    }
    prefs = []
    for eid, pattern in patterns.items():
        for day in svc.days:
            wd = weekday_name(day)
            if wd not in pattern or (eid == "T2" and day == date(2027, 1, 15)):
                continue
            slot = pattern[wd]
            strength = "strong" if (eid, day) == ("T4", date(2027, 1, 15)) else "prefer"
            if slot is None:
                prefs.append(DayPreference(employee_id=eid, date=day, kind="off", strength=strength))
            else:
                prefs.append(
                    DayPreference(employee_id=eid, date=day, kind="shift", start=t(slot[0]), end=t(slot[1]))
                )
    wishes = (
        StandingWish(employee_id="T2", weekday="fri", kind="finish_by", time=t("16:30")),
        StandingWish(employee_id="T3", weekday="wed", kind="day_off"),
    )
    return Scenario(
        service=svc,
        employees=employees,
        staffing=tuple(staffing),
        leave=leave,
        preferences=tuple(prefs),
        wishes=wishes,
        banked=(BankedBalance(employee_id="T1", period_start=CC_ANCHOR, minutes=60),),
        fairness=(FairnessRecord(employee_id="T2", gave_way=1),),
    )


# ---------------------------------------------------------------------------
# Round the clock: a council CCTV and Careline control room
# ---------------------------------------------------------------------------

# Three weeks from Monday 1 February 2027 (no bank holiday); accounting
# periods of four weeks from Monday 18 January 2027.
CR_START = date(2027, 2, 1)
CR_ANCHOR = date(2027, 1, 18)


def cctv_control_room(seed: int = 1984) -> Scenario:
    """A 24/7 control room on early, late and night shifts (SHIFT_TYPES).

    Types: E 07:00-15:00, L 15:00-23:00, N 23:00-07:00; no early straight after
    a late or a night, no late straight after a night. Wanted per shift: 4 on
    weekday earlies and lates, 3 at weekends, 2 on nights, always one
    ``supervisor``; and, per 15-minute slot, an operator on duty (not on break)
    around the clock, so breaks on a shift are staggered. Lone working is not allowed
    (``min_on_site: 2``); the trainee and the 17-year-old apprentice work only
    while a supervisor is on duty; the apprentice may only work earlies
    (young workers: no work 22:00-06:00). Four declared night workers ask for
    nights; everyone else may do at most two. Everyone: at most 6 days in a
    row, days off in twos, at most 2 of the 3 weekends. One relief operator
    (no contracted hours) fills gaps, at most 8 shifts.
    """
    rng = random.Random(seed)
    week = WEEKDAYS
    day_band = _range("07:00", "31:00")
    svc = Service(
        name="Council CCTV and Careline Control Room",
        start_date=CR_START,
        weeks=3,
        accrual=AccrualRule(anchor=CR_ANCHOR),
        opening=dict.fromkeys(week, day_band),
        bandwidth=dict.fromkeys(week, day_band),
        shift_types=(
            ShiftType(id="E", name="Early", start=t("07:00"), end=t("15:00")),
            ShiftType(id="L", name="Late", start=t("15:00"), end=t("23:00"), not_followed_by=("E",)),
            ShiftType(id="N", name="Night", start=t("23:00"), end=t("31:00"), not_followed_by=("E", "L")),
        ),
        unpopular=(
            UnpopularPattern(name="night", ends_after=t("24:00")),
            UnpopularPattern(name="weekend", weekdays=("sat", "sun"), starts_before=t("24:00")),
        ),
        safety=SafetyRules(supervision=True, min_on_site=2),
        open_on_bank_holidays=True,  # a control room runs every day of the year
    )
    names = _names(rng, 16)
    people: list[Employee] = []

    def add(skills: tuple[str, ...], hours: float, **extra: object) -> str:
        k = len(people) + 1
        people.append(
            Employee.model_validate(
                {"id": f"CR{k:02d}", "name": names[k - 1], "skills": skills, "hours_per_week": hours, **extra}
            )
        )
        return people[-1].id

    supervisors = [add(("operator", "supervisor"), 37) for _ in range(4)]
    supervisors.append(add(("operator", "supervisor"), 37, night_worker=True))
    nights = [add(("operator",), 37, night_worker=True) for _ in range(3)]
    operators = [add(("operator",), 37) for _ in range(3)]
    part_time = [add(("operator",), 22.5, days_per_week=3) for _ in range(2)]
    trainee = add(("operator", "trainee"), 37)
    apprentice = add(("operator",), 30, days_per_week=4, date_of_birth=date(2009, 9, 14))
    relief = add(("operator",), 0)
    night_people = [supervisors[-1], *nights]

    cover: list[ShiftCover] = []
    for day in week:
        weekend = day in ("sat", "sun")
        for type_id in ("E", "L", "N"):
            n = 2 if type_id == "N" else (3 if weekend else 4)
            cover.append(ShiftCover(day=day, shift_type=type_id, requirement=n))
            cover.append(ShiftCover(day=day, shift_type=type_id, skill="supervisor", requirement=1))
    staffing = [
        StaffingLevel(day=day, start=t("07:00"), end=t("31:00"), skill="operator", min=1) for day in week
    ]

    limits = []
    for emp in people:
        most_nights = {} if emp.id in night_people else {"N": 2}
        if emp.id == apprentice:
            most_nights = {"L": 0, "N": 0}
        limits.append(
            ShiftLimits(
                employee_id=emp.id,
                max_shifts=most_nights,
                max_total_minutes=8 * 450 if emp.id == relief else None,
                max_consecutive_days=6,
                min_consecutive_days_off=2,
                max_weekends=2,
            )
        )

    requests: list[ShiftRequest] = []
    for day in svc.days:
        for pid in night_people:
            if rng.random() < 0.35:
                requests.append(ShiftRequest(employee_id=pid, date=day, kind="on", shift_type="N"))
        for pid in [*supervisors[:4], *operators, *part_time, trainee]:
            r = rng.random()
            if r < 0.12:
                wanted = rng.choice("EL")
                requests.append(ShiftRequest(employee_id=pid, date=day, kind="on", shift_type=wanted))
            elif r < 0.20:
                strong = rng.random() < 0.3
                requests.append(
                    ShiftRequest(employee_id=pid, date=day, kind="off", weight=720 if strong else None)
                )
    days_off = [
        DayOff(employee_id=pid, date=day, reason="does not work Wednesdays")
        for pid in part_time[:1]
        for day in svc.days
        if weekday_name(day) == "wed"
    ]
    leave = (
        Leave(employee_id=operators[0], start_date=date(2027, 2, 8), end_date=date(2027, 2, 12)),
        Leave(
            employee_id=supervisors[1], start_date=date(2027, 2, 18), end_date=date(2027, 2, 19), type="sick"
        ),
    )
    # The week before (history.csv): the night workers worked Wednesday to Friday
    # nights and had the weekend off; two day staff finished a late at 23:00 on
    # the Sunday, so they cannot start an early at 07:00 on Monday (11 hours' rest).
    history = []
    for k in range(1, 8):
        day = CR_START - timedelta(days=k)
        for pid in night_people:
            worked = 3 <= k <= 5
            end = datetime.combine(day + timedelta(days=1), time(7)) if worked else None
            history.append(HistoryDay(employee_id=pid, date=day, hours=7.5 if worked else 0, shift_end=end))
        for pid in (supervisors[0], operators[1]):
            worked = k == 1 or k >= 5
            end = datetime.combine(day, time(23)) if worked else None
            history.append(HistoryDay(employee_id=pid, date=day, hours=7.5 if worked else 0, shift_end=end))
    return Scenario(
        service=svc,
        employees=tuple(people),
        staffing=tuple(staffing),
        leave=leave,
        history=tuple(history),
        shift_cover=tuple(cover),
        shift_limits=tuple(limits),
        days_off=tuple(days_off),
        shift_requests=tuple(requests),
    )


# ---------------------------------------------------------------------------
# A small branch library with a trainee and two under-18s
# ---------------------------------------------------------------------------

# Three weeks from Monday 7 June 2027 (no bank holiday); accounting periods of
# four weeks from Monday 10 May 2027, so the roster straddles two of them.
BL_START = date(2027, 6, 7)
BL_ANCHOR = date(2027, 5, 10)


def branch_library() -> Scenario:
    """Ten people at a branch library, written by hand: the team rules in a small service.

    Open Monday to Friday 09:00-19:00 and Saturday 09:00-16:00; staff may work
    08:30-19:30 (Saturday 08:30-16:30). Never fewer than two on site
    (``min_on_site: 2``); the trainee and the two under-18s only work while a
    supervisor is on duty (``supervision``). One of the three supervisors is on
    annual leave in the second week. The under-18s work after school and on
    Saturdays: 8 hours a day and 40 a week at most, 12 hours' rest between shifts,
    48 hours a week, no work after 22:00.
    """
    svc = Service(
        name="Westgate Branch Library",
        start_date=BL_START,
        weeks=3,
        opening={d: _range("09:00", "19:00") for d in WEEKDAYS[:5]} | {"sat": _range("09:00", "16:00"),
                                                                        "sun": None},
        bandwidth={d: _range("08:30", "19:30") for d in WEEKDAYS[:5]} | {"sat": _range("08:30", "16:30"),
                                                                          "sun": None},
        accrual=AccrualRule(anchor=BL_ANCHOR),
        safety=SafetyRules(supervision=True, min_on_site=2),
        unpopular=(
            UnpopularPattern(name="late finish", weekdays=WEEKDAYS[:5], ends_after=t("18:00")),
            UnpopularPattern(name="Saturday", weekdays=("sat",), ends_after=t("12:00")),
        ),
    )
    lib, sup, tr = "library", "supervisor", "trainee"
    employees = (
        Employee(id="B01", name="Nadia Hussain", skills=(lib, sup), hours_per_week=37),
        Employee(id="B02", name="Owen Price", skills=(lib, sup), hours_per_week=37),
        Employee(id="B03", name="Ruth Kelly", skills=(lib, sup), hours_per_week=30, days_per_week=4),
        Employee(id="B04", name="Sam Okafor", skills=(lib,), hours_per_week=37),
        Employee(id="B05", name="Tara Singh", skills=(lib,), hours_per_week=30, days_per_week=4),
        Employee(id="B06", name="Umar Ali", skills=(lib,), hours_per_week=22.5, days_per_week=3),
        Employee(id="B07", name="Vicky Lloyd", skills=(lib, tr), hours_per_week=37),
        Employee(id="B08", name="Will Harris", skills=(lib,), hours_per_week=18.5, days_per_week=3),
        Employee(id="B09", name="Yasmin Begum", skills=(lib,), hours_per_week=12, days_per_week=3,
                 date_of_birth=date(2010, 3, 15)),
        Employee(id="B10", name="Zac Turner", skills=(lib,), hours_per_week=8, days_per_week=2,
                 date_of_birth=date(2011, 1, 20)),
    )
    staffing: list[StaffingLevel] = []
    for day in WEEKDAYS[:6]:
        end = "16:00" if day == "sat" else "19:00"
        staffing.append(StaffingLevel(day=day, start=t("09:00"), end=t("10:00"), min=2, max=6))
        staffing.append(StaffingLevel(day=day, start=t("10:00"), end=t("16:00"), min=3, max=6))
        if day != "sat":
            staffing.append(StaffingLevel(day=day, start=t("16:00"), end=t("19:00"), min=2, max=6))
        staffing.append(StaffingLevel(day=day, start=t("09:00"), end=t(end), skill=sup, min=1))
    leave = (Leave(employee_id="B02", start_date=date(2027, 6, 14), end_date=date(2027, 6, 19)),)
    early, mid, late = ("08:30", "16:30"), ("09:30", "17:30"), ("11:00", "19:30")
    evening, saturday = ("15:30", "19:30"), ("09:00", "16:00")
    patterns: dict[str, dict[str, tuple[str, str] | None]] = {
        "B01": dict.fromkeys(WEEKDAYS[:5], early),
        "B02": dict.fromkeys(WEEKDAYS[:4], late) | {"fri": early},
        "B03": {"mon": mid, "tue": mid, "thu": late, "sat": saturday, "wed": None, "fri": None},
        "B04": dict.fromkeys(WEEKDAYS[:5], mid),
        "B05": {"mon": early, "tue": early, "wed": early, "fri": early, "thu": None},
        "B06": {"tue": late, "thu": late, "sat": saturday, "mon": None},
        "B07": dict.fromkeys(WEEKDAYS[:5], mid),
        "B08": {"mon": late, "wed": late, "fri": late},
        "B09": {"tue": evening, "thu": evening, "sat": saturday},
        "B10": {"wed": evening, "sat": ("09:00", "13:00")},
    }
    prefs = []
    for eid, pattern in patterns.items():
        for day in svc.days:
            wd = weekday_name(day)
            if wd not in pattern or (eid == "B02" and leave[0].start_date <= day <= leave[0].end_date):
                continue
            slot = pattern[wd]
            if slot is None:
                prefs.append(DayPreference(employee_id=eid, date=day, kind="off"))
            else:
                prefs.append(
                    DayPreference(employee_id=eid, date=day, kind="shift", start=t(slot[0]), end=t(slot[1]))
                )
    wishes = (
        StandingWish(employee_id="B04", weekday="fri", kind="finish_by", time=t("16:00")),
        StandingWish(employee_id="B05", weekday="thu", kind="day_off", strength="strong"),
        StandingWish(employee_id="B08", weekday="sat", kind="day_off"),
    )
    return Scenario(
        service=svc,
        employees=employees,
        staffing=tuple(staffing),
        leave=leave,
        preferences=tuple(prefs),
        wishes=wishes,
    )


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def build(name: str) -> Scenario:
    """The checked-in scenario called ``name``."""
    if name == "contact-centre":
        return contact_centre()
    if name == "library-leisure":
        return library_leisure()
    if name == "tiny":
        return tiny()
    if name == "cctv-control-room":
        return cctv_control_room()
    if name == "branch-library":
        return branch_library()
    raise KeyError(f"unknown scenario {name!r}; known: {', '.join(SCENARIO_NAMES)}")


def write_all(root: Path = ROOT) -> list[Path]:
    """Write every checked-in scenario under ``root`` (README.md files are kept), and the year
    of ``library-leisure`` (``library-leisure/year/``)."""
    from roster.io import save_scenario
    from roster.io.year_files import YEAR_FOLDER, save_year

    written = []
    for name in SCENARIO_NAMES:
        folder = Path(root) / name
        sc = build(name)
        save_scenario(sc, folder)
        if name == "library-leisure":
            save_year(library_leisure_year(scenario=sc), folder / YEAR_FOLDER)
        written.append(folder)
    return written


def _summary(sc: Scenario) -> str:
    ids = [a for a in (achievable(sc, e) for e in sc.employees) if not a.ok]
    hours = sum(e.hours_per_week for e in sc.employees)
    return (
        f"{sc.service.name}: {len(sc.employees)} staff, {hours:g} contracted h/week, "
        f"skills {', '.join(sc.skills)}, {len(sc.staffing)} staffing rows, {len(sc.leave)} leave, "
        f"{len(sc.preferences)} preferences, {len(sc.wishes)} standing wishes; "
        f"unachievable contracts: {', '.join(a.employee_id for a in ids) or 'none'}"
    )


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    for folder in write_all(root):
        print(f"wrote {folder}")
