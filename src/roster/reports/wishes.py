"""Wishes: how many were honoured, and for each refused one, why.

A wish is *honoured* when its PREFERENCES term is zero (docs/rules.md); the
verdicts come from the validator (``ValidationReport.wishes``). The reasons
given for a refused wish are only those that can be measured on the roster
and the scenario:

* **cover**: slots the person wished to work but does not, where a staffing
  group they count toward is already at its maximum; or slots the person works
  but wished not to, where a group they count toward is at (or below) its
  minimum with them on duty, so that without them it would fall short;
* **rules**: the wished shift itself breaks a hard rule (outside the day's
  working hours, clashes with part-day leave, too short or too long, off the
  time grid);
* **contract hours**: granting the wish on its own would leave the person's
  hours below their target by more than they have banked to take back, or
  bank more than they may;
* for a shift request (shift-type services): the person cannot work that
  date; the requested type already has the people wanted (**cover**), or the
  shift worked instead is needed for its type's requirement; a forbidden
  succession with the day before or after, or a limit (shifts of the type,
  days in a row, weekends) already reached (**rules**);
* otherwise **contract hours / fairness trade-off**: no cover limit or rule
  was found in the hours involved, so the change was made to balance hours,
  other people's wishes and fairness across the team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from roster.domain import Employee, Roster, Scenario, Shift, StandingWish, availability
from roster.domain.contract import contract_target
from roster.reports._fmt import group_name, hmm
from roster.reports._types import ReportLike, WishLike
from roster.reports.hours import hours_frame
from roster.timegrid import format_clock, is_weekend, minute_of_day, real_span, weekday_name, weekend_start
from roster.validation import CoverRow, ShiftCoverRow, cover_table, shift_cover_rows

REFUSED_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "name",
    "date",
    "wish",
    "strength",
    "rostered",
    "cost",
    "reason_kind",
    "reason",
)
PERSON_COLUMNS: tuple[str, ...] = ("id", "name", "wishes", "honoured", "refused", "honoured_pct", "cost")

COVER = "cover"
RULES = "rules"
CONTRACT = "contract hours"
TRADE_OFF = "contract hours / fairness trade-off"


def honoured_percent(wishes: Iterable[WishLike]) -> float | None:
    """Percentage of wishes honoured (``None`` when nobody wished for anything)."""
    items = list(wishes)
    if not items:
        return None
    return 100.0 * sum(1 for w in items if w.honoured) / len(items)


def wishes_by_person(scenario: Scenario, report: ReportLike) -> pd.DataFrame:
    """Per person (scenario order): wishes judged, honoured, refused, % honoured, PREFERENCES cost.

    ``honoured_pct`` is NaN for a person without wishes.
    """
    rows: list[dict[str, object]] = []
    for emp in scenario.employees:
        mine = [w for w in report.wishes if w.employee_id == emp.id]
        pct = honoured_percent(mine)
        rows.append(
            {
                "id": emp.id,
                "name": emp.name,
                "wishes": len(mine),
                "honoured": sum(1 for w in mine if w.honoured),
                "refused": sum(1 for w in mine if not w.honoured),
                "honoured_pct": float("nan") if pct is None else round(pct, 1),
                "cost": sum(w.cost for w in mine),
            }
        )
    frame = pd.DataFrame.from_records(rows, columns=list(PERSON_COLUMNS))
    for col in ("wishes", "honoured", "refused", "cost"):
        frame[col] = frame[col].astype("int64")
    frame["honoured_pct"] = frame["honoured_pct"].astype("float64")
    return frame


# -- reasons ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Minutes:
    """A shift as minutes of its date."""

    start: int
    end: int
    break_start: int | None
    break_end: int | None
    paid: int

    @property
    def label(self) -> str:
        text = f"{format_clock(self.start)}-{format_clock(self.end)}"
        if self.break_start is not None:
            text += f" (break {format_clock(self.break_start)})"
        return text


def _minutes(shift: Shift) -> _Minutes:
    bs = None if shift.break_start is None else minute_of_day(shift.date, shift.break_start)
    be = None if shift.break_end is None else minute_of_day(shift.date, shift.break_end)
    return _Minutes(
        start=minute_of_day(shift.date, shift.start),
        end=minute_of_day(shift.date, shift.end),
        break_start=bs,
        break_end=be,
        paid=shift.paid_minutes,
    )


def _slots(start: int, end: int, g: int) -> set[int]:
    first = -(-start // g) * g
    return set(range(first, end - g + 1, g))


def _worked_slots(v: _Minutes | None, g: int) -> set[int]:
    if v is None:
        return set()
    slots = _slots(v.start, v.end, g)
    if v.break_start is not None and v.break_end is not None:
        slots -= {t for t in slots if v.break_start < t + g and t < v.break_end}
    return slots


def _ranges(slots: Iterable[int], g: int) -> str:
    """``{540, 555, 600}`` -> ``09:00-09:30, 10:00-10:15``."""
    out: list[tuple[int, int]] = []
    for t in sorted(slots):
        if out and out[-1][1] == t:
            out[-1] = (out[-1][0], t + g)
        else:
            out.append((t, t + g))
    return ", ".join(f"{format_clock(a)}-{format_clock(b)}" for a, b in out)


def _standing_for(scenario: Scenario, outcome: WishLike) -> StandingWish | None:
    candidates = [
        w
        for w in scenario.wishes
        if w.employee_id == outcome.employee_id
        and w.weekday == weekday_name(outcome.date)
        and w.kind == outcome.kind
    ]
    for w in candidates:
        if w.time is None or format_clock(w.time) in outcome.wish:
            return w
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class _Wanted:
    """What the wish asked for on the date: slots it wanted worked, a test for slots it did not."""

    work: set[int]
    """Slots of a wished shift that the shift given does not span (its break aside)."""
    unwanted: set[int]
    """Of the slots actually worked, those the wish did not want worked."""
    paid_if_granted: int | None
    """Paid minutes of the day had the wish been granted alone (``None``: unknown)."""
    window: tuple[int, int] | None
    """The wished shift (dated shift wishes only)."""


def _paid(day: dt.date, start: int, end: int, scenario: Scenario) -> int:
    """Paid minutes of a shift ``start``-``end`` on ``day``: real minutes, less the break it needs."""
    rule = scenario.service.breaks
    if end <= start:
        return 0
    length = real_span(day, start, end)
    return length - (rule.break_minutes if length > rule.threshold_minutes else 0)


def _wanted(scenario: Scenario, outcome: WishLike, v: _Minutes | None) -> _Wanted | None:
    g = scenario.service.slot_minutes
    worked = _worked_slots(v, g)
    if outcome.kind in ("shift", "off"):
        pref = next(
            (
                p
                for p in scenario.preferences
                if p.employee_id == outcome.employee_id and p.date == outcome.date
            ),
            None,
        )
        if pref is None:
            return None
        if pref.kind == "off":
            return _Wanted(set(), worked, 0, None)
        if pref.start is None or pref.end is None:
            return None
        wish = _slots(pref.start, pref.end, g)
        # A slot of the wished shift counts as refused only when the shift given does not span it:
        # the rostered break is not a refusal.
        spanned = set() if v is None else _slots(v.start, v.end, g)
        granted = _paid(outcome.date, pref.start, pref.end, scenario)
        return _Wanted(wish - spanned, worked - wish, granted, (pref.start, pref.end))
    standing = _standing_for(scenario, outcome)
    if standing is None:
        return None
    if standing.kind == "day_off" or v is None:
        return _Wanted(set(), worked, 0, None)
    assert standing.time is not None
    if standing.kind == "finish_by":
        late = {t for t in worked if t + g > standing.time}
        return _Wanted(set(), late, _paid(outcome.date, v.start, min(v.end, standing.time), scenario), None)
    early = {t for t in worked if t < standing.time}
    return _Wanted(set(), early, _paid(outcome.date, max(v.start, standing.time), v.end, scenario), None)


def _rule_reasons(scenario: Scenario, emp: Employee, day: dt.date, window: tuple[int, int]) -> list[str]:
    svc = scenario.service
    ps, pe = window
    out: list[str] = []
    avail = availability(scenario, emp, day)
    if avail.window is not None and (ps < avail.window[0] or pe > avail.window[1]):
        lo, hi = avail.window
        out.append(
            f"the wished shift lies outside the day's working hours {format_clock(lo)}-{format_clock(hi)}"
        )
    for a, b in avail.blocked:
        if ps < b and a < pe:
            out.append(f"the wished shift overlaps part-day leave {format_clock(a)}-{format_clock(b)}")
    lo_len, hi_len = emp.shift_bounds(svc.shift_length)
    if pe - ps < lo_len:
        out.append(f"the wished shift is shorter than the {hmm(lo_len)} minimum shift")
    if pe - ps > hi_len:
        out.append(f"the wished shift is longer than the {hmm(hi_len)} maximum shift")
    if ps % svc.slot_minutes or pe % svc.slot_minutes:
        out.append(f"the wished shift is not on the {svc.slot_minutes}-minute grid")
    return out


def _cover_reasons(
    rows_at: dict[tuple[dt.date, int], list[CoverRow]],
    groups: set[str | None],
    day: dt.date,
    wanted: _Wanted,
    g: int,
) -> list[str]:
    at_max: dict[str | None, set[int]] = {}
    limit_max: dict[str | None, set[int]] = {}
    for t in wanted.work:
        for r in rows_at.get((day, t), []):
            if r.skill in groups and r.required_max is not None and r.rostered >= r.required_max:
                at_max.setdefault(r.skill, set()).add(t)
                limit_max.setdefault(r.skill, set()).add(r.required_max)
    needed: dict[str | None, set[int]] = {}
    limit_min: dict[str | None, set[int]] = {}
    for t in wanted.unwanted:
        for r in rows_at.get((day, t), []):
            if r.skill in groups and r.required_min > 0 and r.rostered <= r.required_min:
                needed.setdefault(r.skill, set()).add(t)
                limit_min.setdefault(r.skill, set()).add(r.required_min)
    out: list[str] = []
    for skill, slots in sorted(at_max.items(), key=lambda kv: group_name(kv[0])):
        most = "/".join(str(m) for m in sorted(limit_max[skill]))
        out.append(f"{group_name(skill)} already at its maximum ({most}) in {_ranges(slots, g)}")
    for skill, slots in sorted(needed.items(), key=lambda kv: group_name(kv[0])):
        least = "/".join(str(m) for m in sorted(limit_min[skill]))
        out.append(
            f"needed for the {group_name(skill)} minimum ({least}) in {_ranges(slots, g)}: "
            "without them cover falls short"
        )
    return out


def _contract_reason(
    hours: dict[str, int], worked_today: bool, paid_today: int, granted: int, daily_limit: int, flexi: bool
) -> str | None:
    """Why granting the wish alone would break the person's contracted hours; in flexi words for a
    flexi team (a credit and a debit, not banked time)."""
    delta = granted - paid_today
    if delta == 0:
        return None
    net = hours["net_minutes"] + delta
    target = hours["target_minutes"]
    if delta < 0 and net < -hours["usable_balance_minutes"]:
        return (
            f"granted on its own, rostered time would be {hmm(target + net)} against a target of "
            f"{hmm(target)}, {hmm(-net)} short with only {hmm(hours['usable_balance_minutes'])} "
            + ("of flexi debit allowed" if flexi else "banked to take back")
        )
    if delta > 0 and net > max(0, hours["bank_limit_minutes"]) + (0 if worked_today else daily_limit):
        if flexi:
            return (
                f"granted on its own, {hmm(net)} of flexi credit would be built, more than the "
                f"{hmm(hours['bank_limit_minutes'])} this roster may add to the balance"
            )
        return (
            f"granted on its own, {hmm(net)} would be banked, more than the "
            f"{hmm(hours['bank_limit_minutes'])} this roster may bank"
        )
    return None


def _limits(scenario: Scenario, emp: Employee) -> tuple[int, bool]:
    """The person's daily limit on banking (none in flexi) and whether the team works flexi."""
    target = contract_target(scenario, emp)
    return target.daily_limit, target.flexi


