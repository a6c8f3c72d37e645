"""Solving and saving: the one path from a solve request to a draft version in the store.

``roster solve`` and the web page's solve of a period both call :func:`solve_and_save`: the
request is solved, the roster checked by the independent validator, handed to the caller's
``written`` (the command line writes its output folder there, before anything is saved, so a
folder that cannot be written leaves the store as it was), and saved as a draft version of
the team with the files it was solved from (noted as interrupted when the search was stopped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from roster.domain import ProgressPoint, SolveResult, SolverSettings
from roster.domain.request import SolveRequest
from roster.model import DEFAULT_PRESET, SearchPreset, solve
from roster.store import Store, VersionInfo
from roster.validation import ValidationReport, validate
from roster.workflow.review import save_roster

INTERRUPTED = "interrupted: the best roster when the search was stopped"

Runner = Callable[[Callable[[], SolveResult]], SolveResult]
"""Runs the solve (a function of nothing) and returns its result: the command line runs it in a
worker thread, so that Ctrl-C and SIGTERM reach its main thread."""


class Stop(Protocol):
    """Anything with ``is_set()`` (a :class:`threading.Event`): once set, the search stops."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class SavedSolve:
    result: SolveResult
    report: ValidationReport
    """The validator's verdict on the roster (against the request: pins and stability too)."""
    version: VersionInfo | None
    """The draft saved (None when no roster was found)."""
    interrupted: bool
    """The search was stopped before its end (the roster is the best one found until then)."""


def solve_and_save(
    store: Store,
    request: SolveRequest,
    files: Mapping[str, bytes],
    settings: SolverSettings,
    *,
    actor: str,
    note: str = "",
    progress: Callable[[ProgressPoint], None] | None = None,
    stop: Stop | None = None,
    stage: Callable[[str], None] | None = None,
    engine: str = "auto",
    preset: SearchPreset = DEFAULT_PRESET,
    run: Runner | None = None,
    written: Callable[[SolveResult, ValidationReport], None] | None = None,
) -> SavedSolve:
    """Solve ``request`` (its scenario read from ``files``, the snapshot the version keeps),
    check the roster, call ``written`` with the result and the report, and save the roster as a
    draft version of the team (the service's name) by ``actor`` with ``note``.

    ``progress``, ``stop``, ``stage``, ``engine`` and ``preset`` are the solve's
    (:func:`roster.solve`); ``run`` runs it (default: here). A result without a roster is
    checked and handed to ``written`` but not saved. The store's errors on saving are raised
    as they come (``StoreError``, SQLAlchemy's ``DatabaseError``), after ``written``."""

    def work() -> SolveResult:
        return solve(request, settings, progress, stop, stage=stage, engine=engine, preset=preset)

    result = run(work) if run is not None else work()
    report = validate(request.scenario, result.roster, request)
    interrupted = result.interrupted or (stop is not None and stop.is_set())
    if written is not None:
        written(result, report)
    version = None
    if result.has_roster:
        if interrupted:
            note = f"{note}; {INTERRUPTED}" if note else INTERRUPTED
        version = save_roster(
            store,
            request.scenario,
            dict(files),
            result.roster,
            report,
            solver_objective=result.objective,
            actor=actor,
            note=note,
        )
    return SavedSolve(result, report, version, interrupted)
