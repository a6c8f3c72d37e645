"""The roster as a workbook for staff and managers: one sheet per week, and cover.

* ``Week 1 (2027-01-04)``, ``Week 2 (...)``: people as rows (id, name, skills,
  contract hours a week), the week's dates as columns, each cell the shift
  (``08:30-16:00 (break 12:00)``), the leave (``leave: annual_leave``) or
  ``off``, then the week's paid hours (``h:mm``). A closed date's header says
  so. Part-day leave is shown after the shift (``...; leave 13:00-17:00: training``).
* ``Cover``: per date and slot of the opening times, for the whole team and
  each skill with a staffing level, the minimum (the minimum level of service),
  the maximum and the number rostered; a rostered count below the minimum is
  filled red, one above the maximum blue.

The workbook is built in memory and written atomically; a text cell that a spreadsheet would
read as a formula is written as text (:mod:`roster.io.cells`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from roster.domain import Roster, Scenario, Shift
from roster.domain.request import Pin
from roster.io.atomic import atomic_write_bytes
from roster.io.cells import protect_workbook
from roster.io.errors import InputError
from roster.timegrid import format_clock, minute_of_day, parse_clock, to_datetime

if TYPE_CHECKING:
    from roster.validation import CoverRow

SHORT_FILL = PatternFill(fill_type="solid", start_color="FFF4806A", end_color="FFF4806A")
OVER_FILL = PatternFill(fill_type="solid", start_color="FF9ECAE1", end_color="FF9ECAE1")
LEAVE_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
CLOSED_FILL = PatternFill(fill_type="solid", start_color="FFEEEEEE", end_color="FFEEEEEE")
BOLD = Font(bold=True)


def week_sheet_name(week: int, start: dt.date) -> str:
    """``Week 1 (2027-01-04)`` for ``week`` 0."""
    return f"Week {week + 1} ({start.isoformat()})"


def _hmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def shift_text(shift: Shift, scenario: Scenario | None = None) -> str:
    """``08:30-16:00 (break 12:00)``; times past midnight are written ``25:30``.

    In a service with shift types, a shift of a type's times is prefixed with its
    id (``N 23:00-31:00 (break 02:00)``)."""
    start = minute_of_day(shift.date, shift.start)
    end = minute_of_day(shift.date, shift.end)
    text = f"{format_clock(start)}-{format_clock(end)}"
    kind = scenario.service.type_of(start, end) if scenario is not None else None
    if kind is not None:
        text = f"{kind.id} {text}"
    if shift.break_start is not None:
        text += f" (break {format_clock(minute_of_day(shift.date, shift.break_start))})"
    return text


def _day_text(scenario: Scenario, emp_id: str, day: dt.date, shifts: list[Shift]) -> tuple[str, bool]:
    """The cell for one person and date, and whether it shows leave."""
    parts = [shift_text(s, scenario) for s in sorted(shifts, key=lambda s: s.start)]
    leave = [lv for lv in scenario.leave if lv.employee_id == emp_id and lv.start_date <= day <= lv.end_date]
    for lv in leave:
        if lv.whole_day:
            parts.append(f"leave: {lv.type}")
        else:
            assert lv.start is not None and lv.end is not None
            parts.append(f"leave {format_clock(lv.start)}-{format_clock(lv.end)}: {lv.type}")
    if not parts:
        return "off", False
    return "; ".join(parts), bool(leave)


def _autosize(ws: Any, widths: dict[int, int]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width + 2))


def _week_sheet(wb: Workbook, scenario: Scenario, roster: Roster, week: int) -> None:
    svc = scenario.service
    start = svc.start_date + dt.timedelta(days=7 * week)
    dates = [start + dt.timedelta(days=i) for i in range(7)]
    ws = wb.create_sheet(week_sheet_name(week, start))
    header = ["id", "name", "skills", "contract h/week"]
    for day in dates:
        label = day.strftime("%a %d %b")
        if svc.is_closed(day):
            exc = svc.exception_on(day)
            label += f" (closed{': ' + exc.reason if exc is not None and exc.reason else ''})"
        header.append(label)
    header.append("paid hours")
    ws.append(header)
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {i + 1: len(str(h)) for i, h in enumerate(header)}
    by_emp = roster.by_employee()
    for emp in scenario.employees:
        mine = by_emp.get(emp.id, [])
        row: list[object] = [emp.id, emp.name, ";".join(emp.skills), emp.hours_per_week]
        leave_cols: list[int] = []
        paid = 0
        for k, day in enumerate(dates):
            todays = [s for s in mine if s.date == day]
            paid += sum(s.paid_minutes for s in todays)
            text, is_leave = _day_text(scenario, emp.id, day, todays)
            if is_leave:
                leave_cols.append(5 + k)
            row.append(text)
        row.append(_hmm(paid))
        ws.append(row)
        r = ws.max_row
        for col in leave_cols:
            ws.cell(row=r, column=col).fill = LEAVE_FILL
        for k, day in enumerate(dates):
            if svc.opening_on(day) is None and svc.bandwidth_on(day) is None:
                cell = ws.cell(row=r, column=5 + k)
                if cell.value == "off":
                    cell.fill = CLOSED_FILL
        for i, value in enumerate(row):
            widths[i + 1] = max(widths.get(i + 1, 0), len(str(value)))
    ws.freeze_panes = "C2"
    _autosize(ws, widths)
    # printable: A4 landscape, one page wide, the header row repeated on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _cover_sheet(wb: Workbook, scenario: Scenario, rows: Sequence[CoverRow]) -> None:
    ws = wb.create_sheet("Cover")
    groups: list[str | None] = [None, *sorted({r.skill for r in rows if r.skill is not None})]
    names = ["team" if g is None else g for g in groups]
    ws.append(["date", "day", "slot", *[f"{n} {part}" for n in names for part in ("min", "max", "rostered")]])
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    by_slot: dict[tuple[dt.date, int, int], dict[str | None, CoverRow]] = {}
    for r in rows:
        by_slot.setdefault((r.date, r.start, r.end), {})[r.skill] = r
    for (day, start, end), cells in sorted(by_slot.items()):
        line: list[object] = [day, day.strftime("%a"), f"{format_clock(start)}-{format_clock(end)}"]
        for g in groups:
            c = cells.get(g)
            if c is None:
                line += [None, None, None]
            else:
                line += [c.required_min, c.required_max, c.rostered]
        ws.append(line)
        n = ws.max_row
        ws.cell(row=n, column=1).number_format = "yyyy-mm-dd"
        for k, g in enumerate(groups):
            c = cells.get(g)
            if c is None:
                continue
            cell = ws.cell(row=n, column=4 + 3 * k + 2)
            if c.under > 0:
                cell.fill = SHORT_FILL
            elif c.over > 0:
                cell.fill = OVER_FILL
    ws.freeze_panes = "D2"
    _autosize(ws, {1: 10, 2: 4, 3: 11, **{4 + i: 12 for i in range(3 * len(groups))}})


Table = tuple[Sequence[str], Sequence[Sequence[object]]]
"""A sheet's header and rows (a report made elsewhere, written here as it is)."""


