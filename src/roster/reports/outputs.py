"""Everything a solve leaves behind for the coordinator and the manager, as the files of one folder.

:func:`output_files` renders every file (CSV, workbook, heatmap, summary,
result) as bytes from the result and the validator's report; writing them is
io's business (:mod:`roster.io.outputs`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pandas as pd

from roster.domain import Penalty, Roster, Scenario, SolveResult
from roster.io.cells import to_csv
from roster.io.outputs import OutputWrite, write_output_folder
from roster.io.roster_csv import roster_csv_text
from roster.io.xlsx_roster import roster_xlsx_bytes
from roster.plotting.heatmap import cover_heatmap_png
from roster.reports._types import ReportLike
from roster.reports.cover import cover_frame_from_rows, shortfalls_from_rows
from roster.reports.headroom import headroom_frame
from roster.reports.hours import hours_frame
from roster.reports.summary import render_summary
from roster.reports.wishes import refused_wishes
from roster.validation import cover_table, shift_cover_rows

ROSTER_FILES: tuple[str, ...] = (
    "roster.csv",
    "roster.xlsx",
    "cover.csv",
    "shortfalls.csv",
    "hours.csv",
    "wishes.csv",
    "penalties.csv",
    "headroom.csv",
    "cover_heatmap.png",
)
"""Written only when the result has a roster."""
SHIFT_FILES: tuple[str, ...] = ("shift_cover.csv",)
"""Written with a roster when the scenario has shift cover (shift_cover.csv)."""
ALWAYS_FILES: tuple[str, ...] = ("summary.txt", "result.json")
"""Written for every result, with or without a roster."""

PENALTY_COLUMNS: tuple[str, ...] = ("rule", "employee_id", "name", "terms", "measure", "cost")


def penalties_frame(scenario: Scenario, penalties: tuple[Penalty, ...] | list[Penalty]) -> pd.DataFrame:
    """Penalty totals per rule and person (``employee_id`` empty for terms of no one person).

    Columns: ``rule``, ``employee_id``, ``name``, ``terms`` (how many terms),
    ``measure`` (Σ in the rule's unit), ``cost`` (Σ weight x measure); sorted
    by rule, then terms of no one person first, then employee id.
    """
    names = {e.id: e.name for e in scenario.employees}
    totals: dict[tuple[str, str], list[int]] = {}
    for p in penalties:
        key = (p.rule, p.employee_id or "")
        acc = totals.setdefault(key, [0, 0, 0])
        acc[0] += 1
        acc[1] += p.measure
        acc[2] += p.cost
    rows = [
        {
            "rule": rule,
            "employee_id": emp,
            "name": names.get(emp, ""),
            "terms": acc[0],
            "measure": acc[1],
            "cost": acc[2],
        }
        for (rule, emp), acc in sorted(totals.items())
    ]
    frame = pd.DataFrame.from_records(rows, columns=list(PENALTY_COLUMNS))
    for col in ("terms", "measure", "cost"):
        frame[col] = frame[col].astype("int64")
    return frame


def result_json(scenario: Scenario, result: SolveResult, report: ReportLike | None) -> str:
    """The result without its roster, plus the gap and the validator's verdict, as JSON."""
    data = json.loads(result.model_dump_json(exclude={"roster"}))
    data["gap"] = result.gap
    data["scenario_name"] = scenario.service.name
    data["shifts"] = len(result.roster.shifts)
    data["notices"] = [n.model_dump() for n in scenario.notices]
    if report is not None:
        data["validation"] = {
            "objective": report.objective,
            "hard_violations": sum(1 for v in report.violations if v.hard),
            "soft_violations": sum(1 for v in report.violations if not v.hard),
            "wishes": len(report.wishes),
            "wishes_honoured": sum(1 for w in report.wishes if w.honoured),
        }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def shift_cover_frame(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """One row per date, shift type and skill of shift_cover.csv: wanted, staffed, short, over."""
    rows = shift_cover_rows(scenario, roster)
    return pd.DataFrame(
        [
            {
                "date": r.date.isoformat(),
                "weekday": r.date.strftime("%a"),
                "shift_type": r.shift_type,
                "skill": r.skill or "",
                "requirement": r.requirement,
                "staffed": r.staffed,
                "short": r.short,
                "over": r.over,
            }
            for r in rows
        ],
        columns=["date", "weekday", "shift_type", "skill", "requirement", "staffed", "short", "over"],
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes, each text cell a spreadsheet would read as a formula written as
    text (:mod:`roster.io.cells`; numbers are left as they are)."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column].dtype):  # text, or values of any kind
            safe[column] = safe[column].astype(object).map(to_csv)
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")


def output_files(
    scenario: Scenario, result: SolveResult, report: ReportLike | None, *, helps: Sequence[str] = ()
) -> dict[str, bytes]:
    """Every file of the output folder, by name, as bytes (nothing is written here).

    With a roster: ``roster.csv`` (the exchange format), ``roster.xlsx`` (a
    sheet per week and a Cover sheet), ``cover.csv`` (per date, slot and
    group), ``shortfalls.csv`` (short ranges), ``hours.csv`` (per person),
    ``wishes.csv`` (every wish, refused ones with reasons), ``penalties.csv``
    (per rule and person), ``headroom.csv`` (48-hour headroom per person and
    week), ``shift_cover.csv`` (per date and shift type, when the scenario has
    shift cover), ``cover_heatmap.png``; always ``summary.txt`` and
    ``result.json`` (the result without the roster). ``report`` is the
    validator's verdict on ``result.roster``; it is needed whenever the
    result has a roster. ``helps``: the summary's lines on what might close a gap in cover.
    """
    files: dict[str, bytes] = {}
    if result.has_roster:
        if report is None:
            raise ValueError("output_files: a roster needs the validator's report (roster.validate)")
        roster = result.roster
        rows = cover_table(scenario, roster)
        files["roster.csv"] = roster_csv_text(roster).encode("utf-8")
        files["roster.xlsx"] = roster_xlsx_bytes(scenario, roster, rows)
        files["cover.csv"] = csv_bytes(cover_frame_from_rows(rows))
        files["shortfalls.csv"] = csv_bytes(shortfalls_from_rows(rows))
        files["hours.csv"] = csv_bytes(hours_frame(scenario, roster))
        files["wishes.csv"] = csv_bytes(refused_wishes(scenario, roster, report))
        penalties = list(result.penalties) if result.penalties else list(report.penalties)
        files["penalties.csv"] = csv_bytes(penalties_frame(scenario, penalties))
        files["headroom.csv"] = csv_bytes(headroom_frame(scenario, roster))
        if scenario.shift_cover:
            files["shift_cover.csv"] = csv_bytes(shift_cover_frame(scenario, roster))
        files["cover_heatmap.png"] = cover_heatmap_png(scenario, rows)
    files["summary.txt"] = render_summary(scenario, result, report, helps=helps).encode("utf-8")
    files["result.json"] = result_json(scenario, result, report).encode("utf-8")
    return files


def write_outputs(
    out_dir: Path | str,
    scenario: Scenario,
    result: SolveResult,
    report: ReportLike | None = None,
    *,
    now: datetime | None = None,
    helps: Sequence[str] = (),
) -> OutputWrite:
    """Write the solve's outputs (:func:`output_files`) as the folder ``out_dir``.

    The writing is io's (:func:`roster.io.outputs.write_output_folder`): the
    folder is replaced as a whole by the new run, files edited since the last
    run are kept in a backup folder (``result.backup``), files a person added
    are carried over.
    """
    return write_output_folder(Path(out_dir), output_files(scenario, result, report, helps=helps), now=now)
