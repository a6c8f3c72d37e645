"""Decision variables: one shift (or none) per person and date.

For the window of slots ``0..n-1`` a person may work on a date:

* ``start[i]``: the shift starts at boundary ``i``; ``end[j]``: it ends at
  boundary ``j``; ``sum(start) == sum(end) == works``;
* ``on[i]``: the person is on shift in slot ``i``, chained as
  ``on[i] = on[i-1] + start[i] - end[i]`` (a network-flow form whose LP
  relaxation is tight; ``on`` in {0, 1} forces end after start);
* ``brk[i]``: the break starts in slot ``i``; ``long`` is 1 when the shift is
  longer than the break threshold and so needs a break (created here, with
  the shift, wherever a shift of the window can need a break; BREAKS only
  constrains them).

Every quantity the rules need is linear in these booleans: start and end
minute, length, paid minutes, presence per slot (on shift and not on break).
The same structure serves named shift types later: a shift type is a
restriction of the ``start``/``end`` domains, and a window may pass midnight.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.index import BreakShape, DayWindow

LinearExpr = cp_model.LinearExprT


@dataclass
class ShiftVars:
    window: DayWindow
    slot: int
    works: cp_model.IntVar
    start: dict[int, cp_model.IntVar]
    end: dict[int, cp_model.IntVar]
    on: list[cp_model.IntVar]
    length: cp_model.IntVar
    brk: dict[int, cp_model.IntVar] = field(default_factory=dict)
    long: cp_model.IntVar | None = None
    break_slots: int = 0
    typed: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """SHIFT_TYPES: shift type id -> 1 when the shift is that type (empty: free times)."""

    @property
    def length_slots(self) -> cp_model.IntVar:
        """Slots on shift, break included (one variable, equal to ``sum(on)``)."""
        return self.length

    def start_minute(self) -> LinearExpr:
        """Minute of day the shift starts (0 when not working)."""
        return sum(v * self.window.minute(i, self.slot) for i, v in self.start.items())

    def end_minute(self) -> LinearExpr:
        return sum(v * self.window.minute(j, self.slot) for j, v in self.end.items())

    def on_break(self, i: int) -> cp_model.LinearExpr:
        starts = [self.brk[k] for k in range(i - self.break_slots + 1, i + 1) if k in self.brk]
        return cp_model.LinearExpr.sum(starts)

    def present(self, i: int) -> LinearExpr:
        """1 when on shift in slot ``i`` and not on break."""
        return self.on[i] - self.on_break(i)

    def paid_minutes(self) -> LinearExpr:
        if self.long is None:
            return self.length_slots * self.slot
        return self.length_slots * self.slot - self.long * (self.break_slots * self.slot)


def create_shift_vars(
    model: cp_model.CpModel, w: DayWindow, slot: int, min_slots: int, name: str
) -> ShiftVars:
    """Variables and the flow constraints that make them one contiguous shift."""
    n = w.n_slots
    works = model.new_bool_var(f"works[{name}]")
    starts: list[int] = list(range(max(0, n - min_slots + 1)))
    ends: list[int] = list(range(min_slots, n + 1))
    if w.types is not None:
        # SHIFT_TYPES: only the boundaries where a type starts or ends exist.
        starts = sorted({(t.start - w.start) // slot for t in w.types})
        ends = sorted({(t.end - w.start) // slot for t in w.types})
    start = {i: model.new_bool_var(f"start[{name},{i}]") for i in starts}
    end = {j: model.new_bool_var(f"end[{name},{j}]") for j in ends}
    on = [model.new_bool_var(f"on[{name},{i}]") for i in range(n)]
    model.add(sum(start.values()) == works)
    model.add(sum(end.values()) == works)
    for i in range(n):
        prev = on[i - 1] if i > 0 else 0
        model.add(on[i] == prev + start.get(i, 0) - end.get(i, 0))
    if n in end and n > 0:
        model.add(on[n - 1] == end[n])
    for i in w.blocked:
        model.add(on[i] == 0)
    # One variable for the length keeps every rule that reads it short; the
    # long sums it replaces made presolve slow on large teams.
    length = model.new_int_var(0, n, f"length[{name}]")
    model.add(length == sum(on))
    typed: dict[str, cp_model.IntVar] = {}
    if w.types is not None:
        typed = {t.id: model.new_bool_var(f"type[{name},{t.id}]") for t in w.types}
        for i, v in start.items():
            model.add(v == sum(typed[t.id] for t in w.types if (t.start - w.start) // slot == i))
        for j, v in end.items():
            model.add(v == sum(typed[t.id] for t in w.types if (t.end - w.start) // slot == j))
        model.add(sum(typed.values()) == works)
    return ShiftVars(w, slot, works, start, end, on, length, typed=typed)


def add_break_vars(model: cp_model.CpModel, sv: ShiftVars, shape: BreakShape, name: str) -> None:
    """``long`` (the shift needs a break) and ``brk[i]`` (the break starts in slot i), where possible."""
    n = len(sv.on)
    types = sv.window.types
    longest = max(t.minutes for t in types) // sv.slot if types else n
    if longest <= shape.threshold:
        return  # no shift this window allows is long enough to need a break
    sv.long = model.new_bool_var(f"long[{name}]")
    sv.break_slots = shape.slots
    if shape.slots == 0:
        return
    for i in range(shape.before, n - shape.slots - shape.after + 1):
        sv.brk[i] = model.new_bool_var(f"brk[{name},{i}]")
