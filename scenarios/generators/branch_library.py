"""The branch library: ten people, written by hand, the team rules (on site, supervision) in a
small service."""

from __future__ import annotations

from datetime import date

from generators.common import _range, t
from roster.domain import (
    AccrualRule,
    DayPreference,
    Employee,
    Leave,
    SafetyRules,
    Scenario,
    Service,
    StaffingLevel,
    StandingWish,
    UnpopularPattern,
)
from roster.timegrid import WEEKDAYS, weekday_name

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
        opening={d: _range("09:00", "19:00") for d in WEEKDAYS[:5]}
        | {"sat": _range("09:00", "16:00"), "sun": None},
        bandwidth={d: _range("08:30", "19:30") for d in WEEKDAYS[:5]}
        | {"sat": _range("08:30", "16:30"), "sun": None},
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
        Employee(
            id="B09",
            name="Yasmin Begum",
            skills=(lib,),
            hours_per_week=12,
            days_per_week=3,
            date_of_birth=date(2010, 3, 15),
        ),
        Employee(
            id="B10",
            name="Zac Turner",
            skills=(lib,),
            hours_per_week=8,
            days_per_week=2,
            date_of_birth=date(2011, 1, 20),
        ),
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
