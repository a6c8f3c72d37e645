"""What the pages show, worked out from the store with the same reports as the files.

A stored version never changes once saved, so what is worked out for it (its scenario, the
validator's report, cover rows, statements, the heatmap) is kept per version in the server
process (:func:`version_view`); only its status is read afresh from the store each time.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any

from roster.domain import DayPreference, Roster, Scenario, StandingWish
from roster.domain.working_time import is_young
from roster.reports._fmt import hmm
from roster.reports.cover import shortfalls_from_rows
from roster.reports.hours import hours_frame
from roster.reports.printable import roster_weeks
from roster.reports.statement import statements
from roster.reports.wishes import honoured_percent
from roster.store import Store, VersionInfo
from roster.timegrid import format_clock
from roster.validation import CoverRow, ValidationReport, cover_table, validate
from roster.workflow.review import scenario_of


@dataclass
class VersionView:
    """A stored version with what its pages show (worked out once, on first use)."""

    info: VersionInfo
    scenario: Scenario
    roster: Roster
    report: ValidationReport
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _cover: list[CoverRow] | None = None
    _statements: dict[str, str] | None = None
    _png: bytes | None = None

    @property
    def cover(self) -> list[CoverRow]:
        with self._lock:
            if self._cover is None:
                self._cover = list(cover_table(self.scenario, self.roster))
            return self._cover

    def shortfalls(self) -> list[dict[str, Any]]:
        frame = shortfalls_from_rows(self.cover)
        return [
            {str(k): (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}
            for r in frame.to_dict("records")
        ]

    def heatmap_png(self) -> bytes:
        from roster.plotting.heatmap import cover_heatmap_png

        with self._lock:
            if self._png is None:
                self._png = cover_heatmap_png(self.scenario, self.cover)
            return self._png

    def statement(self, employee_id: str, amended: dict[tuple[str, dt.date], str]) -> str:
        with self._lock:
            if self._statements is None:
                self._statements = statements(
                    self.scenario, self.roster, self.report, self.info.label, amended
                )
            return self._statements.get(employee_id, "")

    def hours(self) -> list[dict[str, Any]]:
        frame = hours_frame(self.scenario, self.roster)
        return [
            {
                "id": r["id"],
                "name": r["name"],
                "target": r["target"],
                "rostered": r["rostered"],
                "net": r["net"],
                "usable_balance": r["usable_balance"],
                "toil": r["toil"],
                "flexi": r["flexi"],
                "status": r["status"],
            }
            for r in frame.to_dict("records")
        ]

    def weeks(self, people: list[str] | None = None) -> list[dict[str, Any]]:
        return roster_weeks(self.scenario, self.roster, people)

    def costs(self) -> list[tuple[str, int]]:
        by_rule: dict[str, int] = {}
        for p in self.report.penalties:
            by_rule[str(p.rule)] = by_rule.get(str(p.rule), 0) + p.cost
        return sorted(by_rule.items(), key=lambda kv: -kv[1])

    def wishes_honoured(self) -> str:
        share = honoured_percent(self.report.wishes)
        return "-" if share is None else f"{share:.1f}%"

    def short_hours(self) -> float:
        return round(sum(float(r["person_hours_short"]) for r in self.shortfalls()), 2)


_views: dict[tuple[str, int], VersionView] = {}
_views_lock = threading.Lock()
KEEP = 24


def version_view(store: Store, version_id: int) -> VersionView:
    """The version's view (its status read now; the rest kept from the first time)."""
    info = store.version(version_id)
    key = (store.url, version_id)
    with _views_lock:
        found = _views.get(key)
    if found is None:
        scenario = scenario_of(store, version_id)
        roster = store.roster(version_id)
        found = VersionView(info, scenario, roster, validate(scenario, roster))
        with _views_lock:
            if len(_views) >= KEEP:
                _views.pop(next(iter(_views)))
            _views[key] = found
    found.info = info
    return found


# -- the wishes form ---------------------------------------------------------------------------------


def _clock(minutes: int | None) -> str:
    """A form's time field: ``HH:MM`` of the day (a time past midnight as the next day's clock)."""
    return "" if minutes is None else format_clock(minutes % 1440)


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    key: str
    label: str
    week: int
    closed: str | None
    """Why nobody works that date (a closure, a bank holiday), else None."""
    leave: str | None
    band: str
    band_start: str
    band_end: str
    kind: str
    start: str
    end: str
    strength: str
    fixed: bool = False


def wish_days(scenario: Scenario, employee_id: str, prefs: tuple[DayPreference, ...]) -> list[DayCell]:
    """A cell per date of the period for the person's form, with what they gave before."""
    svc = scenario.service
    mine = {p.date: p for p in prefs if p.employee_id == employee_id}
    leave = {
        lv.start_date + dt.timedelta(days=k): lv.type.replace("_", " ")
        for lv in scenario.leave
        if lv.employee_id == employee_id and lv.start is None
        for k in range((lv.end_date - lv.start_date).days + 1)
    }
    out = []
    for day in svc.days:
        band = svc.bandwidth_on(day)
        exc = svc.exception_on(day)
        closed = None
        if band is None:
            closed = exc.reason if exc is not None and exc.reason else "no working hours this day"
        p = mine.get(day)
        kind: str = p.kind if p is not None else "any"
        if p is not None and p.kind == "shift" and p.start is not None and p.end is not None:
            t = svc.type_of(p.start, p.end)
            if t is not None and svc.shift_types:
                kind = f"type:{t.id}"
        out.append(
            DayCell(
                date=day,
                key=day.isoformat(),
                label=f"{day:%a %d %b}",
                week=(day - svc.start_date).days // 7,
                closed=closed,
                leave=leave.get(day),
                band=str(band) if band is not None else "",
                band_start=_clock(band.start) if band else "",
                band_end=_clock(band.end) if band else "",
                kind=kind,
                start=_clock(p.start) if p is not None else "",
                end=_clock(p.end) if p is not None else "",
                strength=p.strength if p is not None else "prefer",
            )
        )
    return out


