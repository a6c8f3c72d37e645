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

Clock changes: ``real[i]`` is the real roster minute of boundary ``i``
(:func:`roster.timegrid.real_boundaries`), so slot ``i`` lasts
``real[i + 1] - real[i]`` real minutes (0 in the hour the clocks skip, ``2 g``
in the hour they repeat). Lengths and paid minutes are real; no start or end
variable exists strictly inside a changed hour and no break touches one
(TIME_GRID, BREAKS).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.index import BreakLimits, BreakShape, DayWindow, break_bounds
from roster.timegrid import MINUTES_PER_DAY, changed_hour_at, real_span

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
    real: tuple[int, ...] = ()
    """Real roster minute of each boundary ``0..n`` (Europe/London; see the module docstring)."""

    @property
    def uniform(self) -> bool:
        """Every slot of the window lasts ``slot`` real minutes (no clock change in it)."""
        return self.real[-1] - self.real[0] == len(self.on) * self.slot

    def midnight(self) -> int:
        """Real roster minute of 00:00 on the window's date."""
        return self.real[0] - real_span(self.window.date, 0, self.window.start)

    def slot_minutes(self, i: int) -> int:
        """Real minutes of slot ``i``."""
        return self.real[i + 1] - self.real[i]

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

    def minutes(self) -> cp_model.LinearExpr:
        """Real minutes on shift, break included (``length x slot`` without a clock change)."""
        if self.uniform:
            return self.length_slots * self.slot
        return cp_model.LinearExpr.weighted_sum(self.on, [self.slot_minutes(i) for i in range(len(self.on))])

    def longest(self) -> int:
        """The most real minutes a shift of this window can last."""
        return self.real[-1] - self.real[0]

    def real_start(self) -> cp_model.LinearExpr:
        """Real roster minute the shift starts (0 when not working)."""
        return cp_model.LinearExpr.weighted_sum(list(self.start.values()), [self.real[i] for i in self.start])

    def real_end(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.weighted_sum(list(self.end.values()), [self.real[j] for j in self.end])

    def paid_minutes(self) -> LinearExpr:
        """Real minutes worked: on shift less the break (a break never touches a changed hour,
        so it lasts ``break_slots x slot``)."""
        if self.long is None:
            return self.minutes()
        return self.minutes() - self.long * (self.break_slots * self.slot)


def create_shift_vars(
    model: cp_model.CpModel, w: DayWindow, slot: int, min_slots: int, name: str, real: tuple[int, ...]
) -> ShiftVars:
    """Variables and the flow constraints that make them one contiguous shift.

    ``real``: the real roster minute of each boundary of the window. A boundary strictly inside
    an hour the clocks skip or repeat gets no start or end variable (TIME_GRID)."""
    n = w.n_slots
    works = model.new_bool_var(f"works[{name}]")
    starts: list[int] = list(range(max(0, n - min_slots + 1)))
    ends: list[int] = list(range(min_slots, n + 1))
    if w.types is not None:
        # SHIFT_TYPES: only the boundaries where a type starts or ends exist.
        starts = sorted({(t.start - w.start) // slot for t in w.types})
        ends = sorted({(t.end - w.start) // slot for t in w.types})
    if w.minute(n, slot) > MINUTES_PER_DAY:
        starts = [i for i in starts if w.minute(i, slot) < MINUTES_PER_DAY]  # a shift starts on its date
    if real[-1] - real[0] != n * slot:
        changed = {i for i in range(n + 1) if changed_hour_at(w.date, w.minute(i, slot)) is not None}
        starts = [i for i in starts if i not in changed]
        ends = [j for j in ends if j not in changed]
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
        for t in w.types:
            if (t.start - w.start) // slot not in start or (t.end - w.start) // slot not in end:
                model.add(typed[t.id] == 0)  # starts or ends inside a changed hour that date
    return ShiftVars(w, slot, works, start, end, on, length, typed=typed, real=real)


def add_break_vars(
    model: cp_model.CpModel, sv: ShiftVars, shape: BreakShape, name: str, limits: BreakLimits
) -> None:
    """``long`` (the shift needs a break) and ``brk[i]`` (the break starts in slot i), where possible.

    With a clock change in the window, a break starts only where its slots all last ``slot``
    real minutes (it never touches a changed hour) and the work before and after it can be
    long enough in real minutes (:func:`roster.model.index.break_bounds`)."""
    n = len(sv.on)
    types = sv.window.types
    if sv.uniform:
        longest = max(t.minutes for t in types) // sv.slot if types else n
        if longest <= shape.threshold:
            return  # no shift this window allows is long enough to need a break
    elif sv.longest() <= shape.threshold * sv.slot:
        return
    sv.long = model.new_bool_var(f"long[{name}]")
    sv.break_slots = shape.slots
    if shape.slots == 0:
        return
    if sv.uniform:
        for i in range(shape.before, n - shape.slots - shape.after + 1):
            sv.brk[i] = model.new_bool_var(f"brk[{name},{i}]")
        return
    for i in range(n - shape.slots + 1):
        if break_bounds(sv.real, i, shape.slots, sv.slot, limits) is not None:
            sv.brk[i] = model.new_bool_var(f"brk[{name},{i}]")
