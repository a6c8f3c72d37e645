"""CP-SAT helpers every engine and the diagnosis share: a stoppable solve and a configured solver.

OR-Tools' own SIGINT handler is never installed (``catch_sigint_signal = False``):
``roster solve`` handles signals itself and sets a stop event, which
:func:`run` turns into ``stop_search()`` from a watcher thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from ortools.sat.python import cp_model

from roster.domain import ProgressPoint, SolverSettings
from roster.model.params import DEFAULT_PRESET, ParamValue, SearchPreset, apply

ProgressHook = Callable[[ProgressPoint], None]
"""Called with each roster the search finds."""


class StopSignal(Protocol):
    """Anything with ``is_set()``: a :class:`threading.Event` set by a signal handler or a web request."""

    def is_set(self) -> bool: ...


def run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    stop: StopSignal | None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """``solver.solve(model)``, ended early (best solution kept) once ``stop`` is set."""
    solver.parameters.catch_sigint_signal = False
    if stop is None:
        return int(solver.solve(model, callback))
    if stop.is_set():
        return int(cp_model.UNKNOWN)
    done = threading.Event()

    def watch() -> None:
        # asked again until the solve ends: a stop asked for before ``solve`` has made its
        # search (CP-SAT's ``stop_search`` then does nothing) would otherwise be lost
        while not done.wait(0.05):
            if stop.is_set():
                solver.stop_search()

    watcher = threading.Thread(target=watch, name="roster-stop-watch", daemon=True)
    watcher.start()
    try:
        return int(solver.solve(model, callback))
    finally:
        done.set()
        watcher.join()


def found(status: int) -> bool:
    """CP-SAT found a solution (optimal or not)."""
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def sub_solver(
    settings: SolverSettings, extra: dict[str, ParamValue], *, interleave: bool = True
) -> cp_model.CpSolver:
    """A CP-SAT solver on ``settings.workers`` threads with a preset's ``extra`` parameters."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = settings.workers
    p.random_seed = settings.seed
    p.interleave_search = interleave
    p.catch_sigint_signal = False
    if interleave:
        apply(p, extra)
    return solver


class Progress(cp_model.CpSolverSolutionCallback):
    """Hands each roster the search finds to a progress hook (seconds, objective, bound)."""

    def __init__(self, hook: ProgressHook | None) -> None:
        super().__init__()
        self.hook = hook

    def on_solution_callback(self) -> None:
        if self.hook is not None:
            self.hook(
                ProgressPoint(
                    seconds=self.wall_time, objective=self.objective_value, bound=self.best_objective_bound
                )
            )


def solver_parameters(
    settings: SolverSettings, lns_only: bool = False, preset: SearchPreset = DEFAULT_PRESET
) -> cp_model.CpSolver:
    """The main search's CP-SAT solver, configured from ``settings`` and ``preset``.

    With ``deterministic_time`` set the search is interleaved and stopped on
    CP-SAT's deterministic clock, so the same inputs, seed and workers give the
    same roster; the wall-clock ``time_limit`` then only guards against a slow
    machine. ``lns_only``: once a complete first roster is in hand, a large
    team is improved by CP-SAT's large-neighbourhood search alone; a small
    team keeps the complete portfolio (``preset.small_team``), which proves
    its optimum.
    """
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = settings.workers
    p.random_seed = settings.seed
    p.max_time_in_seconds = settings.time_limit
    p.relative_gap_limit = settings.relative_gap
    p.log_search_progress = settings.log_progress
    p.catch_sigint_signal = False
    p.cp_model_probing_level = preset.probing_level
    if settings.deterministic_time is not None:
        p.max_deterministic_time = settings.deterministic_time
        p.interleave_search = True
        if not lns_only:
            apply(p, preset.small_team)
    p.use_lns_only = lns_only
    return solver
