"""A roster's shifts read as integer minutes, once, for every check.

A shift dated ``d`` has ``start``/``end`` (and break) as *minutes of day* ``d``
(values of 1440 and above are the next day, see :mod:`roster.timegrid`), and
absolute positions as *roster minutes* (minutes since 00:00 on the roster's
first day), so that shifts of different dates can be compared. These are
wall-clock positions; every measure of time (length, break, paid minutes,
rest) is taken from the *real* roster minutes of the same points
(:func:`roster.timegrid.real_minute`), so a shift across a clock change is
counted by the time it really lasts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Employee, Roster, Scenario, Shift
from roster.timegrid import MINUTES_PER_DAY, minute_of_day, real_minute
from roster.validation.text import span
from roster.validation.violation import Violation


@dataclass(frozen=True)
class ShiftView:
    """One shift of a known person on a roster date, in integer minutes of its date."""

    shift: Shift
    employee: Employee
    day_index: int
    """Days from the roster's first day to the shift's date."""
    start: int
    end: int
    break_start: int | None
    break_end: int | None
    real_start: int
    """Real minutes from 00:00 on the roster's first day to the start (Europe/London)."""
    real_end: int
    real_break: int
    """Real minutes of the break (0 without one)."""

    @property
    def employee_id(self) -> str:
        return self.employee.id

    @property
    def date(self) -> dt.date:
        return self.shift.date

    @property
    def length(self) -> int:
        """Real minutes from start to end, break included (docs/rules.md)."""
        return self.real_end - self.real_start

    @property
    def break_minutes(self) -> int:
        """Real minutes of the break."""
        return self.real_break

    @property
    def paid(self) -> int:
        """Length less the break, in real minutes."""
        return self.length - self.break_minutes

    def real(self, minute: int) -> int:
        """Real roster minute of ``minute`` of the shift's date (see :func:`roster.timegrid.real_minute`)."""
        return (
            self.real_start
            + real_minute(self.date, self.date, minute)
            - real_minute(self.date, self.date, self.start)
        )

    @property
    def offset(self) -> int:
        """Roster minute of 00:00 on the shift's date."""
        return self.day_index * MINUTES_PER_DAY

    @property
    def abs_start(self) -> int:
        return self.offset + self.start

    @property
    def abs_end(self) -> int:
        return self.offset + self.end

    @property
    def label(self) -> str:
        """``08:00-16:00`` for messages and ``Violation.time``."""
        return span(self.start, self.end)

    def violation(
        self,
        rule: str,
        *,
        measured: int | float | None,
        limit: int | float | None,
        message: str,
        time: str | None = None,
    ) -> Violation:
        """A hard violation of ``rule`` by this shift (``time`` defaults to the shift's times)."""
        return Violation(
            rule=rule,
            hard=True,
            employee_id=self.employee_id,
            date=self.date,
            time=self.label if time is None else time,
            measured=measured,
            limit=limit,
            message=message,
        )

    def works(self, abs_from: int, abs_to: int) -> bool:
        """On shift and not on break for the whole of ``[abs_from, abs_to)`` (roster minutes).

        The shift must contain the range (``start <= from`` and ``to <= end``)
        and the break, if any, must not intersect it.
        """
        if not (self.abs_start <= abs_from and abs_to <= self.abs_end):
            return False
        if self.break_start is None or self.break_end is None:
            return True
        return not (self.offset + self.break_start < abs_to and abs_from < self.offset + self.break_end)


@dataclass(frozen=True)
class Context:
    """The scenario and the roster's checkable shifts (known person, date inside the roster)."""

    scenario: Scenario
    shifts: tuple[ShiftView, ...]
    """Sorted by the scenario's employee order, then date and start."""
    unknown: tuple[Shift, ...]
    """Rows naming an unknown person or a date outside the roster (rule UNKNOWN)."""

    def of(self, employee_id: str) -> list[ShiftView]:
        return [v for v in self.shifts if v.employee_id == employee_id]

    def on(self, employee_id: str, day: dt.date) -> list[ShiftView]:
        return [v for v in self.shifts if v.employee_id == employee_id and v.date == day]

    def real_length(self, abs_from: int, abs_to: int) -> int:
        """Real minutes of the wall-clock stretch ``[abs_from, abs_to)`` (roster minutes): 0 for a
        slot of an hour the clocks skip, twice its length in one they repeat."""
        first = self.scenario.service.start_date
        return real_minute(first, first, abs_to) - real_minute(first, first, abs_from)


def build_context(scenario: Scenario, roster: Roster) -> Context:
    """Split the roster into checkable shifts and UNKNOWN rows; convert times to minutes."""
    svc = scenario.service
    first = svc.start_date
    days = set(svc.days)
    order = {e.id: i for i, e in enumerate(scenario.employees)}
    employees = {e.id: e for e in scenario.employees}
    views: list[ShiftView] = []
    unknown: list[Shift] = []
    for shift in roster.shifts:
        emp = employees.get(shift.employee_id)
        if emp is None or shift.date not in days:
            unknown.append(shift)
            continue
        bs = None if shift.break_start is None else minute_of_day(shift.date, shift.break_start)
        be = None if shift.break_end is None else minute_of_day(shift.date, shift.break_end)
        start = minute_of_day(shift.date, shift.start)
        end = minute_of_day(shift.date, shift.end)
        views.append(
            ShiftView(
                shift=shift,
                employee=emp,
                day_index=(shift.date - first).days,
                start=start,
                end=end,
                break_start=bs,
                break_end=be,
                real_start=real_minute(first, shift.date, start),
                real_end=real_minute(first, shift.date, end),
                real_break=shift.break_minutes,
            )
        )
    views.sort(key=lambda v: (order[v.employee_id], v.date, v.start, v.end))
    return Context(scenario=scenario, shifts=tuple(views), unknown=tuple(unknown))
