"""The slot formulation's rules: one module per rule family, each under its code.

:data:`RULE_ADDERS` lists every function that adds a rule's constraints and
terms, with the code it adds them under; :data:`BUILT_IN` names the codes that
need no function because the variables already hold them (and why). The
registry test (``tests/test_rule_registry.py``) checks that together they
cover every code of :data:`roster.domain.rules.RULES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.slot.rules import (
    accrual,
    average,
    breaks,
    contract,
    coverage,
    fairness,
    fixed,
    flexi,
    jobshare,
    night,
    preferences,
    request,
    rest,
    safety,
    shift_cover,
    shift_types,
    shifts,
    takeback,
    toil,
    young,
)

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


@dataclass(frozen=True)
class RuleAdder:
    """``add(model)`` adds the constraints and objective terms of ``code``."""

    code: RuleCode
    add: Callable[[SlotModel], None]


RULE_ADDERS: tuple[RuleAdder, ...] = (
    RuleAdder(RuleCode.ONE_SHIFT, shifts.add_one_shift),
    RuleAdder(RuleCode.BANDWIDTH, shifts.add_closed_dates),
    RuleAdder(RuleCode.SHIFT_LENGTH, shifts.add_shift_length),
    RuleAdder(RuleCode.REST_DAILY, rest.add_daily_rest),
    RuleAdder(RuleCode.REST_WEEKLY, rest.add_weekly_rest),
    RuleAdder(RuleCode.BREAKS, breaks.add_breaks),
    RuleAdder(RuleCode.YOUNG_WORKER, young.add_young_worker),
    RuleAdder(RuleCode.WTR_AVERAGE, average.add_average),
    RuleAdder(RuleCode.NIGHT_WORK, night.add_night_work),
    RuleAdder(RuleCode.SUPERVISION, safety.add_supervision),
    RuleAdder(RuleCode.LONE_WORKING, safety.add_lone_working),
    RuleAdder(RuleCode.JOB_SHARE, jobshare.add_job_share),
    RuleAdder(RuleCode.SHIFT_TYPES, shift_types.add_shift_types),
    RuleAdder(RuleCode.FIXED_PATTERN, fixed.add_fixed_pattern),
    RuleAdder(RuleCode.CONTRACT_HOURS, contract.add_contract_hours),
    RuleAdder(RuleCode.ACCRUAL, accrual.add_accrual),
    RuleAdder(RuleCode.TAKEBACK_COVER, takeback.add_takeback_cover),
    RuleAdder(RuleCode.TIME_OFF_IN_LIEU, toil.add_toil),
    RuleAdder(RuleCode.FLEXI, flexi.add_flexi),
    RuleAdder(RuleCode.PIN, request.add_pins),
    RuleAdder(RuleCode.COVERAGE, coverage.add_coverage),
    RuleAdder(RuleCode.SHIFT_COVER, shift_cover.add_shift_cover),
    RuleAdder(RuleCode.PREFERENCES, preferences.add_preferences),
    RuleAdder(RuleCode.FAIRNESS, fairness.add_fairness),
    RuleAdder(RuleCode.STABILITY, request.add_stability),
)
"""Every rule of the slot formulation, in a fixed order (any order gives the same solutions)."""

BUILT_IN: dict[RuleCode, str] = {
    RuleCode.TIME_GRID: "start, end and break variables exist only on the slot grid",
    RuleCode.LEAVE: "no shift variable exists on whole-day leave; part-day leave slots are fixed off",
    RuleCode.UNKNOWN: "the model only has people and dates of the scenario",
}
"""Codes held by the variables themselves (:mod:`roster.model.index`, ``variables``)."""