def _type_on(scenario: Scenario, roster: Roster, emp_id: str, day: dt.date) -> str | None:
    """The shift type ``emp_id`` works on ``day`` (None: off, or times of no type)."""
    for s in roster.shifts:
        if s.employee_id == emp_id and s.date == day:
            t = scenario.service.type_of(minute_of_day(day, s.start), minute_of_day(day, s.end))
            return None if t is None else t.id
    return None


def _request_reasons(
    scenario: Scenario,
    roster: Roster,
    outcome: WishLike,
    staffed: dict[tuple[dt.date, str], list[ShiftCoverRow]],
) -> list[tuple[str, str]]:
    """(kind, reason) for a refused shift request: availability, limits, successions, shift cover."""
    emp = scenario.employee(outcome.employee_id)
    day = outcome.date
    req = next(
        (
            r
            for r in scenario.shift_requests
            if r.employee_id == emp.id and r.date == day and outcome.kind == f"request_{r.kind}"
        ),
        None,
    )
    if req is None:
        return []
    groups = {None, *emp.skills}
    worked_type = _type_on(scenario, roster, emp.id, day)
    worked_days = {s.date for s in roster.shifts if s.employee_id == emp.id}
    out: list[tuple[str, str]] = []
    if req.kind == "off":
        for row in staffed.get((day, worked_type or ""), []):
            if row.skill in groups and row.staffed <= row.requirement:
                who = row.skill or "people"
                out.append(
                    (
                        COVER,
                        f"needed on {row.shift_type} on {day}: {row.staffed} {who} of "
                        f"{row.requirement} wanted, one short without them",
                    )
                )
        return out
    want = req.shift_type
    assert want is not None
    if availability(scenario, emp, day).window is None or scenario.is_day_off(emp.id, day):
        return [(RULES, f"{emp.id} cannot work on {day} (leave, closure or a fixed day off)")]
    for row in staffed.get((day, want), []):
        if row.skill in groups and row.staffed >= row.requirement:
            has = f"{row.staffed} {row.skill or 'people'} of {row.requirement}"
            out.append((COVER, f"{want} on {day} already has {has} wanted"))
    types = {t.id: t for t in scenario.service.shift_types}
    before = _type_on(scenario, roster, emp.id, day - dt.timedelta(days=1))
    after = _type_on(scenario, roster, emp.id, day + dt.timedelta(days=1))
    if before is not None and want in types[before].not_followed_by:
        out.append((RULES, f"{before} the day before may not be followed by {want}"))
    if after is not None and after in types[want].not_followed_by:
        out.append((RULES, f"{want} may not be followed by {after}, worked the next day"))
    lim = scenario.limits(emp.id)
    if lim is not None:
        most = lim.max_shifts.get(want)
        count = sum(1 for d in scenario.service.days if _type_on(scenario, roster, emp.id, d) == want)
        if most is not None and count >= most:
            out.append((RULES, f"{emp.id} already works {count} {want} shifts, the most allowed ({most})"))
        if day not in worked_days and lim.max_consecutive_days is not None:
            run = 1
            for step in (-1, 1):
                d = day + dt.timedelta(days=step)
                while d in worked_days:
                    run, d = run + 1, d + dt.timedelta(days=step)
            if run > lim.max_consecutive_days:
                out.append(
                    (
                        RULES,
                        f"granted, {emp.id} would work {run} days in a row "
                        f"(at most {lim.max_consecutive_days})",
                    )
                )
        if is_weekend(day) and day not in worked_days and lim.max_weekends is not None:
            weekends = {weekend_start(d) for d in worked_days if is_weekend(d)}
            if weekend_start(day) not in weekends and len(weekends) >= lim.max_weekends:
                out.append((RULES, f"{emp.id} already works {len(weekends)} weekends, the most allowed"))
    return out


