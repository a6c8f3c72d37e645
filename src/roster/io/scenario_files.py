"""Read a scenario folder (docs/scenario-format.md); :mod:`.scenario_save` writes one.

A folder holds ``service.yaml``, the tables ``employees`` (required),
``staffing``, ``leave``, ``preferences``, ``wishes``, ``fixed_shifts``,
``banked`` and ``fairness`` as ``<name>.csv`` or as sheet ``<name>`` of
``scenario.xlsx``, and optionally ``weights.toml``. Every mistake a user can
make in these files is raised as :class:`~roster.io.errors.InputError`
naming the file, the spreadsheet row and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import typing
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from roster.domain import (
    BankedBalance,
    CompressedPattern,
    DayOff,
    DayPreference,
    Employee,
    ExtraShift,
    FairnessRecord,
    FixedShift,
    FlexiBalance,
    HistoryDay,
    JobShare,
    Leave,
    Notice,
    OptOut,
    Scenario,
    ScenarioError,
    Service,
    ShiftCover,
    ShiftLimits,
    ShiftRequest,
    StaffingLevel,
    StandingWish,
    ToilBalance,
    Weights,
    staffing_notices,
)
from roster.io._messages import describe, first_row_error, guess_field, yaml_path
from roster.io.cells import from_csv
from roster.io.errors import InputError
from roster.timegrid import WEEKDAYS

SERVICE_FILE = "service.yaml"
WEIGHTS_FILE = "weights.toml"
WORKBOOK_FILE = "scenario.xlsx"

TABLES: dict[str, type[BaseModel]] = {
    "employees": Employee,
    "staffing": StaffingLevel,
    "leave": Leave,
    "preferences": DayPreference,
    "wishes": StandingWish,
    "fixed_shifts": FixedShift,
    "compressed": CompressedPattern,
    "banked": BankedBalance,
    "fairness": FairnessRecord,
    "history": HistoryDay,
    "opt_outs": OptOut,
    "job_shares": JobShare,
    "shift_cover": ShiftCover,
    "shift_limits": ShiftLimits,
    "days_off": DayOff,
    "shift_requests": ShiftRequest,
    "extra_shifts": ExtraShift,
    "toil": ToilBalance,
    "flexi": FlexiBalance,
}
"""Table name -> the domain model of one row, in the order of the file format."""

REQUIRED_TABLES = ("employees",)

EMPTY_EFFECT = {
    "staffing": "no minimum or maximum cover is required anywhere in the roster",
    "leave": "nobody is on leave",
    "shift_cover": "no headcount per shift type is required",
}
"""What an optional table present but without rows means, said as a notice."""


@dataclass
class _Table:
    """The cells of one table as text, with the spreadsheet row number of each row."""

    source: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


# -- reading cells -----------------------------------------------------------------------------------


def _read_csv(path: Path, source: str) -> _Table:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, None, None, "is not UTF-8 text; save it as 'CSV UTF-8'") from None
    except OSError as exc:
        raise InputError(source, None, None, f"cannot be read: {exc.strerror or exc}") from None
    table = _Table(source)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise InputError(source, None, None, f"is not a valid CSV file: {exc}") from None
    if records:
        table.header = [h.strip() for h in records[0]]
        # a cell the product wrote as text (a quote before an '=') reads back as it was
        table.rows = [(i + 2, [from_csv(c) for c in cells]) for i, cells in enumerate(records[1:])]
    return table


def _delimiter(text: str) -> str:
    """``,`` unless the header row plainly uses ``;`` or a tab (a European Excel export)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _column_name(text: str) -> str:
    """A header cell as a column name: ``Hours per week`` and ``Hours_Per_Week`` -> ``hours_per_week``."""
    return re.sub(r"[\s\-]+", "_", text.strip()).lower()


_WEEKDAY_NAMES = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


def _word_fields(model: type[BaseModel]) -> set[str]:
    """Fields whose values are words of a fixed list (``kind``, ``strength``, ``weekday``, ...)."""
    out = {"weekday", "day", "days", "day_off"}
    for name, info in model.model_fields.items():
        ann = info.annotation
        kinds = [typing.get_origin(ann), *(typing.get_origin(a) for a in typing.get_args(ann))]
        if typing.Literal in kinds:
            out.add(name)
    return out & set(model.model_fields)


