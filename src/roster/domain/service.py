"""The service: its calendar, opening times, bandwidth and working-day rules."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from roster.domain.base import Clock, Frozen, TimeRange
from roster.domain.flexi import FlexiRule
from roster.domain.shift_types import ShiftType
from roster.domain.toil import ToilRule
from roster.domain.working_time import WorkingTimeRules
from roster.timegrid import WEEKDAYS, roster_days, weekday_name
from roster.timegrid import bank_holidays as calendar_bank_holidays


def _default_opening() -> dict[str, TimeRange | None]:
    # POLICY.md section 2: Mon-Thu 08:30-17:00, Fri 08:30-16:30.
    core = TimeRange(start=510, end=1020)
    return {
        "mon": core,
        "tue": core,
        "wed": core,
        "thu": core,
        "fri": TimeRange(start=510, end=990),
        "sat": None,
        "sun": None,
    }


def _default_bandwidth() -> dict[str, TimeRange | None]:
    # POLICY.md section 2: 07:00-19:00 Mon-Fri.
    band = TimeRange(start=420, end=1140)
    return {d: (band if d in WEEKDAYS[:5] else None) for d in WEEKDAYS}


class DateException(Frozen):
    """A dated change to the usual week: a closure (bank holiday) or other times."""

    date: dt.date
    closed: bool = False
    opening: TimeRange | None = None
    bandwidth: TimeRange | None = None
    reason: str = ""

    @model_validator(mode="after")
    def _closed_has_no_times(self) -> DateException:
        if self.closed and (self.opening is not None or self.bandwidth is not None):
            raise ValueError("a closed day cannot also give opening or bandwidth times")
        return self


class SchoolHoliday(Frozen):
    """School holiday dates, ``start`` to ``end`` inclusive: term-time-only staff do not work them."""

    start: dt.date
    end: dt.date
    name: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> SchoolHoliday:
        if self.end < self.start:
            raise ValueError(f"school holiday {self.name} ends {self.end} before it starts {self.start}")
        return self


class BreakRule(Frozen):
    """Unpaid rest break (BREAKS; POLICY.md section 2).

    A shift longer than ``threshold_minutes`` includes one unpaid break of
    ``break_minutes``. The break lies inside the shift: at least
    ``min_work_before`` minutes after the start and at least ``min_work_after``
    minutes before the end, and no stretch of work either side of it is longer
    than ``max_continuous_work`` minutes (the council reading of "a break once
    a shift exceeds 6 hours": nobody works more than 6 hours without one).
    """

    threshold_minutes: int = Field(360, ge=60)
    break_minutes: int = Field(30, ge=0)
    min_work_before: int = Field(120, ge=0)
    min_work_after: int = Field(60, ge=0)
    max_continuous_work: int = Field(360, ge=60)


class ShiftLength(Frozen):
    """Minimum and maximum length of a rostered shift, break included (SHIFT_LENGTH)."""

    min_minutes: int = Field(240, ge=15)
    max_minutes: int = Field(600, ge=15)

    @model_validator(mode="after")
    def _ordered(self) -> ShiftLength:
        if self.max_minutes < self.min_minutes:
            raise ValueError(f"max_minutes {self.max_minutes} is below min_minutes {self.min_minutes}")
        return self


class AccrualRule(Frozen):
    """Banked (accrued) time inside self-rostering (ACCRUAL; POLICY.md section 3).

    Accounting periods are blocks of ``period_weeks`` weeks counted from
    ``anchor`` (a Monday). In each period a person may bank at most
    ``period_cap_minutes`` x hours/``standard_week_minutes`` (pro rata), and at
    most ``daily_limit_minutes`` for each day worked. Time banked in a period
    may be carried into the next period only, then it lapses.

    Time is taken back only while minimum cover holds (TAKEBACK_COVER), except
    ``takeback_rounding_minutes`` (default: one grid slot less a minute): a
    target off the time grid rounded down is not a choice to work less.
    """

    anchor: dt.date
    period_weeks: int = Field(4, ge=1)
    daily_limit_minutes: int = Field(22, ge=0)
    period_cap_minutes: int = Field(444, ge=0)
    standard_week_minutes: int = Field(2220, ge=60)
    takeback_rounding_minutes: int | None = Field(None, ge=0)


class UnpopularPattern(Frozen):
    """A pattern staff tend to avoid (early start, late finish, Friday afternoon).

    A shift on one of ``weekdays`` counts once toward a person's share of
    unpopular shifts when it starts before ``starts_before`` or ends after
    ``ends_after``. FAIRNESS spreads these shares across the team.
    """

    name: str
    weekdays: tuple[str, ...] = WEEKDAYS
    starts_before: Clock | None = None
    ends_after: Clock | None = None

    @field_validator("weekdays")
    @classmethod
    def _known_days(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for day in value:
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use one of {', '.join(WEEKDAYS)}")
        return value


def _default_unpopular() -> tuple[UnpopularPattern, ...]:
    return (
        UnpopularPattern(name="early start", starts_before=480),
        UnpopularPattern(name="late finish", ends_after=1080),
        UnpopularPattern(name="Friday afternoon", weekdays=("fri",), ends_after=900),
    )


class SafetyRules(Frozen):
    """Health and safety rules a service declares (POLICY.md section 5; ``safety:`` in service.yaml).

    ``supervision``: a person holding ``trainee_skill``, or under 18 on the date,
    is on duty (on shift, not on break) only while someone else holding
    ``supervisor_skill`` is on duty too (SUPERVISION). ``min_on_site``: whenever
    anyone is on shift (a break is still on site), at least this many people
    are (LONE_WORKING; 1 means lone working is allowed).
    """

    supervision: bool = False
    supervisor_skill: str = "supervisor"
    trainee_skill: str = "trainee"
    min_on_site: int = Field(1, ge=1)


class Service(Frozen):
    """A service's calendar and working-day rules (POLICY.md section 2)."""

    name: str
    start_date: dt.date
    weeks: int = Field(3, ge=1, le=52)
    slot_minutes: int = 15
    opening: dict[str, TimeRange | None] = Field(default_factory=_default_opening)
    bandwidth: dict[str, TimeRange | None] = Field(default_factory=_default_bandwidth)
    exceptions: tuple[DateException, ...] = ()
    breaks: BreakRule = BreakRule()
    shift_length: ShiftLength = ShiftLength()
    accrual: AccrualRule
    unpopular: tuple[UnpopularPattern, ...] = Field(default_factory=_default_unpopular)
    working_time: WorkingTimeRules = WorkingTimeRules()
    safety: SafetyRules = SafetyRules()
    toil: ToilRule = ToilRule()
    flexi: FlexiRule | None = None
    """Set: the team works flexi hours rather than self-rostering to the contract exactly."""
    shift_types: tuple[ShiftType, ...] = ()
    """SHIFT_TYPES: when given, a self-rostered person's shift is exactly one of these."""
    school_holidays: tuple[SchoolHoliday, ...] = ()
    """Dates term-time-only staff are not available (and not contracted: credited like leave)."""
    timezone: str = "Europe/London"
    bank_holidays: Literal["england-and-wales", "scotland", "northern-ireland", "none"] = "england-and-wales"
    """Whose bank holidays close the service (weekday dates, from the ``holidays`` package)."""
    open_on_bank_holidays: bool = False
    """True for a service that runs on bank holidays (a 24-hour control room): they are then
    ordinary days. An ``exceptions`` row for a date always wins over the calendar."""

    @field_validator("start_date")
    @classmethod
    def _monday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 0:
            raise ValueError(f"{value} is a {weekday_name(value)}; a roster period starts on a Monday")
        return value

    @field_validator("slot_minutes")
    @classmethod
    def _slot(cls, value: int) -> int:
        if value <= 0 or 60 % value != 0:
            raise ValueError(f"slot_minutes {value} must divide 60 (5, 10, 15, 20, 30 or 60)")
        return value

    @field_validator("opening", "bandwidth", mode="before")
    @classmethod
    def _fill_week(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        unknown = [k for k in value if str(k).lower() not in WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown weekday {unknown[0]!r}; use one of {', '.join(WEEKDAYS)}")
        return {d: value.get(d) for d in WEEKDAYS}

    @model_validator(mode="after")
    def _consistent(self) -> Service:
        for day in WEEKDAYS:
            self._check_inside(day, self.opening.get(day), self.bandwidth.get(day))
        seen: set[dt.date] = set()
        days = set(self.days)
        for exc in self.exceptions:
            if exc.date in seen:
                raise ValueError(f"exceptions: {exc.date} is listed twice")
            seen.add(exc.date)
            if exc.date not in days:
                raise ValueError(f"exceptions: {exc.date} is outside the roster period")
            self._check_inside(str(exc.date), self.opening_on(exc.date), self.bandwidth_on(exc.date))
        for rng in [*self.opening.values(), *self.bandwidth.values()]:
            if rng is not None and (rng.start % self.slot_minutes or rng.end % self.slot_minutes):
                raise ValueError(f"{rng} is not on the {self.slot_minutes}-minute grid")
        sl = self.shift_length
        if sl.min_minutes % self.slot_minutes or sl.max_minutes % self.slot_minutes:
            raise ValueError(f"shift_length is not on the {self.slot_minutes}-minute grid")
        if self.accrual.anchor.weekday() != 0:
            raise ValueError(f"accrual.anchor {self.accrual.anchor} must be a Monday")
        self._check_shift_types()
        return self

    def _check_shift_types(self) -> None:
        ids = [t.id for t in self.shift_types]
        times: dict[tuple[int, int], str] = {}
        sl = self.shift_length
        for t in self.shift_types:
            where = f"shift_types: {t.id}"
            if ids.count(t.id) > 1:
                raise ValueError(f"{where} is defined twice")
            if (t.start, t.end) in times:
                raise ValueError(f"{where} has the same times as {times[(t.start, t.end)]}")
            times[(t.start, t.end)] = t.id
            if t.start % self.slot_minutes or t.end % self.slot_minutes:
                raise ValueError(f"{where} is not on the {self.slot_minutes}-minute grid")
            if not sl.min_minutes <= t.minutes <= sl.max_minutes:
                raise ValueError(
                    f"{where} lasts {t.minutes} minutes, outside shift_length "
                    f"{sl.min_minutes}-{sl.max_minutes}; change the type or shift_length"
                )
            for nxt in t.not_followed_by:
                if nxt not in ids:
                    raise ValueError(f"{where}: not_followed_by names unknown shift type {nxt!r}")

    def is_school_holiday(self, day: dt.date) -> bool:
        return any(h.start <= day <= h.end for h in self.school_holidays)

    def shift_type(self, type_id: str) -> ShiftType:
        for t in self.shift_types:
            if t.id == type_id:
                return t
        raise KeyError(type_id)

    def type_of(self, start: int, end: int) -> ShiftType | None:
        """The shift type with these times (minutes of the shift's date), if any."""
        for t in self.shift_types:
            if t.start == start and t.end == end:
                return t
        return None

    @staticmethod
    def _check_inside(label: str, opening: TimeRange | None, band: TimeRange | None) -> None:
        if opening is None:
            return
        if band is None:
            raise ValueError(f"{label}: open {opening} but no bandwidth; staff could not work")
        if opening.start < band.start or opening.end > band.end:
            raise ValueError(f"{label}: opening times {opening} lie outside bandwidth {band}")

    @property
    def days(self) -> list[dt.date]:
        return roster_days(self.start_date, self.weeks)

    def exception_on(self, day: dt.date) -> DateException | None:
        """The date's exception: an ``exceptions`` row, else a bank holiday the service closes on."""
        for exc in self.exceptions:
            if exc.date == day:
                return exc
        name = self.bank_holiday(day)
        if name is not None and not self.open_on_bank_holidays:
            return DateException(date=day, closed=True, reason=name)
        return None

    def bank_holiday(self, day: dt.date) -> str | None:
        """The name of the bank holiday on ``day`` (weekdays only), or ``None``."""
        return calendar_bank_holidays(self.bank_holidays, day.year).get(day)

    def closed_bank_holidays(self) -> list[tuple[dt.date, str]]:
        """Bank holidays in the roster period on which the service is closed (none given otherwise)."""
        out = []
        for day in self.days:
            exc = self.exception_on(day)
            name = self.bank_holiday(day)
            if name is not None and exc is not None and exc.closed:
                out.append((day, name))
        return out

    @property
    def takeback_rounding(self) -> int:
        """Minutes a person may take back whatever the cover (TAKEBACK_COVER)."""
        given = self.accrual.takeback_rounding_minutes
        return self.slot_minutes - 1 if given is None else given

    def is_closed(self, day: dt.date) -> bool:
        exc = self.exception_on(day)
        return exc is not None and exc.closed

    def opening_on(self, day: dt.date) -> TimeRange | None:
        """Core Service Opening Times on ``day`` (``None`` when closed)."""
        exc = self.exception_on(day)
        if exc is not None:
            if exc.closed:
                return None
            if exc.opening is not None:
                return exc.opening
        return self.opening.get(weekday_name(day))

    def bandwidth_on(self, day: dt.date) -> TimeRange | None:
        """Earliest start and latest finish on ``day`` (``None``: no work)."""
        exc = self.exception_on(day)
        if exc is not None:
            if exc.closed:
                return None
            if exc.bandwidth is not None:
                return exc.bandwidth
        return self.bandwidth.get(weekday_name(day))
