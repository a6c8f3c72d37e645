"""hours_frame on the hand roster: every figure worked by hand."""

from __future__ import annotations

from reports.tiny import hand_roster, tiny_scenario
from roster.reports import hours_frame


def test_hours_frame_figures_are_exact() -> None:
    frame = hours_frame(tiny_scenario(), hand_roster())
    assert frame["id"].tolist() == ["E1", "E2", "E3"]
    rows = {r["id"]: r for r in frame.to_dict("records")}

    # E1: Mon 08:30-16:00 less 30 min break = 420 paid; 37 h = 2220 target.
    e1 = rows["E1"]
    assert e1["name"] == "Ann"
    assert e1["pattern"] == "self"
    assert e1["contract_hours"] == 37.0
    assert (e1["target_minutes"], e1["rostered_minutes"], e1["net_minutes"]) == (2220, 420, -1800)
    assert (e1["banked_minutes"], e1["taken_minutes"], e1["days_worked"]) == (0, 1800, 1)
    assert (e1["target"], e1["rostered"], e1["net"]) == ("37:00", "7:00", "-30:00")
    assert e1["status"] == "takes back 30:00"
    # Cap 444 x 37/37; one day worked banks at most 22.
    assert e1["room 2027-01-04"] == 444
    assert e1["bank_limit_minutes"] == 22
    assert e1["usable_balance_minutes"] == 0

    # E2: Mon 480 + Tue 450 = 930 paid; 30 h = 1800; 60 min banked in the period from
    # 2026-12-07, usable until 2027-01-31 (so not expiring this week).
    e2 = rows["E2"]
    assert (e2["target_minutes"], e2["rostered_minutes"], e2["net_minutes"]) == (1800, 930, -870)
    assert (e2["days_worked"], e2["usable_balance_minutes"], e2["expiring_balance_minutes"]) == (2, 60, 0)
    assert e2["room 2027-01-04"] == 360  # 444 x 30/37
    assert e2["bank_limit_minutes"] == 44
    assert (e2["rostered"], e2["net"], e2["usable_balance"]) == ("15:30", "-14:30", "1:00")
    assert e2["accrual_room"] == "2027-01-04: 6:00"

    # E3: 4 h on Monday; 20 h less one day of annual leave (20 h / 5 = 240) = 960.
    e3 = rows["E3"]
    assert (e3["target_minutes"], e3["rostered_minutes"], e3["net_minutes"]) == (960, 240, -720)
    assert e3["room 2027-01-04"] == 240
    assert e3["bank_limit_minutes"] == 22


def test_banked_time_is_reported_as_banked() -> None:
    from reports.tiny import shift
    from roster.domain import Roster

    sc = tiny_scenario(
        employees=[
            {"id": "E1", "name": "Ann", "skills": "advisor;welsh", "hours_per_week": 37},
            {"id": "E2", "name": "Bob", "skills": "advisor", "hours_per_week": 4},
            {"id": "E3", "name": "Cat", "skills": "advisor", "hours_per_week": 20},
        ],
        banked=[],  # 4 h a week: the tiny scenario's 60 banked minutes would be above E2's cap of 48
    )
    frame = hours_frame(sc, Roster(shifts=(shift("E2", 0, "09:00", "13:15"),)))
    e2 = frame[frame["id"] == "E2"].iloc[0]
    assert (e2["rostered_minutes"], e2["net_minutes"], e2["banked_minutes"]) == (255, 15, 15)
    assert (e2["net"], e2["status"]) == ("+0:15", "banks 0:15")
