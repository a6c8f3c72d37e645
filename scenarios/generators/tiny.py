"""Tiny: five people at a small contact desk, written by hand (the README's and the tests' scenario)."""

from __future__ import annotations

from datetime import date

from generators.common import t
from generators.contact_centre import CC_ANCHOR, CC_START
from roster.domain import (
    AccrualRule,
    BankedBalance,
    DayPreference,
    Employee,
    FairnessRecord,
    Leave,
    Scenario,
    Service,
    StaffingLevel,
    StandingWish,
)
from roster.timegrid import WEEKDAYS, weekday_name


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