def table_sheet(wb: Workbook, title: str, table: Table) -> None:
    """A sheet holding ``table``: bold frozen header, columns sized to their text."""
    header, rows = table
    ws = wb.create_sheet(title[:31])
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    widths = {i + 1: len(str(h)) for i, h in enumerate(header)}
    for row in rows:
        ws.append(list(row))
        for i, value in enumerate(row):
            widths[i + 1] = max(widths.get(i + 1, 0), len(str(value)))
    ws.freeze_panes = "A2"
    _autosize(ws, widths)


def roster_workbook(
    scenario: Scenario, roster: Roster, cover: Sequence[CoverRow], extra: dict[str, Table] | None = None
) -> Workbook:
    """The workbook :func:`write_roster_xlsx` writes (``cover``: the roster's ``cover_table``);
    ``extra``: more sheets by title (a publication's ``Changes``)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for week in range(scenario.service.weeks):
        _week_sheet(wb, scenario, roster, week)
    _cover_sheet(wb, scenario, cover)
    for title, table in (extra or {}).items():
        table_sheet(wb, title, table)
    return wb


def write_roster_xlsx(
    scenario: Scenario,
    roster: Roster,
    path: Path | str,
    cover: Sequence[CoverRow],
) -> Path:
    """Write the roster workbook to ``path`` atomically; returns the path.

    ``cover`` is the roster's cover as the validator measures it
    (:func:`roster.validation.cover_table`): io writes files, it never judges a roster.
    """
    target = Path(path)
    atomic_write_bytes(target, roster_xlsx_bytes(scenario, roster, cover))
    return target


def roster_xlsx_bytes(
    scenario: Scenario, roster: Roster, cover: Sequence[CoverRow], extra: dict[str, Table] | None = None
) -> bytes:
    """The roster workbook as the bytes of an .xlsx file."""
    return workbook_bytes(roster_workbook(scenario, roster, cover, extra))


def tables_xlsx_bytes(tables: dict[str, Table]) -> bytes:
    """A workbook of ``tables`` alone, one sheet each, as .xlsx bytes."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for title, table in tables.items():
        table_sheet(wb, title, table)
    return workbook_bytes(wb)


def workbook_bytes(book: Workbook) -> bytes:
    """``book`` saved as the bytes of an .xlsx file (a full disk: OSError, nothing left behind).

    Every workbook the product writes is saved here, so every text cell that would read as a
    formula (a name starting with ``=``) is marked as text here (:mod:`roster.io.cells`)."""
    protect_workbook(book)
    buffer = io.BytesIO()
    try:
        book.save(buffer)  # openpyxl stages each sheet in a temporary file
    except OSError as exc:
        failure = OSError(exc.errno, exc.strerror, exc.filename)
        with _quiet_cleanup():
            # the half-written zip and sheet streams die here; their own cleanup fails
            # again on the same full disk, which is no news to the user
            exc.__traceback__ = None
            del book
            gc.collect()
        raise failure from None
    return buffer.getvalue()


