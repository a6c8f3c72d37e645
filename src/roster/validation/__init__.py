"""The independent validator: checks any roster against a scenario, without the solver.

It never imports ``ortools``, ``pandas`` or :mod:`roster.model`: it reads the
rules of docs/rules.md directly, so a solved, hand-amended or imported roster
is judged the same way. One module per rule family, one code per rule
(:mod:`roster.domain.rules` is the registry; :data:`CHECKS` maps each code
to its check):

=================  =====  ===================================================
code               kind   module
=================  =====  ===================================================
``UNKNOWN``        hard   :mod:`roster.validation.unknown`
``TIME_GRID``      hard   :mod:`roster.validation.grid`
``ONE_SHIFT``      hard   :mod:`roster.validation.shifts`
``BANDWIDTH``      hard   :mod:`roster.validation.shifts`
``SHIFT_LENGTH``   hard   :mod:`roster.validation.shifts`
``BREAKS``         hard   :mod:`roster.validation.breaks`
``LEAVE``          hard   :mod:`roster.validation.leave`
``FIXED_PATTERN``  hard   :mod:`roster.validation.fixed`
``REST_DAILY``     hard   :mod:`roster.validation.rest`
``REST_WEEKLY``    hard   :mod:`roster.validation.rest`
``YOUNG_WORKER``   hard   :mod:`roster.validation.young`
``WTR_AVERAGE``    hard   :mod:`roster.validation.average`
``NIGHT_WORK``     hard   :mod:`roster.validation.night`
``JOB_SHARE``      hard   :mod:`roster.validation.jobshare`
``SHIFT_TYPES``    hard   :mod:`roster.validation.shift_types`
``SUPERVISION``    hard   :mod:`roster.validation.safety`
``LONE_WORKING``   hard   :mod:`roster.validation.safety`
``CONTRACT_HOURS`` hard   :mod:`roster.validation.contract`
``ACCRUAL``        both   :mod:`roster.validation.contract`
``TAKEBACK_COVER`` hard   :mod:`roster.validation.takeback`
``TIME_OFF_IN_LIEU`` hard :mod:`roster.validation.toil`
``FLEXI``          hard   :mod:`roster.validation.flexi`
``PIN``            hard   :mod:`roster.validation.request` (with a solve request)
``COVERAGE``       soft   :mod:`roster.validation.coverage`
``SHIFT_COVER``    soft   :mod:`roster.validation.shift_cover`
``PREFERENCES``    soft   :mod:`roster.validation.preferences`
``FAIRNESS``       soft   :mod:`roster.validation.fairness`
``STABILITY``      soft   :mod:`roster.validation.request` (with a base roster)
=================  =====  ===================================================
"""

from __future__ import annotations

from collections.abc import Callable

from roster.domain import Penalty, Roster, Scenario
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.validation.average import AverageWindow as AverageWindow
from roster.validation.average import average_windows as average_windows
from roster.validation.average import check_average
from roster.validation.breaks import check_breaks
from roster.validation.context import Context, build_context
from roster.validation.contract import HoursBalance as HoursBalance
from roster.validation.contract import check_contract, hours_balance
from roster.validation.coverage import CoverRow as CoverRow
from roster.validation.coverage import check_coverage
from roster.validation.coverage import cover_table as cover_table
from roster.validation.fairness import check_fairness
from roster.validation.fixed import check_fixed
from roster.validation.flexi import check_flexi
from roster.validation.grid import check_grid
from roster.validation.jobshare import check_job_share
from roster.validation.leave import check_leave
from roster.validation.night import check_night_work
from roster.validation.preferences import WishOutcome as WishOutcome
from roster.validation.preferences import check_preferences
from roster.validation.report import ValidationReport as ValidationReport
from roster.validation.request import check_pins, stability_penalties
from roster.validation.rest import check_daily_rest, check_weekly_rest
from roster.validation.safety import check_lone_working, check_supervision
from roster.validation.shift_cover import ShiftCoverRow as ShiftCoverRow
from roster.validation.shift_cover import check_shift_cover
from roster.validation.shift_cover import shift_cover_table as shift_cover_table
from roster.validation.shift_types import check_shift_types
from roster.validation.shifts import check_bandwidth, check_one_shift, check_shift_length
from roster.validation.takeback import check_takeback_cover
from roster.validation.toil import check_toil
from roster.validation.unknown import check_unknown
from roster.validation.violation import HARD_RULES as HARD_RULES
from roster.validation.violation import SOFT_RULES as SOFT_RULES
from roster.validation.violation import Violation as Violation
from roster.validation.young import check_young_worker

Check = Callable[[Context], list[Violation]]

