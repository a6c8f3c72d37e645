"""REST_DAILY and REST_WEEKLY: rest between shifts and in every week (POLICY.md section 4).

REST_DAILY (docs/rules.md):

For a person's shifts on dates ``a < b``: if the shift on ``a`` ends at ``T``
(roster minutes), the shift on ``b`` may not start before ``T + rest``, where
``rest`` is ``daily_rest_minutes`` (11 h), or ``young_daily_rest_minutes``
(12 h) when the person is under 18 on either date. Written as one constraint
per end boundary: ``end_a[j] => no start of b before T_j + rest``. Pairs whose
windows are always far enough apart add nothing. The last shift before the
roster (``history.csv``, ``shift_end``) bounds the first starts the same way.

Every time here is a real roster minute (Europe/London, ``ShiftVars.real``):
a rest across the night the clocks go forward is an hour shorter than the
clock times say, one across the night they go back an hour longer, and the
weeks of REST_WEEKLY are as long as they really are.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain import is_young, weekly_rest_periods
from roster.domain.rules import RuleCode
from roster.timegrid import minute_of_day, real_minute

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel
    from roster.model.slot.variables import ShiftVars

RULE = RuleCode.REST_DAILY


def rest_minutes(m: SlotModel, e: int, *days: int) -> int:
    wt = m.scenario.service.working_time
    emp = m.index.employees[e]
    young = any(is_young(emp.date_of_birth, m.index.days[d]) for d in days)
    return wt.young_daily_rest_minutes if young else wt.daily_rest_minutes


def _abs(m: SlotModel, sv: ShiftVars, boundary: int) -> int:
    """Real roster minute of ``boundary``."""
    return sv.real[boundary]


def _history_end(m: SlotModel, e: int) -> int | None:
    """Real roster minute the person's last shift before the roster ended (history), if given."""
    last = m.scenario.last_shift_end(m.index.employees[e].id)
    if last is None:
        return None
    return real_minute(m.index.days[0], last.date(), minute_of_day(last.date(), last))


def add_daily_rest(m: SlotModel) -> None:
    by_person: dict[int, list[int]] = {}
    for e, d in sorted(m.shifts):
        by_person.setdefault(e, []).append(d)
    for e, days in by_person.items():
        before = _history_end(m, e)
        if before is not None:
            for d in days:
                sv = m.shifts[(e, d)]
                rest = rest_minutes(m, e, d)
                bad = [v for i, v in sv.start.items() if _abs(m, sv, i) < before + rest]
                if bad:
                    m.add_hard(RULE, e, m.model.add(sum(bad) == 0), sv.window.date)
        for k, a in enumerate(days):
            sa = m.shifts[(e, a)]
            latest_end = _abs(m, sa, sa.window.n_slots)
            for b in days[k + 1 :]:
                sb = m.shifts[(e, b)]
                rest = rest_minutes(m, e, a, b)
                if _abs(m, sb, 0) >= latest_end + rest:
                    break  # later dates start later still
                for j, end in sa.end.items():
                    limit = _abs(m, sa, j) + rest
                    bad = [v for i, v in sb.start.items() if _abs(m, sb, i) < limit]
                    if bad:
                        m.add_hard(RULE, e, m.model.add(sum(bad) == 0).only_enforce_if(end), sb.window.date)


WEEKLY = RuleCode.REST_WEEKLY


def _latest_end(m: SlotModel, sv: ShiftVars) -> int:
    return _abs(m, sv, sv.window.n_slots)


def _abs_start(m: SlotModel, sv: ShiftVars) -> cp_model.LinearExpr:
    """Real roster minute the shift starts (0 when not working)."""
    return sv.real_start()


def _abs_end(m: SlotModel, sv: ShiftVars) -> cp_model.LinearExpr:
    return sv.real_end()


