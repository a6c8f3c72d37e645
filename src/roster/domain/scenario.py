"""A scenario: the service, its team and everything they asked for."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable

from pydantic import Field, field_validator, model_validator

from roster.domain.base import Clock, Frozen
from roster.domain.demand import StaffingLevel
from roster.domain.employee import MIN_JOB_SHARE_HOURS, BankedBalance, Employee, FairnessRecord, JobShare
from roster.domain.leave import Leave
from roster.domain.notices import Notice
from roster.domain.params import Weights
from roster.domain.preferences import DayPreference, StandingWish
from roster.domain.service import SafetyRules, Service
from roster.domain.shift_types import DayOff, ShiftCover, ShiftLimits, ShiftRequest
from roster.domain.working_time import EXCLUDED_ABSENCES, HistoryDay, OptOut, is_young
from roster.timegrid import WEEKDAYS, format_clock, weekday_name


class FixedShift(Frozen):
    """A shift of a fixed-pattern person (compressed or staggered hours), placed as given."""

    employee_id: str
    date: dt.date
    start: Clock
    end: Clock
    break_start: Clock | None = None


MIN_COMPRESSED_DAYS = 4
"""Compressed hours are never worked over fewer than 4 days a week (POLICY.md section 6)."""


class CompressedPattern(Frozen):
    """Compressed hours with a fixed or rolling day off (``compressed.csv``; FIXED_PATTERN).

    Each week the person works ``start``-``end`` (break from ``break_start``) on
    every weekday of ``days`` but one: ``day_off`` in the roster's first week
    and, when ``rolling``, the next weekday of ``days`` in each later week
    (Monday, Tuesday, ... then round again). So 37 h over 4 days is
    ``days: mon;tue;wed;thu;fri``, 9 h 45 with a 30-minute break. The
    timetable is placed as given and counts toward cover; closed dates, leave
    and school holidays are not owed.
    """

    employee_id: str
    start: Clock
    end: Clock
    break_start: Clock | None = None
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    day_off: str
    rolling: bool = False

    @field_validator("days", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(d.strip().lower() for d in value.replace(",", ";").split(";") if d.strip())
        return value

    @model_validator(mode="after")
    def _valid(self) -> CompressedPattern:
        for day in (*self.days, self.day_off):
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use one of {', '.join(WEEKDAYS)}")
        if self.day_off not in self.days:
            raise ValueError(f"day_off {self.day_off} is not one of the pattern's days {';'.join(self.days)}")
        if len(set(self.days)) - 1 < MIN_COMPRESSED_DAYS:
            raise ValueError(
                f"compressed hours are worked over at least {MIN_COMPRESSED_DAYS} days a week; "
                f"{';'.join(self.days)} less a day off leaves {len(set(self.days)) - 1}"
            )
        if self.end <= self.start:
            raise ValueError("the shift's end is not after its start")
        return self

    def off_in_week(self, week: int) -> str:
        """The weekday off in roster week ``week`` (0 = the first)."""
        k = self.days.index(self.day_off) + (week if self.rolling else 0)
        return self.days[k % len(self.days)]


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


class Scenario(Frozen):
    service: Service
    employees: tuple[Employee, ...]
    staffing: tuple[StaffingLevel, ...] = ()
    leave: tuple[Leave, ...] = ()
    preferences: tuple[DayPreference, ...] = ()
    wishes: tuple[StandingWish, ...] = ()
    fixed_shifts: tuple[FixedShift, ...] = ()
    compressed: tuple[CompressedPattern, ...] = ()
    banked: tuple[BankedBalance, ...] = ()
    fairness: tuple[FairnessRecord, ...] = ()
    history: tuple[HistoryDay, ...] = ()
    opt_outs: tuple[OptOut, ...] = ()
    job_shares: tuple[JobShare, ...] = ()
    shift_cover: tuple[ShiftCover, ...] = ()
    shift_limits: tuple[ShiftLimits, ...] = ()
    days_off: tuple[DayOff, ...] = ()
    shift_requests: tuple[ShiftRequest, ...] = ()
    weights: Weights = Field(default_factory=Weights)
    notices: tuple[Notice, ...] = Field(default=(), exclude=True)
    """What the loader read differently from how it was typed (not part of the content)."""

    def __eq__(self, other: object) -> bool:
        """Equal content: the loader's notices about how it was typed do not count."""
        if not isinstance(other, Scenario):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in type(self).model_fields if f != "notices")

    @model_validator(mode="after")
    def _cross_check(self) -> Scenario:
        check_scenario(self)
        return self

    # -- lookups -----------------------------------------------------------------
    def employee(self, employee_id: str) -> Employee:
        for emp in self.employees:
            if emp.id == employee_id:
                return emp
        raise KeyError(employee_id)

    def worked_days_before(self, employee_id: str) -> int:
        """Working dates in a row just before the roster's first date, from history (hours > 0)."""
        worked = {h.date for h in self.history if h.employee_id == employee_id and h.hours > 0}
        day = self.service.start_date - dt.timedelta(days=1)
        n = 0
        while day in worked:
            n += 1
            day -= dt.timedelta(days=1)
        return n

    @property
    def skills(self) -> tuple[str, ...]:
        return tuple(sorted({s for e in self.employees for s in e.skills}))

    def content_hash(self) -> str:
        """SHA-256 of the scenario's canonical JSON: the roster's provenance."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()

    def last_shift_end(self, employee_id: str) -> dt.datetime | None:
        """When the person's last shift before the roster ended (history), if known."""
        ends = [h.shift_end for h in self.history if h.employee_id == employee_id and h.shift_end]
        return max(ends, default=None)

    def opted_out(self, employee_id: str, day: dt.date) -> bool:
        """An adult's opt-out of the 48-hour average is in force on ``day`` (never under 18)."""
        emp = self.employee(employee_id)
        if is_young(emp.date_of_birth, day):
            return False
        valid = self.service.working_time.opt_out_valid_days
        return any(o.employee_id == employee_id and o.in_force(day, valid) for o in self.opt_outs)

    def for_person(self, employee_id: str) -> Scenario:
        """This scenario with person ``employee_id`` alone: their rows of every table,
        no cover and no team-wide safety rules (a person's own rules, checked alone)."""
        update: dict[str, object] = {
            "employees": tuple(e for e in self.employees if e.id == employee_id),
            "staffing": (),
            "shift_cover": (),
            "job_shares": (),
            "service": self.service.model_copy(update={"safety": SafetyRules()}),
        }
        for name in ("leave", "preferences", "wishes", "fixed_shifts", "compressed", "banked", "fairness",
                     "history", "opt_outs", "shift_limits", "days_off", "shift_requests"):
            update[name] = tuple(r for r in getattr(self, name) if r.employee_id == employee_id)
        return self.model_copy(update=update)

    def timetable(self) -> tuple[FixedShift, ...]:
        """Every fixed shift: ``fixed_shifts`` rows and the weeks of each compressed pattern.

        A compressed pattern's date is left out when the service is closed, the
        person is on whole-day leave or (term-time only) it is a school holiday.
        """
        out = list(self.fixed_shifts)
        svc = self.service
        for cp in self.compressed:
            emp = self.employee(cp.employee_id)
            for day in svc.days:
                wd = weekday_name(day)
                if wd not in cp.days or wd == cp.off_in_week((day - svc.start_date).days // 7):
                    continue
                on_leave = any(
                    lv.employee_id == emp.id and lv.whole_day and lv.start_date <= day <= lv.end_date
                    for lv in self.leave
                )
                if svc.is_closed(day) or on_leave or (emp.term_time_only and svc.is_school_holiday(day)):
                    continue
                shift = FixedShift(
                    employee_id=emp.id, date=day, start=cp.start, end=cp.end, break_start=cp.break_start
                )
                out.append(shift)
        return tuple(out)

    def limits(self, employee_id: str) -> ShiftLimits | None:
        for lim in self.shift_limits:
            if lim.employee_id == employee_id:
                return lim
        return None

    def is_day_off(self, employee_id: str, day: dt.date) -> bool:
        return any(o.employee_id == employee_id and o.date == day for o in self.days_off)

    def gave_way(self, employee_id: str) -> int:
        for rec in self.fairness:
            if rec.employee_id == employee_id:
                return rec.gave_way
        return 0


def _dupes(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        if v in seen:
            out.append(v)
        seen.add(v)
    return out


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
        return "date", (f"nobody works on {day}{why}: the service has no working hours that day; "
                        "give off or any")
    if pref.start < band.start:
        return "start", (f"{format_clock(pref.start)} is before the earliest start on {day} "
                         f"({format_clock(band.start)}; bandwidth {band})")
    if pref.end > band.end:
        return "end", (f"{format_clock(pref.end)} is after the latest finish on {day} "
                       f"({format_clock(band.end)}; bandwidth {band})")
    length = pref.end - pref.start
    lo = emp.min_shift_minutes or svc.shift_length.min_minutes
    hi = emp.max_shift_minutes or svc.shift_length.max_minutes
    if length < lo:
        return "end", f"a shift of {_hm(length)} is shorter than the shortest shift of {_hm(lo)}"
    if length > hi:
        return "end", f"a shift of {_hm(length)} is longer than the longest shift of {_hm(hi)}"
    if svc.shift_types and svc.type_of(pref.start, pref.end) is None:
        types = ", ".join(t.label for t in svc.shift_types)
        return "start", (f"{format_clock(pref.start)}-{format_clock(pref.end)} is not one of the service's "
                         f"shift types ({types})")
    return None


def check_scenario(sc: Scenario) -> None:
    """Cross-table checks; raises :class:`ScenarioError` naming table, row and field."""
    ids: dict[str, Employee] = {}
    for i, emp in enumerate(sc.employees):
        if emp.id in ids:
            raise ScenarioError("employees", i, "id", f"employee id {emp.id!r} appears twice")
        ids[emp.id] = emp
    days = set(sc.service.days)
    skills = {s for e in sc.employees for s in e.skills}
    svc = sc.service

    def known(table: str, i: int, employee_id: str) -> Employee:
        if employee_id not in ids:
            raise ScenarioError(table, i, "employee_id", f"unknown employee {employee_id!r}")
        return ids[employee_id]

    def in_period(table: str, i: int, field: str, day: dt.date) -> None:
        if day not in days:
            raise ScenarioError(
                table,
                i,
                field,
                f"{day} is outside the roster period {svc.days[0]} to {svc.days[-1]}",
            )

    safety = svc.safety
    for i, emp in enumerate(sc.employees):
        if emp.date_of_birth is not None and emp.date_of_birth >= svc.start_date:
            raise ScenarioError(
                "employees", i, "date_of_birth",
                f"{emp.date_of_birth} is not before the roster starts on {svc.start_date}",
            )
        for skill in emp.skills:
            for role, declared in (("trainee_skill", safety.trainee_skill), ("supervisor_skill",
                                                                            safety.supervisor_skill)):
                if skill != declared and skill.lower() == declared.lower():
                    raise ScenarioError(
                        "employees", i, "skills",
                        f"skill {skill!r} differs from the service's {role} {declared!r} only in case; "
                        f"write {declared!r} (or SUPERVISION would not see it)",
                    )
    for i, lvl in enumerate(sc.staffing):
        if lvl.skill is not None and lvl.skill not in skills:
            raise ScenarioError(
                "staffing",
                i,
                "skill",
                f"unknown skill {lvl.skill!r}; the team's skills are {', '.join(sorted(skills))}",
            )
        if lvl.date is not None:
            in_period("staffing", i, "day", lvl.date)
        for edge, clock in (("start", lvl.start), ("end", lvl.end)):
            if clock % svc.slot_minutes:
                raise ScenarioError(
                    "staffing", i, edge,
                    f"{format_clock(clock)} is not on the service's {svc.slot_minutes}-minute grid "
                    "(slot_minutes); cover is counted per slot, so a level starts and ends on one",
                )
    _check_staffing_overlaps(sc)

    for i, emp in enumerate(sc.employees):
        lo = emp.min_shift_minutes or svc.shift_length.min_minutes
        hi = emp.max_shift_minutes or svc.shift_length.max_minutes
        for field, value in (("min_shift_minutes", lo), ("max_shift_minutes", hi)):
            if value % svc.slot_minutes:
                raise ScenarioError(
                    "employees",
                    i,
                    field,
                    f"{value} minutes is not on the {svc.slot_minutes}-minute grid",
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
            raise ScenarioError(
                "employees", i, "max_shift_minutes", f"max shift {hi} is below min shift {lo}"
            )
        if emp.week_hours and len(emp.week_hours) != svc.weeks:
            raise ScenarioError(
                "employees", i, "week_hours",
                f"gives {len(emp.week_hours)} week(s) of hours; the roster period has {svc.weeks}: "
                "give one figure per week separated by ';', or leave it empty for hours_per_week every week",
            )
        if emp.week_hours and (emp.relief or emp.pattern == "fixed"):
            raise ScenarioError(
                "employees", i, "week_hours",
                f"{emp.id} is {'relief staff (hours_per_week 0)' if emp.relief else 'on a fixed pattern'}: "
                "week by week contracted hours apply to self-rostered contracts only; leave it empty",
            )

    by_person: dict[str, list[tuple[int, Leave]]] = {}
    for i, lv in enumerate(sc.leave):
        known("leave", i, lv.employee_id)
        in_period("leave", i, "start_date", lv.start_date)
        in_period("leave", i, "end_date", lv.end_date)
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

    seen_pref: set[tuple[str, dt.date]] = set()
    for i, pref in enumerate(sc.preferences):
        emp = known("preferences", i, pref.employee_id)
        in_period("preferences", i, "date", pref.date)
        if emp.pattern == "fixed":
            raise ScenarioError(
                "preferences",
                i,
                "employee_id",
                f"{emp.id} works a fixed pattern; preferences apply to self-rostered staff only",
            )
        if pref.kind == "shift":
            problem = wished_shift_problem(svc, emp, pref)
            if problem is not None:
                raise ScenarioError("preferences", i, problem[0], problem[1])
        key = (pref.employee_id, pref.date)
        if key in seen_pref:
            raise ScenarioError(
                "preferences",
                i,
                "date",
                f"a second preference for {pref.employee_id} on {pref.date}",
            )
        seen_pref.add(key)
    for i, wish in enumerate(sc.wishes):
        known("wishes", i, wish.employee_id)

    fixed_days: set[tuple[str, dt.date]] = set()
    for i, fs in enumerate(sc.fixed_shifts):
        emp = known("fixed_shifts", i, fs.employee_id)
        in_period("fixed_shifts", i, "date", fs.date)
        if emp.pattern != "fixed":
            raise ScenarioError(
                "fixed_shifts",
                i,
                "employee_id",
                f"{emp.id} is self-rostered (pattern=self); only pattern=fixed staff have fixed shifts",
            )
        if (fs.employee_id, fs.date) in fixed_days:
            raise ScenarioError("fixed_shifts", i, "date", f"two fixed shifts for {emp.id} on {fs.date}")
        fixed_days.add((fs.employee_id, fs.date))
        if fs.end <= fs.start:
            raise ScenarioError("fixed_shifts", i, "end", "shift end is not after its start")
        for field, moment in (("start", fs.start), ("end", fs.end), ("break_start", fs.break_start)):
            if moment is not None and moment % svc.slot_minutes:
                raise ScenarioError(
                    "fixed_shifts",
                    i,
                    field,
                    f"time is not on the {svc.slot_minutes}-minute grid",
                )
        _check_break_inside("fixed_shifts", i, fs.start, fs.end, fs.break_start, svc.breaks.break_minutes)
    for i, cp in enumerate(sc.compressed):
        emp = known("compressed", i, cp.employee_id)
        if emp.pattern != "fixed":
            raise ScenarioError(
                "compressed", i, "employee_id",
                f"{emp.id} is self-rostered (pattern=self); compressed hours are pattern=fixed",
            )
        if any(f.employee_id == emp.id for f in sc.fixed_shifts) or cp.employee_id in {
            c.employee_id for c in sc.compressed[:i]
        }:
            raise ScenarioError(
                "compressed", i, "employee_id", f"{emp.id} already has a timetable (fixed_shifts, compressed)"
            )
        for field, moment in (("start", cp.start), ("end", cp.end), ("break_start", cp.break_start)):
            if moment is not None and moment % svc.slot_minutes:
                raise ScenarioError("compressed", i, field, f"not on the {svc.slot_minutes}-minute grid")
        _check_break_inside("compressed", i, cp.start, cp.end, cp.break_start, svc.breaks.break_minutes)
    seen_banked: set[tuple[str, dt.date]] = set()
    for i, bal in enumerate(sc.banked):
        emp = known("banked", i, bal.employee_id)
        if svc.start_date < bal.period_start:
            raise ScenarioError(
                "banked", i, "period_start",
                f"{bal.period_start} is after the roster starts on {svc.start_date}: time banked in a "
                "period that starts inside the roster is what the roster itself decides",
            )
        if bal.period_start == svc.start_date and bal.minutes > 0:
            raise ScenarioError(
                "banked", i, "period_start",
                f"the period from {bal.period_start} starts with this roster, so nothing can have been "
                "banked in it yet; give the balance of the period it was banked in (an earlier "
                "period_start), or 0",
            )
        if (bal.employee_id, bal.period_start) in seen_banked:
            raise ScenarioError(
                "banked", i, "period_start",
                f"a second balance for {bal.employee_id} in the period from {bal.period_start}; give one row",
            )
        seen_banked.add((bal.employee_id, bal.period_start))
        cap = round(svc.accrual.period_cap_minutes * emp.weekly_minutes / svc.accrual.standard_week_minutes)
        if bal.minutes > cap:
            raise ScenarioError(
                "banked", i, "minutes",
                f"{bal.minutes} minutes is above {bal.employee_id}'s cap of {cap} minutes a period "
                f"({svc.accrual.period_cap_minutes} x {emp.hours_per_week:g} h / "
                f"{svc.accrual.standard_week_minutes / 60:g} h, pro rata)",
            )
        if (bal.period_start - svc.accrual.anchor).days % (7 * svc.accrual.period_weeks):
            raise ScenarioError(
                "banked",
                i,
                "period_start",
                f"{bal.period_start} is not the start of an accounting period "
                f"({svc.accrual.period_weeks}-week periods from {svc.accrual.anchor})",
            )
    for i, rec in enumerate(sc.fairness):
        known("fairness", i, rec.employee_id)
    seen_history: set[tuple[str, dt.date]] = set()
    for i, h in enumerate(sc.history):
        known("history", i, h.employee_id)
        if h.date >= svc.start_date:
            raise ScenarioError(
                "history", i, "date", f"{h.date} is not before the roster starts on {svc.start_date}"
            )
        if (h.employee_id, h.date) in seen_history:
            raise ScenarioError("history", i, "date", f"a second history row for {h.employee_id} on {h.date}")
        seen_history.add((h.employee_id, h.date))
        if h.absence in EXCLUDED_ABSENCES and h.hours > 0:
            raise ScenarioError(
                "history", i, "hours",
                f"{h.hours:g} hours worked on a day marked {h.absence}: it would count both as worked "
                "and as an excluded day of the 48-hour average; give hours 0, or no absence",
            )
        if h.shift_end is not None:
            start_of_day = dt.datetime.combine(h.date, dt.time())
            if not start_of_day < h.shift_end <= start_of_day + dt.timedelta(days=2):
                raise ScenarioError(
                    "history", i, "shift_end",
                    f"{h.shift_end.isoformat(timespec='minutes')} is not within the shift's date "
                    f"{h.date} or the next",
                )
    for i, o in enumerate(sc.opt_outs):
        known("opt_outs", i, o.employee_id)
        if o.signed > svc.days[-1]:
            raise ScenarioError(
                "opt_outs", i, "signed",
                f"{o.signed} is after the roster ends on {svc.days[-1]}: an opt-out not yet signed has "
                "no effect on this roster; check the date, or add it to the roster it is signed in",
            )
        if o.cancelled is not None and o.cancelled < o.signed:
            raise ScenarioError("opt_outs", i, "cancelled", f"{o.cancelled} is before the opt-out was signed")
    sharing: set[str] = set()
    for i, js in enumerate(sc.job_shares):
        if js.first == js.second:
            raise ScenarioError("job_shares", i, "second", "a job share needs two different people")
        for field in ("first", "second"):
            pid = getattr(js, field)
            if pid not in ids:
                raise ScenarioError("job_shares", i, field, f"unknown employee {pid!r}")
            if ids[pid].hours_per_week < MIN_JOB_SHARE_HOURS:
                raise ScenarioError(
                    "job_shares", i, field,
                    f"{pid} works {ids[pid].hours_per_week:g} h a week; a job-share partner works at least "
                    f"{MIN_JOB_SHARE_HOURS} h",
                )
            if pid in sharing:
                raise ScenarioError("job_shares", i, field, f"{pid} is already in a job share")
            sharing.add(pid)
    dup = _dupes(r.employee_id for r in sc.fairness)
    if dup:
        raise ScenarioError("fairness", None, "employee_id", f"{dup[0]} appears twice")
    _check_shift_tables(sc, known, in_period)


def _check_shift_tables(
    sc: Scenario,
    known: Callable[[str, int, str], Employee],
    in_period: Callable[[str, int, str, dt.date], None],
) -> None:
    """shift_cover, shift_limits, days_off and shift_requests against the service and team."""
    svc = sc.service
    types = [t.id for t in svc.shift_types]
    skills = {s for e in sc.employees for s in e.skills}

    def known_type(table: str, i: int, field: str, type_id: str) -> None:
        if type_id not in types:
            allowed = ", ".join(types) if types else "none: service.yaml defines no shift_types"
            raise ScenarioError(table, i, field, f"unknown shift type {type_id!r}; allowed: {allowed}")

    seen_cover: set[tuple[str, str, str | None]] = set()
    for i, cov in enumerate(sc.shift_cover):
        known_type("shift_cover", i, "shift_type", cov.shift_type)
        if cov.skill is not None and cov.skill not in skills:
            raise ScenarioError(
                "shift_cover", i, "skill",
                f"unknown skill {cov.skill!r}; the team's skills are {', '.join(sorted(skills))}",
            )
        if cov.date is not None:
            in_period("shift_cover", i, "day", cov.date)
        key = (cov.day, cov.shift_type, cov.skill)
        if key in seen_cover:
            raise ScenarioError(
                "shift_cover", i, "day",
                f"a second line for {cov.shift_type} {cov.skill or 'anyone'} on {cov.day}",
            )
        seen_cover.add(key)
    seen_limits: set[str] = set()
    for i, lim in enumerate(sc.shift_limits):
        if known("shift_limits", i, lim.employee_id).pattern == "fixed":
            raise ScenarioError(
                "shift_limits", i, "employee_id",
                f"{lim.employee_id} works a fixed pattern; shift limits apply to self-rostered staff only",
            )
        if lim.employee_id in seen_limits:
            raise ScenarioError("shift_limits", i, "employee_id", f"a second row for {lim.employee_id}")
        seen_limits.add(lim.employee_id)
        for type_id in lim.max_shifts:
            known_type("shift_limits", i, "max_shifts", type_id)
    seen_off: set[tuple[str, dt.date]] = set()
    fixed = {(f.employee_id, f.date) for f in sc.timetable()}
    for i, off in enumerate(sc.days_off):
        known("days_off", i, off.employee_id)
        in_period("days_off", i, "date", off.date)
        if (off.employee_id, off.date) in seen_off:
            raise ScenarioError("days_off", i, "date", f"{off.employee_id} on {off.date} is listed twice")
        seen_off.add((off.employee_id, off.date))
        if (off.employee_id, off.date) in fixed:
            raise ScenarioError(
                "days_off", i, "date", f"{off.employee_id} has a fixed shift on {off.date}"
            )
    for i, req in enumerate(sc.shift_requests):
        emp = known("shift_requests", i, req.employee_id)
        in_period("shift_requests", i, "date", req.date)
        if req.shift_type is not None:
            known_type("shift_requests", i, "shift_type", req.shift_type)
        if emp.pattern == "fixed":
            raise ScenarioError(
                "shift_requests", i, "employee_id",
                f"{emp.id} works a fixed pattern; requests apply to self-rostered staff only",
            )


def _check_break_inside(
    table: str, i: int, start: int, end: int, break_start: int | None, minutes: int
) -> None:
    """A timetabled break lies inside its shift: one outside would be paid work on paper only."""
    if break_start is not None and not start < break_start <= end - minutes:
        raise ScenarioError(
            table, i, "break_start",
            f"the break {format_clock(break_start)}-{format_clock(break_start + minutes)} is not inside "
            f"the shift {format_clock(start)}-{format_clock(end)}",
        )


def _leave_overlaps(a: Leave, b: Leave) -> bool:
    if a.end_date < b.start_date or b.end_date < a.start_date:
        return False
    if a.whole_day or b.whole_day:
        return True
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return a.start < b.end and b.start < a.end


def _check_staffing_overlaps(sc: Scenario) -> None:
    seen: dict[tuple[str, str | None], list[tuple[int, StaffingLevel]]] = {}
    for i, lvl in enumerate(sc.staffing):
        key = (lvl.day, lvl.skill)
        for j, other in seen.get(key, []):
            if lvl.start < other.end and other.start < lvl.end:
                raise ScenarioError(
                    "staffing",
                    i,
                    "start",
                    f"{lvl.day} {lvl.skill or 'team'} level overlaps the level on row {j + 2}",
                )
        seen.setdefault(key, []).append((i, lvl))