def _date_fields(model: type[BaseModel]) -> set[str]:
    """Fields that hold a date (or a weekday-or-date ``day``)."""
    out = {"day"} & set(model.model_fields)
    for name, info in model.model_fields.items():
        ann = info.annotation
        if ann is dt.date or dt.date in typing.get_args(ann):
            out.add(name)
    return out


EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's serial dates (1900 date system, with its leap-year quirk folded in)."""


def _serial_date(text: str) -> str:
    """``46031`` (an Excel date exported without its date format) -> ``2026-01-09``."""
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return (EXCEL_EPOCH + dt.timedelta(days=int(float(text)))).isoformat()
    return text


def _cell_value(text: str, is_date: bool, is_word: bool) -> str:
    text = _serial_date(text) if is_date else text
    return _word(text) if is_word else text


def _word(text: str) -> str:
    """``Shift`` -> ``shift``, ``Monday`` -> ``mon``: a spreadsheet's capitals mean the same word."""
    low = text.lower()
    return _WEEKDAY_NAMES.get(low, low) if re.fullmatch(r"[A-Za-z_;, ]+", text) else text


def _cell_text(value: object) -> str:
    """The text of a spreadsheet cell, as it would read in a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value)


def _read_workbook(path: Path) -> tuple[dict[str, _Table], list[Notice]]:
    """Sheets of ``scenario.xlsx`` by lower-case table name, and notices about merged cells.

    The workbook is read twice: once for the values Excel saved with it, once for the
    formulas, so that a formula whose value was never saved (a workbook written by a
    program that does not calculate) is refused instead of read as an empty cell.
    """
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True)
            formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:
        raise InputError(WORKBOOK_FILE, None, None, f"cannot be read as an Excel workbook: {exc}") from None
    out: dict[str, _Table] = {}
    notices: list[Notice] = []
    try:
        for sheet in book.worksheets:
            name = str(sheet.title).strip().lower()
            source = f"{WORKBOOK_FILE}:{sheet.title}"
            if name not in TABLES:
                raise InputError(
                    source,
                    None,
                    None,
                    f"unknown sheet {sheet.title!r}; allowed sheets: {', '.join(TABLES)}",
                )
            if name in out:
                raise InputError(source, None, None, f"a second sheet for table {name!r}")
            table = _Table(source)
            grid = [[_cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
            _check_formulas(source, grid, formulas[sheet.title])
            notices += _fill_merged(source, grid, sheet)
            for number, cells in enumerate(grid, start=1):
                if number == 1:
                    table.header = [c.strip() for c in cells]
                else:
                    table.rows.append((number, cells))
            out[name] = table
    finally:
        book.close()
        formulas.close()
    return out, notices


def _check_formulas(source: str, grid: list[list[str]], sheet: Any) -> None:
    """A formula cell without a saved value would read as empty, and a default would apply."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                continue
            r, c = cell.row - 1, cell.column - 1
            if r < len(grid) and c < len(grid[r]) and grid[r][c] == "":
                header = grid[0][c].strip() if grid and c < len(grid[0]) else ""
                raise InputError(
                    source,
                    cell.row,
                    header or cell.coordinate,
                    f"cell {cell.coordinate} holds the formula {cell.value} but no saved value "
                    "(the workbook was written by a program that does not calculate); open and "
                    "save it in Excel or LibreOffice, or type the value instead of the formula",
                )


def _fill_merged(source: str, grid: list[list[str]], sheet: Any) -> list[Notice]:
    """Merged cells down one column mean the top value on every row they span (a skill or a
    date typed once for several people); merged across columns they are refused."""
    notices = []
    for rng in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        header = grid[0][rng.min_col - 1].strip() if grid and rng.min_col - 1 < len(grid[0]) else ""
        if rng.min_col != rng.max_col or rng.min_row == 1:
            raise InputError(
                source,
                rng.min_row,
                header or None,
                f"cells {rng.coord} are merged; unmerge them and give each column its own value "
                "(one table row per spreadsheet row, one field per column)",
            )
        value = grid[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row):
            while len(grid[r]) < rng.min_col:
                grid[r].append("")
            grid[r][rng.min_col - 1] = value
        notices.append(
            Notice(
                source=source,
                row=rng.min_row,
                field=header or None,
                message=f"cells {rng.coord} are merged; rows {rng.min_row}-{rng.max_row} each read {value!r}",
            )
        )
    return notices


# -- building rows ---------------------------------------------------------------------------------------


