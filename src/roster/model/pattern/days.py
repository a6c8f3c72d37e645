"""Day options: every shift a person may work on each date, as arrays, for the DP pricer.

For each of a person's windows (:class:`~roster.model.index.ModelIndex`), the
options are the (start, end, break) triples the slot model allows on that date,
enumerated once: exactly the rules that look at one date at a time.

* TIME_GRID, BANDWIDTH, LEAVE: boundaries of the window's grid, no slot of part-day
  leave, nothing on a closed date (the window's ``closed``);
* SHIFT_LENGTH: ``min <= length <= max`` (break included);
* BREAKS: a shift longer than the threshold has its break in every position the
  slot model allows (work before and after, no stretch above the maximum); a
  shorter one has none;
* YOUNG_WORKER's daily part: paid minutes at most the daily limit, no slot in the
  young night (both on the dates the person is under 18);
* FIXED_PATTERN: the timetabled shift only, and it must be worked;
* SHIFT_TYPES' per-date part: the offered types' times only (one option per type);
* PIN: the pinned shift only (must be worked), or no option on a date pinned off.

Each option carries its own cost (PREFERENCES and STABILITY, integers, as
docs/rules.md and the slot model count them), its PREFERENCES part and its
unpopular-pattern count (for FAIRNESS), and its paid minutes. Rules across dates
are the DP's business (:mod:`.dp`).

Clock changes: paid minutes, SHIFT_LENGTH and BREAKS count real minutes
(Europe/London). In a window holding a changed hour (its slots last 0 or
``2 g`` real minutes) no option starts or ends strictly inside that hour, no
break touches it, and the breaks are placed by
:func:`~roster.model.index.break_bounds`, as the slot model places them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from roster.domain import is_young, toil_account, young_night
from roster.domain.flexi import flexi_leave_by_period
from roster.domain.request import SolveRequest
from roster.domain.roster import Shift
from roster.model.index import BreakLimits, DayWindow, ModelIndex, ShiftCoverLine, break_bounds, shape_for
from roster.model.index import shift_rows as shift_rows
from roster.timegrid import MINUTES_PER_DAY, changed_hour_at, minute_of_day, real_boundaries, weekday_name

Ints = npt.NDArray[np.int64]


@dataclass
class DayOptions:
    """The options of one person on one date (arrays of equal length, one entry per option)."""

    day: int
    window: DayWindow
    i: Ints
    """Start boundary in the window."""
    j: Ints
    """End boundary in the window."""
    k: Ints
    """Break start slot in the window, -1 for none."""
    paid: Ints
    own: Ints
    """PREFERENCES + STABILITY when the option is worked."""
    pref: Ints
    """The PREFERENCES part of ``own``."""
    unpop: Ints
    types: list[str | None]
    break_slots: int
    off_allowed: bool
    off_own: int = 0
    """PREFERENCES + STABILITY when the date is not worked."""
    off_pref: int = 0

    @property
    def size(self) -> int:
        return len(self.i)


@dataclass
class PersonDays:
    """A person's options on every date, and the costs of dates with no window."""

    e: int
    days: list[DayOptions] = field(default_factory=list)
    constant: int = 0
    """Own cost that no choice changes (a request or a base shift on a date with no window)."""
    constant_pref: int = 0
    impossible: str | None = None
    """Why no roster exists for the person on their own (a pin or fixed shift that cannot be placed)."""


def shift_row_pairs(
    index: ModelIndex, e: int, opts: DayOptions, lines: list[tuple[int, ShiftCoverLine]]
) -> tuple[Ints, Ints]:
    """(option, master row) pairs: the SHIFT_COVER lines each option of ``opts`` counts toward
    (a shift dated that day with exactly the type's times, held by a person of the line's
    skill, as the validator counts). ``lines``: (line number, line) of the option's date."""
    if not lines or not opts.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    emp = index.employees[e]
    w = opts.window
    g = index.slot
    svc = index.scenario.service
    sm = w.start + opts.i * g
    em = w.start + opts.j * g
    base = len(index.cover)
    xs: list[Ints] = []
    rs: list[int] = []
    for n, line in lines:
        if line.skill is not None and line.skill not in emp.skills:
            continue
        t = svc.shift_type(line.shift_type)
        hit = np.flatnonzero((sm == t.start) & (em == t.end))
        xs.append(hit)
        rs += [base + n] * len(hit)
    if not rs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(xs).astype(np.int64), np.array(rs, dtype=np.int64)


