"""Evidence against an INFEASIBLE claim: a small search for a roster the validator passes.

The solver's INFEASIBLE comes from its own model; a model that forbids more than the rules do
would report a feasible scenario infeasible, and a test that only reads the status would pass it.
``crew_witness`` looks for a roster without the model: on each date, everyone who works works the
same shift (one *crew*, so lone working and supervision can hold), with the shifts, lengths and
breaks the service allows on a 30-minute grid, and a depth-first search over dates that prunes on
contracted hours and daily rest. The validator alone judges each whole roster it builds. Finding
one proves the INFEASIBLE wrong; finding none proves nothing (the search is not complete), so it is
evidence a test can fail on, not a second solver.

The pruning reads the scenario's figures (contract target and accrual room from
``roster.domain.contract``, rest from the working-time rules) only to steer the search: a wrong
figure there makes the search miss, never accept, a roster.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

from roster.domain import Employee, Roster, Scenario, Shift
from roster.domain.contract import availability, contract_target
from roster.domain.working_time import is_young
from roster.validation import validate

GRID = 30  # minutes between candidate starts and lengths


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


def _shifts(sc: Scenario, day: dt.date) -> list[tuple[int, int, int | None, str | None]]:
    """(start, end, break start or None, shift type or None) on ``day``, minutes from its midnight:
    every length the service allows inside the bandwidth (the shift types' times where it has
    types); a break of the service's length in the middle of any shift over the young workers'
    threshold (a break is required above it for them and allowed for everyone)."""
    svc = sc.service
    band = svc.bandwidth_on(day)
    if band is None or svc.is_closed(day):
        return []
    rule, wt = svc.breaks, svc.working_time
    threshold = min(rule.threshold_minutes, wt.young_break_threshold_minutes)
    spans: list[tuple[int, int, str | None]]
    if svc.shift_types:
        spans = [(t.start, t.end, t.id) for t in svc.shift_types if band.start <= t.start < t.end <= band.end]
    else:
        lengths = range(svc.shift_length.min_minutes, svc.shift_length.max_minutes + 1, GRID)
        spans = [(s, s + n, None) for n in lengths for s in range(band.start, band.end - n + 1, GRID)]
    out: list[tuple[int, int, int | None, str | None]] = []
    for start, end, type_id in spans:
        length = end - start
        brk = start + ((length - rule.break_minutes) // 2) // 15 * 15 if length > threshold else None
        out.append((start, end, brk, type_id))
    return out


Option = tuple[int, int, int | None, str | None]
"""A candidate shift on a date: start, end, break start (or None), shift type (or None)."""
State = tuple[int, dt.datetime | None, str | None, dict[str, int]]
"""A person's roster so far: paid minutes, last shift's end, its type, shifts per type."""


def crew_witness(sc: Scenario, *, max_checks: int = 60, max_nodes: int = 100_000) -> Roster | None:
    """A roster that the validator passes with no hard violation, or None when the search finds
    none in ``max_checks`` validations and ``max_nodes`` partial rosters (per person, where each
    person is searched alone).

    With lone working or supervision, one crew a date (everyone who works shares one shift);
    otherwise each person's roster is looked for alone and the whole judged once. Self-rostered
    and relief people only: a fixed pattern or a job share is outside the search (None).
    """
    if any(e.pattern == "fixed" for e in sc.employees) or sc.job_shares:
        return None
    svc, wt, safety = sc.service, sc.service.working_time, sc.service.safety
    people = list(sc.employees)
    options = {d: found for d in svc.days if (found := _shifts(sc, d))}
    dates = sorted(options)
    brk = svc.breaks.break_minutes

    def paid_of(shift: Option) -> int:
        return shift[1] - shift[0] - (brk if shift[2] is not None else 0)

    targets = {e.id: contract_target(sc, e) for e in people}
    limits = {lim.employee_id: lim for lim in sc.shift_limits}
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    for e in people:
        ct, lim = targets[e.id], limits.get(e.id)
        low[e.id] = 0 if e.relief else ct.target_minutes - ct.usable_balance
        high[e.id] = 10**9 if e.relief else ct.target_minutes + sum(ct.accrual_room.values())
        if lim is not None and lim.min_total_minutes is not None:
            low[e.id] = max(low[e.id], lim.min_total_minutes)
        if lim is not None and lim.max_total_minutes is not None:
            high[e.id] = min(high[e.id], lim.max_total_minutes)
    last_end: dict[str, dt.datetime] = {}
    for h in sorted((h for h in sc.history if h.shift_end is not None), key=lambda h: h.shift_end or h.date):
        assert h.shift_end is not None
        last_end[h.employee_id] = h.shift_end  # the latest last
    free = {(e.id, d): availability(sc, e, d) for e in people for d in dates}
    most = {d: max(paid_of(s) for s in options[d]) for d in dates}
    successors = {t.id: set(t.not_followed_by) for t in svc.shift_types}

    def accrual_ok(e: Employee, worked: list[dt.date], paid: int) -> bool:
        """ACCRUAL's figure, to spare the validator rosters it would refuse for it."""
        if e.relief:
            return True
        ct, daily = targets[e.id], svc.accrual.daily_limit_minutes
        room = sum(
            min(daily * sum(d in days for d in worked), ct.accrual_room.get(p, 0))
            for p, days in ct.period_days.items()
        )
        return paid - ct.target_minutes <= room

    def can_work(e: Employee, d: dt.date, shift: Option, state: State) -> bool:
        _, prev_end, prev_type, counts = state
        avail = free[(e.id, d)]
        start, end, _, type_id = shift
        if avail.window is None or sc.is_day_off(e.id, d):
            return False
        if not avail.window[0] <= start < end <= avail.window[1]:
            return False
        if any(b0 < end and start < b1 for b0, b1 in avail.blocked):
            return False
        if not (e.min_shift_minutes or 0) <= end - start <= (e.max_shift_minutes or 10**9):
            return False
        young = is_young(e.date_of_birth, d)
        if young and paid_of(shift) > wt.young_max_daily_minutes:
            return False
        cap = limits[e.id].max_shifts.get(type_id or "", 10**9) if e.id in limits else 10**9
        if counts.get(type_id or "", 0) >= cap:
            return False
        if prev_end is None:
            return True
        follows = prev_end.date() >= d - dt.timedelta(days=1)
        if follows and prev_type is not None and type_id in successors[prev_type]:
            return False
        rest = wt.young_daily_rest_minutes if young else wt.daily_rest_minutes
        return _at(d, start) - prev_end >= dt.timedelta(minutes=rest)

    def crew_allowed(crew: tuple[Employee, ...], d: dt.date) -> bool:
        if crew and len(crew) < safety.min_on_site:
            return False
        watched = [e for e in crew if safety.trainee_skill in e.skills or is_young(e.date_of_birth, d)]
        return not safety.supervision or all(
            any(o is not e and safety.supervisor_skill in o.skills for o in crew) for e in watched
        )

    nodes = 0

    def search(
        crews: list[tuple[Employee, ...]],
        group: list[Employee],
        k: int,
        states: dict[str, State],
        shifts: list[Shift],
    ) -> Iterator[Roster]:
        """Every roster of ``group`` from date ``k`` on, one of ``crews`` working each date."""
        nonlocal nodes
        nodes += 1
        if nodes > max_nodes:
            return
        if k == len(dates):
            if all(
                low[e.id] <= states[e.id][0] <= high[e.id]
                and accrual_ok(e, [s.date for s in shifts if s.employee_id == e.id], states[e.id][0])
                for e in group
            ):
                yield Roster(shifts=tuple(shifts))
            return
        d = dates[k]
        room_after = sum(most[x] for x in dates[k + 1 :])
        for crew in crews:
            if not crew_allowed(crew, d):
                continue
            # whoever is off today must still reach their hours on the dates left
            if any(states[e.id][0] + room_after < low[e.id] for e in group if e not in crew):
                continue
            for shift in options[d] if crew else [(0, 0, None, None)]:
                p = paid_of(shift) if crew else 0
                if any(
                    not can_work(e, d, shift, states[e.id])
                    or states[e.id][0] + p > high[e.id]
                    or states[e.id][0] + p + room_after < low[e.id]
                    for e in crew
                ):
                    continue
                start, end, b, type_id = shift
                new_states = dict(states)
                new_shifts = list(shifts)
                for e in crew:
                    counts = dict(states[e.id][3])
                    counts[type_id or ""] = counts.get(type_id or "", 0) + 1
                    new_states[e.id] = (states[e.id][0] + p, _at(d, end), type_id, counts)
                    new_shifts.append(
                        Shift(
                            employee_id=e.id,
                            date=d,
                            start=_at(d, start),
                            end=_at(d, end),
                            break_start=None if b is None else _at(d, b),
                            break_end=None if b is None else _at(d, b + brk),
                        )
                    )
                yield from search(crews, group, k + 1, new_states, new_shifts)
                if nodes > max_nodes:
                    return

    def first(rosters: Iterator[Roster], passes: Callable[[Roster], bool]) -> Roster | None:
        for roster, _ in zip(rosters, range(max_checks), strict=False):
            if passes(roster):
                return roster
        return None

    start: dict[str, State] = {e.id: (0, last_end.get(e.id), None, {}) for e in people}
    if safety.min_on_site > 1 or safety.supervision:
        # crews with the fewest relief staff first (they owe no hours), then the largest
        every = (c for n in range(len(people) + 1) for c in itertools.combinations(people, n))
        crews = sorted(every, key=lambda c: (sum(e.relief for e in c), -len(c)))
        return first(search(crews, people, 0, start, []), lambda r: not validate(sc, r).hard_violations)
    shifts: list[Shift] = []
    for e in people:
        nodes = 0
        alone: list[tuple[Employee, ...]] = [(), (e,)] if e.relief else [(e,), ()]
        mine = first(
            search(alone, [e], 0, start, []),
            lambda r, e=e: not any(v.employee_id == e.id for v in validate(sc, r).hard_violations),
        )
        if mine is None:
            return None
        shifts += mine.shifts
    roster = Roster(shifts=tuple(shifts))
    return None if validate(sc, roster).hard_violations else roster
