"""Read a scenario's year folder (``SCENARIO/year/``): the inputs of a year's plan.

A roster scenario holds only its own three weeks. The year planner reads, beside it:

* ``leave.csv``: the year's leave, the columns of the scenario's ``leave.csv``, any dates;
* ``staffing.csv``: the year's demand, the columns of ``staffing.csv`` and ``months``
  (``apr-sep``; empty: all year), so that a season has its own cover. When given, it
  replaces the scenario's ``staffing.csv`` in every period;
* ``profile.csv``: the seasonal profile of weekly hours (``employee_id`` empty for the
  whole team, ``months``, ``hours_per_week``).

Every mistake is an :class:`InputError` naming ``year/<file>``, the row and the field;
names and skills are checked against the scenario's team. :func:`save_year` writes the
three files back (what :func:`load_year` reads).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from roster.domain import Leave, Scenario, SeasonalHours, SeasonalLevel
from roster.io.atomic import atomic_write_text
from roster.io.errors import InputError
from roster.io.scenario_files import _build_table, _read_csv
from roster.io.scenario_save import _table_csv

YEAR_FOLDER = "year"

YEAR_TABLES: dict[str, type[BaseModel]] = {
    "leave": Leave,
    "staffing": SeasonalLevel,
    "profile": SeasonalHours,
}


@dataclass(frozen=True)
class YearInputs:
    """A year's dated inputs; each empty when its file is absent."""

    leave: tuple[Leave, ...] = ()
    staffing: tuple[SeasonalLevel, ...] = ()
    profile: tuple[SeasonalHours, ...] = ()
    sources: tuple[str, ...] = ()
    """The files read, for messages."""


def load_year(folder: Path, scenario: Scenario) -> YearInputs:
    """Read ``folder`` (a scenario's ``year/``); a folder that does not exist gives no inputs."""
    folder = Path(folder)
    if not folder.is_dir():
        return YearInputs()
    known = {f"{name}.csv" for name in YEAR_TABLES}
    for entry in sorted(folder.iterdir()):
        if (
            entry.is_file()
            and entry.suffix.lower() in (".csv", ".xlsx", ".yaml", ".toml")
            and entry.name not in known
        ):
            raise InputError(
                f"{YEAR_FOLDER}/{entry.name}",
                None,
                None,
                "is not a file the year planner reads, so its rows would be ignored; "
                f"the files are {', '.join(sorted(known))}",
            )
    ids = {e.id for e in scenario.employees}
    skills = {s for e in scenario.employees for s in e.skills}
    slot = scenario.service.slot_minutes
    read: dict[str, list[object]] = {}
    sources = []
    for name, model in YEAR_TABLES.items():
        path = folder / f"{name}.csv"
        source = f"{YEAR_FOLDER}/{name}.csv"
        if not path.is_file():
            read[name] = []
            continue
        sources.append(source)
        rows, numbers = _build_table(_read_csv(path, source), name, model)
        for row, number in zip(rows, numbers, strict=True):
            who = getattr(row, "employee_id", None)
            if who is not None and who not in ids:
                raise InputError(
                    source,
                    number,
                    "employee_id",
                    f"unknown employee {who!r}; the team is {', '.join(sorted(ids))}",
                )
            if isinstance(row, SeasonalLevel):
                if row.skill is not None and row.skill not in skills:
                    raise InputError(
                        source,
                        number,
                        "skill",
                        f"unknown skill {row.skill!r}; the team's skills are {', '.join(sorted(skills))}",
                    )
                for edge in ("start", "end"):
                    if getattr(row, edge) % slot:
                        raise InputError(
                            source, number, edge, f"is not on the service's {slot}-minute grid (slot_minutes)"
                        )
        if name == "profile":
            _check_profile(rows, numbers, source)
        if name == "staffing":
            _check_seasons(rows, numbers, source)
        read[name] = rows
    return YearInputs(
        leave=tuple(read["leave"]),  # type: ignore[arg-type]
        staffing=tuple(read["staffing"]),  # type: ignore[arg-type]
        profile=tuple(read["profile"]),  # type: ignore[arg-type]
        sources=tuple(sources),
    )


