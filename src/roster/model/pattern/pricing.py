"""One person's pricing in the pattern engine: the DP first, the rest-holding sequence DP when
the DP's roster breaks a rest rule, the exact (CP-SAT) pricer when a relaxed rule still breaks.

Each roster a DP returns is checked by the independent validator for the rules that DP holds
only in part (:data:`RELAXED`, :data:`SEQUENCE_RELAXED`), and only for those a person could
break at all (:func:`checks_for`).
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta

from roster.domain import SolverSettings, is_young
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.domain.working_time import prior_day
from roster.model.columns import Column, ExactPricer, ExactPricerFactory, PersonPrices, Priced
from roster.model.index import ModelIndex
from roster.model.pattern import work
from roster.model.pattern.dp import DPPricer
from roster.model.pattern.sequence import SequencePricer, sequence_fits
from roster.timegrid import MINUTES_PER_DAY, roster_minute
from roster.validation import violations_of

log = logging.getLogger(__name__)

TOLERANCE = 1e-6

RELAXED = frozenset(
    {
        RuleCode.ONE_SHIFT,
        RuleCode.REST_DAILY,
        RuleCode.REST_WEEKLY,
        RuleCode.YOUNG_WORKER,
        RuleCode.WTR_AVERAGE,
        RuleCode.NIGHT_WORK,
        RuleCode.SHIFT_TYPES,
        RuleCode.CONTRACT_HOURS,
        RuleCode.ACCRUAL,
        RuleCode.PIN,
    }
)
"""The rules the DP holds only in part (docs/pattern.md): its rosters are checked for these."""

SEQUENCE_RELAXED = frozenset(
    {
        RuleCode.REST_DAILY,
        RuleCode.REST_WEEKLY,
        RuleCode.YOUNG_WORKER,
        RuleCode.WTR_AVERAGE,
        RuleCode.NIGHT_WORK,
        RuleCode.ACCRUAL,
        RuleCode.PIN,
        RuleCode.CONTRACT_HOURS,
        RuleCode.SHIFT_TYPES,
    }
)
"""The rules a roster of the sequence DP (:mod:`.sequence`) is checked for: those it holds only
in part (rest two or more dates apart, the week and reference-period rules, the accrual cap per
date worked, PIN's change cap), and, cheaply, those it holds through its label and prices."""


REST = frozenset({RuleCode.REST_DAILY, RuleCode.REST_WEEKLY, RuleCode.ONE_SHIFT})
"""Rules a DP roster may break that the sequence DP holding rest (``weekly=True``) holds exactly."""


def checks_for(request: SolveRequest, index: ModelIndex, e: int, dp: DPPricer | None) -> frozenset[RuleCode]:
    """The relaxed rules a roster of person ``e`` could break at all: the others are not checked.

    A rule is dropped only on a sufficient condition: never under 18 (YOUNG_WORKER), relief
    staff (ACCRUAL: nothing banked), no rest required (REST_DAILY in the sequence DP, which
    holds the overlap of shifts; REST_WEEKLY), or the most paid minutes any reference period
    could hold, history included, within its limit (WTR_AVERAGE)."""
    base = set(SEQUENCE_RELAXED if isinstance(dp, SequencePricer) else RELAXED)
    if dp is None:
        return frozenset(base)
    sc = request.scenario
    wt = sc.service.working_time
    emp = index.employees[e]
    days = index.days
    if not any(is_young(emp.date_of_birth, d) for d in days):
        base.discard(RuleCode.YOUNG_WORKER)
    if emp.relief:
        base.discard(RuleCode.ACCRUAL)
    if isinstance(dp, SequencePricer) and wt.daily_rest_minutes == 0 and wt.young_daily_rest_minutes == 0:
        base.discard(RuleCode.REST_DAILY)
    if wt.weekly_rest_minutes == 0 and wt.fortnight_rest_minutes == 0 and wt.young_weekly_rest_minutes == 0:
        base.discard(RuleCode.REST_WEEKLY)
    # one shift a date and no window past midnight: no two shifts overlap (ONE_SHIFT), and when
    # every window's latest end and the next date's earliest start leave the rest, REST_DAILY holds
    g = index.slot
    ends = {d.opts.day: int(d.opts.window.start + d.opts.window.n_slots * g) for d in dp.days if d.opts.size}
    starts = {d.opts.day: int(d.opts.window.start) for d in dp.days if d.opts.size}
    if all(e <= MINUTES_PER_DAY for e in ends.values()):
        base.discard(RuleCode.ONE_SHIFT)
        young = any(is_young(emp.date_of_birth, d) for d in days)
        rest = max(wt.daily_rest_minutes, wt.young_daily_rest_minutes if young else 0)
        last = sc.last_shift_end(emp.id)
        history_ok = (
            last is None
            or min((d * MINUTES_PER_DAY + s for d, s in starts.items()), default=MINUTES_PER_DAY)
            >= roster_minute(sc.service.start_date, last) + rest
        )
        if (
            history_ok
            and rest <= MINUTES_PER_DAY
            and all(MINUTES_PER_DAY + starts[d + 1] - ends[d] >= rest for d in ends if d + 1 in starts)
        ):
            base.discard(RuleCode.REST_DAILY)
    excluded = any(lv.employee_id == emp.id for lv in sc.leave) or any(
        h.employee_id == emp.id and h.absence is not None for h in sc.history
    )
    if not excluded:
        history = {h.date: h for h in sc.history if h.employee_id == emp.id}
        length = 7 * wt.reference_weeks
        before = sum(
            prior_day(history, emp.weekly_minutes, days[0] - timedelta(days=k))[0] for k in range(1, length)
        )
        most = before + sum(int(d.opts.paid.max()) for d in dp.days if d.opts.size)
        if most <= wt.average_max_weekly_minutes * wt.reference_weeks:
            base.discard(RuleCode.WTR_AVERAGE)
    return frozenset(base)


class Pricing:
    """One person's pricing: the DP first; the exact pricer (the slot model's person-alone CP-SAT
    solve) when the DP's roster breaks a rule the DP relaxes (or always, with ``method="cp-sat"``).

    The DP's minimum bounds the person's exact minimum from below whatever its roster
    does, so the bound returned is the larger of the two when both run.
    """

    def __init__(
        self,
        request: SolveRequest,
        index: ModelIndex,
        e: int,
        exact: ExactPricerFactory | None,
        method: str = "dp",
    ) -> None:
        self.request, self.index, self.e, self.method = request, index, e, method
        self.alone = request.for_person(index.employees[e].id)
        self.dp: DPPricer | None = None
        if method == "dp" or exact is None:
            fits = sequence_fits(index, e)
            self.dp = SequencePricer(request, index, e) if fits else DPPricer(request, index, e)
        self.factory = exact
        self.repaired_calls = 0
        """Pricing calls answered by a roster within every rule but not the DP's minimum (a per-type
        maximum priced by Lagrangian relaxation): the bound still holds, the column may not be best."""
        self._exact: ExactPricer | None = None
        self.exact_calls = 0
        self.fallback_calls = 0
        self.fallback_seconds = 0.0
        self.broken: set[str] = set()
        """Rules the DP's rosters broke (each sent the person to the exact pricer)."""
        self._checked: dict[tuple[object, ...], frozenset[str]] = {}
        self.has_column = False
        """The person has a column in the master (the first call must find one, by CP-SAT if need be)."""
        self.checks = checks_for(request, index, e, self.dp)
        """The relaxed rules this person's rosters are checked for (the others cannot bind)."""
        self.rich = False
        """Priced by the sequence DP that holds rest (:meth:`escalate`)."""
        self.checked = 0
        self.exact_work = 0.0
        self.dp_work = 0.0
        """Work of the DPs this person had before the present one (:meth:`escalate`)."""

    @property
    def work(self) -> float:
        """Deterministic work of this person's pricing so far (:mod:`.work`)."""
        dp = self.dp.work if self.dp is not None else 0.0
        return self.dp_work + dp + work.CHECK * self.checked + self.exact_work

    @property
    def exact(self) -> ExactPricer | None:
        if self._exact is None and self.factory is not None:
            self._exact = self.factory(self.request, self.index, self.e)
        return self._exact

    def feasible(self, column: Column) -> bool:
        """The column passes every hard rule of the person alone: the rules the DP relaxes,
        checked by the independent validator (the DP holds the others exactly, and the
        dive's whole roster is validated again). A roster met before is not checked twice."""
        key = tuple(column.roster.shifts)
        broken = self._checked.get(key)
        if broken is None:
            self.checked += 1
            found = violations_of(self.alone.scenario, column.roster, self.checks, self.alone)
            broken = self._checked[key] = frozenset(v.rule for v in found)
        self.broken |= broken
        return not broken

    def escalate(self) -> bool:
        """After a DP roster broke a rest rule: price the person from now on by the sequence DP that
        holds REST_DAILY and REST_WEEKLY (the last shift's end and a flag per rest period in its
        label). Whether the pricer changed."""
        if self.rich or self.dp is None or not self.broken & REST:
            return False
        self.dp_work += self.dp.work
        self.dp = SequencePricer(self.request, self.index, self.e, weekly=True)
        self.rich = True
        self.checks = checks_for(self.request, self.index, self.e, self.dp)
        self._checked.clear()
        log.info(
            "pattern: %s priced with rest in the label (%s)",
            self.index.employees[self.e].id,
            ", ".join(sorted(self.broken & REST)),
        )
        return True

    def price(self, settings: SolverSettings, prices: PersonPrices, budget: float) -> Priced:
        floor = -math.inf
        if self.dp is not None:
            found = self.dp.price(prices)
            if found.column is not None and not self.feasible(found.column) and self.escalate():
                found = self.dp.price(prices)
            if found.column is not None and self.feasible(found.column):
                at = found.value if found.column_value is None else found.column_value
                exact = at <= found.value + TOLERANCE * max(1.0, abs(found.value))
                if exact:
                    self.exact_calls += 1
                else:
                    self.repaired_calls += 1
                return Priced(found.column, at, min(found.value, at), 0.0, optimal=exact)
            if found.column is None and not math.isfinite(found.value):
                # no roster even with the relaxed rules: none with every rule either
                return Priced(None, math.inf, math.inf, 0.0, optimal=True)
            if found.column is None and self.has_column:
                # priced maxima left no valid roster this call: the bound stands, no column
                self.repaired_calls += 1
                return Priced(None, found.value, found.value, 0.0, optimal=False)
            floor = found.value
            self.fallback_calls += 1
        pricer = self.exact
        if pricer is None:
            # no exact pricer given: the DP's minimum bounds, its roster is not a column
            return Priced(None, floor, floor, 0.0, optimal=False)
        t = time.perf_counter()
        priced = pricer.price(settings, prices, budget)
        self.fallback_seconds += time.perf_counter() - t
        self.exact_work += work.CPSAT * priced.deterministic_time
        if priced.bound >= floor:
            return priced
        return Priced(priced.column, priced.reduced_cost, floor, priced.deterministic_time, priced.optimal)
