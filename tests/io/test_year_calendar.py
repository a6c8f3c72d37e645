"""A person's year as one calendar file, and as a workbook (tests/year_helpers.py's periods).

Read back with ``icalendar`` and ``openpyxl``: the events and cells are those the
instance's docstring works out.
"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from icalendar import Calendar
from openpyxl import load_workbook

from roster.io import year_calendar, year_workbook_bytes
from roster.io.calendar_ics import person_calendar
from roster.io.xlsx_year import FILLS, NO_DATE_FILL, sheet_names
from year_helpers import d, year_periods

STAMP = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
LONDON = ZoneInfo("Europe/London")


def _events(data: bytes) -> list[dict[str, object]]:
    cal = Calendar.from_ical(data)
    return [
        {
            "uid": str(ev["uid"]),
            "summary": str(ev["summary"]),
            "start": ev.decoded("dtstart"),
            "end": ev.decoded("dtend"),
        }
        for ev in cal.walk("VEVENT")
    ]


def test_the_year_file_holds_every_shift_leave_and_closure() -> None:
    events = _events(year_calendar(year_periods(), "E1", stamp=STAMP))
    assert len(events) == 13  # 7 shifts, 2 runs of leave, 1 part day, 2 bank holidays, 1 closure
    shifts = [e for e in events if e["summary"] == "Tiny Contact Centre shift"]
    assert [e["start"] for e in shifts] == [
        dt.datetime(2027, 3, 15, 8, 30, tzinfo=LONDON),
        dt.datetime(2027, 3, 16, 9, 0, tzinfo=LONDON),
        dt.datetime(2027, 3, 17, 10, 0, tzinfo=LONDON),
        dt.datetime(2027, 3, 24, 8, 30, tzinfo=LONDON),
        dt.datetime(2027, 3, 30, 8, 30, tzinfo=LONDON),
        dt.datetime(2027, 3, 31, 8, 0, tzinfo=LONDON),
        dt.datetime(2027, 4, 1, 10, 30, tzinfo=LONDON),
    ]
    all_day = sorted(
        (e["start"], e["end"], e["summary"]) for e in events if not isinstance(e["start"], dt.datetime)
    )
    assert all_day == [
        (d(3, 18), d(3, 24), "Annual leave"),  # one event across the periods' edge (end exclusive)
        (d(3, 25), d(3, 26), "Sick"),
        (d(3, 26), d(3, 27), "Bank holiday: Good Friday"),
        (d(3, 29), d(3, 30), "Bank holiday: Easter Monday"),
        (d(4, 2), d(4, 3), "Closed: staff training"),
    ]
    part = [e for e in events if e["summary"] == "Annual leave (part day)"]
    assert [(e["start"], e["end"]) for e in part] == [
        (dt.datetime(2027, 3, 24, 13, 0, tzinfo=LONDON), dt.datetime(2027, 3, 24, 17, 0, tzinfo=LONDON))
    ]
    assert len({e["uid"] for e in events}) == 13


def test_shift_uids_are_the_period_calendars_own() -> None:
    """A shift has the same UID in the year's file as in its period's published calendar."""
    year = {e["uid"] for e in _events(year_calendar(year_periods(), "E1", stamp=STAMP))}
    periods = set()
    for sc, roster in year_periods():
        periods |= {e["uid"] for e in _events(person_calendar(sc, roster, "E1", sequence=1, stamp=STAMP))}
    assert len(periods) == 7
    assert periods <= year


def test_a_bank_holiday_breaks_a_run_of_leave() -> None:
    events = _events(year_calendar(year_periods(), "E2", stamp=STAMP))
    all_day = sorted(
        (e["start"], e["end"], e["summary"]) for e in events if not isinstance(e["start"], dt.datetime)
    )
    assert all_day == [
        (d(3, 26), d(3, 27), "Bank holiday: Good Friday"),
        (d(3, 29), d(3, 30), "Bank holiday: Easter Monday"),
        (d(3, 30), d(4, 1), "Annual leave"),
        (d(4, 2), d(4, 3), "Closed: staff training"),
    ]
    assert len(events) == 6  # and 2 shifts


def test_sheet_names_are_safe_short_and_unique() -> None:
    names = sheet_names(
        [
            ("E1", "Ann"),
            ("E2", "Bob [relief]: nights/weekends"),
            ("E3", "A" * 40),
            ("E4", "A" * 40),
            ("e1", "ann"),
        ]
    )
    assert names == ["Ann (E1)", "Bob relief nightsweekends (E2)", "A" * 31, "A" * 29 + "~2", "ann (e1)~2"]
    assert all(len(n) <= 31 for n in names)


def test_the_workbook_is_a_sheet_per_person_a_row_per_month() -> None:
    data = year_workbook_bytes(year_periods(), [("E1", "Ann"), ("E2", "Bob")], title="Tiny 2027")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Ann (E1)", "Bob (E2)"]
    ws = wb["Ann (E1)"]
    assert ws["A1"].value == "Tiny 2027: Ann (E1): 15 Mar 2027 to 04 Apr 2027"
    assert [ws.cell(row=2, column=c).value for c in (1, 2, 32, 33)] == ["Month", 1, 31, "Hours"]
    assert ws.cell(row=3, column=1).value == "Mar 2027" and ws.cell(row=4, column=1).value == "Apr 2027"
    march = {n: ws.cell(row=3, column=1 + n) for n in range(1, 32)}
    assert [march[n].value for n in (14, 15, 18, 24, 25, 26, 27, 29)] == [
        None,
        "08:30-16:30",
        "AL",
        "08:30-12:30 +AL",
        "SICK",
        "BH",
        None,
        "BH",
    ]
    colour = {kind: fill.start_color.rgb for kind, fill in FILLS.items() if fill is not None}
    assert march[18].fill.start_color.rgb == colour["leave"]
    assert march[24].fill.start_color.rgb == colour["part_leave"]
    assert march[26].fill.start_color.rgb == colour["bank_holiday"]
    assert march[27].fill.start_color.rgb == colour["off"]
    assert march[15].fill.fill_type is None and march[14].fill.fill_type is None
    assert ws.cell(row=4, column=2).value == "10:30-18:30" and ws.cell(row=4, column=3).value == "CL"
    assert ws.cell(row=4, column=3).fill.start_color.rgb == colour["closed"]
    assert ws.cell(row=4, column=32).fill.start_color.rgb == NO_DATE_FILL.start_color.rgb  # 31 April
    assert [ws.cell(row=r, column=33).value for r in (3, 4)] == ["38:00", "7:30"]
    labels = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)
    }
    assert {
        k: labels[k]
        for k in (
            "Hours rostered",
            "Annual leave days",
            "Annual leave part days",
            "Annual leave hours",
            "Bank holidays",
            "Bank holiday hours",
        )
    } == {
        "Hours rostered": "45:30",
        "Annual leave days": "4",
        "Annual leave part days": "1",
        "Annual leave hours": "33:36",
        "Bank holidays": "2",
        "Bank holiday hours": "14:48",
    }
    assert labels["SICK"] == "Sick" and labels["BH"] == "bank holiday, the service closed"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    bob = wb["Bob (E2)"]
    assert [bob.cell(row=3, column=1 + n).value for n in (29, 30, 31)] == ["BH", "AL", "AL"]
