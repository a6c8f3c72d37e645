"""A roster: the shifts people work, with their breaks."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from roster.domain.base import Frozen
from roster.timegrid import elapsed_minutes


class Shift(Frozen):
    """One shift of one person: local wall-clock start and end, optional break.

    The times are as the rota shows them (Europe/London wall clock); the
    minutes below are real elapsed minutes, so a shift across the night the
    clocks change lasts an hour more or less than its clock times say
    (docs/rules.md, "Clock changes").
    """

    employee_id: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    break_start: dt.datetime | None = None
    break_end: dt.datetime | None = None

    @model_validator(mode="after")
    def _valid(self) -> Shift:
        if self.end <= self.start:
            raise ValueError(f"shift end {self.end} is not after its start {self.start}")
        if (self.break_start is None) != (self.break_end is None):
            raise ValueError("give both break_start and break_end, or neither")
        if self.break_start is not None and self.break_end is not None and self.break_end <= self.break_start:
            raise ValueError("break_end is not after break_start")
        if self.start.date() != self.date:
            raise ValueError(f"shift starts {self.start} but is dated {self.date}")
        return self

    @property
    def length_minutes(self) -> int:
        """Real minutes from start to end, break included."""
        return elapsed_minutes(self.start, self.end)

    @property
    def break_minutes(self) -> int:
        """Real minutes of the break (0 without one)."""
        if self.break_start is None or self.break_end is None:
            return 0
        return elapsed_minutes(self.break_start, self.break_end)

    @property
    def paid_minutes(self) -> int:
        """Real minutes worked: length less the break."""
        return self.length_minutes - self.break_minutes


class Roster(Frozen):
    """All shifts of a roster period, sorted by employee then date."""

    shifts: tuple[Shift, ...] = ()

    def by_employee(self) -> dict[str, list[Shift]]:
        out: dict[str, list[Shift]] = {}
        for shift in self.shifts:
            out.setdefault(shift.employee_id, []).append(shift)
        return out

    def shift_of(self, employee_id: str, day: dt.date) -> Shift | None:
        for shift in self.shifts:
            if shift.employee_id == employee_id and shift.date == day:
                return shift
        return None

    @property
    def start(self) -> dt.datetime | None:
        return min((s.start for s in self.shifts), default=None)
