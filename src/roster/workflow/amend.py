"""A manager's amendment of a stored version: edits, leave and cover changes, then a check
or a minimal-change re-solve, saved as a new version with its diff.

* **Edits** are pins (the seam's format, ``roster solve --pin``): a row sets a person's
  shift on a date, a row with empty times takes them off that date.
* **Leave or sickness** rows in ``leave.csv``'s format are added to the version's
  scenario. A person given a whole day of new leave loses that day's shift (working on
  leave is never wanted); part-day leave is checked like any other rule.
* **The team workbook** (``roster.xlsx`` of ``roster solve`` or ``roster publish``) edited by
  hand: each week-sheet cell that differs from the version is an edit.
* **Cover changes** are rows of ``staffing.csv``'s format for dates: as in a scenario
  folder, a date's rows replace that date's weekday rows of the same skill; rows of the
  version's scenario for the same date and skill are replaced by the new ones.

Without ``resolve`` the version's roster is kept with the edits in force and checked as it
is. With ``resolve`` the engine re-solves it from the version (the seam's base roster):
the edits pinned, every other change costing ``stability`` per minute moved, at most
``max_changes`` changed shifts per person. Either way the new version is saved with the
version as its parent (a conflict if someone amended it first) and the new scenario's
files as its snapshot.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from roster.domain import ProgressPoint, Roster, Scenario, Shift, SolveResult, SolverSettings
from roster.domain.request import DEFAULT_STABILITY, Pin, SolveRequest, apply_pins
from roster.io import InputError, load_scenario
from roster.io.cells import from_csv, to_csv
from roster.io.scenario_files import WORKBOOK_FILE
from roster.io.xlsx_roster import read_workbook_edits
from roster.model import solve
from roster.reports import RosterDiff, roster_diff
from roster.store import Store, VersionInfo
from roster.validation import ValidationReport, validate
from roster.workflow.review import save_roster
from roster.workflow.solve import INTERRUPTED, Stop


@dataclass(frozen=True)
class Amendment:
    """What the manager changes: pins (edits), and files of leave and staffing rows to add."""

    pins: tuple[Pin, ...] = ()
    leave: Path | None = None
    staffing: Path | None = None
    edits: Path | None = None
    """The file the pins were read from (named in messages)."""
    workbook: Path | None = None
    """A roster workbook edited by hand: each changed cell of its week sheets is a pin."""

    @property
    def empty(self) -> bool:
        return not self.pins and self.leave is None and self.staffing is None and self.workbook is None


@dataclass(frozen=True)
class AmendOutcome:
    version: VersionInfo
    parent: VersionInfo
    scenario: Scenario
    roster: Roster
    report: ValidationReport
    diff: RosterDiff
    result: SolveResult | None
    """The re-solve's result (``resolve``), else None."""
    off_for_leave: tuple[Shift, ...]
    """Shifts taken out because their person is now on leave all day (without ``resolve``)."""


def _rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    rows = [{k: from_csv(v or "") for k, v in row.items() if k is not None} for row in reader]
    return list(reader.fieldnames or []), rows


