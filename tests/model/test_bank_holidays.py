"""Bank holidays close the service by default (the ``holidays`` calendar, England and Wales).

Two weeks from Monday 2027-03-22: Good Friday 2027-03-26 and Easter Monday
2027-03-29 are bank holidays. A 37-hour person owes 2 x 37 h less two closed
weekdays at 7 h 24 (CONTRACT_HOURS): 3,552 minutes.
"""

from __future__ import annotations

from datetime import date

from helpers import person, scenario, solve_checked, week_service
from roster.domain import DateException, Shift, contract_target
from roster.domain.rules import RuleCode
from roster.timegrid import bank_holidays, to_datetime
from roster.validation import validate

START = date(2027, 3, 22)
GOOD_FRIDAY, EASTER_MONDAY = date(2027, 3, 26), date(2027, 3, 29)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def easter(**service: object):  # type: ignore[no-untyped-def]
    svc = week_service(
        WEEKDAYS, weeks=2, start=START, anchor=date(2027, 3, 1), opening="09:00-09:15", **service
    )
    return scenario(svc, [person("E1", 37)])


def test_the_calendar_is_the_real_one_weekdays_only() -> None:
    days = bank_holidays("england-and-wales", 2027)
    assert days[GOOD_FRIDAY] == "Good Friday" and days[EASTER_MONDAY] == "Easter Monday"
    # Christmas Day and Boxing Day 2027 fall at the weekend: their weekday substitutes close.
    assert date(2027, 12, 25) not in days and date(2027, 12, 27) in days and date(2027, 12, 28) in days
    assert date(2027, 8, 2) in bank_holidays("scotland", 2027)  # the Scottish summer holiday
    assert bank_holidays("none", 2027) == {}


def test_easter_closes_the_service_and_is_credited(engine: str) -> None:
    sc = easter()
    closed = [(GOOD_FRIDAY, "Good Friday"), (EASTER_MONDAY, "Easter Monday")]
    assert sc.service.closed_bank_holidays() == closed
    assert contract_target(sc, sc.employees[0]).target_minutes == 2 * 2220 - 2 * 444
    result = solve_checked(sc, engine=engine)
    worked = {s.date for s in result.roster.shifts}
    assert GOOD_FRIDAY not in worked and EASTER_MONDAY not in worked


def test_a_shift_on_good_friday_breaks_bandwidth(engine: str) -> None:
    # The infeasible twin, seen by the validator: a hand-made shift on the closed date.
    sc = easter()
    friday = Shift(
        employee_id="E1",
        date=GOOD_FRIDAY,
        start=to_datetime(GOOD_FRIDAY, 540),
        end=to_datetime(GOOD_FRIDAY, 780),
    )
    found = validate(
        sc, solve_checked(sc, engine=engine).roster.model_copy(update={"shifts": (friday,)})
    ).violations
    assert any(v.rule == RuleCode.BANDWIDTH and v.date == GOOD_FRIDAY for v in found)


def test_a_service_open_on_bank_holidays_works_them(engine: str) -> None:
    sc = easter(open_on_bank_holidays=True)
    assert sc.service.closed_bank_holidays() == []
    assert contract_target(sc, sc.employees[0]).target_minutes == 2 * 2220
    assert solve_checked(sc, engine=engine).has_roster


def test_an_exception_row_wins_over_the_calendar() -> None:
    # The manager opens Easter Monday as an ordinary day; Good Friday stays closed.
    sc = easter(exceptions=(DateException(date=EASTER_MONDAY, reason="open as usual"),))
    assert [d for d, _ in sc.service.closed_bank_holidays()] == [GOOD_FRIDAY]
    assert sc.service.bandwidth_on(EASTER_MONDAY) is not None
