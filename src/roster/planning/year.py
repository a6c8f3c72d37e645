"""The year planner: a chain of roster periods across a year, each solved and carried on.

:func:`plan_year` solves the roster periods from ``first`` (a Monday) to ``last``, each of
the scenario's length (three weeks), in order. Each period's scenario is the one before
carried over by :func:`roster.workflow.next_scenario` (the same function as ``roster
next``: history, banked time, fairness), its dated rows (leave, staffing date rows,
exceptions) those of the scenario that fall inside it; with a seasonal profile each
person's contracted week for the period comes from it (:func:`.profile.period_hours`),
through the ordinary CONTRACT_HOURS rule. Dated wishes apply to the first period only
(the team fills in the later ones when their time comes) unless dated inside a later
period; standing wishes stand.

Every period is written as it is solved: ``periods/NN-START/`` holds its scenario folder
(``scenario/``) and the solve's outputs (``out/``), and ``plan.json`` lists the periods done.

**Dated inputs across the year.** A roster scenario holds only its own three weeks; the year's
leave, demand and seasonal profile come from its ``year/`` folder (:mod:`roster.io.year_files`).
Each period takes the dated rows that fall inside it, from the year's files and from the
scenario's own (its leave, dated wishes, exceptions and dated staffing rows apply in the period
holding their dates, wherever the plan starts). The year's ``staffing.csv``, when given,
replaces the scenario's staffing: a period whose weeks all have the same rows gets them by
weekday, one that crosses a season's edge gets them date by date.
A plan started again with the same inputs goes on after the last period done; a folder
holding a plan of other inputs is refused (nothing in it is overwritten).

The **glide path** is each person's balance against their annual hours: after each period,
the hours rostered so far against the share of the annual hours the weeks so far carry (the
annual hours spread over the leave year's weeks in proportion to the profile's weekly hours;
equally without a profile). A plan of part of the year is measured against that part's share.
Leave lowers the hours rostered, not the share (annual hours already allow for the year's leave
and bank holidays), so the path dips in a week of leave and climbs back after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from roster.domain import (
    Roster,
    Scenario,
    ScenarioError,
    SeasonalLevel,
    SolverSettings,
    StaffingLevel,
    check_scenario,
    contract_target,
)
from roster.io import YearInputs, atomic_write_text, load_scenario, read_roster_csv, save_scenario
from roster.model import solve
from roster.planning.annual import POLICY_RULE, AnnualRule, annual_hours, leave_year
from roster.planning.profile import Profile, check_legal, period_hours, profiles_from_rows, scaled, year_weeks
from roster.reports import hours_frame, shortfalls, write_outputs
from roster.validation import ValidationReport, validate
from roster.workflow.carry import next_scenario, within

STATE = "plan.json"

Progress = Callable[[int, int, str], None]
"""Called after each period: (periods done, periods in all, a line about the last one)."""


class PlanError(ValueError):
    """Inputs the planner cannot use (the message says what and what to do)."""


@dataclass(frozen=True)
class PeriodResult:
    index: int
    start: dt.date
    status: str
    objective: int | None
    gap: float | None
    short_hours: float
    wishes_honoured: float | None
    resumed: bool = False
    reproducible: bool = True
    """No wall-clock guard stopped a stage of the period's search (``SolveResult.reproducible``)."""


@dataclass
class YearPlan:
    periods: list[PeriodResult] = field(default_factory=list)
    glide: list[dict[str, object]] = field(default_factory=list)
    """One row per person and period (see the module docstring)."""
    months: list[dict[str, object]] = field(default_factory=list)
    """Minimum cover short per calendar month, in person-hours."""
    annual: dict[str, Decimal] = field(default_factory=dict)
    history: list[tuple[Scenario, Roster]] = field(default_factory=list, repr=False)
    """Each period's scenario and roster, in order (the yearly calendars read them)."""


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


def _with_hours(sc: Scenario, weekly: Mapping[str, Mapping[dt.date, Decimal]]) -> Scenario:
    if not weekly:
        return sc
    people = tuple(
        e.model_copy(update={"hours_per_week": float(period_hours(weekly[e.id], sc.service.start_date,
                                                                  sc.service.weeks))})
        if e.id in weekly else e
        for e in sc.employees
    )
    return sc.model_copy(update={"employees": people})


