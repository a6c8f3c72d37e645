"""The roster exchange format: one CSV row per shift.

Columns, in this order::

    employee_id,date,shift_start,shift_end,break_start,break_end,paid_minutes

Date-times are ISO 8601 local wall-clock times without a timezone
(``2027-01-04T08:30:00``); the break columns are empty when a shift has no
break; ``paid_minutes`` = end - start - break, in real elapsed minutes (a night
across a clock change lasts an hour less or more than its clock times say).
Rows are sorted by employee,
then date. An id a spreadsheet would read as a formula (``-A1``) is written with a single quote
before it, which the reader takes off (:mod:`roster.io.cells`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from pydantic import ValidationError

from roster.domain import Roster, Shift
from roster.domain.request import Pin
from roster.io._messages import describe, guess_field
from roster.io.atomic import atomic_write_text
from roster.io.cells import csv_row, from_csv
from roster.io.errors import InputError
from roster.timegrid import clock_changes, parse_clock, to_datetime

COLUMNS: tuple[str, ...] = (
    "employee_id",
    "date",
    "shift_start",
    "shift_end",
    "break_start",
    "break_end",
    "paid_minutes",
)
_REQUIRED = ("employee_id", "date", "shift_start", "shift_end", "paid_minutes")


def _stamp(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.replace(tzinfo=None).isoformat(timespec="seconds")


def _sort_key(shift: Shift) -> tuple[str, dt.date, dt.datetime]:
    return (shift.employee_id, shift.date, shift.start)


def write_roster_csv(roster: Roster, path: Path) -> None:
    """Write ``roster`` to ``path`` in the exchange format (atomically)."""
    atomic_write_text(Path(path), roster_csv_text(roster))


def roster_csv_text(roster: Roster) -> str:
    """``roster`` in the exchange format, as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for shift in sorted(roster.shifts, key=_sort_key):
        writer.writerow(
            csv_row(
                [
                    shift.employee_id,
                    shift.date.isoformat(),
                    _stamp(shift.start),
                    _stamp(shift.end),
                    _stamp(shift.break_start),
                    _stamp(shift.break_end),
                    shift.paid_minutes,
                ]
            )
        )
    return out.getvalue()


def _parse_datetime(source: str, row: int, column: str, text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            source,
            row,
            column,
            f"must be a local date and time written YYYY-MM-DDTHH:MM:SS (got {text!r})",
        ) from None
    if moment.tzinfo is not None:
        raise InputError(
            source, row, column, f"must be local wall-clock time without a timezone (got {text!r})"
        )
    return moment


def _parse_date(source: str, row: int, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(source, row, "date", f"must be a date written YYYY-MM-DD (got {text!r})") from None


def _parse_row(source: str, row: int, cells: dict[str, str]) -> Shift:
    for column in _REQUIRED:
        if not cells.get(column):
            raise InputError(source, row, column, "is empty; a value is required")
    day = _parse_date(source, row, cells["date"])
    moments: dict[str, dt.datetime | None] = {}
    for column in ("shift_start", "shift_end", "break_start", "break_end"):
        text = cells.get(column, "")
        if re.fullmatch(r"\d{1,2}:\d{2}(:00)?", text):
            # a time of day alone (a hand-typed pin or amendment) is on the row's date
            try:
                clock = text if text.count(":") == 1 else text.rsplit(":", 1)[0]
                moments[column] = to_datetime(day, parse_clock(clock, allow_next_day=True))
            except ValueError as exc:
                raise InputError(source, row, column, str(exc)) from None
            continue
        moments[column] = _parse_datetime(source, row, column, text) if text else None
    start, end = moments["shift_start"], moments["shift_end"]
    b_start, b_end = moments["break_start"], moments["break_end"]
    assert start is not None and end is not None
    if start.date() != day:
        raise InputError(source, row, "shift_start", f"starts on {start.date()} but the row is dated {day}")
    if end <= start:
        raise InputError(
            source,
            row,
            "shift_end",
            f"{_stamp(end)} is not after shift_start {_stamp(start)} (a time after midnight is "
            "written 24:00 + hours, e.g. 26:00, or as the next day's date and time)",
        )
    if b_end is not None and b_start is None:
        raise InputError(source, row, "break_start", "is empty but break_end is given; give both or neither")
    if b_start is not None and b_end is None:
        raise InputError(source, row, "break_end", "is empty but break_start is given; give both or neither")
    if b_start is not None and b_end is not None:
        if b_end <= b_start:
            raise InputError(
                source, row, "break_end", f"{_stamp(b_end)} is not after break_start {_stamp(b_start)}"
            )
        if b_start < start or b_end > end:
            raise InputError(
                source,
                row,
                "break_start",
                f"the break {_stamp(b_start)} to {_stamp(b_end)} is not inside the shift "
                f"{_stamp(start)} to {_stamp(end)}",
            )
    try:
        shift = Shift(
            employee_id=cells["employee_id"],
            date=day,
            start=start,
            end=end,
            break_start=b_start,
            break_end=b_end,
        )
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        message = describe(err, Shift)
        field = str(err["loc"][0]) if err["loc"] else guess_field(message, Shift.model_fields)
        raise InputError(source, row, field, message) from None
    if cells["paid_minutes"] == "auto":  # a pin may leave paid_minutes out
        return shift
    try:
        paid = int(cells["paid_minutes"])
    except ValueError:
        raise InputError(
            source, row, "paid_minutes", f"must be a whole number of minutes (got {cells['paid_minutes']!r})"
        ) from None
    if paid != shift.paid_minutes:
        wall = int((shift.end - shift.start).total_seconds() // 60)
        change = next(iter(clock_changes(shift.date, shift.end.date())), None)
        clocks = (
            f"; the clocks go {'back' if change.repeated else 'forward'} that night, so it lasts "
            f"{shift.length_minutes} minutes, not the {wall} its clock times say"
            if change is not None and wall != shift.length_minutes
            else ""
        )
        raise InputError(
            source,
            row,
            "paid_minutes",
            f"is {paid} but the times give {shift.paid_minutes} "
            f"({shift.length_minutes} minutes less a {shift.break_minutes}-minute break{clocks})",
        )
    return shift


def _records(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...], what: str
) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """The rows of a CSV in the exchange format's columns: (source, [(row number, cells)]).

    Every column of ``columns`` but those missing from ``required`` may be left out.
    """
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(source, None, None, f"{what} file not found") from None
    except UnicodeDecodeError:
        raise InputError(source, None, None, "is not UTF-8 text; save it as 'CSV UTF-8'") from None
    except OSError as exc:
        raise InputError(source, None, None, f"cannot be read: {exc.strerror or exc}") from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(source, None, None, f"is not a valid CSV file: {exc}") from None
    if not records:
        raise InputError(source, 1, None, f"has no header row; expected {','.join(columns)}")
    found = _other_separator(records[0])
    if found is not None:
        raise InputError(
            source,
            1,
            None,
            f"its columns are separated by {found}, not commas; the roster format is CSV with commas "
            f"({','.join(columns)}): save it as 'CSV UTF-8 (Comma delimited)', or replace the separators",
        )
    header = [h.strip() for h in records[0]]
    while header and header[-1] == "":
        header.pop()
    for column in header:
        if column not in columns:
            raise InputError(source, 1, column, f"unknown column {column!r}; allowed: {', '.join(columns)}")
        if header.count(column) > 1:
            raise InputError(source, 1, column, f"column {column!r} appears twice")
    for column in required:
        if column not in header:
            raise InputError(
                source, 1, column, f"missing column {column!r}; the columns are {','.join(columns)}"
            )
    rows: list[tuple[int, dict[str, str]]] = []
    for i, record in enumerate(records[1:]):
        row = i + 2
        texts = [from_csv(c.strip()) for c in record]
        if not any(texts):
            continue
        if any(texts[len(header) :]):
            raise InputError(
                source, row, None, f"has {len(texts)} values but the header names only {len(header)} columns"
            )
        rows.append((row, dict(zip(header, texts, strict=False))))
    return source, rows


_SEPARATORS = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}


