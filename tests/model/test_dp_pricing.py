"""DP pricing against the exact person-alone CP-SAT pricer, its oracle.

On random small persons' problems (the cross-check's scenarios, free times and shift
types, with random duals on every cover requirement and SHIFT_COVER line, random team
rows' worth per slot on duty and on site, per shift start and end and for taking time
back, and random fairness prices), for the date-by-date DP (free times) and the
sequence DP (shift types):

* the DP's minimum is never above the exact minimum (a relaxation: its bound is valid);
* when the DP's roster passes the validator's person rules, the two minima are equal;
* the DP's roster costs what the validator says it costs;
* no roster for the DP means none for CP-SAT either;
* a repaired roster (a per-type maximum priced by Lagrangian relaxation) is valid and
  costs at least the exact minimum; the sequence DP never breaks SHIFT_TYPES.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_cross_check import explore, scenarios, shift_scenarios

from roster import load_scenario
from roster.domain import Roster, Scenario, Shift, SolverSettings
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.columns import Footprint, PersonPrices
from roster.model.index import ModelIndex
from roster.model.pattern import sequence
from roster.model.pattern.dp import DPPricer
from roster.model.pattern.sequence import SequencePricer, sequence_fits
from roster.model.slot.pricing import PersonPricer
from roster.timegrid import MINUTES_PER_DAY, to_datetime
from roster.validation import validate

SETTINGS = SolverSettings(time_limit=30, workers=1, seed=0)
ROOT = Path(__file__).resolve().parents[2]
DUALS = (0.0, 0.0, 0.0, 0.5, 2.0, 25.0, 400.0, -3.0, -40.0)
"""Exact in thousandths, so CP-SAT's integer objective holds them without rounding."""
SEQUENCE_RELAXED = {
    RuleCode.REST_DAILY,
    RuleCode.REST_WEEKLY,
    RuleCode.WTR_AVERAGE,
    RuleCode.NIGHT_WORK,
    RuleCode.YOUNG_WORKER,
    RuleCode.ACCRUAL,
}
"""What :class:`SequencePricer` may leave to the validator (rest two or more dates apart, the
week and reference-period rules, the accrual cap per date worked)."""


HELD_WITH_REST = {RuleCode.REST_DAILY, RuleCode.REST_WEEKLY, RuleCode.ONE_SHIFT, RuleCode.SHIFT_TYPES}
"""What the sequence DP holding rest (``weekly=True``) never leaves to the validator."""


def compare(request: SolveRequest, seed: int, team: bool = True, rest: bool = False) -> list[str]:
    """Price every person of ``request`` by both pricers at random prices; the outcomes seen.

    ``rest``: everyone by the sequence DP holding REST_WEEKLY and REST_DAILY, free times too."""
    sc = request.scenario
    index = ModelIndex.build(sc)
    rng = random.Random(seed)
    seen: list[str] = []
    for e, emp in enumerate(index.employees):
        sequence = sequence_fits(index, e) or rest
        pricer = SequencePricer(request, index, e, weekly=rest) if sequence else DPPricer(request, index, e)
        rows = pricer.requirements  # slot requirements, then SHIFT_COVER lines
        prices = random_prices(index, rows, rng, team)
        dp = pricer.price(prices)
        exact = PersonPricer(request, index, e).price(SETTINGS, prices, 20.0)
        assert exact.optimal or exact.column is None, "the oracle must prove its minimum on these sizes"
        if dp.column is None:
            if math.isinf(dp.value):
                assert exact.column is None, f"{emp.id}: the DP found no roster, CP-SAT did"
                seen.append("none")
            else:
                assert exact.column is None or dp.value <= exact.reduced_cost + 1e-6
                seen.append("no roster within the priced maxima")
            continue
        if exact.column is None:
            seen.append("relaxed: no exact roster")
            continue
        assert dp.value <= exact.reduced_cost + 1e-6, f"{emp.id}: DP {dp.value} > CP-SAT {exact.reduced_cost}"
        col = dp.column
        at = dp.value if dp.column_value is None else dp.column_value
        # the column's reduced cost, from its own cost and its footprint, is the one returned
        fp, fu = prices.fairness
        if emp.pattern != "self":
            prices.fairness = (0.0, 0.0)
        footprint = Footprint.of(col.roster, index.days[0], {d: k for k, d in enumerate(index.days)})
        worth = prices.worth(col, footprint, index.slot)
        prices.fairness = (fp, fu)
        assert abs(col.cost - worth - at) <= 1e-6
        alone = request.for_person(emp.id)
        report = validate(alone.scenario, col.roster, alone)
        if report.violations:
            if sequence:
                # the rules the sequence DP holds exactly are never broken by its rosters
                assert {v.rule for v in report.violations} <= SEQUENCE_RELAXED, report.violations
            if rest:
                assert not {v.rule for v in report.violations} & HELD_WITH_REST, report.violations
            seen.append("relaxed")
            continue
        assert at >= exact.reduced_cost - 1e-6, f"{emp.id}: a valid roster below the exact minimum"
        own = sum(p.cost for p in report.penalties if p.rule != RuleCode.FAIRNESS)
        assert col.cost == own
        if col.roster == exact.column.roster:  # the same roster covers the same requirements
            assert col.cover == exact.column.cover
        if dp.column_value is None:
            assert abs(dp.value - exact.reduced_cost) <= 1e-6, f"{emp.id}: {dp.value} != {exact.reduced_cost}"
            seen.append("exact")
        else:
            seen.append("repaired")
    return seen


