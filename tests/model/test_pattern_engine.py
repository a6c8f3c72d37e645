"""The pattern engine in a solve: bound, dive roster, engine choice.

* On the hand-solved instances and ``scenarios/tiny`` the reported bound is at most the
  proved optimum and the engine reaches that optimum where it is proved.
* Every roster passes the validator with the engine's own objective (``solve_checked``).
* Same inputs, seed and workers: the same roster.
* ``auto`` runs the pattern engine whatever rules apply (team rules are rows of its master);
  when the slot model would not fit in memory, the pattern engine's roster is returned as
  it is, and the result says so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from test_rule_order import _instances

from helpers import MONDAY, level, monday_only, person, scenario, solve_checked
from roster import SolverSettings, load_scenario, solve, validate
from roster.domain import SafetyRules, Scenario
from roster.domain.request import SolveRequest
from roster.io.curtois import load_curtois
from roster.model import pattern_bound
from roster.model.params import DEFAULT_PRESET
from roster.model.pattern.generation import Generator
from roster.model.pattern.master import Master

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = SolverSettings(time_limit=60, workers=2, seed=0, deterministic_time=3)


@pytest.mark.parametrize("name, sc, optimum", _instances(), ids=[i[0] for i in _instances()])
def test_the_engine_reaches_the_proved_optimum_within_its_bound(
    name: str, sc: Scenario, optimum: int
) -> None:
    result = solve_checked(sc, SETTINGS)
    assert result.engine in ("pattern", "pattern+slot")
    assert result.objective == optimum
    assert result.best_bound is not None and result.best_bound <= optimum
    if result.best_bound == optimum and result.bound_source == "pattern LP":
        # the dive met the LP bound: proved, nothing to search
        assert result.status == "OPTIMAL" and result.engine == "pattern"


def test_tiny_dive_then_polish_is_valid_bounded_and_repeatable() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    first = solve_checked(sc, SETTINGS)
    again = solve(sc, SETTINGS)
    assert first.engine in ("pattern", "pattern+slot")
    assert first.roster == again.roster and first.objective == again.objective
    # the optimum of tiny is 1,629 (the README: proved by the slot model's complete search)
    assert first.best_bound is not None and first.best_bound <= 1_629 <= first.objective
    assert any(n.startswith("pattern engine: bound") for n in first.notes)
    assert any(n.startswith("pattern engine: roster") for n in first.notes)


def test_the_dive_alone_gives_a_roster_every_person_rule_accepts() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    gen = Generator(SolveRequest.of(sc), SETTINGS)
    value, converged = gen.generate(200, 60)
    assert converged and gen.result(value, converged).lower_bound == 621
    chosen = gen.dive(60)
    assert sorted(chosen) == list(range(len(sc.employees)))
    report = validate(sc, _roster(chosen))
    assert not report.hard_violations
    # the dive's roster is within 2% of tiny's optimum (1,629): 1,659 on HiGHS's LP vertices
    assert 1_629 <= report.objective <= 1_629 * 1.02


def _roster(chosen: dict[int, object]) -> object:
    from roster.domain import Roster

    return Roster(
        shifts=tuple(
            sorted(
                (s for col in chosen.values() for s in col.roster.shifts),  # type: ignore[attr-defined]
                key=lambda s: (s.employee_id, s.date),
            )
        )
    )


def test_pattern_only_when_the_slot_model_would_not_fit() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    # tiny's pattern engine is estimated at ~170 MB and its slot model at ~380 MB
    result = solve(sc, SETTINGS.model_copy(update={"memory_limit_mb": 250}))
    assert result.status == "FEASIBLE" and result.engine == "pattern"
    assert any("polishing skipped" in n for n in result.notes)
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective
    assert result.bound_source == "pattern LP" and result.best_bound == 621


def test_auto_runs_the_pattern_engine_where_a_team_rule_binds() -> None:
    # a trainee (6 h) only alongside the supervisor (6 h), cover 09:00-12:00: both work the same
    # hours, SUPERVISION is a row of the master and the engine's own roster holds it
    svc = monday_only(safety=SafetyRules(supervision=True))
    sc = scenario(
        svc, [person("E1", 6, "trainee"), person("E2", 6, "supervisor")], staffing=[level("09:00-12:00", 1)]
    )
    result = solve_checked(sc, SETTINGS)
    assert result.engine in ("pattern", "pattern+slot")
    assert any(n.startswith("pattern engine: bound") for n in result.notes)
    assert result.best_bound is not None and result.best_bound <= result.objective


def test_the_slot_engine_alone_on_request() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    result = solve_checked(sc, SETTINGS, engine="slot")
    assert result.engine == "slot" and result.bound_source == "CP-SAT"
    assert not any(n.startswith("pattern engine") for n in result.notes)


def test_a_stop_while_the_slot_model_is_built_returns_the_pattern_roster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from roster.model.slot import formulation as slot_formulation

    monkeypatch.setattr(slot_formulation, "STAGE_EVERY", 0.0)  # a stage line per build step
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    stop = threading.Event()

    def told(line: str) -> None:
        if line.startswith("building the model: "):
            stop.set()  # Ctrl-C in the middle of the build

    result = solve(sc, SETTINGS, stop=stop, stage=told)
    assert result.interrupted and result.engine == "pattern" and result.status == "FEASIBLE"
    assert any(n.startswith("interrupted while the slot model was built") for n in result.notes)
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective
    # tiny's optimum, 1,629, was proved by the slot model's complete search (the README); the
    # dive's roster is within 2% of it
    assert 1_629 <= result.objective <= 1_629 * 1.02


class _StopInCpSat:
    """Ctrl-C pressed as the first CP-SAT solve begins: set from the first time
    ``roster.model.cpsat.run`` looks, and set from then on (the stop lands in that solve
    whatever the machine's speed: a watcher's first look comes 50 ms in, after a short solve
    has ended)."""

    def __init__(self) -> None:
        self.pressed = False

    def is_set(self) -> bool:
        import sys

        caller = sys._getframe(1)
        in_cpsat = caller.f_globals.get("__name__") == "roster.model.cpsat"
        if in_cpsat and caller.f_code.co_name in ("run", "watch"):
            self.pressed = True
        return self.pressed


def test_a_stop_while_the_first_roster_is_completed_returns_the_pattern_roster() -> None:
    """The stop lands inside the first CP-SAT solve after the build (the completion of the first
    roster), so the search has no roster of its own: the pattern engine's roster is returned."""
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    result = solve(sc, SETTINGS, stop=_StopInCpSat())
    assert result.interrupted and result.engine == "pattern" and result.status == "FEASIBLE", result.notes
    assert any(n.startswith("interrupted: this is the pattern engine's roster") for n in result.notes)
    assert not any("broke a hard rule" in n for n in result.notes)
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective


