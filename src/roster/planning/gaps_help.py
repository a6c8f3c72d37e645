"""What would close the gap: single changes to a scenario that would cut its hours short of
minimum cover, ranked, each verified by a re-solve.

**Hours short** are the person-hours under the minimum cover, read from the independent
validator's cover table the way the cover reports read them (:func:`roster.reports.shortfalls`:
each slot's people short x its minutes, summed over the whole team's level and each skill's). The
baseline is the scenario solved with the given settings (from ``roster``, when one is given, the
way ``roster solve --base`` re-solves from it).

The changes tried, each a modified scenario (nothing else is changed):

* ``hours``: one self-rostered person works ``step`` hours a week more (4 h), when the new weekly
  hours stay within their limit (48 h, the 48-hour average's; 40 h for an under-18; the
  contract's 60 h ceiling for a person opted out) and the 48-hour headroom left by the baseline
  roster allows the extra hours in every week (:func:`roster.reports.headroom_frame`);
* ``hire``: one more person with a skill that is short (for the team's own level: anyone), a copy
  of the existing person of that skill whose contract could cover the most, with a new id and no
  wishes, leave or history;
* ``opening``: opening an hour later on the weekday whose first opening hour holds the most hours
  short, and closing an hour earlier on the weekday whose last hour does (cover levels outside
  the opening times fall away, as anywhere); dates with their own opening times keep them;
* ``move``: one whole day of a person's training (:data:`MOVABLE_LEAVE`) on a date short of a
  level they count toward, moved to the nearest date of the period where none of those levels is
  short and every one has somebody to spare.

Each change gets a cheap **estimate**, roughly the most hours short it could remove: the added
person's (or hours') contracted minutes (banked minutes left out) placed greedily on the
baseline's short slots they could fill (a slot counts once for each short level the person
counts toward; at most one shift's length a date); for an opening hour, the hours short inside
it. The estimate only orders the changes: the first ``top``
are **verified**, each changed scenario solved with the same settings (seed, workers,
deterministic budget) and engine as the baseline, and its hours short measured by the validator;
hours saved = the baseline's hours short less the changed roster's, as measured (zero, or even
negative when the search does worse, is reported as it is). The same inputs, seed and workers
give the same list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from roster import solve
from roster.domain import (
    Employee,
    Leave,
    Roster,
    Scenario,
    ScenarioError,
    SolverSettings,
    TimeRange,
    check_scenario,
)
from roster.domain.request import DEFAULT_STABILITY, SolveRequest
from roster.domain.result import SolveResult
from roster.domain.working_time import is_young
from roster.model.cpsat import StopSignal as Stop
from roster.reports import headroom_frame, shortfalls_from_rows
from roster.timegrid import WEEKDAYS, format_clock, weekday_name
from roster.validation import CoverRow, cover_table, validate

STEP_HOURS = 4.0
"""How much more a week the ``hours`` change asks of one person."""

MOVABLE_LEAVE: frozenset[str] = frozenset({"training"})
"""Leave types a manager may rearrange with the person: a training day, not their holiday."""

KINDS: tuple[str, ...] = ("hours", "hire", "opening", "move")

DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"),
        strict=True,
    )
)

HELP_COLUMNS: tuple[str, ...] = (
    "rank",
    "kind",
    "change",
    "estimate_hours",
    "verified",
    "status",
    "hours_short",
    "hours_saved",
    "baseline_hours_short",
)
"""Columns of :meth:`GapHelp.rows`: every change tried, the verified ones first (by hours saved)."""


class GapHelpError(ValueError):
    """The question cannot be asked of this input: the message says why and what to do."""


@dataclass(frozen=True)
class Change:
    """One single change: its kind (:data:`KINDS`), what it is in words, the changed scenario and
    the estimate (person-minutes short it could remove at most, a ranking aid only)."""

    kind: str
    description: str
    scenario: Scenario
    estimate_minutes: int

    @property
    def estimate_hours(self) -> float:
        return round(self.estimate_minutes / 60, 2)


@dataclass(frozen=True)
class Verdict:
    """A change verified by a re-solve: the solve's result and the hours short it measured
    (``None`` when the changed scenario has no roster or is refused)."""

    change: Change
    status: str
    short_hours: float | None
    saved_hours: float | None
    result: SolveResult | None = None

    @property
    def helps(self) -> bool:
        return self.saved_hours is not None and self.saved_hours > 0


@dataclass(frozen=True)
class GapHelp:
    """The baseline, every change tried (by estimate) and the verified ones (by hours saved)."""

    short_hours: float
    """The baseline roster's hours short of minimum cover."""
    baseline: SolveResult
    changes: tuple[Change, ...]
    verified: tuple[Verdict, ...]
    left_out: tuple[str, ...] = ()
    """Kinds of change not tried here, and why."""
    given_short_hours: float | None = None
    """The hours short of the roster given to start from, before any solve."""
    stopped: bool = False
    """Stopped before every chosen change was verified (those left have no rank)."""

    @property
    def message(self) -> str:
        if self.short_hours == 0:
            return "No hours short of minimum cover: there is no gap to close."
        if not self.changes:
            return f"{self.short_hours:g} hours short, but no single change of the kinds tried applies."
        helping = sum(1 for v in self.verified if v.helps)
        return (
            f"{self.short_hours:g} hours short of minimum cover; {len(self.changes)} changes tried, "
            f"the {len(self.verified)} with the highest estimates verified by a re-solve, "
            f"{helping} of them saving hours."
            + (" Stopped before the rest were verified." if self.stopped else "")
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per change (:data:`HELP_COLUMNS`): the verified ones ranked by hours saved, then
        the others by estimate."""
        return ranked_rows(self.verified, self.changes, lambda _: self.short_hours)


def ranked_rows(
    verified: Sequence[Any],
    changes: Sequence[Any],
    baseline: Callable[[Any], float | None],
    extra: Callable[[Any], dict[str, object]] | None = None,
) -> list[dict[str, object]]:
    """One row per change (:data:`HELP_COLUMNS`, and what ``extra`` adds for a change): the
    ``verified`` ones (verdicts, ranked by hours saved) first, then the other ``changes`` by
    estimate. ``baseline(verdict)`` (None for a change not verified) is the hours short it is
    measured against."""
    more = extra or (lambda _: {})

    def row(rank: int | None, c: Any, v: Any) -> dict[str, object]:
        return {
            "rank": rank,
            "kind": c.kind,
            "change": c.description,
            **more(c),
            "estimate_hours": c.estimate_hours,
            "verified": v is not None,
            "status": "" if v is None else v.status,
            "hours_short": None if v is None else v.short_hours,
            "hours_saved": None if v is None else v.saved_hours,
            "baseline_hours_short": baseline(v),
        }

    out = [row(rank, v.change, v) for rank, v in enumerate(verified, start=1)]
    seen = {id(v.change) for v in verified}
    return out + [row(None, c, None) for c in changes if id(c) not in seen]


def hours_short(scenario: Scenario, roster: Roster) -> float:
    """Person-hours under the minimum cover (the cover reports' shortfalls, summed)."""
    return _short_of(cover_table(scenario, roster))


def _short_of(rows: Sequence[CoverRow]) -> float:
    return round(float(shortfalls_from_rows(rows)["person_minutes_short"].sum()) / 60, 2)


# -- the estimate: what a person could fill of the short slots ----------------------------------------

Slot = tuple[dt.date, int, int]


def _short_slots(rows: Sequence[CoverRow]) -> dict[Slot, set[str | None]]:
    """Each short slot and the levels short in it (a skill, ``None`` for the whole team's)."""
    out: dict[Slot, set[str | None]] = {}
    for r in rows:
        if r.under > 0:
            out.setdefault((r.date, r.start, r.end), set()).add(r.skill)
    return out


def _fill(
    short: dict[Slot, set[str | None]],
    skills: Sequence[str],
    budget: int,
    day_cap: int,
    away: set[dt.date],
    only: dt.date | None = None,
) -> int:
    """The most person-minutes short one person with ``skills`` could remove with ``budget``
    minutes, at most ``day_cap`` a date, never on the dates ``away``: the short slots they count
    toward, richest first (a slot is worth its minutes once for each short level they count for)."""
    groups = {None, *skills}
    items = sorted(
        (-len(levels & groups), day, start, end - start)
        for (day, start, end), levels in short.items()
        if levels & groups and day not in away and (only is None or day == only)
    )
    used: dict[dt.date, int] = {}
    value, left = 0, budget
    for neg, day, _start, minutes in items:
        if minutes > left or used.get(day, 0) + minutes > day_cap:
            continue
        used[day] = used.get(day, 0) + minutes
        left -= minutes
        value += -neg * minutes
    return value


def _away(sc: Scenario, emp_id: str) -> set[dt.date]:
    return {d for lv in sc.leave if lv.employee_id == emp_id and lv.whole_day for d in lv.dates()}


def _period_minutes(e: Employee, weeks: int) -> int:
    return sum(e.week_minutes(w) for w in range(weeks))


def _day_cap(sc: Scenario, e: Employee) -> int:
    return e.shift_bounds(sc.service.shift_length)[1]


# -- the changes ---------------------------------------------------------------------------------------


def _weekly_limit(sc: Scenario, e: Employee) -> float:
    """The most weekly hours a contract may hold: 40 under 18, else 48 (the 48-hour average's
    limit) unless the person has opted out, then the contract's 60 h ceiling."""
    days = sc.service.days
    wt = sc.service.working_time
    if any(is_young(e.date_of_birth, d) for d in days):
        return wt.young_max_weekly_minutes / 60
    if all(sc.opted_out(e.id, d) for d in days):
        return 60.0
    return wt.average_max_weekly_minutes / 60


def _more_hours(
    sc: Scenario, roster: Roster, short: dict[Slot, set[str | None]], step: float
) -> list[Change]:
    weeks = sc.service.weeks
    room: dict[str, list[tuple[int, float]]] = {}
    frame = headroom_frame(sc, roster)
    start = sc.service.start_date
    for r in frame.to_dict("records"):
        if r["headroom_hours"] is None or r["opted_out"]:
            continue
        week = (dt.date.fromisoformat(str(r["week_start"])) - start).days // 7
        room.setdefault(str(r["employee_id"]), []).append((week, float(r["headroom_hours"])))
    out = []
    for e in sc.employees:
        if e.pattern != "self" or e.relief:
            continue
        now = max((e.hours_per_week, *e.week_hours))
        if now + step > _weekly_limit(sc, e):
            continue
        if any(h < step * (w + 1) for w, h in room.get(e.id, [])):
            continue  # the 48-hour average would not allow it
        update: dict[str, object] = {"hours_per_week": round(e.hours_per_week + step, 2)}
        if e.week_hours:
            update["week_hours"] = tuple(round(h + step, 2) for h in e.week_hours)
        changed = e.model_copy(update=update)
        people = tuple(changed if p.id == e.id else p for p in sc.employees)
        estimate = _fill(short, e.skills, round(step * 60) * weeks, _day_cap(sc, e), _away(sc, e.id))
        out.append(
            Change(
                "hours",
                f"{e.id} ({e.name}) works {step:g} h a week more ({e.hours_per_week:g} -> "
                f"{e.hours_per_week + step:g} h)",
                sc.model_copy(update={"employees": people}),
                estimate,
            )
        )
    return out


def _new_id(sc: Scenario, like: str) -> str:
    ids = {e.id for e in sc.employees}
    k = 1
    while (new := f"{like}-new" + (str(k) if k > 1 else "")) in ids:
        k += 1
    return new


def _hires(sc: Scenario, short: dict[Slot, set[str | None]]) -> list[Change]:
    weeks = sc.service.weeks
    staff = [e for e in sc.employees if e.pattern == "self" and not e.relief]
    levels = sorted({g for gs in short.values() for g in gs}, key=lambda g: (g is not None, g or ""))
    out: list[Change] = []
    chosen: set[str] = set()
    for skill in levels:
        holders = [e for e in staff if skill is None or skill in e.skills]
        if not holders:
            continue
        scored = [
            (_fill(short, e.skills, _period_minutes(e, weeks), _day_cap(sc, e), set()), e) for e in holders
        ]
        value, like = max(scored, key=lambda t: (t[0], t[1].hours_per_week, [-ord(c) for c in t[1].id]))
        if like.id in chosen:
            continue
        chosen.add(like.id)
        new_id = _new_id(sc, like.id)
        hire = like.model_copy(
            update={"id": new_id, "name": f"New starter like {like.id}", "date_of_birth": None}
        )
        what = "person for the team's level" if skill is None else skill
        out.append(
            Change(
                "hire",
                f"hire one more {what}: {new_id}, {like.id}'s contract ({like.hours_per_week:g} h, "
                f"{', '.join(like.skills) or 'no skills'})",
                sc.model_copy(update={"employees": (*sc.employees, hire)}),
                value,
            )
        )
    return out


def _openings(sc: Scenario, rows: Sequence[CoverRow]) -> tuple[list[Change], str | None]:
    svc = sc.service
    if not any(r is not None and r.end - r.start > 60 for r in svc.opening.values()):
        return [], "opening later or closing earlier: no weekday is open for more than an hour"
    out: list[Change] = []
    for later in (True, False):
        best: tuple[int, str, TimeRange] | None = None
        for wd in WEEKDAYS:
            rng = svc.opening.get(wd)
            if rng is None or rng.end - rng.start <= 60:
                continue
            lo, hi = (rng.start, rng.start + 60) if later else (rng.end - 60, rng.end)
            minutes = sum(
                r.under * (r.end - r.start)
                for r in rows
                if r.under > 0
                and weekday_name(r.date) == wd
                and svc.opening_on(r.date) == rng
                and lo <= r.start
                and r.end <= hi
            )
            if minutes > 0 and (best is None or minutes > best[0]):
                best = (minutes, wd, rng)
        if best is None:
            continue
        minutes, wd, rng = best
        new = (
            TimeRange(start=rng.start + 60, end=rng.end)
            if later
            else TimeRange(start=rng.start, end=rng.end - 60)
        )
        try:
            service = svc.model_validate({**svc.model_dump(), "opening": {**svc.opening, wd: new}})
        except ValidationError:
            continue
        what = "open an hour later" if later else "close an hour earlier"
        out.append(
            Change(
                "opening",
                f"{what} on {DAY_NAMES[wd]} ({format_clock(new.start)}-{format_clock(new.end)} instead "
                f"of {format_clock(rng.start)}-{format_clock(rng.end)})",
                sc.model_copy(update={"service": service}),
                minutes,
            )
        )
    return out, None


def _spare(rows: Sequence[CoverRow], groups: set[str | None]) -> bool:
    """A date with cover to spare for a person counting toward ``groups``: none of those levels is
    short in any slot, and each one with a minimum has somebody more than it."""
    mine = [r for r in rows if r.skill in groups]
    return bool(mine) and all(
        r.under == 0 and (r.required_min == 0 or r.rostered > r.required_min) for r in mine
    )


def _moves(
    sc: Scenario, rows: Sequence[CoverRow], short: dict[Slot, set[str | None]]
) -> tuple[list[Change], str | None]:
    movable = [lv for lv in sc.leave if lv.type in MOVABLE_LEAVE and lv.whole_day]
    if not movable:
        return [], "moving a training day: the scenario has no whole-day training leave"
    svc = sc.service
    days = svc.days
    by_date: dict[dt.date, list[CoverRow]] = {}
    for r in rows:
        by_date.setdefault(r.date, []).append(r)
    people = {e.id: e for e in sc.employees}
    out: list[Change] = []
    for lv in movable:
        e = people.get(lv.employee_id)
        if e is None or e.pattern != "self":
            continue
        groups = {None, *e.skills}
        away = _away(sc, e.id)
        for day in lv.dates():
            if day not in days:
                continue
            value = _fill(short, e.skills, _day_cap(sc, e), _day_cap(sc, e), set(), only=day)
            if value <= 0:
                continue
            options = [
                d
                for d in days
                if d not in away and svc.opening_on(d) is not None and _spare(by_date.get(d, []), groups)
            ]
            if not options:
                continue
            to = min(options, key=lambda d: (abs((d - day).days), d))
            kept = [d for d in lv.dates() if d != day]
            pieces: list[Leave] = []
            for d in kept:
                if pieces and pieces[-1].end_date == d - dt.timedelta(days=1):
                    pieces[-1] = pieces[-1].model_copy(update={"end_date": d})
                else:
                    pieces.append(lv.model_copy(update={"start_date": d, "end_date": d}))
            pieces.append(lv.model_copy(update={"start_date": to, "end_date": to}))
            leave = [x for x in sc.leave if x is not lv]
            out.append(
                Change(
                    "move",
                    f"move {e.id}'s {lv.type} day from {day:%a %d %b} to {to:%a %d %b}",
                    sc.model_copy(update={"leave": (*leave, *pieces)}),
                    value,
                )
            )
    return out, None


def candidate_changes(
    scenario: Scenario, roster: Roster, *, step: float = STEP_HOURS
) -> tuple[list[Change], list[str]]:
    """Every single change of the kinds tried (see the module docstring), by estimate (highest
    first; ties by kind, then description), and the kinds left out, with why: a change whose
    scenario the cross-table checks refuse is left out, and said so."""
    rows = cover_table(scenario, roster)
    short = _short_slots(rows)
    if not short:
        return [], []
    changes = [*_more_hours(scenario, roster, short, step), *_hires(scenario, short)]
    left_out: list[str] = []
    for found, why in (_openings(scenario, rows), _moves(scenario, rows, short)):
        changes += found
        if why is not None:
            left_out.append(why)
    kept = []
    for c in changes:
        try:
            check_scenario(c.scenario)
        except ScenarioError as err:
            left_out.append(f"{c.description}: the changed scenario is refused ({err.table}: {err.message})")
            continue
        kept.append(c)
    kept.sort(key=lambda c: (-c.estimate_minutes, KINDS.index(c.kind), c.description))
    return kept, left_out


def estimate_lines(scenario: Scenario, roster: Roster, *, top: int = 3) -> list[str]:
    """The ``top`` single changes by estimate, a line each, for a roster's summary: unverified (a
    rough ceiling on the hours each could save); ``roster gaps`` verifies them by re-solving."""
    changes, _ = candidate_changes(scenario, roster)
    return [f"{c.description}: up to {c.estimate_hours:g} h by estimate" for c in changes[:top]]


# -- verifying -----------------------------------------------------------------------------------------


def _request(scenario: Scenario, base: Roster | None) -> SolveRequest:
    if base is None:
        return SolveRequest(scenario=scenario)
    return SolveRequest(scenario=scenario, base=base, stability=DEFAULT_STABILITY)


def check_roster(scenario: Scenario, roster: Roster) -> None:
    """Refuse a roster to start from with shifts of somebody not in the team (their hours would
    be left out): :class:`GapHelpError` naming them."""
    known = {e.id for e in scenario.employees}
    strays = sorted({s.employee_id for s in roster.shifts if s.employee_id not in known})
    if strays:
        raise GapHelpError(
            f"the roster has shifts for {', '.join(map(repr, strays))}, but nobody with that id "
            f"is in the team ({', '.join(sorted(known))}); correct the id"
        )


def what_would_help(
    scenario: Scenario,
    settings: SolverSettings,
    *,
    roster: Roster | None = None,
    top: int = 5,
    step: float = STEP_HOURS,
    engine: str = "auto",
    progress: Callable[[int, int, str], None] | None = None,
    stop: Stop | None = None,
    baseline: SolveResult | None = None,
) -> GapHelp:
    """The baseline's hours short, the single changes that could cut them (by estimate) and the
    first ``top`` verified by a re-solve with ``settings`` (see the module docstring).

    ``roster``: the roster to start from; every solve, the baseline's too, starts from it (moving
    as little of it as ``roster solve --base`` would). ``progress(done, total, what)`` is called
    after each solve; ``stop``, once set, ends the solve under way with its best roster and
    verifies nothing more. ``baseline``: the caller's own solve of ``scenario`` with ``settings``
    and ``engine`` (from ``roster`` when one is given), used instead of solving it again. Raises
    :class:`GapHelpError` when the baseline has no roster."""
    if top < 0:
        raise GapHelpError(f"top {top}: give how many changes to verify, 0 or more")
    given = None
    if roster is not None:
        check_roster(scenario, roster)
        given = hours_short(scenario, roster)
    base = baseline or solve(_request(scenario, roster), settings, stop=stop, engine=engine)
    if not base.has_roster:
        raise GapHelpError(
            f"the scenario has no roster ({base.status}): its hard rules conflict; "
            "`roster solve` names the rules and people in conflict"
        )
    short = hours_short(scenario, base.roster)
    changes, left_out = candidate_changes(scenario, base.roster, step=step)
    chosen = changes[:top]
    total = 1 + len(chosen)
    if progress is not None:
        progress(1, total, f"baseline: {short:g} h short")
    verdicts = []
    for k, change in enumerate(chosen, start=2):
        if stop is not None and stop.is_set():
            break
        verdicts.append(_verify(change, settings, roster, engine, short, stop))
        if progress is not None:
            progress(k, total, change.description)
    order = sorted(
        range(len(verdicts)),
        key=lambda i: (verdicts[i].saved_hours is None, -(verdicts[i].saved_hours or 0.0), i),
    )
    return GapHelp(
        short_hours=short,
        baseline=base,
        changes=tuple(changes),
        verified=tuple(verdicts[i] for i in order),
        left_out=tuple(left_out),
        given_short_hours=given,
        stopped=len(verdicts) < len(chosen),
    )


def _verify(
    change: Change,
    settings: SolverSettings,
    base: Roster | None,
    engine: str,
    short: float,
    stop: Stop | None = None,
) -> Verdict:
    request = _request(change.scenario, base)
    result = solve(request, settings, stop=stop, engine=engine)
    if not result.has_roster:
        return Verdict(change, str(result.status), None, None, result)
    report = validate(change.scenario, result.roster, request)
    if report.hard_violations:
        return Verdict(
            change, f"{result.status}, {len(report.hard_violations)} hard rule(s) broken", None, None, result
        )
    measured = hours_short(change.scenario, result.roster)
    return Verdict(change, str(result.status), measured, round(short - measured, 2), result)
