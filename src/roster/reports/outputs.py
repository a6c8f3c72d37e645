"""Everything a solve leaves behind for the coordinator and the manager, in one folder.

:func:`write_outputs` writes all files into a temporary sibling of the output
folder first and only then moves them, one by one, over their names in the
output folder: a failure while writing leaves the folder as it was, and every
file a reader sees there is complete. Files in the output folder that
:func:`write_outputs` does not write are left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from roster.domain import Penalty, Roster, Scenario, SolveResult
from roster.io import write_roster_csv
from roster.io.xlsx_roster import write_roster_xlsx
from roster.plotting.heatmap import save_cover_heatmap
from roster.reports._types import ReportLike
from roster.reports.cover import cover_frame_from_rows, shortfalls_from_rows
from roster.reports.headroom import headroom_frame
from roster.reports.hours import hours_frame
from roster.reports.summary import render_summary
from roster.reports.wishes import refused_wishes
from roster.validation import cover_table, shift_cover_table, validate
from roster.validation.context import build_context

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
    rows = shift_cover_table(build_context(scenario, roster))
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


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def _write_all(folder: Path, scenario: Scenario, result: SolveResult, report: ReportLike | None) -> list[str]:
    names: list[str] = []
    if result.has_roster:
        roster = result.roster
        rows = cover_table(scenario, roster)
        write_roster_csv(roster, folder / "roster.csv")
        write_roster_xlsx(scenario, roster, folder / "roster.xlsx", cover=rows)
        _csv(cover_frame_from_rows(rows), folder / "cover.csv")
        _csv(shortfalls_from_rows(rows), folder / "shortfalls.csv")
        _csv(hours_frame(scenario, roster), folder / "hours.csv")
        if report is not None:  # always, via write_outputs
            _csv(refused_wishes(scenario, roster, report), folder / "wishes.csv")
        penalties = list(result.penalties) if result.penalties or report is None else list(report.penalties)
        _csv(penalties_frame(scenario, penalties), folder / "penalties.csv")
        _csv(headroom_frame(scenario, roster), folder / "headroom.csv")
        if scenario.shift_cover:
            _csv(shift_cover_frame(scenario, roster), folder / "shift_cover.csv")
        save_cover_heatmap(scenario, roster, folder / "cover_heatmap.png")
        names += [n for n in (*ROSTER_FILES, *SHIFT_FILES) if (folder / n).exists()]
    (folder / "summary.txt").write_text(render_summary(scenario, result, report), encoding="utf-8")
    (folder / "result.json").write_text(result_json(scenario, result, report), encoding="utf-8")
    names += list(ALWAYS_FILES)
    return names


def write_outputs(
    out_dir: Path | str,
    scenario: Scenario,
    result: SolveResult,
    report: ReportLike | None = None,
) -> list[Path]:
    """Write the solve's outputs into ``out_dir`` and return their paths.

    With a roster: ``roster.csv`` (the exchange format), ``roster.xlsx`` (a
    sheet per week and a Cover sheet), ``cover.csv`` (per date, slot and
    group), ``shortfalls.csv`` (short ranges), ``hours.csv`` (per person),
    ``wishes.csv`` (refused wishes with reasons; only with a ``report``),
    ``penalties.csv`` (per rule and person), ``headroom.csv`` (48-hour headroom
    per person and week), ``shift_cover.csv`` (per date and shift type, when the
    scenario has shift cover), ``cover_heatmap.png``; always
    ``summary.txt`` and ``result.json`` (the result without the roster).

    ``report`` is the validator's verdict on ``result.roster``
    (``roster.validation.validate``); it is computed when not given and the
    result has a roster. Everything is written into a temporary
    sibling folder first and then moved into ``out_dir`` file by file, so a
    failure never leaves a half-written file and other files in ``out_dir``
    are never touched.
    """
    if report is None and result.has_roster:
        report = validate(scenario, result.roster)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        names = _write_all(staging, scenario, result, report)
        written: list[Path] = []
        for name in names:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
