"""A first roster built by hand rules, given to CP-SAT as a solution hint.

Cover is soft, so any roster that meets each person's hard rules is feasible;
the hard part for a search is hitting each contract exactly on the grid.
This module builds, for each person on their own, a roster that does: it
starts from their indicated pattern, picks the days to work (wished shifts
first, wished days off last), spreads the contracted minutes over those days
in grid steps, and places each shift (and its break) inside the day's window
clear of part-day leave. It ignores cover; CP-SAT improves from there.
It is only a hint: a person it cannot fit is left to the solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from roster.domain import Roster, Shift, is_young, young_night
from roster.model.index import DayWindow, ModelIndex
from roster.timegrid import MINUTES_PER_DAY, minute_of_day, to_datetime, weekday_name


@dataclass(frozen=True)
class PlannedShift:
    day: int
    start: int
    end: int
    break_start: int | None


def _paid_to_length(paid: int, threshold: int, brk: int) -> int:
    return paid if paid <= threshold else paid + brk


def _place(
    w: DayWindow, length: int, wish_start: int, g: int, night: list[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """Start/end boundaries of a shift of ``length`` slots near ``wish_start`` (a slot index),
    clear of part-day leave and of ``night`` (minute ranges of the date an under-18 may not work)."""
    blocked = set(w.blocked)
    for lo, hi in night or ():
        blocked.update(k for k in range(w.n_slots) if w.minute(k, g) < hi and lo < w.minute(k + 1, g))
    best: tuple[int, int] | None = None
    for i in range(0, w.n_slots - length + 1):
        if w.minute(i, g) >= MINUTES_PER_DAY:
            break  # a shift starts on its own date
        if any(k in blocked for k in range(i, i + length)):
            continue
        if best is None or abs(i - wish_start) < abs(best[0] - wish_start):
            best = (i, i + length)
    return best


def plan_person(idx: ModelIndex, e: int) -> list[PlannedShift]:
    sc = idx.scenario
    g = idx.slot
    emp = idx.employees[e]
    rule = sc.service.breaks
    windows = sorted((w for (ee, _), w in idx.windows.items() if ee == e), key=lambda w: w.day)
    if emp.pattern == "fixed":
        out = []
        for w in windows:
            fx = w.fixed
            if fx is not None:
                out.append(PlannedShift(w.day, fx.start, fx.end, fx.break_start))
        return out

    if any(w.types is not None for w in windows):
        return _plan_typed(idx, e, windows)
    tgt = idx.targets[e]
    lo_len, hi_len = idx.shift_bounds(e)
    wt = sc.service.working_time
    # An under-18 (on any roster date) is planned by the young rules throughout: the hint stays legal.
    young = any(is_young(emp.date_of_birth, w.date) for w in windows)
    threshold = (
        min(rule.threshold_minutes, wt.young_break_threshold_minutes) if young else rule.threshold_minutes
    )
    night = young_night(wt) if young else None
    min_paid = _round_up(lo_len if lo_len <= threshold else lo_len - rule.break_minutes, g)
    max_paid = hi_len if hi_len <= threshold else hi_len - rule.break_minutes
    if young:
        max_paid = min(max_paid, wt.young_max_daily_minutes)

    dated = {p.date: p for p in sc.preferences if p.employee_id == emp.id}
    wishes = [x for x in sc.wishes if x.employee_id == emp.id]

    def rank(w: DayWindow) -> tuple[int, int]:
        pref = dated.get(w.date)
        if pref is not None and pref.kind == "shift":
            return (0, w.day)
        off = (pref is not None and pref.kind == "off") or any(
            x.kind == "day_off" and x.weekday == weekday_name(w.date) for x in wishes
        )
        return (2 if off else 1, w.day)

    ordered = sorted(windows, key=rank)
    target = tgt.target_minutes
    if target <= 0 or not ordered:
        return []
    k = max(1, min(len(ordered), round(target / max(emp.daily_minutes, min_paid))))
    while k < len(ordered) and k * max_paid < target:
        k += 1
    while k > 1 and k * min_paid > target + tgt.usable_balance:
        k -= 1
    ordered = _spread(ordered, [rank(w)[0] for w in ordered], k, e)
    chosen = sorted(ordered[:k], key=lambda w: w.day)

    def wished_paid(w: DayWindow) -> int:
        pref = dated.get(w.date)
        if pref is not None and pref.kind == "shift" and pref.start is not None and pref.end is not None:
            length = pref.end - pref.start
            paid = length - rule.break_minutes if length > threshold else length
            return min(max_paid, max(min_paid, paid - paid % g))
        return min(max_paid, max(min_paid, _round_up(target // k, g)))

    paid = [wished_paid(w) for w in chosen]
    # Aim at the grid multiple of the target, within what may be banked or taken back.
    daily = tgt.daily_limit
    room = sum(
        min(daily * sum(1 for w in chosen if w.date in days), tgt.accrual_room[p])
        for p, days in tgt.period_days.items()
    )
    goal = _round_up(target, g)
    if goal - target > room:
        goal -= g
    for i in range(10_000):
        total = sum(paid)
        if total == goal:
            break
        step = g if total < goal else -g
        j = i % len(paid)
        if min_paid <= paid[j] + step <= max_paid:
            paid[j] += step
    out = []
    spare = list(ordered[k:])  # days not chosen, best first: stand-ins for a day that cannot fit
    for w, p in zip(chosen, paid, strict=True):
        length = _paid_to_length(p, threshold, rule.break_minutes)
        placed = None
        for cand in [w, *spare]:
            pref = dated.get(cand.date)
            wish = pref.start if pref is not None and pref.start is not None else None
            if wish is None:
                # no wish: early and late shifts in turn (by person and date), so the hint covers
                # the evening as well as the morning
                opening = sc.service.opening_on(cand.date)
                wish = opening.start if opening is not None else cand.start
                if opening is not None and (e + cand.day) % 2:
                    wish = max(wish, opening.end - length)
            placed = _place(cand, length // g, (wish - cand.start) // g, g, night)
            if placed is not None:
                if cand is not w:
                    spare.remove(cand)
                w = cand
                break
        if placed is None:
            continue
        s, t = w.minute(placed[0], g), w.minute(placed[1], g)
        bs = None
        if length > threshold:
            half = (length - rule.break_minutes) // 2
            before = max(rule.min_work_before, min(rule.max_continuous_work, half))
            before -= before % g
            bs = s + before
        out.append(PlannedShift(w.day, s, t, bs))
    return sorted(out, key=lambda ps: ps.day)


def _spread(ordered: list[DayWindow], classes: list[int], k: int, e: int) -> list[DayWindow]:
    """``ordered`` (best class first) with the days of no wish either way spread over the period:
    those taken come evenly from each week (the weeks dealt round by person ``e``) and from
    across each week, not from its start; without this a team with no wishes (a roster carried on,
    a year's plan) is hinted into the first days of the period and the last week left empty."""
    wished = [w for w, c in zip(ordered, classes, strict=True) if c == 0]
    neutral = [w for w, c in zip(ordered, classes, strict=True) if c == 1]
    last = [w for w, c in zip(ordered, classes, strict=True) if c == 2]
    need = max(0, min(len(neutral), k - len(wished)))
    weeks: dict[int, list[DayWindow]] = {}
    for w in neutral:
        weeks.setdefault(w.day // 7, []).append(w)
    order = sorted(weeks)
    order = order[e % len(order) :] + order[: e % len(order)] if order else order
    share = dict.fromkeys(order, 0)
    dealt = 0
    while dealt < need:  # deal the days to the weeks one at a time, round by round
        for wk in order:
            if dealt < need and share[wk] < len(weeks[wk]):
                share[wk] += 1
                dealt += 1
    picked: list[DayWindow] = []
    golden = 0.6180339887498949
    for wk in order:
        days = weeks[wk]
        # the days of the week whose golden-ratio points fall lowest: evenly spread for any count
        keyed = sorted(days, key=lambda w: ((days.index(w) + 1) * golden + e * 0.2357) % 1.0)
        picked += sorted(keyed[: share[wk]], key=lambda w: w.day)
    rest = [w for w in neutral if w not in picked]
    return wished + picked + rest + last


def _plan_typed(idx: ModelIndex, e: int, windows: list[DayWindow]) -> list[PlannedShift]:
    """SHIFT_TYPES: shifts of the person's usual type on the best-ranked dates.

    The usual type is the one the person most often requests (else types are dealt
    round the team); dates with a shift-on request come first, requested days off
    last; runs are kept within the person's maximum (6 days without one) and
    weekends within theirs. The number of shifts meets the contract (or the
    minimum total minutes of relief staff).
    """
    sc = idx.scenario
    emp = idx.employees[e]
    rule = sc.service.breaks
    wt = sc.service.working_time
    young = any(is_young(emp.date_of_birth, w.date) for w in windows)
    threshold = rule.threshold_minutes
    if young:
        threshold = min(threshold, wt.young_break_threshold_minutes)
    night = young_night(wt) if young else []
    lim = sc.limits(emp.id)
    requests = {r.date: r for r in sc.shift_requests if r.employee_id == emp.id}
    asked = [r.shift_type for r in requests.values() if r.kind == "on" and r.shift_type]
    types = [t for t in sc.service.shift_types if not any(t.start < hi and lo < t.end for lo, hi in night)]
    if not types:
        return []
    # the most asked-for type, ties to the first asked (never a set: its order follows the hash seed)
    usual = max(dict.fromkeys(asked), key=asked.count) if asked else types[e % len(types)].id

    def paid(minutes: int) -> int:
        return minutes - rule.break_minutes if minutes > threshold else minutes

    def pick(w: DayWindow) -> str | None:
        fits = [t.id for t in w.types or () if t in types]
        req = requests.get(w.date)
        if req is not None and req.kind == "on" and req.shift_type in fits:
            return req.shift_type
        return usual if usual in fits else (fits[0] if fits else None)

    def rank(w: DayWindow) -> tuple[int, int]:
        req = requests.get(w.date)
        if req is not None:
            return (0 if req.kind == "on" else 2, w.day)
        return (1, w.day)

    goal = idx.targets[e].target_minutes if not emp.relief else (lim.min_total_minutes or 0) if lim else 0
    most_days = lim.max_consecutive_days if lim and lim.max_consecutive_days else 6
    most_weekends = lim.max_weekends if lim and lim.max_weekends is not None else len(windows)
    chosen: dict[int, str] = {}
    total = 0
    for w in sorted(windows, key=rank):
        if total >= goal:
            break
        type_id = pick(w)
        if type_id is None:
            continue
        trial = set(chosen) | {w.day}
        if _longest_run(trial) > most_days or _weekends(idx, trial) > most_weekends:
            continue
        chosen[w.day] = type_id
        total += paid(sc.service.shift_type(type_id).minutes)
    out = []
    for d, type_id in sorted(chosen.items()):
        t = sc.service.shift_type(type_id)
        bs = None
        if t.minutes > threshold:
            half = (t.minutes - rule.break_minutes) // 2
            before = max(rule.min_work_before, min(rule.max_continuous_work, half))
            bs = t.start + before - before % idx.slot
        out.append(PlannedShift(d, t.start, t.end, bs))
    return out


def _longest_run(days: set[int]) -> int:
    best = run = 0
    for d in range(max(days, default=-1) + 1):
        run = run + 1 if d in days else 0
        best = max(best, run)
    return best


def _weekends(idx: ModelIndex, days: set[int]) -> int:
    return sum(1 for d, day in enumerate(idx.days) if day.weekday() == 5 and (d in days or d + 1 in days))


def _round_up(value: int, g: int) -> int:
    return -(-value // g) * g


def planned_shifts(idx: ModelIndex) -> dict[tuple[int, int], PlannedShift]:
    """:func:`plan_person` for everyone, keyed by (person, day)."""
    planned: dict[tuple[int, int], PlannedShift] = {}
    for e in range(len(idx.employees)):
        for ps in plan_person(idx, e):
            planned[(e, ps.day)] = ps
    return planned


def planned_roster(idx: ModelIndex, planned: dict[tuple[int, int], PlannedShift] | None = None) -> Roster:
    """The hand-built roster of :func:`plan_person` (or ``planned``), as a :class:`Roster`."""
    brk = idx.scenario.service.breaks.break_minutes
    shifts = []
    for (e, d), ps in sorted((planned_shifts(idx) if planned is None else planned).items()):
        day = idx.days[d]
        bs = to_datetime(day, ps.break_start) if ps.break_start is not None else None
        shifts.append(
            Shift(
                employee_id=idx.employees[e].id,
                date=day,
                start=to_datetime(day, ps.start),
                end=to_datetime(day, ps.end),
                break_start=bs,
                break_end=bs + timedelta(minutes=brk) if bs is not None else None,
            )
        )
    return Roster(shifts=tuple(shifts))


def roster_plan(idx: ModelIndex, roster: Roster) -> dict[tuple[int, int], PlannedShift]:
    """A roster's shifts keyed by (person, day), in minutes of day (people not in ``idx`` skipped)."""
    person = {emp.id: e for e, emp in enumerate(idx.employees)}
    day = {d: i for i, d in enumerate(idx.days)}
    out: dict[tuple[int, int], PlannedShift] = {}
    for s in roster.shifts:
        e, d = person.get(s.employee_id), day.get(s.date)
        if e is None or d is None:
            continue
        bs = minute_of_day(s.date, s.break_start) if s.break_start is not None else None
        out[(e, d)] = PlannedShift(d, minute_of_day(s.date, s.start), minute_of_day(s.date, s.end), bs)
    return out


def add_hints(rm: object, planned: dict[tuple[int, int], PlannedShift] | None = None) -> int:
    """Hint every shift variable of ``rm`` (a SlotModel) from ``planned``.

    ``planned`` defaults to :func:`planned_shifts`. Returns the number of
    shifts hinted.
    """
    from roster.model.slot.formulation import SlotModel

    assert isinstance(rm, SlotModel)
    idx = rm.index
    g = idx.slot
    if planned is None:
        planned = planned_shifts(idx)
    model = rm.model
    for key, sv in rm.shifts.items():
        ps = planned.get(key)
        w = sv.window
        i0 = (ps.start - w.start) // g if ps else -1
        j0 = (ps.end - w.start) // g if ps else -1
        b0 = (ps.break_start - w.start) // g if ps and ps.break_start is not None else -1
        model.add_hint(sv.works, ps is not None)
        for i, v in sv.start.items():
            model.add_hint(v, i == i0)
        for j, v in sv.end.items():
            model.add_hint(v, j == j0)
        for i, v in enumerate(sv.on):
            model.add_hint(v, i0 <= i < j0)
        for i, v in sv.brk.items():
            model.add_hint(v, i == b0)
        if sv.long is not None:
            model.add_hint(sv.long, b0 >= 0)
        for t in sv.window.types or ():
            if t.id in sv.typed:
                model.add_hint(sv.typed[t.id], ps is not None and (ps.start, ps.end) == (t.start, t.end))
    return sum(1 for key in rm.shifts if key in planned)
