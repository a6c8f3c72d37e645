"""What-if sweeps: one scenario, several variants, one results table.

A sweep file (TOML, ``docs/planning.md``) names a scenario, a scope (``period``: the
scenario's own roster; ``year``: a plan from ``from`` to ``to``, as ``roster plan-year``)
and the solver settings, then a list of **variants**, each changing some of:

* ``opening``: opening hours by weekday (``mon-fri = "09:00-19:00"``, ``sat = "closed"``);
  cover levels outside the new hours fall away, as anywhere (staffing notices);
* ``staffing_scale``: every minimum cover multiplied (rounded half up; a maximum below the new
  minimum rises to it), the year's seasonal cover as well;
* ``leave_out``: people taken out of the team (a vacancy), ``add``: new starters like an
  existing person (``{like = "G02", count = 1}``), with no wishes of their own;
* ``hours``: weekly contract hours by person (the contract mix; ``all`` for everyone not named),
  ``hours_scale``: every contract's hours multiplied;
* ``profile``: the team's seasonal profile (``{apr-sep = 44, oct-mar = 30}``), in place of the
  scenario's ``year/profile.csv``; ``profile = {}`` plans flat hours; ``propose = "team"`` (or
  ``"person"``) lets the year plan propose it within ``range = [30, 44]``.

A sweep plans whole years by default (``scope = "year"``; without ``from`` and ``to``, the
leave year holding the scenario's own period).

Each variant is solved on its own (:func:`run_variant`, a plain function of plain data, so a
process pool or a Dask worker can run it) and gives one row of :data:`RESULT_COLUMNS`: hours short
of minimum cover, hours over maximum, wishes honoured and their spread between people, banked
hours, the least 48-hour headroom, the balance error against the contract (a period) or the
annual hours' share (a year), the solve's status and gap, and the seed, workers, engine and budget
that re-run it to the same roster (``reproducible`` is false when a wall-clock guard, a
machine's speed, stopped a stage of a search: give it more time or a smaller deterministic
budget). The rosters a variant made come back as files: a period's scenario folder and solve
outputs (``roster solve variants/NAME/scenario`` with the row's seed, workers and budget gives
the same roster), a year's plan folder.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
import time
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from roster.domain import (
    DETERMINISTIC_SHARE,
    Roster,
    Scenario,
    ScenarioError,
    SolverSettings,
    StaffingLevel,
    TimeRange,
    check_scenario,
)
from roster.domain.scenario import PERSON_TABLES
from roster.io import YEAR_FOLDER, YearInputs, load_scenario, load_year, save_scenario
from roster.model import solve
from roster.planning.annual import leave_year_of
from roster.planning.parallel import ClusterError, run_jobs
from roster.planning.profile import Profile, profiles_from_rows, year_weeks
from roster.planning.year import plan_year
from roster.reports import cover_frame, headroom_frame, hours_frame, wishes_by_person, write_outputs
from roster.timegrid import WEEKDAYS, parse_clock
from roster.validation import ValidationReport, validate

RESULT_COLUMNS: tuple[str, ...] = (
    "variant",
    "scope",
    "periods",
    "status",
    "gap",
    "objective",
    "short_hours",
    "bound_hours",
    "over_hours",
    "wishes",
    "wishes_honoured_pct",
    "wishes_spread_pct",
    "banked_hours",
    "min_headroom_hours",
    "balance_error_hours",
    "reproducible",
    "seconds",
    "seed",
    "workers",
    "engine",
    "time_limit",
    "deterministic_time",
)
"""One row per variant (see the module docstring); ``gap`` is the worst period's, ``bound_hours``
the year plan's lower bound on ``short_hours`` (a year)."""


class SweepError(ValueError):
    """A sweep file that cannot be run: the message names the file, the entry and what to do."""


class NewStarters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    like: str
    count: int = Field(1, ge=1, le=50)


