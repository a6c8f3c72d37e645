"""PIN and STABILITY: what a solve request adds to the scenario's rules (docs/rules.md).

PIN (hard), for each pin of the request on person e and date d:

* a pinned shift: ``works = 1``, ``start[i] = 1``, ``end[j] = 1`` at the pin's
  times and ``brk[k] = 1`` at its break (``long = 0`` when it has none); a
  pin that cannot be placed (no window that date, off the grid, outside the
  window) makes the model infeasible under PIN, so the diagnosis names it;
* a pinned day off: ``works = 0``;
* with ``max_changes`` C: ``Σ_d changed[e,d] <= C``, where ``changed`` is 1
  when the shift of d is added, removed or moved (start, end or break) against
  the base roster.

STABILITY (soft), against the base roster, per person e and date d with base
shift b (times in minutes of d) and ``W``, ``S`` the request's ``stability``
and ``shift_weight``:

* no base shift: ``S x works``; base shift but no window: ``S``;
* otherwise ``S x (1 - works)`` and ``W x (Σ_i start[i] |t_i - b.start| +
  Σ_j end[j] |t_j - b.end| + break moves)``, with break moves
  ``Σ_k brk[k] |t_k - b.break_start|`` when b has a break (plus
  ``b.break x (works - long)`` if the new shift has none), else
  ``break x long``. Linear in the booleans: no absolute values needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain.rules import RuleCode
from roster.timegrid import minute_of_day

if TYPE_CHECKING:
    from roster.domain import Shift
    from roster.model.slot.formulation import SlotModel
    from roster.model.slot.variables import LinearExpr, ShiftVars

PIN = RuleCode.PIN
STABILITY = RuleCode.STABILITY


def _boundary(sv: ShiftVars, minute: int) -> int | None:
    """The slot boundary of ``minute`` in the window, ``None`` when it is off the grid."""
    offset = minute - sv.window.start
    if offset % sv.slot:
        return None
    return offset // sv.slot


def same_shift(m: SlotModel, sv: ShiftVars, b: Shift) -> list[cp_model.LiteralT] | None:
    """Literals that all hold exactly when the shift is ``b`` (times and break); None: it never is."""
    i = _boundary(sv, minute_of_day(b.date, b.start))
    j = _boundary(sv, minute_of_day(b.date, b.end))
    if i is None or j is None or i not in sv.start or j not in sv.end:
        return None
    lits: list[cp_model.LiteralT] = [sv.start[i], sv.end[j]]
    if b.break_start is not None:
        k = _boundary(sv, minute_of_day(b.date, b.break_start))
        if k is None or k not in sv.brk:
            return None
        lits.append(sv.brk[k])
    elif sv.long is not None:
        lits.append(~sv.long)
    return lits


def add_pins(m: SlotModel) -> None:
    req = m.request
    day_index = {day: d for d, day in enumerate(m.index.days)}
    for pin in req.pins:
        e = m.employee_index(pin.employee_id)
        sv = m.shifts.get((e, day_index[pin.date]))
        if pin.shift is None:
            if sv is not None:
                m.add_hard(PIN, e, m.model.add(sv.works == 0), pin.date)
            continue
        lits = same_shift(m, sv, pin.shift) if sv is not None else None
        if sv is None or lits is None:
            # No window that date (leave, closed, a fixed day off) or times the window cannot
            # hold: the pin cannot be kept, and the diagnosis says so under PIN.
            never = m.model.new_bool_var(f"pin_impossible[{pin.employee_id},{pin.date}]")
            m.model.add(never == 0)
            m.add_hard(PIN, e, m.model.add(never == 1), pin.date)
            continue
        m.add_hard(PIN, e, m.model.add(sv.works == 1), pin.date)
        for lit in lits:
            m.add_hard(PIN, e, m.model.add_bool_and([lit]), pin.date)
    if req.max_changes is not None and req.base is not None:
        _max_changes(m, req.max_changes)


def _changed(m: SlotModel, e: int, d: int) -> LinearExpr | None:
    """1 when person e's shift of day d differs from the base roster's (None: both empty)."""
    emp = m.index.employees[e]
    day = m.index.days[d]
    b = m.request.base_shifts().get((emp.id, day))
    sv = m.shifts.get((e, d))
    if b is None:
        return None if sv is None else sv.works
    if sv is None:
        return 1
    lits = same_shift(m, sv, b)
    if lits is None:
        return 1
    same = m.model.new_bool_var(f"unchanged[{emp.id},{day}]")
    m.model.add_bool_and(lits).only_enforce_if(same)
    m.model.add_bool_or([~lit for lit in lits]).only_enforce_if(~same)
    return 1 - same


def _max_changes(m: SlotModel, most: int) -> None:
    for e in range(len(m.index.employees)):
        parts = [c for d in range(len(m.index.days)) if (c := _changed(m, e, d)) is not None]
        if len(parts) > most:
            m.add_hard(PIN, e, m.model.add(sum(parts) <= most))


def _moved(sv: ShiftVars, b: Shift) -> LinearExpr:
    """Minutes the shift moves from ``b`` when worked: start, end and break (docstring above)."""
    bs, be = minute_of_day(b.date, b.start), minute_of_day(b.date, b.end)
    w, g = sv.window, sv.slot
    parts: list[LinearExpr] = [
        cp_model.LinearExpr.weighted_sum(
            list(sv.start.values()), [abs(w.minute(i, g) - bs) for i in sv.start]
        ),
        cp_model.LinearExpr.weighted_sum(list(sv.end.values()), [abs(w.minute(j, g) - be) for j in sv.end]),
    ]
    new_break = sv.break_slots * g
    if b.break_start is not None:
        bb = minute_of_day(b.date, b.break_start)
        parts.append(
            cp_model.LinearExpr.weighted_sum(
                list(sv.brk.values()), [abs(w.minute(k, g) - bb) for k in sv.brk]
            )
        )
        if sv.long is None:
            parts.append(b.break_minutes * sv.works)
        else:
            parts.append(b.break_minutes * (sv.works - sv.long))
    elif sv.long is not None:
        parts.append(new_break * sv.long)
    return sum(parts)


def add_stability(m: SlotModel) -> None:
    req = m.request
    if req.base is None or (not req.stability and not req.shift_weight):
        return
    base = req.base_shifts()
    for e, emp in enumerate(m.index.employees):
        for d, day in enumerate(m.index.days):
            b = base.get((emp.id, day))
            sv = m.shifts.get((e, d))
            if b is None:
                if sv is not None:
                    m.add_term(STABILITY, sv.works, req.shift_weight, emp.id, day, "shift added")
                continue
            if sv is None:
                m.add_term(STABILITY, 1, req.shift_weight, emp.id, day, "shift removed")
                continue
            m.add_term(STABILITY, 1 - sv.works, req.shift_weight, emp.id, day, "shift removed")
            m.add_term(STABILITY, _moved(sv, b), req.stability, emp.id, day, "minutes moved")