def random_prices(index: ModelIndex, rows: int, rng: random.Random, team: bool = True) -> PersonPrices:
    """Cover duals, and (with ``team``, half the time each) team rows' worth, in thousandths."""
    g = index.slot
    slots = (len(index.days) + 2) * MINUTES_PER_DAY // g
    prices = PersonPrices(np.array([rng.choice(DUALS) for _ in range(rows)]))
    prices.fairness = (rng.choice([0.0, 0.0, 0.25, 2.0]), rng.choice([0.0, 0.0, 5.0, 60.0]))
    if not team:
        return prices
    if rng.random() < 0.5:
        prices.present = np.array([rng.choice(DUALS) for _ in range(slots)])
    if rng.random() < 0.5:
        prices.onsite = np.array([rng.choice(DUALS) for _ in range(slots)])
    if rng.random() < 0.5:
        for d in range(len(index.days)):
            prices.ends[d] = [(rng.randrange(0, 1440, g), rng.choice(DUALS)) for _ in range(2)]
            prices.starts[d] = [(rng.randrange(0, 1440, g), rng.choice(DUALS)) for _ in range(2)]
    if rng.random() < 0.5:
        prices.takes = rng.choice(DUALS)
    return prices


@explore(25)
@given(sc=scenarios(), seed=st.integers(0, 10**6))
def test_the_dp_equals_the_exact_pricer_or_bounds_it_free_times(sc: Scenario, seed: int) -> None:
    compare(SolveRequest.of(sc), seed)


@explore(15)
@given(sc=shift_scenarios(), seed=st.integers(0, 10**6))
def test_the_dp_equals_the_exact_pricer_or_bounds_it_shift_types(sc: Scenario, seed: int) -> None:
    compare(SolveRequest.of(sc), seed)


@explore(25)
@given(sc=scenarios(), seed=st.integers(0, 10**6))
def test_the_dp_holding_rest_equals_the_exact_pricer_or_bounds_it_free_times(sc: Scenario, seed: int) -> None:
    compare(SolveRequest.of(sc), seed, rest=True)


@explore(15)
@given(sc=shift_scenarios(), seed=st.integers(0, 10**6))
def test_the_dp_holding_rest_equals_the_exact_pricer_or_bounds_it_shift_types(
    sc: Scenario, seed: int
) -> None:
    compare(SolveRequest.of(sc), seed, rest=True)


def test_tiny_is_priced_exactly_and_with_a_base_roster_and_pins() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    assert set(compare(SolveRequest.of(sc), 1, team=False)) == {"exact"}
    # every other date of T1 worked 09:00-17:00 (break 12:00) as a base roster; T2 pinned off
    # their first date and T3 pinned to 10:00-16:00 on theirs
    day = sc.service.start_date
    base = Roster(
        shifts=tuple(
            Shift(
                employee_id="T1",
                date=day + timedelta(days=k),
                start=to_datetime(day + timedelta(days=k), 540),
                end=to_datetime(day + timedelta(days=k), 1020),
                break_start=to_datetime(day + timedelta(days=k), 720),
                break_end=to_datetime(day + timedelta(days=k), 750),
            )
            for k in (0, 2, 4)
        )
    )
    pins = (
        {"employee_id": "T2", "date": day},
        {
            "employee_id": "T3",
            "date": day,
            "shift": Shift(
                employee_id="T3", date=day, start=to_datetime(day, 600), end=to_datetime(day, 960)
            ),
        },
    )
    request = SolveRequest(scenario=sc, base=base, stability=2, pins=pins)
    assert set(compare(request, 2, team=False)) == {"exact"}


@explore(10)
@given(sc=shift_scenarios(), seed=st.integers(0, 10**6))
def test_priced_maxima_and_weekends_still_bound_and_stay_valid(sc: Scenario, seed: int) -> None:
    # with no room for counts in the label, every per-type maximum and max_weekends is priced
    # by Lagrangian relaxation: the bound must stay below the exact minimum and every roster
    # returned must pass the validator (the assertions of compare)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sequence, "EXACT_CELLS", 0)
        mp.setattr(sequence, "WEEKEND_SLACK", 0)
        seen = compare(SolveRequest.of(sc), seed)
    assert len(seen) == len(sc.employees)  # every person priced; the invariants are compare's asserts
