"""From one roster period to the next: the next scenario made from an accepted roster.

One function, :func:`next_scenario`, carries a roster over (the year planner chains it):

* **History** (WTR_AVERAGE, REST_DAILY): a ``history.csv`` row per person and date of the
  roster: paid hours worked (breaks are not working time), the day's absence type for a
  whole day of leave, the end of the day's shift. A date the service was closed (a bank
  holiday) is recorded as what it was, a closed day with no absence, even inside a week of
  leave: CONTRACT_HOURS credited it as a closure, not as leave taken. Rows older than ``HISTORY_WEEKS`` before
  the new start are dropped (no reference period reaches further back).
* **Banked time** (ACCRUAL, POLICY.md section 3): a person who worked over their target
  banks the difference, accrued as worked: period by period in date order, each period
  taking at most its room (the cap pro rata less what it already holds) and the daily
  limit for each day worked in it. A person under target took banked time back: it is
  deducted from their usable balances, the one lapsing first first. Balances that have
  lapsed by the new start (banked more than one period before it) are dropped.
* **Time off in lieu** (TIME_OFF_IN_LIEU): each person's closing balance (``toil.csv``: the
  opening balance, earned by extra shifts, less TOIL taken) opens the next period; when the
  next period starts in a new leave year at most ``toil.carry_days`` contracted days are
  carried and the notes say what lapsed. Extra shifts are facts of their own period: none
  carry.
* **Flexi balance** (a flexi team, FLEXI): each person's ``flexi.csv`` balance plus the roster's
  net minutes; credit over the most carried lapses and debit beyond the most allowed is carried
  at it, the notes saying so. A flexi team banks nothing (no ``banked.csv``).
* **Fairness**: ``gave_way`` rises by one for each self-rostered person who had a wish
  refused in this roster.
* **Wishes**: the dated preferences and shift requests are left blank for the team to
  fill in; standing wishes (``wishes.csv``) stand.
* **Dated rows** are kept only inside the new period (:func:`within`): leave across its
  edge is cut to it; leave, staffing date rows and exceptions outside it are dropped, and
  history and banked time of a later time than its start (a year plan started before the
  scenario's own period).
  Fixed-pattern shifts and fixed days off repeat: they move forward by the periods'
  distance when it is whole weeks (a fixed pattern repeats weekly), else they are
  dropped and the notes say so.
* **Week by week hours** (``week_hours``, annualised hours) belong to the weeks they were
  given for: the new period starts on ``hours_per_week`` (the contract) until its own weeks
  are given (the year planner gives them from the year plan).
"""

from __future__ import annotations

import datetime as dt

from roster.domain import (
    BankedBalance,
    FairnessRecord,
    FlexiBalance,
    HistoryDay,
    Roster,
    Scenario,
    ToilBalance,
    toil_account,
)
from roster.domain.toil import carry_limit, leave_year_starts
from roster.timegrid import accounting_period_index, accounting_period_start
from roster.validation import ValidationReport, hours_balances

HISTORY_WEEKS = 52
"""History kept before a roster's start: the longest reference period (a year) and more."""


def _banked(sc: Scenario, roster: Roster, start: dt.date) -> tuple[list[BankedBalance], list[str]]:
    rule = sc.service.accrual
    days = set(sc.service.days)
    out: list[BankedBalance] = []
    notes: list[str] = []
    for emp, hb in zip(sc.employees, hours_balances(sc, roster), strict=True):
        mine: dict[int, int] = {}
        for bal in sc.banked:
            if bal.employee_id == emp.id:
                p = accounting_period_index(rule.anchor, rule.period_weeks, bal.period_start)
                mine[p] = mine.get(p, 0) + bal.minutes
        if not emp.relief and hb.net > 0:
            left = hb.net
            worked = {s.date for s in roster.shifts if s.employee_id == emp.id and s.date in days}
            for p in sorted(hb.target.period_days):
                room = hb.target.accrual_room.get(p, 0)
                limit = rule.daily_limit_minutes * sum(1 for d in hb.target.period_days[p] if d in worked)
                take = min(left, room, limit)
                if take > 0:
                    mine[p] = mine.get(p, 0) + take
                    left -= take
            if left > 0:
                notes.append(f"{emp.id}: {left} minutes over target could not be banked (over the cap)")
        elif not emp.relief and hb.net < 0:
            owed = -hb.net
            for p in sorted(mine):  # the balance lapsing first is taken back first
                take = min(owed, mine[p])
                mine[p] -= take
                owed -= take
        for p, minutes in sorted(mine.items()):
            lapses = accounting_period_start(rule.anchor, rule.period_weeks, p + 2) - dt.timedelta(days=1)
            if minutes > 0 and lapses >= start:
                period = accounting_period_start(rule.anchor, rule.period_weeks, p)
                out.append(BankedBalance(employee_id=emp.id, period_start=period, minutes=minutes))
    return out, notes


