"""SHIFT_TYPES: named shifts, successions and per-person limits (docs/rules.md; POLICY.md section 6).

With ``x[e,d,s]`` = 1 when person e works shift type s on date d (the shift's
start and end are then exactly the type's; see :mod:`roster.model.slot.variables`)
and ``w[e,d]`` = 1 when e works on date d (0 on a date without a window: leave,
closed, a fixed day off):

* a self-rostered person in a shift-type service works only types:
  ``Σ_s x[e,d,s] = w[e,d]`` (built into the variables);
* forbidden successions of s: ``x[e,d,s] + Σ_{t banned after s} x[e,d+1,t] <= 1``
  (valid as one constraint because a date holds one type at most);
* ``Σ_d x[e,d,s] <= max_shifts[e][s]``;
* ``min_total <= Σ_d paid[e,d] <= max_total``;
* no ``max_consecutive_days + 1`` consecutive working dates, counting the
  working dates of history just before the roster;
* no run of working dates (of dates off) shorter than the minimum that lies
  strictly inside the roster: for each short length L and start d,
  ``w[d-1] or not w[d] or ... or not w[d+L-1] or w[d+L]``;
* weekends: ``we[e,k] >= w[e,sat]``, ``we[e,k] >= w[e,sun]``, ``Σ_k we[e,k] <= max_weekends``.

Fixed days off have no window at all (:mod:`roster.model.index`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain import Scenario
from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.SHIFT_TYPES


def history_run(sc: Scenario, employee_id: str) -> int:
    """Working dates in a row just before the roster's first date (``Scenario.worked_days_before``)."""
    return sc.worked_days_before(employee_id)


def add_shift_types(m: SlotModel) -> None:
    sc = m.scenario
    n_days = len(m.index.days)
    successors = {t.id: t.not_followed_by for t in sc.service.shift_types}
    for e, emp in enumerate(m.index.employees):
        # works[d]: the person's ``works`` variable on date d, None on a date without a window (0).
        works: list[cp_model.IntVar | None] = [
            m.shifts[(e, d)].works if (e, d) in m.shifts else None for d in range(n_days)
        ]
        for d in range(n_days - 1):
            a, b = m.shifts.get((e, d)), m.shifts.get((e, d + 1))
            if a is None or b is None:
                continue
            for s, x_s in a.typed.items():
                banned = [b.typed[t] for t in successors.get(s, ()) if t in b.typed]
                if banned:
                    # one type a date at most: a single constraint per type and date
                    m.add_hard(RULE, e, m.model.add(x_s + sum(banned) <= 1), b.window.date)
        lim = sc.limits(emp.id)
        if lim is None:
            continue
        for s, most in lim.max_shifts.items():
            xs = [sv.typed[s] for sv in m.shifts_of(e) if s in sv.typed]
            if xs and most < len(xs):
                m.add_hard(RULE, e, m.model.add(sum(xs) <= most))
        paid = sum(sv.paid_minutes() for sv in m.shifts_of(e))
        if lim.min_total_minutes is not None:
            m.add_hard(RULE, e, m.model.add(paid >= lim.min_total_minutes))
        if lim.max_total_minutes is not None:
            m.add_hard(RULE, e, m.model.add(paid <= lim.max_total_minutes))
        if lim.max_consecutive_days is not None:
            _max_run(m, e, works, lim.max_consecutive_days, history_run(sc, emp.id))
        if lim.min_consecutive_days is not None:
            _min_runs(m, e, works, lim.min_consecutive_days, working=True)
        if lim.min_consecutive_days_off is not None:
            _min_runs(m, e, works, lim.min_consecutive_days_off, working=False)
        if lim.max_weekends is not None:
            _weekends(m, e, works, lim.max_weekends)


def _max_run(m: SlotModel, e: int, works: list[cp_model.IntVar | None], k: int, before: int) -> None:
    """At most ``k`` working dates in a row; ``before`` dates were worked just before day 0."""
    history = min(before, k)
    n = len(works)
    for first in range(-history, n - k):
        window = range(first, first + k + 1)
        fixed = sum(1 for d in window if d < 0)
        xs = [x for x in (works[d] for d in window if d >= 0) if x is not None]
        if fixed + len(xs) <= k:
            continue  # a date without a window breaks the run
        m.add_hard(RULE, e, m.model.add(cp_model.LinearExpr.sum(xs) <= k - fixed), m.index.days[first + k])


def _min_runs(m: SlotModel, e: int, works: list[cp_model.IntVar | None], k: int, *, working: bool) -> None:
    """No run (of working dates, or of dates off) shorter than ``k`` strictly inside the roster.

    A run of length L from d is the pattern "edge d-1, L dates d..d+L-1, edge d+L"
    (edges off and dates on for a working run, the reverse for days off); the
    clause forbids it: at least one of the L + 2 dates differs from the pattern.
    """
    n = len(works)
    for length in range(1, k):
        for d in range(1, n - length):
            inside = works[d : d + length]
            edges = [works[d - 1], works[d + length]]
            on, off = (inside, edges) if working else (edges, inside)
            if any(x is None for x in on):
                continue  # the pattern needs work on a date without a window
            m.add_hard(
                RULE,
                e,
                m.model.add_bool_or([*(~x for x in on if x is not None), *(x for x in off if x is not None)]),
                m.index.days[d],
            )


def _weekends(m: SlotModel, e: int, works: list[cp_model.IntVar | None], most: int) -> None:
    days = m.index.days
    worked: list[cp_model.IntVar] = []
    for d, day in enumerate(days):
        if day.weekday() != 5:
            continue
        pair = [x for x in works[d : d + 2] if x is not None]
        if not pair:
            continue
        we = m.model.new_bool_var(f"weekend[{m.index.employees[e].id},{day}]")
        for x in pair:
            m.model.add_implication(x, we)
        worked.append(we)
    if most < len(worked):
        m.add_hard(RULE, e, m.model.add(cp_model.LinearExpr.sum(worked) <= most))
