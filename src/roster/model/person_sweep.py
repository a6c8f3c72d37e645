"""Step 4b of a solve, the person sweep: each self-rostered person re-solved with everyone else's
shifts fixed, keeping each better roster.

Measured on the default contact-centre roster (objective 5,980): 24 of its 32 self-rostered
people could each be improved alone (``benchmarks/person_optimality.py``), which the
neighbourhood search had not found; one sweep takes it to 4,642 (seeds 1 and 2: 5,902 -> 3,667,
5,947 -> 3,607). Every solve is the whole model (cover, fairness, team rules) on a copy with the
other people's decision variables fixed, hinted with the current solution, on a deterministic
budget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ortools.sat.python import cp_model

from roster.domain import SolverSettings
from roster.model.cpsat import StopSignal, sub_solver
from roster.model.cpsat import found as _found
from roster.model.cpsat import run as _run
from roster.model.formulation import Formulation
from roster.model.params import SearchPreset

log = logging.getLogger(__name__)


def person_sweep(
    f: Formulation,
    best: cp_model.CpSolver,
    people: list[str],
    settings: SolverSettings,
    preset: SearchPreset,
    stop: StopSignal | None,
    left: Callable[[], float],
    emit: Callable[[float, float | None], None],
) -> tuple[cp_model.CpSolver, list[str]]:
    """Re-solve each of ``people`` with everyone else's shifts fixed; keep each better roster.

    Returns the best solver and the notes for the summary. ``left`` gives the wall-clock seconds
    the solve has left (the guard); ``emit`` reports each better roster (objective, bound)."""
    notes: list[str] = []
    budget = preset.polish_deterministic_time
    if budget <= 0 or preset.polish_sweeps <= 0:
        return best, notes
    owned = {p: f.decision_indices(p) for p in people}
    values = list(best.response_proto.solution)
    current = round(best.objective_value)
    bound = max(best.best_objective_bound, 0.0)  # the search's: the sweep proves nothing new
    start = current
    better = 0
    for _ in range(preset.polish_sweeps):
        improved = False
        for person in people:
            if stop is not None and stop.is_set():
                break
            if left() <= 1.0:
                if settings.deterministic_time is not None:
                    notes.append(
                        "the wall-clock guard stopped the person sweep: this roster may differ "
                        "from a run on a faster machine"
                    )
                break
            model = f.model.clone()
            variables = model.proto.variables
            for other in people:
                if other != person:
                    for i in owned[other]:
                        variables[i].domain.clear()
                        variables[i].domain.extend([values[i], values[i]])
            hint = model.proto.solution_hint
            hint.vars.clear()
            hint.values.clear()
            hint.vars.extend(range(len(values)))
            hint.values.extend(values)
            solver = sub_solver(settings, {}, interleave=False)
            solver.parameters.num_workers = 1  # one worker: deterministic (a portfolio is not)
            solver.parameters.max_deterministic_time = budget
            solver.parameters.max_time_in_seconds = max(1.0, min(left(), 10 * budget + 1))
            status = _run(solver, model, stop)
            if _found(status) and round(solver.objective_value) < current:
                current = round(solver.objective_value)
                values = list(solver.response_proto.solution)
                best = solver
                better += 1
                improved = True
                emit(current, bound)
        if not improved:
            break
    if better:
        notes.append(
            f"person sweep: {better} people re-planned with everyone else fixed, "
            f"objective {start:,} -> {current:,}"
        )
        log.info("person sweep: %d improvements, %d -> %d", better, start, current)
    return best, notes
