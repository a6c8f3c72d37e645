"""What both engines share about whole person rosters: a column, its prices, a priced result.

A *column* is one person's roster for the whole period with what the pattern
engine's master needs to know of it: its own cost (PREFERENCES, STABILITY,
ACCRUAL), the cover rows it counts toward, its FAIRNESS parts, and where it is on
duty (:class:`Footprint`), from which the team rules' rows read their coefficients.

*Prices* (:class:`PersonPrices`) are what the master's duals make of one person's
roster: a worth per cover requirement, per slot on duty or on site, per start or
end of a shift on a date, and for taking banked time back. A pricer (the pattern
engine's dynamic programmes, or the slot model's person-alone CP-SAT solve) finds
the person's roster of least *reduced cost*::

    own cost + fp x preference cost + fu x unpopular shifts - worth of the roster - pi

Nothing here imports a solver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import numpy.typing as npt

from roster.domain import Roster, SolverSettings
from roster.domain.request import SolveRequest
from roster.model.index import ModelIndex
from roster.timegrid import roster_minute

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Footprint:
    """Where a roster is, in roster minutes (minutes since 00:00 on the roster's first date).

    ``shifts``: per shift ``(day index, start, end, break start, break end)``, the break
    ``-1, -1`` when there is none. The slot grid ``g`` turns it into slots."""

    shifts: tuple[tuple[int, int, int, int, int], ...]

    @classmethod
    def of(cls, roster: Roster, first: date, days: dict[date, int]) -> Footprint:
        out = []
        for s in roster.shifts:
            a = roster_minute(first, s.start)
            b = roster_minute(first, s.end)
            if s.break_start is not None and s.break_end is not None:
                bs = roster_minute(first, s.break_start)
                be = roster_minute(first, s.break_end)
            else:
                bs = be = -1
            out.append((days[s.date], a, b, bs, be))
        return cls(tuple(sorted(out)))

    def on_duty(self, g: int) -> list[int]:
        """Slot starts (roster minutes) on shift and not on break."""
        return [t for _, a, b, bs, be in self.shifts for t in range(a, b, g) if not (bs <= t < be)]

    def on_site(self, g: int) -> list[int]:
        """Slot starts (roster minutes) on shift, breaks included."""
        return [t for _, a, b, _, _ in self.shifts for t in range(a, b, g)]

    def on_day(self, day: int) -> tuple[int, int] | None:
        """(start, end) in minutes of day ``day`` of the shift dated that day, if any."""
        for d, a, b, _, _ in self.shifts:
            if d == day:
                return a - day * 1440, b - day * 1440
        return None


@dataclass(frozen=True)
class Column:
    """One person's roster: its own cost and the requirements it is present for (r -> slots)."""

    employee: int
    roster: Roster
    cost: int
    """Own cost: PREFERENCES, STABILITY and ACCRUAL of this roster (the objective's person terms)."""
    cover: dict[int, int]
    preference_cost: int = 0
    """FAIRNESS: the person's preference cost (weighted by fairness_base + gave_way in the master)."""
    unpopular: int = 0
    """FAIRNESS: the person's unpopular shifts."""
    takes_back: bool = False
    """The roster pays less than the target by more than the rounding: it takes banked time back
    (TAKEBACK_COVER)."""
    costs: tuple[tuple[str, int], ...] = ()
    """``cost`` split by rule code (PREFERENCES, STABILITY, ACCRUAL), as the pricer computed it."""


@dataclass
class PersonPrices:
    """The master's duals as one person's pricing sees them (all worths are subtracted).

    ``cover``: worth of being present in each cover requirement (dense, by requirement);
    ``present`` / ``onsite``: worth per slot on duty / on site, by roster slot (roster minute
    // g), or None; ``ends`` / ``starts``: per date, ``(tau, w)``: a shift that date ending at
    or before minute ``tau`` (starting at or after ``tau``) is worth ``w``; ``takes``: worth of
    a roster that takes banked time back; ``fairness``: prices of preference cost and
    unpopular shifts."""

    cover: Floats
    present: Floats | None = None
    onsite: Floats | None = None
    ends: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    starts: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    takes: float = 0.0
    fairness: tuple[float, float] = (0.0, 0.0)

    def worth(self, column: Column, footprint: Footprint, g: int) -> float:
        """What ``column`` is worth at these prices (its reduced cost is cost - worth - pi)."""
        total = sum(self.cover[r] * a for r, a in column.cover.items()) if len(self.cover) else 0.0
        if self.present is not None:
            total += sum(float(self.present[t // g]) for t in footprint.on_duty(g))
        if self.onsite is not None:
            total += sum(float(self.onsite[t // g]) for t in footprint.on_site(g))
        for day, rows in self.ends.items():
            se = footprint.on_day(day)
            if se is not None:
                total += sum(w for tau, w in rows if se[1] <= tau)
        for day, rows in self.starts.items():
            se = footprint.on_day(day)
            if se is not None:
                total += sum(w for tau, w in rows if se[0] >= tau)
        if column.takes_back:
            total += self.takes
        fp, fu = self.fairness
        return total - fp * column.preference_cost - fu * column.unpopular


@dataclass(frozen=True)
class Priced:
    """A pricing call's answer for one person."""

    column: Column | None
    reduced_cost: float
    """Of ``column`` exactly (duals in floats), before the convexity dual."""
    bound: float
    """A lower bound on the person's least reduced cost (before the convexity dual)."""
    deterministic_time: float
    optimal: bool = False
    """The pricing proved its minimum (up to the rounding of the duals)."""


class ExactPricer(Protocol):
    """A person's pricing that holds every rule of the person alone (the fallback of the DPs)."""

    def price(self, settings: SolverSettings, prices: PersonPrices, budget: float) -> Priced: ...


class ExactPricerFactory(Protocol):
    """Builds a person's exact pricer (the slot model's :class:`roster.model.slot.pricing.PersonPricer`)."""

    def __call__(self, request: SolveRequest, full: ModelIndex, e: int) -> ExactPricer: ...


def empty_prices(requirements: int) -> PersonPrices:
    return PersonPrices(np.zeros(requirements))