def standing_rows(
    wishes: tuple[StandingWish, ...], employee_id: str, blanks: int = 2
) -> list[dict[str, str]]:
    rows = [
        {"weekday": w.weekday, "kind": w.kind, "time": _clock(w.time), "strength": w.strength}
        for w in wishes
        if w.employee_id == employee_id
    ]
    return rows + [{"weekday": "", "kind": "", "time": "", "strength": "prefer"} for _ in range(blanks)]


def day_cells_from_form(scenario: Scenario, form: dict[str, str]) -> list[dict[str, str]]:
    """The form's fields of each date as the cells of a ``preferences.csv`` row. A named shift type
    becomes its times; an end at or before the start is the next day's (written ``HH+24``) when the
    date's bandwidth runs past midnight."""
    svc = scenario.service
    rows = []
    for day in svc.days:
        key = day.isoformat()
        if f"d-{key}-kind" not in form:
            continue
        kind = form.get(f"d-{key}-kind", "").strip()
        start = form.get(f"d-{key}-start", "").strip()
        end = form.get(f"d-{key}-end", "").strip()
        strength = form.get(f"d-{key}-strength", "").strip() or "prefer"
        if kind.startswith("type:"):
            type_id = kind.removeprefix("type:")
            t = next((t for t in svc.shift_types if t.id == type_id), None)
            if t is None:
                rows.append({"date": key, "kind": kind, "start": start, "end": end, "strength": strength})
                continue
            kind, start, end = "shift", format_clock(t.start), format_clock(t.end)
        elif kind != "shift":
            start = end = ""  # the times of a day marked off or any are not part of the wish
        elif start and end and _minutes(end) is not None and _minutes(start) is not None:
            band = svc.bandwidth_on(day)
            s, e = _minutes(start), _minutes(end)
            assert s is not None and e is not None
            if e <= s and band is not None and band.end > 1440:
                end = format_clock(e + 1440)
        rows.append({"date": key, "kind": kind, "start": start, "end": end, "strength": strength})
    return rows


def _minutes(text: str) -> int | None:
    parts = text.split(":")
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
        return None
    return int(parts[0]) * 60 + int(parts[1])


def stray_fields(scenario: Scenario, form: dict[str, str], limit: int = 20) -> list[str]:
    """Fields of the wishes form that name no date of the period or no standing-wish row: a form
    not sent by this page (read silently, what they hold would be lost)."""
    days = {d.isoformat() for d in scenario.service.days}
    out = []
    for key in form:
        if key.startswith("d-"):
            parts = key[2:].rsplit("-", 1)
            fields = ("kind", "start", "end", "strength")
            if len(parts) != 2 or parts[0] not in days or parts[1] not in fields:
                out.append(key)
        elif key.startswith("s-"):
            parts = key[2:].split("-", 1)
            if (
                len(parts) != 2
                or not parts[0].isdigit()
                or int(parts[0]) >= limit
                or parts[1] not in ("weekday", "kind", "time", "strength")
            ):
                out.append(key)
    return out


def standing_cells_from_form(form: dict[str, str], limit: int = 20) -> list[dict[str, str]]:
    rows = []
    for i in range(limit):
        if f"s-{i}-kind" not in form:
            continue
        rows.append({c: form.get(f"s-{i}-{c}", "").strip() for c in ("weekday", "kind", "time", "strength")})
    return rows


def shift_hint(scenario: Scenario, employee_id: str, day: dt.date, start: int, end: int) -> str:
    """What the policy says of a wished shift: its length, the unpaid break it includes, paid time."""
    svc = scenario.service
    emp = scenario.employee(employee_id)
    length = end - start
    threshold = svc.breaks.threshold_minutes
    if is_young(emp.date_of_birth, day):
        threshold = svc.working_time.young_break_threshold_minutes
    text = f"{hmm(length)} h shift"
    if length > threshold:
        text += (
            f", with an unpaid break of {svc.breaks.break_minutes} minutes (shifts over "
            f"{hmm(threshold)} h): {hmm(length - svc.breaks.break_minutes)} h paid"
        )
    else:
        text += ", no break needed: all paid"
    return text


def limits_text(scenario: Scenario, employee_id: str) -> str:
    """The policy's limits on a wished shift for this person, for the form's help text."""
    svc = scenario.service
    emp = scenario.employee(employee_id)
    lo, hi = emp.shift_bounds(svc.shift_length)
    return (
        f"A shift is {hmm(lo)} to {hmm(hi)} hours long, starts and ends on the "
        f"{svc.slot_minutes}-minute grid inside the day's working hours, and one over "
        f"{hmm(svc.breaks.threshold_minutes)} hours includes an unpaid break of "
        f"{svc.breaks.break_minutes} minutes."
    )
