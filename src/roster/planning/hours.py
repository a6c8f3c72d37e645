"""The year plan of hours (the year planner's first step, :func:`plan_hours`), before any roster.

The plan's roster periods are cut from ``first`` (any Monday) to ``last`` (:func:`period_starts`);
each gets its dated rows (:func:`dated`: its leave, the year's leave and demand, dated wishes,
exceptions; the year's ``staffing.csv`` by weekday or date by date, :func:`seasonal_staffing`).
One linear programme over the plan's weeks (:mod:`.yearlp` over :mod:`.yeardata`) then gives
each person's contracted hours per week: a typed seasonal profile scaled to their annual hours
and checked, or a proposal (per person, or one shape for the team, :func:`team_shape`), within
``bounds`` hours of a full-time week, pro rata; without a profile everyone works their
contract's week. Its value is a lower bound on the year's hours short of minimum cover.

Each period's independent scenario (:func:`independent`) holds its weeks' hours from the plan
(``week_hours``, :func:`with_hours`) and, after the first, the real history before the plan and
the plan's own hours after it as the history the 48-hour average may assume
(:func:`planned_history`): the rosters can then be solved at once (:mod:`.year`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from roster.domain import (
    Employee,
    HistoryDay,
    Scenario,
    ScenarioError,
    SeasonalLevel,
    StaffingLevel,
    check_scenario,
)
from roster.io import YearInputs
from roster.planning.annual import POLICY_RULE, AnnualRule
from roster.planning.profile import Profile, profiles_from_rows
from roster.planning.yeardata import annualised, rounded, year_data
from roster.planning.yearlp import Propose, YearData, YearSolution, solve_year
from roster.workflow.carry import HISTORY_WEEKS, within

WEEK = dt.timedelta(weeks=1)


class PlanError(ValueError):
    """Inputs the planner cannot use (the message says what and what to do)."""


def period_starts(first: dt.date, last: dt.date, weeks: int) -> list[dt.date]:
    """The starts of the whole periods of ``weeks`` weeks from ``first`` ending by ``last``."""
    if first.weekday() != 0:
        raise PlanError(f"the plan starts on {first:%A %d %B %Y}: start it on a Monday")
    out = []
    start = first
    while start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1) <= last:
        out.append(start)
        start += dt.timedelta(weeks=weeks)
    if not out:
        raise PlanError(f"{first} to {last} holds no whole roster period of {weeks} weeks")
    return out


def with_hours(sc: Scenario, weekly: Mapping[str, Mapping[dt.date, float]]) -> Scenario:
    """``sc`` with each planned person's weeks (``week_hours``) from ``weekly``."""
    if not weekly:
        return sc
    mondays = [sc.service.start_date + WEEK * k for k in range(sc.service.weeks)]
    people = []
    for e in sc.employees:
        if e.id not in weekly:
            people.append(e)
            continue
        hours = tuple(weekly[e.id][m] for m in mondays)
        try:
            people.append(Employee.model_validate({**e.model_dump(), "week_hours": hours}))
        except ValidationError as err:
            raise PlanError(
                f"{e.id}: the plan's hours in the period from {sc.service.start_date} cannot be "
                f"rostered: {err.errors()[0]['msg'].removeprefix('Value error, ')}; "
                "lower the profile's longest season"
            ) from None
    return sc.model_copy(update={"employees": tuple(people)})


def seasonal_staffing(rows: Sequence[SeasonalLevel], days: Sequence[dt.date]) -> tuple[StaffingLevel, ...]:
    """The year's staffing rows for the roster period of ``days``: by weekday when every week
    of the period has the same rows, else date by date (a date row replaces the weekday's)."""
    per_day = {d: [r for r in rows if r.applies(d)] for d in days}
    by_weekday: dict[int, list[list[SeasonalLevel]]] = {}
    for d, mine in per_day.items():
        by_weekday.setdefault(d.weekday(), []).append(mine)
    steady = all(all(x == same[0] for x in same) for same in by_weekday.values()) and not any(
        r.date is not None for r in rows if any(r.applies(d) for d in days)
    )
    out: list[StaffingLevel] = []
    if steady:
        seen: set[tuple[object, ...]] = set()
        for d in days:
            for r in per_day[d]:
                key = (r.day, r.start, r.end, r.skill)
                if key not in seen:
                    seen.add(key)
                    out.append(
                        StaffingLevel(
                            day=r.day, start=r.start, end=r.end, skill=r.skill, min=r.min, max=r.max
                        )
                    )
        return tuple(out)
    for d in days:
        out += [
            StaffingLevel(day=d.isoformat(), start=r.start, end=r.end, skill=r.skill, min=r.min, max=r.max)
            for r in per_day[d]
        ]
    return tuple(out)


