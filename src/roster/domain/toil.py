"""Time off in lieu: extra shifts worked beyond the contract, and the TOIL ledger (rule TIME_OFF_IN_LIEU).

POLICY.md section 6: time off in lieu at a flat rate by default, capped at half the annual
leave entitlement, at most 5 days carried into the next leave year; annual leave has
priority over TOIL when both compete. The product's reading (docs/rules.md, TIME_OFF_IN_LIEU):

* An **extra shift** (``extra_shifts.csv``; an open shift a person volunteered for and a
  manager granted) is worked beyond the contract. The person works it exactly as given (its
  date has no other option), its paid minutes are added to the CONTRACT_HOURS target (the
  contract is not used up by it) and it earns TOIL: paid minutes x ``rate`` (1: flat rate).
  Working time counts it like any shift (rest, the 48-hour average, young workers).
* **TOIL taken** is leave of type ``toil`` (``leave.csv``): credited against the contract
  like annual leave (a whole day at the week's minutes / days a week, a part day at its
  length, at most the week's contract) and drawn from the TOIL balance. "Annual leave has
  priority": a date is booked as one kind of leave (overlapping leave rows are refused), and
  where a person asks for both, the date is annual leave and the TOIL stays in the balance.
* The **balance** opens at the ``toil.csv`` minutes (carried by ``roster next``), rises on
  each extra shift's date and falls on each TOIL date, in date order (earned the same day
  first). It may never fall below 0 (TOIL is taken only once earned) nor rise above the
  cap: ``cap_share`` x the annual leave entitlement (``leave_weeks`` x the contracted
  week). Both are hard.
* Into a new leave year at most ``carry_days`` days (of the contracted day, hours / days a
  week) are carried; the rest lapses (``roster next`` says so).

Relief staff (no contracted hours) are paid for every hour they work: their extra shifts
earn no TOIL and they have no cap. Everything here is fixed by the scenario: the engines
place the extra shifts as given and the ledger either holds or makes the scenario
infeasible under TIME_OFF_IN_LIEU; the validator checks both on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from roster.domain.base import Clock, Frozen
from roster.domain.employee import Employee
from roster.domain.roster import Shift
from roster.timegrid import elapsed_minutes, to_datetime

if TYPE_CHECKING:
    from roster.domain.scenario import Scenario


class ToilRule(Frozen):
    """A service's time off in lieu parameters (``service.yaml`` ``toil:``)."""

    rate: float = Field(1.0, ge=0, le=3)
    """TOIL minutes earned per minute of an extra shift worked (1: the flat rate)."""
    cap_share: float = Field(0.5, ge=0, le=1)
    """The balance may not exceed this share of the annual leave entitlement."""
    leave_weeks: float = Field(7.0, ge=0, le=12)
    """The annual leave entitlement in contracted weeks (POLICY.md section 6's example: 7)."""
    carry_days: float = Field(5.0, ge=0, le=30)
    """At most this many contracted days of TOIL are carried into the next leave year."""
    leave_year_start: tuple[int, int] = (4, 1)
    """(month, day) the leave year starts: 1 April."""


class ExtraShift(Frozen):
    """A shift worked beyond the contract (an open shift granted), earning time off in lieu."""

    employee_id: str
    date: dt.date
    start: Clock
    end: Clock
    break_start: Clock | None = None


class ToilBalance(Frozen):
    """Time off in lieu a person holds when the roster starts (``toil.csv``), in minutes."""

    employee_id: str
    minutes: int = Field(ge=0)


def extra_paid_minutes(x: ExtraShift, break_minutes: int) -> int:
    """Real minutes worked in an extra shift: its length less the break (when it has one)."""
    length = elapsed_minutes(to_datetime(x.date, x.start), to_datetime(x.date, x.end))
    return length - (break_minutes if x.break_start is not None else 0)


def as_shift(x: ExtraShift, break_minutes: int) -> Shift:
    """The extra shift as a roster shift (its break of ``break_minutes`` when it has one)."""
    brk = None if x.break_start is None else to_datetime(x.date, x.break_start)
    return Shift(
        employee_id=x.employee_id,
        date=x.date,
        start=to_datetime(x.date, x.start),
        end=to_datetime(x.date, x.end),
        break_start=brk,
        break_end=None if brk is None else to_datetime(x.date, x.break_start + break_minutes),  # type: ignore[operator]
    )