def _other_separator(header: list[str]) -> str | None:
    """The separator a header row read as one column plainly uses instead of commas (a
    spreadsheet saved in a language whose CSV uses ``;``), named for a message; else None."""
    if len(header) != 1:
        return None
    counts = {sep: header[0].count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    return _SEPARATORS[best] if counts[best] else None


def read_roster_csv(path: Path) -> Roster:
    """Read a roster CSV; raises :class:`InputError` (file, row, field) for any mistake.

    The error's ``file`` is ``path`` as given. The shifts are returned sorted
    by employee, then date. Breaches of the rostering rules (two shifts on a
    date, a shift outside the bandwidth, ...) are not input errors: they are
    left for :mod:`roster.validation` to report.
    """
    source, rows = _records(Path(path), COLUMNS, COLUMNS, "roster")
    shifts = [_parse_row(source, row, cells) for row, cells in rows]
    return Roster(shifts=tuple(sorted(shifts, key=_sort_key)))


PIN_REQUIRED: tuple[str, ...] = ("employee_id", "date", "shift_start", "shift_end")


def read_pins_csv(path: Path) -> tuple[Pin, ...]:
    """Read pins (a manager's edits) in the exchange format's columns; ``paid_minutes`` optional.

    A row with ``shift_start`` and ``shift_end`` both empty pins the person off
    that date; otherwise the row is a shift, read and checked as in
    :func:`read_roster_csv` (``paid_minutes``, when given, must agree with the
    times). Two pins for one person and date are an error naming the second row.
    """
    source, rows = _records(Path(path), COLUMNS, PIN_REQUIRED, "pins")
    pins: list[Pin] = []
    seen: dict[tuple[str, str], int] = {}
    for row, cells in rows:
        for column in ("employee_id", "date"):
            if not cells.get(column):
                raise InputError(source, row, column, "is empty; a value is required")
        key = (cells["employee_id"], cells["date"])
        if key in seen:
            raise InputError(
                source, row, "date", f"a second pin for {key[0]} on {key[1]} (the first is row {seen[key]})"
            )
        seen[key] = row
        where = f"{Path(path).name} row {row}"
        if not cells.get("shift_start") and not cells.get("shift_end"):
            for column in ("break_start", "break_end", "paid_minutes"):
                if cells.get(column) and not (column == "paid_minutes" and cells[column] == "0"):
                    raise InputError(
                        source,
                        row,
                        column,
                        "must be empty on a day-off pin (shift_start and shift_end empty)",
                    )
            day = _parse_date(source, row, cells["date"])
            pins.append(Pin(employee_id=cells["employee_id"], date=day, shift=None, source=where))
            continue
        if not cells.get("paid_minutes"):
            cells = {**cells, "paid_minutes": "auto"}
        shift = _parse_row(source, row, cells)
        pins.append(Pin(employee_id=shift.employee_id, date=shift.date, shift=shift, source=where))
    return tuple(pins)
