"""The contact centre: a council customer-contact centre of 35 people (more for the benchmarks:
``contact_centre(n_staff=300)``)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from generators.common import Person, Slot, _names, _preferences, _shift, t
from roster.domain import (
    AccrualRule,
    BankedBalance,
    Employee,
    FairnessRecord,
    FixedShift,
    Leave,
    Scenario,
    Service,
    StaffingLevel,
    StandingWish,
)
from roster.timegrid import WEEKDAYS, weekday_name

# Contact centre: three weeks from Monday 4 January 2027 (after the New Year's
# Day bank holiday; the period itself has none). Accounting periods of four
# weeks from Monday 14 December 2026 put 4-10 January in one period and
# 11-24 January in the next, so the roster straddles two accounting periods.
CC_START = date(2027, 1, 4)
CC_ANCHOR = date(2026, 12, 14)


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