def toil_cap(rule: ToilRule, emp: Employee) -> int:
    """The most TOIL ``emp`` may hold, in minutes: ``cap_share`` x ``leave_weeks`` contracted weeks."""
    return round(rule.cap_share * rule.leave_weeks * emp.weekly_minutes)


def carry_limit(rule: ToilRule, emp: Employee) -> int:
    """The most TOIL carried into a new leave year, in minutes: ``carry_days`` contracted days."""
    return round(rule.carry_days * emp.daily_minutes)


def leave_year_starts(rule: ToilRule, first: dt.date, last: dt.date) -> list[dt.date]:
    """The leave years' first days in ``(first, last]``."""
    month, day = rule.leave_year_start
    return [
        d for year in range(first.year, last.year + 1) if first < (d := dt.date(year, month, day)) <= last
    ]


@dataclass(frozen=True)
class ToilEvent:
    """One move of a TOIL balance: earned on an extra shift's date, or taken on a TOIL date."""

    date: dt.date
    minutes: int
    """Positive: earned; negative: taken."""
    what: str


@dataclass(frozen=True)
class ToilAccount:
    """One person's TOIL over the roster period (see the module docstring)."""

    employee_id: str
    opening: int
    earned: int
    taken: int
    cap: int
    lowest: int
    """The lowest balance on any date (the opening balance when nothing moves)."""
    highest: int
    lowest_date: dt.date | None
    highest_date: dt.date | None
    events: tuple[ToilEvent, ...] = ()

    @property
    def closing(self) -> int:
        return self.opening + self.earned - self.taken

    @property
    def moves(self) -> bool:
        return bool(self.opening or self.events)

    @property
    def overdrawn(self) -> bool:
        """The balance falls below 0 on some date (TOIL taken before it is earned)."""
        return self.lowest < 0

    @property
    def over_cap(self) -> bool:
        """The balance rises above the cap on some date (never for relief staff: no cap applies)."""
        return self.cap_applies and self.highest > self.cap

    cap_applies: bool = True


def toil_taken_by_date(sc: Scenario, emp: Employee) -> dict[dt.date, int]:
    """Minutes of TOIL taken on each date: ``toil`` leave on a date the service can be worked, a
    whole day at the week's minutes / days a week, a part day at its length (at most a day)."""
    svc = sc.service
    out: dict[dt.date, int] = {}
    for lv in sc.leave:
        if lv.employee_id != emp.id or lv.type != "toil":
            continue
        for day in lv.dates():
            if svc.bandwidth_on(day) is None:
                continue  # closed, or a day the service is never worked: nothing to take
            week = (day - svc.start_date).days // 7
            full = emp.day_minutes(week)
            if lv.whole_day:
                out[day] = out.get(day, 0) + full
            else:
                assert lv.start is not None and lv.end is not None
                out[day] = out.get(day, 0) + min(lv.end - lv.start, full)
    return out


def toil_account(sc: Scenario, emp: Employee) -> ToilAccount:
    """``emp``'s TOIL over the roster period, date by date (see the module docstring)."""
    rule = sc.service.toil
    brk = sc.service.breaks.break_minutes
    opening = sum(b.minutes for b in sc.toil if b.employee_id == emp.id)
    events: list[ToilEvent] = []
    if not emp.relief:
        for x in sc.extra_shifts:
            if x.employee_id == emp.id:
                earned = round(extra_paid_minutes(x, brk) * rule.rate)
                events.append(ToilEvent(x.date, earned, "earned by an extra shift"))
    for day, minutes in toil_taken_by_date(sc, emp).items():
        events.append(ToilEvent(day, -minutes, "taken as time off in lieu"))
    events.sort(key=lambda ev: (ev.date, ev.minutes < 0))
    balance = lowest = highest = opening
    lowest_date = highest_date = None
    for ev in events:
        balance += ev.minutes
        if balance < lowest:
            lowest, lowest_date = balance, ev.date
        if balance > highest:
            highest, highest_date = balance, ev.date
    return ToilAccount(
        employee_id=emp.id,
        opening=opening,
        earned=sum(ev.minutes for ev in events if ev.minutes > 0),
        taken=-sum(ev.minutes for ev in events if ev.minutes < 0),
        cap=0 if emp.relief else toil_cap(rule, emp),
        cap_applies=not emp.relief,
        lowest=lowest,
        highest=highest,
        lowest_date=lowest_date,
        highest_date=highest_date,
        events=tuple(events),
    )
