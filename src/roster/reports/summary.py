"""A plain-text summary of a solve for the coordinator and the manager."""

from __future__ import annotations

from collections.abc import Sequence

from roster.domain import RosterSource, Scenario, SolveResult
from roster.reports._fmt import hmm
from roster.reports._types import ReportLike
from roster.reports.cover import shortfalls
from roster.reports.hours import hours_frame
from roster.reports.wishes import honoured_percent
from roster.validation import shift_cover_rows

WORST_RANGES = 5
"""How many of the largest cover shortfalls the summary lists."""


def _costs_by_rule(result: SolveResult, report: ReportLike | None) -> dict[str, int]:
    if result.penalties or report is None:
        return result.cost_by_rule()
    out: dict[str, int] = {}
    for p in report.penalties:
        out[p.rule] = out.get(p.rule, 0) + p.cost
    return out


def render_summary(
    scenario: Scenario, result: SolveResult, report: ReportLike | None, *, helps: Sequence[str] = ()
) -> str:
    """Status, objective, bound, gap and time; cover shortfalls; wishes; hours per person;
    hard violations; penalty totals per rule. ``report`` is the validator's verdict on
    ``result.roster`` (``None`` when there is no roster to judge). ``helps``: lines on what might
    close a gap in cover (:func:`roster.planning.gaps_help.estimate_lines`)."""
    svc = scenario.service
    days = svc.days
    lines = [
        f"Roster for {svc.name}: {days[0]} to {days[-1]} ({svc.weeks} week(s), "
        f"{len(scenario.employees)} people)",
        *(
            ["Closed on bank holidays: " + ", ".join(f"{d} ({n})" for d, n in svc.closed_bank_holidays())]
            if svc.closed_bank_holidays()
            else []
        ),
        *(["", "Notices (read differently from how they were typed)"] if scenario.notices else []),
        *(f"  ! {n}" for n in scenario.notices),
        "",
        "Solver",
        f"  status        {result.status} (raw {result.raw_status})",
        f"  objective     {'-' if result.objective is None else result.objective}",
        f"  best bound    {'-' if result.best_bound is None else f'{result.best_bound:.0f}'}"
        + (f" ({result.bound_source})" if result.bound_source and result.best_bound is not None else ""),
        f"  gap           {'-' if result.gap is None else f'{result.gap:.2%}'}",
        f"  wall time     {result.wall_time:.1f} s",
        f"  engine        {_engine(result)}, preset {result.preset}",
    ]
    if result.interrupted:
        lines.append("  INTERRUPTED   the search was stopped: this is the best roster found so far")
    if result.changes is not None:
        c = result.changes
        lines.append(
            f"  changes       {c.total} shift(s) against the base roster: {c.added} added, "
            f"{c.removed} removed, {c.moved} moved ({len(c.people)} people)"
        )
    if report is not None and result.objective is not None and report.objective != result.objective:
        lines.append(f"  ! the validator's objective is {report.objective}, not {result.objective}")
    for d in result.diagnosis:
        lines.append(f"  ! {d}")
    for n in result.notes:
        lines.append(f"  note: {n}")
    if not result.has_roster:
        lines += ["", "No roster was found: nothing to publish."]
        return "\n".join(lines) + "\n"
    roster = result.roster

    hard = [v for v in report.violations if v.hard] if report is not None else []
    lines += ["", "Hard rules"]
    if report is None:
        lines.append("  not checked (no validation report)")
    else:
        lines.append(
            f"  violations    {len(hard)}" + ("  (publishable)" if not hard else "  NOT PUBLISHABLE")
        )
        lines += [f"  ! {v}" for v in hard[:20]]
        if len(hard) > 20:
            lines.append(f"  ... and {len(hard) - 20} more")

    short = shortfalls(scenario, roster)
    total = int(short["person_minutes_short"].sum()) if len(short) else 0
    lines += ["", "Cover (minimum level of service)"]
    if total == 0:
        lines.append("  every minimum is met")
    else:
        lines.append(
            f"  short of minimum  {hmm(total)} person-hours ({total / 60:.2f} h) in {len(short)} range(s)"
        )
        worst = short.sort_values(
            ["person_minutes_short", "date", "from"], ascending=[False, True, True], kind="stable"
        ).head(WORST_RANGES)
        lines.append("  worst:")
        for row in worst.to_dict("records"):
            lines.append(
                f"    {row['date']} {row['from']}-{row['to']} {row['skill']}: up to "
                f"{row['people_short']} short, {row['short']} person-hours"
            )
        if helps:
            lines.append("  what might close it (estimates; `roster gaps --roster` verifies each):")
            lines += [f"    {h}" for h in helps]

    if scenario.shift_cover:
        rows = shift_cover_rows(scenario, roster)
        short_rows = [r for r in rows if r.short]
        lines += ["", "Shift cover (people per shift type)"]
        over = [r for r in rows if r.over]
        lines.append(
            f"  {len(rows)} date/shift lines: {sum(r.short for r in rows)} people short on "
            f"{len(short_rows)}, {sum(r.over for r in over)} over on {len(over)}"
        )
        for r in short_rows[:WORST_RANGES]:
            lines.append(f"    {r.date} {r.shift_type} {r.skill or 'anyone'}: {r.staffed} of {r.requirement}")

    lines += ["", "Wishes"]
    if report is None:
        lines.append("  not checked")
    else:
        pct = honoured_percent(report.wishes)
        if pct is None:
            lines.append("  no wishes were made")
        else:
            ok = sum(1 for w in report.wishes if w.honoured)
            lines.append(f"  honoured      {pct:.1f}% ({ok} of {len(report.wishes)})")

    lines += ["", "People (rostered / target paid hours; net banked + or taken back -)"]
    hours = hours_frame(scenario, roster)
    records = hours.to_dict("records")
    width = max((len(f"{r['id']} {r['name']}") for r in records), default=10)
    for rec in records:
        who = f"{rec['id']} {rec['name']}"
        wishes = ""
        if report is not None:
            mine = [w for w in report.wishes if w.employee_id == rec["id"]]
            if mine:
                wishes = f"  wishes {sum(1 for w in mine if w.honoured)}/{len(mine)}"
        lines.append(
            f"  {who:<{width}}  {rec['contract_hours']:g} h/wk  {rec['rostered']:>7} / {rec['target']:<7}"
            f" {rec['net']:>6}  {rec['status']}{wishes}"
        )

    lines += ["", "Penalties (cost per rule)"]
    costs = _costs_by_rule(result, report)
    if not costs:
        lines.append("  none")
    for rule, cost in sorted(costs.items()):
        lines.append(f"  {rule:<12} {cost}")
    lines.append(f"  {'total':<12} {sum(costs.values())}")
    return "\n".join(lines) + "\n"


def _engine(result: SolveResult) -> str:
    """Which engine made the roster, in a coordinator's words."""
    if result.engine == RosterSource.PATTERN_SLOT:
        return f"pattern engine (column generation), then the {result.formulation} model's search"
    if result.engine == RosterSource.PATTERN:
        return "pattern engine (column generation)"
    return f"{result.formulation} model's search"
