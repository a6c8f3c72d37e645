"""Measured figures come from results files: every number in a table of docs/performance.md (and in
any other page's table that names a results file) is in the file it names.

A table names its files on a ``Results:`` line just above it (`benchmarks/results/NAME.csv` in
backticks, one or more). A table number matches a file number when the file's rounds to it at
the table's decimals, or, for a percentage, the file's fraction times 100 does: tables show
rounded medians, files hold the raw rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RESULTS_FILE = re.compile(r"`(benchmarks/results/[\w.-]+\.csv)`")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
WITHDRAWN = "figures withdrawn"  # the first header cell of performance.md's list of figures to measure


def tables(text: str) -> list[tuple[list[str], list[list[str]], list[str]]]:
    """Each markdown table: (header cells, body rows' cells, the results files named just above it)."""
    lines = text.splitlines()
    out = []
    i = 0
    while i < len(lines):
        rule = i + 1 < len(lines) and re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[i + 1])
        if lines[i].startswith("|") and rule:
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            named = RESULTS_FILE.findall(lines[j]) if j >= 0 and lines[j].startswith("Results:") else []
            body = []
            k = i + 2
            while k < len(lines) and lines[k].startswith("|"):
                body.append(cells(lines[k]))
                k += 1
            out.append((cells(lines[i]), body, named))
            i = k
        else:
            i += 1
    return out


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def numbers(csv_text: str) -> list[float]:
    """Every number in a results file (CSV: commas separate fields, never thousands)."""
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", csv_text)]


def found(token: str, pool: list[float]) -> bool:
    """Whether the table's ``token`` (``2,632``, ``1.9``, ``98.0%``) is a file number, rounded as shown."""
    percent = token.endswith("%")
    text = token.rstrip("%").replace(",", "")
    places = len(text.split(".")[1]) if "." in text else 0
    value = float(text)
    candidates = [v for p in pool for v in ((p, p * 100) if percent else (p,))]
    return any(abs(round(v, places) - value) < 10 ** -(places + 3) for v in candidates)


def checked_tables() -> list[object]:
    """A test case per table that names results files, by page and table."""
    out = []
    for page in PAGES:
        for n, (head, body, named) in enumerate(tables(page.read_text(encoding="utf-8"))):
            if named:
                out.append(pytest.param(body, named, id=f"{page.name} table {n + 1} ({head[0]})"))
    return out


def test_every_table_of_the_performance_page_names_its_results_files() -> None:
    page = ROOT / "docs" / "performance.md"
    unnamed = [
        head
        for head, _, named in tables(page.read_text(encoding="utf-8"))
        if not named and head[0] != WITHDRAWN
    ]
    assert unnamed == []
    assert len(checked_tables()) >= 5


@pytest.mark.parametrize(("body", "named"), checked_tables())
def test_every_number_of_a_table_is_in_its_results_files(body: list[list[str]], named: list[str]) -> None:
    pool: list[float] = []
    for name in named:
        path = ROOT / name
        assert path.is_file(), f"{name} does not exist"
        pool += numbers(path.read_text(encoding="utf-8"))
    tokens = [token for row in body for cell in row for token in NUMBER.findall(cell)]
    assert tokens, "a table of results without a number"
    missing = [token for token in tokens if not found(token, pool)]
    assert missing == [], f"not in {', '.join(named)}"


def test_the_check_refuses_a_number_the_file_does_not_hold() -> None:
    pool = numbers("staff,objective,gap,wall_s\n35,2632,0.0152,34.31\n")
    assert found("2,632", pool) and found("1.5%", pool) and found("34.3", pool) and found("35", pool)
    assert not found("2,633", pool) and not found("1.6%", pool) and not found("34.4", pool)