def _check_header(table: _Table, name: str, model: type[BaseModel]) -> list[str]:
    allowed = list(model.model_fields)
    header = [_column_name(h) if _column_name(h) in allowed else h for h in table.header]
    # trailing columns without a header are harmless when they are empty
    while header and header[-1] == "":
        header.pop()
    seen: set[str] = set()
    for col in header:
        if col == "":
            raise InputError(table.source, 1, None, "a column has no name in the header row")
        if col not in allowed:
            raise InputError(table.source, 1, col, f"unknown column {col!r}; allowed: {', '.join(allowed)}")
        if col in seen:
            raise InputError(table.source, 1, col, f"column {col!r} appears twice")
        seen.add(col)
    required = [n for n, info in model.model_fields.items() if info.is_required()]
    for col in required:
        if col not in seen:
            raise InputError(
                table.source,
                1,
                col,
                f"missing column {col!r}; the {name} table needs the columns {', '.join(required)}",
            )
    return header


def _build_table(table: _Table, name: str, model: type[BaseModel]) -> tuple[list[Any], list[int]]:
    """Validate each row into a domain object; returns the objects and their row numbers."""
    if not table.header and not table.rows:
        return [], []
    header = _check_header(table, name, model)
    words = _word_fields(model)
    dates = _date_fields(model)
    objects: list[Any] = []
    numbers: list[int] = []
    for number, cells in table.rows:
        texts = [c.strip() for c in cells]
        if not any(texts):
            continue
        if any(texts[len(header) :]):
            raise InputError(
                table.source,
                number,
                None,
                f"has {len(texts)} values but the header names only {len(header)} columns",
            )
        data = {
            col: _cell_value(text, col in dates, col in words)
            for col, text in zip(header, texts, strict=False)
            if text != ""
        }
        try:
            objects.append(model.model_validate(data))
        except ValidationError as exc:
            column, message = first_row_error(exc, model)
            raise InputError(table.source, number, column, message) from None
        numbers.append(number)
    return objects, numbers


def read_rows(name: str, rows: Sequence[typing.Mapping[str, str]], source: str | None = None) -> list[Any]:
    """Rows of table ``name`` given as cell texts by column (a web form's fields, say), read as the
    rows of ``<name>.csv`` are: the same words, dates, checks and messages. The first mistake is an
    :class:`InputError` naming ``source`` (default ``<name>.csv``), the row (2 = the first) and field."""
    model = TABLES[name]
    header = list(model.model_fields)
    table = _Table(
        source or f"{name}.csv",
        header=header,
        rows=[(i + 2, [str(r.get(c, "") or "") for c in header]) for i, r in enumerate(rows)],
    )
    return _build_table(table, name, model)[0]


# -- service.yaml and weights.toml ---------------------------------------------------------------------


_DATE = r"\d{4}-\d{2}-\d{2}"
_RANGE = re.compile(r"(\d{2}:\d{2}-\d{2}:\d{2})")


def _exception_index(raw: dict[str, Any], day: str) -> int | None:
    items = raw.get("exceptions")
    if not isinstance(items, list):
        return None
    for i, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("date")) == day:
            return i
    return None


def _service_field(message: str, raw: dict[str, Any], service: type[BaseModel]) -> str | None:
    """The YAML path a whole-service message is about (the domain reports these without one)."""
    days = "|".join(WEEKDAYS)
    if m := re.match(rf"^({days}): ", message):
        return f"opening.{m.group(1)}"
    if m := re.match(rf"^exceptions: ({_DATE})", message):
        i = _exception_index(raw, m.group(1))
        return "exceptions" if i is None else f"exceptions[{i}].date"
    if m := re.match(rf"^({_DATE}): ", message):
        i = _exception_index(raw, m.group(1))
        return "exceptions" if i is None else f"exceptions[{i}].opening"
    if (m := _RANGE.search(message)) and "grid" in message:
        for key in ("opening", "bandwidth"):
            week = raw.get(key)
            if isinstance(week, dict):
                for day, rng in week.items():
                    if isinstance(rng, dict) and f"{rng.get('start')}-{rng.get('end')}" == m.group(1):
                        return f"{key}.{day}"
        return "slot_minutes"
    if message.startswith("shift_length"):
        return "shift_length"
    if message.startswith("accrual.anchor"):
        return "accrual.anchor"
    return guess_field(message, service.model_fields)


