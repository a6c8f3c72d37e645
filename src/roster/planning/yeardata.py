"""The year plan's numbers from a scenario: each person's weeks, the year's demand.

:func:`year_data` reads the plan's roster periods (each a scenario with its own dated rows,
:func:`period_shells`) week by week, as the rosters will read them:

* **weeks and leave years**: a week belongs to the leave year (and the month) of its
  Monday, so no week is counted in two years (:func:`.profile.year_weeks`);
* **work**: the share of a week's contracted hours a person works, 1 less the week's closed
  weekdays / 5 and its days of credited leave (on days the service can be worked) / days per
  week, each at the rate of the week it falls in, as CONTRACT_HOURS credits them (term-time
  holidays like leave; part-day leave is not counted);
* **excluded days** of the 48-hour average: the dates of whole-day leave of an excluded type
  (annual leave, sick, maternity, paternity, adoption, parental), and before the plan what
  the history says each date was; a bank holiday is a closed day, not leave, unless the
  history says otherwise;
* **annual hours** of each leave year (:func:`.annual.annual_hours`), and the weeks of the
  year's leave entitlement not booked in the year's files (allowed for at the mean week);
  the weeks of a leave year outside the plan are read from the year's files and calendar,
  so a profile is scaled over the whole year whatever part of it the plan covers; a proposal
  gives the plan's weeks their share of the year's hours in proportion to their number;
* **demand**: each week's person-hours of minimum cover per staffing group, from the
  period's own cover rows (an empty roster is short of exactly its demand);
* the hours a week could hold at most (six days of the longest paid shift the person may work),
  the banked-time cap pro rata to the contract and the daily limit (a flexi team's: its credit
  allowed, 15 h, both), for the bound.

:func:`annualised` scales a typed profile to a person: their hours worked over each leave
year (each week's hours times its ``work``, less the unbooked leave) are the annual hours
exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Literal

from roster.domain import EXCLUDED_ABSENCES, Employee, Roster, Scenario, is_young
from roster.planning.annual import AnnualRule, annual_hours, leave_year_of
from roster.planning.profile import Profile, year_weeks
from roster.planning.yearlp import PersonYear, YearData, solve_year
from roster.timegrid import accounting_period_index, is_weekend
from roster.validation import cover_table

WEEK = dt.timedelta(weeks=1)


def _mondays(sc: Scenario) -> list[dt.date]:
    start = sc.service.start_date
    return [start + WEEK * k for k in range(sc.service.weeks)]


def _week_of(sc: Scenario, emp: Employee, monday: dt.date) -> tuple[float, int, float, float]:
    """(work share, excluded days, annual leave taken in weeks, most hours) of one week."""
    svc = sc.service
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    whole = {}
    for lv in sc.leave:
        if lv.employee_id == emp.id and lv.whole_day:
            for d in lv.dates():
                if monday <= d < monday + WEEK:
                    whole[d] = lv
    closed = sum(1 for d in days if not is_weekend(d) and svc.is_closed(d))
    credited = [d for d, lv in whole.items() if lv.credited and svc.bandwidth_on(d) is not None]
    holiday = [
        d
        for d in days
        if emp.term_time_only
        and svc.is_school_holiday(d)
        and svc.bandwidth_on(d) is not None
        and d not in whole
    ]
    share = max(0.0, 1.0 - closed / 5 - (len(credited) + len(holiday)) / emp.days_per_week)
    excluded = sum(1 for lv in whole.values() if lv.type in EXCLUDED_ABSENCES)
    # the week's annual leave in weeks: credited like any leave, at most what the closures leave
    annual_days = sum(1 for d in credited if whole[d].type == "annual_leave")
    annual = min(annual_days / emp.days_per_week, max(0.0, 1.0 - closed / 5))
    _, longest = emp.shift_bounds(svc.shift_length)
    free = 0
    for d in days:
        band = svc.bandwidth_on(d)
        if band is None or d in whole:
            continue
        free += 1
    length = max((b.end - b.start for d in days if (b := svc.bandwidth_on(d)) is not None), default=0)
    paid = min(longest, length)
    if paid > svc.breaks.threshold_minutes:
        paid -= svc.breaks.break_minutes
    return share, excluded, annual, min(6, free) * paid / 60


def _history(sc: Scenario, emp: Employee, first: dt.date, weeks: int) -> dict[dt.date, tuple[float, int]]:
    """The ``weeks`` weeks before ``first``: hours worked and excluded days, from what the history
    says each date was (a date with no row: the contract's week / 7, as the validator assumes)."""
    rows = {h.date: h for h in sc.history if h.employee_id == emp.id}
    out: dict[dt.date, tuple[float, int]] = {}
    for k in range(1, weeks + 1):
        monday = first - WEEK * k
        hours, excluded = 0.0, 0
        for i in range(7):
            row = rows.get(monday + dt.timedelta(days=i))
            if row is None:
                hours += round(emp.weekly_minutes / 7) / 60
            else:
                hours += round(row.hours * 60) / 60
                excluded += row.absence in EXCLUDED_ABSENCES
        out[monday] = (hours, excluded)
    return out


def demand(sc: Scenario) -> dict[tuple[dt.date, str], float]:
    """Person-hours of minimum cover per week (Monday) and group (``""``: the whole team)."""
    out: dict[tuple[dt.date, str], float] = {}
    for row in cover_table(sc, Roster()):
        if row.under <= 0:
            continue
        monday = row.date - dt.timedelta(days=row.date.weekday())
        key = (monday, row.skill or "")
        out[key] = out.get(key, 0.0) + row.under * (row.end - row.start) / 60
    return out


def year_data(
    scenario: Scenario,
    shells: Sequence[Scenario],
    rule: AnnualRule,
    *,
    full: Scenario | None = None,
    annualised: Collection[str] = (),
) -> YearData:
    """The plan's numbers (see the module docstring). ``scenario``: the team, its history
    before the plan and its opt-outs; ``shells``: the plan's roster periods, in order, with
    their dated rows; ``full``: the scenario with all the year's leave (the weeks outside the
    plan are read from it); ``annualised``: the people whose hours the plan decides from
    their annual hours (the others work their contract's week)."""
    full = full or scenario
    weeks = [m for sc in shells for m in _mondays(sc)]
    first = weeks[0]
    svc = scenario.service
    wt = svc.working_time
    acc = svc.accrual
    rule = rule.model_copy(update={"region": svc.bank_holidays})
    years = sorted({leave_year_of(w, rule) for w in weeks})
    all_weeks = {y: year_weeks(y, rule) for y in years}
    people = []
    for emp in scenario.employees:
        kind: Literal["self", "fixed", "relief"] = (
            "relief" if emp.relief else "fixed" if emp.pattern == "fixed" else "self"
        )
        work: dict[dt.date, float] = {}
        excluded: dict[dt.date, int] = {}
        booked: dict[dt.date, float] = {}
        most: dict[dt.date, float] = {}
        for sc in shells:
            for monday in _mondays(sc):
                work[monday], excluded[monday], booked[monday], most[monday] = _week_of(sc, emp, monday)
        annual: dict[int, float] = {}
        unbooked: dict[int, float] = {}
        year_work: dict[int, dict[dt.date, float]] = {}
        year_annual: dict[int, float] = {}
        year_unbooked: dict[int, float] = {}
        if kind == "self" and emp.id in annualised:
            for y in years:
                year_work[y] = {}
                taken = 0.0
                for w in all_weeks[y]:
                    if w in work:
                        year_work[y][w], taken = work[w], taken + booked[w]
                    else:
                        share, _, leave, _ = _week_of(full, emp, w)
                        year_work[y][w], taken = share, taken + leave
                year_annual[y] = float(annual_hours(emp.hours_per_week, y, rule).hours)
                entitled = float(rule.leave_days) / rule.days_per_week
                year_unbooked[y] = max(0.0, entitled - taken)
                share = sum(1 for w in weeks if leave_year_of(w, rule) == y) / len(all_weeks[y])
                annual[y] = year_annual[y] * share
                unbooked[y] = year_unbooked[y] * share
        limits = next((lim for lim in scenario.shift_limits if lim.employee_id == emp.id), None)
        if svc.flexi is not None:
            bank_cap = bank_week = svc.flexi.max_credit_minutes / 60
        else:
            bank_cap = acc.period_cap_minutes * emp.hours_per_week * 60 / acc.standard_week_minutes / 60
            bank_week = acc.daily_limit_minutes * 6 / 60
        people.append(
            PersonYear(  # a flexi team's credit (15 h) in place of the 22-minute rule's cap and limit
                id=emp.id,
                contract=emp.hours_per_week,
                skills=frozenset(emp.skills),
                kind=kind,
                days_per_week=emp.days_per_week,
                work=work,
                excluded=excluded,
                young=frozenset(w for w in weeks if is_young(emp.date_of_birth, w)),
                opted_out=frozenset(w for w in weeks if scenario.opted_out(emp.id, w + dt.timedelta(days=6))),
                history=_history(scenario, emp, first, wt.reference_weeks - 1),
                annual=annual,
                unbooked=unbooked,
                most=most,
                bank_cap=bank_cap,
                bank_week=bank_week,
                period_most=None
                if limits is None or limits.max_total_minutes is None
                else limits.max_total_minutes / 60,
                year_work=year_work,
                year_annual=year_annual,
                year_unbooked=year_unbooked,
            )
        )
    need: dict[tuple[dt.date, str], float] = {}
    for sc in shells:
        need.update(demand(sc))
    return YearData(
        weeks=tuple(weeks),
        people=tuple(people),
        demand=need,
        periods=tuple(tuple(_mondays(sc)) for sc in shells),
        accounting={w: accounting_period_index(acc.anchor, acc.period_weeks, w) for w in weeks},
        leave_year={w: leave_year_of(w, rule) for w in weeks},
        average_hours=wt.average_max_weekly_minutes / 60,
        reference_weeks=wt.reference_weeks,
        young_hours=wt.young_max_weekly_minutes / 60,
        standard_week=acc.standard_week_minutes / 60,
    )


def annualised(person: PersonYear, profile: Profile, data: YearData) -> dict[dt.date, float]:
    """``profile`` scaled to ``person`` in each leave year of the plan, over the whole year: the
    hours they work over the year's weeks (each week's hours x its ``work``, less the leave not
    booked at the year's mean week) are the annual hours exactly. Returns the plan's weeks."""
    out: dict[dt.date, float] = {}
    for y, weeks in person.year_work.items():
        raw = {w: float(profile.monthly[w.month]) for w in weeks}
        worked = sum(a * raw[w] for w, a in weeks.items())
        worked -= person.year_unbooked.get(y, 0.0) * sum(raw.values()) / len(raw)
        k = person.year_annual[y] / worked if worked > 0 else 0.0
        out.update({w: raw[w] * k for w in data.weeks if w in raw})
    return out


def rounded(hours: float) -> float:
    """Hours to the hundredth, half up (a period's ``week_hours``)."""
    return float(Decimal(str(hours)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))


def check_legal(scenario: Scenario, employee: Employee, weekly: Mapping[dt.date, Decimal]) -> None:
    """Refuse (:class:`ProfileError`) weekly hours the person could not work legally: the weeks
    of ``weekly`` worked in full, the weeks before them from the scenario's history (what it
    says each date was: hours, and the excluded days of the 48-hour average), the contract's
    week where it has no row. The year plan's own check (:func:`.yearlp.solve_year`) on one person."""
    weeks = sorted(weekly)
    wt = scenario.service.working_time
    person = PersonYear(
        id=employee.id,
        contract=employee.hours_per_week,
        days_per_week=employee.days_per_week,
        young=frozenset(w for w in weeks if is_young(employee.date_of_birth, w)),
        opted_out=frozenset(w for w in weeks if scenario.opted_out(employee.id, w + dt.timedelta(days=6))),
        history=_history(scenario, employee, weeks[0], wt.reference_weeks - 1),
    )
    data = YearData(
        weeks=tuple(weeks),
        people=(person,),
        average_hours=wt.average_max_weekly_minutes / 60,
        reference_weeks=wt.reference_weeks,
        young_hours=wt.young_max_weekly_minutes / 60,
    )
    solve_year(data, hours={employee.id: {w: float(h) for w, h in weekly.items()}})
