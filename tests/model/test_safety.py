"""SUPERVISION and LONE_WORKING, on Monday only (see tests/model/test_rules.py).

T1 holds the trainee skill, S1 the supervisor skill; each is contracted 4 h
(no break) and may bank up to 22 minutes, so may work 4 h 15 (banking 15
minutes costs 15). Cover wants one person 08:30-17:00 (34 slots). Back to
back at 4 h 15 they cover it all: cost 30. If they must work together (the
trainee only alongside the supervisor, or never fewer than 2 on site), they
cover at most 4 h 15: 17 slots short, 255 000; plus 15 when only the longer
shift banks (supervision), 30 when both shifts must be the same (lone working).
"""

from __future__ import annotations

from datetime import datetime

from helpers import FAST, MONDAY, level, monday_only, person, scenario, solve_checked
from roster.domain import Roster, SafetyRules, Shift
from roster.model import solve
from roster.validation import validate


def team(safety: SafetyRules, *people: str) -> object:
    staff = {
        "T1": person("T1", 4, "advisor", "trainee"),
        "S1": person("S1", 4, "advisor", "supervisor"),
        "A1": person("A1", 4, "advisor"),
    }
    chosen = [staff[p] for p in people]
    return scenario(monday_only(safety=safety), chosen, staffing=[level("08:30-17:00", 1)])


def test_without_the_rules_the_shifts_run_back_to_back(engine: str) -> None:
    assert solve_checked(team(SafetyRules(), "T1", "S1"), engine=engine).objective == 30  # type: ignore[arg-type]


def test_a_trainee_works_only_alongside_a_supervisor(engine: str) -> None:
    result = solve_checked(team(SafetyRules(supervision=True), "T1", "S1"), engine=engine)  # type: ignore[arg-type]
    assert result.objective == 255_015
    t1 = next(s for s in result.roster.shifts if s.employee_id == "T1")
    s1 = next(s for s in result.roster.shifts if s.employee_id == "S1")
    assert s1.start <= t1.start and t1.end <= s1.end


def test_a_trainee_without_any_supervisor_is_infeasible_and_named(engine: str) -> None:
    result = solve(team(SafetyRules(supervision=True), "T1", "A1"), FAST, engine=engine)  # type: ignore[arg-type]
    assert result.status == "INFEASIBLE"
    assert any("SUPERVISION" in d and "T1" in d for d in result.diagnosis), result.diagnosis


def test_never_fewer_than_two_on_site(engine: str) -> None:
    result = solve_checked(team(SafetyRules(min_on_site=2), "A1", "S1"), engine=engine)  # type: ignore[arg-type]
    assert result.objective == 255_030
    a, b = sorted(result.roster.shifts, key=lambda s: s.employee_id)
    assert (a.start, a.end) == (b.start, b.end)


def test_one_person_alone_is_infeasible_and_names_the_team(engine: str) -> None:
    result = solve(team(SafetyRules(min_on_site=2), "A1"), FAST, engine=engine)  # type: ignore[arg-type]
    assert result.status == "INFEASIBLE"
    assert any("LONE_WORKING" in d and "the team" in d for d in result.diagnosis), result.diagnosis


def _roster() -> Roster:
    def at(h: int, m: int = 0) -> datetime:
        return datetime(2027, 1, 4, h, m)

    return Roster(
        shifts=(
            Shift(employee_id="T1", date=MONDAY, start=at(8, 30), end=at(12, 30)),
            Shift(employee_id="S1", date=MONDAY, start=at(10, 30), end=at(14, 30)),
        )
    )


def test_validator_measures_unsupervised_minutes_and_lone_working() -> None:
    sc = team(SafetyRules(supervision=True, min_on_site=2), "T1", "S1")
    found = {
        (v.rule, v.employee_id, v.time, v.measured, v.limit)
        for v in validate(sc, _roster()).violations  # type: ignore[arg-type]
        if v.rule in ("SUPERVISION", "LONE_WORKING")
    }
    assert found == {
        ("SUPERVISION", "T1", "08:30-12:30", 120, 0),
        ("LONE_WORKING", None, "08:30-10:30", 1, 2),
        ("LONE_WORKING", None, "12:30-14:30", 1, 2),
    }
