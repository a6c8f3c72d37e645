"""The year plan's linear programme on hand-solved years, and its infeasible twins."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.planning.yearlp import PersonYear, YearData, YearPlanError, solve_year

WEEKS = tuple(dt.date(2027, 4, 5) + dt.timedelta(weeks=k) for k in range(8))  # 4 April weeks, 4 May weeks
APRIL, MAY = WEEKS[:4], WEEKS[4:]


def three(history: float | None = None) -> tuple[PersonYear, ...]:
    """A and B: 37 h, skill x; C: 18.5 h, no skill. No leave; each owes 8 contract weeks."""
    # history: 20 h a week from 14 December, then ``history`` h a week in the 9 weeks before the plan
    hist = (
        {}
        if history is None
        else {WEEKS[0] - dt.timedelta(weeks=k): (history if k <= 9 else 20.0, 0) for k in range(1, 17)}
    )
    return (
        PersonYear("A", 37, frozenset({"x"}), annual={0: 8 * 37}, history=hist),
        PersonYear("B", 37, frozenset({"x"}), annual={0: 8 * 37}),
        PersonYear("C", 18.5, annual={0: 8 * 18.5}),
    )


def year(people: tuple[PersonYear, ...]) -> YearData:
    # the whole team needs 120 person-hours a week in April and 60 in May; skill x needs 70 in May
    demand = {(w, ""): 120.0 for w in APRIL} | {(w, ""): 60.0 for w in MAY} | {(w, "x"): 70.0 for w in MAY}
    return YearData(weeks=WEEKS, people=people, demand=demand, periods=(APRIL, MAY))


def test_the_best_profile_of_a_three_person_eight_week_year_is_the_one_worked_out_by_hand() -> None:
    # Range 30-44 h (C pro rata: 15-22 h). C holds no x: every hour of C's is best in April
    # (the team is short there), so C works 22 h in April and 148 / 4 - 22 = 15 h in May.
    # A and B work a and 74 - a (so their 8 weeks hold 296 h): April is short
    # 120 - 2a - 22 = 98 - 2a a week, May's x is short 70 - 2(74 - a) = 2a - 78 when positive.
    # The sum 98 - 2a + max(0, 2a - 78) falls until a = 39 and is 20 from there (to 44): hours
    # short 4 x 20 = 80. Of those plans the flattest (the least largest balance) is a = 39:
    # A and B work 39 h in April and 35 in May.
    plan = solve_year(year(three()), propose="person", bounds=(30, 44))
    assert plan.bound == pytest.approx(80)
    for who, april, may in (("A", 39, 35), ("B", 39, 35), ("C", 22, 15)):
        assert [round(plan.hours[who][w], 3) for w in WEEKS] == [april] * 4 + [may] * 4, who
    # all of it the whole team's in April (a roster may place its hours in any week of its period)
    assert sum(v for (w, g), v in plan.short.items() if w in APRIL and g == "") == pytest.approx(80)
    assert sum(v for (w, _), v in plan.short.items() if w in MAY) == pytest.approx(0, abs=1e-6)
    # a flat year (everyone on their contract) leaves April 120 - 92.5 = 27.5 short a week and
    # May's x 70 - 74 < 0: 110 hours; the proposal saves 30
    flat = solve_year(year(three()))
    assert flat.bound == pytest.approx(110)


def test_its_infeasible_twin_is_refused_naming_the_people_and_the_rule() -> None:
    # 30-36 h a week: at most 8 x 36 = 288 h of the 296 A owes (C: 8 x 18 = 144 of 148)
    with pytest.raises(YearPlanError) as err:
        solve_year(year(three()), propose="person", bounds=(30, 36))
    message = str(err.value)
    assert (
        "A: the 296.00 h to work in the weeks 2027-04-05 to 2027-05-30 do not fit within 30-36 h a week"
        in message
    )
    assert "at most 288.00 h" in message
    assert "C: the 148.00 h" in message and "(pro rata 15.00-18.00 h for 18.5 h)" in message


def test_a_history_too_long_for_the_48_hour_average_names_the_17_weeks() -> None:
    # A worked 60 h in each of the 9 weeks before the plan: any 8 weeks of 296 h make
    # (9 x 60 + 296) / 17 = 49.18 h over the 17 weeks ending on 30 May
    with pytest.raises(YearPlanError) as err:
        solve_year(year(three(history=60)), propose="person", bounds=(30, 44))
    message = str(err.value)
    assert message.startswith(
        "A: any plan within the range averages at least 49.18 h a week over the 17 weeks "
        "2027-02-01 to 2027-05-30, above the 48-hour average (WTR_AVERAGE"
    )
    # checked as a profile (the contract every week) the same history is refused the same way
    with pytest.raises(
        YearPlanError,
        match=r"A: the profile averages 49.18 h a week over the 17 weeks "
        r"2027-02-01 to 2027-05-30",
    ):
        solve_year(year(three(history=60)))
