"""The year plan: one linear programme over the plan's weeks, on HiGHS (``highspy``).

Plain numbers in (:class:`YearData`: each person's weeks, the year's demand per week and
staffing group), contracted hours per person and week out (:class:`YearSolution`), with a
lower bound on the person-hours short of minimum cover that any year of legal rosters
meeting those hours leaves. :mod:`roster.planning.year` builds the data from a scenario;
the tests build it by hand.

**Variables.** ``h[p,w]``, person ``p``'s contracted hours in week ``w`` (the profile), is
either given (a typed profile scaled to the contract, or the contract itself) or made of
decision variables: one per person and calendar month (``propose="person"``), or one shape
per month for the whole team, scaled to each contract (``propose="team"``). ``y[p,w]`` are
the hours ``p`` works in week ``w``, ``e[p,w]`` the hours banked above the contract,
``u[w,g]`` the person-hours short of minimum cover of group ``g`` (a skill, or ``""`` for
the whole team) in week ``w``.

**Hard rows, each person** (a refusal names the person, the rule and the weeks):

* annual hours: ``Σ_w work[p,w] h[p,w] - unbooked[p] x mean_w h[p,w] = annual[p]`` over the
  plan's weeks of each leave year, where ``work`` is the share of the week's hours worked
  after leave and closed weekdays, credited at the week's own rate (CONTRACT_HOURS), and
  ``unbooked`` the weeks of the year's leave not yet booked, allowed for at the mean week;
* the agreed weekly range: ``lo x contract / 37 <= h[p,w] <= hi x contract / 37``;
* WTR_AVERAGE: over every 17 weeks ending in a week of the plan, unless an opt-out is in force
  at its end, ``(A + B) / C <= 48``: ``A`` the history's hours before the plan (the contract's
  week where there is none) and ``work x h`` inside it, ``B`` the window's excluded days at
  the contracted daily rate of the week after it, ``C`` = 17;
* YOUNG_WORKER: ``work[p,w] h[p,w] <= 40`` in every week the person is under 18.

**Cover, the relaxation.** A roster period's target may fall in any of its weeks, and banked
time (at most the accounting period's cap, 22 minutes a day) comes on top:
``Σ_{w in period} y[p,w] <= Σ_{w in period} (work h + e)``; ``y[p,w]`` at most what a week
could hold (``most``), and the 48-hour average on ``y`` too. Then
``u[w,g] >= demand[w,g] - Σ_{p holds g} y[p,w]``. A roster's hours short (Σ over its slots
and groups of the people short x the slot's length) is at least this week's ``u`` (the sum
of the shortages is at least the shortage of the sums, and a person's hours on duty where
``g`` is required are at most their hours worked), so the least ``Σ u`` is a **lower bound**
on the year's hours short.

**Objective.** First the least ``Σ u``; then, with it held, the flattest plan: the least
mean over the weeks of ``Σ_p (h[p,w] - contract_p)²``, so hours move between the seasons only
as far as cover asks, and a shortage two people could carry alike is carried alike (a sum of
squares, drawn piecewise linear so the programme stays linear). The balances against the
annual hours end at 0 for everyone (the annual rows). Deterministic: one thread, a fixed
seed, the simplex.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import highspy
import numpy as np

from roster.planning.profile import ProfileError

INF = float("inf")
WEEK = dt.timedelta(weeks=1)
TOLERANCE = 1e-6

Propose = Literal["person", "team"]


class YearPlanError(ProfileError):
    """No plan meets the hard rows: the message names the person, the rule and the weeks."""


@dataclass(frozen=True)
class PersonYear:
    """One person's year, week by week (the Monday of each week as its key)."""

    id: str
    contract: float
    """Contracted hours a week (``hours_per_week``)."""
    skills: frozenset[str] = frozenset()
    kind: Literal["self", "fixed", "relief"] = "self"
    """``self``: the plan decides the hours; ``fixed``: a fixed pattern worked at the contract;
    ``relief``: no contract, any hours up to ``most``."""
    days_per_week: float = 5.0
    work: Mapping[dt.date, float] = field(default_factory=dict)
    """Share of the week's contracted hours worked: 1 less leave and closed weekdays credited
    at the week's rate (default 1)."""
    excluded: Mapping[dt.date, int] = field(default_factory=dict)
    """Excluded days of the 48-hour average (annual leave, sick, ...) in each week of the plan."""
    young: frozenset[dt.date] = frozenset()
    """Weeks the person is under 18 (40 hours a week at most, no opt-out)."""
    opted_out: frozenset[dt.date] = frozenset()
    """Weeks at whose end an opt-out of the 48-hour average is in force."""
    history: Mapping[dt.date, tuple[float, int]] = field(default_factory=dict)
    """Weeks before the plan: (hours worked, excluded days); the contract's week where absent."""
    annual: Mapping[int, float] = field(default_factory=dict)
    """Leave year -> hours to work in the plan's weeks of it (empty: hours not annualised)."""
    unbooked: Mapping[int, float] = field(default_factory=dict)
    """Leave year -> weeks of leave not booked in the plan's weeks, allowed for at the mean week."""
    most: Mapping[dt.date, float] = field(default_factory=dict)
    """Hours a roster could give in the week at most (default: 7 x 24)."""
    bank_cap: float = 0.0
    """Hours that may be banked in one accounting period."""
    bank_week: float = 0.0
    """Hours that may be banked in one week (the daily limit x days)."""
    period_most: float | None = None
    """Relief: hours a roster period may give at most."""
    year_work: Mapping[int, Mapping[dt.date, float]] = field(default_factory=dict)
    """Leave year -> every week of it -> ``work`` (the plan's weeks and the others): a typed
    profile is scaled over the whole leave year, whatever part of it the plan covers."""
    year_annual: Mapping[int, float] = field(default_factory=dict)
    """Leave year -> the annual hours."""
    year_unbooked: Mapping[int, float] = field(default_factory=dict)
    """Leave year -> weeks of the year's leave entitlement not booked anywhere in it."""


