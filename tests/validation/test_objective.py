"""Soft rules: PREFERENCES, FAIRNESS and the ACCRUAL costs, objective worked out by hand."""

from __future__ import annotations

import datetime as dt

from roster.domain import Weights
from roster.validation import validate

from .conftest import MON, day, employee, roster, scenario, service, shift, weekdays


def test_preferences_and_fairness() -> None:
    sc = scenario(
        [employee("A"), employee("B"), employee("F", pattern="fixed")],
        preferences=[
            {"employee_id": "A", "date": day(0), "kind": "shift", "start": "09:00", "end": "15:00"},
            {"employee_id": "A", "date": day(1), "kind": "shift", "start": "09:00", "end": "15:00",
             "strength": "strong"},
            {"employee_id": "A", "date": day(2), "kind": "off"},
            {"employee_id": "A", "date": day(3), "kind": "off", "strength": "strong"},
            {"employee_id": "A", "date": day(4), "kind": "any"},
        ],
        wishes=[
            {"employee_id": "A", "weekday": "fri", "kind": "finish_by", "time": "14:00",
             "strength": "strong"},
            {"employee_id": "A", "weekday": "mon", "kind": "start_after", "time": "10:00"},  # dated wins
            {"employee_id": "A", "weekday": "tue", "kind": "day_off"},  # dated wins
            {"employee_id": "B", "weekday": "mon", "kind": "start_after", "time": "10:00"},
            {"employee_id": "B", "weekday": "tue", "kind": "day_off"},
            {"employee_id": "B", "weekday": "wed", "kind": "finish_by", "time": "12:00"},
            {"employee_id": "B", "weekday": "thu", "kind": "day_off"},  # on leave: not considered
            {"employee_id": "B", "weekday": "sat", "kind": "day_off"},  # no bandwidth: not considered
            {"employee_id": "F", "weekday": "mon", "kind": "day_off"},  # fixed pattern: ignored
        ],
        leave=[{"employee_id": "B", "start_date": day(3), "end_date": day(3)}],
        fairness=[{"employee_id": "B", "gave_way": 3}],
    )  # fmt: skip
    rs = roster(
        shift("A", 0, "10:00", "15:00"),  # wished 09:00-15:00: 60 min moved x 1 = 60
        # A Tuesday: strong shift wish, not worked: 3 x 240 = 720
        shift("A", 2, "09:00", "13:00"),  # wished off: 240
        # A Thursday: strong off wish, honoured: 0
        shift("A", 4, "09:00", "15:00"),  # strong finish by 14:00: 3 x 60 = 180
        shift("B", 0, "07:30", "11:30"),  # start after 10:00: 150; also an early start
        shift("B", 1, "09:00", "13:00"),  # standing day off: 240
        # B Wednesday: not worked, finish by 12:00 honoured: 0
        shift("F", 0, "07:00", "11:00"),  # early, but F is not self-rostered
    )
    report = validate(sc, rs)
    # P_A = 60 + 720 + 240 + 0 + 180 = 1200; P_B = 150 + 240 + 0 = 390; PREFERENCES = 1590.
    # FAIRNESS: max(4 x 1200, (4 + 3) x 390 = 2730) = 4800 x 1 = 4800;
    #           unpopular: U_A = 0, U_B = 1 (07:30 < 08:00): 30 x 1 = 30.
    # ACCRUAL: A paid 300 + 240 + 360 = 900, net -900; B paid 480 vs 1800 - 360 (leave
    #   credit) = 1440, net -960; F paid 240 vs 1800, net -1560; all taken back x 1 = 3420.
    # Objective = 1590 + 4800 + 30 + 3420 = 9840.
    assert [(w.employee_id, w.date, w.kind, w.strength, w.honoured, w.cost) for w in report.wishes] == [
        ("A", day(0), "shift", "prefer", False, 60),
        ("A", day(1), "shift", "strong", False, 720),
        ("A", day(2), "off", "prefer", False, 240),
        ("A", day(3), "off", "strong", True, 0),
        ("A", day(4), "finish_by", "strong", False, 180),
        ("B", day(0), "start_after", "prefer", False, 150),
        ("B", day(1), "day_off", "prefer", False, 240),
        ("B", day(2), "finish_by", "prefer", True, 0),
    ]
    assert report.wishes_honoured == 0.25
    assert report.cost_by_rule() == {"PREFERENCES": 1590, "FAIRNESS": 4830, "ACCRUAL": 3420}
    assert report.objective == 9840
    assert report.cost_by_employee() == {
        "A": {"PREFERENCES": 1200, "ACCRUAL": 900},
        "B": {"PREFERENCES": 390, "ACCRUAL": 960},
        "F": {"ACCRUAL": 1560},
    }
    fairness = [(p.detail, p.measure, p.weight) for p in report.penalties if p.rule == "FAIRNESS"]
    assert fairness == [
        ("largest weighted preference cost (A)", 4800, 1),
        ("most unpopular shifts for one person (B)", 1, 30),
    ]
    moved = next(p for p in report.penalties if p.rule == "PREFERENCES")
    assert (moved.employee_id, moved.date, moved.measure, moved.weight) == ("A", day(0), 60, 1)
    assert moved.detail == "moved from 09:00-15:00 to 10:00-15:00"


def test_unpopular_patterns_count_once_per_pattern() -> None:
    svc = service(
        bandwidth={d: {"start": "06:00", "end": "20:00"} for d in ("mon", "tue", "wed", "thu", "fri")}
    )
    sc = scenario([employee("A"), employee("B")], svc, weights=Weights(accrual_minute=0, takeback_minute=0))
    rs = roster(
        shift("A", 0, "07:00", "17:00", brk="12:00"),  # early start: 1
        shift("A", 4, "07:00", "16:00", brk="12:00"),  # early start + Friday afternoon: 2
        shift("B", 3, "10:00", "19:00", brk="14:00"),  # late finish: 1
    )
    report = validate(sc, rs)
    # U_A = 3, U_B = 1: unpopular_max 30 x 3 = 90
    assert report.cost_by_rule() == {"FAIRNESS": 90}
    assert report.objective == 90


def test_lapsing_balance_and_taking_it_back() -> None:
    # Periods of 4 weeks from 2026-11-16: p0 = 2026-11-16, p1 = 2026-12-14, p2 = 2027-01-11.
    # 100 min banked in p0 may be carried into p1 only; p1 ends on the roster's last day
    # (Sunday 2027-01-10), so the 100 min are usable now and lapse unless taken back.
    anchor = MON - dt.timedelta(weeks=7)
    svc = service(accrual={"anchor": anchor})
    banked = [{"employee_id": "A", "period_start": anchor, "minutes": 100}]
    sc = scenario([employee("A")], svc, banked=banked)

    exact = validate(sc, roster(*weekdays("A", "09:00", "15:00")))
    # net 0: nothing taken back, 100 lapse: lapse_minute 5 x 100 = 500
    assert exact.violations == ()
    assert exact.objective == 500

    shorter = validate(
        sc, roster(*weekdays("A", "09:00", "15:00", days=range(4)), shift("A", 4, "09:00", "14:00"))
    )
    # net -60 >= -100: allowed; taken back 60 x 1 = 60, lapsing 40 x 5 = 200: 260
    assert shorter.violations == ()
    assert [(p.detail, p.measure, p.weight) for p in shorter.penalties] == [
        ("minutes taken back", 60, 1),
        ("banked minutes left to lapse", 40, 5),
    ]
    assert shorter.objective == 260