class _TextDatesLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text: ``2027-02-30`` then reaches the
    domain's own date check, which names the key, instead of failing inside YAML."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_service(path: Path) -> Service:
    source = SERVICE_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(source, None, None, f"cannot be read: {exc.strerror or exc}") from None
    try:
        raw = yaml.load(text, Loader=_TextDatesLoader)  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        if "'\\t'" in problem:  # PyYAML: found character '\t' that cannot start any token
            raise InputError(
                source,
                None,
                None,
                f"has a tab{where}: tabs are not allowed for indenting (or between a key and its value) "
                "in YAML; use spaces",
            ) from None
        raise InputError(source, None, None, f"is not valid YAML{where}: {problem}") from None
    if not isinstance(raw, dict):
        raise InputError(
            source,
            None,
            None,
            "must be a mapping of keys to values (name, start_date, weeks, opening, ...)",
        )
    try:
        return Service.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        message = describe(err, Service, key_word="key")
        loc = err["loc"]
        path_text = yaml_path(loc) if loc else _service_field(message, raw, Service)
        if not loc and path_text:
            # the path now says where; drop the domain's own "mon: " / "exceptions: " label
            message = re.sub(rf"^(?:{'|'.join(WEEKDAYS)}|exceptions): ", "", message)
        raise InputError(source, None, path_text, message) from None


def _load_weights(path: Path, source: str) -> Weights:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, None, None, f"is not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(source, None, None, f"cannot be read: {exc.strerror or exc}") from None
    try:
        return Weights.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = err["loc"]
        raise InputError(
            source, None, yaml_path(loc) if loc else None, describe(err, Weights, key_word="key")
        ) from None


# -- the folder --------------------------------------------------------------------------------------------


def _renumber_rows(message: str, numbers: Sequence[int]) -> str:
    """Domain messages cite other rows as ``index + 2``; map them to the real row numbers."""

    def fix(m: re.Match[str]) -> str:
        index = int(m.group(1)) - 2
        return f"row {numbers[index]}" if 0 <= index < len(numbers) else m.group(0)

    return re.sub(r"\brow (\d+)\b", fix, message)


DATA_SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".ods", ".yaml", ".yml", ".toml", ".tsv", ".txt")
"""Files that look like data: in a scenario folder each must be one roster reads."""


def known_files() -> list[str]:
    """Every file name a scenario folder may hold as data."""
    return [SERVICE_FILE, WEIGHTS_FILE, WORKBOOK_FILE, *(f"{name}.csv" for name in TABLES)]


def _check_file_names(folder: Path) -> None:
    """A data file roster does not read (``Staffing.csv``, ``leave.csv.csv``) is an error naming
    the nearest known file: read silently, it would drop a whole table (cover, leave) from the roster.
    READMEs, notes and hidden files are not data and are left alone."""
    import difflib

    known = known_files()
    lower = {k.lower(): k for k in known}
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name in known or name.startswith((".", "~$")) or not entry.is_file():
            continue
        if name.upper().startswith("README") or not name.lower().endswith(DATA_SUFFIXES):
            continue
        stem = name.lower()
        while stem.endswith(DATA_SUFFIXES) and "." in stem[:-1]:
            stem = stem.rsplit(".", 1)[0]
        guess = lower.get(name.lower())
        if guess is None:
            candidates = [stem + ".csv", stem + ".yaml", stem + ".toml", stem + ".xlsx", name.lower()]
            for c in candidates:
                if c in lower:
                    guess = lower[c]
                    break
        if guess is None:
            near = difflib.get_close_matches(name.lower(), list(lower), n=1, cutoff=0.6)
            guess = lower[near[0]] if near else None
        hint = f"; did you mean {guess}? (file names are exact, lower case)" if guess else ""
        raise InputError(
            name,
            None,
            None,
            f"is not a file roster reads, so its rows would be ignored{hint}. The files are: "
            f"{', '.join(known)}; rename it, or move it out of the scenario folder",
        )


