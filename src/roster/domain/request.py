"""What a solve is asked to do: a scenario, and optionally a base roster to stay close to and pins.

A coordinator's first solve is ``SolveRequest(scenario=...)``. A manager's
minimal-change re-solve adds the roster being amended (``base``), the edits
that must hold as given (``pins``: PIN, hard) and how much each change against
the base costs (``stability``: STABILITY, soft). docs/rules.md states both rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import Field, model_validator

from roster.domain.base import Frozen
from roster.domain.roster import Roster, Shift
from roster.domain.scenario import Scenario

SHIFT_CHANGE_MINUTES = 240
"""STABILITY: an added or removed shift costs as much as moving a shift by this many minutes
(four hours: the same ratio as a refused wished day to a minute moved, pref_day / pref_minute)."""

DEFAULT_STABILITY = 5
"""STABILITY per minute moved when a base roster is given without a weight (``roster solve --base``).

Chosen so that cover and contracts still win over stability (one person-minute short costs
1,000) and a refused wish does not move a shift that was already agreed (docs/solving.md,
re-solving from a base roster)."""


class Pin(Frozen):
    """A manager's edit that the roster must keep as given (rule PIN).

    ``shift`` set: the person works exactly this shift (break as given) on
    ``date``. ``shift`` ``None``: the person is off that date. ``source`` says
    where the pin came from (``pins.csv row 3``) for messages.
    """

    employee_id: str
    date: dt.date
    shift: Shift | None = None
    source: str = ""

    @model_validator(mode="after")
    def _same_person_and_date(self) -> Pin:
        if self.shift is not None and (self.shift.employee_id, self.shift.date) != (
            self.employee_id,
            self.date,
        ):
            raise ValueError(
                f"pin of {self.employee_id} on {self.date} holds a shift of "
                f"{self.shift.employee_id} on {self.shift.date}"
            )
        return self

    @property
    def label(self) -> str:
        what = "off" if self.shift is None else (f"{self.shift.start:%H:%M}-{self.shift.end:%H:%M}")
        where = f" ({self.source})" if self.source else ""
        return f"pin {self.employee_id} {self.date} {what}{where}"


class SolveRequest(Frozen):
    """A scenario to roster, optionally close to ``base`` and keeping ``pins``.

    ``stability`` is STABILITY's cost per minute a shift moves against
    ``base`` (start, end and break each count their minutes);
    ``stability_shift`` the cost of a shift added or removed (default
    ``stability x SHIFT_CHANGE_MINUTES``). ``max_changes``: at most this many
    changed shifts (added, removed or moved) per person against ``base``
    (a hard cap of PIN's family: the manager's instruction).
    """

    scenario: Scenario
    base: Roster | None = None
    pins: tuple[Pin, ...] = ()
    stability: int = Field(0, ge=0)
    stability_shift: int | None = Field(None, ge=0)
    max_changes: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> SolveRequest:
        known = {e.id for e in self.scenario.employees}
        days = set(self.scenario.service.days)
        seen: set[tuple[str, dt.date]] = set()
        for pin in self.pins:
            if pin.employee_id not in known:
                raise ValueError(f"{pin.label}: unknown employee {pin.employee_id!r}")
            if pin.date not in days:
                first, last = min(days), max(days)
                raise ValueError(f"{pin.label}: the date is outside the roster ({first} to {last})")
            key = (pin.employee_id, pin.date)
            if key in seen:
                raise ValueError(f"{pin.label}: a second pin for {pin.employee_id} on {pin.date}")
            seen.add(key)
        if (self.stability or self.max_changes is not None) and self.base is None:
            raise ValueError("stability and max_changes need a base roster")
        return self

    @classmethod
    def of(cls, scenario: Scenario | SolveRequest) -> SolveRequest:
        """``scenario`` as a request (a request is returned as it is).

        Built without validation: a request of a scenario alone has nothing to
        check, and the scenario was checked when it was made.
        """
        if isinstance(scenario, SolveRequest):
            return scenario
        return cls.model_construct(
            scenario=scenario, base=None, pins=(), stability=0, stability_shift=None, max_changes=None
        )

    @property
    def shift_weight(self) -> int:
        """STABILITY's cost of an added or removed shift."""
        if self.stability_shift is not None:
            return self.stability_shift
        return self.stability * SHIFT_CHANGE_MINUTES

    @property
    def has_base(self) -> bool:
        return self.base is not None

    def pin_of(self, employee_id: str, day: dt.date) -> Pin | None:
        for pin in self.pins:
            if pin.employee_id == employee_id and pin.date == day:
                return pin
        return None

    def base_shifts(self) -> dict[tuple[str, dt.date], Shift]:
        """The base roster's shifts by (person, date), people and dates of the scenario only."""
        if self.base is None:
            return {}
        known = {e.id for e in self.scenario.employees}
        days = set(self.scenario.service.days)
        return {
            (s.employee_id, s.date): s for s in self.base.shifts if s.employee_id in known and s.date in days
        }

    def for_person(self, employee_id: str) -> SolveRequest:
        """This request with person ``employee_id`` alone (``Scenario.for_person``)."""
        base = None
        if self.base is not None:
            base = Roster(shifts=tuple(s for s in self.base.shifts if s.employee_id == employee_id))
        return self.model_copy(
            update={
                "scenario": self.scenario.for_person(employee_id),
                "base": base,
                "pins": tuple(p for p in self.pins if p.employee_id == employee_id),
            }
        )

    def content_hash(self) -> str:
        """The scenario's hash when nothing else is asked; else a hash of the whole request."""
        if self.base is None and not self.pins:
            return self.scenario.content_hash()
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


def apply_pins(request: SolveRequest, roster: Roster) -> Roster:
    """``roster`` with each pin of ``request`` in force: pinned shifts in, pinned days off out."""
    pinned = {(p.employee_id, p.date): p for p in request.pins}
    kept = [s for s in roster.shifts if (s.employee_id, s.date) not in pinned]
    kept += [p.shift for p in request.pins if p.shift is not None]
    return Roster(shifts=tuple(sorted(kept, key=lambda s: (s.employee_id, s.date))))


class RosterChanges(Frozen):
    """How a roster differs from its base: shifts added, removed and moved (per person too)."""

    added: int = 0
    removed: int = 0
    moved: int = 0
    people: tuple[str, ...] = ()
    """Who has at least one changed shift."""

    @property
    def total(self) -> int:
        return self.added + self.removed + self.moved


def roster_changes(base: Roster, roster: Roster) -> RosterChanges:
    """Count shifts added, removed and moved (start, end or break differ) from ``base`` to ``roster``."""
    before = {(s.employee_id, s.date): s for s in base.shifts}
    after = {(s.employee_id, s.date): s for s in roster.shifts}
    added = removed = moved = 0
    people: set[str] = set()
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None:
            added += 1
        elif b is None:
            removed += 1
        elif (a.start, a.end, a.break_start) != (b.start, b.end, b.break_start):
            moved += 1
        else:
            continue
        people.add(key[0])
    return RosterChanges(added=added, removed=removed, moved=moved, people=tuple(sorted(people)))
