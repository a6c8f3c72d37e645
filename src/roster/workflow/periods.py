"""A roster period from wishes to a draft roster: open it, let staff give wishes, close it, solve.

The web page and the command line share these functions. A period's scenario is a snapshot of
the team's input files (``service.yaml``, ``employees.csv``, leave, cover, ...); the wishes
staff give are rows of ``preferences.csv`` and ``wishes.csv`` and are read, checked and
refused exactly as those files' rows are (:func:`check_wishes` goes through the same row
reader and the same scenario checks), so a wish refused on the page is refused with the
message the file would get. Solving writes the period's files with everyone's wishes and
solves them as ``roster solve`` does; the roster is saved as a draft version of the team.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roster.domain import (
    DayPreference,
    Employee,
    Scenario,
    ScenarioError,
    SolveResult,
    SolverSettings,
    StandingWish,
)
from roster.domain.request import SolveRequest
from roster.domain.scenario_checks import wished_shift_problem
from roster.io import InputError, load_scenario_files, save_scenario
from roster.io.scenario_files import WORKBOOK_FILE, read_rows
from roster.io.scenario_save import table_csv
from roster.store import Store, StoreError, VersionInfo
from roster.store import periods as stored
from roster.store.periods import PeriodInfo, Submission
from roster.validation import ValidationReport
from roster.workflow.review import scenario_files
from roster.workflow.solve import solve_and_save

WISH_FILES = ("preferences.csv", "wishes.csv")
"""The files of a scenario that a period's wishes replace."""

IMPORTED = "imported from the scenario's files"


def scenario_as_files(scenario: Scenario) -> dict[str, bytes]:
    """The scenario as the files of a folder (``service.yaml`` and CSV tables), by name."""
    with tempfile.TemporaryDirectory(prefix="roster-period-") as tmp:
        save_scenario(scenario, Path(tmp))
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir() if p.is_file()}


def _canonical(files: Mapping[str, bytes], scenario: Scenario) -> dict[str, bytes]:
    """A scenario kept in a workbook as CSV files, so that its wishes can be written back as
    ``preferences.csv`` and ``wishes.csv``."""
    out = scenario_as_files(scenario)
    if "weights.toml" in files:
        out["weights.toml"] = files["weights.toml"]
    return out


def open_period_files(store: Store, files: Mapping[str, bytes], actor: str) -> PeriodInfo:
    """Open the period of the scenario in ``files`` for wishes (the team is the service's name).

    The scenario's own preferences and standing wishes become the people's wishes (each person
    with some counts as having given them). Raises :class:`~roster.io.InputError` for a
    scenario that does not read, :class:`~roster.store.StoreError` when the team already has a
    period from that date."""
    scenario = load_scenario_files(files)
    base = dict(files) if WORKBOOK_FILE not in files else _canonical(files, scenario)
    for name in WISH_FILES:
        base.pop(name, None)  # a period's wishes live in the store; the files are written at solve time
    svc = scenario.service
    return stored.open_period(
        store,
        svc.name,
        base,
        svc.start_date,
        svc.weeks,
        actor=actor,
        prefs=scenario.preferences,
        wishes=scenario.wishes,
        given_by=IMPORTED,
    )


def open_period(store: Store, folder: Path, actor: str) -> PeriodInfo:
    """Open the period of the scenario folder ``folder`` for wishes (see :func:`open_period_files`)."""
    return open_period_files(store, scenario_files(Path(folder)), actor)


def period_files(store: Store, period_id: int) -> dict[str, bytes]:
    """The period's scenario files with everyone's wishes as they are now in the store."""
    info = stored.period(store, period_id)
    files = store.snapshot_files(info.snapshot_id)
    prefs, wishes = stored.wishes_of(store, period_id)
    if prefs:
        files["preferences.csv"] = table_csv("preferences", prefs).encode("utf-8")
    if wishes:
        files["wishes.csv"] = table_csv("wishes", wishes).encode("utf-8")
    return files


_base_lock = threading.Lock()
_base_cache: dict[tuple[str, int], Scenario] = {}


def base_scenario(store: Store, info: PeriodInfo) -> Scenario:
    """The period's scenario without anyone's wishes (snapshots never change: kept once read)."""
    key = (store.url, info.snapshot_id)
    with _base_lock:
        found = _base_cache.get(key)
    if found is None:
        found = load_scenario_files(store.snapshot_files(info.snapshot_id))
        with _base_lock:
            if len(_base_cache) > 32:
                _base_cache.clear()
            _base_cache[key] = found
    return found


# -- one person's wishes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WishProblem:
    """A wish that cannot be kept: which (``date`` ISO or ``standing-N``), the field and why."""

    key: str
    field: str | None
    message: str


