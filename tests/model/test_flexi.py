"""FLEXI: a flexi team's balance bounds and flexi leave (POLICY.md section 6; docs/rules.md).

Monday 2027-01-04 alone, opening 09:00-13:00 (bandwidth 07:00-19:00), minimum 1 all opening,
shifts of exactly 4 h. E1 is contracted 5 h. Self-rostered, E1 cannot work 5 h in a 4-hour shift
and has no banked time: infeasible under CONTRACT_HOURS. In a flexi team the hour short goes on
the flexi balance (10 h of debit allowed): 4 h worked, the hour taken costs 60 (takeback 1 a
minute). With 9 h 20 already in debit only 40 minutes more may be: infeasible again. Contracted
3 h 30 instead, the 30 minutes over go on the balance while it stays within 15 h of credit.
"""

from __future__ import annotations

from datetime import date, datetime

from helpers import FAST, level, monday_only, person, scenario, solve_checked, week_service
from roster.domain import FlexiBalance, FlexiRule, Leave, Roster, Scenario, Shift, ShiftLength
from roster.domain.rules import RuleCode
from roster.model import solve
from roster.validation import validate

FOUR_HOURS = ShiftLength(min_minutes=240, max_minutes=240)
MON = date(2027, 1, 4)
FLEXI = FlexiRule()


def _scenario(hours: float = 5, flexi: FlexiRule | None = FLEXI, balance: int | None = None) -> Scenario:
    svc = monday_only(opening="09:00-13:00", shift_length=FOUR_HOURS, flexi=flexi)
    tables: dict[str, object] = {}
    if balance is not None:
        tables["flexi"] = [FlexiBalance(employee_id="E1", minutes=balance)]
    return scenario(svc, [person("E1", hours)], staffing=[level("09:00-13:00", 1)], **tables)


def test_a_flexi_team_may_work_under_contract_within_the_debit_allowed(engine: str) -> None:
    assert solve(_scenario(flexi=None), FAST, engine=engine).status == "INFEASIBLE"
    result = solve_checked(_scenario(), engine=engine)
    assert result.objective == 60
    assert [s.paid_minutes for s in result.roster.shifts] == [240]


def test_a_debit_beyond_the_allowed_is_infeasible_and_named(engine: str) -> None:
    result = solve(_scenario(balance=-560), FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("CONTRACT_HOURS" in d and "E1" in d for d in result.diagnosis), result.diagnosis
    assert solve_checked(_scenario(balance=-540), engine=engine).objective == 60


def test_credit_that_would_lapse_is_never_planned(engine: str) -> None:
    # 3 h 30 contracted, 4 h worked: 30 minutes of credit, no daily limit in flexi (22 would cap it)
    assert solve_checked(_scenario(3.5, balance=870), engine=engine).objective == 30
    result = solve(_scenario(3.5, balance=880), FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("ACCRUAL" in d and "E1" in d for d in result.diagnosis), result.diagnosis


def _leave_scenario(*leave: Leave) -> Scenario:
    svc = week_service(("mon", "tue", "wed"), opening="09:00-13:00", flexi=FlexiRule())
    staffing = [level("09:00-13:00", 0, day=d) for d in ("mon", "tue", "wed")]
    return scenario(svc, [person("E1", 8, days_per_week=2)], staffing=staffing, leave=list(leave))


def test_flexi_leave_is_one_day_or_two_half_days_a_period(engine: str) -> None:
    tue, wed = date(2027, 1, 5), date(2027, 1, 6)
    two_halves = _leave_scenario(
        Leave(employee_id="E1", start_date=tue, end_date=tue, start=9 * 60, end=11 * 60, type="flexi"),
        Leave(employee_id="E1", start_date=wed, end_date=wed, start=9 * 60, end=11 * 60, type="flexi"),
    )
    assert solve_checked(two_halves, engine=engine).status in ("OPTIMAL", "FEASIBLE")
    two_days = _leave_scenario(Leave(employee_id="E1", start_date=tue, end_date=wed, type="flexi"))
    result = solve(two_days, FAST, engine=engine)
    assert result.status == "INFEASIBLE"
    assert any("FLEXI" in d and "E1" in d for d in result.diagnosis), result.diagnosis


def test_the_validator_checks_flexi_leave_and_says_the_balance_bounds_in_flexi_words() -> None:
    tue, wed = date(2027, 1, 5), date(2027, 1, 6)
    sc = _leave_scenario(Leave(employee_id="E1", start_date=tue, end_date=wed, type="flexi"))
    (v,) = [v for v in validate(sc, Roster()).violations if v.rule == RuleCode.FLEXI]
    assert (v.employee_id, v.measured, v.limit) == ("E1", 2.0, 1.0)
    assert "takes 2 days of flexi leave in the flexi period from 2027-01-04" in v.message
    four = Roster(
        shifts=(
            Shift(employee_id="E1", date=MON, start=datetime(2027, 1, 4, 9), end=datetime(2027, 1, 4, 13)),
        )
    )
    (v,) = [v for v in validate(_scenario(balance=-560), four).violations if v.hard]
    assert (v.rule, v.measured, v.limit) == (RuleCode.CONTRACT_HOURS, -60, -40)
    assert "the flexi balance may end the roster at most 10 h in debit" in v.message
    (v,) = [v for v in validate(_scenario(3.5, balance=880), four).violations if v.hard]
    assert (v.rule, v.measured, v.limit) == (RuleCode.ACCRUAL, 30, 20)
    assert "at most 15 h in credit (more would lapse)" in v.message
