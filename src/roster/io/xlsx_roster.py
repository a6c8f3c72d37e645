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

The workbook is built in memory and written atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from roster.domain import Roster, Scenario, Shift
from roster.io.atomic import atomic_write_bytes
from roster.timegrid import format_clock, minute_of_day

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


def roster_workbook(scenario: Scenario, roster: Roster, cover: Sequence[CoverRow]) -> Workbook:
    """The workbook :func:`write_roster_xlsx` writes (``cover``: the roster's ``cover_table``)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for week in range(scenario.service.weeks):
        _week_sheet(wb, scenario, roster, week)
    _cover_sheet(wb, scenario, cover)
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


def roster_xlsx_bytes(scenario: Scenario, roster: Roster, cover: Sequence[CoverRow]) -> bytes:
    """The roster workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    book = roster_workbook(scenario, roster, cover)
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
