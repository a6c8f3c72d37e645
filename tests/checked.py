"""Every roster a test solves is held to the independent validator: no hard rule broken, and the
validator's recomputed objective equal to the solver's own figure (not to a figure the validator
gave earlier). One helper for each place a solve leaves its roster: in memory, in a ``roster
solve`` output folder, in the roster store, in a year plan's or a sweep's folder."""

from __future__ import annotations

import json
from pathlib import Path

from roster.domain import Roster, Scenario
from roster.domain.request import DEFAULT_STABILITY, SolveRequest
from roster.io import load_scenario, read_roster_csv
from roster.store import Store
from roster.validation import ValidationReport, validate
from roster.workflow import scenario_of


def assert_checked(
    scenario: Scenario, roster: Roster, solver_objective: int | None, request: SolveRequest | None = None
) -> ValidationReport:
    """``roster`` breaks no hard rule and the validator's objective (with ``request``'s STABILITY
    and pins, when the solve had a base roster) equals ``solver_objective``, the solver's own."""
    report = validate(scenario, roster, request)
    assert report.hard_violations == (), report.hard_violations
    assert solver_objective is not None, "a solved roster without the solver's objective"
    assert report.objective == solver_objective, (report.cost_by_rule(), solver_objective)
    return report


def assert_output_checked(
    scenario: Path | Scenario, out: Path, request: SolveRequest | None = None
) -> ValidationReport:
    """A ``roster solve`` output folder: ``roster.csv`` read back passes the validator with
    ``result.json``'s objective (the solver's; the validator's own verdict in the file is not used)."""
    sc = load_scenario(scenario) if isinstance(scenario, Path) else scenario
    result = json.loads((out / "result.json").read_text())
    return assert_checked(sc, read_roster_csv(out / "roster.csv"), result["objective"], request)


def assert_version_checked(store: Store, version_id: int, *, stability: int = DEFAULT_STABILITY) -> None:
    """A stored version a solver made: its roster passes the validator, the validator's objective
    saved with it is the validator's, and the solver's saved objective is what the validator
    recomputes for the request solved (a re-solve's: from its parent, STABILITY at ``stability``)."""
    info = store.version(version_id)
    scenario, roster = scenario_of(store, version_id), store.roster(version_id)
    assert validate(scenario, roster).objective == info.objective
    request = None
    if info.source == "re-solve":
        assert info.parent_id is not None
        request = SolveRequest(scenario=scenario, base=store.roster(info.parent_id), stability=stability)
    assert_checked(scenario, roster, info.solver_objective, request)
