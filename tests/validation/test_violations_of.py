"""``violations_of``: the validator's checks for some rules only, finding what ``validate`` finds."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from roster import load_scenario, validate
from roster.domain import Roster, Shift
from roster.domain.rules import HARD_CODES, RuleCode
from roster.timegrid import to_datetime
from roster.validation import violations_of

ROOT = Path(__file__).resolve().parents[2]


def test_the_chosen_rules_give_the_full_validators_violations_of_them() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    day = sc.service.start_date
    # T1 works 14:00-22:00 and then 06:00-09:00 the next morning: 8 hours of rest (REST_DAILY),
    # outside the bandwidth, a 3-hour shift (SHIFT_LENGTH) and far short of contract
    late = Shift(
        employee_id="T1",
        date=day,
        start=to_datetime(day, 840),
        end=to_datetime(day, 1320),
        break_start=to_datetime(day, 1080),
        break_end=to_datetime(day, 1110),
    )
    nxt = day + timedelta(days=1)
    early = Shift(employee_id="T1", date=nxt, start=to_datetime(nxt, 360), end=to_datetime(nxt, 540))
    roster = Roster(shifts=(late, early))
    full = validate(sc, roster).hard_violations
    assert {RuleCode.REST_DAILY, RuleCode.CONTRACT_HOURS} <= {v.rule for v in full}
    every = HARD_CODES | {RuleCode.CONTRACT_HOURS, RuleCode.ACCRUAL, RuleCode.TAKEBACK_COVER}
    assert sorted(map(str, violations_of(sc, roster, frozenset(every)))) == sorted(map(str, full))
    some = frozenset({RuleCode.REST_DAILY, RuleCode.CONTRACT_HOURS})
    assert sorted(map(str, violations_of(sc, roster, some))) == sorted(str(v) for v in full if v.rule in some)
    assert violations_of(sc, roster, frozenset({RuleCode.NIGHT_WORK})) == []
