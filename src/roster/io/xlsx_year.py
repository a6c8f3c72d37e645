"""Each person's year as a workbook: one sheet per person, a row per month, a column per date.

A sheet (``Ann Lee (E1)``) holds the person's year as :func:`roster.domain.year_days.year_days` reads it:
months down, dates 1 to 31 across, each cell the shift's times or the day's code (``AL``,
``SICK``, ``BH``, ``08:30-12:30 +AL``), filled by kind (leave, part-day leave, bank holiday,
closure, off; a date the month does not have is dark), then the month's paid hours. Below
the grid, the year's totals (hours rostered, annual leave taken in days and hours, bank
holidays) and a key to the codes and fills. Each sheet prints on one A4 landscape page.

POLICY: "Yearly calendars are provided for employees ... to accurately deduct annual leave".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from roster.domain.year_days import DayKind, Period, legend, month_rows, totals_table, year_days, year_totals
from roster.io.xlsx_roster import BOLD, HEADER_FILL, LEAVE_FILL, workbook_bytes


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


FILLS: dict[DayKind, PatternFill | None] = {
    "shift": None,
    "leave": LEAVE_FILL,
    "part_leave": _fill("FFFCE4D6"),
    "bank_holiday": _fill("FFC6EFCE"),
    "closed": _fill("FFBFBFBF"),
    "off": _fill("FFF2F2F2"),
}
"""The fill of a date's cell, by its kind (a shift is left white)."""
NO_DATE_FILL = _fill("FF595959")
"""A date the month does not have (30 February)."""
SMALL = Font(size=8)


def _hmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def sheet_names(employees: Sequence[tuple[str, str]]) -> list[str]:
    """A sheet name per person, ``Name (ID)``: without the characters Excel refuses
    (``[]:*?/\\``), at most 31 characters, unique (Excel ignores case) by a ``~2`` suffix."""
    names: list[str] = []
    taken: set[str] = set()
    for emp_id, name in employees:
        base = re.sub(r"[\[\]:*?/\\]", "", f"{name} ({emp_id})").strip(" '") or emp_id
        candidate, n = base[:31], 1
        while candidate.lower() in taken:
            n += 1
            suffix = f"~{n}"
            candidate = base[: 31 - len(suffix)] + suffix
        taken.add(candidate.lower())
        names.append(candidate)
    return names


def _person_sheet(ws: Any, periods: Sequence[Period], emp_id: str, name: str, title: str) -> None:
    days = year_days(periods, emp_id)
    heading = f"{name} ({emp_id}): {days[0].date:%d %b %Y} to {days[-1].date:%d %b %Y}"
    ws.append([f"{title}: {heading}" if title else heading])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append(["Month", *range(1, 32), "Hours"])
    for cell in ws[2]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in month_rows(days):
        paid = sum(d.paid_minutes for d in row.cells if d is not None)
        ws.append([f"{row.month:%b %Y}", *[d.code if d is not None else None for d in row.cells], _hmm(paid)])
        r = ws.max_row
        ws.cell(row=r, column=1).font = BOLD
        for n, d in enumerate(row.cells, start=1):
            cell = ws.cell(row=r, column=1 + n)
            cell.font = SMALL
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
            fill = NO_DATE_FILL if n > row.length else (FILLS[d.kind] if d is not None else None)
            if fill is not None:
                cell.fill = fill
    ws.append([])
    ws.append(["Totals"])
    ws.cell(row=ws.max_row, column=1).font = BOLD
    for label, value in totals_table(year_totals(days)):
        ws.append([label, value])
    ws.append([])
    ws.append(["Key"])
    ws.cell(row=ws.max_row, column=1).font = BOLD
    for code, kind, meaning in legend(days):
        ws.append([code, meaning])
        fill = FILLS[kind]
        if fill is not None:
            ws.cell(row=ws.max_row, column=1).fill = fill
    ws.column_dimensions["A"].width = 18
    for col in range(2, 33):
        ws.column_dimensions[get_column_letter(col)].width = 9
    ws.freeze_panes = "B3"
    # printable: A4 landscape, the whole year on one page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def year_workbook(
    periods: Sequence[Period], employees: Sequence[tuple[str, str]], *, title: str = ""
) -> Workbook:
    """The yearly calendars of ``employees`` (``(id, name)`` each) over ``periods``, a sheet each
    named by :func:`sheet_names`; ``title`` heads every sheet (the service, the leave year)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for (emp_id, name), sheet in zip(employees, sheet_names(employees), strict=True):
        _person_sheet(wb.create_sheet(sheet), periods, emp_id, name, title)
    return wb


def year_workbook_bytes(
    periods: Sequence[Period], employees: Sequence[tuple[str, str]], *, title: str = ""
) -> bytes:
    """:func:`year_workbook` as the bytes of an .xlsx file."""
    return workbook_bytes(year_workbook(periods, employees, title=title))