def seasonal_staffing(rows: Sequence[SeasonalLevel], days: Sequence[dt.date]) -> tuple[StaffingLevel, ...]:
    """The year's staffing rows for the roster period of ``days``: by weekday when every week
    of the period has the same rows, else date by date (a date row replaces the weekday's)."""
    per_day = {d: [r for r in rows if r.applies(d)] for d in days}
    by_weekday: dict[int, list[list[SeasonalLevel]]] = {}
    for d, mine in per_day.items():
        by_weekday.setdefault(d.weekday(), []).append(mine)
    steady = all(all(x == same[0] for x in same) for same in by_weekday.values()) and \
        not any(r.date is not None for r in rows if any(r.applies(d) for d in days))
    out: list[StaffingLevel] = []
    if steady:
        seen: set[tuple[object, ...]] = set()
        for d in days:
            for r in per_day[d]:
                key = (r.day, r.start, r.end, r.skill)
                if key not in seen:
                    seen.add(key)
                    out.append(StaffingLevel(day=r.day, start=r.start, end=r.end, skill=r.skill,
                                             min=r.min, max=r.max))
        return tuple(out)
    for d in days:
        out += [StaffingLevel(day=d.isoformat(), start=r.start, end=r.end, skill=r.skill, min=r.min,
                              max=r.max) for r in per_day[d]]
    return tuple(out)


def _dated(base: Scenario, full: Scenario, start: dt.date, year: YearInputs) -> Scenario:
    """``base`` (carried on) with the dated rows of ``full`` (the scenario and the year's files)
    inside its period; checked as any scenario is."""
    inside = within(full, start)
    staffing = (seasonal_staffing(year.staffing, base.service.days) if year.staffing else inside.staffing)
    sc = base.model_copy(update={
        "leave": inside.leave,
        "preferences": inside.preferences or base.preferences,
        "shift_requests": inside.shift_requests or base.shift_requests,
        "staffing": staffing,
        "service": base.service.model_copy(update={"exceptions": inside.service.exceptions}),
    })
    try:
        check_scenario(sc)
    except ScenarioError as err:
        where = f"{err.table} row {err.index + 2}" if err.index is not None else err.table
        raise PlanError(f"the period from {start}: {where} (of the period's scenario): {err.message}; "
                        f"check the year's files ({', '.join(year.sources) or 'none'}) and the scenario's"
                        ) from None
    return sc


def _inputs_hash(sc: Scenario, starts: list[dt.date], settings: SolverSettings,
                 profiles: Mapping[str, Profile], year: YearInputs, engine: str) -> str:
    h = hashlib.sha256(sc.content_hash().encode())
    h.update(engine.encode())
    for rows in (year.leave, year.staffing):
        h.update(json.dumps([r.model_dump(mode="json") for r in rows]).encode())
    h.update(json.dumps([str(s) for s in starts]).encode())
    h.update(settings.model_dump_json(exclude={"time_limit"}).encode())
    shapes = {k: {str(m): str(v) for m, v in p.monthly.items()} for k, p in sorted(profiles.items())}
    h.update(json.dumps(shapes, sort_keys=True).encode())
    return h.hexdigest()


