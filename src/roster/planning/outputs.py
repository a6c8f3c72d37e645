"""The files of a year plan and of a what-if sweep, as bytes, for io's writer to write.

Nothing here writes a file itself: :func:`write_plan` and :func:`write_variant` /
:func:`write_sweep` hand the files to :func:`roster.io.outputs.add_files`, the one writer of
every output folder (each file whole or not at all, inside the folder).

A year plan's folder (beside ``plan.json`` and ``periods/``, :func:`.year.plan_year`):
``periods.csv`` (one row per roster), ``glide.csv`` and ``glide.png`` (each person's balance
against their annual hours), ``months.csv`` (minimum cover short per month), ``hours.csv``
(the plan's hours per person and week), ``proposed-profile.csv`` (a proposal, when asked for)
and ``calendars/`` (each person's yearly calendar: :func:`calendar_files`).

What would close the gap (:func:`write_gap_help`): ``what-would-help.csv``, one row per change tried
(the verified ones first, by hours saved), written as one run (the folder replaced whole).

A sweep's folder: ``variants/NAME/`` (each variant's rosters as they come back), then
``results.csv`` and ``results.xlsx`` (one row per variant), ``tradeoff.png``, and for a year's
variants ``months.csv``/``months.png`` and ``balances.csv``/``balances.png``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from roster.domain.year_days import year_days
from roster.io import year_calendar, year_workbook_bytes
from roster.io.outputs import OutputWrite, add_files, csv_table, write_output_folder
from roster.io.xlsx_roster import Table, tables_xlsx_bytes
from roster.planning.gaps_help import HELP_COLUMNS, GapHelp
from roster.planning.plan_help import PLAN_HELP_COLUMNS, PlanHelp
from roster.planning.sweep import RESULT_COLUMNS, Outcome, result_rows
from roster.planning.year import YearPlan
from roster.plotting import glide_png, person_year_png, plot_balances, plot_short_months, plot_tradeoff, png
from roster.reports import year_calendar_html
from roster.timegrid import MONTHS

CALENDARS = "calendars"


def _csv(rows: Sequence[dict[str, object]]) -> bytes:
    return csv_table(rows).encode("utf-8")


def plan_files(plan: YearPlan) -> dict[str, bytes]:
    """The plan's tables and glide path (see the module docstring), by name."""
    periods: list[dict[str, object]] = [
        {
            "period": p.index + 1,
            "start": p.start.isoformat(),
            "status": p.status,
            "objective": p.objective,
            "gap": None if p.gap is None else round(p.gap, 4),
            "person_hours_short": p.short_hours,
            "wishes_honoured": None if p.wishes_honoured is None else round(p.wishes_honoured, 4),
            "reconciled": p.reconciled,
        }
        for p in plan.periods
    ]
    weeks: list[dict[str, object]] = [
        {"employee_id": who, "week": w.isoformat(), "hours": h}
        for who, by_week in plan.hours.items()
        for w, h in by_week.items()
    ]
    files = {
        "periods.csv": _csv(periods),
        "glide.csv": _csv(plan.glide),
        "months.csv": _csv(plan.months),
        "hours.csv": _csv(weeks),
        "glide.png": glide_png(plan.glide),
    }
    if plan.proposal:
        proposal: list[dict[str, object]] = [
            {"employee_id": who, "months": MONTHS[m - 1], "hours_per_week": round(h, 2)}
            for who, by_month in plan.proposal.items()
            for m, h in by_month.items()
        ]
        files["proposed-profile.csv"] = _csv(proposal)
    return files


def calendar_files(plan: YearPlan, *, stamp: dt.datetime | None = None) -> dict[str, bytes]:
    """Each person's yearly calendar (POLICY: "yearly calendars ... to accurately deduct annual
    leave") under ``calendars/``: ``calendars.xlsx`` (a sheet per person), ``ID.ics`` (shifts,
    leave, bank holidays and closures) and ``ID.html`` (a printable page) per person, and
    ``ID.png`` (the year at a glance)."""
    if not plan.history:
        return {}
    first_sc = plan.history[0][0]
    last_sc = plan.history[-1][0]
    span = f"{first_sc.service.days[0]:%d %b %Y} to {last_sc.service.days[-1]:%d %b %Y}"
    people: dict[str, str] = {}
    for sc, _ in plan.history:
        for e in sc.employees:
            people.setdefault(e.id, e.name)
    when = stamp or dt.datetime.combine(last_sc.service.days[-1], dt.time(0), tzinfo=dt.UTC)
    files = {
        f"{CALENDARS}/calendars.xlsx": year_workbook_bytes(
            plan.history, list(people.items()), title=f"{first_sc.service.name}, {span}"
        )
    }
    for emp_id, name in people.items():
        title = f"{name} ({emp_id}), {first_sc.service.name}: {span}"
        files[f"{CALENDARS}/{emp_id}.ics"] = year_calendar(plan.history, emp_id, stamp=when)
        page = year_calendar_html(plan.history, emp_id, title=title)
        files[f"{CALENDARS}/{emp_id}.html"] = page.encode("utf-8")
        files[f"{CALENDARS}/{emp_id}.png"] = person_year_png(year_days(plan.history, emp_id), title=title)
    return files


