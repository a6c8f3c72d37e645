"""PIN and STABILITY: hand-built rosters checked against a solve request, exact figures."""

from __future__ import annotations

from roster.domain import Penalty
from roster.domain.request import Pin, SolveRequest
from roster.validation import validate

from .conftest import day, employee, facts, roster, scenario, shift


def test_pins_kept_give_no_violation_and_pins_broken_are_named() -> None:
    sc = scenario([employee("A"), employee("B")])
    kept = shift("A", 0, "09:00", "17:30", brk="13:00")
    pins = (
        Pin(employee_id="A", date=day(0), shift=kept, source="pins.csv row 2"),
        Pin(employee_id="A", date=day(1), source="pins.csv row 3"),  # A off on Tuesday
        Pin(employee_id="B", date=day(0), shift=shift("B", 0, "08:00", "16:30", brk="12:00")),
    )
    request = SolveRequest(scenario=sc, pins=pins)
    rs = roster(
        kept,
        shift("A", 1, "09:00", "13:00"),  # worked on a pinned day off: 240 paid minutes, limit 0
        shift("B", 0, "08:00", "16:30", brk="12:30"),  # break moved: not the pinned shift
    )
    found = validate(sc, rs, request).violations
    assert facts(found, "PIN") == [
        ("PIN", "A", day(1), 240, 0),
        ("PIN", "B", day(0), None, None),
    ]
    messages = [v.message for v in found if v.rule == "PIN"]
    assert messages[0] == (
        "A works 09:00-13:00 on 2027-01-05, which the manager pinned off "
        "(pin A 2027-01-05 off (pins.csv row 3))"
    )
    assert messages[1] == (
        "B on 2027-01-04: pinned 08:00-16:30 (break from 12:00), rostered 08:00-16:30 (break from 12:30) "
        "(pin B 2027-01-04 08:00-16:30)"
    )
    # Without the request the same roster has no PIN violation: pins belong to the request.
    assert facts(validate(sc, rs).violations, "PIN") == []


def test_max_changes_counts_added_removed_and_moved_shifts() -> None:
    sc = scenario([employee("A")])
    base = roster(shift("A", 0, "09:00", "17:30", brk="13:00"), shift("A", 1, "09:00", "17:30", brk="13:00"))
    rs = roster(
        shift("A", 0, "09:00", "17:30", brk="13:00"),  # unchanged
        shift("A", 2, "09:00", "17:30", brk="13:00"),  # Tuesday removed, Wednesday added
    )
    request = SolveRequest(scenario=sc, base=base, stability=1, max_changes=1)
    assert facts(validate(sc, rs, request).violations, "PIN") == [("PIN", "A", None, 2, 1)]
    relaxed = request.model_copy(update={"max_changes": 2})
    assert facts(validate(sc, rs, relaxed).violations, "PIN") == []


def test_stability_penalties_measure_minutes_moved_and_shifts_changed() -> None:
    sc = scenario([employee("A"), employee("B")])
    base = roster(
        shift("A", 0, "09:00", "17:30", brk="13:00"),
        shift("A", 1, "09:00", "17:30", brk="13:00"),
        shift("B", 0, "08:00", "14:00"),
    )
    rs = roster(
        shift("A", 0, "09:30", "18:00", brk="13:15"),  # start 30 + end 30 + break 15 = 75 minutes
        shift("A", 2, "09:00", "17:30", brk="13:00"),  # Tuesday removed, Wednesday added
        shift("B", 0, "08:00", "14:30", brk="11:00"),  # end 30 + a break where none was (30) = 60
    )
    request = SolveRequest(scenario=sc, base=base, stability=3)
    stability = [p for p in validate(sc, rs, request).penalties if p.rule == "STABILITY"]
    assert stability == [
        Penalty(rule="STABILITY", employee_id="A", date=day(0), detail="minutes moved", measure=75, weight=3),
        Penalty(
            rule="STABILITY", employee_id="A", date=day(1), detail="shift removed", measure=1, weight=720
        ),
        Penalty(rule="STABILITY", employee_id="A", date=day(2), detail="shift added", measure=1, weight=720),
        Penalty(rule="STABILITY", employee_id="B", date=day(0), detail="minutes moved", measure=60, weight=3),
    ]
    report = validate(sc, rs, request)
    assert report.cost_by_rule()["STABILITY"] == 75 * 3 + 2 * 720 + 60 * 3
    # The objective without the request leaves STABILITY out.
    assert "STABILITY" not in validate(sc, rs).cost_by_rule()
