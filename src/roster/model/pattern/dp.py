"""Pricing by dynamic programming over the days: a person's cheapest roster under the duals.

Each date offers its options (:mod:`.days`, every per-date rule exact) or a day off.
A label is (paid minutes so far, dates worked so far); per date, the options are
grouped by paid minutes and only the cheapest of each group can be on a best
path, so a step is a handful of shifted ``numpy.minimum`` over the label grid.
At the end, each label pays ACCRUAL's cost of its net minutes and must meet
CONTRACT_HOURS (``net >= -usable``) and ACCRUAL's cap
(``net <= min(daily_limit x dates worked, Σ_p min(room_p, daily_limit x dates of p)``).

That cap is exact for a roster inside one accounting period and a relaxation when it
spans two. The rules that tie dates together beyond paid minutes and dates worked
(REST_DAILY, REST_WEEKLY, ONE_SHIFT across midnight, WTR_AVERAGE, NIGHT_WORK,
YOUNG_WORKER's weekly limit, SHIFT_TYPES' successions, runs, weekends and
per-type limits, PIN's change cap) are left out: the DP's minimum is a lower bound
on the person's exact pricing minimum (a relaxation, never a tightening). When
the roster it returns passes the validator's person rules, that minimum is exact
(:meth:`DPPricer.price` says which); otherwise the caller prices the person exactly
by CP-SAT (:class:`.pricing.PersonPricer`), and the DP's minimum still bounds.
Deterministic: ties go to the day off, then the fewest paid minutes, then the
first option in enumeration order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt

from roster.domain import Roster, Shift
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.columns import Column, PersonPrices
from roster.model.index import ModelIndex
from roster.model.pattern import work
from roster.model.pattern.days import (
    DayOptions,
    lines_by_date,
    person_days,
    shift_row_pairs,
    shift_rows,
)
from roster.model.pattern.kernels import date_dp
from roster.timegrid import MINUTES_PER_DAY, to_datetime

Floats = npt.NDArray[np.float64]

ACCRUAL_REPAIRS = 4
"""Looks a pricing call may take for a roster within ACCRUAL's cap of its own dates worked."""


@dataclass
class _Day:
    """One date's options sorted by paid minutes, with the requirement of each slot."""

    opts: DayOptions
    order: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    """First sorted option of each paid-minutes group."""
    units: list[int]
    """Paid minutes of each group, in the pricer's unit."""
    paid: npt.NDArray[np.int64]
    """Paid minutes of each sorted option, in the pricer's unit."""
    slot: npt.NDArray[np.int64]
    """(slot, requirement) pairs: the requirements this person counts toward in each slot."""
    req: npt.NDArray[np.int64]
    own: Floats
    pref: Floats
    unpop: Floats
    i: npt.NDArray[np.int64]
    j: npt.NDArray[np.int64]
    k: npt.NDArray[np.int64]
    tpos: npt.NDArray[np.int64]
    """(sorted option, SHIFT_COVER row) pairs: the shift-cover rows each option counts toward."""
    trow: npt.NDArray[np.int64]
    first_slot: int
    """Roster slot (roster minute // g) of the window's slot 0."""
    start_min: npt.NDArray[np.int64]
    """Start and end of each sorted option, minute of day."""
    end_min: npt.NDArray[np.int64]


@dataclass(frozen=True)
class DPPriced:
    column: Column | None
    value: float
    """A lower bound on the person's minimum of own cost + fairness prices - duals (before
    the convexity dual): the DP's minimum, exact for the rules it holds."""
    column_value: float | None = None
    """The same sum for ``column`` when it is not the minimum's roster (a repaired one)."""