def add_weekly_rest(m: SlotModel) -> None:
    """REST_WEEKLY: an uninterrupted rest in every week (or fortnight) of the roster.

    The free time of a period is cut by the person's shifts into gaps: from the
    period's start (or the end of a shift that ran into it, or the last shift in
    the history) to the first shift, between consecutive shifts, and from the
    last shift to the period's end. A boolean ``r[a, b]`` per possible gap
    implies that dates ``a`` and ``b`` are worked, every date between is not,
    and ``start_b - end_a >= R``. A period needs, for one of its options (see
    ``weekly_rest_periods``), as many such gaps of ``R`` as the option lists;
    distinct gaps never overlap, so they are separate rests.
    """
    idx = m.index
    sc = m.scenario
    svc = sc.service
    wt = svc.working_time
    first = idx.days[0]

    def monday(k: int) -> int:
        """Real roster minute of 00:00 on the Monday of roster week ``k``."""
        return real_minute(first, first + timedelta(days=7 * k), 0)

    for e, emp in enumerate(idx.employees):
        days = sorted(d for (ee, d) in m.shifts if ee == e)
        young = [
            any(is_young(emp.date_of_birth, day) for day in idx.days[7 * k : 7 * k + 7])
            for k in range(svc.weeks)
        ]
        history_end = _history_end(m, e)
        for k0, n, options in weekly_rest_periods(wt, svc.weeks, young):
            if any(all(r <= 0 for r in opt) for opt in options):
                continue  # a rest of 0 minutes always holds (the rule switched off)
            ws, we = monday(k0), monday(k0 + n)
            inside = [d for d in days if 7 * k0 <= d < 7 * (k0 + n)]
            spill = [d for d in days if d < 7 * k0 and _latest_end(m, m.shifts[(e, d)]) > ws]
            gaps = {r: _gaps(m, e, inside, spill, history_end, ws, we, r) for opt in options for r in opt}
            chosen: list[cp_model.IntVar] = []
            for opt in options:
                need: dict[int, int] = {}
                for r in opt:
                    need[r] = need.get(r, 0) + 1
                lit = m.model.new_bool_var(f"rest_option[{emp.id},{k0},{len(chosen)}]")
                for r, count in need.items():
                    m.model.add(sum(gaps[r]) >= count).only_enforce_if(lit)
                chosen.append(lit)
            m.add_hard(WEEKLY, e, m.model.add_bool_or(chosen), idx.days[7 * k0])


def _gaps(
    m: SlotModel,
    e: int,
    inside: list[int],
    spill: list[int],
    history_end: int | None,
    ws: int,
    we: int,
    rest: int,
) -> list[cp_model.IntVar]:
    """Booleans, one per possible gap of at least ``rest`` minutes in ``[ws, we)``."""
    start, end = -1, 10**6  # markers for the period's start and end
    out: list[cp_model.IntVar] = []
    points = [start, *inside, end]
    for x, a in enumerate(points[:-1]):
        for b in points[x + 1 :]:
            sa = m.shifts[(e, a)] if a != start else None
            sb = m.shifts[(e, b)] if b != end else None
            lo = _abs(m, sa, 0) if sa is not None else ws  # earliest the gap can begin
            hi = _abs(m, sb, sb.window.n_slots) if sb is not None else we  # latest it can end
            if hi - lo < rest:
                continue
            r = m.model.new_bool_var(f"rest[{e},{a},{b},{rest}]")
            between = [c for c in inside if a < c < b]
            for c in between:
                m.model.add_implication(r, ~m.shifts[(e, c)].works)
            upper = cp_model.LinearExpr.sum([]) + we
            if sb is not None:
                m.model.add_implication(r, sb.works)
                upper = _abs_start(m, sb)
            if sa is not None:
                m.model.add_implication(r, sa.works)
                m.model.add(upper - _abs_end(m, sa) >= rest).only_enforce_if(r)
            else:
                m.model.add(upper - ws >= rest).only_enforce_if(r)
                for p in spill:
                    m.model.add(upper - _abs_end(m, m.shifts[(e, p)]) >= rest).only_enforce_if(r)
                if history_end is not None and history_end > ws:
                    m.model.add(upper - history_end >= rest).only_enforce_if(r)
            out.append(r)
    return out