@dataclass(frozen=True)
class WishCheck:
    prefs: tuple[DayPreference, ...]
    wishes: tuple[StandingWish, ...]
    problems: tuple[WishProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _cells(employee_id: str, row: Mapping[str, str], columns: Sequence[str]) -> dict[str, str]:
    return {"employee_id": employee_id, **{c: str(row.get(c, "") or "").strip() for c in columns}}


def check_wishes(
    base: Scenario, employee_id: str, days: Sequence[Mapping[str, str]], standing: Sequence[Mapping[str, str]]
) -> WishCheck:
    """Read one person's wishes as the rows of ``preferences.csv`` (``days``: each with ``date``,
    ``kind``, ``start``, ``end``, ``strength`` as text) and ``wishes.csv`` (``standing``: ``weekday``,
    ``kind``, ``time``, ``strength``), and check them against the period's scenario ``base`` as a
    scenario folder's rows are checked. Every problem is listed, one per row, with the message a
    file with that row would get."""
    emp = next((e for e in base.employees if e.id == employee_id), None)
    if emp is None:
        return WishCheck((), (), (WishProblem("person", None, f"{employee_id} is not in the team"),))
    problems: list[WishProblem] = []
    prefs: list[DayPreference] = []
    for row in days:
        cells = _cells(employee_id, row, ("date", "kind", "start", "end", "strength"))
        if cells["kind"] in ("any", "") and not cells["start"] and not cells["end"]:
            continue  # no wish that day (a day without a row is "any")
        key = cells["date"] or "date"
        try:
            (pref,) = read_rows("preferences", [cells])
        except InputError as err:
            problems.append(WishProblem(key, err.field, err.message))
            continue
        problem = wished_shift_problem(base.service, emp, pref) if pref.kind == "shift" else None
        if problem is not None:
            problems.append(WishProblem(key, problem[0], problem[1]))
            continue
        prefs.append(pref)
    wishes: list[StandingWish] = []
    for i, row in enumerate(standing):
        cells = _cells(employee_id, row, ("weekday", "kind", "time", "strength"))
        if not any(cells[c] for c in ("weekday", "kind", "time")):
            continue
        try:
            (wish,) = read_rows("wishes", [cells])
        except InputError as err:
            problems.append(WishProblem(f"standing-{i}", err.field, err.message))
            continue
        wishes.append(wish)
    if problems:
        return WishCheck(tuple(prefs), tuple(wishes), tuple(problems))
    # the scenario's own checks, with this person's rows in place of the ones it had
    others = tuple(p for p in base.preferences if p.employee_id != employee_id)
    others_w = tuple(w for w in base.wishes if w.employee_id != employee_id)
    try:
        Scenario.model_validate(
            {
                **{k: getattr(base, k) for k in Scenario.model_fields},
                "preferences": (*others, *prefs),
                "wishes": (*others_w, *wishes),
            }
        )
    except ScenarioError as cause:
        index = cause.index if cause.index is not None else -1
        if cause.table == "preferences" and index >= len(others):
            key = prefs[index - len(others)].date.isoformat()
        elif cause.table == "wishes" and index >= len(others_w):
            key = f"standing-{index - len(others_w)}"
        else:
            key = "person"
        problems.append(WishProblem(key, cause.field, cause.message))
    return WishCheck(tuple(prefs), tuple(wishes), tuple(problems))


def save_wishes(
    store: Store,
    period_id: int,
    employee_id: str,
    days: Sequence[Mapping[str, str]],
    standing: Sequence[Mapping[str, str]],
    *,
    actor: str,
    revision: int | None,
) -> tuple[WishCheck, Submission | None]:
    """Check one person's wishes (:func:`check_wishes`) and, when every one holds, save them in
    place of the person's earlier ones (one transaction). With any problem nothing is saved."""
    info = stored.period(store, period_id)
    check = check_wishes(base_scenario(store, info), employee_id, days, standing)
    if not check.ok:
        return check, None
    saved = stored.save_wishes(
        store, period_id, employee_id, check.prefs, check.wishes, actor=actor, revision=revision
    )
    return check, saved


def self_rostered(scenario: Scenario) -> list[Employee]:
    """The people who give wishes: everyone whose shifts are not fixed."""
    return [e for e in scenario.employees if e.pattern == "self"]


@dataclass(frozen=True)
class Returns:
    """Who has given their wishes for a period, and who has not yet."""

    given: dict[str, Submission]
    missing: list[Employee]
    people: list[Employee] = field(default_factory=list)


def returns(store: Store, info: PeriodInfo) -> Returns:
    people = self_rostered(base_scenario(store, info))
    subs = stored.submissions(store, info.id)
    return Returns(
        {e.id: subs[e.id] for e in people if e.id in subs}, [e for e in people if e.id not in subs], people
    )


# -- solving a period ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodSolve:
    period: PeriodInfo
    result: SolveResult
    report: ValidationReport
    version: VersionInfo | None
    """The draft saved (None when no roster was found)."""


def solve_period(
    store: Store,
    period_id: int,
    actor: str,
    settings: SolverSettings,
    *,
    progress: Any = None,
    stop: Any = None,
    stage: Any = None,
    engine: str = "auto",
) -> PeriodSolve:
    """Solve a closed period with everyone's wishes as they are, as ``roster solve`` does
    (:func:`~roster.workflow.solve.solve_and_save`), and save the roster as a draft version of
    the team (noted as interrupted when ``stop`` cut it short)."""
    info = stored.period(store, period_id)
    if info.status != "closed":
        raise StoreError(
            "the period is still open for wishes: close it first, so that nobody's wishes "
            "change while the roster is made"
        )
    files = period_files(store, period_id)
    request = SolveRequest(scenario=load_scenario_files(files))
    saved = solve_and_save(
        store,
        request,
        files,
        settings,
        actor=actor,
        progress=progress,
        stop=stop,
        stage=stage,
        engine=engine,
        note=f"solved from the wishes of the period from {info.start_date}",
    )
    return PeriodSolve(info, saved.result, saved.report, saved.version)


def period_versions(store: Store, info: PeriodInfo) -> list[VersionInfo]:
    """The team's versions of the period (solved here or with ``roster solve``), newest first."""
    return [v for v in reversed(store.versions(info.team)) if v.period_start == info.start_date]
