"""The roster exchange CSV: exact format, round trip and located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster.domain import Roster, Shift
from roster.io import InputError, read_roster_csv, write_roster_csv
from roster.io.roster_csv import read_pins_csv

HEADER = "employee_id,date,shift_start,shift_end,break_start,break_end,paid_minutes"


def _shift(emp: str, day: int, start: str, end: str, brk: str | None = None, brk_min: int = 30) -> Shift:
    date = dt.date(2027, 1, day)
    base = dt.datetime(2027, 1, day)

    def at(text: str) -> dt.datetime:
        h, m = map(int, text.split(":"))
        return base + dt.timedelta(hours=h, minutes=m)

    b = at(brk) if brk else None
    return Shift(
        employee_id=emp,
        date=date,
        start=at(start),
        end=at(end),
        break_start=b,
        break_end=b + dt.timedelta(minutes=brk_min) if b else None,
    )


ROSTER = Roster(
    shifts=(
        _shift("E1", 4, "08:30", "17:00", "12:00"),
        _shift("E1", 5, "09:00", "13:00"),
        _shift("E2", 4, "22:00", "30:00", "26:00"),  # a night shift into the next day
        _shift("E2", 6, "07:00", "19:00", "12:00", 60),
    )
)


def test_exact_format(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    write_roster_csv(ROSTER, path)
    lines = path.read_text().splitlines()
    assert lines[0] == HEADER
    assert (
        lines[1]
        == "E1,2027-01-04,2027-01-04T08:30:00,2027-01-04T17:00:00,2027-01-04T12:00:00,2027-01-04T12:30:00,480"
    )
    assert lines[2] == "E1,2027-01-05,2027-01-05T09:00:00,2027-01-05T13:00:00,,,240"
    assert lines[3].startswith("E2,2027-01-04,2027-01-04T22:00:00,2027-01-05T06:00:00,2027-01-05T02:00:00,")
    assert len(lines) == 5


def test_rows_are_sorted_by_employee_then_date(tmp_path: Path) -> None:
    shuffled = Roster(shifts=tuple(reversed(ROSTER.shifts)))
    write_roster_csv(shuffled, tmp_path / "r.csv")
    assert read_roster_csv(tmp_path / "r.csv") == ROSTER


def test_round_trip(tmp_path: Path) -> None:
    write_roster_csv(ROSTER, tmp_path / "r.csv")
    assert read_roster_csv(tmp_path / "r.csv") == ROSTER


def test_empty_roster(tmp_path: Path) -> None:
    write_roster_csv(Roster(), tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text() == HEADER + "\n"
    assert read_roster_csv(tmp_path / "r.csv") == Roster()


@st.composite
def _shifts(draw: st.DrawFn) -> Shift:
    emp = draw(st.sampled_from(["E1", "E2", "x.y-z_9"]))
    day = draw(st.integers(4, 24))
    start = draw(st.integers(0, 95)) * 15
    length = draw(st.integers(16, 48)) * 15
    brk = draw(st.one_of(st.none(), st.integers(1, length // 15 - 3).map(lambda k: k * 15)))
    base = dt.datetime(2027, 1, day)
    s = base + dt.timedelta(minutes=start)
    return Shift(
        employee_id=emp,
        date=base.date(),
        start=s,
        end=s + dt.timedelta(minutes=length),
        break_start=None if brk is None else s + dt.timedelta(minutes=brk),
        break_end=None if brk is None else s + dt.timedelta(minutes=brk + 30),
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(_shifts(), max_size=8, unique_by=lambda s: (s.employee_id, s.date)))
def test_round_trip_property(tmp_path_factory: pytest.TempPathFactory, shifts: list[Shift]) -> None:
    roster = Roster(shifts=tuple(sorted(shifts, key=lambda s: (s.employee_id, s.date))))
    path = tmp_path_factory.mktemp("r") / "roster.csv"
    write_roster_csv(roster, path)
    assert read_roster_csv(path) == roster


LATE = "2027-01-04T17:30:00"
GOOD_ROW = "E1,2027-01-04,2027-01-04T08:30:00,2027-01-04T17:00:00,2027-01-04T12:00:00,2027-01-04T12:30:00,480"


def _with(row: str, column: str, value: str) -> str:
    cells = row.split(",")
    cells[HEADER.split(",").index(column)] = value
    return ",".join(cells)


# (file text, row, field, key phrase)
BAD = [
    pytest.param(
        # a UK-style date
        f"{HEADER}\n{_with(GOOD_ROW, 'date', '04/01/2027')}\n",
        2,
        "date",
        "YYYY-MM-DD",
        id="bad-date",
    ),
    pytest.param(
        # neither a date and time nor a time of day (a time alone is on the row's date)
        f"{HEADER}\n{_with(GOOD_ROW, 'shift_start', '8h30')}\n",
        2,
        "shift_start",
        "YYYY-MM-DDTHH:MM:SS",
        id="not-a-time",
    ),
    pytest.param(
        # the paid_minutes column is missing
        HEADER.removesuffix(",paid_minutes") + "\n" + GOOD_ROW.removesuffix(",480") + "\n",
        1,
        "paid_minutes",
        "missing column 'paid_minutes'",
        id="missing-column",
    ),
    pytest.param(
        # a column the format does not have
        HEADER + ",notes\n" + GOOD_ROW + ",late\n",
        1,
        "notes",
        "unknown column 'notes'",
        id="unknown-column",
    ),
    pytest.param(
        # a break end without a break start
        f"{HEADER}\n{_with(GOOD_ROW, 'break_start', '')}\n",
        2,
        "break_start",
        "break_end is given",
        id="break-end-without-start",
    ),
    pytest.param(
        # a break start without a break end
        f"{HEADER}\n{_with(GOOD_ROW, 'break_end', '')}\n",
        2,
        "break_end",
        "break_start is given",
        id="break-start-without-end",
    ),
    pytest.param(
        # 8.5 h less a 30-minute break is 480 paid minutes, not 510
        f"{HEADER}\n{_with(GOOD_ROW, 'paid_minutes', '510')}\n",
        2,
        "paid_minutes",
        "is 510 but the times give 480",
        id="paid-minutes-inconsistent",
    ),
    pytest.param(
        # paid minutes are whole minutes
        f"{HEADER}\n{_with(GOOD_ROW, 'paid_minutes', '480.5')}\n",
        2,
        "paid_minutes",
        "whole number",
        id="paid-minutes-not-a-number",
    ),
    pytest.param(
        # the shift ends before it starts
        f"{HEADER}\n{_with(GOOD_ROW, 'shift_end', '2027-01-04T07:00:00')}\n",
        2,
        "shift_end",
        "is not after shift_start",
        id="end-before-start",
    ),
    pytest.param(
        # the shift starts on another date than the row's date
        f"{HEADER}\n{GOOD_ROW}\n{_with(GOOD_ROW, 'date', '2027-01-05')}\n",
        3,
        "shift_start",
        "the row is dated 2027-01-05",
        id="start-not-on-date",
    ),
    pytest.param(
        # a timezone offset: the format is local wall-clock time
        f"{HEADER}\n{_with(GOOD_ROW, 'shift_start', '2027-01-04T08:30:00+00:00')}\n",
        2,
        "shift_start",
        "without a timezone",
        id="timezone",
    ),
    pytest.param(
        # the break lies outside the shift
        f"{HEADER}\n{_with(_with(GOOD_ROW, 'break_start', '2027-01-04T17:00:00'), 'break_end', LATE)}\n",
        2,
        "break_start",
        "not inside the shift",
        id="break-outside-shift",
    ),
    pytest.param(
        # an empty employee id
        f"{HEADER}\n{_with(GOOD_ROW, 'employee_id', '')}\n",
        2,
        "employee_id",
        "a value is required",
        id="empty-employee",
    ),
    pytest.param(
        # saved by a spreadsheet whose CSV separates columns with semicolons
        HEADER.replace(",", ";") + "\n" + GOOD_ROW.replace(",", ";") + "\n",
        1,
        None,
        "its columns are separated by semicolons (;), not commas; the roster format is CSV with commas",
        id="semicolons",
    ),
    pytest.param(
        # or with tabs
        HEADER.replace(",", "\t") + "\n" + GOOD_ROW.replace(",", "\t") + "\n",
        1,
        None,
        "its columns are separated by tabs, not commas",
        id="tabs",
    ),
    pytest.param(
        # a completely empty file
        "",
        1,
        None,
        "no header row",
        id="empty-file",
    ),
]


@pytest.mark.parametrize(("text", "row", "field", "phrase"), BAD)
def test_bad_roster_csv(tmp_path: Path, text: str, row: int, field: str | None, phrase: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        read_roster_csv(path)
    err = info.value
    assert (err.file, err.row, err.field) == (str(path), row, field), str(err)
    assert phrase in err.message


def test_missing_roster_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="roster file not found"):
        read_roster_csv(tmp_path / "nope.csv")


def test_two_shifts_on_a_date_are_left_to_the_validator(tmp_path: Path) -> None:
    # ONE_SHIFT is a rostering rule, not a file-format error
    path = tmp_path / "r.csv"
    path.write_text(f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n")
    assert len(read_roster_csv(path).shifts) == 2


def test_times_of_day_alone_are_on_the_rows_date(tmp_path: Path) -> None:
    # a pin or amendment typed by hand: 09:00 and 26:00 (02:00 the next day) on the row's date
    path = tmp_path / "pins.csv"
    path.write_text(
        "employee_id,date,shift_start,shift_end,break_start,break_end\n"
        "E1,2027-01-04,9:00,17:30:00,12:00,12:30\n"
        "E2,2027-01-04,18:00,26:00,,\n"
    )
    first, second = (pin.shift for pin in read_pins_csv(path))
    assert first is not None and second is not None
    assert (first.start, first.end) == (dt.datetime(2027, 1, 4, 9), dt.datetime(2027, 1, 4, 17, 30))
    assert first.break_start == dt.datetime(2027, 1, 4, 12)
    assert second.end == dt.datetime(2027, 1, 5, 2)
    path.write_text("employee_id,date,shift_start,shift_end\nE2,2027-01-04,18:00,02:00\n")
    with pytest.raises(InputError, match=r"written 24:00 \+ hours, e.g. 26:00"):
        read_pins_csv(path)


def test_paid_minutes_across_the_clock_changes_are_real_minutes(tmp_path: Path) -> None:
    # 23:00-07:00 with a break at 03:00: 7 h on the night the clocks go forward (paid 390), 9 h on
    # the night they go back (paid 510); a file that says 450 (the clock times) is refused.
    rows = [
        "N,2027-03-27,2027-03-27T23:00:00,2027-03-28T07:00:00,2027-03-28T03:00:00,2027-03-28T03:30:00,390",
        "N,2027-10-30,2027-10-30T23:00:00,2027-10-31T07:00:00,2027-10-31T03:00:00,2027-10-31T03:30:00,510",
    ]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    roster = read_roster_csv(path)
    assert [s.paid_minutes for s in roster.shifts] == [390, 510]
    write_roster_csv(roster, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_text().splitlines()[1:] == rows
    path.write_text(f"{HEADER}\n{rows[0].removesuffix('390')}450\n")
    with pytest.raises(InputError) as info:
        read_roster_csv(path)
    assert info.value.field == "paid_minutes"
    assert info.value.message == (
        "is 450 but the times give 390 (420 minutes less a 30-minute break; the clocks go forward that "
        "night, so it lasts 420 minutes, not the 480 its clock times say)"
    )
