"""The witness search the cross-checks hold an INFEASIBLE against (tests/witness.py): it finds a
roster the validator passes where one plainly exists, under the team rules that make a crew
necessary, and none where the contract cannot be met."""

from __future__ import annotations

from datetime import date

from helpers import person, scenario, week_service
from roster.domain import SafetyRules
from roster.validation import validate
from witness import crew_witness


def test_two_people_who_may_not_work_alone_are_found_a_shared_shift() -> None:
    # one working day; neither may be on site alone; 8 h each (7 h 30 paid plus a 30-minute break
    # fits the 07:00-19:00 bandwidth many ways)
    svc = week_service(("mon",), safety=SafetyRules(min_on_site=2))
    sc = scenario(svc, [person("A", 7.5, days_per_week=1), person("B", 7.5, days_per_week=1)])
    found = crew_witness(sc)
    assert found is not None
    assert validate(sc, found).hard_violations == ()
    a, b = (next(s for s in found.shifts if s.employee_id == who) for who in "AB")
    assert (a.start, a.end) == (b.start, b.end)


def test_an_under_18_is_rostered_beside_a_supervisor() -> None:
    svc = week_service(("mon", "tue"), safety=SafetyRules(supervision=True, supervisor_skill="sup"))
    young = person("Y", 12, "advisor", days_per_week=2, date_of_birth=date(2010, 6, 1))
    sc = scenario(svc, [young, person("S", 12, "advisor", "sup", days_per_week=2)])
    found = crew_witness(sc)
    assert found is not None and validate(sc, found).hard_violations == ()
    assert {s.employee_id for s in found.shifts} == {"Y", "S"}


def test_people_free_of_team_rules_are_each_given_their_own_hours() -> None:
    # different contracts over three days, lone working allowed: one roster each
    svc = week_service(("mon", "tue", "wed"))
    sc = scenario(
        svc,
        [
            person("A", 22.5, days_per_week=3),
            person("B", 6, days_per_week=1),
            person("C", 16, days_per_week=2),
        ],
    )
    found = crew_witness(sc)
    assert found is not None and validate(sc, found).hard_violations == ()


def test_a_contract_no_roster_can_meet_gives_no_witness() -> None:
    # 30 hours on the one working day the service has: at most 9 h 30 can be paid
    sc = scenario(week_service(("mon",)), [person("A", 30, days_per_week=4)])
    assert crew_witness(sc) is None
