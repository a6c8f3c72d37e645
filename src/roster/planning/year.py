"""The year planner: a year plan of hours, then the year's roster periods, solved in parallel.

:func:`plan_year` plans the roster periods from ``first`` (any Monday) to ``last``, each of
the scenario's length (three weeks), in three steps:

1. **The year plan** (:mod:`.yearlp` over :mod:`.yeardata`): one linear programme over the
   plan's weeks gives each person's contracted hours per week: a typed seasonal profile
   scaled to their annual hours and checked (the 48-hour average with history, the under-18
   week), or a proposal (``propose``: per person, or one shape for the team, within
   ``bounds`` hours of a full-time week, pro rata); without a profile everyone works their
   contract's week. Its value is a lower bound on the year's hours short of minimum cover
   (:attr:`YearPlan.bound`). A plan may start on any Monday and cross 1 April: each week
   belongs to the leave year of its Monday, and each leave year has its own annual hours.
2. **The rosters**, each period on its own (:func:`solve_period`): its scenario holds the dated
   rows inside it (its leave, the year's leave and demand, dated wishes, exceptions), its
   weeks' hours from the plan (``week_hours``), the history before the plan and, after the
   plan's start, the plan's hours as the history the 48-hour average may assume. So they are
   independent and run at once, on this machine's processes (``jobs``) or a Dask cluster
   (``cluster``), as sweeps do.
3. **Reconciliation**, in order: each period's real scenario is the one before carried over
   by :func:`roster.workflow.next_scenario` (the function ``roster next`` uses: history,
   banked time, fairness) with the period's own dated rows and weeks. The validator checks the
   period's roster against it: a roster that breaks no hard rule is kept (its objective
   recomputed on the real scenario), one that does is re-solved as close to it as it can be
   (a minimal-change solve: ``SolveRequest`` with the roster as base and ``stability``).

Every period is written as it is done: ``periods/NN-START/`` holds its real scenario
(``scenario/``; ``roster check`` passes it with the roster) and the outputs (``out/``); the
independent rosters wait in ``periods/NN-START/draft/``. ``plan.json`` lists both: a plan
started again with the same inputs solves only the rosters not solved yet and reconciles on
from the last period done; a folder holding a plan of other inputs is refused (nothing in
it is overwritten). The plan's tables, glide path and yearly calendars are written after it
(:func:`.outputs.write_plan`); every file goes through io's writer (:mod:`roster.io.outputs`).

Dated wishes apply to the first period only (the team fills in the later ones when their
time comes) unless dated inside a later period; standing wishes stand. The year's leave,
demand and profile come from the scenario's ``year/`` folder (:mod:`roster.io.year_files`).
The year's ``staffing.csv``, when given, replaces the scenario's staffing: a period whose
weeks all have the same rows gets them by weekday, one that crosses a season's edge gets
them date by date.

The **glide path** is each person's balance against their annual hours: after each period,
the hours rostered so far against the share of the annual hours the weeks so far carry. On
annualised hours a week carries the hours the year plan gives it to work (its hours less its
leave and bank holidays at the week's rate), and the year's weeks carry the annual hours
exactly, so a person on plan stays at 0 and the balance at the end is the time the rosters
banked (or took back) over the year. On the contract's week each week of a leave year carries
an equal part of its annual hours, and the path dips in a week of leave and climbs back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from roster.domain import (
    Roster,
    Scenario,
    SolveResult,
    SolverSettings,
    Status,
    contract_target,
)
from roster.domain.request import DEFAULT_STABILITY, SolveRequest
from roster.io import YearInputs, load_scenario, read_roster_csv, save_scenario
from roster.io.outputs import add_files, write_output_folder
from roster.model import solve
from roster.planning.annual import POLICY_RULE, AnnualRule, annual_hours, leave_year_of
from roster.planning.hours import PlanError, dated, independent, plan_hours, with_hours
from roster.planning.parallel import Background, run_jobs
from roster.planning.profile import Profile, year_weeks
from roster.planning.yearlp import Propose, YearData
from roster.reports import hours_frame, shortfalls
from roster.reports.outputs import output_files
from roster.validation import ValidationReport, validate
from roster.workflow.carry import next_scenario

STATE = "plan.json"


def period_folder(index: int, start: dt.date) -> str:
    """The folder of the plan's period ``index`` (from 0), inside the plan's folder."""
    return f"periods/{index + 1:02d}-{start.isoformat()}"


Progress = Callable[[int, int, str], None]
"""Called after each period is done: (periods done, periods in all, a line about the last one)."""

WEEK = dt.timedelta(weeks=1)


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
    reconciled: str = "first"
    """``first`` (the plan's first period: its scenario is the real one), ``kept`` (its roster
    passed against its real predecessors) or ``re-solved`` (it broke a hard rule there)."""


@dataclass
class YearPlan:
    periods: list[PeriodResult] = field(default_factory=list)
    glide: list[dict[str, object]] = field(default_factory=list)
    """One row per person and period (see the module docstring)."""
    months: list[dict[str, object]] = field(default_factory=list)
    """Minimum cover short per calendar month, in person-hours."""
    annual: dict[str, Decimal] = field(default_factory=dict)
    """Each person's annual hours' share of the plan's weeks."""
    history: list[tuple[Scenario, Roster]] = field(default_factory=list, repr=False)
    """Each period's scenario and roster, in order (the yearly calendars read them)."""
    bound: float = 0.0
    """The year plan's lower bound on the hours short of minimum cover (person-hours)."""
    hours: dict[str, dict[dt.date, float]] = field(default_factory=dict)
    """The plan's contracted hours per person and week (those the plan annualised)."""
    proposal: dict[str, dict[int, float]] = field(default_factory=dict)
    """A proposed profile: person (``""``: the team) -> calendar month -> hours a week."""

    @property
    def short_hours(self) -> float:
        """The rosters' hours short of minimum cover, in all."""
        return round(sum(p.short_hours for p in self.periods), 2)


