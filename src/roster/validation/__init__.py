"""The independent validator: checks any roster against a scenario, without the solver.

It never imports ``ortools``, ``pandas`` or :mod:`roster.model`: it reads the
rules of docs/rules.md directly, so a solved, hand-amended or imported roster
is judged the same way. One module per rule family, one code per rule:

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
``COVERAGE``       soft   :mod:`roster.validation.coverage`
``SHIFT_COVER``    soft   :mod:`roster.validation.shift_cover`
``PREFERENCES``    soft   :mod:`roster.validation.preferences`
``FAIRNESS``       soft   :mod:`roster.validation.fairness`
=================  =====  ===================================================
"""

from __future__ import annotations

from roster.domain import Penalty, Roster, Scenario
from roster.validation.average import AverageWindow as AverageWindow
from roster.validation.average import average_windows as average_windows
from roster.validation.average import check_average
from roster.validation.breaks import check_breaks
from roster.validation.context import build_context
from roster.validation.contract import HoursBalance as HoursBalance
from roster.validation.contract import check_contract, hours_balance
from roster.validation.coverage import CoverRow as CoverRow
from roster.validation.coverage import check_coverage
from roster.validation.coverage import cover_table as cover_table
from roster.validation.fairness import check_fairness
from roster.validation.fixed import check_fixed
from roster.validation.grid import check_grid
from roster.validation.jobshare import check_job_share
from roster.validation.leave import check_leave
from roster.validation.night import check_night_work
from roster.validation.preferences import WishOutcome as WishOutcome
from roster.validation.preferences import check_preferences
from roster.validation.report import ValidationReport as ValidationReport
from roster.validation.rest import check_daily_rest, check_weekly_rest
from roster.validation.safety import check_lone_working, check_supervision
from roster.validation.shift_cover import ShiftCoverRow as ShiftCoverRow
from roster.validation.shift_cover import check_shift_cover
from roster.validation.shift_cover import shift_cover_table as shift_cover_table
from roster.validation.shift_types import check_shift_types
from roster.validation.shifts import check_bandwidth, check_one_shift, check_shift_length
from roster.validation.unknown import check_unknown
from roster.validation.violation import HARD_RULES as HARD_RULES
from roster.validation.violation import SOFT_RULES as SOFT_RULES
from roster.validation.violation import Violation as Violation
from roster.validation.young import check_young_worker


def validate(scenario: Scenario, roster: Roster) -> ValidationReport:
    """Check ``roster`` against ``scenario``: every hard rule, and the objective recomputed.

    Rows naming an unknown person or a date outside the roster are UNKNOWN
    violations and take no further part. ``objective`` is the sum of all
    penalty costs (COVERAGE, SHIFT_COVER, PREFERENCES, FAIRNESS, ACCRUAL), exactly as
    docs/rules.md defines the solver's objective.
    """
    ctx = build_context(scenario, roster)
    violations = [
        *check_unknown(ctx),
        *check_grid(ctx),
        *check_one_shift(ctx),
        *check_bandwidth(ctx),
        *check_shift_length(ctx),
        *check_breaks(ctx),
        *check_leave(ctx),
        *check_fixed(ctx),
        *check_daily_rest(ctx),
        *check_weekly_rest(ctx),
        *check_young_worker(ctx),
        *check_average(ctx),
        *check_night_work(ctx),
        *check_supervision(ctx),
        *check_lone_working(ctx),
        *check_job_share(ctx),
        *check_shift_types(ctx),
    ]
    contract_violations, accrual_penalties = check_contract(ctx)
    cover_violations, cover_penalties = check_coverage(ctx)
    violations += contract_violations + cover_violations
    wishes, preference_penalties, preference_cost = check_preferences(ctx)
    penalties: list[Penalty] = [
        *cover_penalties,
        *check_shift_cover(ctx),
        *preference_penalties,
        *check_fairness(ctx, preference_cost),
        *accrual_penalties,
    ]
    return ValidationReport(
        violations=tuple(violations),
        penalties=tuple(penalties),
        objective=sum(p.cost for p in penalties),
        wishes=tuple(wishes),
    )


def hours_balances(scenario: Scenario, roster: Roster) -> list[HoursBalance]:
    """Paid minutes, target, net and bankable minutes for every person (CONTRACT_HOURS, ACCRUAL)."""
    ctx = build_context(scenario, roster)
    return [hours_balance(ctx, emp) for emp in scenario.employees]
