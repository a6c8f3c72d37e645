"""Publishing an accepted version: the team workbook, a printable page, calendars, statements.

The folder is written as ``roster solve`` writes its outputs (io's output folder: replaced
whole, files a person edited since kept in a backup folder, files they added carried
over), and the publication is an event in the audit log.

* ``roster.xlsx``: a sheet per week, people as rows, frozen header, A4 landscape; for an
  amended roster a ``Changes since vN`` sheet (the diff from the solve it came from);
  ``roster.csv``: the exchange format;
* ``roster.html``: the printable page of the team roster;
* ``calendar-<id>.ics``: each person's shifts (stable event UIDs, SEQUENCE the version);
* ``statement-<id>.txt``: each person's shifts, hours, banked time and refused wishes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from roster.io.calendar_ics import person_calendar
from roster.io.outputs import OutputWrite, write_output_folder
from roster.io.roster_csv import roster_csv_text
from roster.io.xlsx_roster import Table, roster_xlsx_bytes
from roster.reports import shift_changes
from roster.reports.printable import roster_html
from roster.reports.statement import statements
from roster.store import Store, StoreError, VersionInfo
from roster.validation import cover_table, validate
from roster.workflow.amend import diff_versions
from roster.workflow.review import scenario_of


def _safe(employee_id: str) -> str:
    """A person's id as part of a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", employee_id)


def amended_days(store: Store, info: VersionInfo) -> dict[tuple[str, dt.date], str]:
    """(person, date) -> the last amendment that changed that day since the solve the version came from."""
    chain = [info]
    while chain[-1].parent_id is not None:
        chain.append(store.version(chain[-1].parent_id))
    out: dict[tuple[str, dt.date], str] = {}
    for child, parent in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
        for change in shift_changes(store.roster(parent.id), store.roster(child.id)):
            why = f": {child.note}" if child.note else ""
            out[(change.employee_id, change.date)] = (
                "this day changed when the manager amended the roster after it was solved "
                f"({child.label}{why})"
            )
    return out


@dataclass(frozen=True)
class Publication:
    version: VersionInfo
    folder: Path
    files: tuple[str, ...]
    written: OutputWrite


def publish(store: Store, version_id: int, out: Path, actor: str) -> Publication:
    """Write the publication of the accepted ``version_id`` to ``out`` and log it."""
    info = store.version(version_id)
    if info.status != "accepted":
        raise StoreError(
            f"v{version_id} is {info.status}: only an accepted version is published "
            f"(roster accept v{version_id} --by NAME)"
        )
    scenario = scenario_of(store, version_id)
    roster = store.roster(version_id)
    report = validate(scenario, roster)
    accepted_by = next(
        (
            e.actor
            for e in reversed(store.events(version_id=version_id))
            if e.action in ("accept", "override")
        ),
        info.created_by,
    )
    now = dt.datetime.now(dt.UTC)
    extra: dict[str, Table] = {}
    if info.parent_id is not None:  # an amended roster: what changed since it was solved
        root = info
        while root.parent_id is not None:
            root = store.version(root.parent_id)
        extra[f"Changes since {root.label}"] = diff_versions(store, root.id, info.id).table()
    files: dict[str, bytes] = {
        "roster.xlsx": roster_xlsx_bytes(scenario, roster, cover_table(scenario, roster), extra),
        "roster.csv": roster_csv_text(roster).encode("utf-8"),
        "roster.html": roster_html(
            scenario, roster, version=info.label, status=info.status, accepted_by=accepted_by, published=now
        ).encode("utf-8"),
    }
    for emp_id, text in statements(scenario, roster, report, info.label, amended_days(store, info)).items():
        files[f"statement-{_safe(emp_id)}.txt"] = text.encode("utf-8")
        files[f"calendar-{_safe(emp_id)}.ics"] = person_calendar(
            scenario, roster, emp_id, sequence=info.id, stamp=info.created_at
        )
    written = write_output_folder(Path(out), files)
    store.log_event(
        version_id, actor=actor, action="publish", detail=f"{len(files)} files to {Path(out).resolve()}"
    )
    return Publication(info, Path(out), tuple(sorted(files)), written)


WEB = "on the team's web page"


def publish_on_web(store: Store, version_id: int, actor: str) -> VersionInfo:
    """Publish the accepted ``version_id`` to the team's web page (logged): its people then see
    it, their statements and their calendars there."""
    info = store.version(version_id)
    if info.status != "accepted":
        raise StoreError(
            f"v{version_id} is {info.status}: only an accepted version is published (accept it first)"
        )
    if is_published(store, version_id):
        raise StoreError(f"v{version_id} is already published")
    store.log_event(version_id, actor=actor, action="publish", detail=WEB)
    return info


def is_published(store: Store, version_id: int) -> bool:
    return any(e.action == "publish" and e.detail == WEB for e in store.events(version_id=version_id))


def published_versions(store: Store, team: str) -> list[VersionInfo]:
    """The team's versions published on its web page and still accepted, latest period first."""
    published = {e.version_id for e in store.events(team=team) if e.action == "publish" and e.detail == WEB}
    found = [v for v in store.versions(team) if v.id in published and v.status == "accepted"]
    return sorted(found, key=lambda v: (v.period_start, v.id), reverse=True)