@dataclass(frozen=True)
class PeriodTask:
    """One independent roster period to solve: plain data, picklable for a pool or Dask."""

    index: int
    scenario: Scenario
    settings: SolverSettings
    engine: str


def solve_period(task: PeriodTask) -> SolveResult:
    """Solve one period's independent scenario (the public solve, nothing else)."""
    return solve(task.scenario, task.settings, engine=task.engine)


def _inputs_hash(
    sc: Scenario,
    starts: list[dt.date],
    settings: SolverSettings,
    profiles: Mapping[str, Profile],
    year: YearInputs,
    engine: str,
    propose: Propose | None,
    bounds: tuple[float, float],
) -> str:
    h = hashlib.sha256(sc.content_hash().encode())
    h.update(engine.encode())
    for rows in (year.leave, year.staffing):
        h.update(json.dumps([r.model_dump(mode="json") for r in rows]).encode())
    h.update(json.dumps([str(s) for s in starts]).encode())
    h.update(settings.model_dump_json(exclude={"time_limit"}).encode())
    shapes = {k: {str(m): str(v) for m, v in p.monthly.items()} for k, p in sorted(profiles.items())}
    h.update(json.dumps(shapes, sort_keys=True).encode())
    h.update(json.dumps([propose, list(bounds) if propose else None]).encode())
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
    propose: Propose | None = None,
    solved: Progress | None = None,
    bounds: tuple[float, float] = (30.0, 44.0),
    jobs: int = 1,
    cluster: str | None = None,
) -> YearPlan:
    """Plan the year (see the module docstring). ``profiles``: person id (or ``""`` for the
    whole team) -> seasonal profile (default: the year's ``profile.csv``; ignored when
    ``propose`` asks for a proposal); ``year``: the year's dated inputs
    (:func:`roster.io.load_year`); ``jobs``: independent rosters solved at once on this machine,
    ``cluster``: a Dask scheduler's address instead; ``progress`` is called as each period is
    reconciled, ``solved`` as each independent roster comes back. Raises :class:`PlanError` or
    ``ProfileError`` (a refusal of the year plan: person, rule, weeks) for inputs that cannot be
    planned."""
    year = year or YearInputs()
    hours = plan_hours(
        scenario, first, last, profiles=profiles, year=year, rule=rule, propose=propose, bounds=bounds
    )
    starts, shells, data, weekly = hours.starts, hours.shells, hours.data, hours.weekly
    profiles = hours.profiles
    full = hours.full
    rule = rule.model_copy(update={"region": scenario.service.bank_holidays})

    out = Path(out)
    key = _inputs_hash(scenario, starts, settings, profiles, year, engine, propose, bounds)
    state_path = out / STATE
    state: dict[str, object] = {"inputs": key, "drafts": {}, "done": []}
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        if state.get("inputs") != key:
            raise PlanError(f"{out} holds a plan of other inputs; choose another --out (nothing was changed)")
    elif out.exists() and any(out.iterdir()):
        raise PlanError(f"{out} exists and is not a plan's folder: choose a new --out")
    out.mkdir(parents=True, exist_ok=True)
    drafts_done: dict[str, dict[str, object]] = dict(state.get("drafts", {}))  # type: ignore[call-overload]
    done: list[dict[str, object]] = list(state.get("done", []))  # type: ignore[call-overload]

    def folder(i: int) -> Path:
        return out / period_folder(i, starts[i])

    def save_state() -> None:
        state_text = json.dumps({"inputs": key, "drafts": drafts_done, "done": done}, indent=1)
        add_files(out, {STATE: state_text.encode("utf-8")})

    # 2. the independent rosters, at once
    alone = [independent(k, shells, scenario, first, data, weekly) for k in range(len(starts))]
    todo = [k for k in range(len(done), len(starts)) if str(k) not in drafts_done]

    def drafted(n: int, result: SolveResult) -> None:
        k = todo[n]
        if not result.has_roster:
            raise PlanError(
                f"no roster for the period from {starts[k]} ({result.status}): "
                + "; ".join(result.diagnosis or ("give the solver more time",))
            )
        draft = f"{period_folder(k, starts[k])}/draft/result.json"
        add_files(out, {draft: result.model_dump_json().encode("utf-8")})
        drafts_done[str(k)] = {"status": result.status, "objective": result.objective}
        save_state()
        if solved is not None:
            line = f"{starts[k]}: {result.status}, objective {result.objective}"
            solved(len(drafts_done), len(starts), line)

    tasks = [PeriodTask(k, alone[k], settings, engine) for k in todo]
    run_jobs(solve_period, tasks, processes=jobs, address=cluster, done=drafted, prefix="period")

    # 3. reconciliation, in order; each period's files are made on the side (its cover heatmap
    # and workbook took 3.5 s a library period in this loop) and written, and the period counted
    # done, in order as they come back: an interrupted plan resumes after the last one written
    plan = YearPlan(bound=round(hours.solution.bound, 2), hours=weekly, proposal=hours.proposal)
    history: list[tuple[Scenario, Roster, ValidationReport]] = []
    written = len(done)
    pending: list[tuple[Future[dict[str, bytes]], int, Scenario, dict[str, object], PeriodResult]] = []

    def told(i: int) -> None:
        if progress is not None:
            last_one = plan.periods[-1]
            again = " (done before)" if last_one.resumed else f", {last_one.reconciled}"
            progress(
                i + 1,
                len(starts),
                f"{starts[i]}: {last_one.status}, objective {last_one.objective}, "
                f"{last_one.short_hours:g} h short{again}",
            )

    def flush(wait: bool) -> None:
        while pending and (wait or pending[0][0].done()):
            files, i, sc, row, period = pending.pop(0)
            save_scenario(sc, folder(i) / "scenario")
            write_output_folder(folder(i) / "out", files.result())
            done.append(row)
            save_state()
            plan.periods.append(period)
            told(i)

    with Background(jobs) as side:
        for i, start in enumerate(starts):
            if i < written:
                sc = load_scenario(folder(i) / "scenario")
                roster = read_roster_csv(folder(i) / "out" / "roster.csv")
                report = validate(sc, roster)
                plan.periods.append(_resumed(i, start, done[i]))
                history.append((sc, roster, report))
                told(i)
                continue
            if i == 0:
                sc = alone[0]
            else:
                carried = next_scenario(*history[-1], start)[0]
                sc = with_hours(dated(carried, full, start, year), weekly)
            draft = SolveResult.model_validate_json(
                (folder(i) / "draft" / "result.json").read_text(encoding="utf-8")
            )
            result, how, request = (
                (draft, "first", None) if i == 0 else reconcile(sc, draft, settings, engine)
            )
            roster = result.roster
            report = validate(sc, roster, request)
            short = float(shortfalls(sc, roster)["person_hours_short"].sum())
            honoured = report.wishes_honoured
            gap = None
            if result.objective and result.best_bound is not None:
                gap = max(0.0, (result.objective - result.best_bound) / max(1.0, abs(result.objective)))
            row: dict[str, object] = {
                "start": start.isoformat(),
                "status": result.status,
                "objective": result.objective,
                "gap": gap,
                "short_hours": round(short, 2),
                "wishes": honoured,
                "reproducible": result.reproducible,
                "reconciled": how,
            }
            period = PeriodResult(
                i,
                start,
                result.status,
                result.objective,
                gap,
                round(short, 2),
                honoured,
                reproducible=result.reproducible,
                reconciled=how,
            )
            pending.append((side.submit(output_files, sc, result, report), i, sc, row, period))
            history.append((sc, roster, report))
            flush(wait=False)
        flush(wait=True)
    plan.history = [(sc, roster) for sc, roster, _ in history]
    _glide(plan, history, data, rule)
    plan.annual = {str(r["employee_id"]): Decimal(str(r["annual_share_hours"])) for r in plan.glide}
    _months(plan, history)
    return plan


