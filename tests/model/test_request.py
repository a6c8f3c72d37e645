"""PIN and STABILITY: a solve request's pins and its base roster, solved by hand.

Unless said otherwise: Monday 2027-01-04 only, bandwidth 07:00-19:00, opening
08:30-17:00, 15-minute grid, default weights; a person with 8 h a week must be
paid 480 minutes on the Monday (a 8 h 30 shift with a 30-minute break).
"""

from __future__ import annotations

from datetime import date, datetime

from helpers import FAST, MONDAY, level, monday_only, person, scenario, solve_checked, week_service
from roster import Pin, Roster, Shift, SolveRequest, solve, validate
from roster.domain.request import roster_changes
from roster.domain.rules import RuleCode


def at(hhmm: str, day: date = MONDAY) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, h, m)


def shift(who: str, start: str, end: str, brk: str | None = None, day: date = MONDAY) -> Shift:
    bs = at(brk, day) if brk else None
    be = at(f"{int(brk[:2]):02d}:{int(brk[3:]) + 30:02d}", day) if brk else None
    return Shift(
        employee_id=who, date=day, start=at(start, day), end=at(end, day), break_start=bs, break_end=be
    )


def test_a_pinned_shift_is_kept_even_where_cover_would_move_it() -> None:
    # Cover wants someone 08:30-17:00. Free, E1 would work 08:30-17:00 with a break
    # (30 person-minutes short, 30 000). Pinned 09:00-17:30 with a break at 13:00,
    # 08:30-09:00 and the break are short: 60 person-minutes x 1000 = 60 000.
    sc = scenario(monday_only(), [person("E1", 8)], staffing=[level("08:30-17:00", 1)])
    pinned = shift("E1", "09:00", "17:30", "13:00")
    request = SolveRequest(scenario=sc, pins=(Pin(employee_id="E1", date=MONDAY, shift=pinned),))
    result = solve_checked(request)
    assert result.roster.shifts == (pinned,)
    assert result.objective == 60_000


def test_a_pin_that_breaks_the_contract_is_infeasible_and_named() -> None:
    # Infeasible twin: a 6-hour pin pays 360 of the 480 minutes E1 is contracted for,
    # and nothing is banked to take back: PIN and CONTRACT_HOURS cannot both hold.
    sc = scenario(monday_only(), [person("E1", 8)], staffing=[level("08:30-17:00", 1)])
    pinned = shift("E1", "09:00", "15:00")
    request = SolveRequest(scenario=sc, pins=(Pin(employee_id="E1", date=MONDAY, shift=pinned),))
    result = solve(request, FAST)
    assert result.status == "INFEASIBLE"
    (text,) = result.diagnosis
    assert "E1" in text and RuleCode.PIN in text and "pin E1 2027-01-04 09:00-15:00" in text, text


def test_a_pin_off_moves_the_work_to_another_day() -> None:
    # Monday and Tuesday open, E1 8 h; cover only on Monday. Pinned off on Monday, E1
    # works Tuesday; Monday is short all day: 510 person-minutes x 1000 = 510 000.
    svc = week_service(("mon", "tue"))
    sc = scenario(svc, [person("E1", 8)], staffing=[level("08:30-17:00", 1)])
    request = SolveRequest(scenario=sc, pins=(Pin(employee_id="E1", date=MONDAY),))
    result = solve_checked(request)
    assert [s.date for s in result.roster.shifts] == [date(2027, 1, 5)]
    assert result.objective == 510_000


def test_a_pin_on_a_date_the_person_cannot_work_is_named() -> None:
    # Infeasible twin of a pin: a shift on a closed Tuesday has no window at all.
    sc = scenario(monday_only(), [person("E1", 8)])
    tue = date(2027, 1, 5)
    pinned = shift("E1", "09:00", "17:30", "13:00", day=tue)
    result = solve(SolveRequest(scenario=sc, pins=(Pin(employee_id="E1", date=tue, shift=pinned),)), FAST)
    assert result.status == "INFEASIBLE"
    assert any(RuleCode.PIN in d and "2027-01-05" in d for d in result.diagnosis), result.diagnosis


