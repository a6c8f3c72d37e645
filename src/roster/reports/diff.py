"""What changed between two rosters of a team: per person and for the cover.

Per person: the shifts added, removed and moved (each listed with its times before
and after), the wishes honoured before and refused now (and the reverse), the
change in paid hours, in banked time (net minutes against the contract), and in
the 48-hour headroom of the tightest reference period. For the team: the minimum
cover short before and after, in person-hours. The two rosters may be of different
scenarios (an amendment that adds leave or changes cover): each is measured against
its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from roster.domain import Roster, Scenario, Shift
from roster.reports._fmt import hmm
from roster.reports._types import ReportLike
from roster.reports.cover import shortfalls
from roster.reports.headroom import headroom_frame
from roster.reports.hours import hours_frame

DIFF_COLUMNS = (
    "employee_id",
    "name",
    "added",
    "removed",
    "moved",
    "changes",
    "wishes_lost",
    "wishes_gained",
    "paid_before",
    "paid_after",
    "paid_change",
    "net_before",
    "net_after",
    "headroom_before",
    "headroom_after",
)


def _times(s: Shift | None) -> str:
    if s is None:
        return "off"
    text = f"{s.start:%H:%M}-{s.end:%H:%M}"
    if s.break_start is not None and s.break_end is not None:
        text += f" (break {s.break_start:%H:%M}-{s.break_end:%H:%M})"
    return text


@dataclass(frozen=True)
class ShiftChange:
    employee_id: str
    date: dt.date
    kind: str
    """``added``, ``removed`` or ``moved``."""
    before: Shift | None
    after: Shift | None

    @property
    def text(self) -> str:
        return f"{self.date:%a %d %b}: {_times(self.before)} -> {_times(self.after)}"


def shift_changes(before: Roster, after: Roster) -> list[ShiftChange]:
    """Every shift added, removed or moved (start, end or break differ), by person and date."""
    a = {(s.employee_id, s.date): s for s in before.shifts}
    b = {(s.employee_id, s.date): s for s in after.shifts}
    out: list[ShiftChange] = []
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x is None:
            out.append(ShiftChange(key[0], key[1], "added", None, y))
        elif y is None:
            out.append(ShiftChange(key[0], key[1], "removed", x, None))
        elif (x.start, x.end, x.break_start, x.break_end) != (y.start, y.end, y.break_start, y.break_end):
            out.append(ShiftChange(key[0], key[1], "moved", x, y))
    return out


def _honoured(report: ReportLike) -> dict[tuple[str, dt.date, str], bool]:
    return {(w.employee_id, w.date, w.wish): w.honoured for w in report.wishes}


def _headroom(scenario: Scenario, roster: Roster) -> dict[str, float | None]:
    frame = headroom_frame(scenario, roster)
    out: dict[str, float | None] = {}
    for emp, rows in frame.groupby("employee_id", sort=False):
        values = rows["headroom_hours"].dropna()
        out[str(emp)] = None if values.empty else float(values.min())
    return out


def _minutes(scenario: Scenario, roster: Roster) -> dict[str, tuple[int, int]]:
    """Person -> (paid minutes, net minutes against the contract)."""
    frame = hours_frame(scenario, roster)
    return {
        str(i): (int(p), int(n))
        for i, p, n in zip(frame["id"], frame["rostered_minutes"], frame["net_minutes"], strict=True)
    }


@dataclass(frozen=True)
class RosterDiff:
    people: pd.DataFrame
    """One row per person with a change (:data:`DIFF_COLUMNS`)."""
    changes: list[ShiftChange]
    lost: dict[str, list[str]]
    """Person -> the wishes honoured before and refused now."""
    gained: dict[str, list[str]]
    short_before: float
    """Person-hours of minimum cover short, before and after."""
    short_after: float

    def table(self) -> tuple[list[str], list[list[object]]]:
        """The diff as one sheet: a row per shift changed, wish lost or gained, with the person's
        totals on each (for the workbook's ``Changes`` sheet)."""
        header = [
            "employee_id",
            "name",
            "date",
            "change",
            "before",
            "after",
            "paid before",
            "paid after",
            "net before",
            "net after",
            "48-hour headroom before",
            "48-hour headroom after",
        ]
        people = {str(r["employee_id"]): r for r in self.people.to_dict("records")}
        rows: list[list[object]] = []

        def totals(who: str) -> list[object]:
            r = people[who]
            return [
                r["paid_before"],
                r["paid_after"],
                r["net_before"],
                r["net_after"],
                r["headroom_before"],
                r["headroom_after"],
            ]

        for c in self.changes:
            if c.employee_id in people:
                rows.append(
                    [
                        c.employee_id,
                        people[c.employee_id]["name"],
                        c.date.isoformat(),
                        c.kind,
                        _times(c.before),
                        _times(c.after),
                        *totals(c.employee_id),
                    ]
                )
        for kind, wishes in (("wish lost", self.lost), ("wish gained", self.gained)):
            for who, items in wishes.items():
                if who in people:
                    rows += [
                        [
                            who,
                            people[who]["name"],
                            w.split(": ", 1)[0],
                            kind,
                            w.split(": ", 1)[1],
                            "",
                            *totals(who),
                        ]
                        for w in items
                    ]
        return header, rows

    def text(self, before_label: str = "before", after_label: str = "after") -> str:
        lines = [
            f"From {before_label} to {after_label}: {len(self.changes)} shift(s) changed for "
            f"{len(self.people)} person(s); minimum cover short {self.short_before:g} h -> "
            f"{self.short_after:g} h"
        ]
        by_person: dict[str, list[ShiftChange]] = {}
        for c in self.changes:
            by_person.setdefault(c.employee_id, []).append(c)
        for row in self.people.to_dict("records"):
            who = str(row["employee_id"])
            lines.append("")
            head = (
                f"{who} {row['name']}: paid {row['paid_before']} -> {row['paid_after']} "
                f"({row['paid_change']}); net against contract {row['net_before']} -> {row['net_after']}"
            )
            if row["headroom_before"] != row["headroom_after"]:
                head += f"; 48-hour headroom {row['headroom_before']} -> {row['headroom_after']}"
            lines.append(head)
            for c in by_person.get(who, []):
                lines.append(f"  {c.kind:<8} {c.text}")
            for w in self.lost.get(who, []):
                lines.append(f"  wish lost   {w}")
            for w in self.gained.get(who, []):
                lines.append(f"  wish gained {w}")
        return "\n".join(lines)


def roster_diff(
    before: tuple[Scenario, Roster, ReportLike], after: tuple[Scenario, Roster, ReportLike]
) -> RosterDiff:
    """The changes from ``before`` to ``after`` (each a scenario, its roster and the validator's report)."""
    sa, ra, pa = before
    sb, rb, pb = after
    changes = shift_changes(ra, rb)
    wa, wb = _honoured(pa), _honoured(pb)
    lost: dict[str, list[str]] = {}
    gained: dict[str, list[str]] = {}
    for key in sorted(set(wa) | set(wb)):
        was, now = wa.get(key), wb.get(key)
        label = f"{key[1]:%a %d %b}: {key[2]}"
        if was and now is False:
            lost.setdefault(key[0], []).append(label)
        elif was is False and now:
            gained.setdefault(key[0], []).append(label)
    ha, hb = _minutes(sa, ra), _minutes(sb, rb)
    da, db = _headroom(sa, ra), _headroom(sb, rb)
    counted: dict[str, dict[str, int]] = {}
    for c in changes:
        counted.setdefault(c.employee_id, {"added": 0, "removed": 0, "moved": 0})[c.kind] += 1
    names = {e.id: e.name for e in (*sa.employees, *sb.employees)}
    rows = []
    for e in sb.employees:
        if e.id not in counted and e.id not in lost and e.id not in gained:
            continue
        n = counted.get(e.id, {"added": 0, "removed": 0, "moved": 0})
        paid_a, net_a = ha.get(e.id, (0, 0))
        paid_b, net_b = hb[e.id]
        head_a, head_b = da.get(e.id), db.get(e.id)
        rows.append(
            {
                "employee_id": e.id,
                "name": names[e.id],
                **n,
                "changes": sum(n.values()),
                "wishes_lost": len(lost.get(e.id, [])),
                "wishes_gained": len(gained.get(e.id, [])),
                "paid_before": hmm(paid_a),
                "paid_after": hmm(paid_b),
                "paid_change": hmm(paid_b - paid_a, signed=True),
                "net_before": hmm(net_a, signed=True),
                "net_after": hmm(net_b, signed=True),
                "headroom_before": "opted out" if head_a is None else f"{head_a:g} h",
                "headroom_after": "opted out" if head_b is None else f"{head_b:g} h",
            }
        )
    people = pd.DataFrame.from_records(rows, columns=list(DIFF_COLUMNS))
    short_a = float(shortfalls(sa, ra)["person_hours_short"].sum())
    short_b = float(shortfalls(sb, rb)["person_hours_short"].sum())
    return RosterDiff(people, changes, lost, gained, round(short_a, 2), round(short_b, 2))