HARD_CHECKS: tuple[tuple[RuleCode, Check], ...] = (
    (RuleCode.UNKNOWN, check_unknown),
    (RuleCode.TIME_GRID, check_grid),
    (RuleCode.ONE_SHIFT, check_one_shift),
    (RuleCode.BANDWIDTH, check_bandwidth),
    (RuleCode.SHIFT_LENGTH, check_shift_length),
    (RuleCode.BREAKS, check_breaks),
    (RuleCode.LEAVE, check_leave),
    (RuleCode.FIXED_PATTERN, check_fixed),
    (RuleCode.REST_DAILY, check_daily_rest),
    (RuleCode.REST_WEEKLY, check_weekly_rest),
    (RuleCode.YOUNG_WORKER, check_young_worker),
    (RuleCode.WTR_AVERAGE, check_average),
    (RuleCode.NIGHT_WORK, check_night_work),
    (RuleCode.SUPERVISION, check_supervision),
    (RuleCode.LONE_WORKING, check_lone_working),
    (RuleCode.JOB_SHARE, check_job_share),
    (RuleCode.SHIFT_TYPES, check_shift_types),
    (RuleCode.TIME_OFF_IN_LIEU, check_toil),
    (RuleCode.FLEXI, check_flexi),
)
"""The checks that only find violations, in the order they run."""

CHECKS: dict[RuleCode, Callable[..., object]] = {
    **dict(HARD_CHECKS),
    RuleCode.CONTRACT_HOURS: check_contract,
    RuleCode.ACCRUAL: check_contract,
    RuleCode.TAKEBACK_COVER: check_takeback_cover,
    RuleCode.COVERAGE: check_coverage,
    RuleCode.SHIFT_COVER: check_shift_cover,
    RuleCode.PREFERENCES: check_preferences,
    RuleCode.FAIRNESS: check_fairness,
    RuleCode.PIN: check_pins,
    RuleCode.STABILITY: stability_penalties,
}
"""Every rule code and the function that checks it (the registry test reads this)."""


def validate(scenario: Scenario, roster: Roster, request: SolveRequest | None = None) -> ValidationReport:
    """Check ``roster`` against ``scenario``: every hard rule, and the objective recomputed.

    Rows naming an unknown person or a date outside the roster are UNKNOWN
    violations and take no further part. ``objective`` is the sum of all
    penalty costs (COVERAGE, SHIFT_COVER, PREFERENCES, FAIRNESS, ACCRUAL, and
    STABILITY with a ``request`` that has a base roster), exactly as
    docs/rules.md defines the solver's objective. With ``request``, its pins
    are checked too (PIN).
    """
    ctx = build_context(scenario, roster)
    violations = [v for _, check in HARD_CHECKS for v in check(ctx)]
    contract_violations, accrual_penalties = check_contract(ctx)
    cover_violations, cover_penalties = check_coverage(ctx)
    violations += contract_violations + cover_violations + check_takeback_cover(ctx)
    if request is not None:
        violations += check_pins(ctx, request)
    wishes, preference_penalties, preference_cost = check_preferences(ctx)
    penalties: list[Penalty] = [
        *cover_penalties,
        *check_shift_cover(ctx),
        *preference_penalties,
        *check_fairness(ctx, preference_cost),
        *accrual_penalties,
    ]
    if request is not None:
        penalties += stability_penalties(ctx, request)
    return ValidationReport(
        violations=tuple(violations),
        penalties=tuple(penalties),
        objective=sum(p.cost for p in penalties),
        wishes=tuple(wishes),
    )


def violations_of(
    scenario: Scenario, roster: Roster, codes: frozenset[RuleCode], request: SolveRequest | None = None
) -> list[Violation]:
    """The hard violations of the rules in ``codes`` only (what :func:`validate` finds for them).

    For a caller that knows the other rules hold (the pattern engine checks the rules its
    dynamic programme relaxes): the same checks, without the objective's work."""
    ctx = build_context(scenario, roster)
    out = [v for code, check in HARD_CHECKS if code in codes for v in check(ctx)]
    if codes & {RuleCode.CONTRACT_HOURS, RuleCode.ACCRUAL}:
        out += [v for v in check_contract(ctx)[0] if v.rule in codes]
    if RuleCode.TAKEBACK_COVER in codes:
        out += check_takeback_cover(ctx)
    if request is not None and RuleCode.PIN in codes:
        out += check_pins(ctx, request)
    return out


def hours_balances(scenario: Scenario, roster: Roster) -> list[HoursBalance]:
    """Paid minutes, target, net and bankable minutes for every person (CONTRACT_HOURS, ACCRUAL)."""
    ctx = build_context(scenario, roster)
    return [hours_balance(ctx, emp) for emp in scenario.employees]


def shift_cover_rows(scenario: Scenario, roster: Roster) -> list[ShiftCoverRow]:
    """People per shift type and date against shift_cover.csv (SHIFT_COVER), as the validator counts."""
    return shift_cover_table(build_context(scenario, roster))