def test_stability_returns_the_base_roster_when_it_is_already_optimal(engine: str) -> None:
    # Two 8-hour people on 08:30-17:00 with staggered breaks cost 0, and many rosters
    # do: take one (both 08:30-17:00, breaks 12:00 and 12:30). From that base with
    # stability, every other roster costs more, so the base comes back.
    sc = scenario(monday_only(), [person("E1", 8), person("E2", 8)], staffing=[level("08:30-17:00", 1)])

    def at(h: int, m: int = 0) -> datetime:
        return datetime(2027, 1, 4, h, m)

    base = Roster(
        shifts=(
            Shift(
                employee_id="E1",
                date=MONDAY,
                start=at(8, 30),
                end=at(17),
                break_start=at(12),
                break_end=at(12, 30),
            ),
            Shift(
                employee_id="E2",
                date=MONDAY,
                start=at(8, 30),
                end=at(17),
                break_start=at(12, 30),
                break_end=at(13),
            ),
        )
    )
    assert validate(sc, base).objective == 0 and not validate(sc, base).hard_violations
    result = solve_checked(SolveRequest(scenario=sc, base=base, stability=1), engine=engine)
    assert result.roster == base
    assert result.objective == 0
    assert result.changes is not None and result.changes.total == 0


def test_stability_costs_the_minutes_a_shift_must_move() -> None:
    # Base 07:00-15:30 (break 11:00); the bandwidth now opens at 08:00, so the shift
    # moves one hour at least: 08:00-16:30 keeps the break at 11:00 (3 h before it,
    # 5 h after). Start 60 + end 60 + break 0 = 120 minutes x stability 2 = 240.
    sc = scenario(monday_only(bandwidth="08:00-19:00", opening="08:00-08:15"), [person("E1", 8)])
    base = Roster(shifts=(shift("E1", "07:00", "15:30", "11:00"),))
    result = solve_checked(SolveRequest(scenario=sc, base=base, stability=2))
    assert result.roster.shifts == (shift("E1", "08:00", "16:30", "11:00"),)
    assert result.cost_by_rule() == {"STABILITY": 240}
    assert result.changes is not None and (result.changes.moved, result.changes.total) == (1, 1)


def test_no_change_allowed_when_the_base_cannot_stand_is_infeasible() -> None:
    # Infeasible twin: the same base with at most 0 changed shifts per person.
    sc = scenario(monday_only(bandwidth="08:00-19:00", opening="08:00-08:15"), [person("E1", 8)])
    base = Roster(shifts=(shift("E1", "07:00", "15:30", "11:00"),))
    result = solve(SolveRequest(scenario=sc, base=base, stability=2, max_changes=0), FAST)
    assert result.status == "INFEASIBLE"
    assert any(RuleCode.PIN in d and "E1" in d for d in result.diagnosis), result.diagnosis


def test_an_added_shift_costs_the_shift_weight() -> None:
    # Base: E1 off on Monday (an empty roster); the contract needs a shift: added, one
    # shift x stability 1 x 240 = 240, and no minutes moved.
    sc = scenario(monday_only(opening="08:00-08:15"), [person("E1", 8)])
    result = solve_checked(SolveRequest(scenario=sc, base=Roster(), stability=1))
    assert result.cost_by_rule() == {"STABILITY": 240}
    assert result.changes is not None and result.changes.added == 1


def test_base_rows_of_people_or_dates_outside_the_scenario_are_left_out() -> None:
    # UNKNOWN rows of a base roster take no part in the model: only E1's Monday counts.
    sc = scenario(monday_only(opening="08:00-08:15"), [person("E1", 8)])
    kept = shift("E1", "08:00", "16:30", "11:00")
    stranger = shift("X9", "08:00", "16:30", "11:00")
    outside = shift("E1", "08:00", "16:30", "11:00", day=date(2027, 2, 1))
    base = Roster(shifts=(kept, stranger, outside))
    request = SolveRequest(scenario=sc, base=base, stability=1)
    assert [v.rule for v in validate(sc, base).hard_violations] == [RuleCode.UNKNOWN, RuleCode.UNKNOWN]
    assert set(request.base_shifts()) == {("E1", MONDAY)}
    result = solve_checked(request)
    assert result.roster.shifts == (kept,)
    assert roster_changes(Roster(shifts=(kept,)), result.roster).total == 0
