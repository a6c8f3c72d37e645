"""A team's year plan and what-if sweep as jobs of the store, run where its solves run.

A **year plan** (``roster plan-year``) and a **sweep** (``roster sweep``) belong to the team, not to a
roster period: their job has no period. When one is asked for, the files it works from are copied
into the job (``inputs/``), so the job is the same whichever worker runs it and however the team's
files change meanwhile: the team's latest roster period's scenario with everyone's wishes as they
are in the store (``inputs/scenario/``), the team's **year inputs** (``inputs/scenario/year/``:
the year's leave, seasonal cover and profile, saved with :func:`save_year_inputs`), and a
sweep's TOML (``inputs/sweep.toml``, whose ``scenario`` is always the team's). The job's settings
keep the SHA-256 of those inputs.

The job writes, as the command line does into its folder, the plan's tables, glide path,
calendars and rosters (or each variant's, and the results table) as files of the job; its
``result`` keeps the tables the page shows. A stop is read between rosters (a plan) or between
variants (a sweep): the roster or variant being solved finishes first. A plan stopped early keeps
the rosters solved so far as files but is no plan; a sweep stopped early keeps the variants done.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from roster.domain import DETERMINISTIC_SHARE, SolverSettings
from roster.io import YEAR_FOLDER, InputError, load_scenario, load_year
from roster.store import Store, StoreError, content_hash
from roster.store import jobs as kept
from roster.store.periods import PeriodInfo, periods
from roster.workflow.periods import base_scenario, period_files

YEAR_NAMES = ("leave.csv", "staffing.csv", "profile.csv")
"""The files of a scenario's ``year/`` folder a year plan reads."""
INPUTS = "inputs/"
"""Where a job of the team keeps the files it was given (the page never offers them)."""
SCENARIO = INPUTS + "scenario/"
SWEEP_FILE = INPUTS + "sweep.toml"


