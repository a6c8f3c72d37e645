"""Column generation over person rosters (issue 10, step 1): a proved lower bound.

The bound must never exceed the proved optimum (the hand-solved instances of
test_rule_order), must equal it where the LP has nothing to mix (one person, no
cover), and must be deterministic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rule_order import _instances

from helpers import level, monday_only, person, scenario, solve_checked
from roster import SolverSettings, load_scenario
from roster.domain import Scenario
from roster.model.pattern import pattern_bound

SETTINGS = SolverSettings(time_limit=60, workers=1, seed=0)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, sc, optimum", _instances(), ids=[i[0] for i in _instances()])
def test_the_bound_is_at_most_the_proved_optimum(name: str, sc: Scenario, optimum: int) -> None:
    bound = pattern_bound(sc, SETTINGS, max_iterations=20, pricing_budget=2.0)
    assert 0 <= bound.lower_bound <= optimum
    if name == "unpopular":
        # converged, but the LP shares the unpopular shifts out fractionally: two shifts over
        # three people is 2/3 each, 2/3 x 30 = 20 against the integer optimum's 30
        assert bound.converged and bound.lower_bound == 20
    else:
        assert bound.converged and bound.lower_bound == optimum  # the LP relaxation is solved


def test_one_person_without_cover_is_bounded_exactly() -> None:
    # "grid": 444 contracted minutes, paid 450 on the 15-minute grid, 6 banked: optimum 6
    sc = scenario(monday_only(), [person("E1", 7.4)])
    bound = pattern_bound(sc, SETTINGS)
    # the first column (no prices yet) starts before 08:00, an unpopular shift (FAIRNESS 30);
    # the fairness row's price moves the second one later
    assert (bound.lower_bound, bound.converged, bound.columns) == (6, True, 2)


def test_a_break_gap_is_proved_with_smoothed_duals() -> None:
    # A lone 8-hour worker on a 08:30-17:00 minimum: every roster, and every mixture of
    # rosters, leaves its 30-minute break uncovered (2 slots x 15 min x 1000 = 30,000).
    # The duals are degenerate (any break slot will do): priced at GLOP's own duals the
    # bound stopped at 15,030 after 20 iterations of CP-SAT pricing (HiGHS's vertex happens
    # to do better); smoothed toward the best duals so far (Wentges) it meets the LP value,
    # with either pricer and either LP solver.
    sc = scenario(monday_only(), [person("E1", 8)], staffing=[level("08:30-17:00", 1)])
    for pricing in ("dp", "cp-sat"):
        for lp in ("highs", "glop"):
            bound = pattern_bound(sc, SETTINGS, max_iterations=20, pricing=pricing, lp=lp)
            assert (bound.lower_bound, bound.lp_value, bound.converged) == (30_000, 30_000, True)
    # at the LP's own duals the bound may stop short (it did at 15,030 once), never above
    plain = pattern_bound(sc, SETTINGS, max_iterations=20, alpha=0.0, pricing="cp-sat", lp="glop")
    assert plain.lower_bound <= 30_000


def test_the_smoothing_weight_adapts_within_its_range() -> None:
    from roster.model.pattern.generation import ALPHA_HIGH, ALPHA_LOW, _adapted

    # a round that raised the bound: a longer step toward the LP's duals; one that did not: shorter
    assert _adapted(0.5, improved=True) == pytest.approx(0.4)
    assert _adapted(0.5, improved=False) == pytest.approx(0.6)
    low = high = 0.5
    for _ in range(50):
        low, high = _adapted(low, improved=True), _adapted(high, improved=False)
    assert (low, high) == (ALPHA_LOW, ALPHA_HIGH)


def test_the_adaptive_and_the_fixed_weight_prove_the_same_lp_on_tiny() -> None:
    # the weight changes only where pricing looks: every round's bound stays valid, and both
    # end at the LP relaxation's value
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    fixed = pattern_bound(sc, SETTINGS, max_iterations=300, pricing_budget=0.5, adaptive=False)
    adaptive = pattern_bound(sc, SETTINGS, max_iterations=300, pricing_budget=0.5)
    assert fixed.converged and adaptive.converged
    assert adaptive.lower_bound == fixed.lower_bound
    assert adaptive.lp_value == pytest.approx(fixed.lp_value)


def test_the_bound_on_tiny_is_valid_and_deterministic() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    first = pattern_bound(sc, SETTINGS, max_iterations=4, pricing_budget=0.5)
    again = pattern_bound(sc, SETTINGS, max_iterations=4, pricing_budget=0.5)
    assert [h[1:] for h in first.history] == [h[1:] for h in again.history]
    assert first.lower_bound == again.lower_bound
    # any roster's objective is above the optimum, so above the bound
    result = solve_checked(sc, SolverSettings(time_limit=30, workers=1, deterministic_time=2))
    assert result.objective is not None and first.lower_bound <= result.objective
    assert first.lp_value >= first.lower_bound


def test_no_whole_round_within_the_budget_proves_nothing() -> None:
    # Curtois Instance 23 (52 weeks, 100 people): pricing everyone once took the whole
    # guard, so no round ended; the bound is 0, not an error
    from roster.domain.request import SolveRequest
    from roster.model.pattern.generation import Generator

    sc = load_scenario(ROOT / "scenarios" / "tiny")
    gen = Generator(SolveRequest.of(sc), SETTINGS)
    value, converged = gen.generate(5, deadline=0.0)
    result = gen.result(value, converged)
    assert (result.lower_bound, result.converged, result.iterations) == (0, False, 0)
