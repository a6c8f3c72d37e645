"""A scenario: the service, its team and everything they asked for."""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import Field, field_validator, model_validator

from roster.domain.base import Clock, Frozen
from roster.domain.demand import StaffingLevel
from roster.domain.employee import BankedBalance, Employee, FairnessRecord, JobShare
from roster.domain.flexi import FlexiBalance
from roster.domain.leave import Leave
from roster.domain.notices import Notice
from roster.domain.params import Weights
from roster.domain.preferences import DayPreference, StandingWish
from roster.domain.scenario_checks import ScenarioError as ScenarioError
from roster.domain.scenario_checks import check_scenario as check_scenario
from roster.domain.scenario_checks import wished_shift_problem as wished_shift_problem
from roster.domain.service import SafetyRules, Service
from roster.domain.shift_types import DayOff, ShiftCover, ShiftLimits, ShiftRequest
from roster.domain.toil import ExtraShift, ToilBalance
from roster.domain.working_time import HistoryDay, OptOut, is_young
from roster.timegrid import WEEKDAYS, weekday_name


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


PERSON_TABLES: tuple[str, ...] = (
    "leave",
    "preferences",
    "wishes",
    "fixed_shifts",
    "compressed",
    "banked",
    "fairness",
    "history",
    "opt_outs",
    "shift_limits",
    "days_off",
    "shift_requests",
    "extra_shifts",
    "toil",
    "flexi",
)
"""The scenario's tables whose rows each belong to one person (``employee_id``): a person left
out of a scenario takes their rows of each with them."""


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
    extra_shifts: tuple[ExtraShift, ...] = ()
    toil: tuple[ToilBalance, ...] = ()
    flexi: tuple[FlexiBalance, ...] = ()
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
        for name in PERSON_TABLES:
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
