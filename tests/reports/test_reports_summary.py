"""render_summary: the figures a manager reads first."""

from __future__ import annotations

from reports.tiny import hand_result, tiny_scenario
from roster.domain import Penalty
from roster.reports import render_summary
from roster.validation import validate


def test_summary_states_status_cover_hours_and_penalties() -> None:
    sc = tiny_scenario()
    result = hand_result(sc)
    report = validate(sc, result.roster)
    text = render_summary(sc, result, report)
    assert "status        FEASIBLE (raw 2)" in text
    assert "objective     123" in text
    assert "best bound    100" in text
    assert "gap           18.70%" in text  # |123 - 100| / 123
    # The hand roster is short of every contract: CONTRACT_HOURS is broken for all three,
    # and E2 takes its hour of banked time back while cover is short (TAKEBACK_COVER).
    assert "violations    4  NOT PUBLISHABLE" in text
    # 30 + 60 + 60 + 240 person-minutes short.
    assert "short of minimum  6:30 person-hours (6.50 h) in 4 range(s)" in text
    assert "2027-01-06" not in text
    worst = text.split("worst:")[1].splitlines()[1]
    assert worst.strip() == "2027-01-05 08:30-12:00 advisor: up to 2 short, 4:00 person-hours"
    assert "the validator's objective is" in text  # 123 was made up; the validator disagrees
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("  E")}
    assert "15:30 / 30:00" in lines["E2"]
    assert "-14:30" in lines["E2"] and "takes back 14:30" in lines["E2"]
    assert "COVERAGE" in text.split("Penalties (cost per rule)")[1]


def test_summary_uses_the_result_penalties_when_present() -> None:
    sc = tiny_scenario()
    result = hand_result(sc).model_copy(
        update={"penalties": (Penalty(rule="COVERAGE", measure=15, weight=1000),)}
    )
    text = render_summary(sc, result, validate(sc, result.roster))
    tail = text.split("Penalties (cost per rule)")[1]
    assert "COVERAGE     15000" in tail
    assert "total        15000" in tail


def test_summary_without_a_roster_says_so() -> None:
    sc = tiny_scenario()
    result = hand_result(sc, status="INFEASIBLE").model_copy(
        update={"diagnosis": ("E1 cannot work 37 h in the week",)}
    )
    text = render_summary(sc, result, None)
    assert "status        INFEASIBLE" in text
    assert "! E1 cannot work 37 h in the week" in text
    assert "No roster was found" in text
