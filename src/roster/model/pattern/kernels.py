"""Compiled loops of the pricing DPs (numba): the hot loop of column generation.

Profiling the sequence DP written with numpy (Curtois Instance 11, 50 people, one
pricing round) put 0.92 s in 47,818 small-array calls, 18 ms a person, for labels of
about 1,300 cells: the time went to Python and numpy call overhead, not arithmetic.
The same loops compiled by numba take well under a millisecond a person there
(``benchmarks/pattern_pricing.py`` measures both). Compiled on first use and cached on
disk next to this module, so later runs load the machine code.

Nothing here knows a rule: :mod:`.sequence` turns the person's rules into the arrays
described at :func:`sequence_dp`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

INF = np.inf


@njit(cache=True)
def _extend(
    value: np.ndarray,
    new: np.ndarray,
    arg_s: np.ndarray,
    arg_g: np.ndarray,
    d: int,
    src: np.ndarray,
    tgt: int,
    inc: int,
    ts: int,
    units: int,
    v: float,
    group: int,
    n_wk: int,
    t_stride: np.ndarray,
    t_max: np.ndarray,
) -> None:
    """Relax ``new[tgt]`` with ``value_src + v``: paid minutes up by ``units``, weekends by ``inc``,
    the count of held type ``ts`` (when >= 0) by one. ``src`` is a (res, paid) array of source
    states (one per cell), ``value`` already minimised over the sources."""
    n_res, n_paid = new.shape[1], new.shape[2]
    for k in range(n_res):
        if inc and k % n_wk == n_wk - 1:
            continue
        k2 = k + inc
        if ts >= 0:
            if (k // t_stride[ts]) % (t_max[ts] + 1) >= t_max[ts]:
                continue
            k2 += t_stride[ts]
        for p in range(n_paid - units):
            c = value[k, p]
            if c == INF:
                continue
            c += v
            if c < new[tgt, k2, p + units]:
                new[tgt, k2, p + units] = c
                arg_s[d, tgt, k2, p + units] = src[k, p]
                arg_g[d, tgt, k2, p + units] = group


@njit(cache=True)
def date_dp(
    rows: int,
    cols: int,
    g_start: np.ndarray,
    g_units: np.ndarray,
    g_cost: np.ndarray,
    off_cost: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The date-by-date DP's forward pass (:class:`.dp.DPPricer`): labels (paid units, dates worked).

    Date d offers its groups ``g_start[d] .. g_start[d + 1] - 1`` (paid units, cheapest cost)
    or a day off at ``off_cost[d]`` (inf: must work). Returns the final label values and, per
    date and label, the group taken into it (-1: the day off). Ties go to the day off, then to
    the earlier group (fewer paid minutes)."""
    n_days = off_cost.shape[0]
    value = np.full((rows, cols), INF)
    value[0, 0] = 0.0
    choice = np.full((n_days, rows, cols), -1, dtype=np.int16)
    for d in range(n_days):
        new = np.full((rows, cols), INF)
        oc = off_cost[d]
        if oc < INF:
            for s in range(rows):
                for w in range(cols):
                    v = value[s, w]
                    if v < INF:
                        new[s, w] = v + oc
        for gi in range(g_start[d], g_start[d + 1]):
            units = g_units[gi]
            cost = g_cost[gi]
            if units >= rows or cost == INF:
                continue
            group = gi - g_start[d]
            for s in range(rows - units):
                for w in range(cols - 1):
                    v = value[s, w]
                    if v == INF:
                        continue
                    v += cost
                    if v < new[s + units, w + 1]:
                        new[s + units, w + 1] = v
                        choice[d, s + units, w + 1] = group
        value = new
    return value, choice


@njit(cache=True)
def _level(length: int, mode: int, r1: int, r2: int) -> int:
    """REST_WEEKLY: what one uninterrupted rest of ``length`` minutes gives its period.

    Mode 1 (one rest of ``r1``): 1 once it is long enough. Mode 2 (a fortnight: one rest of
    ``r2`` or two of ``r1``): 2 for ``r2``, 1 for ``r1``. Mode 0: no weekly rule (0)."""
    if mode == 1:
        return 1 if length >= r1 else 0
    if mode == 2:
        return 2 if length >= r2 else (1 if length >= r1 else 0)
    return 0


