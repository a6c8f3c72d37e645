"""The team rules as rows of the master: which rows a service needs, their coefficients, their prices.

Each rule that binds several people together becomes rows over the columns (whole
person rosters), exact for integer choices (one column per person):

SUPERVISION (``safety.supervision``), for a supervised person e (trainee skill, or under
18 on the date) and a slot t::

    on_duty_e(t) - Σ_{s != e holding the supervisor skill} on_duty_s(t) <= 0

LONE_WORKING (``safety.min_on_site`` N > 1), for every person e and slot t::

    (N - 1) on_site_e(t) - Σ_{s != e} on_site_s(t) <= 0

(if e is on site, N - 1 others are; the busy-slot form of the slot model, with the
busy indicator projected out). JOB_SHARE with a handover H, for partners a, b, a date
d and a threshold tau (minute of day)::

    [a works d, ends <= tau] + [b works d, starts >= tau - H + g] <= 1

(both directions: a pair of shifts overlaps by less than H exactly when one such row
breaks). TAKEBACK_COVER for a person e with banked time to use and a requirement r
they could fill::

    under_r + min_r x [e's roster takes time back] <= min_r

Rows are generated when the LP's solution breaks them (:meth:`TeamRules.violated`),
so a scenario without a binding team rule pays nothing, and each row's dual becomes a
worth in pricing (:meth:`TeamRules.person_prices`): per slot on duty or on site, per
end or start of a shift on a date, for taking time back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from roster.domain import Scenario, could_fill, is_young
from roster.domain.rules import RuleCode
from roster.model.columns import Column, Footprint, PersonPrices
from roster.model.index import ModelIndex
from roster.timegrid import MINUTES_PER_DAY

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

TOLERANCE = 1e-6
"""A row is broken when the LP's solution exceeds its right-hand side by more than this."""


@dataclass(frozen=True)
class TeamRow:
    """One row of a team rule: ``Σ coef x λ (+ under_r) <= rhs``."""

    rule: RuleCode
    e: int
    """The supervised person, the person on site, the job-share partner whose shift ends by
    ``tau``, or the person taking time back."""
    rhs: float
    t: int = -1
    """SUPERVISION, LONE_WORKING: the slot (roster minute)."""
    partner: int = -1
    """JOB_SHARE: the partner whose shift starts at or after ``start``."""
    day: int = -1
    tau: int = 0
    """JOB_SHARE: the threshold on ``e``'s end, minute of day ``day``."""
    start: int = 0
    """JOB_SHARE: the threshold on the partner's start (``tau - H + g``)."""
    under: int | None = None
    """TAKEBACK_COVER: the requirement whose under slack is in the row."""

    @property
    def key(self) -> tuple[object, ...]:
        return (self.rule, self.e, self.t, self.partner, self.day, self.tau, self.under)


