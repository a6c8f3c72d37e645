"""roster: a self-rostering constraint solver for UK public-sector services.

The public API, used by the command line, the benchmarks, the tests and notebooks::

    from roster import SolveRequest, SolverSettings, load_scenario, solve, validate

    scenario = load_scenario("scenarios/tiny")
    result = solve(SolveRequest(scenario=scenario), SolverSettings(time_limit=30))
    report = validate(scenario, result.roster)

Every name is imported on first use: ``solve`` (OR-Tools) and ``load_scenario`` (pandas,
openpyxl) so that ``import roster.validation`` stays free of the solver, and the domain's
values (pydantic) so that ``import roster`` itself costs nothing: the ``roster`` command's
entry point (:mod:`roster.launch`) is running, and handling Ctrl-C, before anything loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roster.domain import Roster as Roster
    from roster.domain import Scenario as Scenario
    from roster.domain import Shift as Shift
    from roster.domain import SolveResult as SolveResult
    from roster.domain import SolverSettings as SolverSettings
    from roster.domain import Weights as Weights
    from roster.domain.request import Pin as Pin
    from roster.domain.request import SolveRequest as SolveRequest
    from roster.domain.rules import RULES as RULES
    from roster.domain.rules import RuleCode as RuleCode
    from roster.io import InputError as InputError
    from roster.io import load_scenario as load_scenario
    from roster.model import solve as solve
    from roster.validation import ValidationReport as ValidationReport
    from roster.validation import validate as validate

__version__ = "0.1.0"

_LAZY = {
    "Roster": "roster.domain",
    "Scenario": "roster.domain",
    "Shift": "roster.domain",
    "SolveResult": "roster.domain",
    "SolverSettings": "roster.domain",
    "Weights": "roster.domain",
    "Pin": "roster.domain.request",
    "SolveRequest": "roster.domain.request",
    "RULES": "roster.domain.rules",
    "RuleCode": "roster.domain.rules",
    "InputError": "roster.io",
    "load_scenario": "roster.io",
    "solve": "roster.model",
    "ValidationReport": "roster.validation",
    "validate": "roster.validation",
}

__all__ = [
    "RULES",
    "InputError",
    "Pin",
    "Roster",
    "RuleCode",
    "Scenario",
    "Shift",
    "SolveRequest",
    "SolveResult",
    "SolverSettings",
    "ValidationReport",
    "Weights",
    "load_scenario",
    "solve",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'roster' has no attribute {name!r}")
