"""The search on a real team: validator-clean, better than its first roster.

The library-and-leisure scenario (20 people, three weeks) is large enough for
the neighbourhood search (more than ``LNS_ONLY_FROM`` self-rostered people).
That the same inputs, seed and workers give the same roster on these two teams is
shown by ``tests/test_hash_seed.py`` (two processes, two string-hash seeds, byte for
byte) and, within one process, by ``test_rules.py``; each test here solves once.
"""

from __future__ import annotations

from pathlib import Path

from helpers import solve_checked
from roster.domain import SolverSettings
from roster.io import load_scenario
from roster.model.params import DEFAULT_PRESET
from roster.timegrid import minute_of_day

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_the_search_improves_the_first_roster_of_a_real_team() -> None:
    sc = load_scenario(SCENARIOS / "library-leisure")
    assert sum(e.pattern == "self" for e in sc.employees) > DEFAULT_PRESET.lns_only_from
    settings = SolverSettings(time_limit=120, workers=2, seed=7, deterministic_time=3.0)
    a = solve_checked(sc, settings, engine="slot")  # the slot model's search, from its hand-built roster
    first, last = a.progress[0].objective, a.progress[-1].objective
    assert last == a.objective < first, "the search should improve on the hand-built roster"
    assert a.engine == "slot"
    # no wall-clock guard stopped it
    assert all(n.startswith("person sweep: ") for n in a.notes), a.notes


def test_the_round_the_clock_scenario_is_validator_clean_on_its_shift_types() -> None:
    # Shift types, supervision, no lone working, history and limits together (SHIFT_TYPES).
    sc = load_scenario(SCENARIOS / "cctv-control-room")
    settings = SolverSettings(time_limit=120, workers=2, seed=3, deterministic_time=2.0)
    a = solve_checked(sc, settings)
    assert a.has_roster
    types = {(t.start, t.end) for t in sc.service.shift_types}
    times = {(minute_of_day(s.date, s.start), minute_of_day(s.date, s.end)) for s in a.roster.shifts}
    assert times <= types