class DPPricer:
    """Person ``e``'s options, built once; each :meth:`price` is one pass over the days."""

    def __init__(self, request: SolveRequest, index: ModelIndex, e: int) -> None:
        self.e = e
        self.index = index
        self.emp = index.employees[e]
        self.person = person_days(request, index, e)
        g = self.g = index.slot
        self.target = index.targets[e]
        self.lines = shift_rows(index)
        by_date = lines_by_date(self.lines)
        self.requirements = len(index.cover) + len(self.lines)
        at: dict[int, list[int]] = {}
        for r, req in enumerate(index.cover):
            if req.skill is None or req.skill in self.emp.skills:
                at.setdefault(index.abs_minute(req.day, req.minute), []).append(r)
        self.days: list[_Day] = []
        paid_all = [int(x) for o in self.person.days for x in o.paid if x > 0]
        self.unit = u = math.gcd(*paid_all) if paid_all else g
        """Paid minutes are counted in this unit: their greatest common divisor."""
        for opts in self.person.days:
            order = np.argsort(opts.paid, kind="stable")
            paid = opts.paid[order] // u
            starts = (
                np.flatnonzero(np.r_[True, paid[1:] != paid[:-1]]) if len(paid) else np.zeros(0, np.int64)
            )
            w = opts.window
            pairs = [
                (s, r)
                for s in range(w.n_slots)
                for r in at.get(index.abs_minute(opts.day, w.minute(s, g)), ())
            ]
            tx, tr = shift_row_pairs(index, e, opts, by_date.get(opts.window.date, []))
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self.days.append(
                _Day(
                    opts,
                    order,
                    starts.astype(np.int64),
                    [int(paid[s]) for s in starts],
                    paid.astype(np.int64),
                    np.array([s for s, _ in pairs], dtype=np.int64),
                    np.array([r for _, r in pairs], dtype=np.int64),
                    opts.own[order].astype(np.float64),
                    opts.pref[order].astype(np.float64),
                    opts.unpop[order].astype(np.float64),
                    opts.i[order],
                    opts.j[order],
                    opts.k[order],
                    rank[tx],
                    tr,
                    (opts.day * MINUTES_PER_DAY + opts.window.start) // g,
                    (opts.window.start + opts.i[order] * g).astype(np.int64),
                    (opts.window.start + opts.j[order] * g).astype(np.int64),
                )
            )
        self.worked_max = sum(1 for d in self.days if d.opts.size)
        self.g_start = np.cumsum([0] + [len(d.units) for d in self.days]).astype(np.int64)
        self.g_units = np.array([u for d in self.days for u in d.units], dtype=np.int64)
        """The groups of every date in one array (paid units), for :func:`.kernels.date_dp`."""
        most = sum(max(d.units, default=0) for d in self.days)
        self.daily = self.target.daily_limit
        self.relief = self.emp.relief
        t = self.target
        window_days = {d.opts.window.date for d in self.days if d.opts.size}
        self.room = sum(
            min(t.accrual_room[p], self.daily * sum(1 for x in dates if x in window_days))
            for p, dates in t.period_days.items()
        )
        if not self.relief:
            most = min(most, max(0, (t.target_minutes + self.room) // u))
        self.most = most
        self.weights = request.scenario.weights
        self.rounding = request.scenario.service.takeback_rounding
        self.selfish = self.emp.pattern == "self"
        self._pieces: dict[tuple[int, int], tuple[Shift, tuple[int, ...]]] = {}
        self.work = 0.0
        """Deterministic work of every pricing call so far (:mod:`.work`)."""
        self.call_work = work.DATE_CELL * (self.most + 1) * (self.worked_max + 1) * len(
            self.g_units
        ) + work.DATE_OPTION * sum(d.opts.size for d in self.days)

    def _terminal(self, takes: float = 0.0) -> Floats:
        """ACCRUAL's cost per label (paid units, dates worked), less ``takes`` where the label takes
        banked time back (TAKEBACK_COVER's worth); inf where a hard rule fails."""
        t, w8 = self.target, self.weights
        paid = np.arange(self.most + 1) * self.unit
        net = (paid - t.target_minutes)[:, None] + np.zeros((1, self.worked_max + 1))
        ok = net >= -t.usable_balance
        if self.relief:
            return np.where(ok, 0.0, np.inf)
        worked = np.arange(self.worked_max + 1)[None, :]
        ok &= net <= np.minimum(self.daily * worked, self.room)
        banked = np.maximum(net, 0)
        taken = np.maximum(-net, 0)
        lapsing = np.maximum(t.expiring_balance - taken, 0)
        cost = w8.accrual_minute * banked + w8.takeback_minute * taken + w8.lapse_minute * lapsing
        if takes and self.selfish:
            cost = cost - takes * (net < -self.rounding)
        return np.where(ok, cost, np.inf)

    def accrual_most(self, picks: list[tuple[_Day, int | None]]) -> int | None:
        """None when a roster's paid total is within ACCRUAL's cap of its own dates worked
        (``Σ_p min(daily x dates worked in p, room_p)``); else the most paid units it may have."""
        if self.relief:
            return None
        t = self.target
        paid = sum(int(day.opts.paid[day.order[x]]) for day, x in picks if x is not None)
        worked = {day.opts.window.date for day, x in picks if x is not None}
        cap = sum(
            min(t.accrual_room[p], self.daily * sum(1 for x in dates if x in worked))
            for p, dates in t.period_days.items()
        )
        if paid - t.target_minutes <= cap:
            return None
        return max(-1, (t.target_minutes + cap) // self.unit)

    def takes_back(self, paid: int) -> bool:
        """TAKEBACK_COVER: a self-rostered person paid below the target by more than the rounding."""
        return self.selfish and not self.relief and paid - self.target.target_minutes < -self.rounding

    def accrual_cost(self, paid: int) -> int:
        if self.relief:
            return 0
        t, w8 = self.target, self.weights
        net = paid - t.target_minutes
        taken = max(-net, 0)
        return (
            w8.accrual_minute * max(net, 0)
            + w8.takeback_minute * taken
            + w8.lapse_minute * max(t.expiring_balance - taken, 0)
        )

    def option_values(self, day: _Day, prices: PersonPrices, fp: float, fu: float) -> Floats:
        """Each sorted option's own cost plus fairness prices less its worth at ``prices``."""
        o = day.opts
        n = o.window.n_slots
        duals = prices.cover
        here = np.bincount(day.slot, weights=duals[day.req], minlength=n) if len(day.slot) else np.zeros(n)
        if prices.present is not None:
            here = here + prices.present[day.first_slot : day.first_slot + n]
        prefix = np.concatenate(([0.0], np.cumsum(here)))
        present = prefix[day.j] - prefix[day.i]
        brk = day.k >= 0
        kk = np.where(brk, day.k, 0)
        present -= np.where(brk, prefix[np.minimum(kk + o.break_slots, n)] - prefix[kk], 0.0)
        if prices.onsite is not None:
            site = np.concatenate(([0.0], np.cumsum(prices.onsite[day.first_slot : day.first_slot + n])))
            present += site[day.j] - site[day.i]
        if len(day.tpos):
            present += np.bincount(day.tpos, weights=duals[day.trow], minlength=len(present))
        for tau, w in prices.ends.get(o.day, ()):
            present += w * (day.end_min <= tau)
        for tau, w in prices.starts.get(o.day, ()):
            present += w * (day.start_min >= tau)
        out: Floats = day.own + fp * day.pref + fu * day.unpop - present
        return out

    def price(self, prices: PersonPrices) -> DPPriced:
        """The cheapest roster at ``prices`` (worth per cover requirement, per slot, per start and
        end, of taking time back; the fairness prices)."""
        if self.person.impossible is not None:
            return DPPriced(None, np.inf)
        fp, fu = prices.fairness if self.emp.pattern == "self" else (0.0, 0.0)
        rows, cols = self.most + 1, self.worked_max + 1
        self.work += self.call_work
        values: list[Floats] = []
        bests: list[Floats] = []
        off = np.empty(len(self.days))
        for n, day in enumerate(self.days):
            o = day.opts
            val = self.option_values(day, prices, fp, fu)
            values.append(val)
            bests.append(np.minimum.reduceat(val, day.starts) if len(val) else np.zeros(0))
            off[n] = o.off_own + fp * o.off_pref if o.off_allowed else np.inf
        value, choice = date_dp(
            rows, cols, self.g_start, self.g_units, np.concatenate(bests) if bests else np.zeros(0), off
        )
        choices = list(choice)
        total = value + self._terminal(prices.takes)
        constant = self.person.constant + fp * self.person.constant_pref
        bound: float | None = None
        for _ in range(ACCRUAL_REPAIRS + 1):
            flat = int(np.argmin(total))
            s, w = divmod(flat, cols)
            best_value = float(total[s, w])
            if not np.isfinite(best_value):
                return DPPriced(None, np.inf) if bound is None else DPPriced(None, bound)
            best_value += constant
            if bound is None:
                bound = best_value
            picks = self._back(s, w, choices, values)
            most = self.accrual_most(picks)
            if most is None:
                column = self._column(picks)
                return DPPriced(column, bound, None if best_value <= bound else best_value)
            # ACCRUAL across two accounting periods: the label's cap (dates worked in all) is a
            # relaxation; this roster banks more than its dates in each period allow. The next
            # best label within that total is a roster; the first minimum still bounds.
            total = total.copy()
            total[most + 1 :, :] = np.inf
        return DPPriced(None, np.inf if bound is None else bound)

    def _back(
        self, s: int, w: int, choices: list[npt.NDArray[np.int16]], values: list[Floats]
    ) -> list[tuple[_Day, int | None]]:
        """The picks of the label (paid units ``s``, dates worked ``w``), back through the dates."""
        picks: list[tuple[_Day, int | None]] = []
        for day, choice, val in zip(reversed(self.days), reversed(choices), reversed(values), strict=True):
            group = int(choice[s, w])
            if group < 0:
                picks.append((day, None))
                continue
            lo = int(day.starts[group])
            hi = int(day.starts[group + 1]) if group + 1 < len(day.starts) else len(val)
            picks.append((day, lo + int(np.argmin(val[lo:hi]))))
            s -= day.units[group]
            w -= 1
        assert s == 0 and w == 0
        return picks[::-1]

    def _piece(self, day: _Day, x: int) -> tuple[Shift, tuple[int, ...]]:
        """Sorted option ``x`` of ``day`` as a shift, and the rows it counts toward (cached)."""
        key = (day.opts.day, x)
        got = self._pieces.get(key)
        if got is not None:
            return got
        g = self.g
        o = day.opts
        w = o.window
        i, j, k = int(day.i[x]), int(day.j[x]), int(day.k[x])
        bs = to_datetime(w.date, w.minute(k, g)) if k >= 0 else None
        shift = Shift(
            employee_id=self.emp.id,
            date=w.date,
            start=to_datetime(w.date, w.minute(i, g)),
            end=to_datetime(w.date, w.minute(j, g)),
            break_start=bs,
            break_end=bs + timedelta(minutes=o.break_slots * g) if bs is not None else None,
        )
        on = (day.slot >= i) & (day.slot < j)
        if k >= 0:
            on &= ~((day.slot >= k) & (day.slot < k + o.break_slots))
        rows = tuple(int(r) for r in day.req[on]) + tuple(int(r) for r in day.trow[day.tpos == x])
        self._pieces[key] = (shift, rows)
        return shift, rows

    def _column(self, picks: list[tuple[_Day, int | None]]) -> Column:
        shifts: list[Shift] = []
        cover: dict[int, int] = {}
        own = self.person.constant
        pref = self.person.constant_pref
        unpop = 0
        paid = 0
        for day, x in picks:
            o = day.opts
            if x is None:
                own += o.off_own
                pref += o.off_pref
                continue
            own += int(day.own[x])
            pref += int(day.pref[x])
            unpop += int(day.unpop[x])
            paid += int(o.paid[day.order[x]])
            shift, rows = self._piece(day, x)
            shifts.append(shift)
            for r in rows:
                cover[r] = cover.get(r, 0) + 1
        accrual = self.accrual_cost(paid)
        takes = self.takes_back(paid)
        costs = ((RuleCode.ACCRUAL, accrual), (RuleCode.PREFERENCES, pref), (RuleCode.STABILITY, own - pref))
        return Column(
            self.e,
            Roster(shifts=tuple(shifts)),
            own + accrual,
            cover,
            pref,
            unpop,
            takes,
            tuple((r, c) for r, c in costs if c),
        )


def dense_duals(duals: dict[int, float], requirements: int) -> Floats:
    out = np.zeros(requirements)
    for r, v in duals.items():
        out[r] = v
    return out