class Variant(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    opening: dict[str, str] = Field(default_factory=dict)
    staffing_scale: float = Field(1.0, gt=0, le=10)
    leave_out: tuple[str, ...] = ()
    add: tuple[NewStarters, ...] = ()
    hours: dict[str, float] = Field(default_factory=dict)
    hours_scale: float = Field(1.0, gt=0, le=3)
    profile: dict[str, float] | None = None
    propose: Literal["team", "person"] | None = None
    """A year: the year plan proposes the profile (one shape for the team, or each person's own)."""
    range: tuple[float, float] = (30.0, 44.0)
    """With ``propose``: the weekly hours agreed for a full-time week, pro rata."""

    @field_validator("range")
    @classmethod
    def _range(cls, value: tuple[float, float]) -> tuple[float, float]:
        if not 0 <= value[0] <= value[1] <= 60:
            raise ValueError(f"{list(value)} is not a range of weekly hours such as [30, 44] (at most 60)")
        return value

    @field_validator("opening")
    @classmethod
    def _opening(cls, value: dict[str, str]) -> dict[str, str]:
        for days, text in value.items():
            weekdays(days)
            if text.strip().lower() != "closed":
                clock_range(text)
        return value

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value:
            Profile.of(value)
        return value


class Sweep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    scenario: str
    scope: Literal["period", "year"] = "year"
    first: dt.date | None = Field(None, alias="from")
    last: dt.date | None = Field(None, alias="to")
    """A year's first Monday and last date (default: the leave year holding the scenario's period)."""
    time_limit: float = Field(60.0, gt=0)
    deterministic_time: float | None = Field(None, gt=0)
    """The search's deterministic budget (default: the share ``roster solve`` gives the time limit);
    it, not the wall clock, ends each search, so a variant re-runs to the same roster."""
    workers: int = Field(1, ge=1, le=256)
    seed: int = Field(0, ge=0)
    engine: Literal["auto", "pattern", "slot"] = "auto"
    variants: tuple[Variant, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _checked(self) -> Sweep:
        names = [v.name for v in self.variants]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"variant name {twice[0]!r} is used twice; each variant needs its own name")
        return self

    def span(self, scenario: Scenario) -> tuple[dt.date, dt.date]:
        """A year sweep's first Monday and last date: ``from`` and ``to``, else the weeks of the
        leave year holding the scenario's own period."""
        weeks = year_weeks(leave_year_of(scenario.service.start_date))
        return self.first or weeks[0], self.last or weeks[-1] + dt.timedelta(days=6)

    @property
    def settings(self) -> SolverSettings:
        return SolverSettings(
            time_limit=self.time_limit,
            workers=self.workers,
            seed=self.seed,
            deterministic_time=self.deterministic_time or DETERMINISTIC_SHARE * self.time_limit,
        )


def weekdays(text: str) -> list[str]:
    """``mon-fri`` -> the weekdays Monday to Friday; ``sat`` one day."""
    parts = [p.strip().lower()[:3] for p in text.split("-")]
    if not 1 <= len(parts) <= 2 or any(p not in WEEKDAYS for p in parts):
        raise ValueError(f"{text!r} is not a weekday or a range of them (e.g. mon-fri, sat)")
    a, b = WEEKDAYS.index(parts[0]), WEEKDAYS.index(parts[-1])
    if b < a:
        raise ValueError(f"{text!r} runs backwards; write the earlier day first (mon-fri)")
    return list(WEEKDAYS[a : b + 1])


def clock_range(text: str) -> TimeRange:
    match = re.fullmatch(r"\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*", text)
    if match is None:
        raise ValueError(f"{text!r} is not a range of times (e.g. 09:00-19:00) or 'closed'")
    return TimeRange(start=parse_clock(match[1]), end=parse_clock(match[2]))


def read_sweep(path: Path) -> tuple[Sweep, Path]:
    """The sweep file and its scenario folder (relative paths from the file's folder)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SweepError(f"{path}: cannot be read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise SweepError(f"{path}: is not UTF-8 text") from None
    sweep = sweep_of_text(text, str(path))
    folder = Path(sweep.scenario)
    if not folder.is_absolute():
        folder = path.parent / folder
    return sweep, folder


def sweep_of_text(text: str, path: str, scenario: str | None = None) -> Sweep:
    """The sweep written in ``text`` (named ``path`` in errors); ``scenario``, when given, is its
    scenario whatever the text says (a sweep of a team's scenario on the web page)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SweepError(f"{path}: is not valid TOML: {err}") from None
    if scenario is not None:
        raw["scenario"] = scenario
    try:
        sweep = Sweep.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        if "variants" in raw and first["loc"][:1] == ("variants",) and len(first["loc"]) > 1:
            index = first["loc"][1]
            if isinstance(index, int) and index < len(raw["variants"]):
                name = raw["variants"][index].get("name", f"number {index + 1}")
                where = f"variant {name!r}" + "".join(f".{p}" for p in first["loc"][2:])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SweepError(f"{path}: {where}: {message}") from None
    return sweep


# -- a variant's scenario ---------------------------------------------------------------------------


def variant_scenario(base: Scenario, variant: Variant) -> Scenario:
    """``base`` changed as ``variant`` says (see the module docstring); raises :class:`SweepError`."""
    sc = base
    svc = sc.service
    if variant.opening:
        opening = dict(svc.opening)
        for days, text in variant.opening.items():
            for day in weekdays(days):
                opening[day] = None if text.strip().lower() == "closed" else clock_range(text)
        try:
            svc = svc.model_validate({**svc.model_dump(), "opening": opening})
        except ValidationError as err:
            raise SweepError(
                f"variant {variant.name!r}: opening: "
                f"{err.errors()[0]['msg'].removeprefix('Value error, ')} "
                "(opening hours lie inside the service's bandwidth in service.yaml)"
            ) from None
    ids = {e.id for e in sc.employees}
    for who in (*variant.leave_out, *variant.hours, *(a.like for a in variant.add)):
        if who not in ids and who != "all":
            raise SweepError(
                f"variant {variant.name!r}: unknown employee {who!r}; the team is {', '.join(sorted(ids))}"
            )
    out = set(variant.leave_out)
    people = []
    for e in sc.employees:
        if e.id in out:
            continue
        hours = variant.hours.get(e.id, variant.hours.get("all", e.hours_per_week)) * variant.hours_scale
        people.append(
            e.model_copy(update={"hours_per_week": round(hours, 2)}) if hours != e.hours_per_week else e
        )
    for starters in variant.add:
        like = next(e for e in sc.employees if e.id == starters.like)
        for k in range(1, starters.count + 1):
            new_id = f"{like.id}+{k}"
            people.append(
                like.model_copy(update={"id": new_id, "name": f"New starter {new_id}", "date_of_birth": None})
            )
    kept = {e.id for e in people}
    out_sc = sc.model_copy(
        update={
            "service": svc,
            "employees": tuple(people),
            "staffing": _scaled(sc.staffing, variant),
            **{
                name: _kept(getattr(sc, name), kept)
                for name in PERSON_TABLES  # shift_limits too: a person left out takes theirs
            },
            "job_shares": tuple(j for j in sc.job_shares if {j.first, j.second} <= kept),
        }
    )
    try:
        check_scenario(out_sc)
    except ScenarioError as err:
        raise SweepError(
            f"variant {variant.name!r}: the changed scenario is refused: {err.table}: {err.message}"
        ) from None
    return out_sc


def variant_year(year: YearInputs, variant: Variant, scenario: Scenario) -> YearInputs:
    """The year's inputs as ``variant`` changes them (``scenario``: the variant's): the year's cover
    scaled as the scenario's, the leave and profile rows of people left out dropped."""
    kept = {e.id for e in scenario.employees}
    return YearInputs(
        leave=_kept(year.leave, kept),
        staffing=_scaled(year.staffing, variant),
        profile=tuple(r for r in year.profile if r.employee_id is None or r.employee_id in kept),
        sources=year.sources,
    )


R = TypeVar("R", bound=BaseModel)
L = TypeVar("L", bound=StaffingLevel)


def _kept(rows: Sequence[R], kept: set[str]) -> tuple[R, ...]:
    return tuple(r for r in rows if getattr(r, "employee_id", None) in kept)


def _scaled(rows: Sequence[L], variant: Variant) -> tuple[L, ...]:
    """Every minimum cover x ``staffing_scale`` (rounded half up); a maximum below it rises to it."""
    if variant.staffing_scale == 1.0:
        return tuple(rows)

    def scale(n: int) -> int:
        exact = Decimal(n) * Decimal(str(variant.staffing_scale))
        return int(exact.quantize(Decimal(1), ROUND_HALF_UP))

    return tuple(
        r.model_copy(update={"min": scale(r.min), "max": None if r.max is None else max(r.max, scale(r.min))})
        for r in rows
    )


# -- running one variant ----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a variant gives back: its row, its months and balances (a year), its files."""

    row: dict[str, object]
    months: list[dict[str, object]] = field(default_factory=list)
    balances: list[dict[str, object]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    """One variant to run: plain data, picklable for a process pool or a Dask worker."""

    sweep: Sweep
    variant: Variant
    scenario: Scenario
    year: YearInputs


def _measures(sc: Scenario, roster: Roster, report: ValidationReport) -> dict[str, float]:
    cover = cover_frame(sc, roster)
    slot_hours = (cover["end"] - cover["start"]) / 60
    hours = hours_frame(sc, roster)
    room = headroom_frame(sc, roster)
    room = room[~room["opted_out"].astype(bool)]
    return {
        "short_hours": float((cover["under"] * slot_hours).sum()),
        "over_hours": float((cover["over"] * slot_hours).sum()),
        "wishes": float(len(report.wishes)),
        "honoured": float(sum(1 for w in report.wishes if w.honoured)),
        "banked_hours": float(hours["banked_minutes"].sum()) / 60,
        "min_headroom_hours": float(room["headroom_hours"].astype(float).min()) if len(room) else math.nan,
        "off_target_hours": float(hours["net_minutes"].abs().mean()) / 60,
    }


def _spread(pairs: Sequence[tuple[Scenario, ValidationReport]]) -> float | None:
    """Highest less lowest share of wishes honoured between people with wishes (percentage points)."""
    judged: dict[str, list[int]] = {}
    for sc, report in pairs:
        frame = wishes_by_person(sc, report)
        for who, n, ok in zip(frame["id"], frame["wishes"], frame["honoured"], strict=True):
            tot = judged.setdefault(str(who), [0, 0])
            tot[0] += int(n)
            tot[1] += int(ok)
    shares = [100.0 * ok / n for n, ok in judged.values() if n]
    return round(max(shares) - min(shares), 2) if shares else None


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_variant(task: Task) -> Outcome:
    """Solve one variant (a roster period or a year's plan) and measure it."""
    sweep, variant = task.sweep, task.variant
    settings = sweep.settings
    sc = variant_scenario(task.scenario, variant)
    started = time.perf_counter()
    row: dict[str, object] = {
        "variant": variant.name,
        "scope": sweep.scope,
        "seed": settings.seed,
        "workers": settings.workers,
        "engine": sweep.engine,
        "time_limit": settings.time_limit,
        "deterministic_time": settings.deterministic_time,
    }
    out = Outcome(row)
    with tempfile.TemporaryDirectory(prefix="roster-sweep-") as tmp:
        if sweep.scope == "period":
            result = solve(sc, settings, engine=sweep.engine)
            if not result.has_roster:
                row.update(
                    status=result.status,
                    periods=1,
                    reproducible=result.reproducible,
                    seconds=round(time.perf_counter() - started, 1),
                )
                return out
            report = validate(sc, result.roster)
            m = _measures(sc, result.roster, report)
            gap = None
            if result.objective and result.best_bound is not None:
                gap = max(0.0, (result.objective - result.best_bound) / max(1.0, abs(result.objective)))
            save_scenario(sc, Path(tmp) / "scenario")
            write_outputs(Path(tmp) / "out", sc, result, report)
            row.update(
                status=result.status,
                periods=1,
                objective=result.objective,
                gap=gap,
                reproducible=result.reproducible,
                balance_error_hours=round(m["off_target_hours"], 2),
                spread=_spread([(sc, report)]),
                **_common(m),
            )
        else:
            first, last = sweep.span(task.scenario)
            profiles: Mapping[str, Profile] | None = None
            if variant.profile is not None:
                profiles = {"": Profile.of(variant.profile)} if variant.profile else {}
            elif task.year.profile:
                profiles = profiles_from_rows(variant_year(task.year, variant, sc).profile)
            plan = plan_year(
                sc,
                first,
                last,
                Path(tmp),
                settings,
                profiles=profiles or {},
                year=variant_year(task.year, variant, sc),
                engine=sweep.engine,
                propose=variant.propose,
                bounds=variant.range,
            )
            totals: dict[str, float] = {}
            pairs = []
            for psc, roster in plan.history:
                report = validate(psc, roster)
                pairs.append((psc, report))
                for k, v in _measures(psc, roster, report).items():
                    least = k == "min_headroom_hours"
                    totals[k] = min(totals.get(k, v), v) if least else totals.get(k, 0) + v
            finals = {str(g["employee_id"]): float(str(g["balance_hours"])) for g in plan.glide}
            gaps = [p.gap for p in plan.periods if p.gap is not None]
            statuses = sorted({p.status for p in plan.periods})
            row.update(
                status="/".join(statuses),
                periods=len(plan.periods),
                reproducible=all(p.reproducible for p in plan.periods),
                objective=sum(p.objective or 0 for p in plan.periods),
                gap=max(gaps) if gaps else None,
                balance_error_hours=round(sum(map(abs, finals.values())) / max(1, len(finals)), 2),
                bound_hours=plan.bound,
                spread=_spread(pairs),
                **_common(totals),
            )
            out.months = [{"variant": variant.name, **m} for m in plan.months]
            out.balances = [{"variant": variant.name, **g} for g in plan.glide]
        out.files = _files(Path(tmp))
    row["wishes_spread_pct"] = row.pop("spread")
    row["seconds"] = round(time.perf_counter() - started, 1)
    return out


def _common(m: Mapping[str, float]) -> dict[str, object]:
    honoured = 100.0 * m["honoured"] / m["wishes"] if m["wishes"] else None
    room = m["min_headroom_hours"]
    return {
        "short_hours": round(m["short_hours"], 2),
        "over_hours": round(m["over_hours"], 2),
        "wishes": int(m["wishes"]),
        "wishes_honoured_pct": None if honoured is None else round(honoured, 2),
        "banked_hours": round(m["banked_hours"], 2),
        "min_headroom_hours": None if math.isnan(room) else round(room, 2),
    }


# -- running a sweep --------------------------------------------------------------------------------


Done = Callable[[Outcome], None]
"""Called in the caller's process as each variant comes back (to write its files, a progress bar)."""


def tasks_of(sweep: Sweep, folder: Path) -> list[Task]:
    """Every variant of ``sweep`` with its scenario read from ``folder``; a variant that cannot be
    built is refused here, before anything is solved."""
    scenario = load_scenario(folder)
    year = load_year(folder / YEAR_FOLDER, scenario) if sweep.scope == "year" else YearInputs()
    tasks = [Task(sweep, v, scenario, year) for v in sweep.variants]
    for t in tasks:
        variant_scenario(scenario, t.variant)
    return tasks


def local_jobs(workers: int, variants: int, cores: int | None = None) -> int:
    """Variants run at once on this machine: jobs x solver workers never above the cores."""
    import os

    cores = cores or os.cpu_count() or 1
    return max(1, min(variants, cores // max(1, workers)))


def run_local(tasks: Sequence[Task], jobs: int, done: Done | None = None) -> list[Outcome]:
    """Run ``tasks`` on ``jobs`` processes of this machine (in order when ``jobs`` is 1;
    :func:`.parallel.run_jobs`)."""
    return run_jobs(run_variant, tasks, processes=jobs, done=None if done is None else lambda _, o: done(o))


ADDRESS_EXAMPLE = "tcp://HOST:PORT, e.g. tcp://192.168.1.20:8786 or tcp://scheduler.example:8786"
"""What a Dask scheduler's address looks like (the scheduler prints its own when it starts)."""


def check_cluster_address(address: str) -> None:
    """:class:`SweepError` unless ``address`` reads as a Dask scheduler's address: a protocol Dask
    knows and, for tcp and tls, a host and a port. Checked before any variant runs."""
    try:
        from distributed.comm.addressing import parse_address, parse_host_port
        from distributed.comm.registry import backends
    except ImportError:  # pragma: no cover - the extra is in every install the tests make
        raise SweepError(
            "--cluster needs Dask's distributed package: pip install 'roster[cluster]'"
        ) from None
    try:
        scheme, location = parse_address(address.strip())
        if scheme not in backends:
            raise ValueError(f"{scheme}:// is not a protocol Dask knows ({', '.join(sorted(backends))})")
        if scheme in ("tcp", "tls"):
            host, port = parse_host_port(location)
            if not host or not port:
                raise ValueError("the host or the port is missing")
    except (ValueError, TypeError) as err:
        raise SweepError(
            f"--cluster {address!r} is not the address of a Dask scheduler ({err}); give it as "
            f"{ADDRESS_EXAMPLE} (the address the scheduler prints when it starts)"
        ) from None


def run_cluster(tasks: Sequence[Task], address: str, done: Done | None = None) -> list[Outcome]:
    """Run ``tasks`` on the Dask distributed cluster at ``address`` (its scheduler). Each task uses the
    sweep's solver workers: start the cluster's workers with ``--nthreads 1`` and as many worker
    processes as cores / solver workers, so a machine is never oversubscribed."""
    check_cluster_address(address)
    try:
        return run_jobs(
            run_variant,
            tasks,
            address=address,
            prefix="variant",
            done=None if done is None else lambda _, o: done(o),
        )
    except ClusterError as err:
        raise SweepError(str(err)) from None
    except ValueError as err:
        raise SweepError(f"--cluster {address!r}: {err}; give it as {ADDRESS_EXAMPLE}") from None


def result_rows(outcomes: Sequence[Outcome]) -> list[dict[str, object]]:
    """The results table: :data:`RESULT_COLUMNS` per variant, in the sweep's order."""
    return [{c: o.row.get(c) for c in RESULT_COLUMNS} for o in outcomes]
