"""The year's rosters solved independently (one process, a pool, a Dask cluster), then
reconciled against their real predecessors: kept, or re-solved close to the draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from roster import RuleCode, SolverSettings, load_scenario, solve, validate
from roster.domain import HistoryDay
from roster.planning import Profile, plan_year, reconcile

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
SETTINGS = SolverSettings(time_limit=20, workers=1, seed=0, deterministic_time=1.0)
SUMMER = Profile.of({"apr-sep": 44, "oct-mar": 30})
FIRST, LAST = dt.date(2027, 9, 20), dt.date(2027, 10, 31)


def test_a_roster_kept_or_re_solved_against_its_real_predecessor() -> None:
    sc = load_scenario(TINY)
    draft = solve(sc, SETTINGS)
    assert draft.has_roster
    # against the scenario it was solved for it breaks nothing: kept, its objective the validator's
    kept, how, request = reconcile(sc, draft, SETTINGS)
    assert how == "kept" and kept.roster == draft.roster and request is None
    assert kept.objective == validate(sc, kept.roster).objective == draft.objective
    # its real predecessor had T1 on a late shift until 23:00 on Sunday 3 January: an 08:00 start
    # on Monday leaves 9 hours' rest, not 11 (REST_DAILY), so the roster is re-solved close to it
    monday = dt.date(2027, 1, 4)
    t1 = next(s for s in draft.roster.shifts if s.employee_id == "T1" and s.date == monday)
    assert t1.start < dt.datetime(2027, 1, 4, 10, 0)
    late = HistoryDay(
        employee_id="T1", date=dt.date(2027, 1, 3), hours=8, shift_end=dt.datetime(2027, 1, 3, 23, 0)
    )
    real = sc.model_copy(update={"history": (*sc.history, late)})
    broken = validate(real, draft.roster).hard_violations
    assert {(v.rule, v.employee_id) for v in broken} == {(RuleCode.REST_DAILY, "T1")}
    fixed, how, request = reconcile(real, draft, SETTINGS)
    assert how == "re-solved" and fixed.has_roster and request is not None and request.base == draft.roster
    report = validate(real, fixed.roster, request)  # STABILITY's cost of each move counted
    assert report.hard_violations == () and report.objective == fixed.objective
    assert fixed.changes is not None and fixed.changes.people == ("T1",)  # only the person whose rest broke
    assert any("broke REST_DAILY (T1)" in n for n in fixed.notes)


def test_the_rosters_solved_in_one_process_and_on_a_dask_cluster_are_the_same(
    tmp_path: Path, dask_cluster: str
) -> None:
    sc = load_scenario(TINY)
    # a small deterministic budget under a generous wall-clock guard: the same roster each time
    settings = SolverSettings(time_limit=60, workers=1, seed=0, deterministic_time=0.3)
    alone = plan_year(sc, FIRST, LAST, tmp_path / "alone", settings, profiles={"": SUMMER}, engine="slot")
    assert all(p.reproducible for p in alone.periods)
    spread = plan_year(
        sc,
        FIRST,
        LAST,
        tmp_path / "dask",
        settings,
        profiles={"": SUMMER},
        engine="slot",
        cluster=dask_cluster,
    )
    assert [(p.status, p.objective, p.short_hours, p.reconciled) for p in alone.periods] == [
        (p.status, p.objective, p.short_hours, p.reconciled) for p in spread.periods
    ]
    for folder in ("01-2027-09-20", "02-2027-10-11"):
        for name in ("draft/result.json", "out/roster.csv"):
            a = (tmp_path / "alone" / "periods" / folder / name).read_text()
            b = (tmp_path / "dask" / "periods" / folder / name).read_text()
            if name.endswith(".json"):  # the wall time differs; the roster and figures do not
                a, b = (x.split('"wall_time"')[0] for x in (a, b))
            assert a == b, (folder, name)
    # the second period's draft was solved with the plan's hours as its history, and passes
    # against the first roster's real history
    assert alone.periods[1].reconciled in ("kept", "re-solved")
    for s, roster in alone.history:
        assert validate(s, roster).hard_violations == ()
