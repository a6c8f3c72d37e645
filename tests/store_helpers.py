"""Store builders the store, workflow and web tests share."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from roster.domain import Roster
from roster.store import Store, VersionInfo

TINY = Path(__file__).resolve().parents[1] / "scenarios" / "tiny"


def save_empty_version(
    store: Store, name: str = "Contact centre", files: dict[str, bytes] | None = None, actor: str = "test"
) -> VersionInfo:
    """A draft version with no shifts, saved as a solve would save it (a three-week period from
    Monday 4 January 2027): enough to find, refuse, show, or build on."""
    return store.save(
        name,
        files if files is not None else {"service.yaml": b"name: x\n"},
        dt.date(2027, 1, 4),
        3,
        Roster(),
        actor=actor,
        source="solve",
        objective=0,
        hard_violations=0,
    )


@functools.cache
def tiny_roster() -> Roster:
    """``scenarios/tiny`` solved once per test process (1 deterministic second, 2 workers), checked
    by the validator: a roster that could be published. In its first week Asha (T1) works every
    weekday, Dan (T4) Monday, Wednesday and Thursday, Chloe (T3) Monday, Tuesday, Thursday and
    Friday, each 8 h with a 30-minute break."""
    from roster import SolverSettings, load_scenario, solve, validate

    sc = load_scenario(TINY)
    result = solve(sc, SolverSettings(time_limit=60, workers=2, seed=0, deterministic_time=1.0))
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective
    return result.roster
