"""Wishes honoured and the reasons given for refused ones, on the hand roster.

Wishes (see tests/reports/tiny.py for the roster and the cover it gives):

* E3 Mon shift 08:30-12:30; rostered 10:00-14:00. 08:30-10:00 already has the
  maximum of 2 advisors (E1, E2); at 13:00-13:30 (E2 on break) E3 is one of
  exactly 2 advisors, the minimum: cover.
* E1 Mon day off; worked. E1 is the only welsh speaker and one of exactly 2
  advisors in 08:30-10:00, 13:00-13:30, 14:00-16:00: cover. Without the shift
  E1 would be 37 h short with nothing banked: contract hours too.
* E2 Tue standing finish_by 16:00; rostered to 17:00. No level after 12:00 on
  Tuesday. Finishing at 16:00 loses 60 paid minutes: 14:30 rostered of 30:00,
  15:30 short with 1:00 banked: contract hours.
* E2 Fri shift 08:00-14:00 with unpaid part-day leave 09:00-12:00 that day: rules. (A wish
  outside the day's working hours, such as 06:00-12:00, is refused when it is given:
  ``wished_shift_problem``, tests/web/test_wishes.py.)
* E3 Thu shift 10:00-14:00; not rostered. No level on Thursday, and 4 more
  hours would not break the hours rules: trade-off.
* E1 standing day_off on Wednesday: honoured.
"""

from __future__ import annotations

import math

import pandas as pd

from reports.tiny import FRI, MON, THU, TUE, WED, hand_roster, tiny_scenario
from roster.domain import FlexiRule, Scenario
from roster.reports import honoured_percent, refused_wishes, wishes_by_person
from roster.reports.wishes import REFUSED_COLUMNS
from roster.validation import validate


def _scenario() -> Scenario:
    return tiny_scenario(
        preferences=[
            {"employee_id": "E3", "date": MON, "kind": "shift", "start": "08:30", "end": "12:30"},
            {"employee_id": "E1", "date": MON, "kind": "off", "strength": "strong"},
            {"employee_id": "E2", "date": FRI, "kind": "shift", "start": "08:00", "end": "14:00"},
            {"employee_id": "E3", "date": THU, "kind": "shift", "start": "10:00", "end": "14:00"},
        ],
        wishes=[
            {"employee_id": "E2", "weekday": "tue", "kind": "finish_by", "time": "16:00"},
            {"employee_id": "E1", "weekday": "wed", "kind": "day_off"},
        ],
        leave=[
            {"employee_id": "E3", "start_date": WED, "end_date": WED, "type": "annual_leave"},
            # unpaid: not credited, so E2's contracted hours are as without it
            {
                "employee_id": "E2",
                "start_date": FRI,
                "end_date": FRI,
                "start": "09:00",
                "end": "12:00",
                "type": "unpaid",
            },
        ],
    )


def _refused() -> pd.DataFrame:
    sc = _scenario()
    return refused_wishes(sc, hand_roster(), validate(sc, hand_roster()))


def _row(frame: pd.DataFrame, emp: str, day: object) -> dict[str, object]:
    hit = frame[(frame["employee_id"] == emp) & (frame["date"] == day)]
    assert len(hit) == 1
    return dict(hit.iloc[0])


def test_honoured_share_overall_and_per_person() -> None:
    sc = _scenario()
    report = validate(sc, hand_roster())
    assert len(report.wishes) == 6
    pct = honoured_percent(report.wishes)
    assert pct is not None
    assert math.isclose(pct, 100 / 6)
    per = wishes_by_person(sc, report)
    got = {
        r["id"]: (r["wishes"], r["honoured"], r["refused"], r["honoured_pct"]) for r in per.to_dict("records")
    }
    assert got == {"E1": (2, 1, 1, 50.0), "E2": (2, 0, 2, 0.0), "E3": (2, 0, 2, 0.0)}
    assert honoured_percent([]) is None


def test_refused_wishes_table_has_one_row_per_refusal() -> None:
    out = _refused()
    assert list(out.columns) == list(REFUSED_COLUMNS)
    assert len(out) == 5
    assert set(out["reason_kind"]) == {
        "cover",
        "cover; contract hours",
        "contract hours",
        "rules",
        "contract hours / fairness trade-off",
    }