def _write(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: to_csv(row.get(c, "")) for c in columns})
    return out.getvalue().encode("utf-8")


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def _merge(files: dict[str, bytes], name: str, added: Path, replacing: bool) -> tuple[dict[str, bytes], int]:
    """``files`` with the rows of ``added`` appended to ``name`` (``replacing``: staffing's date
    rows replace the version's rows of the same date and skill); and how many rows came before
    the added ones (to name a bad added row by its own file's row number)."""
    if name not in files and WORKBOOK_FILE in files:
        raise InputError(
            str(added),
            None,
            None,
            f"this version's scenario keeps its tables in {WORKBOOK_FILE}, not {name}: add the rows "
            f"to the workbook's sheet and solve again",
        )
    try:
        columns_new, rows_new = _rows(added.read_bytes())
    except OSError as err:
        raise InputError(str(added), None, None, f"cannot be read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(str(added), None, None, "is not UTF-8 text: save it as CSV UTF-8") from None
    if not rows_new:
        raise InputError(str(added), None, None, f"has no rows: give rows in {name}'s format")
    columns, rows = _rows(files[name]) if name in files else ([], [])
    unknown = [c for c in columns_new if columns and c not in columns]
    if unknown:
        raise InputError(
            str(added),
            1,
            unknown[0],
            f"is not a column of {name} (its columns: {', '.join(columns)})",
        )
    if replacing:
        dates = {
            (r.get("day", "").strip(), r.get("skill", "").strip())
            for r in rows_new
            if _is_date(r.get("day", ""))
        }
        rows = [r for r in rows if (r.get("day", "").strip(), r.get("skill", "").strip()) not in dates]
    merged = columns + [c for c in columns_new if c not in columns]
    return {**files, name: _write(merged, rows + rows_new)}, len(rows)


def _load(files: dict[str, bytes], sources: dict[str, tuple[Path, int]]) -> Scenario:
    with tempfile.TemporaryDirectory(prefix="roster-amend-") as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        try:
            return load_scenario(folder)
        except InputError as err:
            if err.file in sources and err.row is not None and err.row - 1 > sources[err.file][1]:
                path, before = sources[err.file]
                raise InputError(str(path), err.row - before, err.field, err.message) from None
            raise


def amend(
    store: Store,
    version_id: int,
    actor: str,
    amendment: Amendment,
    *,
    resolve: bool = False,
    settings: SolverSettings | None = None,
    stability: int | None = None,
    max_changes: int | None = None,
    note: str = "",
    revision: int | None = None,
    progress: Callable[[ProgressPoint], None] | None = None,
    stop: Stop | None = None,
    stage: Callable[[str], None] | None = None,
    engine: str = "auto",
) -> AmendOutcome:
    """Amend ``version_id`` (read at ``revision``, default its current one) and save the result
    as a new version. Raises :class:`~roster.io.InputError` for a bad edit or row (naming the
    file and row) and the store's ``VersionConflict`` if someone amended the version first.
    ``progress``, ``stop``, ``stage`` and ``engine`` are the re-solve's, as for
    :func:`~roster.model.solve`."""
    parent = store.version(version_id)
    read_at = parent.revision if revision is None else revision
    store.check_amendable(version_id, read_at)
    files = store.files(version_id)
    base = store.roster(version_id)
    before_scenario = _load(files, {})
    if amendment.workbook is not None:
        edited = read_workbook_edits(amendment.workbook, before_scenario, base)
        given = {(p.employee_id, p.date): p for p in amendment.pins}
        for pin in edited:
            if (pin.employee_id, pin.date) in given:
                raise InputError(
                    str(amendment.workbook),
                    None,
                    None,
                    f"{pin.label} is also in {given[(pin.employee_id, pin.date)].label}: "
                    "give each day's change once",
                )
        amendment = replace(amendment, pins=(*amendment.pins, *edited))
    sources: dict[str, tuple[Path, int]] = {}
    new_files = dict(files)
    if amendment.leave is not None:
        new_files, n = _merge(new_files, "leave.csv", amendment.leave, replacing=False)
        sources["leave.csv"] = (amendment.leave, n)
    if amendment.staffing is not None:
        new_files, n = _merge(new_files, "staffing.csv", amendment.staffing, replacing=True)
        sources["staffing.csv"] = (amendment.staffing, n)
    scenario = _load(new_files, sources) if new_files != files else before_scenario
    weight = DEFAULT_STABILITY if stability is None else stability
    try:
        request = SolveRequest(
            scenario=scenario, base=base, pins=amendment.pins, stability=weight, max_changes=max_changes
        )
    except ValidationError as err:
        first = err.errors()[0]
        where = str(amendment.edits) if amendment.edits is not None else "edits"
        raise InputError(where, None, None, str(first.get("ctx", {}).get("error", first["msg"]))) from None
    result: SolveResult | None = None
    off: tuple[Shift, ...] = ()
    if resolve:
        result = solve(request, settings or SolverSettings(), progress, stop, stage=stage, engine=engine)
        if not result.has_roster:
            raise InputError(
                str(amendment.edits) if amendment.edits is not None else "the amendment",
                None,
                None,
                f"the re-solve found no roster ({result.status}): "
                + "; ".join(result.diagnosis or ("the edits cannot all hold",)),
            )
        roster = result.roster
    else:
        roster = apply_pins(request, base)
        pinned = {(p.employee_id, p.date) for p in amendment.pins}
        new_leave = set(scenario.leave) - set(before_scenario.leave)
        whole = {
            (lv.employee_id, lv.start_date + dt.timedelta(days=k))
            for lv in new_leave
            if lv.start is None
            for k in range((lv.end_date - lv.start_date).days + 1)
        }
        off = tuple(s for s in roster.shifts if (s.employee_id, s.date) in whole - pinned)
        if off:
            roster = Roster(shifts=tuple(s for s in roster.shifts if s not in off))
    # the version's own cost (comparable across versions: STABILITY is the re-solve's, not the
    # roster's), unless the request's own checks (PIN) find a broken hard rule
    with_request = validate(scenario, roster, request)
    report = with_request if with_request.hard_violations else validate(scenario, roster)
    before_report = validate(before_scenario, base)
    parts = []
    if amendment.pins:
        parts.append(
            f"{len(amendment.pins)} edit(s)"
            + (f" (from {amendment.workbook.name})" if amendment.workbook is not None else "")
        )
    if amendment.leave is not None:
        parts.append(f"leave rows from {amendment.leave.name}")
    if amendment.staffing is not None:
        parts.append(f"cover rows from {amendment.staffing.name}")
    how = "re-solved with minimal change" if resolve else "checked as is"
    if result is not None and (result.interrupted or (stop is not None and stop.is_set())):
        how += f" ({INTERRUPTED})"
    text = f"{', '.join(parts) or 'no change'}; {how}" + (f"; {note}" if note else "")
    version = save_roster(
        store,
        scenario,
        new_files,
        roster,
        report,
        solver_objective=None if result is None else result.objective,
        actor=actor,
        source="re-solve" if resolve else "amend",
        note=text,
        parent=(version_id, read_at),
    )
    diff = roster_diff((before_scenario, base, before_report), (scenario, roster, report))
    return AmendOutcome(version, parent, scenario, roster, report, diff, result, off)


def diff_versions(store: Store, a: int, b: int) -> RosterDiff:
    """The diff of two stored versions, each checked against its own scenario."""
    from roster.workflow.review import scenario_of

    sa, sb = scenario_of(store, a), scenario_of(store, b)
    ra, rb = store.roster(a), store.roster(b)
    return roster_diff((sa, ra, validate(sa, ra)), (sb, rb, validate(sb, rb)))
