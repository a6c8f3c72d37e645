"""The CCTV control room: a 24/7 service on early, late and night shift types (SHIFT_TYPES)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from generators.common import _names, _range, t
from roster.domain import (
    AccrualRule,
    DayOff,
    Employee,
    HistoryDay,
    Leave,
    SafetyRules,
    Scenario,
    Service,
    ShiftCover,
    ShiftLimits,
    ShiftRequest,
    ShiftType,
    StaffingLevel,
    UnpopularPattern,
)
from roster.timegrid import WEEKDAYS, weekday_name

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