def plan_year(
    scenario: Scenario,
    first: dt.date,
    last: dt.date,
    out: Path,
    settings: SolverSettings,
    *,
    profiles: Mapping[str, Profile] | None = None,
    year: YearInputs | None = None,
    rule: AnnualRule = POLICY_RULE,
    progress: Progress | None = None,
    engine: str = "auto",
) -> YearPlan:
    """Plan the year (see the module docstring). ``profiles``: person id (or ``""`` for the
    whole team) -> seasonal profile (default: the year's ``profile.csv``); ``year``: the year's
    dated inputs (:func:`roster.io.load_year`). Raises :class:`PlanError` or ``ProfileError``
    for inputs that cannot be planned."""
    year = year or YearInputs()
    profiles = dict(profiles if profiles is not None else profiles_from_rows(year.profile))
    weeks = scenario.service.weeks
    starts = period_starts(first, last, weeks)
    begins = first.year if first >= leave_year(first.year, rule)[0] else first.year - 1
    year_start = leave_year(begins, rule)[0]
    rule = rule.model_copy(update={"region": scenario.service.bank_holidays})
    mondays = year_weeks(year_start.year, rule)
    weekly: dict[str, dict[dt.date, Decimal]] = {}
    for e in scenario.employees:
        profile = profiles.get(e.id, profiles.get(""))
        if profile is not None and not e.relief:
            weekly[e.id] = scaled(profile, e.hours_per_week, mondays)
            check_legal(scenario, e, weekly[e.id])
    for w in starts:
        if w - dt.timedelta(days=w.weekday()) + dt.timedelta(weeks=weeks - 1) > mondays[-1] and weekly:
            raise PlanError(f"the period from {w} runs past the leave year of the profile ({mondays[-1]})")
    out = Path(out)
    key = _inputs_hash(scenario, starts, settings, profiles, year, engine)
    full = scenario.model_copy(update={
        "leave": scenario.leave + tuple(lv for lv in year.leave if lv not in scenario.leave)})
    state_path = out / STATE
    done: list[dict[str, object]] = []
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        if state.get("inputs") != key:
            raise PlanError(f"{out} holds a plan of other inputs; choose another --out (nothing was changed)")
        done = list(state.get("done", []))
    elif out.exists() and any(out.iterdir()):
        raise PlanError(f"{out} exists and is not a plan's folder: choose a new --out")
    out.mkdir(parents=True, exist_ok=True)
    plan = YearPlan(annual={e.id: annual_hours(e.hours_per_week, year_start.year, rule).hours
                            for e in scenario.employees if not e.relief})
    history: list[tuple[Scenario, Roster, ValidationReport]] = []
    for i, start in enumerate(starts):
        folder = out / "periods" / f"{i + 1:02d}-{start.isoformat()}"
        if i < len(done):
            sc = load_scenario(folder / "scenario")
            roster = read_roster_csv(folder / "out" / "roster.csv")
            report = validate(sc, roster)
            plan.periods.append(_resumed(i, start, done[i]))
        else:
            base = within(scenario, start) if not history else next_scenario(*history[-1], start)[0]
            sc = _with_hours(_dated(base, full, start, year), weekly)
            result = solve(sc, settings, engine=engine)
            if not result.has_roster:
                raise PlanError(f"no roster for the period from {start} ({result.status}): "
                                + "; ".join(result.diagnosis or ("give the solver more time",)))
            roster = result.roster
            report = validate(sc, roster)
            save_scenario(sc, folder / "scenario")
            write_outputs(folder / "out", sc, result, report)
            short = float(shortfalls(sc, roster)["person_hours_short"].sum())
            wishes = report.wishes
            honoured = (sum(w.honoured for w in wishes) / len(wishes)) if wishes else None
            gap = None
            if result.objective and result.best_bound is not None:
                gap = max(0.0, (result.objective - result.best_bound) / max(1.0, abs(result.objective)))
            done.append({"start": start.isoformat(), "status": result.status, "objective": result.objective,
                         "gap": gap, "short_hours": round(short, 2), "wishes": honoured,
                         "reproducible": result.reproducible})
            atomic_write_text(state_path, json.dumps({"inputs": key, "done": done}, indent=1))
            plan.periods.append(PeriodResult(i, start, result.status, result.objective, gap, round(short, 2),
                                             honoured, reproducible=result.reproducible))
        history.append((sc, roster, report))
        if progress is not None:
            last_one = plan.periods[-1]
            again = " (done before)" if last_one.resumed else ""
            progress(i + 1, len(starts), f"{start}: {last_one.status}, objective {last_one.objective}, "
                                          f"{last_one.short_hours:g} h short{again}")
    plan.history = [(sc, roster) for sc, roster, _ in history]
    _glide(plan, history, weekly, mondays)
    _months(plan, history)
    return plan


def _resumed(i: int, start: dt.date, row: Mapping[str, object]) -> PeriodResult:
    def number(key: str) -> float | None:
        value = row.get(key)
        return float(value) if isinstance(value, (int, float)) else None

    objective = row.get("objective")
    return PeriodResult(i, start, str(row["status"]), objective if isinstance(objective, int) else None,
                        number("gap"), number("short_hours") or 0.0, number("wishes"), resumed=True,
                        reproducible=bool(row.get("reproducible", True)))