def load_scenario(folder: Path, weights_file: Path | None = None) -> Scenario:
    """Read the scenario in ``folder`` (docs/scenario-format.md).

    ``weights_file``, when given, replaces the folder's ``weights.toml``.
    Raises :class:`InputError` naming file, row and field for any mistake.
    """
    folder = Path(folder)
    if not folder.exists():
        raise InputError(str(folder), None, None, "scenario folder not found")
    if not folder.is_dir():
        raise InputError(str(folder), None, None, "is not a folder; a scenario is a folder of files")
    _check_file_names(folder)
    service_path = folder / SERVICE_FILE
    if not service_path.is_file():
        raise InputError(SERVICE_FILE, None, None, f"missing: every scenario folder needs {SERVICE_FILE}")
    service = _load_service(service_path)

    workbook = folder / WORKBOOK_FILE
    sheets, notices = _read_workbook(workbook) if workbook.is_file() else ({}, [])
    built: dict[str, list[Any]] = {}
    sources: dict[str, str] = {}
    numbers: dict[str, list[int]] = {}
    for name, model in TABLES.items():
        csv_path = folder / f"{name}.csv"
        if csv_path.is_file() and name in sheets:
            raise InputError(
                f"{name}.csv",
                None,
                None,
                f"table {name!r} is given twice, as {name}.csv and as sheet {sheets[name].source}; "
                "keep only one",
            )
        if csv_path.is_file():
            table: _Table | None = _read_csv(csv_path, f"{name}.csv")
        else:
            table = sheets.get(name)
        if table is None:
            if name in REQUIRED_TABLES:
                raise InputError(
                    f"{name}.csv",
                    None,
                    None,
                    f"missing: every scenario needs {name}.csv (or sheet {name!r} in {WORKBOOK_FILE})",
                )
            built[name], numbers[name], sources[name] = [], [], f"{name}.csv"
            continue
        sources[name] = table.source
        built[name], numbers[name] = _build_table(table, name, model)
        if not built[name] and name not in REQUIRED_TABLES:
            effect = EMPTY_EFFECT.get(name, "nothing is read from it")
            notices.append(Notice(source=table.source, message=f"has no rows: {effect}"))
        if name == "employees" and not built[name]:
            # checked here, first: every later table names people or skills of the team
            raise InputError(
                table.source,
                None,
                None,
                "has no people: give one row per team member (id, name, skills, hours_per_week); "
                "every other table refers to them",
            )

    if weights_file is not None:
        weights_path = Path(weights_file)
        if not weights_path.is_file():
            raise InputError(str(weights_path), None, None, "weights file not found")
        weights = _load_weights(weights_path, str(weights_path))
    elif (folder / WEIGHTS_FILE).is_file():
        weights = _load_weights(folder / WEIGHTS_FILE, WEIGHTS_FILE)
    else:
        weights = Weights()

    try:
        scenario = Scenario(
            service=service,
            employees=tuple(built["employees"]),
            staffing=tuple(built["staffing"]),
            leave=tuple(built["leave"]),
            preferences=tuple(built["preferences"]),
            wishes=tuple(built["wishes"]),
            fixed_shifts=tuple(built["fixed_shifts"]),
            compressed=tuple(built["compressed"]),
            banked=tuple(built["banked"]),
            fairness=tuple(built["fairness"]),
            history=tuple(built["history"]),
            opt_outs=tuple(built["opt_outs"]),
            job_shares=tuple(built["job_shares"]),
            shift_cover=tuple(built["shift_cover"]),
            shift_limits=tuple(built["shift_limits"]),
            days_off=tuple(built["days_off"]),
            shift_requests=tuple(built["shift_requests"]),
            extra_shifts=tuple(built["extra_shifts"]),
            toil=tuple(built["toil"]),
            flexi=tuple(built["flexi"]),
            weights=weights,
        )
    except ScenarioError as exc:
        rows = numbers.get(exc.table, [])
        row = None
        if exc.index is not None:
            row = rows[exc.index] if 0 <= exc.index < len(rows) else exc.index + 2
        raise InputError(
            sources.get(exc.table, f"{exc.table}.csv"), row, exc.field, _renumber_rows(exc.message, rows)
        ) from None
    for n in staffing_notices(scenario):
        rows = numbers["staffing"]
        row = rows[n.row] if n.row is not None and 0 <= n.row < len(rows) else None
        notices.append(n.model_copy(update={"source": sources["staffing"], "row": row}))
    return scenario.model_copy(update={"notices": tuple(notices)}) if notices else scenario


def load_scenario_files(files: typing.Mapping[str, bytes]) -> Scenario:
    """The scenario of a folder holding ``files`` (name -> bytes; a stored snapshot, say), read and
    checked exactly as :func:`load_scenario` reads a folder; errors name the file, row and field."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="roster-files-") as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            if Path(name).name != name or name.startswith("."):
                raise InputError(name, None, None, "is not a scenario file name")
            (folder / name).write_bytes(data)
        return load_scenario(folder)