def reconcile(
    sc: Scenario, draft: SolveResult, settings: SolverSettings, engine: str = "auto"
) -> tuple[SolveResult, str, SolveRequest | None]:
    """A period's independent roster (``draft``) against its real scenario ``sc``: ``kept`` when
    it breaks no hard rule there (its objective and penalties recomputed on ``sc``; the draft's
    bound only when the objective is unchanged), else ``re-solved`` as close to it as it can be
    (``SolveRequest`` with the draft as base and the amend's ``stability``: the request is
    returned, the validator counts its STABILITY terms in the objective)."""
    report = validate(sc, draft.roster)
    if not report.hard_violations:
        note = (
            "kept from the period's independent solve: it breaks no hard rule against its real "
            "predecessors; objective and penalties recomputed on this scenario"
        )
        kept = draft.model_copy(
            update={
                "status": Status.FEASIBLE if report.objective != draft.objective else draft.status,
                "objective": report.objective,
                "penalties": report.penalties,
                "scenario_hash": sc.content_hash(),
                "best_bound": None if report.objective != draft.objective else draft.best_bound,
                "bound_source": None if report.objective != draft.objective else draft.bound_source,
                "notes": (*draft.notes, note),
            }
        )
        return kept, "kept", None
    broken = sorted(
        {f"{v.rule} ({v.employee_id})" if v.employee_id else str(v.rule) for v in report.hard_violations}
    )
    request = SolveRequest(scenario=sc, base=draft.roster, stability=DEFAULT_STABILITY)
    result = solve(request, settings, engine=engine)
    if not result.has_roster:
        raise PlanError(
            f"no roster for the period from {sc.service.start_date} ({result.status}) after its "
            f"independent roster broke {', '.join(broken)} against its real predecessors: "
            + "; ".join(result.diagnosis or ("give the solver more time",))
        )
    note = (
        f"re-solved close to the period's independent roster, which broke {', '.join(broken)} "
        "against its real predecessors"
    )
    return result.model_copy(update={"notes": (*result.notes, note)}), "re-solved", request