def _glide(plan: YearPlan, history: list[tuple[Scenario, Roster, ValidationReport]],
           weekly: Mapping[str, Mapping[dt.date, Decimal]], mondays: Sequence[dt.date]) -> None:
    for emp, annual in plan.annual.items():
        # each week of the leave year carries the annual hours in proportion to its profile
        # hours (equal weeks without a profile): the path a person on target follows
        weights = {m: float(weekly[emp][m]) if emp in weekly else 1.0 for m in mondays}
        whole = sum(weights.values()) or 1.0
        cum_w = 0.0
        cum_r = 0
        for k, (sc, roster, _) in enumerate(history):
            e = next((x for x in sc.employees if x.id == emp), None)
            if e is None:
                continue
            frame = hours_frame(sc, roster)
            paid = int(dict(zip(frame["id"], frame["rostered_minutes"], strict=True))[emp])
            weeks = sorted({d - dt.timedelta(days=d.weekday()) for d in sc.service.days})
            cum_w += sum(weights.get(m, 0.0) for m in weeks)
            cum_r += paid
            share = float(annual) * 60 * cum_w / whole
            plan.glide.append({
                "employee_id": emp, "period": k + 1, "start": sc.service.start_date.isoformat(),
                "target_hours": round(contract_target(sc, e).target_minutes / 60, 2),
                "rostered_hours": round(paid / 60, 2),
                "cumulative_rostered_hours": round(cum_r / 60, 2),
                "annual_share_hours": round(share / 60, 2),
                "balance_hours": round((cum_r - share) / 60, 2),
                "annual_hours": float(annual),
            })


def _months(plan: YearPlan, history: list[tuple[Scenario, Roster, ValidationReport]]) -> None:
    short: dict[str, float] = {}
    for sc, roster, _ in history:
        frame = shortfalls(sc, roster)
        for day, hours in zip(frame["date"], frame["person_hours_short"], strict=True):
            month = f"{day:%Y-%m}"
            short[month] = short.get(month, 0.0) + float(hours)
    months = sorted({f"{sc.service.start_date + dt.timedelta(days=d):%Y-%m}"
                     for sc, _, _ in history for d in range(7 * sc.service.weeks)})
    plan.months = [{"month": m, "person_hours_short": round(short.get(m, 0.0), 2)} for m in months]


def write_calendars(plan: YearPlan, out: Path, *, stamp: dt.datetime | None = None) -> list[Path]:
    """Each person's yearly calendar (POLICY: "yearly calendars ... to accurately deduct annual
    leave") under ``out/calendars/``: ``calendars.xlsx`` (a sheet per person), ``ID.ics`` (shifts,
    leave, bank holidays and closures) and ``ID.html`` (a printable page) per person, and
    ``ID.png`` (the year at a glance). Returns the files written."""
    from roster.io import atomic_write_bytes, year_calendar, year_days, year_workbook_bytes
    from roster.plotting import person_year_png
    from roster.reports import year_calendar_html

    if not plan.history:
        return []
    folder = Path(out) / "calendars"
    first_sc = plan.history[0][0]
    last_sc = plan.history[-1][0]
    span = f"{first_sc.service.days[0]:%d %b %Y} to {last_sc.service.days[-1]:%d %b %Y}"
    people: dict[str, str] = {}
    for sc, _ in plan.history:
        for e in sc.employees:
            people.setdefault(e.id, e.name)
    when = stamp or dt.datetime.combine(last_sc.service.days[-1], dt.time(0), tzinfo=dt.UTC)
    written = [folder / "calendars.xlsx"]
    atomic_write_bytes(written[0], year_workbook_bytes(plan.history, list(people.items()),
                                                       title=f"{first_sc.service.name}, {span}"))
    for emp_id, name in people.items():
        title = f"{name} ({emp_id}), {first_sc.service.name}: {span}"
        files = {
            f"{emp_id}.ics": year_calendar(plan.history, emp_id, stamp=when),
            f"{emp_id}.html": year_calendar_html(plan.history, emp_id, title=title).encode("utf-8"),
            f"{emp_id}.png": person_year_png(year_days(plan.history, emp_id), title=title),
        }
        for file, data in files.items():
            atomic_write_bytes(folder / file, data)
            written.append(folder / file)
    return written