FAR = -(10**9)
"""The end of a shift long enough ago that no rest rule can see it."""


@njit(cache=True)
def sequence_dp(
    n_res: int,
    n_paid: int,
    min_off: int,
    run_cap: int,
    max_run: int,
    min_run: int,
    n_classes: int,
    cls_end: np.ndarray,
    cls_forbid: np.ndarray,
    keep: int,
    m_cap: int,
    n_flags: int,
    init_state: int,
    history: int,
    g_start: np.ndarray,
    g_cls: np.ndarray,
    g_units: np.ndarray,
    g_val: np.ndarray,
    g_ts: np.ndarray,
    g_begin: np.ndarray,
    g_tid: np.ndarray,
    g_key: np.ndarray,
    n_keys: np.ndarray,
    off_cost: np.ndarray,
    rest_daily: np.ndarray,
    blk_first: np.ndarray,
    blk_last: np.ndarray,
    blk_mode: np.ndarray,
    blk_r1: np.ndarray,
    blk_r2: np.ndarray,
    paid_cap: np.ndarray,
    sat: np.ndarray,
    sun: np.ndarray,
    weekends: bool,
    n_wk: int,
    t_stride: np.ndarray,
    t_max: np.ndarray,
    terminal: np.ndarray,
    wk_price: float,
) -> tuple[float, np.ndarray]:
    """Cheapest path over the dates; (its value, the group worked on each date or -1 for off).

    A state is where the person's last shift and the current period's weekly rest stand:

    * off ``m`` dates (0..``m_cap``; 0 only before the roster's first date) since a shift of
      class ``c`` (``c == n_classes``: so long ago that no rule sees it, kept once ``m`` passes
      ``keep``), with weekly-rest flag ``f``: index ``(m (C + 1) + c) F + f``;
    * worked ``r`` dates in a row (1..``run_cap``), the last a shift of class ``c``, flag ``f``:
      index ``(m_cap + 1)(C + 1)F + ((r - 1) C + c) F + f``.

    A class is a shift's end (``cls_end``, minutes of its own date) and the types that may not
    follow it (``cls_forbid[c, type]``). Groups of date d are ``g_start[d] .. g_start[d + 1] - 1``
    with class, paid units, value, held-type slot (-1: none), start minute, type (-1: none) and
    key (groups of one date with the same start and type share what may precede them).
    Held exactly: successions and REST_DAILY (``rest_daily[d]`` between dates d - 1 and d, and
    no overlap) on consecutive dates; runs of work (``max_run``, ``min_run``) and of days off
    (``min_off``), a run touching the roster's first or last date exempt; REST_WEEKLY in each
    period (``blk_first[d]``: the first date of d's period; ``blk_last[d]``: d ends it;
    ``blk_mode``, ``blk_r1``, ``blk_r2`` as :func:`_level`), rest measured inside the period;
    paid units after date d at most ``paid_cap[d]`` (the 48-hour average); weekends and
    per-type counts on the resource axis as before. ``terminal[p]`` is the cost of ending
    with ``p`` paid units.
    """
    n_days = off_cost.shape[0]
    C = n_classes
    F = n_flags
    n_off = (m_cap + 1) * (C + 1) * F
    n_states = n_off + run_cap * C * F
    day = 1440
    value = np.full((n_states, n_res, n_paid), INF)
    value[init_state, 0, 0] = 0.0
    arg_s = np.full((n_days, n_states, n_res, n_paid), -1, dtype=np.int32)
    arg_g = np.full((n_days, n_states, n_res, n_paid), -1, dtype=np.int16)
    max_keys = 1
    for d in range(n_days):
        if n_keys[d] > max_keys:
            max_keys = n_keys[d]
    best_off = np.empty((max_keys, F, n_res, n_paid))
    src_off = np.empty((max_keys, F, n_res, n_paid), dtype=np.int64)
    best_on = np.empty((max_keys, run_cap, F, n_res, n_paid))
    src_on = np.empty((max_keys, run_cap, F, n_res, n_paid), dtype=np.int64)
    for d in range(n_days):
        new = np.full((n_states, n_res, n_paid), INF)
        d0 = blk_first[d]
        starts_block = d == d0 and d > 0
        mode, r1, r2 = blk_mode[d], blk_r1[d], blk_r2[d]
        done = 2 if mode == 2 else 1
        # previous period's mode, to close it when d starts a new one
        pm, pr1, pr2 = 0, 0, 0
        if d > 0:
            pm, pr1, pr2 = blk_mode[d - 1], blk_r1[d - 1], blk_r2[d - 1]
        pdone = 2 if pm == 2 else 1
        # every source state: its class end (absolute), days since, run, flag; and whether it
        # may go on (a new period must find the last one's rest met)
        for s in range(n_states):
            if s < n_off:
                f = s % F
                c = (s // F) % (C + 1)
                m = s // (F * (C + 1))
                r = 0
            else:
                f = (s - n_off) % F
                c = ((s - n_off) // F) % C
                r = (s - n_off) // (F * C) + 1
                m = 0
            end_abs = FAR if c == C else (d - 1 - m) * day + cls_end[c]
            f_in = f
            if starts_block:
                if pm > 0:
                    ff = f
                    if r > 0:  # the tail of the last period after the shift of date d - 1
                        tail = d * day - max(end_abs, blk_first[d - 1] * day)
                        ff = min(pdone, ff + _level(max(tail, 0), pm, pr1, pr2))
                    if ff < pdone:
                        continue
                f_in = 0
            # -- off on date d
            oc = off_cost[d]
            if oc < INF and not (r > 0 and r < min_run and not (r == history + d and history + d <= run_cap)):
                m2 = min(m + 1, m_cap)
                c2 = c if (c < C and m + 1 <= keep) else C
                f2 = f_in
                if mode > 0:
                    lo = d0 * day
                    old = d * day - max(end_abs, lo) if not starts_block else 0
                    if d == d0:
                        old = 0
                    now = (d + 1) * day - max(end_abs, lo)
                    gain = _level(max(now, 0), mode, r1, r2) - _level(max(old, 0), mode, r1, r2)
                    f2 = min(done, f_in + gain)
                tgt = (m2 * (C + 1) + c2) * F + f2
                for k in range(n_res):
                    for p in range(n_paid):
                        v = value[s, k, p]
                        if v == INF:
                            continue
                        v += oc
                        if v < new[tgt, k, p]:
                            new[tgt, k, p] = v
                            arg_s[d, tgt, k, p] = s
                            arg_g[d, tgt, k, p] = -1
        # -- worked on date d: per key, the best source for each target flag (and run length)
        lo_g, hi_g = g_start[d], g_start[d + 1]
        if hi_g > lo_g:
            nk = n_keys[d]
            for q in range(nk):
                for f in range(F):
                    for k in range(n_res):
                        for p in range(n_paid):
                            best_off[q, f, k, p] = INF
                            for r in range(run_cap):
                                best_on[q, r, f, k, p] = INF
            # a representative group of each key: its start and type
            key_begin = np.full(nk, 0, dtype=np.int64)
            key_tid = np.full(nk, -1, dtype=np.int64)
            for gi in range(lo_g, hi_g):
                key_begin[g_key[gi]] = g_begin[gi]
                key_tid[g_key[gi]] = g_tid[gi]
            for s in range(n_states):
                if s < n_off:
                    f = s % F
                    c = (s // F) % (C + 1)
                    m = s // (F * (C + 1))
                    r = 0
                    if not (m >= min_off or m == d):
                        continue  # a run of days off too short (not touching the first date)
                else:
                    f = (s - n_off) % F
                    c = ((s - n_off) // F) % C
                    r = (s - n_off) // (F * C) + 1
                    m = 0
                    if max_run > 0 and r >= max_run:
                        continue
                end_abs = FAR if c == C else (d - 1 - m) * day + cls_end[c]
                f_in = f
                if starts_block:
                    if pm > 0:
                        ff = f
                        if r > 0:
                            tail = d * day - max(end_abs, blk_first[d - 1] * day)
                            ff = min(pdone, ff + _level(max(tail, 0), pm, pr1, pr2))
                        if ff < pdone:
                            continue
                    f_in = 0
                lo = d0 * day
                old = 0 if d == d0 else max(d * day - max(end_abs, lo), 0)
                for q in range(nk):
                    begin = d * day + key_begin[q]
                    if begin - end_abs < rest_daily[d]:
                        continue
                    if r > 0 and key_tid[q] >= 0 and c < C and cls_forbid[c, key_tid[q]]:
                        continue
                    f2 = f_in
                    if mode > 0:
                        now = max(begin - max(end_abs, lo), 0)
                        f2 = min(done, f_in + _level(now, mode, r1, r2) - _level(old, mode, r1, r2))
                    if r == 0:
                        for k in range(n_res):
                            for p in range(n_paid):
                                v = value[s, k, p]
                                if v < best_off[q, f2, k, p]:
                                    best_off[q, f2, k, p] = v
                                    src_off[q, f2, k, p] = s
                    else:
                        for k in range(n_res):
                            for p in range(n_paid):
                                v = value[s, k, p]
                                if v < best_on[q, r - 1, f2, k, p]:
                                    best_on[q, r - 1, f2, k, p] = v
                                    src_on[q, r - 1, f2, k, p] = s
            inc_off = 1 if weekends and (sat[d] or sun[d]) else 0
            inc_on = 1 if weekends and sat[d] else 0
            price_off = wk_price if (sat[d] or sun[d]) else 0.0
            price_on = wk_price if sat[d] else 0.0
            for gi in range(lo_g, hi_g):
                q = g_key[gi]
                cg = g_cls[gi]
                for f in range(F):
                    tgt = n_off + cg * F + f
                    _extend(
                        best_off[q, f],
                        new,
                        arg_s,
                        arg_g,
                        d,
                        src_off[q, f],
                        tgt,
                        inc_off,
                        g_ts[gi],
                        g_units[gi],
                        g_val[gi] + price_off,
                        gi - lo_g,
                        n_wk,
                        t_stride,
                        t_max,
                    )
                    for r in range(1, run_cap + 1):
                        r2 = min(r + 1, run_cap)
                        tgt = n_off + ((r2 - 1) * C + cg) * F + f
                        _extend(
                            best_on[q, r - 1, f],
                            new,
                            arg_s,
                            arg_g,
                            d,
                            src_on[q, r - 1, f],
                            tgt,
                            inc_on,
                            g_ts[gi],
                            g_units[gi],
                            g_val[gi] + price_on,
                            gi - lo_g,
                            n_wk,
                            t_stride,
                            t_max,
                        )
        cap = paid_cap[d]
        if cap + 1 < n_paid:
            for s in range(n_states):
                for k in range(n_res):
                    for p in range(cap + 1, n_paid):
                        new[s, k, p] = INF
        value = new
    # the best final label (the last period's rest met), then back through the dates
    top = INF
    s_b, k_b, p_b = -1, -1, -1
    last = n_days - 1
    mode, r1, r2 = blk_mode[last], blk_r1[last], blk_r2[last]
    done = 2 if mode == 2 else 1
    for s in range(n_states):
        if mode > 0:
            if s < n_off:
                f = s % F
            else:
                f = (s - n_off) % F
                c = ((s - n_off) // F) % C
                end_abs = last * day + cls_end[c]
                tail = (last + 1) * day - max(end_abs, blk_first[last] * day)
                f = min(done, f + _level(max(tail, 0), mode, r1, r2))
            if f < done:
                continue
        for k in range(n_res):
            for p in range(n_paid):
                c2 = value[s, k, p] + terminal[p]
                if c2 < top:
                    top, s_b, k_b, p_b = c2, s, k, p
    picks = np.full(n_days, -1, dtype=np.int64)
    if top == INF:
        return top, picks
    s, k, p = s_b, k_b, p_b
    for d in range(n_days - 1, -1, -1):
        gi = arg_g[d, s, k, p]
        prev = arg_s[d, s, k, p]
        if gi >= 0:
            g = g_start[d] + gi
            picks[d] = g
            p -= g_units[g]
            if weekends and (sat[d] or (sun[d] and prev < n_off)):
                k -= 1
            if g_ts[g] >= 0:
                k -= t_stride[g_ts[g]]
        s = prev
    return top, picks
