"""Hours per person: what the contract asks for, what is rostered, and what is banked.

The figures are the validator's (``roster.validation.hours_balances``
on ``roster.domain.contract`` targets; docs/rules.md, CONTRACT_HOURS and
ACCRUAL): ``net = rostered paid minutes - target``; a positive net is banked,
a negative net is taken back from the usable balance.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from roster.domain import Roster, Scenario, toil_account
from roster.domain.flexi import flexi_opening
from roster.reports._fmt import hmm
from roster.timegrid import accounting_period_start
from roster.validation import hours_balances

HOURS_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "pattern",
    "contract_hours",
    "target_minutes",
    "rostered_minutes",
    "net_minutes",
    "banked_minutes",
    "taken_minutes",
    "days_worked",
    "usable_balance_minutes",
    "expiring_balance_minutes",
    "bank_limit_minutes",
    "toil_opening_minutes",
    "toil_earned_minutes",
    "toil_taken_minutes",
    "toil_balance_minutes",
    "toil_cap_minutes",
    "flexi_opening_minutes",
    "flexi_balance_minutes",
    "target",
    "rostered",
    "net",
    "usable_balance",
    "bank_limit",
    "accrual_room",
    "toil",
    "flexi",
    "status",
)
"""Fixed columns of :func:`hours_frame`; one ``room <period start>`` column per accounting period follows."""


def room_column(period_start: dt.date) -> str:
    """Name of the column holding the accrual room of the period starting ``period_start``."""
    return f"room {period_start.isoformat()}"


def hours_frame(scenario: Scenario, roster: Roster) -> pd.DataFrame:
    """One row per person, in the scenario's order.

    * ``contract_hours``: hours per week; ``target_minutes``: the period's
      target after leave and closure credit (:func:`roster.domain.contract_target`);
    * ``rostered_minutes``: paid minutes of the person's shifts on roster dates;
    * ``net_minutes = rostered - target``; ``banked_minutes`` / ``taken_minutes``
      its positive and negative parts; ``days_worked``: dates with a shift;
    * ``usable_balance_minutes``: banked earlier and still usable (the most that
      may be taken back); ``expiring_balance_minutes``: the part of it that
      lapses by the roster's end unless taken back;
    * ``bank_limit_minutes``: the most this roster may bank,
      ``Σ_p min(daily limit x days worked in p, room_p)``;
    * ``toil_opening_minutes``, ``toil_earned_minutes``, ``toil_taken_minutes``,
      ``toil_balance_minutes``, ``toil_cap_minutes``: time off in lieu held at the start, earned by
      extra shifts, taken, held at the end, and the cap (:func:`roster.domain.toil_account`);
      ``toil``: the balance and cap as text (empty for relief staff and anyone with none);
    * ``flexi_opening_minutes``, ``flexi_balance_minutes``: a flexi team's balance at the start
      and at the end (the start plus ``net``); ``flexi``: the end balance and its bounds as text
      (empty outside a flexi team);
    * ``room <date>``: for each accounting period the roster touches (by its
      start date), the minutes that may still be banked in it;
    * ``target``, ``rostered``, ``net``, ``usable_balance``, ``bank_limit``:
      the same as ``h:mm`` text (``net`` signed); ``accrual_room``: the rooms
      as text; ``status``: ``banks 0:22``, ``takes back 1:00``, ``on contract`` or, for relief staff (no
      contracted hours, nothing banked), ``relief: paid as worked``.
    """
    rule = scenario.service.accrual
    balances = hours_balances(scenario, roster)
    days = set(scenario.service.days)
    period_ids = sorted({p for hb in balances for p in hb.target.accrual_room})
    records: list[dict[str, object]] = []
    for emp, hb in zip(scenario.employees, balances, strict=True):
        ct = hb.target
        worked = {s.date for s in roster.shifts if s.employee_id == emp.id and s.date in days}
        rostered, net, limit = hb.paid, hb.net, hb.bankable
        if emp.relief:
            status = "relief: paid as worked"
        elif scenario.service.flexi is not None:
            status = f"flexi {hmm(net, signed=True)}" if net else "on contract"
        elif net > 0:
            status = f"banks {hmm(net)}"
        elif net < 0:
            status = f"takes back {hmm(-net)}"
        else:
            status = "on contract"
        acc = toil_account(scenario, emp)
        flexi = scenario.service.flexi
        flexi_open = flexi_opening(scenario, emp) if flexi is not None and not emp.relief else 0
        flexi_end = flexi_open + net if flexi is not None and not emp.relief else 0
        record: dict[str, object] = {
            "id": emp.id,
            "name": emp.name,
            "pattern": emp.pattern,
            "contract_hours": float(emp.hours_per_week),
            "target_minutes": ct.target_minutes,
            "rostered_minutes": rostered,
            "net_minutes": net,
            "banked_minutes": max(0, net),
            "taken_minutes": max(0, -net),
            "days_worked": len(worked),
            "usable_balance_minutes": ct.usable_balance,
            "expiring_balance_minutes": ct.expiring_balance,
            "bank_limit_minutes": limit,
            "toil_opening_minutes": acc.opening,
            "toil_earned_minutes": acc.earned,
            "toil_taken_minutes": acc.taken,
            "toil_balance_minutes": acc.closing,
            "toil_cap_minutes": acc.cap,
            "flexi_opening_minutes": flexi_open,
            "flexi_balance_minutes": flexi_end,
            "target": hmm(ct.target_minutes),
            "rostered": hmm(rostered),
            "net": hmm(net, signed=True),
            "usable_balance": hmm(ct.usable_balance),
            "bank_limit": hmm(limit),
            "accrual_room": "; ".join(
                f"{accounting_period_start(rule.anchor, rule.period_weeks, p)}: {hmm(room)}"
                for p, room in sorted(ct.accrual_room.items())
            ),
            "toil": f"{hmm(acc.closing)} of {hmm(acc.cap)}" if acc.moves and not emp.relief else "",
            "flexi": (
                f"{hmm(flexi_end, signed=True)} (from -{hmm(flexi.max_debit_minutes)} to "
                f"+{hmm(flexi.max_credit_minutes)})"
                if flexi is not None and not emp.relief
                else ""
            ),
            "status": status,
        }
        for p in period_ids:
            record[room_column(accounting_period_start(rule.anchor, rule.period_weeks, p))] = (
                ct.accrual_room.get(p, 0)
            )
        records.append(record)
    rooms = [room_column(accounting_period_start(rule.anchor, rule.period_weeks, p)) for p in period_ids]
    frame = pd.DataFrame.from_records(records, columns=[*HOURS_COLUMNS, *rooms])
    ints = [c for c in HOURS_COLUMNS if c.endswith("_minutes")] + ["days_worked", *rooms]
    for col in ints:
        frame[col] = frame[col].astype("int64")
    frame["contract_hours"] = frame["contract_hours"].astype("float64")
    return frame
