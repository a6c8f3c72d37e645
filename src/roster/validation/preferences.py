"""PREFERENCES (soft): how far the roster departs from what people asked for.

docs/rules.md, PREFERENCES; POLICY.md section 1. Only self-rostered people,
only dates on which the person could work (the date has bandwidth, is not
closed, and the person has no whole-day leave: :func:`roster.domain.availability`).
``mult`` is 1 for ``prefer`` and ``strong_multiplier`` for ``strong``:

* dated ``shift`` wish ``(ps, pe)``: worked:
  ``mult x pref_minute x (|start - ps| + |end - pe|)``; not worked: ``mult x pref_day``;
* dated ``off`` wish: worked: ``mult x pref_day``;
* standing wishes apply on each date of their weekday that has no dated
  ``shift``/``off`` wish (a dated ``any`` row leaves them in force):
  ``finish_by T``: ``mult x pref_minute x max(0, end - T)``;
  ``start_after T``: ``mult x pref_minute x max(0, T - start)``;
  ``day_off``: worked: ``mult x pref_day``. ``finish_by``/``start_after`` cost
  nothing on a day not worked;
* shift requests (shift_requests.csv), weight ``w`` (default ``pref_day``), on any
  roster date: ``on`` type s: ``w`` unless the shift that date has s's times;
  ``off`` type s: ``w`` if it has; ``off`` with no type: ``w`` if any shift is worked.

A wish is *honoured* when its term is zero. Times are minutes of the date
(``end`` may pass 24:00). Should a person have two shifts on one date (a
ONE_SHIFT violation) the earlier one is judged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import DayPreference, Employee, Frozen, Penalty, ShiftRequest, StandingWish, availability
from roster.domain.preferences import Strength
from roster.domain.rules import RuleCode
from roster.timegrid import format_clock, weekday_name
from roster.validation.context import Context, ShiftView
from roster.validation.text import span

RULE = RuleCode.PREFERENCES


class WishOutcome(Frozen):
    """One wish term judged on one date: was it honoured, and what did it cost."""

    employee_id: str
    date: dt.date
    kind: str
    """``shift``, ``off`` (dated) or ``finish_by``, ``start_after``, ``day_off`` (standing)."""
    wish: str
    """What was asked, e.g. ``shift 09:00-13:00`` or ``finish by 16:00 (every fri)``."""
    strength: Strength
    honoured: bool
    cost: int


@dataclass(frozen=True)
class _Term:
    outcome: WishOutcome
    penalty: Penalty


def _term(
    emp_id: str,
    day: dt.date,
    kind: str,
    wish: str,
    strength: Strength,
    detail: str,
    measure: int,
    weight: int,
) -> _Term:
    cost = measure * weight
    return _Term(
        WishOutcome(
            employee_id=emp_id,
            date=day,
            kind=kind,
            wish=wish,
            strength=strength,
            honoured=cost == 0,
            cost=cost,
        ),
        Penalty(rule=RULE, employee_id=emp_id, date=day, detail=detail, measure=measure, weight=weight),
    )


def _dated(ctx: Context, pref: DayPreference, v: ShiftView | None) -> _Term:
    w = ctx.scenario.weights
    mult = w.strong_multiplier if pref.strength == "strong" else 1
    emp_id, day = pref.employee_id, pref.date
    if pref.kind == "off":
        return _term(
            emp_id,
            day,
            "off",
            "day off",
            pref.strength,
            "worked a wished day off",
            0 if v is None else 1,
            mult * w.pref_day,
        )
    assert pref.start is not None and pref.end is not None
    wanted = span(pref.start, pref.end)
    if v is None:
        return _term(
            emp_id,
            day,
            "shift",
            f"shift {wanted}",
            pref.strength,
            f"day off instead of {wanted}",
            1,
            mult * w.pref_day,
        )
    moved = abs(v.start - pref.start) + abs(v.end - pref.end)
    return _term(
        emp_id,
        day,
        "shift",
        f"shift {wanted}",
        pref.strength,
        f"moved from {wanted} to {v.label}",
        moved,
        mult * w.pref_minute,
    )


def _standing(ctx: Context, wish: StandingWish, day: dt.date, v: ShiftView | None) -> _Term:
    w = ctx.scenario.weights
    mult = w.strong_multiplier if wish.strength == "strong" else 1
    every = f"(every {wish.weekday})"
    if wish.kind == "day_off":
        return _term(
            wish.employee_id,
            day,
            "day_off",
            f"day off {every}",
            wish.strength,
            f"worked a standing day off ({wish.weekday})",
            0 if v is None else 1,
            mult * w.pref_day,
        )
    assert wish.time is not None
    at = format_clock(wish.time)
    if wish.kind == "finish_by":
        late = 0 if v is None else max(0, v.end - wish.time)
        return _term(
            wish.employee_id,
            day,
            "finish_by",
            f"finish by {at} {every}",
            wish.strength,
            f"finish after {at}",
            late,
            mult * w.pref_minute,
        )
    early = 0 if v is None else max(0, wish.time - v.start)
    return _term(
        wish.employee_id,
        day,
        "start_after",
        f"start after {at} {every}",
        wish.strength,
        f"start before {at}",
        early,
        mult * w.pref_minute,
    )


def _terms_of(ctx: Context, emp: Employee) -> list[_Term]:
    sc = ctx.scenario
    if emp.pattern != "self":
        return []
    dated = {p.date: p for p in sc.preferences if p.employee_id == emp.id}
    standing = [x for x in sc.wishes if x.employee_id == emp.id]
    mine = ctx.of(emp.id)
    out: list[_Term] = []
    for day in sc.service.days:
        if availability(sc, emp, day).window is None:
            continue
        worked = [v for v in mine if v.date == day]
        v = worked[0] if worked else None
        pref = dated.get(day)
        if pref is not None and pref.kind in ("shift", "off"):
            out.append(_dated(ctx, pref, v))
            continue
        out.extend(_standing(ctx, wish, day, v) for wish in standing if wish.weekday == weekday_name(day))
    out.extend(_request(ctx, req) for req in sc.shift_requests if req.employee_id == emp.id)
    return out


def _request(ctx: Context, req: ShiftRequest) -> _Term:
    """A shift-on/off request, judged on any roster date (one the person cannot work included)."""
    sc = ctx.scenario
    weight = sc.weights.pref_day if req.weight is None else req.weight
    worked = ctx.on(req.employee_id, req.date)
    v = worked[0] if worked else None
    if req.shift_type is None:
        hit, detail, wish = v is not None, "worked a requested day off", "day off (request)"
    else:
        t = sc.service.shift_type(req.shift_type)
        on_it = v is not None and (v.start, v.end) == (t.start, t.end)
        if req.kind == "on":
            hit, detail, wish = not on_it, f"not on requested shift {t.id}", f"shift {t.label} (request)"
        else:
            hit, detail, wish = on_it, f"on shift {t.id} requested off", f"not {t.label} (request)"
    return _term(req.employee_id, req.date, f"request_{req.kind}", wish, "prefer", detail, int(hit), weight)


def check_preferences(ctx: Context) -> tuple[list[WishOutcome], list[Penalty], dict[str, int]]:
    """Every wish term considered, the nonzero penalties, and ``P_e`` per self-rostered person."""
    outcomes: list[WishOutcome] = []
    penalties: list[Penalty] = []
    per_person: dict[str, int] = {}
    for emp in ctx.scenario.employees:
        if emp.pattern != "self":
            continue
        terms = _terms_of(ctx, emp)
        outcomes.extend(t.outcome for t in terms)
        penalties.extend(t.penalty for t in terms if t.penalty.cost)
        per_person[emp.id] = sum(t.outcome.cost for t in terms)
    return outcomes, penalties, per_person
