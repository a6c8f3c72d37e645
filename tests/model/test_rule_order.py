"""The order rules are added in cannot change a result: shuffled, the hand-solved optima stay.

Decision variables (and the net minutes and preference cost several rules
share) are made in one place before any rule runs (``SlotModel._create_variables``);
rules only add constraints and terms. Before that, adding CONTRACT_HOURS ahead of
BREAKS gave "optimal" rosters that broke the contract. The instances are those
of tests/model/test_rules.py, with the optimum worked out there.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from ortools.sat.python import cp_model

from helpers import MONDAY, level, monday_only, person, scenario
from roster.domain import AccrualRule, BankedBalance, DayPreference, Scenario
from roster.domain.rules import RuleCode
from roster.model.slot.formulation import SlotModel
from roster.model.slot.rules import RULE_ADDERS
from roster.validation import validate


def _instances() -> list[tuple[str, Scenario, int]]:
    pref = DayPreference(employee_id="E1", date=MONDAY, kind="shift", start=540, end=780)
    return [
        # a lone 8-hour worker's break leaves 30 person-minutes uncovered (BREAKS, COVERAGE)
        ("break gap", scenario(monday_only(), [person("E1", 8)], staffing=[level("08:30-17:00", 1)]), 30_000),
        # a wished shift moves to meet cover: PREFERENCES 105, FAIRNESS 420, ACCRUAL 15
        (
            "wish moves",
            scenario(
                monday_only(), [person("E1", 4)], preferences=[pref], staffing=[level("13:00-14:00", 1)]
            ),
            540,
        ),
        # the grid: 444 contracted minutes paid 450, 6 banked (CONTRACT_HOURS, ACCRUAL)
        ("grid", scenario(monday_only(), [person("E1", 7.4)]), 6),
        # the period cap is full: 9 minutes taken back (ACCRUAL)
        (
            "cap",
            scenario(
                monday_only(accrual=AccrualRule(anchor=date(2026, 12, 28))),
                [person("E1", 7.4)],
                banked=[BankedBalance(employee_id="E1", period_start=date(2026, 12, 28), minutes=89)],
            ),
            9,
        ),
        # three 4-hour people, at most one at a time: unpopular shifts shared (FAIRNESS)
        (
            "unpopular",
            scenario(
                monday_only(),
                [person("E1", 4), person("E2", 4), person("E3", 4)],
                staffing=[level("08:30-17:00", 0, 1)],
            ),
            30,
        ),
    ]


def _optimum(sc: Scenario, order: list[int]) -> tuple[int, int]:
    rules = [RULE_ADDERS[i] for i in order]
    m = SlotModel(sc, rules=rules)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 30
    solver.parameters.random_seed = 0
    status = solver.solve(m.model)
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    roster = m.extract_roster(solver)
    report = validate(sc, roster)
    assert report.hard_violations == (), report.hard_violations
    return round(solver.objective_value), report.objective


@pytest.mark.parametrize("name, sc, optimum", _instances(), ids=[i[0] for i in _instances()])
def test_shuffled_rules_give_the_same_optimum(name: str, sc: Scenario, optimum: int) -> None:
    n = len(RULE_ADDERS)
    orders = [list(range(n)), list(reversed(range(n)))]
    rng = random.Random(7)
    for _ in range(3):
        order = list(range(n))
        rng.shuffle(order)
        orders.append(order)
    for order in orders:
        assert _optimum(sc, order) == (optimum, optimum), [RULE_ADDERS[i].code for i in order]


def test_contract_before_breaks_still_counts_the_break() -> None:
    # The order that used to break CONTRACT_HOURS: contract and coverage first, breaks last.
    first = [RuleCode.CONTRACT_HOURS, RuleCode.ACCRUAL, RuleCode.COVERAGE]
    order = sorted(range(len(RULE_ADDERS)), key=lambda i: (RULE_ADDERS[i].code not in first, -i))
    sc = scenario(monday_only(), [person("E1", 8)], staffing=[level("08:30-17:00", 1)])
    assert _optimum(sc, order) == (30_000, 30_000)