def dated(base: Scenario, full: Scenario, start: dt.date, year: YearInputs) -> Scenario:
    """``base`` (carried on) with the dated rows of ``full`` (the scenario and the year's files)
    inside its period; checked as any scenario is."""
    inside = within(full, start)
    staffing = seasonal_staffing(year.staffing, base.service.days) if year.staffing else inside.staffing
    sc = base.model_copy(
        update={
            "leave": inside.leave,
            "preferences": inside.preferences or base.preferences,
            "shift_requests": inside.shift_requests or base.shift_requests,
            "staffing": staffing,
            "service": base.service.model_copy(update={"exceptions": inside.service.exceptions}),
        }
    )
    try:
        check_scenario(sc)
    except ScenarioError as err:
        where = f"{err.table} row {err.index + 2}" if err.index is not None else err.table
        raise PlanError(
            f"the period from {start}: {where} (of the period's scenario): {err.message}; "
            f"check the year's files ({', '.join(year.sources) or 'none'}) and the scenario's"
        ) from None
    return sc


def _shape_profile(shape: Mapping[int, float], standard: float) -> Profile:
    """A team shape (hours of a full-time week per month in the plan) as a profile; a month the
    plan does not reach weighs a full-time week."""
    return Profile({m: Decimal(str(round(shape.get(m, standard), 4))) for m in range(1, 13)})


def team_shape(data: YearData, bounds: tuple[float, float], rounds: int = 6) -> dict[int, float]:
    """One shape for the team (hours of a full-time week per month), each person's weeks the shape
    scaled to their annual hours: the programme takes each person's factor from the shape before
    (1 at first) and is solved again until the factors settle."""
    scale: dict[tuple[str, int], float] = {}
    shape: dict[int, float] = {}
    for _ in range(rounds):
        solution = solve_year(data, propose="team", bounds=bounds, scale=scale)
        assert solution.shape is not None
        shape = solution.shape
        profile = _shape_profile(shape, data.standard_week)
        new: dict[tuple[str, int], float] = {}
        for p in data.people:
            if p.kind != "self" or not p.year_annual:
                continue
            hours = annualised(p, profile, data)
            for y in p.year_annual:
                week = next(w for w in data.weeks if data.year_of(w) == y)
                base = p.contract / data.standard_week * float(profile.monthly[week.month])
                new[p.id, y] = hours[week] / base if base else 1.0
        settled = scale and all(abs(new[k] - scale.get(k, 1.0)) < 1e-4 for k in new)
        scale = new
        if settled:
            break
    return shape


def _plan_hours(data: YearData, profiles: Mapping[str, Profile]) -> dict[str, dict[dt.date, float]]:
    """Each annualised person's typed profile scaled to their annual hours."""
    out = {}
    for p in data.people:
        profile = profiles.get(p.id, profiles.get(""))
        if p.kind == "self" and p.year_annual and profile is not None:
            out[p.id] = annualised(p, profile, data)
    return out


def planned_history(
    shells: Sequence[Scenario], data: YearData, weekly: Mapping[str, Mapping[dt.date, float]], upto: dt.date
) -> list[HistoryDay]:
    """The plan's weeks before ``upto`` as history rows: each week's planned hours (its weeks'
    hours x the share worked) spread evenly over its first working days (``days_per_week`` of
    them, rounded up: dates the service can be worked, not closed, not on leave), its whole-day
    leave as absences of their type, closed days (a bank holiday, even inside a week of leave)
    and the rest as days off, as :func:`roster.workflow.next_scenario` records them."""
    out: list[HistoryDay] = []
    people = {p.id: p for p in data.people}
    for sc in shells:
        if sc.service.start_date >= upto:
            break
        svc = sc.service
        for emp in sc.employees:
            person = people[emp.id]
            leave = {
                d: lv.type for lv in sc.leave if lv.employee_id == emp.id and lv.whole_day for d in lv.dates()
            }
            for k in range(svc.weeks):
                monday = svc.start_date + WEEK * k
                days = [monday + dt.timedelta(days=i) for i in range(7)]
                hours = person.work.get(monday, 1.0) * weekly.get(emp.id, {}).get(monday, emp.hours_per_week)
                free = [d for d in days if svc.bandwidth_on(d) is not None and d not in leave]
                chosen = free[: max(1, math.ceil(emp.days_per_week))] if hours > 0 else []
                each = min(24.0, round(hours / len(chosen), 2)) if chosen else 0.0
                for d in days:
                    out.append(
                        HistoryDay(
                            employee_id=emp.id,
                            date=d,
                            hours=each if d in chosen else 0.0,
                            absence=None if svc.is_closed(d) else leave.get(d),  # a bank holiday is not leave
                        )
                    )
    return out


