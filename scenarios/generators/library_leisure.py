"""Library and leisure: a town-centre library and leisure centre of 20 staff, three weeks round the
Spring bank holiday, and its leave year (``library-leisure/year/``: leave, seasonal demand, a profile)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from generators.common import Person, Slot, _length_for_paid, _names, _preferences, _range, _split_week, t
from roster.domain import (
    AccrualRule,
    BankedBalance,
    DateException,
    Employee,
    FairnessRecord,
    Leave,
    Scenario,
    SeasonalHours,
    SeasonalLevel,
    Service,
    StaffingLevel,
    StandingWish,
    UnpopularPattern,
)
from roster.io.year_files import YearInputs
from roster.timegrid import WEEKDAYS

# Library and leisure: three weeks from Monday 24 May 2027, including the Spring
# bank holiday (Monday 31 May, closed) and the school half-term week after it.
LL_START = date(2027, 5, 24)
LL_ANCHOR = date(2027, 5, 10)


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
# The year (SCENARIO/year/)
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
        return all(
            self.count.get((g, d), 0) < self.most[g]
            for g, people in self.groups.items()
            if who in people
            for d in days
        )

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


def _ll_week_off(
    svc: Service,
    away: _Away,
    emp: Employee,
    monday: date,
    fortnight: bool,
    left: dict[str, int],
    book: Callable[[str, Sequence[date]], None],
) -> bool:
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
        ("fri",),
        ("mon",),
        ("fri", "sat"),
        ("thu", "fri"),
        ("mon", "tue"),
        ("wed",),
        ("tue",),
        ("sat",),
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