@dataclass(frozen=True)
class YearData:
    weeks: tuple[dt.date, ...]
    """The Mondays of the plan's weeks, in order, consecutive."""
    people: tuple[PersonYear, ...]
    demand: Mapping[tuple[dt.date, str], float] = field(default_factory=dict)
    """(week, group) -> person-hours of minimum cover; group ``""`` is the whole team."""
    periods: tuple[tuple[dt.date, ...], ...] = ()
    """The roster periods' weeks (default: each week alone)."""
    accounting: Mapping[dt.date, int] = field(default_factory=dict)
    """Week -> accounting period of banked time (default: each week its own)."""
    leave_year: Mapping[dt.date, int] = field(default_factory=dict)
    """Week -> leave year (the year it starts in; default: one year)."""
    average_hours: float = 48.0
    reference_weeks: int = 17
    young_hours: float = 40.0
    standard_week: float = 37.0
    """The full-time week the range of a proposal is given for (pro rata to each contract)."""

    def year_of(self, week: dt.date) -> int:
        return self.leave_year.get(week, 0)


@dataclass
class YearSolution:
    hours: dict[str, dict[dt.date, float]]
    """Contracted hours per person and week (self-rostered contracts; others at their contract)."""
    short: dict[tuple[dt.date, str], float]
    """Person-hours short of minimum cover per week and group, in the relaxation."""
    bound: float
    """The least Σ short: a lower bound on the hours short of any year of legal rosters."""
    worked: dict[str, dict[dt.date, float]] = field(default_factory=dict)
    """Hours each person works each week in the relaxation."""
    shape: dict[int, float] | None = None
    """A team proposal: hours of a standard week per calendar month."""

    def months(self, person: str) -> dict[int, float]:
        """A person's contracted hours per calendar month (the mean of its weeks)."""
        by: dict[int, list[float]] = {}
        for w, h in self.hours[person].items():
            by.setdefault(w.month, []).append(h)
        return {m: sum(v) / len(v) for m, v in sorted(by.items())}


# -- the linear programme ---------------------------------------------------------------------------


Expr = tuple[float, dict[int, float]]
"""``const + Σ coef x col``."""


def _add(into: dict[int, float], terms: Mapping[int, float], k: float = 1.0) -> None:
    for c, v in terms.items():
        into[c] = into.get(c, 0.0) + k * v