def test_moved_shift_names_the_slots_at_maximum_and_at_minimum() -> None:
    row = _row(_refused(), "E3", MON)
    assert row["wish"] == "shift 08:30-12:30"
    assert row["rostered"] == "10:00-14:00"
    assert row["cost"] == 180  # |10:00-08:30| + |14:00-12:30| minutes x pref_minute 1
    assert row["reason_kind"] == "cover"
    assert row["reason"] == (
        "advisor already at its maximum (2) in 08:30-10:00; "
        "needed for the advisor minimum (2) in 13:00-13:30: without them cover falls short"
    )


def test_worked_day_off_names_cover_and_contract_hours() -> None:
    row = _row(_refused(), "E1", MON)
    assert row["wish"] == "day off"
    assert row["strength"] == "strong"
    assert row["rostered"] == "08:30-16:00 (break 12:00)"
    assert row["reason_kind"] == "cover; contract hours"
    assert row["reason"] == (
        "needed for the advisor minimum (2) in 08:30-10:00, 13:00-13:30, 14:00-16:00: "
        "without them cover falls short; "
        "needed for the welsh minimum (1) in 09:00-12:00, 12:30-16:00: without them cover falls short; "
        "granted on its own, rostered time would be 0:00 against a target of 37:00, "
        "37:00 short with only 0:00 banked to take back"
    )


def test_standing_finish_by_without_cover_limit_is_contract_hours() -> None:
    row = _row(_refused(), "E2", TUE)
    assert row["wish"] == "finish by 16:00 (every tue)"
    assert row["reason_kind"] == "contract hours"
    assert row["reason"] == (
        "granted on its own, rostered time would be 14:30 against a target of 30:00, "
        "15:30 short with only 1:00 banked to take back"
    )


def test_wished_shift_over_part_day_leave_is_a_rule() -> None:
    row = _row(_refused(), "E2", FRI)
    assert row["rostered"] == "off"
    assert row["reason_kind"] == "rules"
    assert row["reason"] == "the wished shift overlaps part-day leave 09:00-12:00"


def test_no_measurable_cause_is_called_a_trade_off() -> None:
    row = _row(_refused(), "E3", THU)
    assert row["reason_kind"] == "contract hours / fairness trade-off"
    assert row["reason"] == (
        "no cover limit or rule was found in the hours involved; changed to balance "
        "contract hours, other people's wishes and fairness across the team"
    )


def test_nothing_refused_gives_an_empty_table() -> None:
    sc = tiny_scenario()
    out = refused_wishes(sc, hand_roster(), validate(sc, hand_roster()))
    assert out.empty
    assert list(out.columns) == list(REFUSED_COLUMNS)


def test_the_rostered_break_is_not_a_refused_slot() -> None:
    # E1 wished 08:30-16:30 and got 08:30-16:00 with a break at 12:00-12:30, when the advisors
    # are at their maximum (2). Only 16:00-16:30 was refused, and there the advisors are short:
    # no cover reason, and 30 more paid minutes would break no hours rule.
    sc = tiny_scenario(
        preferences=[{"employee_id": "E1", "date": MON, "kind": "shift", "start": "08:30", "end": "16:30"}]
    )
    out = refused_wishes(sc, hand_roster(), validate(sc, hand_roster()))
    row = _row(out, "E1", MON)
    assert row["reason_kind"] == "contract hours / fairness trade-off"


def test_a_flexi_teams_reason_is_in_flexi_words() -> None:
    """The same team working flexi (no banked time: a flexi balance of 0 with 10 h of debit
    allowed): E2's finish-by is still refused for the hours, 15:30 short against 10:00 of debit."""
    base = _scenario()
    sc = base.model_copy(
        update={"service": base.service.model_copy(update={"flexi": FlexiRule()}), "banked": []}
    )
    row = _row(refused_wishes(sc, hand_roster(), validate(sc, hand_roster())), "E2", TUE)
    assert row["reason_kind"] == "contract hours"
    assert row["reason"] == (
        "granted on its own, rostered time would be 14:30 against a target of 30:00, "
        "15:30 short with only 10:00 of flexi debit allowed"
    )
