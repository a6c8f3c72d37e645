"""What each person owes and may bank over the roster period.

CONTRACT_HOURS (POLICY.md section 3, "How the product treats it"):

    rostered paid minutes = target + accrued - taken back
    target = weekly minutes x weeks - credited leave - closure credit + extra shifts

* each week's contract is ``hours_per_week``, or the week's own hours where the
  person has ``week_hours`` (annualised hours: a seasonal profile), and every
  credit below is at the rate of the week it falls in;
* a whole day of credited leave on a day the service can be worked is
  credited at the week's minutes / days per week; a part day at its length
  (at most one day's credit); credit in one week never exceeds that week's
  contract (a part-timer booking five days off is not credited seven);
* a closed weekday (bank holiday, Mon-Fri) is credited "in accordance with
  the contracted hours of work": for a fixed pattern (compressed or
  staggered hours) the paid minutes of the timetabled shift it cancels, and
  nothing on the person's own day off; otherwise pro rata at the week's minutes /
  5, i.e. 7 h 24 min x hours / 37;
* ``banked_time`` and ``unpaid`` leave are not credited (``toil`` leave is: it is paid from
  the TOIL balance, :mod:`roster.domain.toil`);
* an extra shift (``extra_shifts``, an open shift taken as time off in lieu) is worked beyond
  the contract: its paid minutes are added to the target;
* for term-time-only staff, each school-holiday date the service can be worked
  (and not already on leave) is credited like a day of leave: the contract
  covers term weeks only.

ACCRUAL: net = rostered - target. When net > 0 it is banked: at most
``daily_limit_minutes`` for each day worked and, in each accounting period the
roster touches, at most the cap less what is already banked there. The cap is pro
rata to the contract, ``period_cap_minutes x hours_per_week / standard week`` (444 min x
hours / 37), never to a seasonal week: a part-timer's entitlement does not grow in summer.
When net < 0 it is taken back from the banked balance, oldest first, and may
not exceed the balance still usable (banked in a period whose carry-forward
period has not ended before the roster starts). Balance that reaches the end
of its one carry-forward period by the roster's last day lapses unless it is
taken back.

A flexi team (``flexi:`` in service.yaml, :mod:`roster.domain.flexi`) keeps the same two
bounds with the flexi balance's figures: ``usable_balance`` is how far the roster may fall
short (the opening balance plus the 10 h debit allowed), the one room is how far it may go over
(15 h less the opening balance), and there is no daily limit.

This module is plain arithmetic on the scenario: the model and the
independent validator both read these targets, and each checks the roster
against them in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from roster.domain.employee import Employee
from roster.domain.flexi import flexi_opening
from roster.domain.scenario import Scenario
from roster.domain.toil import extra_paid_minutes
from roster.timegrid import (
    MINUTES_PER_DAY,
    accounting_period_index,
    accounting_period_start,
    is_weekend,
    weekday_name,
)


@dataclass(frozen=True)
class DayAvailability:
    """When a person may work on one date: ``window`` (None: not at all) less ``blocked``."""

    window: tuple[int, int] | None
    blocked: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ContractTarget:
    employee_id: str
    base_minutes: int
    leave_credit: int
    closure_credit: int
    target_minutes: int
    """``max(0, base - closure - leave) + extra``."""
    cap_per_period: int
    accrual_room: dict[int, int] = field(default_factory=dict)
    """Accounting-period index -> minutes that may still be banked in it."""
    period_days: dict[int, tuple[date, ...]] = field(default_factory=dict)
    """Accounting-period index -> the roster dates that fall in it."""
    usable_balance: int = 0
    expiring_balance: int = 0
    daily_limit: int = 0
    """ACCRUAL's limit a day worked: the service's 22 minutes, or a whole day for a flexi team
    (flexi has no daily limit)."""
    flexi: bool = False
    """The person is in a flexi team: usable_balance and accrual_room are the flexi bounds."""
    extra_minutes: int = 0
    """Paid minutes of the person's extra shifts (TOIL): worked beyond the contract, so added
    to the target rather than taken from it."""


def availability(sc: Scenario, emp: Employee, day: date) -> DayAvailability:
    band = sc.service.bandwidth_on(day)
    if band is None:
        return DayAvailability(None)
    if emp.term_time_only and sc.service.is_school_holiday(day):
        return DayAvailability(None)
    blocked: list[tuple[int, int]] = []
    for lv in sc.leave:
        if lv.employee_id != emp.id or not lv.start_date <= day <= lv.end_date:
            continue
        if lv.whole_day:
            return DayAvailability(None)
        assert lv.start is not None and lv.end is not None
        blocked.append((lv.start, lv.end))
    return DayAvailability((band.start, band.end), tuple(sorted(blocked)))


def could_fill(sc: Scenario, emp: Employee, day: date, start: int, end: int) -> bool:
    """Whether ``emp`` could be rostered in ``[start, end)`` of ``day`` (TAKEBACK_COVER).

    A self-rostered person, on a date inside their bandwidth, not on leave over
    that time, not on a term-time holiday or a fixed day off. Fixed-pattern people
    work their timetable and are never asked to fill a gap; relief staff have no
    contract and bank nothing.
    """
    if emp.pattern != "self" or emp.relief or sc.is_day_off(emp.id, day):
        return False
    avail = availability(sc, emp, day)
    if avail.window is None or not (avail.window[0] <= start and end <= avail.window[1]):
        return False
    return not any(bs < end and start < be for bs, be in avail.blocked)


def _leave_credit(sc: Scenario, emp: Employee) -> int:
    svc = sc.service
    per_week: dict[int, int] = {}
    for lv in sc.leave:
        if lv.employee_id != emp.id or not lv.credited:
            continue
        for day in lv.dates():
            if svc.bandwidth_on(day) is None:
                continue  # closed or a day the service is never worked
            week = (day - svc.start_date).days // 7
            if lv.whole_day:
                credit = emp.day_minutes(week)
            else:
                assert lv.start is not None and lv.end is not None
                credit = min(lv.end - lv.start, emp.day_minutes(week))
            per_week[week] = per_week.get(week, 0) + credit
    if emp.term_time_only:
        leave_days = {d for lv in sc.leave if lv.employee_id == emp.id and lv.whole_day for d in lv.dates()}
        for day in svc.days:
            if svc.is_school_holiday(day) and svc.bandwidth_on(day) is not None and day not in leave_days:
                week = (day - svc.start_date).days // 7
                per_week[week] = per_week.get(week, 0) + emp.day_minutes(week)
    total = 0
    for week, credit in per_week.items():
        total += min(credit, emp.week_minutes(week) - _closure_credit_in_week(sc, emp, week))
    return total


def closed_day_credit(sc: Scenario, emp: Employee, day: date) -> int:
    """The credit of one closed weekday: the hours the person was contracted to work that day.

    A fixed-pattern person (``fixed_shifts.csv``, ``compressed.csv``) is credited the paid
    minutes of the timetabled shift the closure cancels (a compressed 9 h 15 day, not
    7 h 24), and nothing on their own day off; anyone else at the week's minutes / 5.
    """
    svc = sc.service
    if emp.pattern != "fixed":
        return round(emp.week_minutes((day - svc.start_date).days // 7) / 5)
    brk = svc.breaks.break_minutes

    def paid(start: int, end: int, break_start: int | None) -> int:
        return end - start - (brk if break_start is not None else 0)

    for f in sc.fixed_shifts:
        if f.employee_id == emp.id and f.date == day:
            return paid(f.start, f.end, f.break_start)
    week = (day - svc.start_date).days // 7
    for cp in sc.compressed:
        wd = weekday_name(day)
        if cp.employee_id == emp.id and wd in cp.days and wd != cp.off_in_week(week):
            return paid(cp.start, cp.end, cp.break_start)
    return 0


def _closure_credit_in_week(sc: Scenario, emp: Employee, week: int) -> int:
    svc = sc.service
    start = svc.start_date + timedelta(days=7 * week)
    days = [start + timedelta(days=i) for i in range(7)]
    credit = sum(closed_day_credit(sc, emp, d) for d in days if not is_weekend(d) and svc.is_closed(d))
    return min(credit, emp.week_minutes(week))


def contract_target(sc: Scenario, emp: Employee) -> ContractTarget:
    svc = sc.service
    rule = svc.accrual
    base = sum(emp.week_minutes(k) for k in range(svc.weeks))
    closure = sum(_closure_credit_in_week(sc, emp, w) for w in range(svc.weeks))
    leave = _leave_credit(sc, emp)
    extra = (
        0
        if emp.relief
        else sum(
            extra_paid_minutes(x, svc.breaks.break_minutes)
            for x in sc.extra_shifts
            if x.employee_id == emp.id
        )
    )
    target = max(0, base - closure - leave) + extra
    cap = round(rule.period_cap_minutes * emp.weekly_minutes / rule.standard_week_minutes)

    period_days: dict[int, list[date]] = {}
    for day in svc.days:
        p = accounting_period_index(rule.anchor, rule.period_weeks, day)
        period_days.setdefault(p, []).append(day)
    banked: dict[int, int] = {}
    for bal in sc.banked:
        if bal.employee_id == emp.id:
            p = accounting_period_index(rule.anchor, rule.period_weeks, bal.period_start)
            banked[p] = banked.get(p, 0) + bal.minutes
    room = {p: max(0, cap - banked.get(p, 0)) for p in period_days}

    if svc.flexi is not None:
        # A flexi team (roster.domain.flexi): the balance settles at the roster's end, within
        # -max_debit and +max_credit; no daily limit, nothing lapses by age.
        opening = flexi_opening(sc, emp)
        p0 = accounting_period_index(rule.anchor, rule.period_weeks, svc.days[0])
        return ContractTarget(
            employee_id=emp.id,
            base_minutes=base,
            leave_credit=leave,
            closure_credit=closure,
            extra_minutes=extra,
            target_minutes=target,
            cap_per_period=svc.flexi.max_credit_minutes,
            accrual_room={p0: max(0, svc.flexi.max_credit_minutes - opening)},
            period_days={p0: tuple(svc.days)},
            usable_balance=max(0, opening + svc.flexi.max_debit_minutes),
            expiring_balance=0,
            daily_limit=MINUTES_PER_DAY,
            flexi=True,
        )
    first, last = svc.days[0], svc.days[-1]
    usable = expiring = 0
    for p, minutes in banked.items():
        # Time banked in period p may be carried into p + 1 only (POLICY.md section 3).
        carry_end = accounting_period_start(rule.anchor, rule.period_weeks, p + 2) - timedelta(1)
        if carry_end < first:
            continue  # already lapsed before this roster
        usable += minutes
        if carry_end <= last:
            expiring += minutes
    return ContractTarget(
        employee_id=emp.id,
        base_minutes=base,
        leave_credit=leave,
        closure_credit=closure,
        extra_minutes=extra,
        target_minutes=target,
        cap_per_period=cap,
        accrual_room=room,
        period_days={p: tuple(d) for p, d in period_days.items()},
        usable_balance=usable,
        expiring_balance=expiring,
        daily_limit=rule.daily_limit_minutes,
    )