def _flexi(sc: Scenario, roster: Roster) -> tuple[list[FlexiBalance], list[str]]:
    """A flexi team's closing balances: the opening balance plus the roster's net minutes; credit
    over the most carried lapses, debit beyond the most allowed is carried at it (the notes say
    both: the rest is for a manager to settle)."""
    rule = sc.service.flexi
    assert rule is not None
    out: list[FlexiBalance] = []
    notes: list[str] = []
    for emp, hb in zip(sc.employees, hours_balances(sc, roster), strict=True):
        if emp.relief:
            continue
        balance = sum(b.minutes for b in sc.flexi if b.employee_id == emp.id) + hb.net
        if balance > rule.max_credit_minutes:
            notes.append(
                f"{emp.id}: {balance - rule.max_credit_minutes} minutes of flexi credit lapse "
                f"(at most {rule.max_credit_minutes} are carried)"
            )
            balance = rule.max_credit_minutes
        elif balance < -rule.max_debit_minutes:
            notes.append(
                f"{emp.id}: the flexi balance ends {-balance} minutes in debit, beyond the "
                f"{rule.max_debit_minutes} allowed: carried at -{rule.max_debit_minutes}; settle the rest"
            )
            balance = -rule.max_debit_minutes
        if balance:
            out.append(FlexiBalance(employee_id=emp.id, minutes=balance))
    return out, notes


def _toil(sc: Scenario, start: dt.date) -> tuple[list[ToilBalance], list[str]]:
    """Each person's closing TOIL balance; into a new leave year at most ``carry_days``."""
    rule = sc.service.toil
    crossed = leave_year_starts(rule, sc.service.days[-1], start)
    out: list[ToilBalance] = []
    notes: list[str] = []
    for emp in sc.employees:
        balance = max(0, toil_account(sc, emp).closing)
        if crossed and balance > (limit := carry_limit(rule, emp)):
            notes.append(
                f"{emp.id}: {balance - limit} minutes of time off in lieu lapse at the new leave year "
                f"({crossed[0]}): at most {rule.carry_days:g} days ({limit} minutes) are carried"
            )
            balance = limit
        if balance:
            out.append(ToilBalance(employee_id=emp.id, minutes=balance))
    return out, notes


def _history(sc: Scenario, roster: Roster, start: dt.date) -> list[HistoryDay]:
    days = sc.service.days
    shifts = {(s.employee_id, s.date): s for s in roster.shifts}
    absent = {
        (lv.employee_id, lv.start_date + dt.timedelta(days=k)): lv.type
        for lv in sc.leave
        if lv.start is None
        for k in range((lv.end_date - lv.start_date).days + 1)
    }
    keep_from = start - dt.timedelta(weeks=HISTORY_WEEKS)
    rows = [h for h in sc.history if h.date >= keep_from and h.date < days[0]]
    for emp in sc.employees:
        for d in days:
            s = shifts.get((emp.id, d))
            if s is not None:
                rows.append(
                    HistoryDay(
                        employee_id=emp.id, date=d, hours=round(s.paid_minutes / 60, 4), shift_end=s.end
                    )
                )
            else:
                absence = None if sc.service.is_closed(d) else absent.get((emp.id, d))
                rows.append(HistoryDay(employee_id=emp.id, date=d, hours=0, absence=absence))
    return sorted(rows, key=lambda h: (h.employee_id, h.date))


