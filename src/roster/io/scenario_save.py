"""Write a scenario folder (docs/scenario-format.md) that :func:`.scenario_files.load_scenario`
reads back exactly: ``service.yaml``, a CSV file per table with rows, ``weights.toml`` when the
weights are not the defaults. Text a spreadsheet would read as a formula is written as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel

from roster.domain import Scenario, Service, Weights
from roster.io.atomic import atomic_write_text
from roster.io.cells import to_csv
from roster.io.errors import InputError
from roster.io.scenario_files import REQUIRED_TABLES, SERVICE_FILE, TABLES, WEIGHTS_FILE, WORKBOOK_FILE


def table_csv(name: str, rows: Sequence[BaseModel]) -> str:
    """Rows of table ``name`` as the text of ``<name>.csv`` (its header, then a line per row)."""
    return _table_csv(TABLES[name], rows)


def _plain(value: object) -> object:
    """Dumped model data as plain YAML-safe values (lists, not tuples)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _service_yaml(service: Service) -> str:
    data = service.model_dump(exclude_defaults=True)
    for key in ("opening", "bandwidth"):
        if key in data:
            # a missing day is closed (opening) or has no work (bandwidth)
            data[key] = {day: rng for day, rng in data[key].items() if rng is not None}
    for exc in data.get("exceptions", ()):
        for key in ("opening", "bandwidth"):
            if exc.get(key) is None:
                exc.pop(key, None)
    text = yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True, default_flow_style=None)
    return text


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | tuple):
        return ";".join(_csv_value(v) for v in value)
    if isinstance(value, dict):
        return "|".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def _csv_cell(value: object) -> object:
    """A value as a CSV cell: text that a spreadsheet would read as a formula written as text."""
    text = _csv_value(value)
    return text if value is None or isinstance(value, bool | int | float) else to_csv(text)


def _table_csv(model: type[BaseModel], rows: Sequence[BaseModel]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(model.model_fields)
    writer.writerow(columns)
    for row in rows:
        data = row.model_dump(mode="json")
        writer.writerow([_csv_cell(data[c]) for c in columns])
    return out.getvalue()


def _weights_toml(weights: Weights) -> str:
    lines = ["# Objective weights (see docs/rules.md)"]
    lines += [f"{key} = {value}" for key, value in weights.model_dump().items()]
    return "\n".join(lines) + "\n"


def save_scenario(scenario: Scenario, folder: Path) -> None:
    """Write ``scenario`` to ``folder`` as ``service.yaml`` and CSV files.

    ``employees.csv`` is always written, the other tables only when they have
    rows, ``weights.toml`` only when the weights differ from the defaults.
    Table files and ``weights.toml`` left from an earlier save that the
    scenario no longer has are removed, so that :func:`load_scenario` reads
    back exactly ``scenario``. Every file is written atomically. A folder that
    holds ``scenario.xlsx`` is refused (the workbook would clash with the CSVs).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / WORKBOOK_FILE).exists():
        raise InputError(
            str(folder / WORKBOOK_FILE),
            None,
            None,
            "the folder already holds a workbook; save the scenario to another folder",
        )
    atomic_write_text(folder / SERVICE_FILE, _service_yaml(scenario.service))
    for name, model in TABLES.items():
        rows: Sequence[BaseModel] = getattr(scenario, name)
        path = folder / f"{name}.csv"
        if rows or name in REQUIRED_TABLES:
            atomic_write_text(path, _table_csv(model, rows))
        elif path.exists():
            path.unlink()
    weights_path = folder / WEIGHTS_FILE
    if scenario.weights != Weights():
        atomic_write_text(weights_path, _weights_toml(scenario.weights))
    elif weights_path.exists():
        weights_path.unlink()
