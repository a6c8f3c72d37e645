"""The person sweep: after the search, each self-rostered person re-solved with everyone else fixed."""

from __future__ import annotations

from pathlib import Path

from roster import SolverSettings, load_scenario, solve, validate
from roster.model.params import DEFAULT_PRESET

ROOT = Path(__file__).resolve().parents[2]
# a search far too short to finish, so the sweep has something to find
SHORT = SolverSettings(time_limit=60, workers=1, seed=0, deterministic_time=0.3)


def test_the_sweep_improves_a_short_search_and_the_validator_agrees() -> None:
    sc = load_scenario(ROOT / "scenarios" / "contact-centre")
    # the slot engine alone: the pattern engine's roster leaves the sweep nothing to find
    without = solve(sc, SHORT, preset=DEFAULT_PRESET.model_copy(update={"polish_sweeps": 0}), engine="slot")
    swept = solve(sc, SHORT, engine="slot")
    assert without.objective is not None and swept.objective is not None
    assert swept.objective < without.objective
    assert any(n.startswith("person sweep: ") for n in swept.notes), swept.notes
    # the search's bound still holds for the swept roster, and is reported
    assert swept.best_bound == without.best_bound
    report = validate(sc, swept.roster)
    assert report.hard_violations == () and report.objective == swept.objective
    # that the sweep gives the same roster again is shown with the whole pipeline:
    # test_search.py (same seed and workers, twice) and test_hash_seed.py (two processes)