def within(sc: Scenario, service_start: dt.date) -> Scenario:
    """``sc`` as the roster period from ``service_start``: every dated row kept only inside it
    (a scenario holds only its own period's dates). Leave across the period's edge is cut to it;
    dated wishes, staffing rows, exceptions, fixed shifts and days off outside it are dropped;
    so are history from the period's start on and time banked in accounting periods that start
    after it (facts of a later time, when the period is earlier than the scenario's own), and
    week by week hours (``week_hours``) when the period moves."""
    moved = service_start != sc.service.start_date
    svc = sc.service.model_copy(update={"start_date": service_start})
    days = svc.days
    first, last = days[0], days[-1]
    inside = set(days)
    leave = tuple(
        lv.model_copy(update={"start_date": max(lv.start_date, first), "end_date": min(lv.end_date, last)})
        for lv in sc.leave
        if lv.start_date <= last and lv.end_date >= first
    )
    svc = svc.model_copy(update={"exceptions": tuple(x for x in svc.exceptions if x.date in inside)})
    staffing = tuple(s for s in sc.staffing if not _dated(s.day) or dt.date.fromisoformat(s.day) in inside)
    people = tuple(
        e.model_copy(update={"week_hours": ()}) if moved and e.week_hours else e for e in sc.employees
    )
    return sc.model_copy(
        update={
            "service": svc,
            "employees": people,
            "leave": leave,
            "preferences": tuple(p for p in sc.preferences if p.date in inside),
            "shift_requests": tuple(r for r in sc.shift_requests if r.date in inside),
            "staffing": staffing,
            "fixed_shifts": tuple(f for f in sc.fixed_shifts if f.date in inside),
            "extra_shifts": tuple(x for x in sc.extra_shifts if x.date in inside),
            "days_off": tuple(d for d in sc.days_off if d.date in inside),
            "history": tuple(h for h in sc.history if h.date < first),
            "banked": tuple(b for b in sc.banked if b.period_start <= first),
        }
    )


def _dated(day: str) -> bool:
    """A staffing row for an ISO date (not a weekday)."""
    return len(day) == 10 and day[4] == "-"


def next_scenario(
    sc: Scenario, roster: Roster, report: ValidationReport, start: dt.date
) -> tuple[Scenario, list[str]]:
    """The scenario of the roster period starting ``start`` after ``roster`` of ``sc``
    (see the module docstring), and notes on what could not be carried."""
    svc = sc.service
    last = svc.days[-1]
    if start <= last:
        raise ValueError(f"the next roster must start after this one ends ({last}); {start} is not")
    notes: list[str] = []
    if start > last + dt.timedelta(days=1):
        notes.append(
            f"no roster covers {last + dt.timedelta(days=1)} to {start - dt.timedelta(days=1)}: "
            "add what people worked then to history.csv (the 48-hour average and rest count it)"
        )
    if svc.flexi is None:
        banked, bank_notes = _banked(sc, roster, start)
        flexi: list[FlexiBalance] = []
    else:
        banked, bank_notes = [], []  # a flexi team banks nothing
        flexi, flexi_notes = _flexi(sc, roster)
        notes += flexi_notes
    notes += bank_notes
    toil, toil_notes = _toil(sc, start)
    notes += toil_notes
    selfish = {e.id for e in sc.employees if e.pattern == "self"}
    refused = {w.employee_id for w in report.wishes if not w.honoured and w.employee_id in selfish}
    gave = {f.employee_id: f.gave_way for f in sc.fairness}
    fairness = [
        FairnessRecord(employee_id=e.id, gave_way=gave.get(e.id, 0) + (e.id in refused))
        for e in sc.employees
        if gave.get(e.id, 0) or e.id in refused
    ]
    shift = start - svc.start_date
    weekly = shift.days % 7 == 0
    fixed = tuple(f.model_copy(update={"date": f.date + shift}) for f in sc.fixed_shifts) if weekly else ()
    days_off = tuple(d.model_copy(update={"date": d.date + shift}) for d in sc.days_off) if weekly else ()
    if not weekly and (sc.fixed_shifts or sc.days_off):
        notes.append(
            "fixed-pattern shifts and fixed days off were not carried: the new start is not a whole "
            "number of weeks later; give them in fixed_shifts.csv and days_off.csv"
        )
    elif sc.fixed_shifts or sc.days_off:
        notes.append(f"fixed-pattern shifts and days off repeat {shift.days // 7} weeks later: check them")
    carried = sc.model_copy(
        update={
            "history": tuple(_history(sc, roster, start)),
            "banked": tuple(banked),
            "toil": tuple(toil),
            "flexi": tuple(flexi),
            "extra_shifts": (),
            "fairness": tuple(fairness),
            "preferences": (),
            "shift_requests": (),
            "fixed_shifts": fixed,
            "days_off": days_off,
        }
    )
    out = within(carried, start)
    return out, notes