def write_calendars(plan: YearPlan, out: Path, *, stamp: dt.datetime | None = None) -> list[Path]:
    """Write :func:`calendar_files` into the folder ``out``; returns the files written."""
    return add_files(Path(out), calendar_files(plan, stamp=stamp))


def write_plan(plan: YearPlan, out: Path, *, stamp: dt.datetime | None = None) -> list[Path]:
    """Write the plan's tables, glide path and yearly calendars into its folder ``out``; returns
    the calendars written (the workbook first)."""
    add_files(Path(out), plan_files(plan))
    return write_calendars(plan, out, stamp=stamp)


def slug(name: str) -> str:
    """A variant's name as a folder name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "variant"


def variant_files(outcome: Outcome) -> dict[str, bytes]:
    """A variant's rosters (a period's scenario and outputs, a year's plan) under ``variants/NAME/``."""
    target = f"variants/{slug(str(outcome.row['variant']))}"
    return {f"{target}/{rel}": data for rel, data in outcome.files.items()}


def sweep_files(outcomes: Sequence[Outcome]) -> dict[str, bytes]:
    """The sweep's results (see the module docstring), by name."""
    rows = result_rows(outcomes)
    months = [m for o in outcomes for m in o.months]
    balances = [b for o in outcomes for b in o.balances]
    files = {"results.csv": _csv(rows)}
    tables: dict[str, Table] = {
        "results": (list(RESULT_COLUMNS), [[r[c] for c in RESULT_COLUMNS] for r in rows])
    }
    if months:
        files["months.csv"] = _csv(months)
        tables["months"] = (list(months[0]), [list(m.values()) for m in months])
        files["months.png"] = png(plot_short_months, months)
    if balances:
        files["balances.csv"] = _csv(balances)
        tables["balances"] = (list(balances[0]), [list(b.values()) for b in balances])
        files["balances.png"] = png(plot_balances, balances)
    files["results.xlsx"] = tables_xlsx_bytes(tables)
    files["tradeoff.png"] = png(plot_tradeoff, rows, size=(8, 5))
    return files


def write_variant(out: Path, outcome: Outcome) -> list[Path]:
    """Write a variant's rosters into the sweep's folder ``out`` as it comes back."""
    return add_files(Path(out), variant_files(outcome))


def write_sweep(out: Path, outcomes: Sequence[Outcome]) -> list[Path]:
    """Write the sweep's results into its folder ``out``."""
    return add_files(Path(out), sweep_files(outcomes))


GAP_HELP_FILE = "what-would-help.csv"


def gap_help_files(help: GapHelp) -> dict[str, bytes]:
    """:data:`GAP_HELP_FILE`: the changes tried (:data:`.gaps_help.HELP_COLUMNS`); only the header
    when there is no gap."""
    rows = help.rows()
    return {GAP_HELP_FILE: _csv(rows) if rows else (",".join(HELP_COLUMNS) + "\n").encode("utf-8")}


def plan_help_files(help: PlanHelp) -> dict[str, bytes]:
    """:data:`GAP_HELP_FILE` of a year plan: every change tried over the year
    (:data:`.plan_help.PLAN_HELP_COLUMNS`)."""
    rows = help.rows()
    return {GAP_HELP_FILE: _csv(rows) if rows else (",".join(PLAN_HELP_COLUMNS) + "\n").encode("utf-8")}


def write_plan_help(help: PlanHelp, out: Path) -> OutputWrite:
    """Write :func:`plan_help_files` as the output folder ``out`` (the previous run replaced whole)."""
    return write_output_folder(Path(out), plan_help_files(help))


def write_gap_help(help: GapHelp, out: Path) -> OutputWrite:
    """Write :func:`gap_help_files` as the output folder ``out`` (a run: the previous one replaced whole)."""
    return write_output_folder(Path(out), gap_help_files(help))
