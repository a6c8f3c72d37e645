"""PREFERENCES: honour indicated patterns as far as cover allows (POLICY.md section 1).

Only self-rostered people, only on dates they could work. ``mult`` is 1 for
``prefer`` and ``strong_multiplier`` for ``strong``:

* dated ``shift`` wish (ps, pe): worked: ``mult x pref_minute x (|start-ps| + |end-pe|)``;
  not worked: ``mult x pref_day``;
* dated ``off`` wish: worked: ``mult x pref_day``;
* standing wishes on dates of their weekday without a dated shift/off wish:
  ``finish_by T``: ``mult x pref_minute x max(0, end - T)``;
  ``start_after T``: ``mult x pref_minute x max(0, T - start)``;
  ``day_off``: worked: ``mult x pref_day``;
* shift requests (shift_requests.csv), weight ``w`` (default ``pref_day``), on any date:
  ``on`` type s: ``w x (1 - x[e,d,s])``; ``off`` type s: ``w x x[e,d,s]``;
  ``off`` any shift: ``w x works[e,d]``.

Each deviation is linear in the start/end indicators (``Σ start[i] x |t_i - ps|``),
so no absolute-value variables are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.timegrid import format_clock, weekday_name

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel
    from roster.model.slot.variables import LinearExpr, ShiftVars


def _mult(m: SlotModel, strength: str) -> int:
    return m.weights.strong_multiplier if strength == "strong" else 1


def _moved(sv: ShiftVars, ps: int, pe: int) -> LinearExpr:
    g = sv.slot
    return sum(v * abs(sv.window.minute(i, g) - ps) for i, v in sv.start.items()) + sum(
        v * abs(sv.window.minute(j, g) - pe) for j, v in sv.end.items()
    )


def preference_terms(m: SlotModel, e: int) -> list[tuple[LinearExpr, int, str, int]]:
    """(expression, weight, description, day) for each of person ``e``'s wish terms."""
    emp = m.index.employees[e]
    w = m.weights
    out: list[tuple[LinearExpr, int, str, int]] = []
    if emp.pattern != "self":
        return out
    dated = {p.date: p for p in m.scenario.preferences if p.employee_id == emp.id}
    wishes = [x for x in m.scenario.wishes if x.employee_id == emp.id]
    for (ee, d), sv in sorted(m.shifts.items()):
        if ee != e:
            continue
        day = sv.window.date
        pref = dated.get(day)
        if pref is not None and pref.kind == "shift":
            assert pref.start is not None and pref.end is not None
            k = _mult(m, pref.strength)
            span = f"{format_clock(pref.start)}-{format_clock(pref.end)}"
            out.append((_moved(sv, pref.start, pref.end), k * w.pref_minute, f"moved from {span}", d))
            out.append((1 - sv.works, k * w.pref_day, f"day off instead of {span}", d))
            continue
        if pref is not None and pref.kind == "off":
            out.append((sv.works, _mult(m, pref.strength) * w.pref_day, "worked a wished day off", d))
            continue
        for wish in wishes:
            if wish.weekday != weekday_name(day):
                continue
            k = _mult(m, wish.strength)
            g = sv.slot
            if wish.kind == "day_off":
                out.append((sv.works, k * w.pref_day, f"worked a standing day off ({wish.weekday})", d))
            elif wish.kind == "finish_by":
                assert wish.time is not None
                late = sum(v * max(0, sv.window.minute(j, g) - wish.time) for j, v in sv.end.items())
                out.append((late, k * w.pref_minute, f"finish after {format_clock(wish.time)}", d))
            else:
                assert wish.time is not None
                early = sum(v * max(0, wish.time - sv.window.minute(i, g)) for i, v in sv.start.items())
                out.append((early, k * w.pref_minute, f"start before {format_clock(wish.time)}", d))
    out += request_terms(m, e)
    return out


def request_terms(m: SlotModel, e: int) -> list[tuple[LinearExpr, int, str, int]]:
    """Shift-on/off requests (shift_requests.csv), on any roster date: a request for a date
    the person cannot work is refused whatever the roster (a constant term)."""
    emp = m.index.employees[e]
    day_index = {day: d for d, day in enumerate(m.index.days)}
    out: list[tuple[LinearExpr, int, str, int]] = []
    for req in m.scenario.shift_requests:
        if req.employee_id != emp.id:
            continue
        d = day_index[req.date]
        sv = m.shifts.get((e, d))
        weight = m.weights.pref_day if req.weight is None else req.weight
        if req.shift_type is None:
            out.append((0 if sv is None else sv.works, weight, "worked a requested day off", d))
            continue
        x = 0 if sv is None else sv.typed.get(req.shift_type, 0)
        if req.kind == "on":
            out.append((1 - x, weight, f"not on requested shift {req.shift_type}", d))
        else:
            out.append((x, weight, f"on shift {req.shift_type} requested off", d))
    return out


def add_preferences(m: SlotModel) -> None:
    """The wish terms; each person's cost is one variable made with the shift variables."""
    for e, emp in enumerate(m.index.employees):
        for expr, weight, detail, d in preference_terms(m, e):
            m.add_term(RuleCode.PREFERENCES, expr, weight, emp.id, m.index.days[d], detail)