@contextlib.contextmanager
def _quiet_cleanup() -> Iterator[None]:
    """Hide "Exception ignored in ... __del__" reports while broken writers are collected."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        yield
    finally:
        sys.unraisablehook = hook


_CELL = re.compile(
    r"^\s*(?:(?P<type>[A-Za-z0-9_]+)\s+)?(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})"
    r"(?:\s*\(break\s+(?P<brk>\d{1,2}:\d{2})\))?\s*$"
)


def shift_from_text(text: str, scenario: Scenario, emp_id: str, day: dt.date) -> Shift | None:
    """The shift a week-sheet cell (or the web page's amend form) says (``off`` or a leave note
    alone: None); ValueError if unreadable."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    work = [p for p in parts if not p.lower().startswith("leave") and p.lower() not in ("off", "closed")]
    if not work:
        return None
    if len(work) > 1:
        raise ValueError(f"{text!r} gives {len(work)} shifts; a person works one shift a date")
    m = _CELL.match(work[0])
    if m is None:
        raise ValueError(
            f"{work[0]!r} is not a shift; write it as 08:30-16:00, with ' (break 12:00)' "
            "when it has a break, or 'off'"
        )
    start = parse_clock(m["start"], allow_next_day=True)
    end = parse_clock(m["end"], allow_next_day=True)
    if end <= start:
        raise ValueError(f"{work[0]!r} ends before it starts (write a time past midnight as 25:30)")
    shift: dict[str, object] = {
        "employee_id": emp_id,
        "date": day,
        "start": to_datetime(day, start),
        "end": to_datetime(day, end),
    }
    if m["brk"] is not None:
        b = parse_clock(m["brk"], allow_next_day=True)
        if not start < b < end:
            raise ValueError(f"the break at {m['brk']} is not inside {m['start']}-{m['end']}")
        length = scenario.service.breaks.break_minutes
        shift |= {"break_start": to_datetime(day, b), "break_end": to_datetime(day, b + length)}
    return Shift.model_validate(shift)


def read_workbook_edits(path: Path, scenario: Scenario, roster: Roster) -> tuple[Pin, ...]:
    """The cells of a roster workbook's week sheets that differ from ``roster``, as pins.

    The workbook is the one ``roster solve`` or ``roster publish`` writes, edited (in Excel or
    the like): a cell is ``off``, or a shift written as the workbook writes it
    (``08:30-16:00 (break 12:00)``; the break lasts the service's ``break_minutes``; a shift
    type's id before the times is optional). A changed cell pins that person's day; an
    unchanged one is not a pin. An unreadable cell is an :class:`InputError` naming the sheet,
    row and column.
    """
    from openpyxl import load_workbook

    source = Path(path).name
    try:
        # not read_only: a read-only sheet's row generator keeps the file open when a bad cell
        # stops the reading half-way; a roster workbook is small enough to load whole
        wb = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as err:
        raise InputError(str(path), None, None, f"cannot be read as a workbook ({err})") from None
    try:
        known = {e.id for e in scenario.employees}
        pins: list[Pin] = []
        current = {(s.employee_id, s.date): s for s in roster.shifts}
        seen_sheet = False
        for ws in wb.worksheets:
            m = re.match(r"^Week (\d+) \((\d{4}-\d{2}-\d{2})\)$", ws.title)
            if m is None:
                continue
            seen_sheet = True
            start = dt.date.fromisoformat(m[2])
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None or list(header[:2]) != ["id", "name"]:
                raise InputError(
                    f"{source}:{ws.title}", 1, None, "is not a roster week sheet (id, name, ...)"
                )
            for r, values in enumerate(rows, start=2):
                emp_id = str(values[0]).strip() if values and values[0] is not None else ""
                if not emp_id:
                    continue
                if emp_id not in known:
                    raise InputError(f"{source}:{ws.title}", r, "id", f"{emp_id!r} is not in the team")
                for k in range(7):
                    day = start + dt.timedelta(days=k)
                    if day not in scenario.service.days:
                        continue
                    cell = values[4 + k] if len(values) > 4 + k else None
                    text = "off" if cell is None or str(cell).strip() == "" else str(cell)
                    before = current.get((emp_id, day))
                    if before is not None and text.split(";")[0].strip() == shift_text(before, scenario):
                        continue
                    try:
                        after = shift_from_text(text, scenario, emp_id, day)
                    except ValueError as err:
                        column = str(header[4 + k]) if len(header) > 4 + k else f"column {5 + k}"
                        raise InputError(f"{source}:{ws.title}", r, column, str(err)) from None
                    if before is None and after is None:
                        continue
                    where = f"{source} {ws.title} row {r}"
                    pins.append(Pin(employee_id=emp_id, date=day, shift=after, source=where))
    finally:
        wb.close()
    if not seen_sheet:
        raise InputError(
            str(path),
            None,
            None,
            "has no week sheets ('Week 1 (YYYY-MM-DD)'): is it a roster "
            "workbook from roster solve or roster publish?",
        )
    return tuple(pins)