class _LP:
    def __init__(self) -> None:
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.cost: list[float] = []
        self.rows: list[tuple[float, float, dict[int, float]]] = []

    def col(self, lb: float = 0.0, ub: float = INF, cost: float = 0.0) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        self.cost.append(cost)
        return len(self.lb) - 1

    def row(self, lb: float, ub: float, terms: Mapping[int, float]) -> int:
        self.rows.append((lb, ub, {c: v for c, v in terms.items() if v != 0.0}))
        return len(self.rows) - 1

    def solve(self) -> tuple[str, list[float], float]:
        # The core class, as the pattern engine's master LP: the wrapper prints a banner.
        h = highspy._Highs()  # type: ignore[attr-defined]
        for name, value in (
            ("output_flag", False),
            ("threads", 1),
            ("random_seed", 0),
            ("solver", "simplex"),
        ):
            h.setOptionValue(name, value)

        def inf(x: float) -> float:
            return highspy.kHighsInf if x == INF else -highspy.kHighsInf if x == -INF else x

        n = len(self.lb)
        h.addCols(
            n,
            np.asarray(self.cost, dtype=np.float64),
            np.asarray([inf(x) for x in self.lb], dtype=np.float64),
            np.asarray([inf(x) for x in self.ub], dtype=np.float64),
            0,
            np.zeros(0, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        starts: list[int] = []
        index: list[int] = []
        values: list[float] = []
        for _, _, terms in self.rows:
            starts.append(len(index))
            for c, v in sorted(terms.items()):
                index.append(c)
                values.append(v)
        if self.rows:
            h.addRows(
                len(self.rows),
                np.asarray([inf(r[0]) for r in self.rows], dtype=np.float64),
                np.asarray([inf(r[1]) for r in self.rows], dtype=np.float64),
                len(index),
                np.asarray(starts, dtype=np.int32),
                np.asarray(index, dtype=np.int32),
                np.asarray(values, dtype=np.float64),
            )
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal", list(h.getSolution().col_value), h.getInfo().objective_function_value
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return "infeasible", [], INF
        return h.modelStatusToString(status), [], INF


@dataclass
class _Hard:
    """One hard row, kept to name it in a refusal."""

    kind: Literal["annual", "average", "young"]
    person: PersonYear
    weeks: tuple[dt.date, ...]
    const: float
    terms: dict[int, float]
    limit: float
    """The row: ``const + terms <= limit`` (``== limit`` for annual hours)."""
    detail: dict[str, float] = field(default_factory=dict)
    slack: tuple[int, ...] = ()


class _Model:
    """The year programme over ``data`` (see the module docstring)."""

    def __init__(
        self,
        data: YearData,
        hours: Mapping[str, Mapping[dt.date, float]] | None,
        propose: Propose | None,
        bounds: tuple[float, float],
        scale: Mapping[tuple[str, int], float],
        elastic: str | None = None,
        families: tuple[str, ...] = ("annual", "young", "average"),
    ) -> None:
        self.data = data
        self.lp = _LP()
        self.elastic = elastic
        self.hard: list[_Hard] = []
        self.bounds = bounds
        self.scale = scale
        self.h: dict[tuple[str, dt.date], Expr] = {}
        self.shape: dict[int, int] = {}
        self.monthly: dict[tuple[str, int], int] = {}
        lo, hi = bounds
        std = data.standard_week
        if propose == "team":
            for m in sorted({w.month for w in data.weeks}):
                self.shape[m] = self.lp.col(lo, hi)
        for p in data.people:
            for w in data.weeks:
                if p.kind == "relief":
                    self.h[p.id, w] = (0.0, {})
                elif p.kind == "fixed" or propose is None:
                    given = hours.get(p.id, {}) if hours is not None else {}
                    self.h[p.id, w] = (float(given.get(w, p.contract)), {})
                elif propose == "person":
                    key = (p.id, w.month)
                    if key not in self.monthly:
                        self.monthly[key] = self.lp.col(lo * p.contract / std, hi * p.contract / std)
                    self.h[p.id, w] = (0.0, {self.monthly[key]: 1.0})
                else:
                    k = scale.get((p.id, data.year_of(w)), 1.0) * p.contract / std
                    self.h[p.id, w] = (0.0, {self.shape[w.month]: k})
        if "annual" in families:
            self._annual(propose)
        if "young" in families:
            self._young()
        if "average" in families:
            self._average()
        if elastic is None:
            self._cover()

    # -- hard rows --------------------------------------------------------------------------------

    def _row(self, hard: _Hard, equal: bool = False) -> None:
        terms = dict(hard.terms)
        if self.elastic == hard.kind:
            over = self.lp.col(0.0, INF, 1.0)
            terms[over] = -1.0
            slack = [over]
            if equal:
                under = self.lp.col(0.0, INF, 1.0)
                terms[under] = 1.0
                slack.append(under)
            hard.slack = tuple(slack)
        self.lp.row(hard.limit - hard.const if equal else -INF, hard.limit - hard.const, terms)
        self.hard.append(hard)

    def _worked(self, p: PersonYear, weeks: Iterable[dt.date]) -> Expr:
        const = 0.0
        terms: dict[int, float] = {}
        for w in weeks:
            a = p.work.get(w, 1.0)
            c, t = self.h[p.id, w]
            const += a * c
            _add(terms, t, a)
        return const, terms

    def _week_hours(self, p: PersonYear, w: dt.date, scale: float) -> Expr:
        """``h[p,w]`` for any week of a leave year: the plan's own, else its month's variable
        when the plan has one, else the contract's week (a proposal fills those months so)."""
        if (p.id, w) in self.h:
            return self.h[p.id, w]
        if (p.id, w.month) in self.monthly:
            return 0.0, {self.monthly[p.id, w.month]: 1.0}
        if w.month in self.shape:
            return 0.0, {self.shape[w.month]: scale * p.contract / self.data.standard_week}
        return scale * p.contract, {}

    def _annual(self, propose: Propose | None) -> None:
        """Each person's annual hours: over the whole leave year when its weeks are known
        (``year_work``), so a proposal read back as a profile gives the same hours; else over
        the plan's weeks (``annual``, ``unbooked``)."""
        if propose is None:
            return  # given hours are scaled to the annual hours before they come here
        d = self.data
        years = sorted({d.year_of(w) for w in d.weeks})
        for year in years:
            weeks = [w for w in d.weeks if d.year_of(w) == year]
            team: list[tuple[PersonYear, Expr, float]] = []
            for p in d.people:
                if p.kind != "self":
                    continue
                if year in p.year_work:
                    every = p.year_work[year]
                    scale = self.scale.get((p.id, year), 1.0)
                    hours = {w: self._week_hours(p, w, scale) for w in every}
                    allowance, target = p.year_unbooked.get(year, 0.0) / len(every), p.year_annual[year]
                    share = dict(every)
                elif year in p.annual:
                    hours = {w: self.h[p.id, w] for w in weeks}
                    allowance, target = p.unbooked.get(year, 0.0) / len(weeks), p.annual[year]
                    share = {w: p.work.get(w, 1.0) for w in weeks}
                else:
                    continue
                const = 0.0
                terms: dict[int, float] = {}
                for w, (c, t) in hours.items():
                    k = share[w] - allowance
                    const += k * c
                    _add(terms, t, k)
                team.append((p, (const, terms), target))
            if propose == "person":
                for p, (const, terms), target in team:
                    self._row(_Hard("annual", p, tuple(weeks), const, terms, target), equal=True)
            elif team:
                const = 0.0
                terms = {}
                for _, (c, t), _target in team:
                    const += c
                    _add(terms, t)
                target = sum(x[2] for x in team)
                self._row(
                    _Hard("annual", team[0][0], tuple(weeks), const, terms, target, {"team": 1.0}), equal=True
                )

    def _window(self, p: PersonYear, end: int) -> tuple[list[dt.date], float, int]:
        """The weeks of the plan in the 17 weeks ending with week ``end``, the history's hours
        before the plan in them and the history's excluded days."""
        d = self.data
        n = d.reference_weeks
        first = d.weeks[0]
        inside = list(d.weeks[max(0, end - n + 1) : end + 1])
        hist, excluded = 0.0, 0
        for k in range(n - len(inside)):
            monday = first - WEEK * (k + 1)
            hours, x = p.history.get(monday, (p.contract, 0))
            hist += hours
            excluded += x
        return inside, hist, excluded

    def _average(self) -> None:
        d = self.data
        limit = d.average_hours * d.reference_weeks
        for p in d.people:
            if p.kind == "relief":
                continue
            for i, w in enumerate(d.weeks):
                if w in p.opted_out:
                    continue
                inside, hist, x = self._window(p, i)
                x += sum(p.excluded.get(v, 0) for v in inside)
                const, terms = self._worked(p, inside)
                b_const, b_terms = 0.0, {}
                if x:
                    if i + 1 < len(d.weeks):
                        c, t = self.h[p.id, d.weeks[i + 1]]
                        b_const, b_terms = (
                            x * c / p.days_per_week,
                            {k: x * v / p.days_per_week for k, v in t.items()},
                        )
                    else:
                        b_const = x * p.contract / p.days_per_week
                    _add(terms, b_terms)
                first = d.weeks[0] - WEEK * (d.reference_weeks - len(inside))
                self._row(
                    _Hard(
                        "average",
                        p,
                        (first, w),
                        hist + const + b_const,
                        terms,
                        limit,
                        {"history": hist, "excluded": x},
                    )
                )

    def _young(self) -> None:
        for p in self.data.people:
            if p.kind == "relief":
                continue
            for w in self.data.weeks:
                if w in p.young:
                    const, terms = self._worked(p, [w])
                    self._row(_Hard("young", p, (w,), const, terms, self.data.young_hours))

    # -- cover ------------------------------------------------------------------------------------

    def _cover(self) -> None:
        d = self.data
        lp = self.lp
        self.y: dict[tuple[str, dt.date], int] = {}
        for p in d.people:
            for w in d.weeks:
                most = p.most.get(w, 7 * 24.0)
                if w in p.young:
                    most = min(most, d.young_hours)
                self.y[p.id, w] = lp.col(0.0, max(0.0, most))
            periods = d.periods or tuple((w,) for w in d.weeks)
            if p.kind == "relief":
                if p.period_most is not None:
                    for period in periods:
                        lp.row(-INF, p.period_most, {self.y[p.id, w]: 1.0 for w in period})
                continue
            bank: dict[dt.date, int] = {}
            if p.kind == "self" and p.bank_cap > 0 and p.bank_week > 0:
                by_period: dict[int, list[int]] = {}
                for w in d.weeks:
                    bank[w] = lp.col(0.0, p.bank_week)
                    by_period.setdefault(d.accounting.get(w, w.toordinal()), []).append(bank[w])
                for cols in by_period.values():
                    lp.row(-INF, p.bank_cap, {c: 1.0 for c in cols})
            for period in periods:
                const, terms = self._worked(p, period)
                row = {k: -v for k, v in terms.items()}
                for w in period:
                    row[self.y[p.id, w]] = 1.0
                    if w in bank:
                        row[bank[w]] = -1.0
                lp.row(-INF, const, row)
            if p.kind == "self":
                limit = d.average_hours * d.reference_weeks
                for i, w in enumerate(d.weeks):
                    if w in p.opted_out:
                        continue
                    inside, hist, _ = self._window(p, i)
                    lp.row(-INF, limit - hist, {self.y[p.id, v]: 1.0 for v in inside})
        self.u: dict[tuple[dt.date, str], int] = {}
        for (w, group), need in sorted(d.demand.items()):
            if need <= 0 or w not in set(d.weeks):
                continue
            col = self.u[w, group] = lp.col(0.0, INF, 1.0)
            row = {col: 1.0}
            for p in d.people:
                if group == "" or group in p.skills:
                    row[self.y[p.id, w]] = 1.0
            lp.row(need, INF, row)

    def deviations(self) -> None:
        """The sum of squared deviations in the objective: each person's hours in each week less
        their contract's week, its square drawn through the points 0, 1/16, 1/8, ..., 32, 64 hours
        (convex, so the simplex fills the segments in order), weighted 1 / weeks."""
        d = self.data
        lp = self.lp
        n = len(d.weeks)
        points = [0.0] + [float(2**k) for k in range(-4, 7)]
        for p in d.people:
            if p.kind != "self":
                continue
            for w in d.weeks:
                const, h = self.h[p.id, w]
                if not h:
                    continue
                terms = dict(h)
                for a, b in itertools.pairwise([*points, INF]):
                    top = 2 * points[-1] if b == INF else b
                    slope = (top * top - a * a) / (top - a) / n
                    for sign in (-1.0, 1.0):
                        terms[lp.col(0.0, b - a, slope)] = -sign
                lp.row(p.contract - const, p.contract - const, terms)  # Σ segments = h - contract

    def value(self, expr: Expr, x: Sequence[float]) -> float:
        const, terms = expr
        return const + sum(v * x[c] for c, v in terms.items())


def _refusal(model: _Model, x: Sequence[float], propose: Propose | None) -> str:
    d = model.data
    lo, hi = model.bounds
    out: list[str] = []
    for hard in model.hard:
        slack = sum(x[c] for c in hard.slack)
        if slack <= 1e-6:
            continue
        p = hard.person
        value = model.value((hard.const, hard.terms), x)
        if hard.kind == "annual":
            weeks = f"{hard.weeks[0]} to {hard.weeks[-1] + dt.timedelta(days=6)}"
            within = f"{lo:g}-{hi:g} h a week" + (
                ""
                if p.contract == d.standard_week or "team" in hard.detail
                else f" (pro rata {lo * p.contract / d.standard_week:.2f}-"
                f"{hi * p.contract / d.standard_week:.2f} h for "
                f"{p.contract:g} h)"
            )
            who = "the team" if "team" in hard.detail else p.id
            more = value < hard.limit
            out.append(
                f"{who}: the {hard.limit:.2f} h to work in the weeks {weeks} do not fit within {within}: "
                f"at {'most' if more else 'least'} {value:.2f} h with the other rules (leave and bank "
                f"holidays credited at each week's rate); widen the range"
            )
        elif hard.kind == "average":
            n = d.reference_weeks
            start, end = hard.weeks[0], hard.weeks[-1] + dt.timedelta(days=6)
            what = (
                "the profile averages" if propose is None else "any plan within the range averages at least"
            )
            out.append(
                f"{p.id}: {what} {value / n:.2f} h a week over the {n} weeks {start} to {end}, "
                f"above the {d.average_hours:g}-hour average "
                f"(WTR_AVERAGE; (A + B) / C with {int(hard.detail['excluded'])} excluded day(s), history "
                "before the plan counted); flatten the season, lower the range or record an opt-out"
            )
        else:
            w = hard.weeks[0]
            out.append(
                f"{p.id}: the {'profile' if propose is None else 'plan'} asks {value:.2f} h in the week "
                f"of {w}, but {p.id} is under 18 then and may work at most {d.young_hours:g} h a week "
                "(YOUNG_WORKER)"
            )
    if not out:
        return "the year's rows cannot all hold; give the solver simpler inputs"
    rest = f"; and {len(out) - 5} more" if len(out) > 5 else ""
    return "; ".join(out[:5]) + rest


def solve_year(
    data: YearData,
    *,
    hours: Mapping[str, Mapping[dt.date, float]] | None = None,
    propose: Propose | None = None,
    bounds: tuple[float, float] = (0.0, 48.0),
    scale: Mapping[tuple[str, int], float] | None = None,
) -> YearSolution:
    """Check given ``hours`` (person -> week -> contracted hours; the contract where absent) or
    propose them (``propose``, within ``bounds`` hours of a standard week, pro rata), and bound
    the hours short (see the module docstring). ``scale``: a team proposal's factor per person
    and leave year (default 1). Raises :class:`YearPlanError` naming the rows that cannot hold."""
    if not data.weeks:
        raise YearPlanError("the plan has no weeks")
    scale = dict(scale or {})
    model = _Model(data, hours, propose, bounds, scale)
    status, x, bound = model.lp.solve()
    if status != "optimal":
        # name the first family of rules that cannot hold with those before it: the annual
        # hours within the range, then the under-18 week, then the 48-hour average
        families = ("annual", "young", "average")
        for k, family in enumerate(families):
            elastic = _Model(data, hours, propose, bounds, scale, elastic=family, families=families[: k + 1])
            e_status, ex, slack = elastic.lp.solve()
            if e_status == "optimal" and slack > 1e-6:
                raise YearPlanError(_refusal(elastic, ex, propose))
        raise YearPlanError(f"the year's linear programme is {status}; give the solver simpler inputs")
    if propose is not None:
        # second stage: the least hours short held, the flattest plan
        lp = model.lp
        lp.cost = [0.0] * len(lp.cost)
        lp.row(-INF, bound + TOLERANCE, {c: 1.0 for c in model.u.values()})
        model.deviations()
        status, x2, _ = lp.solve()
        if status == "optimal":
            x = x2
    d = data
    hours_out = {p.id: {w: model.value(model.h[p.id, w], x) for w in d.weeks} for p in d.people}
    worked = {p.id: {w: x[model.y[p.id, w]] for w in d.weeks} for p in d.people}
    short = {k: x[c] for k, c in model.u.items()}
    shape = {m: x[c] for m, c in model.shape.items()} if model.shape else None
    return YearSolution(hours_out, short, bound, worked, shape)