def independent(
    k: int,
    shells: Sequence[Scenario],
    scenario: Scenario,
    first: dt.date,
    data: YearData,
    weekly: Mapping[str, Mapping[dt.date, float]],
) -> Scenario:
    """Period ``k``'s independent scenario: its shell with the plan's weeks; after the first, the
    real history before the plan and the plan's own after it, nothing banked (the plan meets
    each target exactly)."""
    shell = shells[k]
    sc = with_hours(shell, weekly)
    if k == 0:
        return sc
    start = shell.service.start_date
    keep = start - dt.timedelta(weeks=HISTORY_WEEKS)
    real = [h for h in scenario.history if keep <= h.date < first]
    planned = planned_history(shells, data, weekly, start)
    rows = sorted(real + [h for h in planned if h.date >= keep], key=lambda h: (h.employee_id, h.date))
    return sc.model_copy(update={"history": tuple(rows), "banked": ()})


@dataclass
class YearHours:
    """The year plan of hours, before any roster (:func:`plan_hours`)."""

    starts: list[dt.date]
    shells: list[Scenario]
    """Each period's scenario with its dated rows (not yet carried on)."""
    full: Scenario
    """The scenario with the year's leave."""
    data: YearData
    solution: YearSolution
    weekly: dict[str, dict[dt.date, float]]
    """The hours each annualised person is contracted for in each week, to the hundredth."""
    profiles: dict[str, Profile]
    """The profiles the hours come from (a team proposal's shape among them)."""
    proposal: dict[str, dict[int, float]] = field(default_factory=dict)

    def period(self, k: int) -> Scenario:
        """Period ``k``'s dated scenario with the plan's weeks (``week_hours``)."""
        return with_hours(self.shells[k], self.weekly)


def plan_hours(
    scenario: Scenario,
    first: dt.date,
    last: dt.date,
    *,
    profiles: Mapping[str, Profile] | None = None,
    year: YearInputs | None = None,
    rule: AnnualRule = POLICY_RULE,
    propose: Propose | None = None,
    bounds: tuple[float, float] = (30.0, 44.0),
) -> YearHours:
    """The year plan's step 1 (see the module docstring): each person's hours per week and the
    bound on the hours short, without solving a roster. Raises :class:`PlanError`, or
    ``ProfileError`` naming the person, the rule and the weeks that cannot hold."""
    year = year or YearInputs()
    profiles = {} if propose else dict(profiles if profiles is not None else profiles_from_rows(year.profile))
    starts = period_starts(first, last, scenario.service.weeks)
    rule = rule.model_copy(update={"region": scenario.service.bank_holidays})
    full = scenario.model_copy(
        update={"leave": scenario.leave + tuple(lv for lv in year.leave if lv not in scenario.leave)}
    )
    shells = [dated(within(scenario, start), full, start, year) for start in starts]
    before = within(scenario, first)
    selfish = {e.id for e in scenario.employees if not e.relief and e.pattern == "self"}
    typed = {e for e in selfish if e in profiles or "" in profiles}
    data = year_data(before, shells, rule, full=full, annualised=selfish if propose else typed)
    proposal: dict[str, dict[int, float]] = {}
    if propose == "person":
        solution = solve_year(data, propose="person", bounds=bounds)
        for p in data.people:
            if p.annual:  # a month the plan does not reach: the contract's week
                proposal[p.id] = {m: p.contract for m in range(1, 13)} | solution.months(p.id)
    else:
        if propose == "team":
            profiles = {"": _shape_profile(team_shape(data, bounds), data.standard_week)}
        solution = solve_year(data, hours=_plan_hours(data, profiles))
        if propose == "team":  # the shape as a full-time person's weeks
            full_time: dict[int, list[float]] = {}
            for p in data.people:
                if p.annual and p.contract:
                    for w in data.weeks:
                        full_time.setdefault(w.month, []).append(
                            solution.hours[p.id][w] * data.standard_week / p.contract
                        )
            proposal = {
                "": {m: data.standard_week for m in range(1, 13)}
                | {m: sum(v) / len(v) for m, v in full_time.items()}
            }
    weekly = {
        p.id: {w: rounded(solution.hours[p.id][w]) for w in data.weeks}
        for p in data.people
        if p.kind == "self" and p.year_annual
    }
    return YearHours(starts, shells, full, data, solution, weekly, profiles, proposal)