class Stopped(Exception):
    """Someone asked the job to stop: raised between rosters or variants."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"stopped after {done} of {total}")
        self.done, self.total = done, total


def latest_period(store: Store, team_id: int) -> PeriodInfo | None:
    """The team's roster period that starts last: its scenario is the team's as it stands."""
    found = periods(store, team_id)
    return max(found, key=lambda p: p.start_date) if found else None


def year_folder_files(folder: Path) -> dict[str, bytes]:
    """The year inputs in ``folder`` (a scenario's ``year/``), by name."""
    return {n: (Path(folder) / n).read_bytes() for n in YEAR_NAMES if (Path(folder) / n).is_file()}


def _write(files: Mapping[str, bytes], prefix: str, folder: Path) -> Path:
    """Write the files under ``prefix`` into ``folder`` (their names below it); names that would
    leave the folder are refused."""
    for name, data in files.items():
        if not name.startswith(prefix):
            continue
        rel = PurePosixPath(name[len(prefix) :])
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise InputError(name, None, None, "is not a file name inside the job's inputs")
        path = folder.joinpath(*rel.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def save_year_inputs(store: Store, team_id: int, files: Mapping[str, bytes], actor: str) -> list[str]:
    """Keep ``files`` (of :data:`YEAR_NAMES`) as the team's year inputs, after reading them as a year
    plan would against the team's latest roster period (:class:`InputError` naming ``year/<file>``,
    the row and the field; nothing is saved then). The names kept."""
    unknown = sorted(set(files) - set(YEAR_NAMES))
    if unknown:
        raise InputError(
            f"{YEAR_FOLDER}/{unknown[0]}", None, None, f"is not a year input ({', '.join(YEAR_NAMES)})"
        )
    period = latest_period(store, team_id)
    if period is None:
        raise StoreError("the team has no roster period yet: open one first (its scenario is the year's)")
    with tempfile.TemporaryDirectory(prefix="roster-year-") as tmp:
        folder = _write({f"{YEAR_FOLDER}/{n}": d for n, d in files.items()}, f"{YEAR_FOLDER}/", Path(tmp))
        load_year(folder, base_scenario(store, period))
    kept.save_year_files(store, team_id, dict(files), actor)
    return sorted(files)


def team_inputs(store: Store, team_id: int) -> tuple[PeriodInfo, dict[str, bytes]]:
    """The files a plan or sweep of the team starts from (see the module docstring), with the period
    whose scenario they are."""
    period = latest_period(store, team_id)
    if period is None:
        raise StoreError(
            "the team has no roster period yet: open one first (a plan starts from its scenario)"
        )
    files = {SCENARIO + n: d for n, d in period_files(store, period.id).items()}
    year = kept.year_files(store, team_id).files
    files.update({f"{SCENARIO}{YEAR_FOLDER}/{n}": d for n, d in year.items()})
    return period, files


def plan_dates(period: PeriodInfo) -> tuple[dt.date, dt.date]:
    """A plan's dates to offer: from the period's start to the end of its leave year (the next
    leave year's end when that is under 12 weeks away)."""
    from roster.planning.annual import leave_year, leave_year_of

    first = period.start_date
    held = leave_year_of(first)
    last = leave_year(held)[1]
    if (last - first).days < 84:
        last = leave_year(held + 1)[1]
    return first, last


def sweep_errors() -> tuple[type[Exception], ...]:
    """What a sweep's question raises when it cannot be asked (a message for the person asking)."""
    from roster.planning import PlanError, ProfileError
    from roster.planning.sweep import SweepError

    return (SweepError, PlanError, ProfileError)


def plan_settings(time_limit: float, workers: int, seed: int) -> SolverSettings:
    """Each roster's solver settings in a plan, as ``roster plan-year --time-limit`` sets them."""
    return SolverSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic_time=DETERMINISTIC_SHARE * time_limit
    )


def plan_job(
    store: Store,
    team_id: int,
    first: dt.date,
    last: dt.date,
    *,
    propose: str | None = None,
    bounds: tuple[float, float] = (30.0, 44.0),
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A year plan's question (for :func:`~roster.workflow.solve_jobs.job_settings`) and its input
    files, read first as the job will read them: :class:`InputError` (a file, row and field) or
    :class:`ValueError` (the dates) before anything is queued."""
    if first.weekday() != 0:
        raise ValueError(
            f"the plan's first date {first:%a %d %b %Y} is not a Monday: rosters start on Mondays"
        )
    if last <= first:
        raise ValueError(f"the plan's last date {last:%d %b %Y} is not after its first {first:%d %b %Y}")
    if last > first + dt.timedelta(days=400):
        raise ValueError("a plan covers at most a year and a month: choose an earlier last date")
    if propose not in (None, "team", "person"):
        raise ValueError(f"propose {propose!r}: one of team, person")
    period, files = team_inputs(store, team_id)
    with tempfile.TemporaryDirectory(prefix="roster-plan-") as tmp:
        folder = _write(files, SCENARIO, Path(tmp))
        load_year(folder / YEAR_FOLDER, load_scenario(folder))
    asked = {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "propose": propose,
        "bounds": list(bounds),
        "period": period.id,
        "inputs": content_hash(files),
    }
    return {"plan": asked}, files


def sweep_job(store: Store, team_id: int, text: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A sweep's question and its input files, its variants built first as the job will build them
    (:class:`~roster.planning.sweep.SweepError` or :class:`InputError` before anything is queued)."""
    from roster.planning.sweep import sweep_of_text, tasks_of

    period, files = team_inputs(store, team_id)
    files[SWEEP_FILE] = text.encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="roster-sweep-") as tmp:
        folder = _write(files, SCENARIO, Path(tmp) / "scenario")
        spec = sweep_of_text(text, "the sweep", str(folder))
        tasks = tasks_of(spec, folder)
    asked = {"period": period.id, "variants": len(tasks), "scope": spec.scope, "inputs": content_hash(files)}
    return {"sweep": asked}, files


def _jsonable(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = json.loads(json.dumps(rows, default=str))
    return out


def run_plan(
    store: Store, job: kept.JobInfo, settings: SolverSettings, engine: str, **hooks: Any
) -> tuple[str, str, str]:
    """Run the plan job ``job`` (state, message, result JSON); its files kept in the store."""
    from roster.planning import PlanError, ProfileError, plan_year, profiles_from_rows, write_plan
    from roster.planning.parallel import HERE, on_a_worker

    asked = json.loads(job.settings)["plan"]
    stop, stage = hooks["stop"], hooks["stage"]
    with tempfile.TemporaryDirectory(prefix="roster-plan-") as tmp:
        folder = _write(kept.job_files(store, job.id, SCENARIO), SCENARIO, Path(tmp) / "scenario")
        scenario = load_scenario(folder)
        year = load_year(folder / YEAR_FOLDER, scenario)
        out = Path(tmp) / "plan"

        def told(what: str) -> Any:
            def call(done: int, total: int, line: str) -> None:
                if stop.is_set():
                    raise Stopped(done, total)
                stage(f"roster {done} of {total} {what}: {line}")

            return call

        stage("the year plan of hours, then each roster in turn")
        try:
            plan = plan_year(
                scenario,
                dt.date.fromisoformat(asked["first"]),
                dt.date.fromisoformat(asked["last"]),
                out,
                settings,
                profiles=profiles_from_rows(year.profile),
                year=year,
                progress=told("reconciled"),
                solved=told("solved"),
                engine=engine,
                propose=asked.get("propose"),
                bounds=tuple(asked.get("bounds", (30.0, 44.0))),
                jobs=1,
                # on a Dask worker, the rosters go to its cluster's workers (at a lower priority
                # than other teams' solves); in a server's thread, one after another
                cluster=HERE if on_a_worker() else None,
            )
        except (PlanError, ProfileError, ValueError) as err:
            return "none", str(err), ""
        except Stopped as halt:
            if out.is_dir():
                kept.save_files(store, job.id, _folder_files(out))
            return (
                "none",
                f"stopped after {halt.done} of {halt.total} rosters: no plan (the rosters solved "
                "so far are in the files)",
                "",
            )
        write_plan(plan, out)
        kept.save_files(store, job.id, _folder_files(out))
    final = {str(r["employee_id"]): r for r in plan.glide}
    result = {
        "periods": [
            {
                "start": p.start.isoformat(),
                "status": p.status,
                "objective": p.objective,
                "short_hours": p.short_hours,
                "reconciled": p.reconciled,
                "wishes_honoured": p.wishes_honoured,
            }
            for p in plan.periods
        ],
        "short_hours": plan.short_hours,
        "bound": plan.bound,
        "months": _jsonable(plan.months),
        "balances": _jsonable(list(final.values())),
        "proposal": bool(plan.proposal),
    }
    message = (
        f"{len(plan.periods)} rosters planned: {plan.short_hours:g} h short of minimum cover "
        f"(the year plan's lower bound {plan.bound:g} h)"
    )
    return "done", message, json.dumps(result)


def run_sweep(store: Store, job: kept.JobInfo, **hooks: Any) -> tuple[str, str, str]:
    """Run the sweep job ``job`` (state, message, result JSON); its files kept in the store. The
    sweep's own TOML says how each variant is solved."""
    from roster.planning import PlanError, ProfileError, write_sweep, write_variant
    from roster.planning.sweep import SweepError, result_rows, run_variant, sweep_of_text, tasks_of

    stop, stage = hooks["stop"], hooks["stage"]
    text = kept.job_files(store, job.id, SWEEP_FILE)[SWEEP_FILE].decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="roster-sweep-") as tmp:
        folder = _write(kept.job_files(store, job.id, SCENARIO), SCENARIO, Path(tmp) / "scenario")
        out = Path(tmp) / "sweep"
        out.mkdir()
        try:
            tasks = tasks_of(sweep_of_text(text, "the sweep", str(folder)), folder)
            outcomes = []
            for i, task in enumerate(tasks):
                if stop.is_set():
                    break
                stage(f"variant {i + 1} of {len(tasks)}: {task.variant.name}")
                outcome = run_variant(task)
                write_variant(out, outcome)
                outcomes.append(outcome)
        except (SweepError, PlanError, ProfileError) as err:
            return "none", str(err), ""
        if outcomes:
            write_sweep(out, outcomes)
        kept.save_files(store, job.id, _folder_files(out))
    rows = _jsonable(result_rows(outcomes))
    message = f"{len(outcomes)} of {len(tasks)} variants run"
    if len(outcomes) < len(tasks):
        message += ": stopped before the rest"
    return ("done" if outcomes else "none"), message, json.dumps({"rows": rows, "variants": len(tasks)})