def _resumed(i: int, start: dt.date, row: Mapping[str, object]) -> PeriodResult:
    def number(key: str) -> float | None:
        value = row.get(key)
        return float(value) if isinstance(value, (int, float)) else None

    objective = row.get("objective")
    return PeriodResult(
        i,
        start,
        str(row["status"]),
        objective if isinstance(objective, int) else None,
        number("gap"),
        number("short_hours") or 0.0,
        number("wishes"),
        resumed=True,
        reproducible=bool(row.get("reproducible", True)),
        reconciled=str(row.get("reconciled", "first")),
    )


def _glide(
    plan: YearPlan,
    history: list[tuple[Scenario, Roster, ValidationReport]],
    data: YearData,
    rule: AnnualRule,
) -> None:
    people = {p.id: p for p in data.people}
    paid_of = [  # each period's rostered minutes by person, read once a period
        dict(zip(f["id"], f["rostered_minutes"], strict=True))
        for f in (hours_frame(sc, roster) for sc, roster, _ in history)
    ]
    for e in history[0][0].employees if history else ():
        if e.relief:
            continue
        person = people.get(e.id)
        hours = plan.hours.get(e.id)
        share: dict[dt.date, float] = {}
        if hours is not None and person is not None:
            # annualised: each week carries the hours the year plan gives it to work (its hours
            # x the share worked), which sum with the weeks outside the plan to the annual hours
            share = {w: person.work.get(w, 1.0) * h for w, h in hours.items()}
        else:
            # the contract's weeks: each week of a leave year carries an equal part of its annual hours
            for y in sorted({leave_year_of(w, rule) for w in data.weeks}):
                weeks = year_weeks(y, rule)
                annual = float(annual_hours(e.hours_per_week, y, rule).hours)
                share.update({w: annual / len(weeks) for w in weeks})
        cum_w = 0.0
        cum_r = 0
        for k, (sc, _, _) in enumerate(history):
            emp = next((x for x in sc.employees if x.id == e.id), None)
            if emp is None:
                continue
            paid = int(paid_of[k][e.id])
            mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in sc.service.days})
            cum_w += sum(share.get(m, 0.0) for m in mondays)
            cum_r += paid
            plan.glide.append(
                {
                    "employee_id": e.id,
                    "period": k + 1,
                    "start": sc.service.start_date.isoformat(),
                    "target_hours": round(contract_target(sc, emp).target_minutes / 60, 2),
                    "rostered_hours": round(paid / 60, 2),
                    "cumulative_rostered_hours": round(cum_r / 60, 2),
                    "annual_share_hours": round(cum_w, 2),
                    "balance_hours": round(cum_r / 60 - cum_w, 2),
                    "annual_hours": float(
                        annual_hours(e.hours_per_week, leave_year_of(sc.service.start_date, rule), rule).hours
                    ),
                }
            )


def _months(plan: YearPlan, history: list[tuple[Scenario, Roster, ValidationReport]]) -> None:
    short: dict[str, float] = {}
    for sc, roster, _ in history:
        frame = shortfalls(sc, roster)
        for day, hours in zip(frame["date"], frame["person_hours_short"], strict=True):
            month = f"{day:%Y-%m}"
            short[month] = short.get(month, 0.0) + float(hours)
    months = sorted(
        {
            f"{sc.service.start_date + dt.timedelta(days=d):%Y-%m}"
            for sc, _, _ in history
            for d in range(7 * sc.service.weeks)
        }
    )
    plan.months = [{"month": m, "person_hours_short": round(short.get(m, 0.0), 2)} for m in months]