def save_year(inputs: YearInputs, folder: Path) -> None:
    """Write ``inputs`` to ``folder`` (a scenario's ``year/``): ``leave.csv``, ``staffing.csv``
    and ``profile.csv``, each atomically. A table without rows is not written, and a file of it
    left from an earlier save is removed, so that :func:`load_year` reads back exactly ``inputs``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in YEAR_TABLES.items():
        rows: tuple[BaseModel, ...] = getattr(inputs, name)
        path = folder / f"{name}.csv"
        if rows:
            atomic_write_text(path, _table_csv(model, rows))
        elif path.exists():
            path.unlink()


def read_profile(path: Path, scenario: Scenario) -> tuple[SeasonalHours, ...]:
    """A seasonal profile file given on its own (``--profile PROFILE.csv``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), None, None, "profile file not found")
    rows, numbers = _build_table(_read_csv(path, str(path)), "profile", SeasonalHours)
    ids = {e.id for e in scenario.employees}
    for row, number in zip(rows, numbers, strict=True):
        if row.employee_id is not None and row.employee_id not in ids:
            raise InputError(
                str(path),
                number,
                "employee_id",
                f"unknown employee {row.employee_id!r}; the team is {', '.join(sorted(ids))}",
            )
    _check_profile(rows, numbers, str(path))
    return tuple(rows)


def _check_seasons(rows: list[SeasonalLevel], numbers: list[int], source: str) -> None:
    """Two levels of the same day and skill whose months and times overlap would both claim the
    same slots (and one would be dropped): refused, naming both rows and the months they share."""
    from roster.timegrid import MONTHS, format_clock, parse_months

    every = list(range(1, 13))
    seen: dict[tuple[str, str | None], list[tuple[int, SeasonalLevel, set[int]]]] = {}
    for row, number in zip(rows, numbers, strict=True):
        months = set(parse_months(row.months) if row.months is not None else every)
        key = (row.day, row.skill)
        for other_number, other, other_months in seen.get(key, []):
            shared = months & other_months
            if shared and row.start < other.end and other.start < row.end:
                names = ", ".join(MONTHS[m - 1] for m in sorted(shared))
                raise InputError(
                    source,
                    number,
                    "months",
                    f"the {row.day} {row.skill or 'team'} level {format_clock(row.start)}-"
                    f"{format_clock(row.end)} ({row.months or 'all year'}) overlaps row {other_number}'s "
                    f"{format_clock(other.start)}-{format_clock(other.end)} ({other.months or 'all year'}) "
                    f"in {names}: a time has one level in each month, so give each season its own "
                    "months (e.g. apr-sep and oct-mar) or times that do not overlap",
                )
        seen.setdefault(key, []).append((number, row, months))


def _check_profile(rows: list[SeasonalHours], numbers: list[int], source: str) -> None:
    """Each person's (or the team's) rows give every month once."""
    from roster.timegrid import MONTHS, parse_months

    seen: dict[str | None, dict[int, int]] = {}
    for row, number in zip(rows, numbers, strict=True):
        mine = seen.setdefault(row.employee_id, {})
        for m in parse_months(row.months):
            if m in mine:
                raise InputError(
                    source, number, "months", f"{MONTHS[m - 1]} is already in the season of row {mine[m]}"
                )
            mine[m] = number
    for who, mine in seen.items():
        missing = [MONTHS[m - 1] for m in range(1, 13) if m not in mine]
        name = f"{who}'s profile" if who else "the team's profile"
        if missing:
            raise InputError(
                source,
                min(mine.values()),
                "months",
                f"{name} gives no hours for {', '.join(missing)}; give every month once",
            )