def lines_by_date(lines: list[ShiftCoverLine]) -> dict[dt.date, list[tuple[int, ShiftCoverLine]]]:
    out: dict[dt.date, list[tuple[int, ShiftCoverLine]]] = {}
    for n, line in enumerate(lines):
        out.setdefault(line.date, []).append((n, line))
    return out


def _mult(strength: str, strong: int) -> int:
    return strong if strength == "strong" else 1


def person_days(request: SolveRequest, index: ModelIndex, e: int) -> PersonDays:
    """Every option of person ``e`` on every date of the roster."""
    sc = request.scenario
    emp = index.employees[e]
    g = index.slot
    w8 = sc.weights
    out = PersonDays(e)
    pins = {p.date: p for p in request.pins if p.employee_id == emp.id}
    extras = {x.date: x for x in sc.extra_shifts if x.employee_id == emp.id}
    account = toil_account(sc, emp)
    if account.overdrawn or account.over_cap:
        out.impossible = f"the time off in lieu of {emp.id} leaves its bounds (TIME_OFF_IN_LIEU)"
    flexi = sc.service.flexi
    if flexi is not None and any(n > flexi.leave_days for n in flexi_leave_by_period(sc, emp).values()):
        out.impossible = f"{emp.id} takes more flexi leave than a flexi period allows (FLEXI)"
    base = request.base_shifts() if request.base is not None else {}
    stable = request.base is not None and bool(request.stability or request.shift_weight)
    selfish = emp.pattern == "self"
    dated = {p.date: p for p in sc.preferences if p.employee_id == emp.id} if selfish else {}
    wishes = [x for x in sc.wishes if x.employee_id == emp.id] if selfish else []
    requests = [r for r in sc.shift_requests if r.employee_id == emp.id] if selfish else []
    unpopular = sc.service.unpopular if selfish else ()
    wt = sc.service.working_time
    lo, hi = index.shift_bounds(e)
    for d, day in enumerate(index.days):
        w = index.windows.get((e, d))
        b = base.get((emp.id, day)) if stable else None
        if w is None:
            for r in requests:
                if r.date == day and r.shift_type is not None and r.kind == "on":
                    weight = w8.pref_day if r.weight is None else r.weight
                    out.constant += weight
                    out.constant_pref += weight
            if b is not None:
                out.constant += request.shift_weight
            pin = pins.get(day)
            if pin is not None and pin.shift is not None:
                out.impossible = f"the pin on {day} cannot be placed (no window that date)"
            if day in extras:
                out.impossible = (
                    f"the extra shift on {day} cannot be worked (no window that date; TIME_OFF_IN_LIEU)"
                )
            continue
        n = w.n_slots
        shape = shape_for(index, e, day)
        real = np.array(real_boundaries(index.days[0], day, w.start, n, g), dtype=np.int64)
        if real[-1] - real[0] == n * g:
            i, j, k, types = _options(index, e, w, lo, hi)
            has_long = (max(t.minutes for t in w.types) // g if w.types else n) > shape.threshold
            length = j - i
            long = (length > shape.threshold) if has_long else np.zeros(len(i), dtype=bool)
            minutes = length * g
        else:  # a clock change in the window: lengths in real minutes
            i, j, k, types = _options_real(index, e, w, lo, hi, real)
            has_long = bool(real[-1] - real[0] > shape.threshold * g)
            minutes = real[j] - real[i]
            long = (minutes > shape.threshold * g) if has_long else np.zeros(len(i), dtype=bool)
        break_slots = shape.slots if has_long else 0
        paid = minutes - np.where(long, break_slots * g, 0)
        young = is_young(emp.date_of_birth, day)
        if young:
            keep = paid <= wt.young_max_daily_minutes
            i, j, k, long, paid = i[keep], j[keep], k[keep], long[keep], paid[keep]
            types = [t for t, ok in zip(types, keep, strict=True) if ok]
        must_work = w.fixed is not None
        off_allowed = not must_work
        pin = pins.get(day)
        if w.closed is not None:
            i, j, k, long, paid, types = i[:0], j[:0], k[:0], long[:0], paid[:0], []
        if w.fixed is not None:
            fi, fj = (w.fixed.start - w.start) // g, (w.fixed.end - w.start) // g
            fk = -1 if w.fixed.break_start is None else (w.fixed.break_start - w.start) // g
            keep = (i == fi) & (j == fj) & (k == fk)
            i, j, k, long, paid = i[keep], j[keep], k[keep], long[keep], paid[keep]
            types = [t for t, ok in zip(types, keep, strict=True) if ok]
            if not len(i):
                out.impossible = f"the fixed shift on {day} cannot be worked"
        if pin is not None:
            if pin.shift is None:
                i, j, k, long, paid, types = i[:0], j[:0], k[:0], long[:0], paid[:0], []
                if must_work:
                    out.impossible = f"{day} is pinned off but has a fixed shift"
            else:
                ps = pin.shift
                pi_ = (minute_of_day(day, ps.start) - w.start) / g
                pj = (minute_of_day(day, ps.end) - w.start) / g
                pk = -1 if ps.break_start is None else (minute_of_day(day, ps.break_start) - w.start) / g
                keep = (i == pi_) & (j == pj) & (k == pk)
                i, j, k, long, paid = i[keep], j[keep], k[keep], long[keep], paid[keep]
                types = [t for t, ok in zip(types, keep, strict=True) if ok]
                off_allowed = False
                if not len(i):
                    out.impossible = f"the pin on {day} cannot be placed"
        extra = extras.get(day)
        if extra is not None:
            xk = -1 if extra.break_start is None else (extra.break_start - w.start) / g
            keep = (i == (extra.start - w.start) / g) & (j == (extra.end - w.start) / g) & (k == xk)
            i, j, k, long, paid = i[keep], j[keep], k[keep], long[keep], paid[keep]
            types = [t for t, ok in zip(types, keep, strict=True) if ok]
            off_allowed = False
            if not len(i):
                out.impossible = f"the extra shift on {day} cannot be worked (TIME_OFF_IN_LIEU)"
        if must_work and not len(i) and out.impossible is None:
            out.impossible = f"the fixed shift on {day} cannot be worked"
        sm = w.start + i * g
        em = w.start + j * g
        km = np.where(k >= 0, w.start + k * g, -1)
        pref = np.zeros(len(i), dtype=np.int64)
        off_pref = 0
        p = dated.get(day)
        if p is not None and p.kind == "shift":
            assert p.start is not None and p.end is not None
            m = _mult(p.strength, w8.strong_multiplier)
            pref += m * w8.pref_minute * (np.abs(sm - p.start) + np.abs(em - p.end))
            off_pref += m * w8.pref_day
        elif p is not None and p.kind == "off":
            pref += _mult(p.strength, w8.strong_multiplier) * w8.pref_day
        else:
            for wish in wishes:
                if wish.weekday != weekday_name(day):
                    continue
                m = _mult(wish.strength, w8.strong_multiplier)
                if wish.kind == "day_off":
                    pref += m * w8.pref_day
                elif wish.kind == "finish_by":
                    assert wish.time is not None
                    pref += m * w8.pref_minute * np.maximum(0, em - wish.time)
                else:
                    assert wish.time is not None
                    pref += m * w8.pref_minute * np.maximum(0, wish.time - sm)
        for r in requests:
            if r.date != day:
                continue
            weight = w8.pref_day if r.weight is None else r.weight
            if r.shift_type is None:
                pref += weight
            elif r.kind == "on":
                pref += np.array([0 if t == r.shift_type else weight for t in types], dtype=np.int64)
                off_pref += weight
            else:
                pref += np.array([weight if t == r.shift_type else 0 for t in types], dtype=np.int64)
        own = pref.copy()
        off_own = off_pref
        if stable:
            own_s, off_s = _stability(request, b, sm, em, km, long, has_long, break_slots * g, day)
            own += own_s
            off_own += off_s
        unpop = np.zeros(len(i), dtype=np.int64)
        for pat in unpopular:
            if weekday_name(day) not in pat.weekdays:
                continue
            hit = np.zeros(len(i), dtype=bool)
            if pat.starts_before is not None:
                hit |= sm < pat.starts_before
            if pat.ends_after is not None:
                hit |= em > pat.ends_after
            unpop += hit
        out.days.append(
            DayOptions(
                d,
                w,
                i,
                j,
                k,
                paid.astype(np.int64),
                own,
                pref,
                unpop,
                types,
                break_slots,
                off_allowed,
                off_own,
                off_pref,
            )
        )
    return out


def _stability(
    request: SolveRequest,
    b: Shift | None,
    sm: Ints,
    em: Ints,
    km: Ints,
    long: npt.NDArray[np.bool_],
    has_long: bool,
    new_break: int,
    day: dt.date,
) -> tuple[Ints, int]:
    """STABILITY per option (worked) and when off, against base shift ``b`` (rules/request.py)."""
    shift_w, minute_w = request.shift_weight, request.stability
    if b is None:
        return np.full(len(sm), shift_w, dtype=np.int64), 0
    bs, be = minute_of_day(day, b.start), minute_of_day(day, b.end)
    moved = np.abs(sm - bs) + np.abs(em - be)
    if b.break_start is not None:
        bb = minute_of_day(day, b.break_start)
        moved = moved + np.where(km >= 0, np.abs(km - bb), 0)
        moved = moved + np.where(long, 0, b.break_minutes) if has_long else moved + b.break_minutes
    elif has_long:
        moved = moved + np.where(long, new_break, 0)
    return (minute_w * moved).astype(np.int64), shift_w


def _options(
    index: ModelIndex, e: int, w: DayWindow, lo: int, hi: int
) -> tuple[Ints, Ints, Ints, list[str | None]]:
    """(start, end, break) boundaries of every option of window ``w`` by the per-date rules."""
    g = index.slot
    n = w.n_slots
    emp = index.employees[e]
    sc = index.scenario
    blocked = np.zeros(n, dtype=np.int64)
    for s in w.blocked:
        blocked[s] = 1
    if is_young(emp.date_of_birth, w.date):
        for lo_n, hi_n in young_night(sc.service.working_time):
            for s in range(n):
                if w.minute(s, g) < hi_n and lo_n < w.minute(s + 1, g):
                    blocked[s] = 1
    cum = np.concatenate(([0], np.cumsum(blocked)))
    types: list[str | None]
    if w.types is not None:
        i = np.array([(t.start - w.start) // g for t in w.types], dtype=np.int64)
        j = np.array([(t.end - w.start) // g for t in w.types], dtype=np.int64)
        types = [t.id for t in w.types]
    elif w.fixed is not None:
        i = np.array([(w.fixed.start - w.start) // g], dtype=np.int64)
        j = np.array([(w.fixed.end - w.start) // g], dtype=np.int64)
        types = [None]
    else:
        min_slots = -(-lo // g)
        ii, jj = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
        keep = (jj - ii >= max(1, min_slots)) & (ii < n)
        i, j = ii[keep].astype(np.int64), jj[keep].astype(np.int64)
        types = [None] * len(i)
    length = (j - i) * g
    inside = (i >= 0) & (j <= n) & (j > i) & (w.start + i * g < MINUTES_PER_DAY)  # starts on its date
    clear = cum[np.clip(j, 0, n)] - cum[np.clip(i, 0, n)] == 0
    keep = inside & clear & (length >= lo) & (length <= hi)
    i, j = i[keep], j[keep]
    types = [t for t, ok in zip(types, keep, strict=True) if ok]
    shape = shape_for(index, e, w.date)
    longest = max(t.minutes for t in w.types) // g if w.types else n
    if longest <= shape.threshold:
        return i, j, np.full(len(i), -1, dtype=np.int64), types
    a, b, c = shape.before, shape.slots, shape.after
    big = sc.service.breaks.max_continuous_work // g
    out_i: list[Ints] = []
    out_j: list[Ints] = []
    out_k: list[Ints] = []
    out_t: list[str | None] = []
    short = (j - i) <= shape.threshold
    out_i.append(i[short])
    out_j.append(j[short])
    out_k.append(np.full(int(short.sum()), -1, dtype=np.int64))
    out_t += [t for t, s in zip(types, short, strict=True) if s]
    li, lj = i[~short], j[~short]
    lt = [t for t, s in zip(types, short, strict=True) if not s]
    if b == 0:
        out_i.append(li)
        out_j.append(lj)
        out_k.append(np.full(len(li), -1, dtype=np.int64))
        out_t += lt
    else:
        first = np.maximum(li + a, lj - b - big)
        last = np.minimum(lj - b - c, li + big)
        # the slot model's break variables exist for slots a .. n - b - c only
        first = np.maximum(first, a)
        last = np.minimum(last, n - b - c)
        count = np.maximum(0, last - first + 1)
        rep = np.repeat(np.arange(len(li)), count)
        offs = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        out_i.append(li[rep])
        out_j.append(lj[rep])
        out_k.append((first[rep] + offs).astype(np.int64))
        out_t += [lt[x] for x in rep]
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_k), out_t


def _options_real(
    index: ModelIndex, e: int, w: DayWindow, lo: int, hi: int, real: Ints
) -> tuple[Ints, Ints, Ints, list[str | None]]:
    """:func:`_options` for a window holding a changed hour, by real minutes (``real``: the real
    minute of each boundary). No option starts or ends strictly inside the changed hour
    (TIME_GRID); the length is real (SHIFT_LENGTH); a long shift's break lies where
    :func:`~roster.model.index.break_bounds` allows (BREAKS)."""
    g = index.slot
    n = w.n_slots
    emp = index.employees[e]
    sc = index.scenario
    blocked = set(w.blocked)
    if is_young(emp.date_of_birth, w.date):
        for lo_n, hi_n in young_night(sc.service.working_time):
            blocked.update(s for s in range(n) if w.minute(s, g) < hi_n and lo_n < w.minute(s + 1, g))
    inside = {b for b in range(n + 1) if changed_hour_at(w.date, w.minute(b, g)) is not None}
    pairs: list[tuple[int, int, str | None]]
    if w.types is not None:
        pairs = [((t.start - w.start) // g, (t.end - w.start) // g, t.id) for t in w.types]
    elif w.fixed is not None:
        pairs = [((w.fixed.start - w.start) // g, (w.fixed.end - w.start) // g, None)]
    else:
        pairs = [(a, b, None) for a in range(n) for b in range(a + 1, n + 1)]
    shape = shape_for(index, e, w.date)
    has_long = real[-1] - real[0] > shape.threshold * g
    limits = BreakLimits.of(sc)
    bounds = {x: break_bounds([int(r) for r in real], x, shape.slots, g, limits) for x in range(n)}
    out_i: list[int] = []
    out_j: list[int] = []
    out_k: list[int] = []
    out_t: list[str | None] = []
    for a, b, t in pairs:
        if not (0 <= a < b <= n) or a in inside or b in inside or w.minute(a, g) >= MINUTES_PER_DAY:
            continue
        if any(s in blocked for s in range(a, b)) or not lo <= real[b] - real[a] <= hi:
            continue
        if not has_long or real[b] - real[a] <= shape.threshold * g or shape.slots == 0:
            out_i.append(a)
            out_j.append(b)
            out_k.append(-1)
            out_t.append(t)
            continue
        for x in range(a, b - shape.slots + 1):
            bb = bounds[x]
            if bb is None:
                continue
            latest_start, earliest_start, earliest_end, latest_end = bb
            if earliest_start <= a <= latest_start and earliest_end <= b <= latest_end:
                out_i.append(a)
                out_j.append(b)
                out_k.append(x)
                out_t.append(t)
    return _ints(out_i), _ints(out_j), _ints(out_k), out_t


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)
