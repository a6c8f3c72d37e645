"""CP-SAT helpers every engine and the diagnosis share: a stoppable solve and a configured solver.

OR-Tools' own SIGINT handler is never installed (``catch_sigint_signal = False``):
``roster solve`` handles signals itself and sets a stop event, which
:func:`run` turns into ``stop_search()`` from a watcher thread.
"""

from __future__ import annotations

import threading
from typing import Protocol

from ortools.sat.python import cp_model

from roster.domain import SolverSettings
from roster.model.params import ParamValue, apply


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
        while not done.wait(0.05):
            if stop.is_set():
                solver.stop_search()
                return

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
