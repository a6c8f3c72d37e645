"""Two hand-made roster periods of a year, shared by the yearly calendar tests (no solver).

Period A is the week from Monday 15 March 2027, period B the two weeks from Monday 22 March
to Sunday 4 April; England and Wales bank holidays close the service on Good Friday 26 March
and Easter Monday 29 March, and an ``exceptions`` row closes it on Friday 2 April ("staff
training"). Policy defaults otherwise: open Monday to Friday, a 30-minute break.

E1 Ann, 37 h over 5 days (a day's leave is 7:24, 444 minutes; a closed weekday the same):

    A  Mon 15 08:30-16:30 (break 12:00)  Tue 16 09:00-17:00 (break 12:30)  Wed 17 10:00-14:00
       annual leave Thu 18 to Sun 21 (the row ends with the period)
    B  annual leave Mon 22 to Tue 23; Wed 24 08:30-12:30 and annual leave 13:00-17:00;
       sick Thu 25; Tue 30 08:30-16:30 (break 12:00); Wed 31 08:00-16:00 (break 12:00);
       Thu 1 Apr 10:30-18:30 (break 14:00)

So Ann's year: 7 shifts, 7:30 x 5 + 4:00 x 2 = 45:30 rostered; annual leave taken on 4
working days (18, 19, 22, 23 March; the weekend 20-21 is no day taken) and 1 part day,
4 x 7:24 + 4:00 = 33:36; 2 bank holidays (14:48) and 1 other closure.

E2 Bob, 30 h over 4 days (a closed weekday 6:00): A Mon 15 09:00-17:00 (break 12:30);
B annual leave Mon 29 to Wed 31 March (Easter Monday inside it is a bank holiday, not a
leave day: 2 days taken), Thu 1 Apr 08:30-16:30 (break 12:00).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.domain import AccrualRule, DateException, Employee, Roster, Scenario, Service, Shift
from roster.timegrid import parse_clock, to_datetime

A = dt.date(2027, 3, 15)
B = dt.date(2027, 3, 22)
TEAM = "Tiny Contact Centre"


def d(month: int, day: int) -> dt.date:
    return dt.date(2027, month, day)


def shift(emp: str, date: dt.date, start: str, end: str, brk: str | None = None) -> Shift:
    fields: dict[str, Any] = {
        "employee_id": emp,
        "date": date,
        "start": to_datetime(date, parse_clock(start)),
        "end": to_datetime(date, parse_clock(end)),
    }
    if brk is not None:
        fields["break_start"] = to_datetime(date, parse_clock(brk))
        fields["break_end"] = to_datetime(date, parse_clock(brk) + 30)
    return Shift.model_validate(fields)


def _scenario(start: dt.date, weeks: int, leave: list[dict[str, Any]], **service: Any) -> Scenario:
    return Scenario.model_validate(
        {
            "service": Service(
                name=TEAM,
                start_date=start,
                weeks=weeks,
                accrual=AccrualRule(anchor=dt.date(2026, 12, 7)),
                **service,
            ),
            "employees": [
                Employee(id="E1", name="Ann", skills=("advisor",), hours_per_week=37),
                Employee(id="E2", name="Bob", skills=("advisor",), hours_per_week=30, days_per_week=4),
            ],
            "leave": leave,
        }
    )


def year_periods() -> list[tuple[Scenario, Roster]]:
    """Periods A and B (see the module docstring)."""
    al = "annual_leave"
    sc_a = _scenario(A, 1, [{"employee_id": "E1", "start_date": d(3, 18), "end_date": d(3, 21), "type": al}])
    ro_a = Roster(
        shifts=(
            shift("E1", d(3, 15), "08:30", "16:30", "12:00"),
            shift("E1", d(3, 16), "09:00", "17:00", "12:30"),
            shift("E1", d(3, 17), "10:00", "14:00"),
            shift("E2", d(3, 15), "09:00", "17:00", "12:30"),
        )
    )
    sc_b = _scenario(
        B,
        2,
        [
            {"employee_id": "E1", "start_date": d(3, 22), "end_date": d(3, 23), "type": al},
            {
                "employee_id": "E1",
                "start_date": d(3, 24),
                "end_date": d(3, 24),
                "start": "13:00",
                "end": "17:00",
                "type": al,
            },
            {"employee_id": "E1", "start_date": d(3, 25), "end_date": d(3, 25), "type": "sick"},
            {"employee_id": "E2", "start_date": d(3, 29), "end_date": d(3, 31), "type": al},
        ],
        exceptions=(DateException(date=d(4, 2), closed=True, reason="staff training"),),
    )
    ro_b = Roster(
        shifts=(
            shift("E1", d(3, 24), "08:30", "12:30"),
            shift("E1", d(3, 30), "08:30", "16:30", "12:00"),
            shift("E1", d(3, 31), "08:00", "16:00", "12:00"),
            shift("E1", d(4, 1), "10:30", "18:30", "14:00"),
            shift("E2", d(4, 1), "08:30", "16:30", "12:00"),
        )
    )
    return [(sc_a, ro_a), (sc_b, ro_b)]