class TeamRules:
    """The team rules that apply to a scenario, and the bookkeeping of their rows."""

    def __init__(self, index: ModelIndex, scenario: Scenario) -> None:
        self.index, self.scenario = index, scenario
        g = self.g = index.slot
        n = len(index.employees)
        w8 = scenario.weights
        lines = max((c.under_weight or w8.shift_cover_under for c in scenario.shift_cover), default=0)
        self.penalty = float(max(1e6, 100 * w8.cover_under * g, 10 * lines))
        self.n_slots = (len(index.days) + 2) * MINUTES_PER_DAY // g
        safety = scenario.service.safety
        emps = index.employees
        self.supervisor = np.array([safety.supervisor_skill in e.skills for e in emps], dtype=bool)
        self.supervised_days: dict[int, set[int]] = {}
        """SUPERVISION: person -> the dates (indices) on which they must be supervised."""
        if safety.supervision:
            for e, emp in enumerate(emps):
                days = {
                    d
                    for d, day in enumerate(index.days)
                    if safety.trainee_skill in emp.skills or is_young(emp.date_of_birth, day)
                }
                if days:
                    self.supervised_days[e] = days
        self.min_on_site = safety.min_on_site if safety.min_on_site > 1 and n > 0 else 0
        person = {emp.id: e for e, emp in enumerate(emps)}
        self.handovers: list[tuple[int, int, int]] = [
            (person[js.first], person[js.second], js.handover_minutes)
            for js in scenario.job_shares
            if js.handover_minutes > 0 and js.first in person and js.second in person
        ]
        rounding = scenario.service.takeback_rounding
        self.fillable: dict[int, list[int]] = {}
        """TAKEBACK_COVER: person with banked time to use -> the requirements (with a minimum) they
        could fill."""
        for e, emp in enumerate(emps):
            if emp.pattern != "self" or emp.relief or index.targets[e].usable_balance <= rounding:
                continue
            mine = [
                r
                for r, req in enumerate(index.cover)
                if req.min > 0
                and (req.skill is None or req.skill in emp.skills)
                and could_fill(scenario, emp, req.date, req.minute, req.minute + g)
            ]
            if mine:
                self.fillable[e] = mine
        self.active = bool(self.supervised_days or self.min_on_site or self.handovers or self.fillable)
        self.presence = bool(self.supervised_days or self.min_on_site)
        """SUPERVISION or LONE_WORKING applies: who else is on site decides a roster's worth."""
        self.duty: list[Ints] = []
        """Per column: the roster slots on duty (sorted)."""
        self.site: list[Ints] = []
        self.takes: list[bool] = []
        self.seen: set[tuple[object, ...]] = set()
        self.rows: list[TeamRow] = []
        self.slot_rows: dict[int, list[int]] = {}
        """Roster slot -> SUPERVISION and LONE_WORKING rows on it."""
        self.person_rows: dict[int, list[int]] = {}
        """Person -> JOB_SHARE rows (either side) and TAKEBACK_COVER rows of that person."""

    # -- columns ----------------------------------------------------------------------------------
    def footprint(self, column: Column) -> Footprint:
        """Where ``column`` is (pure: nothing is recorded)."""
        idx = self.index
        days = {day: d for d, day in enumerate(idx.days)}
        return Footprint.of(column.roster, idx.days[0], days)

    def track(self, column: Column, fp: Footprint) -> None:
        """Record the next column's slots on duty and on site."""
        g = self.g
        self.duty.append(np.array([t // g for t in fp.on_duty(g)], dtype=np.int64))
        self.site.append(np.array([t // g for t in fp.on_site(g)], dtype=np.int64))
        self.takes.append(column.takes_back)

    def _coef(self, row: TeamRow, c: int, column: Column, fp: Footprint) -> float:
        e = column.employee
        g = self.g
        if row.rule == RuleCode.SUPERVISION:
            if e != row.e and not self.supervisor[e]:
                return 0.0
            on = bool(np.any(self.duty[c] == row.t // g))
            return (1.0 if e == row.e else -1.0) if on else 0.0
        if row.rule == RuleCode.LONE_WORKING:
            on = bool(np.any(self.site[c] == row.t // g))
            return (float(self.min_on_site - 1) if e == row.e else -1.0) if on else 0.0
        if row.rule == RuleCode.JOB_SHARE:
            se = fp.on_day(row.day)
            if se is None:
                return 0.0
            if e == row.e:
                return 1.0 if se[1] <= row.tau else 0.0
            if e == row.partner:
                return 1.0 if se[0] >= row.start else 0.0
            return 0.0
        if row.rule == RuleCode.TAKEBACK_COVER:
            if e != row.e or not column.takes_back:
                return 0.0
            return float(self.index.cover[row.under].min) if row.under is not None else 0.0
        raise AssertionError(row.rule)

    def coefficients(self, c: int, column: Column, fp: Footprint) -> list[tuple[int, float]]:
        """(row, coefficient) of the existing rows for new column ``c``."""
        if not self.rows:
            return []
        ks: set[int] = set()
        for s in np.union1d(self.duty[c], self.site[c]):
            ks.update(self.slot_rows.get(int(s), ()))
        ks.update(self.person_rows.get(column.employee, ()))
        out = []
        for k in sorted(ks):
            coef = self._coef(self.rows[k], c, column, fp)
            if coef:
                out.append((k, coef))
        return out

    def members(
        self, row: TeamRow, columns: list[Column], fps: list[Footprint], by_person: list[list[int]]
    ) -> list[tuple[int, float]]:
        """(column, coefficient) of every existing column in a new row."""
        if row.rule in (RuleCode.SUPERVISION, RuleCode.LONE_WORKING):
            people = range(len(by_person))
        elif row.rule == RuleCode.JOB_SHARE:
            people = [row.e, row.partner]  # type: ignore[assignment]
        else:
            people = [row.e]  # type: ignore[assignment]
        out = []
        for e in people:
            for c in by_person[e]:
                coef = self._coef(row, c, columns[c], fps[c])
                if coef:
                    out.append((c, coef))
        return out

    def register(self, k: int, row: TeamRow) -> None:
        assert k == len(self.rows)
        self.rows.append(row)
        self.seen.add(row.key)
        if row.rule in (RuleCode.SUPERVISION, RuleCode.LONE_WORKING):
            self.slot_rows.setdefault(row.t // self.g, []).append(k)
        else:
            self.person_rows.setdefault(row.e, []).append(k)
            if row.partner >= 0:
                self.person_rows.setdefault(row.partner, []).append(k)

    # -- separation -------------------------------------------------------------------------------
    def _mass(self, lam: Floats, by_person: list[list[int]], which: list[Ints]) -> Floats:
        """Per person and roster slot: the LP's share of their rosters there."""
        out = np.zeros((len(by_person), self.n_slots))
        for e, cols in enumerate(by_person):
            for c in cols:
                v = lam[c]
                if v > 1e-9 and len(which[c]):
                    out[e, which[c]] += v
        return out

    def violated(
        self,
        lam: Floats,
        columns: list[Column],
        fps: list[Footprint],
        by_person: list[list[int]],
        under: dict[int, float],
        limit: int,
        only: set[int] | None = None,
        fresh: bool = True,
    ) -> list[TeamRow]:
        """The rows the LP's solution ``lam`` (one value per column) breaks, worst first; with
        ``only``, the rows of those people (the dive's fixed ones) alone; with ``fresh``, only rows
        not in the master yet (without it: every row broken, to count a roster's breaches)."""
        seen = self.seen if fresh else set()
        g = self.g
        found: list[tuple[float, TeamRow]] = []
        if self.supervised_days:
            duty = self._mass(lam, by_person, self.duty)
            sup = duty[self.supervisor].sum(axis=0)
            for e, days in self.supervised_days.items():
                others = sup - (duty[e] if self.supervisor[e] else 0.0)
                gap = duty[e] - others
                every = len(days) == len(self.index.days)
                for s in np.flatnonzero(gap > TOLERANCE):
                    t = int(s) * g
                    # an under-18 works no nights: the shift covering t is dated t's day
                    if not every and t // MINUTES_PER_DAY not in days:
                        continue
                    row = TeamRow(RuleCode.SUPERVISION, e, 0.0, t=t)
                    if row.key not in seen:
                        found.append((float(gap[s]), row))
        if self.min_on_site:
            site = self._mass(lam, by_person, self.site)
            total = site.sum(axis=0)
            n = self.min_on_site
            gap_all = n * site - total[None, :]
            for e, s in zip(*np.nonzero(gap_all > TOLERANCE), strict=True):
                row = TeamRow(RuleCode.LONE_WORKING, int(e), 0.0, t=int(s) * g)
                if row.key not in seen:
                    found.append((float(gap_all[e, s]), row))
        for a, b, h in self.handovers:
            for x, y in ((a, b), (b, a)):
                found += self._handover_rows(x, y, h, lam, by_person, fps, seen)
        for e, reqs in self.fillable.items():
            share = sum(lam[c] for c in by_person[e] if columns[c].takes_back)
            if share <= TOLERANCE:
                continue
            for r in reqs:
                m = self.index.cover[r].min
                excess = under.get(r, 0.0) + m * share - m
                if excess > TOLERANCE:
                    row = TeamRow(RuleCode.TAKEBACK_COVER, e, float(m), under=r)
                    if row.key not in seen:
                        found.append((excess, row))
        if only is not None:
            found = [(v, row) for v, row in found if row.e in only]
        found.sort(key=lambda x: -x[0])
        return [row for _, row in found[:limit]]

    def _handover_rows(
        self,
        a: int,
        b: int,
        h: int,
        lam: Floats,
        by_person: list[list[int]],
        fps: list[Footprint],
        seen: set[tuple[object, ...]],
    ) -> list[tuple[float, TeamRow]]:
        g = self.g
        out: list[tuple[float, TeamRow]] = []
        for d in range(len(self.index.days)):
            ends: list[tuple[int, float]] = []
            starts: list[tuple[int, float]] = []
            for c in by_person[a]:
                if lam[c] > 1e-9:
                    se = fps[c].on_day(d)
                    if se is not None:
                        ends.append((se[1], float(lam[c])))
            for c in by_person[b]:
                if lam[c] > 1e-9:
                    se = fps[c].on_day(d)
                    if se is not None:
                        starts.append((se[0], float(lam[c])))
            if not ends or not starts:
                continue
            for tau in sorted({t for t, _ in ends}):
                lhs = sum(v for t, v in ends if t <= tau) + sum(v for s, v in starts if s >= tau - h + g)
                if lhs > 1 + TOLERANCE:
                    row = TeamRow(RuleCode.JOB_SHARE, a, 1.0, partner=b, day=d, tau=tau, start=tau - h + g)
                    if row.key not in seen:
                        out.append((lhs - 1, row))
        return out

    # -- prices -----------------------------------------------------------------------------------
    def best_response_prices(
        self,
        e: int,
        others: dict[int, int],
        fps: list[Footprint],
        count: Floats,
        big: float,
        out: PersonPrices,
    ) -> None:
        """Person ``e``'s team prices with everyone else on their column ``others`` (person ->
        column): ``-big`` for each team row e's roster would break, ``+big`` for each it mends.
        ``count``: people present per requirement with everyone's roster, e's present one
        included."""
        g = self.g
        present = np.zeros(self.n_slots)
        onsite = np.zeros(self.n_slots)
        if self.supervised_days:
            sup = np.zeros(self.n_slots)
            for p, c in others.items():
                if self.supervisor[p]:
                    sup[self.duty[c]] += 1
            days = self.supervised_days.get(e)
            if days is not None:
                slot_day = np.arange(self.n_slots) * g // MINUTES_PER_DAY
                present -= big * ((sup == 0) & np.isin(slot_day, list(days)))
            if self.supervisor[e]:
                alone = np.zeros(self.n_slots)
                for p, c in others.items():
                    if p in self.supervised_days:
                        duty = self.duty[c]
                        on_days = np.isin(duty * g // MINUTES_PER_DAY, list(self.supervised_days[p]))
                        alone[duty[on_days]] += 1
                present += big * alone * (sup == 0)
        if self.min_on_site:
            n = self.min_on_site
            site = np.zeros(self.n_slots)
            for c in others.values():
                site[self.site[c]] += 1
            onsite += big * (((site > 0) & (site < n)).astype(float) - ((site + 1 > 0) & (site + 1 < n)))
        for a, b, h in self.handovers:
            if e not in (a, b):
                continue
            p = b if e == a else a
            if p not in others:
                continue
            for d, start, end, _, _ in fps[others[p]].shifts:
                ps, pe = start - d * MINUTES_PER_DAY, end - d * MINUTES_PER_DAY
                out.ends.setdefault(d, []).append((ps + h - g, -big))
                out.starts.setdefault(d, []).append((pe - h + g, -big))
        mine = self.fillable.get(e)
        if mine and any(count[r] < self.index.cover[r].min for r in mine):
            # a minimum e could fill is short with everyone's roster as it stands (e's own
            # included): taking time back would break TAKEBACK_COVER unless the new roster
            # fills it, which the exact count of the move decides
            out.takes -= big
        out.present = present if present.any() else None
        out.onsite = onsite if onsite.any() else None

    def person_prices(self, e: int, y: Floats, out: PersonPrices) -> None:
        """Fill ``out`` with person ``e``'s worth of the team rows at duals ``y`` (one per row)."""
        g = self.g
        present: Floats | None = None
        onsite: Floats | None = None
        for k, row in enumerate(self.rows):
            v = float(y[k]) if k < len(y) else 0.0
            if v == 0.0:
                continue
            if row.rule == RuleCode.SUPERVISION:
                coef = 1.0 if row.e == e else (-1.0 if self.supervisor[e] else 0.0)
                if coef:
                    if present is None:
                        present = np.zeros(self.n_slots)
                    present[row.t // g] += coef * v
            elif row.rule == RuleCode.LONE_WORKING:
                if onsite is None:
                    onsite = np.zeros(self.n_slots)
                onsite[row.t // g] += (self.min_on_site - 1 if row.e == e else -1.0) * v
            elif row.rule == RuleCode.JOB_SHARE:
                if row.e == e:
                    out.ends.setdefault(row.day, []).append((row.tau, v))
                elif row.partner == e:
                    out.starts.setdefault(row.day, []).append((row.start, v))
            elif row.rule == RuleCode.TAKEBACK_COVER and row.e == e and row.under is not None:
                out.takes += v * self.index.cover[row.under].min
        out.present, out.onsite = present, onsite
