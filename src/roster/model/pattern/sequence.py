"""Pricing for shift-type people: a DP over every date with the run, the last shift and weekends as state.

A person whose every window offers named shift types (or one fixed shift) has a handful
of choices a date, so the label can carry what SHIFT_TYPES ties across dates. A label is

    (run state, weekends worked, paid minutes)

where the run state is either "off for m dates" (m capped at ``min_consecutive_days_off``)
or "worked r dates in a row, the last a shift of class c" (r capped at
``max_consecutive_days``, else at ``min_consecutive_days``). A class groups the shifts
that forbid the same successors and, where REST_DAILY or a shift past midnight can
bind, end at the same minute. Held exactly in the DP:

* SHIFT_TYPES: forbidden successions; ``max_consecutive_days`` (with history.csv's
  run before the roster); ``min_consecutive_days`` and ``min_consecutive_days_off``
  (a run touching the roster's first or last date is exempt, as the validator says);
  ``max_weekends`` (Saturday-Sunday pairs of the roster with a shift on either);
  ``min/max_total_minutes``; a per-type maximum of 0 (the type is never offered);
* REST_DAILY and ONE_SHIFT between shifts on consecutive dates, and against the last
  shift of history.csv;
* CONTRACT_HOURS on the paid minutes; ACCRUAL's cost, and its cap on the period's room.

Relaxed (never tightened), so the DP's minimum stays a lower bound:

* a per-type maximum above 0 is moved into the objective by Lagrangian relaxation: the
  pricer raises a price on each type worked too often, at most ``PENALTY_ROUNDS``
  times, keeping the best bound ``min(f + Σ λ_t (count_t - max_t)) <= min f`` and the
  cheapest roster within every maximum as the column (then not always the minimum's);
* ACCRUAL's cap of 22 minutes per date worked (only the period's room is held), rest
  between shifts two or more dates apart, REST_WEEKLY, WTR_AVERAGE, NIGHT_WORK and
  YOUNG_WORKER's weekly limit: the caller checks each roster with the validator, as for
  :class:`.dp.DPPricer`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from roster.domain import WorkingTimeRules, is_young, weekly_rest_periods
from roster.domain.request import SolveRequest
from roster.model.columns import PersonPrices
from roster.model.index import ModelIndex
from roster.model.pattern import work
from roster.model.pattern.dp import ACCRUAL_REPAIRS, DPPriced, DPPricer, Floats, _Day
from roster.model.pattern.kernels import sequence_dp
from roster.timegrid import MINUTES_PER_DAY, roster_minute

PENALTY_ROUNDS = 3
"""DP solves a call may spend raising the prices of types worked above their maximum (x2 a
round from 1; the prices carry over to the person's next call, so they keep rising)."""

WEEKENDS = "\x00weekends"
"""The key of the weekend count among the priced maxima (no shift type can have this id)."""

WEEKEND_SLACK = 8
"""``max_weekends`` is counted in the label unless that alone makes it ``WEEKEND_SLACK`` times
``EXACT_CELLS``; then it is priced by Lagrangian relaxation like a per-type maximum."""

EXACT_CELLS = 4_000_000
"""Per-type maxima are held exactly (a count in the label) while the label grid over the
dates stays at most this many cells; the others are priced by Lagrangian relaxation."""


@dataclass
class _Group:
    """The options of one date with one type (or one fixed shift): same class, same paid minutes."""

    type_id: str | None
    cls: int
    units: int
    options: npt.NDArray[np.int64]
    """The date's sorted options of the group (they differ only in the break's position)."""
    start: int
    """Start, minute of day."""


def sequence_fits(index: ModelIndex, e: int) -> bool:
    """Every window of person ``e`` offers shift types or one fixed shift (and there is one)."""
    ws = [w for (p, _), w in index.windows.items() if p == e]
    return bool(ws) and all(w.types is not None or w.fixed is not None for w in ws)


class SequencePricer(DPPricer):
    """Person ``e``'s choices a date, run rules and rest, built once; each :meth:`price` is one DP
    (or a few, while per-type prices are raised).

    ``weekly``: hold REST_WEEKLY in the label (a flag per rest period and the last shift's end
    through days off); without it the rule is left to the validator's check. Free-time people
    are priced here too (groups by start, end and paid minutes) when a rest rule binds for them:
    the date-by-date DP (:class:`.dp.DPPricer`) has no room for the last shift's end."""

    def __init__(self, request: SolveRequest, index: ModelIndex, e: int, *, weekly: bool = False) -> None:
        super().__init__(request, index, e)
        sc = request.scenario
        svc = sc.service
        emp = self.emp
        lim = sc.limits(emp.id)
        self.n_days = len(index.days)
        by_day: dict[int, _Day] = {d.opts.day: d for d in self.days}
        self.cal: list[_Day | None] = [by_day.get(d) for d in range(self.n_days)]
        typed = {t.id: t for t in svc.shift_types}
        self.type_index = {t.id: n for n, t in enumerate(svc.shift_types)}
        wt = svc.working_time
        self.max_shifts = dict(lim.max_shifts) if lim is not None else {}
        crossing = any(
            bool((d.opts.window.start + d.j * index.slot > MINUTES_PER_DAY).any()) for d in self.days
        )
        self.young = [is_young(emp.date_of_birth, day) for day in index.days]
        self.blk_first = np.zeros(self.n_days, dtype=np.int64)
        self.blk_last = np.zeros(self.n_days, dtype=np.bool_)
        self.blk_mode = np.zeros(self.n_days, dtype=np.int64)
        self.blk_r1 = np.zeros(self.n_days, dtype=np.int64)
        self.blk_r2 = np.zeros(self.n_days, dtype=np.int64)
        """REST_WEEKLY's periods per date: first date, ends here, mode and rests (kernels._level)."""
        self.weekly = weekly and self._weekly_periods(wt, svc.weeks)
        rest_binds = wt.daily_rest_minutes > 0 or wt.young_daily_rest_minutes > 0 or crossing or self.weekly
        last = sc.last_shift_end(emp.id)
        self.last_end = roster_minute(svc.start_date, last) if last is not None else None
        classes: dict[tuple[frozenset[str], int], int] = {}
        self.groups: list[list[_Group]] = []
        g = index.slot
        for d, day in enumerate(self.cal):
            out: list[_Group] = []
            if day is not None:
                o = day.opts
                types = [o.types[int(x)] for x in day.order]
                keys: dict[tuple[str | None, int, int, int], list[int]] = {}
                for x in range(len(types)):
                    t = types[x]
                    if t is not None and emp.pattern == "self" and self.max_shifts.get(t) == 0:
                        continue
                    start = o.window.start + int(day.i[x]) * g
                    end = o.window.start + int(day.j[x]) * g
                    if self.last_end is not None and d * MINUTES_PER_DAY + start < self.last_end + (
                        wt.young_daily_rest_minutes if self.young[d] else wt.daily_rest_minutes
                    ):
                        continue
                    keys.setdefault((t, start, end, int(day.paid[x])), []).append(x)
                for (t, start, end, units), xs in keys.items():
                    forbid = (
                        frozenset(typed[t].not_followed_by)
                        if t is not None and emp.pattern == "self"
                        else frozenset()
                    )
                    key = (forbid, end if rest_binds else 0)
                    cls = classes.setdefault(key, len(classes))
                    out.append(_Group(t, cls, units, np.array(xs, dtype=np.int64), start))
            self.groups.append(out)
        # the last shift before the roster: a class of its own (no successions), its end on date -1
        hist_end = self.last_end + MINUTES_PER_DAY if self.last_end is not None else -(10**9)
        hist_key = (frozenset[str](), hist_end if rest_binds else -(10**9))
        self.hist_class = classes.setdefault(hist_key, len(classes))
        self.class_keys = list(classes)
        self.rest_binds = rest_binds
        self.min_run = (lim.min_consecutive_days if lim is not None else None) or 1
        self.max_run = lim.max_consecutive_days if lim is not None else None
        self.min_off = (lim.min_consecutive_days_off if lim is not None else None) or 1
        self.run_cap = max(self.max_run or 0, self.min_run)
        self.history = sc.worked_days_before(emp.id)
        # how long the last shift's end matters through days off: until every rest it could
        # still shorten is longer than any rule asks
        longest = max(
            [wt.daily_rest_minutes, wt.young_daily_rest_minutes]
            + ([int(self.blk_r1.max()), int(self.blk_r2.max())] if self.weekly else [])
        )
        ends = [e for _, e in self.class_keys if e > -(10**8)]
        self.keep = 0
        if rest_binds and ends:
            self.keep = max(0, -(-(longest + max(ends) - MINUTES_PER_DAY) // MINUTES_PER_DAY))
        self.m_cap = max(self.min_off, self.keep + 1)
        self.n_flags = (3 if int(self.blk_mode.max()) == 2 else 2) if self.weekly else 1
        if not self.weekly:
            self.blk_mode[:] = 0
        saturdays = [d for d, day in enumerate(index.days) if day.weekday() == 5]
        self.weekend_limit = lim.max_weekends if lim is not None else None
        if self.weekend_limit is not None and self.weekend_limit >= len(saturdays):
            self.weekend_limit = None
        self.n_weekends = (self.weekend_limit or 0) + 1
        self.weekend_counted = True
        """``max_weekends`` held as a count in the label; False: priced (the label would be too big)."""
        c_n = len(self.class_keys)
        self.n_states = ((self.m_cap + 1) * (c_n + 1) + self.run_cap * c_n) * self.n_flags
        self.n_res = 1
        most = self.most
        if lim is not None and lim.max_total_minutes is not None:
            most = min(most, lim.max_total_minutes // self.unit)
        self.most = max(0, most)
        self.min_total = lim.min_total_minutes if lim is not None else None
        self.max_total = lim.max_total_minutes if lim is not None else None
        self.exact: list[str] = []
        """Types whose maximum is held exactly; added when a roster of the DP breaks it."""
        self.lam: dict[str, float] = {}
        self._structure()
        self._resources()
        base = self.n_states * self.n_res * (self.most + 1) * self.n_days
        if self.weekend_limit is not None and base > EXACT_CELLS * WEEKEND_SLACK:
            self.weekend_counted = False
            self.n_weekends = 1
            self.max_shifts[WEEKENDS] = self.weekend_limit
            self._resources()

    def _weekly_periods(self, wt: WorkingTimeRules, weeks: int) -> bool:
        """REST_WEEKLY's periods as arrays per date (first date, last date, mode, rests); whether
        any period asks for a rest at all."""
        n = self.n_days
        young = [any(self.young[7 * k : 7 * k + 7]) for k in range(weeks)]
        for k0, length, options in weekly_rest_periods(wt, weeks, young):
            lo, hi = 7 * k0, min(n, 7 * (k0 + length))
            if lo >= n:
                continue
            if len(options) == 1:
                (rest,) = options[0]
                mode, r1, r2 = (1 if rest > 0 else 0), rest, rest
            else:
                mode, r1, r2 = 2, wt.weekly_rest_minutes, wt.fortnight_rest_minutes
                if r1 <= 0 and r2 <= 0:
                    mode = 0
            self.blk_first[lo:hi] = lo
            self.blk_last[hi - 1] = True
            self.blk_mode[lo:hi] = mode
            self.blk_r1[lo:hi] = r1
            self.blk_r2[lo:hi] = r2
        return bool(self.blk_mode.any())

    # state numbering (kernels.sequence_dp): off m (0..m_cap) since class c (C: too long ago),
    # flag f -> (m (C + 1) + c) F + f; worked r (1..run_cap), class c, flag f -> n_off + ((r-1) C + c) F + f
    def _init_state(self) -> int:
        c_n, f_n = len(self.class_keys), self.n_flags
        hist = self.hist_class
        if self.history > 0:
            n_off = (self.m_cap + 1) * (c_n + 1) * f_n
            return n_off + ((min(self.history, self.run_cap) - 1) * c_n + hist) * f_n
        far = self.class_keys[hist][1] < -(10**8) or self.keep == 0
        return (0 * (c_n + 1) + (c_n if far else hist)) * f_n

    def _terminal_paid(self, takes: float = 0.0) -> Floats:
        """ACCRUAL and CONTRACT_HOURS per paid total (the cap by dates worked relaxed), and the
        total-minutes limits; less ``takes`` where the total takes banked time back."""
        term = self._terminal(takes)[: self.most + 1, -1].copy()
        paid = np.arange(self.most + 1) * self.unit
        if self.min_total is not None:
            term[paid < self.min_total] = np.inf
        if self.max_total is not None:
            term[paid > self.max_total] = np.inf
        return term

    def _resources(self) -> None:
        """The resource axis: weekends worked, then the count of each type in ``exact`` (mixed radix),
        and the work of one DP over it (:mod:`.work`)."""
        self.radix = [self.n_weekends] + [self.max_shifts[t] + 1 for t in self.exact]
        self.n_res = math.prod(self.radix)
        strides = [math.prod(self.radix[: 1 + n]) for n in range(len(self.exact))]
        self.t_stride = np.array(strides, dtype=np.int64)
        self.t_max = np.array([self.max_shifts[t] for t in self.exact], dtype=np.int64)
        slot = {t: n for n, t in enumerate(self.exact)}
        self.g_ts = np.array(
            [slot.get(g.type_id, -1) if g.type_id is not None else -1 for gs in self.groups for g in gs],
            dtype=np.int64,
        )
        looked = sum(
            (int(self.n_keys[d]) + 1) * self.n_states
            + len(self.groups[d]) * self.n_flags * (1 + self.run_cap)
            for d in range(self.n_days)
        )
        self.call_work = work.SEQUENCE_CELL * looked * self.n_res * (
            self.most + 1
        ) + work.SEQUENCE_OPTION * sum(len(xs) for _, xs in self.day_xs)

    def _structure(self) -> None:
        """The arrays of :func:`.kernels.sequence_dp` that no price changes."""
        flat = [g for gs in self.groups for g in gs]
        self.g_start = np.cumsum([0] + [len(gs) for gs in self.groups]).astype(np.int64)
        self.g_cls = np.array([g.cls for g in flat], dtype=np.int64)
        self.g_units = np.array([g.units for g in flat], dtype=np.int64)
        self.g_begin = np.array([g.start for g in flat], dtype=np.int64)
        self.g_tid = np.array(
            [self.type_index.get(g.type_id, -1) if g.type_id is not None else -1 for g in flat],
            dtype=np.int64,
        )
        g_key: list[int] = []
        n_keys: list[int] = []
        for gs in self.groups:
            keys: dict[tuple[int, str | None], int] = {}
            for grp in gs:
                g_key.append(keys.setdefault((grp.start, grp.type_id), len(keys)))
            n_keys.append(len(keys))
        self.g_key = np.array(g_key, dtype=np.int64)
        self.n_keys = np.array(n_keys, dtype=np.int64)
        c_n = len(self.class_keys)
        self.cls_end = np.array([e for _, e in self.class_keys], dtype=np.int64)
        self.cls_forbid = np.zeros((c_n, max(1, len(self.type_index))), dtype=np.bool_)
        for c, (forbid, _) in enumerate(self.class_keys):
            for t in forbid:
                if t in self.type_index:
                    self.cls_forbid[c, self.type_index[t]] = True
        wt = self.index.scenario.service.working_time
        self.rest_daily = np.array(
            [
                max(
                    0,
                    wt.young_daily_rest_minutes
                    if self.young[d] or (d > 0 and self.young[d - 1])
                    else wt.daily_rest_minutes,
                )
                if self.rest_binds
                else -(10**9)
                for d in range(self.n_days)
            ],
            dtype=np.int64,
        )
        days = self.index.days
        self.sat = np.array([day.weekday() == 5 for day in days], dtype=np.bool_)
        self.sun = np.array([day.weekday() == 6 and d > 0 for d, day in enumerate(days)], dtype=np.bool_)
        self.terminal = self._terminal_paid()
        # every group's options in one flat array, group after group, with the rows each counts toward
        self.day_xs: list[tuple[_Day, npt.NDArray[np.int64]]] = []
        f_day: list[int] = []
        f_x: list[int] = []
        first: list[int] = []
        for d, gs in enumerate(self.groups):
            day = self.cal[d]
            if day is None or not gs:
                continue
            xs = np.concatenate([g.options for g in gs])
            self.day_xs.append((day, xs))
            base = len(f_x)
            at = 0
            for g in gs:
                first.append(base + at)
                at += len(g.options)
            f_day += [d] * len(xs)
            f_x += [int(x) for x in xs]
        empty_i = np.zeros(0, dtype=np.int64)
        self.f_day, self.f_x = f_day, f_x
        self.g_first = np.array(first, dtype=np.int64)
        sizes = np.diff(np.r_[self.g_first, len(f_x)]) if first else empty_i
        self.g_sizes = sizes.astype(np.int64)
        self.g_type = [g.type_id for gs in self.groups for g in gs]

    def _solve(
        self, prices: PersonPrices, fp: float, fu: float, lam: dict[str, float], terminal: Floats
    ) -> tuple[float, list[tuple[_Day, int | None]]] | None:
        """The DP with prices ``lam`` on the types: (minimum with the prices, the picks)."""
        n_flat = len(self.f_x)
        off = np.zeros(self.n_days)
        for d, day in enumerate(self.cal):
            if day is not None:
                o = day.opts
                off[d] = o.off_own + fp * o.off_pref if o.off_allowed else np.inf
        if n_flat:
            val = np.concatenate([self.option_values(day, prices, fp, fu)[xs] for day, xs in self.day_xs])
            g_min = np.minimum.reduceat(val, self.g_first)
            hit = np.where(val == np.repeat(g_min, self.g_sizes), np.arange(n_flat), n_flat)
            best = np.minimum.reduceat(hit, self.g_first)
            g_val = (
                g_min + np.array([lam.get(t, 0.0) if t is not None else 0.0 for t in self.g_type])
                if lam
                else g_min
            )
        else:
            best = np.zeros(0, dtype=np.int64)
            g_val = np.zeros(0)
        paid_cap = np.full(self.n_days, self.most, dtype=np.int64)
        self.work += self.call_work
        top, picks = sequence_dp(
            self.n_res,
            self.most + 1,
            self.min_off,
            self.run_cap,
            self.max_run or 0,
            self.min_run,
            len(self.class_keys),
            self.cls_end,
            self.cls_forbid,
            self.keep,
            self.m_cap,
            self.n_flags,
            self._init_state(),
            self.history,
            self.g_start,
            self.g_cls,
            self.g_units,
            g_val,
            self.g_ts,
            self.g_begin,
            self.g_tid,
            self.g_key,
            self.n_keys,
            off,
            self.rest_daily,
            self.blk_first,
            self.blk_last,
            self.blk_mode,
            self.blk_r1,
            self.blk_r2,
            paid_cap,
            self.sat,
            self.sun,
            self.weekend_limit is not None and self.weekend_counted,
            self.n_weekends,
            self.t_stride,
            self.t_max,
            terminal,
            lam.get(WEEKENDS, 0.0),
        )
        if not np.isfinite(top):
            return None
        out: list[tuple[_Day, int | None]] = []
        for d, day in enumerate(self.cal):
            if day is None:
                continue
            g = int(picks[d])
            out.append((day, self.f_x[int(best[g])] if g >= 0 else None))
        return float(top), out

    def price(self, prices: PersonPrices) -> DPPriced:
        if self.person.impossible is not None:
            return DPPriced(None, np.inf)
        fp, fu = prices.fairness if self.emp.pattern == "self" else (0.0, 0.0)
        terminal = self._terminal_paid(prices.takes) if prices.takes else self.terminal
        constant = self.person.constant + fp * self.person.constant_pref
        # warm start: the prices the person's last call ended with (duals move little between rounds)
        lam = dict(self.lam)
        bound = -math.inf
        column = None
        column_value = math.inf
        penalties = 0
        restricted = 0
        """Solves with the paid total cut to the accrual cap of the last roster's dates worked
        (their minima bound nothing)."""
        while True:
            found = self._solve(prices, fp, fu, lam, terminal)
            if found is None:
                if restricted:
                    break  # no roster within the tightened cap: the bound stands
                return DPPriced(None, np.inf)  # prices change costs, never what is possible
            value, picks = found
            counts: dict[str, int] = {}
            for day, x in picks:
                if x is not None:
                    t = day.opts.types[int(day.order[x])]
                    if t is not None:
                        counts[t] = counts.get(t, 0) + 1
            if not self.weekend_counted:
                worked = {day.opts.day for day, x in picks if x is not None}
                counts[WEEKENDS] = sum(1 for d in np.flatnonzero(self.sat) if d in worked or d + 1 in worked)
            if not restricted:
                bound = max(bound, value - sum(v * self.max_shifts.get(t, 0) for t, v in lam.items()))
            selfish = self.emp.pattern == "self"
            over = [
                t for t, n in counts.items() if (selfish or t == WEEKENDS) and n > self.max_shifts.get(t, n)
            ]
            if not over:
                most = self.accrual_most(picks)
                if most is not None and restricted < ACCRUAL_REPAIRS:
                    # ACCRUAL's 22 minutes a date worked (the label has no count of dates): the
                    # roster banks more than its own dates allow; look again within that total
                    restricted += 1
                    terminal = terminal.copy()
                    terminal[most + 1 :] = np.inf
                    continue
                if most is not None:
                    break
                true = value - sum(v * counts.get(t, 0) for t, v in lam.items())
                if true < column_value:
                    column, column_value = self._column(picks), true
                # a price on a type worked below its maximum is halved for the next call
                lam = {t: v if counts.get(t, 0) >= self.max_shifts[t] else v / 2 for t, v in lam.items()}
                lam = {t: v for t, v in lam.items() if v >= 1.0}
                break
            # hold a broken maximum exactly while the label stays small, else price it
            grown = False
            for t in sorted(over, key=lambda t: (self.max_shifts[t], t)):
                if t == WEEKENDS:
                    continue
                cells = self.n_states * self.n_res * (self.max_shifts[t] + 1) * (self.most + 1) * self.n_days
                if cells <= EXACT_CELLS:
                    self.exact.append(t)
                    lam.pop(t, None)
                    grown = True
                    self._resources()
            if grown:
                continue  # bounds so far are of a relaxation: still valid
            if penalties == PENALTY_ROUNDS:
                break
            penalties += 1
            for t in over:
                lam[t] = 2.0 * lam[t] if t in lam else 1.0
        self.lam = lam
        if column is None:
            return DPPriced(None, bound + constant)
        if column_value <= bound + 1e-9 * max(1.0, abs(bound)):
            return DPPriced(column, column_value + constant)  # the minimum's own roster: exact
        return DPPriced(column, bound + constant, column_value + constant)