def refused_wishes(scenario: Scenario, roster: Roster, report: ReportLike) -> pd.DataFrame:
    """One row per refused wish, with the reason in words.

    Columns: ``employee_id``, ``name``, ``date``, ``wish`` (what was asked),
    ``strength``, ``rostered`` (the shift given that day, or ``off``),
    ``cost`` (its PREFERENCES penalty), ``reason_kind`` (``cover``, ``rules``,
    ``contract hours`` or ``contract hours / fairness trade-off``; several
    joined by ``; ``) and ``reason``.
    """
    g = scenario.service.slot_minutes
    refused = [w for w in report.wishes if not w.honoured]
    rows_at: dict[tuple[dt.date, int], list[CoverRow]] = {}
    if refused:
        for row in cover_table(scenario, roster):
            rows_at.setdefault((row.date, row.start), []).append(row)
    hours = (
        {
            str(r["id"]): {
                k: int(r[k])
                for k in ("net_minutes", "target_minutes", "usable_balance_minutes", "bank_limit_minutes")
            }
            for r in hours_frame(scenario, roster).to_dict("records")
        }
        if refused
        else {}
    )
    employees = {e.id: e for e in scenario.employees}
    limits: dict[str, tuple[int, bool]] = {}

    def limits_of(emp: Employee) -> tuple[int, bool]:
        if emp.id not in limits:
            limits[emp.id] = _limits(scenario, emp)
        return limits[emp.id]

    staffed: dict[tuple[dt.date, str], list[ShiftCoverRow]] = {}
    if refused and scenario.shift_cover:
        for srow in shift_cover_rows(scenario, roster):
            staffed.setdefault((srow.date, srow.shift_type), []).append(srow)
    records: list[dict[str, object]] = []
    for outcome in sorted(refused, key=lambda w: (w.employee_id, w.date, w.kind)):
        emp = employees.get(outcome.employee_id)
        shifts = sorted(
            (s for s in roster.shifts if s.employee_id == outcome.employee_id and s.date == outcome.date),
            key=lambda s: s.start,
        )
        v = _minutes(shifts[0]) if shifts else None
        kinds: list[str] = []
        reasons: list[str] = []
        wanted = _wanted(scenario, outcome, v) if emp is not None else None
        if emp is not None and outcome.kind.startswith("request_"):
            for kind, text in _request_reasons(scenario, roster, outcome, staffed):
                if kind not in kinds:
                    kinds.append(kind)
                reasons.append(text)
            if outcome.kind == "request_off" and v is not None and emp.id in hours:
                short = _contract_reason(hours[emp.id], True, v.paid, 0, *limits_of(emp))
                if short is not None:
                    kinds.append(CONTRACT)
                    reasons.append(short)
        if emp is not None and wanted is not None:
            if wanted.window is not None:
                found = _rule_reasons(scenario, emp, outcome.date, wanted.window)
                if found:
                    kinds.append(RULES)
                    reasons += found
            found = _cover_reasons(rows_at, {None, *emp.skills}, outcome.date, wanted, g)
            if found:
                kinds.append(COVER)
                reasons += found
            if wanted.paid_if_granted is not None and emp.id in hours:
                why = _contract_reason(
                    hours[emp.id],
                    v is not None,
                    0 if v is None else v.paid,
                    wanted.paid_if_granted,
                    *limits_of(emp),
                )
                if why is not None:
                    kinds.append(CONTRACT)
                    reasons.append(why)
        if not kinds:
            kinds.append(TRADE_OFF)
            reasons.append(
                "no cover limit or rule was found in the hours involved; changed to balance "
                "contract hours, other people's wishes and fairness across the team"
            )
        records.append(
            {
                "employee_id": outcome.employee_id,
                "name": emp.name if emp is not None else "",
                "date": outcome.date,
                "wish": outcome.wish,
                "strength": outcome.strength,
                "rostered": "off" if v is None else v.label,
                "cost": outcome.cost,
                "reason_kind": "; ".join(kinds),
                "reason": "; ".join(reasons),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(REFUSED_COLUMNS))
    frame["cost"] = frame["cost"].astype("int64")
    return frame
