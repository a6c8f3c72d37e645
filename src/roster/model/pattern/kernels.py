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
    value: np.ndarray, new: np.ndarray, arg_s: np.ndarray, arg_g: np.ndarray, d: int,
    src: np.ndarray, tgt: int, inc: int, ts: int, units: int, v: float, group: int,
    n_wk: int, t_stride: np.ndarray, t_max: np.ndarray,
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
def sequence_dp(
    n_states: int, n_res: int, n_paid: int, min_off: int, run_cap: int, max_run: int, min_run: int,
    history: int, n_classes: int,
    g_start: np.ndarray, g_cls: np.ndarray, g_units: np.ndarray, g_val: np.ndarray, g_ts: np.ndarray,
    g_sig: np.ndarray, sig_allowed: np.ndarray,
    off_cost: np.ndarray, sat: np.ndarray, sun: np.ndarray, weekends: bool, n_wk: int,
    t_stride: np.ndarray, t_max: np.ndarray, terminal: np.ndarray, wk_price: float,
) -> tuple[float, np.ndarray]:
    """Cheapest path over the dates; (its value, the group worked on each date or -1 for off).

    States: ``m - 1`` for "off m dates" (m = 1..min_off, capped), ``min_off + (r - 1) C + c``
    for "r dates worked in a row (capped at run_cap), the last of class c". Groups of date
    d are ``g_start[d] .. g_start[d + 1] - 1`` with class, paid units, value, held-type slot
    (-1: none) and successor signature (``sig_allowed[g_sig[g], c]``: class c may precede
    it). ``off_cost[d]`` is inf where the date must be worked; ``sat[d]`` / ``sun[d]`` mark a
    Saturday and a Sunday whose Saturday is in the roster; with ``weekends``, at most
    ``n_wk - 1`` weekends are worked.
    ``terminal[p]`` is the cost (inf: refused) of ending with ``p`` paid units. ``wk_price`` is
    added for each weekend worked (the maximum priced instead of counted; 0 otherwise).
    """
    n_days = off_cost.shape[0]
    value = np.full((n_states, n_res, n_paid), INF)
    if history > 0:
        value[min_off + (min(history, run_cap) - 1) * n_classes, 0, 0] = 0.0
    else:
        value[min_off - 1, 0, 0] = 0.0
    arg_s = np.full((n_days, n_states, n_res, n_paid), -1, dtype=np.int16)
    arg_g = np.full((n_days, n_states, n_res, n_paid), -1, dtype=np.int16)
    n_sig = sig_allowed.shape[0]
    best = np.empty((n_sig, n_res, n_paid))
    best_src = np.empty((n_sig, n_res, n_paid), dtype=np.int64)
    off_src = np.empty((n_res, n_paid), dtype=np.int64)
    for d in range(n_days):
        new = np.full((n_states, n_res, n_paid), INF)
        oc = off_cost[d]
        if oc < INF:
            for m in range(1, min_off + 1):
                tgt = min(m + 1, min_off) - 1
                for k in range(n_res):
                    for p in range(n_paid):
                        c = value[m - 1, k, p] + oc
                        if c < new[tgt, k, p]:
                            new[tgt, k, p] = c
                            arg_s[d, tgt, k, p] = m - 1
                            arg_g[d, tgt, k, p] = -1
            for r in range(1, run_cap + 1):
                exempt = r == history + d and history + d <= run_cap
                if r < min_run and not exempt:
                    continue
                for c_ in range(n_classes):
                    s = min_off + (r - 1) * n_classes + c_
                    for k in range(n_res):
                        for p in range(n_paid):
                            c = value[s, k, p] + oc
                            if c < new[0, k, p]:
                                new[0, k, p] = c
                                arg_s[d, 0, k, p] = s
                                arg_g[d, 0, k, p] = -1
        lo, hi = g_start[d], g_start[d + 1]
        if hi > lo:
            # the best eligible stretch off before a first working date
            off_best = np.full((n_res, n_paid), INF)
            for m in range(1, min_off + 1):
                if m != min_off and m != d:
                    continue
                for k in range(n_res):
                    for p in range(n_paid):
                        if value[m - 1, k, p] < off_best[k, p]:
                            off_best[k, p] = value[m - 1, k, p]
                            off_src[k, p] = m - 1
            inc_off = 1 if weekends and (sat[d] or sun[d]) else 0
            inc_on = 1 if weekends and sat[d] else 0
            price_off = wk_price if (sat[d] or sun[d]) else 0.0
            price_on = wk_price if sat[d] else 0.0
            for gi in range(lo, hi):
                _extend(off_best, new, arg_s, arg_g, d, off_src, min_off + g_cls[gi], inc_off,
                        g_ts[gi], g_units[gi], g_val[gi] + price_off, gi - lo, n_wk, t_stride, t_max)
            for r in range(1, run_cap + 1):
                if max_run > 0 and r >= max_run:
                    continue
                r2 = min(r + 1, run_cap)
                # per successor signature: the best class that may precede it, at run length r
                for sg in range(n_sig):
                    used = False
                    for gi in range(lo, hi):
                        if g_sig[gi] == sg:
                            used = True
                            break
                    if not used:
                        continue
                    for k in range(n_res):
                        for p in range(n_paid):
                            best[sg, k, p] = INF
                    for c_ in range(n_classes):
                        if not sig_allowed[sg, c_]:
                            continue
                        s = min_off + (r - 1) * n_classes + c_
                        for k in range(n_res):
                            for p in range(n_paid):
                                if value[s, k, p] < best[sg, k, p]:
                                    best[sg, k, p] = value[s, k, p]
                                    best_src[sg, k, p] = s
                for gi in range(lo, hi):
                    sg = g_sig[gi]
                    _extend(best[sg], new, arg_s, arg_g, d, best_src[sg],
                            min_off + (r2 - 1) * n_classes + g_cls[gi], inc_on,
                            g_ts[gi], g_units[gi], g_val[gi] + price_on, gi - lo, n_wk, t_stride, t_max)
        value = new
    # the best final label, then back through the dates
    top = INF
    s_b, k_b, p_b = -1, -1, -1
    for s in range(n_states):
        for k in range(n_res):
            for p in range(n_paid):
                c = value[s, k, p] + terminal[p]
                if c < top:
                    top, s_b, k_b, p_b = c, s, k, p
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
            if weekends and (sat[d] or (sun[d] and prev < min_off)):
                k -= 1
            if g_ts[g] >= 0:
                k -= t_stride[g_ts[g]]
        s = prev
    return top, picks