CURTOIS = ROOT / "tests" / "data" / "curtois"


@pytest.mark.parametrize("n, optimum", [(1, 607), (3, 1001)])
def test_curtois_shift_types_priced_exactly_and_bounded_by_the_optimum(n: int, optimum: int) -> None:
    # SHIFT_TYPES (successions, runs, days off, weekends, per-type maxima, total minutes)
    # held by the sequence DP, SHIFT_COVER rows in the master: the LP is solved with every
    # pricing call exact, and its bound is at most the benchmark's proved optimum
    sc = load_curtois(CURTOIS / f"Instance{n}.txt")
    b = pattern_bound(sc, SETTINGS, max_iterations=200)
    assert b.converged and b.fallback_prices == 0 and b.exact_prices > 0
    assert 0 < b.lower_bound <= optimum
    result = solve_checked(sc, SETTINGS)
    assert result.engine in ("pattern", "pattern+slot")
    assert result.best_bound is not None and result.best_bound <= optimum <= result.objective
    if n == 3:
        # the dive meets the LP bound there: the optimum, proved without a search
        assert (result.objective, result.status, result.engine) == (1001, "OPTIMAL", "pattern")


def test_the_master_lp_prints_nothing_on_the_process_output() -> None:
    # highspy's wrapper class would print HiGHS's banner on the C stdout (not sys.stdout):
    # a real subprocess shows what a coordinator's terminal would get
    code = (
        "from pathlib import Path\n"
        "from roster import SolverSettings, load_scenario\n"
        "from roster.domain.request import SolveRequest\n"
        "from roster.model.pattern.generation import Generator\n"
        "sc = load_scenario(Path('scenarios/tiny'))\n"
        "gen = Generator(SolveRequest.of(sc), SolverSettings(time_limit=20, workers=1))\n"
        "gen.generate(2, 20)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "" and out.stderr == ""


def test_polishing_is_skipped_when_the_slot_models_build_would_not_fit_the_budget() -> None:
    from roster.model.params import SearchPreset

    sc = load_scenario(ROOT / "scenarios" / "tiny")
    result = solve(sc, SETTINGS, preset=SearchPreset(polish_build_share=1e-9))
    assert result.engine == "pattern" and result.status == "FEASIBLE"
    assert any(n.startswith("polishing skipped: building the slot model") for n in result.notes)
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective


def test_the_engines_terms_follow_a_sideways_best_response() -> None:
    # One round at the root leaves tiny's dive a poor roster; a best response then moves T1 to a
    # roster of the same objective (ACCRUAL 90 + PREFERENCES 180 -> PREFERENCES 270). The
    # engine's terms must be those of the roster it returns, rule by rule (solve_checked), not
    # the dive's: the sideways move left them behind once, the totals agreeing.
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    one_round = DEFAULT_PRESET.model_copy(update={"pattern_iterations": 1})
    result = solve_checked(SolveRequest.of(sc), SETTINGS, engine="pattern", preset=one_round)
    assert result.engine == "pattern" and any("from the dive" in n for n in result.notes)


def test_the_best_responses_have_their_share_when_the_root_ran_past_the_budget() -> None:
    # A deterministic budget so small that tiny's one round at the root spends all of it: the
    # dive's roster is poor, and the best responses must still re-plan people against the rest
    # (once they got nothing then, and a year plan's winter roster kept the dive's 60 hours short
    # of cover that they remove).
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    one_round = DEFAULT_PRESET.model_copy(update={"pattern_iterations": 1})
    tight = SolverSettings(time_limit=60, workers=2, seed=0, deterministic_time=0.01)
    result = solve_checked(SolveRequest.of(sc), tight, engine="pattern", preset=one_round)
    dive = next(n for n in result.notes if "from the dive" in n)
    dived = int(dive.split("roster ")[1].split(" from")[0].replace(",", ""))
    assert any("re-planned against the rest" in n for n in result.notes), result.notes
    assert result.objective is not None and result.objective < dived


def test_the_warm_start_shares_the_cover_out_before_the_first_lp() -> None:
    """Priced alone, tiny's five people all take their favourite times and the first LP buys
    the cover it lacks at the under cost (27 million); one pass of best responses from those
    rosters adds rosters that meet every minimum, and the first LP falls to a roster's cost."""
    from roster.model.pattern.local import warm_start
    from roster.model.slot.pricing import PersonPricer

    sc = load_scenario(ROOT / "scenarios" / "tiny")

    def first_lp(sweeps: int) -> tuple[float, float, int]:
        gen = Generator(SolveRequest.of(sc), SETTINGS, exact=PersonPricer)
        moves = warm_start(gen, sweeps, 60.0)
        value, _ = gen.solve_lp()
        m = gen.master
        short = float(sum(m.all_values()[v] for v in m.under_var.values()))
        return value, short, moves

    cold, cold_short, _ = first_lp(0)
    warm, warm_short, moves = first_lp(1)
    assert cold_short > 0 and cold > 1_000_000  # slots short, each at the under cost
    assert moves > 0 and warm_short == 0
    # eight rosters, no slot short: the LP is a mixture of rosters' costs (above tiny's proved
    # optimum, 1,629, over so few columns) and a hundredth of the cold one
    assert 1_629 <= warm < cold / 100


def _cost(m: Master, pick: dict[int, int]) -> int:
    """The pattern master's exact objective of a roster (a column per person)."""
    return sum(p.cost for p in m.penalties(pick))


def _hours(m: Master, pick: dict[int, int]) -> dict[str, tuple[int, int]]:
    """Each person's shift of a roster, as (start hour, end hour)."""
    shifts = [s for c in pick.values() for s in m.columns[c].roster.shifts]
    return {s.employee_id: (s.start.hour, s.end.hour) for s in shifts}


def _monday_pair(
    wishes: dict[str, tuple[int, int]],
    staffing: list[object],
    people: list[object] | None = None,
    **service: object,
) -> Generator:
    """Two people on one Monday, each with a shift wish (start and end minute), someone short a
    person-minute costing 20: the pattern engine's generator, each priced alone once."""
    from roster.domain import DayPreference, Weights
    from roster.model.slot.pricing import PersonPricer

    prefs = [
        DayPreference(employee_id=e, date=MONDAY, kind="shift", start=start, end=end)
        for e, (start, end) in wishes.items()
    ]
    sc = scenario(
        monday_only(**service),
        people or [person("E1", 4), person("E2", 4)],
        preferences=prefs,
        staffing=staffing,
        weights=Weights(cover_under=20),
    )
    return Generator(SolveRequest.of(sc), SETTINGS, exact=PersonPricer)


def _column_at(gen: Generator, e: int, worth: np.ndarray) -> int:
    """Person ``e``'s roster priced with each requirement worth ``100 x worth`` (its index)."""
    from roster.model.columns import PersonPrices

    priced = gen._priced(gen.pricers[e], SETTINGS, PersonPrices(100.0 * worth), 1.0)
    assert priced.column is not None
    return gen.column_index(priced.column)


def test_a_kick_makes_the_swap_no_one_persons_best_response_can() -> None:
    """E1 wishes 09:00-13:00 and E2 13:00-17:00; someone is needed all day (20 a person-minute
    short). Started crossed (E1 the afternoon, E2 the morning), each is moved 240 + 240 minutes:
    480 + 480, FAIRNESS 4 x 480 = 1,920, 2,880 in all. Alone, neither can move to their wish:
    it saves them 480 (the other still holds FAIRNESS's 1,920) and leaves 4 h short (4,800);
    the best responses only bank 15 minutes each to move 15 nearer (2,820).
    The kick prices E1's wishes four times over (E1 holds the maximum, the lower index of a
    tie), so E1 takes the morning and leaves the afternoon short; E2, answering, takes it: the
    swap, 0."""
    from roster.model.pattern.local import best_responses, fairness_kicks

    gen = _monday_pair({"E1": (540, 780), "E2": (780, 1020)}, [level("09:00-17:00", 1)])
    m = gen.master
    afternoon = np.array([float(r.minute >= 780) for r in gen.index.cover])
    crossed = {e: _column_at(gen, e, worth) for e, worth in ((0, afternoon), (1, 1.0 - afternoon))}

    assert _hours(m, crossed) == {"E1": (13, 17), "E2": (9, 13)} and _cost(m, crossed) == 2_880
    alone, _ = best_responses(gen, crossed, 60.0)
    # the best they do alone: each banks 15 minutes to move 15 nearer their wish (2,820)
    assert _cost(m, alone) == 2_820 and _hours(m, alone) == {"E1": (12, 17), "E2": (9, 13)}
    kicked, kept = fairness_kicks(gen, alone, 60.0, kicks=6)
    assert kept == 1 and _cost(m, kicked) == 0
    assert _hours(m, kicked) == {"E1": (9, 13), "E2": (13, 17)}


def test_a_cover_kick_makes_the_chain_no_one_persons_best_response_can() -> None:
    """Someone is needed 09:00-13:00 and a keyholder 13:00-17:00 (20 a person-minute short);
    E1, the keyholder, wishes the morning, E2 the afternoon. Each alone on their wish, the
    afternoon lacks its keyholder: 4,800. Alone, E1 moving leaves the morning short (as short
    as before) and costs E1's wish (480, FAIRNESS 4 x 480); E2 moving fills nothing: the best
    responses only bank a quarter hour of E1's into the afternoon. The kick
    prices the short afternoon twice over for E1, holds E1 there, and E2, answering, takes the
    morning he left: both moved, each banking a quarter hour nearer their wish (465 + 465 +
    FAIRNESS 4 x 465 + 15 + 15 = 2,820)."""
    from roster.model.pattern.local import best_responses, cover_kicks

    gen = _monday_pair(
        {"E1": (540, 780), "E2": (780, 1020)},
        [level("09:00-13:00", 1), level("13:00-17:00", 1, skill="key")],
        [person("E1", 4, "advisor", "key"), person("E2", 4)],
    )
    m = gen.master
    wishes = {e: cols[0] for e, cols in enumerate(gen.by_person)}  # priced alone: each their wish

    assert _hours(m, wishes) == {"E1": (9, 13), "E2": (13, 17)} and _cost(m, wishes) == 4_800
    alone, _ = best_responses(gen, wishes, 60.0)
    # the best E1 does alone: a quarter hour banked into the afternoon (300 less short, 15 + 15
    # + 4 x 15 more): 4,590
    assert _cost(m, alone) == 4_590 and _hours(m, alone) == {"E1": (9, 13), "E2": (13, 17)}
    kicked, kept = cover_kicks(gen, alone, 60.0, kicks=6)
    assert kept == 1 and _cost(m, kicked) == 2_820
    assert _hours(m, kicked) == {"E1": (12, 17), "E2": (9, 13)}


def test_the_restricted_master_adds_the_cover_rows_its_answer_breaks() -> None:
    """Someone is needed 09:00-13:00 (20 a person-minute short); E1 and E2 both wish the
    afternoon. The pool holds each one's morning and afternoon; the master's LP has not been
    solved, so none of its cover rows is in yet (they come in as an LP would break them). Over
    the rows it has, both afternoons cost nothing; the morning left empty costs 4,800. The
    restricted master adds the morning's row its answer broke and solves again: one of them
    in the morning, moved 240 + 240 minutes from the wish, FAIRNESS 4 x 480: 2,400."""
    gen = _monday_pair({"E1": (780, 1020), "E2": (780, 1020)}, [level("09:00-13:00", 1)])
    m = gen.master
    morning = np.array([float(r.minute < 780) for r in gen.index.cover])
    for e in (0, 1):
        _column_at(gen, e, morning)
    afternoons = {e: cols[0] for e, cols in enumerate(gen.by_person)}
    assert _hours(m, afternoons) == {"E1": (13, 17), "E2": (13, 17)} and _cost(m, afternoons) == 4_800
    assert not m.low  # no cover row in the master yet

    chosen = gen.restricted_master(200, 1e9, 60.0)
    assert chosen is not None and _cost(m, chosen) == 2_400
    assert sorted(_hours(m, chosen).values()) == [(9, 13), (13, 17)]


def test_a_kick_weighs_a_team_rule_broken_above_any_soft_cost() -> None:
    """E1, a trainee, wishes 09:00-13:00; E2, the supervisor, 13:00-17:00; someone is needed all
    day. Each on their wish costs nothing soft but leaves the trainee alone all morning: 16
    SUPERVISION rows broken (a quarter hour each). Both in the morning honour E1 and leave the
    afternoon short (4 h x 60 x 20 = 4,800, E2 moved 480 minutes: 480 + FAIRNESS 4 x 480): a
    higher soft cost, but the kicks and best responses count each broken row at ``M``, so it is
    the cheaper roster to them."""
    from roster.model.pattern.local import _total, team_breaks

    gen = _monday_pair(
        {"E1": (540, 780), "E2": (780, 1020)},
        [level("09:00-17:00", 1)],
        [person("E1", 4, "trainee"), person("E2", 4, "supervisor")],
        safety=SafetyRules(supervision=True),
    )
    m = gen.master
    wishes = {e: cols[0] for e, cols in enumerate(gen.by_person)}
    morning = np.array([float(r.minute < 780) for r in gen.index.cover])
    together = {0: wishes[0], 1: _column_at(gen, 1, morning)}

    assert _hours(m, wishes) == {"E1": (9, 13), "E2": (13, 17)} and _cost(m, wishes) == 0
    assert _hours(m, together) == {"E1": (9, 13), "E2": (9, 13)}
    assert _cost(m, together) == 4_800 + 480 + 4 * 480
    assert team_breaks(gen, wishes) == 16 and team_breaks(gen, together) == 0
    assert _total(gen, wishes) == 16 * m.penalty > _total(gen, together) == _cost(m, together)
