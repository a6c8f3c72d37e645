"""TAKEBACK_COVER: banked time is taken back only while minimum cover holds (POLICY.md section 3).

One Monday, opening 09:00-13:00 (the bandwidth 07:00-19:00), E1 contracted 5 h (target
300) with 60 banked minutes that lapse in this roster unless taken back (anchor
2026-12-14: banked in 2026-11-16..12-13, carried to 2027-01-10). Lapsing costs 5 a
minute, taking back 1. Taking it back is working 4 h (240 paid, no break up to 6 h).
"""

from __future__ import annotations

from datetime import date, datetime

from helpers import FAST, level, monday_only, person, scenario, solve_checked
from roster.domain import AccrualRule, BankedBalance, Roster, Scenario, Shift, ShiftLength
from roster.model import solve
from roster.validation import validate

RULE = AccrualRule(anchor=date(2026, 12, 14))
BANKED = [BankedBalance(employee_id="E1", period_start=date(2026, 11, 16), minutes=60)]


def _scenario(minimum: int, **service: object) -> Scenario:
    svc = monday_only(opening="09:00-13:00", accrual=RULE, **service)
    return scenario(svc, [person("E1", 5)], banked=BANKED, staffing=[level("09:00-13:00", minimum)])


def test_time_is_taken_back_while_cover_holds(engine: str) -> None:
    # min 1: 09:00-13:00 covers every slot and takes the 60 minutes back: cost 60.
    result = solve_checked(_scenario(1), engine=engine)
    assert result.objective == 60
    (shift,) = result.roster.shifts
    assert shift.paid_minutes == 240


def test_time_is_not_taken_back_while_e1_could_fill_a_short_minimum(engine: str) -> None:
    # min 2 and only E1: every slot is one short whatever E1 works (16 slots x 15 min x
    # 1000 = 240,000). Taking back (cost 60) would leave a minimum short that E1 could
    # fill, so E1 works the full 5 h and the 60 minutes lapse: 240,000 + 60 x 5 = 240,300.
    result = solve_checked(_scenario(2), engine=engine)
    assert result.objective == 240_300
    (shift,) = result.roster.shifts
    assert shift.paid_minutes == 300


def test_the_infeasible_twin_is_named(engine: str) -> None:
    # Shifts of at most 4 h: E1 can only work 240 and must take 60 back, while the
    # minimum of 2 is short. CONTRACT_HOURS allows it; TAKEBACK_COVER does not.
    sc = _scenario(2, shift_length=ShiftLength(min_minutes=240, max_minutes=240))
    result = solve(sc, FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("TAKEBACK_COVER" in d and "E1" in d for d in result.diagnosis), result.diagnosis
    # with the minimum met, the same 4 h are legal
    four_hours_only = ShiftLength(min_minutes=240, max_minutes=240)
    assert solve_checked(_scenario(1, shift_length=four_hours_only), engine=engine).objective == 60


def test_a_remainder_below_one_slot_is_rounding_not_a_takeback(engine: str) -> None:
    # 4 h 50 (290) contracted and capped at 4 h 45 of shift: 5 minutes short of the target
    # is the rounding of an off-grid target, allowed while the minimum of 2 is short.
    svc = monday_only(
        opening="09:00-13:00", accrual=RULE, shift_length=ShiftLength(min_minutes=240, max_minutes=285)
    )
    banked = [BankedBalance(employee_id="E1", period_start=date(2026, 11, 16), minutes=50)]
    sc = scenario(svc, [person("E1", 290 / 60)], banked=banked, staffing=[level("09:00-13:00", 2)])
    result = solve_checked(sc, engine=engine)
    assert result.roster.shifts[0].paid_minutes == 285


def test_the_validator_refuses_a_takeback_beside_a_short_minimum() -> None:
    four_hours = Roster(
        shifts=(
            Shift(
                employee_id="E1",
                date=date(2027, 1, 4),
                start=datetime(2027, 1, 4, 9),
                end=datetime(2027, 1, 4, 13),
            ),
        )
    )
    (v,) = [v for v in validate(_scenario(2), four_hours).violations if v.rule == "TAKEBACK_COVER"]
    assert (v.employee_id, v.measured, v.limit, v.time) == ("E1", 60, 14, "09:00-09:15")
    assert v.message.startswith("E1 takes 1 h of banked time back while minimum cover is short")
    assert "2027-01-04 09:00-09:15 team (1 short)" in v.message and "and 13 more slot(s)" in v.message
    assert not [v for v in validate(_scenario(1), four_hours).violations if v.hard]


def test_with_no_rounding_allowed_the_remainder_is_a_takeback(engine: str) -> None:
    rule = AccrualRule(anchor=date(2026, 12, 14), takeback_rounding_minutes=0)
    svc = monday_only(
        opening="09:00-13:00", accrual=rule, shift_length=ShiftLength(min_minutes=240, max_minutes=285)
    )
    banked = [BankedBalance(employee_id="E1", period_start=date(2026, 11, 16), minutes=50)]
    sc = scenario(svc, [person("E1", 290 / 60)], banked=banked, staffing=[level("09:00-13:00", 2)])
    assert solve(sc, FAST, engine=engine).status == "INFEASIBLE"
    five_short = Roster(
        shifts=(
            Shift(
                employee_id="E1",
                date=date(2027, 1, 4),
                start=datetime(2027, 1, 4, 9),
                end=datetime(2027, 1, 4, 13, 45),
            ),
        )
    )
    assert [v.measured for v in validate(sc, five_short).violations if v.rule == "TAKEBACK_COVER"] == [5]
