"""The yearly calendar: each date's reading, the year's totals and the printable page.

The instance is tests/year_helpers.py (two hand-made periods around Easter 2027); its
docstring works out every figure asserted here.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from roster.domain import contract_target
from roster.reports import YearTotals, year_calendar_html, year_days, year_totals
from year_helpers import d, year_periods


def test_each_date_of_the_year_is_read_once_and_in_order() -> None:
    days = year_days(year_periods(), "E1")
    assert [x.date for x in days] == [d(3, 15) + dt.timedelta(n) for n in range(21)]
    seen = {x.date: (x.kind, x.code, x.text, x.paid_minutes, x.credit_minutes) for x in days}
    assert seen[d(3, 15)] == ("shift", "08:30-16:30", "08:30-16:30", 450, 0)
    assert seen[d(3, 17)] == ("shift", "10:00-14:00", "10:00-14:00", 240, 0)
    # leave cut at period A's end and booked again from B's start reads as one run
    assert [seen[d(3, n)][:2] for n in (18, 19, 20, 21, 22, 23)] == [("leave", "AL")] * 6
    assert [seen[d(3, n)][4] for n in (18, 19, 20, 21, 22, 23)] == [444, 444, 0, 0, 444, 444]
    assert seen[d(3, 24)] == (
        "part_leave",
        "08:30-12:30 +AL",
        "08:30-12:30; Annual leave 13:00-17:00",
        240,
        240,
    )
    assert seen[d(3, 25)] == ("leave", "SICK", "Sick", 0, 444)
    assert seen[d(3, 26)] == ("bank_holiday", "BH", "Good Friday", 0, 444)
    assert seen[d(3, 29)] == ("bank_holiday", "BH", "Easter Monday", 0, 444)
    assert seen[d(4, 2)] == ("closed", "CL", "Closed: staff training", 0, 444)
    assert seen[d(3, 27)] == ("off", "", "Off", 0, 0)


def test_a_bank_holiday_inside_booked_leave_is_not_a_day_of_leave() -> None:
    days = {x.date: x for x in year_days(year_periods(), "E2")}
    assert days[d(3, 29)].kind == "bank_holiday"
    assert days[d(3, 29)].credit_minutes == 360  # 30 h / 5: a closed weekday's credit
    assert [days[d(3, n)].credit_minutes for n in (30, 31)] == [450, 450]  # 30 h / 4 days
    assert year_totals(list(days.values())) == YearTotals(
        rostered_minutes=900,
        shifts=2,
        annual_leave_days=2,
        annual_leave_part_days=0,
        annual_leave_minutes=900,
        bank_holidays=2,
        bank_holiday_minutes=720,
        closed_days=1,
    )


def test_year_totals() -> None:
    assert year_totals(year_days(year_periods(), "E1")) == YearTotals(
        rostered_minutes=2730,
        shifts=7,
        annual_leave_days=4,
        annual_leave_part_days=1,
        annual_leave_minutes=2016,
        bank_holidays=2,
        bank_holiday_minutes=888,
        closed_days=1,
    )


@pytest.mark.parametrize("emp_id", ["E1", "E2"])
def test_day_credits_add_up_to_contract_hours_credits(emp_id: str) -> None:
    """Each period's leave and closure credits, day by day, are CONTRACT_HOURS's (no week here
    books more leave than its contract, so the domain's weekly cap does not bind)."""
    for sc, roster in year_periods():
        days = year_days([(sc, roster)], emp_id)
        target = contract_target(sc, sc.employee(emp_id))
        leave = sum(x.credit_minutes for x in days if x.kind in ("leave", "part_leave"))
        closed = sum(x.credit_minutes for x in days if x.kind in ("bank_holiday", "closed"))
        assert (leave, closed) == (target.leave_credit, target.closure_credit)


def test_overlapping_periods_and_unknown_people_are_refused() -> None:
    periods = year_periods()
    with pytest.raises(ValueError, match="in two periods"):
        year_days([periods[0], periods[0]], "E1")
    with pytest.raises(ValueError, match="E9 is in none"):
        year_days(periods, "E9")


class _Cells(HTMLParser):
    """Rows of the page's tables: (class of each cell, text of each cell)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str]]] = []
        self._cell: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._class = [], dict(attrs).get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append((self._class, "".join(self._cell).strip()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_the_page_is_a_month_a_row_with_codes_totals_and_key() -> None:
    page = year_calendar_html(year_periods(), "E1", title="Tiny & <Centre>")
    assert "Tiny &amp; &lt;Centre&gt;: Ann (E1)" in page
    assert "size: A4 landscape" in page
    parser = _Cells()
    parser.feed(page)
    rows = {r[0][1]: r for r in parser.rows if r}
    assert [text for _, text in rows["Month"]] == ["Month", *map(str, range(1, 32)), "Hours"]
    march, april = rows["Mar 2027"][1:], rows["Apr 2027"][1:]
    assert len(march) == len(april) == 32  # 31 dates and the month's hours
    assert [march[n - 1][1] for n in (15, 18, 20, 24, 25, 26, 29, 31)] == [
        "08:30-16:30",
        "AL",
        "AL",
        "08:30-12:30 +AL",
        "SICK",
        "BH",
        "BH",
        "08:00-16:00",
    ]
    assert [march[n - 1][0] for n in (14, 15, 18, 24, 26, 27)] == [
        "none",
        "shift",
        "leave",
        "part_leave",
        "bank_holiday",
        "off",
    ]
    assert march[31][1] == "38:00" and april[31][1] == "7:30"
    assert [(c, t) for c, t in april[:5]] == [
        ("shift", "10:30-18:30"),
        ("closed", "CL"),
        ("off", ""),
        ("off", ""),
        ("none", ""),
    ]
    assert april[30] == ("nodate", "")  # 31 April
    totals = {r[0][1]: r[1][1] for r in parser.rows if len(r) == 2 and r[0][0] == ""}
    assert totals == {
        "Hours rostered": "45:30",
        "Shifts": "7",
        "Annual leave days": "4",
        "Annual leave part days": "1",
        "Annual leave hours": "33:36",
        "Bank holidays": "2",
        "Bank holiday hours": "14:48",
        "Other closures": "1",
    }
    key = [(r[0][0], r[0][1], r[1][1]) for r in parser.rows if len(r) == 2 and r[0][0] != ""]
    assert [(kind, code) for kind, code, _ in key] == [
        ("shift", "08:30-16:30"),
        ("leave", "AL"),
        ("leave", "SICK"),
        ("part_leave", "+AL"),
        ("bank_holiday", "BH"),
        ("closed", "CL"),
        ("off", ""),
    ]
