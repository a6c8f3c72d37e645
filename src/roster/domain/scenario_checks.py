"""A scenario's cross-table checks, one function per table, run in the order of :data:`CHECKS`.

Each check reads one table of the scenario against the others (the team, the roster period,
the service's grid and shift types) and raises :class:`ScenarioError` at the first row that
cannot hold, naming the table, the row and the field, so that the loader can name the file.
:func:`check_scenario` runs them in order; a scenario is checked whenever it is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roster.domain.employee import MIN_JOB_SHARE_HOURS, Employee
from roster.domain.leave import Leave
from roster.domain.working_time import EXCLUDED_ABSENCES
from roster.timegrid import format_clock

if TYPE_CHECKING:
    from roster.domain.preferences import DayPreference
    from roster.domain.scenario import FixedShift, Scenario
    from roster.domain.service import Service
    from roster.domain.toil import ExtraShift


class ScenarioError(Exception):
    """A problem in a scenario's data, located by table, row index and field.

    Deliberately not a ``ValueError`` so that pydantic lets it through
    unchanged and the loader can name the file and row.
    """

    def __init__(self, table: str, index: int | None, field: str | None, message: str) -> None:
        super().__init__(message)
        self.table = table
        self.index = index
        self.field = field
        self.message = message


def _hm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d} h"


def wished_shift_problem(svc: Service, emp: Employee, pref: DayPreference) -> tuple[str, str] | None:
    """Why the policy would never roster the shift ``pref`` asks for, as (field, message), or None.

    A wished shift lies on the service's time grid, inside the date's bandwidth (earliest start,
    latest finish; POLICY.md section 2), is as long as a shift may be (SHIFT_LENGTH, the person's
    own bounds if set) and, where the service rosters named shift types, is one of them. A wish
    the rules forbid is refused when it is given, with this message (file and web page alike),
    rather than refused quietly by every roster."""
    assert pref.start is not None and pref.end is not None
    g = svc.slot_minutes
    for field, clock in (("start", pref.start), ("end", pref.end)):
        if clock % g:
            return field, f"{format_clock(clock)} is not on the service's {g}-minute grid (slot_minutes)"
    band = svc.bandwidth_on(pref.date)
    day = f"{pref.date:%a %d %b %Y}"
    if band is None:
        exc = svc.exception_on(pref.date)
        why = f" ({exc.reason})" if exc is not None and exc.reason else ""
        return "date", (
            f"nobody works on {day}{why}: the service has no working hours that day; give off or any"
        )
    if pref.start < band.start:
        return "start", (
            f"{format_clock(pref.start)} is before the earliest start on {day} "
            f"({format_clock(band.start)}; bandwidth {band})"
        )
    if pref.end > band.end:
        return "end", (
            f"{format_clock(pref.end)} is after the latest finish on {day} "
            f"({format_clock(band.end)}; bandwidth {band})"
        )
    length = pref.end - pref.start
    lo, hi = emp.shift_bounds(svc.shift_length)
    if length < lo:
        return "end", f"a shift of {_hm(length)} is shorter than the shortest shift of {_hm(lo)}"
    if length > hi:
        return "end", f"a shift of {_hm(length)} is longer than the longest shift of {_hm(hi)}"
    if svc.shift_types and svc.type_of(pref.start, pref.end) is None:
        types = ", ".join(t.label for t in svc.shift_types)
        return "start", (
            f"{format_clock(pref.start)}-{format_clock(pref.end)} is not one of the service's "
            f"shift types ({types})"
        )
    return None


@dataclass(frozen=True)
class Tables:
    """The scenario being checked, with what every check looks rows up in."""

    sc: Scenario
    ids: dict[str, Employee]
    """Each employee id, to its first row."""
    days: frozenset[dt.date]
    skills: frozenset[str]

    @classmethod
    def of(cls, sc: Scenario) -> Tables:
        ids: dict[str, Employee] = {}
        for emp in sc.employees:
            ids.setdefault(emp.id, emp)
        return cls(sc, ids, frozenset(sc.service.days), frozenset(s for e in sc.employees for s in e.skills))

    @property
    def svc(self) -> Service:
        return self.sc.service

    def known(self, table: str, i: int, employee_id: str) -> Employee:
        """The employee of a row (an unknown id is refused)."""
        if employee_id not in self.ids:
            raise ScenarioError(table, i, "employee_id", f"unknown employee {employee_id!r}")
        return self.ids[employee_id]

    def in_period(self, table: str, i: int, field: str, day: dt.date) -> None:
        if day not in self.days:
            days = self.svc.days
            raise ScenarioError(
                table, i, field, f"{day} is outside the roster period {days[0]} to {days[-1]}"
            )

    def known_skill(self, table: str, i: int, skill: str | None) -> None:
        if skill is not None and skill not in self.skills:
            raise ScenarioError(
                table,
                i,
                "skill",
                f"unknown skill {skill!r}; the team's skills are {', '.join(sorted(self.skills))}",
            )

    def known_type(self, table: str, i: int, field: str, type_id: str) -> None:
        types = [t.id for t in self.svc.shift_types]
        if type_id not in types:
            allowed = ", ".join(types) if types else "none: service.yaml defines no shift_types"
            raise ScenarioError(table, i, field, f"unknown shift type {type_id!r}; allowed: {allowed}")

    def self_rostered(self, table: str, i: int, emp: Employee, what: str) -> None:
        """A row for a self-rostered person only (``what`` applies to them)."""
        if emp.pattern == "fixed":
            raise ScenarioError(
                table,
                i,
                "employee_id",
                f"{emp.id} works a fixed pattern; {what} apply to self-rostered staff only",
            )


def _employee_ids(t: Tables) -> None:
    seen: set[str] = set()
    for i, emp in enumerate(t.sc.employees):
        if emp.id in seen:
            raise ScenarioError("employees", i, "id", f"employee id {emp.id!r} appears twice")
        seen.add(emp.id)


def _employee_facts(t: Tables) -> None:
    svc, safety = t.svc, t.svc.safety
    for i, emp in enumerate(t.sc.employees):
        if emp.date_of_birth is not None and emp.date_of_birth >= svc.start_date:
            raise ScenarioError(
                "employees",
                i,
                "date_of_birth",
                f"{emp.date_of_birth} is not before the roster starts on {svc.start_date}",
            )
        for skill in emp.skills:
            for role, declared in (
                ("trainee_skill", safety.trainee_skill),
                ("supervisor_skill", safety.supervisor_skill),
            ):
                if skill != declared and skill.lower() == declared.lower():
                    raise ScenarioError(
                        "employees",
                        i,
                        "skills",
                        f"skill {skill!r} differs from the service's {role} {declared!r} only in case; "
                        f"write {declared!r} (or SUPERVISION would not see it)",
                    )


def _staffing(t: Tables) -> None:
    svc = t.svc
    for i, lvl in enumerate(t.sc.staffing):
        t.known_skill("staffing", i, lvl.skill)
        if lvl.date is not None:
            t.in_period("staffing", i, "day", lvl.date)
        for edge, clock in (("start", lvl.start), ("end", lvl.end)):
            if clock % svc.slot_minutes:
                raise ScenarioError(
                    "staffing",
                    i,
                    edge,
                    f"{format_clock(clock)} is not on the service's {svc.slot_minutes}-minute grid "
                    "(slot_minutes); cover is counted per slot, so a level starts and ends on one",
                )


def _staffing_overlaps(t: Tables) -> None:
    seen: dict[tuple[str, str | None], list[tuple[int, int, int]]] = {}
    for i, lvl in enumerate(t.sc.staffing):
        key = (lvl.day, lvl.skill)
        for j, start, end in seen.get(key, []):
            if lvl.start < end and start < lvl.end:
                raise ScenarioError(
                    "staffing",
                    i,
                    "start",
                    f"{lvl.day} {lvl.skill or 'team'} level overlaps the level on row {j + 2}",
                )
        seen.setdefault(key, []).append((i, lvl.start, lvl.end))


def _contract_row(svc: Service, i: int, emp: Employee) -> None:
    lo, hi = emp.shift_bounds(svc.shift_length)
    for field, value in (("min_shift_minutes", lo), ("max_shift_minutes", hi)):
        if value % svc.slot_minutes:
            raise ScenarioError(
                "employees", i, field, f"{value} minutes is not on the {svc.slot_minutes}-minute grid"
            )
    if emp.min_shift_minutes is not None and emp.min_shift_minutes < svc.shift_length.min_minutes:
        # POLICY.md section 2: a working day is at least 4 hours.
        raise ScenarioError(
            "employees",
            i,
            "min_shift_minutes",
            f"{emp.min_shift_minutes} minutes is below the service minimum shift of "
            f"{svc.shift_length.min_minutes} minutes",
        )
    if hi < lo:
        raise ScenarioError("employees", i, "max_shift_minutes", f"max shift {hi} is below min shift {lo}")
    if emp.week_hours and len(emp.week_hours) != svc.weeks:
        raise ScenarioError(
            "employees",
            i,
            "week_hours",
            f"gives {len(emp.week_hours)} week(s) of hours; the roster period has {svc.weeks}: "
            "give one figure per week separated by ';', or leave it empty for hours_per_week every week",
        )
    if emp.week_hours and (emp.relief or emp.pattern == "fixed"):
        raise ScenarioError(
            "employees",
            i,
            "week_hours",
            f"{emp.id} is {'relief staff (hours_per_week 0)' if emp.relief else 'on a fixed pattern'}: "
            "week by week contracted hours apply to self-rostered contracts only; leave it empty",
        )


def _contracts(t: Tables) -> None:
    """Each person's shift bounds and weekly hours against the service's."""
    for i, emp in enumerate(t.sc.employees):
        _contract_row(t.svc, i, emp)


def _leave_overlaps(a: Leave, b: Leave) -> bool:
    if a.end_date < b.start_date or b.end_date < a.start_date:
        return False
    if a.whole_day or b.whole_day:
        return True
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return a.start < b.end and b.start < a.end


def _leave(t: Tables) -> None:
    by_person: dict[str, list[tuple[int, Leave]]] = {}
    for i, lv in enumerate(t.sc.leave):
        t.known("leave", i, lv.employee_id)
        t.in_period("leave", i, "start_date", lv.start_date)
        t.in_period("leave", i, "end_date", lv.end_date)
        for j, other in by_person.get(lv.employee_id, []):
            if _leave_overlaps(lv, other):
                raise ScenarioError(
                    "leave",
                    i,
                    "start_date",
                    f"leave for {lv.employee_id} overlaps the leave on row {j + 2} "
                    f"({other.start_date} to {other.end_date})",
                )
        by_person.setdefault(lv.employee_id, []).append((i, lv))


def _preferences(t: Tables) -> None:
    seen: set[tuple[str, dt.date]] = set()
    for i, pref in enumerate(t.sc.preferences):
        emp = t.known("preferences", i, pref.employee_id)
        t.in_period("preferences", i, "date", pref.date)
        t.self_rostered("preferences", i, emp, "preferences")
        if pref.kind == "shift":
            problem = wished_shift_problem(t.svc, emp, pref)
            if problem is not None:
                raise ScenarioError("preferences", i, problem[0], problem[1])
        key = (pref.employee_id, pref.date)
        if key in seen:
            raise ScenarioError(
                "preferences", i, "date", f"a second preference for {pref.employee_id} on {pref.date}"
            )
        seen.add(key)


def _wishes(t: Tables) -> None:
    for i, wish in enumerate(t.sc.wishes):
        t.known("wishes", i, wish.employee_id)


def _on_grid(t: Tables, table: str, i: int, moments: Iterable[tuple[str, int | None]], message: str) -> None:
    for field, moment in moments:
        if moment is not None and moment % t.svc.slot_minutes:
            raise ScenarioError(table, i, field, message.format(g=t.svc.slot_minutes))


def _break_inside(table: str, i: int, start: int, end: int, break_start: int | None, minutes: int) -> None:
    """A timetabled break lies inside its shift: one outside would be paid work on paper only."""
    if break_start is not None and not start < break_start <= end - minutes:
        raise ScenarioError(
            table,
            i,
            "break_start",
            f"the break {format_clock(break_start)}-{format_clock(break_start + minutes)} is not inside "
            f"the shift {format_clock(start)}-{format_clock(end)}",
        )


def _given_shifts(
    t: Tables, table: str, rows: Sequence[FixedShift | ExtraShift], pattern: str, who: str
) -> None:
    """Shifts given as they are worked (``fixed_shifts``, ``extra_shifts``): a known person of
    ``pattern`` (``who`` says who may have them), a date of the roster, one a person a date, the end
    after the start, on the grid, a break inside."""
    seen: set[tuple[str, dt.date]] = set()
    kind = table.replace("_", " ")[:-1]
    for i, row in enumerate(rows):
        emp = t.known(table, i, row.employee_id)
        t.in_period(table, i, "date", row.date)
        if emp.pattern != pattern:
            how = "self-rostered" if emp.pattern == "self" else "on a fixed timetable"
            raise ScenarioError(table, i, "employee_id", f"{emp.id} is {how} (pattern={emp.pattern}); {who}")
        if (row.employee_id, row.date) in seen:
            raise ScenarioError(table, i, "date", f"two {kind}s for {emp.id} on {row.date}")
        seen.add((row.employee_id, row.date))
        if row.end <= row.start:
            raise ScenarioError(table, i, "end", "shift end is not after its start")
        _on_grid(
            t,
            table,
            i,
            (("start", row.start), ("end", row.end), ("break_start", row.break_start)),
            "time is not on the {g}-minute grid",
        )
        _break_inside(table, i, row.start, row.end, row.break_start, t.svc.breaks.break_minutes)


def _fixed_shifts(t: Tables) -> None:
    _given_shifts(
        t,
        "fixed_shifts",
        t.sc.fixed_shifts,
        "fixed",
        "only pattern=fixed staff (compressed or staggered hours) have fixed shifts",
    )


def _extra_shifts(t: Tables) -> None:
    _given_shifts(
        t,
        "extra_shifts",
        t.sc.extra_shifts,
        "self",
        "extra shifts (time off in lieu) are for self-rostered staff",
    )


def _toil(t: Tables) -> None:
    seen: set[str] = set()
    for i, bal in enumerate(t.sc.toil):
        t.known("toil", i, bal.employee_id)
        if bal.employee_id in seen:
            raise ScenarioError(
                "toil",
                i,
                "employee_id",
                f"a second TOIL balance for {bal.employee_id}; give one row a person",
            )
        seen.add(bal.employee_id)


def _flexi(t: Tables) -> None:
    rule = t.svc.flexi
    seen: set[str] = set()
    for i, bal in enumerate(t.sc.flexi):
        t.known("flexi", i, bal.employee_id)
        if rule is None:
            raise ScenarioError(
                "flexi", i, "employee_id", "a flexi balance needs a flexi team: add flexi: to service.yaml"
            )
        if bal.employee_id in seen:
            raise ScenarioError(
                "flexi",
                i,
                "employee_id",
                f"a second flexi balance for {bal.employee_id}; give one row a person",
            )
        seen.add(bal.employee_id)
        if not -rule.max_debit_minutes <= bal.minutes <= rule.max_credit_minutes:
            raise ScenarioError(
                "flexi",
                i,
                "minutes",
                f"{bal.minutes} is outside the flexi bounds: from -{rule.max_debit_minutes} (debit) "
                f"to {rule.max_credit_minutes} (credit)",
            )
    if rule is not None:
        for i, _bal in enumerate(t.sc.banked):
            raise ScenarioError(
                "banked", i, "employee_id", "a flexi team keeps its balances in flexi.csv, not banked.csv"
            )
    else:
        for i, lv in enumerate(t.sc.leave):
            if lv.type == "flexi":
                raise ScenarioError(
                    "leave", i, "type", "flexi leave is for a flexi team: add flexi: to service.yaml"
                )


def _compressed(t: Tables) -> None:
    sc = t.sc
    for i, cp in enumerate(sc.compressed):
        emp = t.known("compressed", i, cp.employee_id)
        if emp.pattern != "fixed":
            raise ScenarioError(
                "compressed",
                i,
                "employee_id",
                f"{emp.id} is self-rostered (pattern=self); compressed hours are pattern=fixed",
            )
        if any(f.employee_id == emp.id for f in sc.fixed_shifts) or cp.employee_id in {
            c.employee_id for c in sc.compressed[:i]
        }:
            raise ScenarioError(
                "compressed", i, "employee_id", f"{emp.id} already has a timetable (fixed_shifts, compressed)"
            )
        _on_grid(
            t,
            "compressed",
            i,
            (("start", cp.start), ("end", cp.end), ("break_start", cp.break_start)),
            "not on the {g}-minute grid",
        )
        _break_inside("compressed", i, cp.start, cp.end, cp.break_start, t.svc.breaks.break_minutes)


def _banked(t: Tables) -> None:
    svc = t.svc
    accrual = svc.accrual
    seen: set[tuple[str, dt.date]] = set()
    for i, bal in enumerate(t.sc.banked):
        emp = t.known("banked", i, bal.employee_id)
        if svc.start_date < bal.period_start:
            raise ScenarioError(
                "banked",
                i,
                "period_start",
                f"{bal.period_start} is after the roster starts on {svc.start_date}: time banked in a "
                "period that starts inside the roster is what the roster itself decides",
            )
        if bal.period_start == svc.start_date and bal.minutes > 0:
            raise ScenarioError(
                "banked",
                i,
                "period_start",
                f"the period from {bal.period_start} starts with this roster, so nothing can have been "
                "banked in it yet; give the balance of the period it was banked in (an earlier "
                "period_start), or 0",
            )
        if (bal.employee_id, bal.period_start) in seen:
            raise ScenarioError(
                "banked",
                i,
                "period_start",
                f"a second balance for {bal.employee_id} in the period from {bal.period_start}; give one row",
            )
        seen.add((bal.employee_id, bal.period_start))
        cap = round(accrual.period_cap_minutes * emp.weekly_minutes / accrual.standard_week_minutes)
        if bal.minutes > cap:
            raise ScenarioError(
                "banked",
                i,
                "minutes",
                f"{bal.minutes} minutes is above {bal.employee_id}'s cap of {cap} minutes a period "
                f"({accrual.period_cap_minutes} x {emp.hours_per_week:g} h / "
                f"{accrual.standard_week_minutes / 60:g} h, pro rata)",
            )
        if (bal.period_start - accrual.anchor).days % (7 * accrual.period_weeks):
            raise ScenarioError(
                "banked",
                i,
                "period_start",
                f"{bal.period_start} is not the start of an accounting period "
                f"({accrual.period_weeks}-week periods from {accrual.anchor})",
            )


def _fairness_people(t: Tables) -> None:
    for i, rec in enumerate(t.sc.fairness):
        t.known("fairness", i, rec.employee_id)


def _history(t: Tables) -> None:
    start = t.svc.start_date
    seen: set[tuple[str, dt.date]] = set()
    for i, h in enumerate(t.sc.history):
        t.known("history", i, h.employee_id)
        if h.date >= start:
            raise ScenarioError("history", i, "date", f"{h.date} is not before the roster starts on {start}")
        if (h.employee_id, h.date) in seen:
            raise ScenarioError("history", i, "date", f"a second history row for {h.employee_id} on {h.date}")
        seen.add((h.employee_id, h.date))
        if h.absence in EXCLUDED_ABSENCES and h.hours > 0:
            raise ScenarioError(
                "history",
                i,
                "hours",
                f"{h.hours:g} hours worked on a day marked {h.absence}: it would count both as worked "
                "and as an excluded day of the 48-hour average; give hours 0, or no absence",
            )
        if h.shift_end is not None:
            start_of_day = dt.datetime.combine(h.date, dt.time())
            if not start_of_day < h.shift_end <= start_of_day + dt.timedelta(days=2):
                raise ScenarioError(
                    "history",
                    i,
                    "shift_end",
                    f"{h.shift_end.isoformat(timespec='minutes')} is not within the shift's date "
                    f"{h.date} or the next",
                )


def _opt_outs(t: Tables) -> None:
    last = t.svc.days[-1]
    for i, o in enumerate(t.sc.opt_outs):
        t.known("opt_outs", i, o.employee_id)
        if o.signed > last:
            raise ScenarioError(
                "opt_outs",
                i,
                "signed",
                f"{o.signed} is after the roster ends on {last}: an opt-out not yet signed has "
                "no effect on this roster; check the date, or add it to the roster it is signed in",
            )
        if o.cancelled is not None and o.cancelled < o.signed:
            raise ScenarioError("opt_outs", i, "cancelled", f"{o.cancelled} is before the opt-out was signed")


def _job_shares(t: Tables) -> None:
    sharing: set[str] = set()
    for i, js in enumerate(t.sc.job_shares):
        if js.first == js.second:
            raise ScenarioError("job_shares", i, "second", "a job share needs two different people")
        for field in ("first", "second"):
            pid = getattr(js, field)
            if pid not in t.ids:
                raise ScenarioError("job_shares", i, field, f"unknown employee {pid!r}")
            if t.ids[pid].hours_per_week < MIN_JOB_SHARE_HOURS:
                raise ScenarioError(
                    "job_shares",
                    i,
                    field,
                    f"{pid} works {t.ids[pid].hours_per_week:g} h a week; a job-share partner works at least "
                    f"{MIN_JOB_SHARE_HOURS} h",
                )
            if pid in sharing:
                raise ScenarioError("job_shares", i, field, f"{pid} is already in a job share")
            sharing.add(pid)


def _fairness_once(t: Tables) -> None:
    seen: set[str] = set()
    for rec in t.sc.fairness:
        if rec.employee_id in seen:
            raise ScenarioError("fairness", None, "employee_id", f"{rec.employee_id} appears twice")
        seen.add(rec.employee_id)


def _shift_cover(t: Tables) -> None:
    seen: set[tuple[str, str, str | None]] = set()
    for i, cov in enumerate(t.sc.shift_cover):
        t.known_type("shift_cover", i, "shift_type", cov.shift_type)
        t.known_skill("shift_cover", i, cov.skill)
        if cov.date is not None:
            t.in_period("shift_cover", i, "day", cov.date)
        key = (cov.day, cov.shift_type, cov.skill)
        if key in seen:
            raise ScenarioError(
                "shift_cover",
                i,
                "day",
                f"a second line for {cov.shift_type} {cov.skill or 'anyone'} on {cov.day}",
            )
        seen.add(key)


def _shift_limits(t: Tables) -> None:
    seen: set[str] = set()
    for i, lim in enumerate(t.sc.shift_limits):
        t.self_rostered("shift_limits", i, t.known("shift_limits", i, lim.employee_id), "shift limits")
        if lim.employee_id in seen:
            raise ScenarioError("shift_limits", i, "employee_id", f"a second row for {lim.employee_id}")
        seen.add(lim.employee_id)
        for type_id in lim.max_shifts:
            t.known_type("shift_limits", i, "max_shifts", type_id)


def _days_off(t: Tables) -> None:
    seen: set[tuple[str, dt.date]] = set()
    fixed = {(f.employee_id, f.date) for f in t.sc.timetable()}
    for i, off in enumerate(t.sc.days_off):
        t.known("days_off", i, off.employee_id)
        t.in_period("days_off", i, "date", off.date)
        if (off.employee_id, off.date) in seen:
            raise ScenarioError("days_off", i, "date", f"{off.employee_id} on {off.date} is listed twice")
        seen.add((off.employee_id, off.date))
        if (off.employee_id, off.date) in fixed:
            raise ScenarioError("days_off", i, "date", f"{off.employee_id} has a fixed shift on {off.date}")


def _shift_requests(t: Tables) -> None:
    for i, req in enumerate(t.sc.shift_requests):
        emp = t.known("shift_requests", i, req.employee_id)
        t.in_period("shift_requests", i, "date", req.date)
        if req.shift_type is not None:
            t.known_type("shift_requests", i, "shift_type", req.shift_type)
        t.self_rostered("shift_requests", i, emp, "requests")


Check = Callable[[Tables], None]

CHECKS: tuple[tuple[str, Check], ...] = (
    ("employees", _employee_ids),
    ("employees", _employee_facts),
    ("staffing", _staffing),
    ("staffing", _staffing_overlaps),
    ("employees", _contracts),
    ("leave", _leave),
    ("preferences", _preferences),
    ("wishes", _wishes),
    ("fixed_shifts", _fixed_shifts),
    ("compressed", _compressed),
    ("banked", _banked),
    ("fairness", _fairness_people),
    ("history", _history),
    ("opt_outs", _opt_outs),
    ("job_shares", _job_shares),
    ("fairness", _fairness_once),
    ("shift_cover", _shift_cover),
    ("shift_limits", _shift_limits),
    ("days_off", _days_off),
    ("shift_requests", _shift_requests),
    ("extra_shifts", _extra_shifts),
    ("toil", _toil),
    ("flexi", _flexi),
)
"""(the table checked, the check), in the order they run: the first problem found is the one
reported, so the team's own tables come before the rows that refer to them."""


def check_scenario(sc: Scenario) -> None:
    """Cross-table checks (:data:`CHECKS`); raises :class:`ScenarioError` naming table, row and field."""
    tables = Tables.of(sc)
    for _table, check in CHECKS:
        check(tables)
