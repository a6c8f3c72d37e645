"""Who could cover a gap, on the hand-checked tiny roster (tests/reports/tiny.py)."""

from __future__ import annotations

from reports.tiny import MON, TUE, hand_roster, tiny_scenario
from roster.reports import who_could_cover


def test_candidates_hold_the_skill_and_are_free_that_day_the_furthest_under_target_first() -> None:
    frame = who_could_cover(tiny_scenario(), hand_roster())
    tuesday = frame[(frame["date"] == TUE) & (frame["skill"] == "advisor")]
    # E2 is on a shift on Tuesday; E1 (37 h, one 7-hour shift) is further under target than E3 (20 h)
    assert list(tuesday["employee_id"]) == ["E1", "E3"]
    assert list(tuesday["days_that_week"]) == [1, 1]
    # on Monday all three work: the gaps have nobody to ask
    monday = frame[frame["date"] == MON]
    assert set(monday["employee_id"]) == {""}
    assert len(monday) == 3  # the three Monday gaps, one row each
