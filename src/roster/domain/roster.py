"""A roster: the shifts people work, with their breaks."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from roster.domain.base import Frozen


class Shift(Frozen):
    """One shift of one person: local wall-clock start and end, optional break."""

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
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def break_minutes(self) -> int:
        if self.break_start is None or self.break_end is None:
            return 0
        return int((self.break_end - self.break_start).total_seconds() // 60)

    @property
    def paid_minutes(self) -> int:
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
