"""A person's year, date by date: the one reading the yearly calendars share.

The year planner's periods (consecutive roster periods, each a scenario and its roster)
are read date by date for one person. Each date is one :class:`YearDay` of the first kind
that applies:

* ``bank_holiday`` / ``closed``: the service is closed (a bank holiday it closes on, or an
  ``exceptions`` row) and the person has no shift. Leave booked over a closed date is not
  taken on it: the date is credited as a closure (CONTRACT_HOURS), not as leave;
* ``leave``: a whole day of leave (of any type; a weekend inside a week's leave too);
* ``part_leave``: part-day leave, with or without a shift that day;
* ``shift``: a rostered shift;
* ``off``: none of these.

``credit_minutes`` is what CONTRACT_HOURS credits for the date (POLICY.md section 3): a
whole day of credited leave on a date the service can be worked at the week's hours / days per week,
a part day at its length (at most a day's credit), a closed weekday "in accordance with
the contracted hours" (:func:`roster.domain.contract.closed_day_credit`). It is the day's
own credit: the domain's cap of a week's leave credit at the week's contract (a part-timer
booking more days off than they work) is not applied here, so a year's annual leave is
the leave as booked, day by day.

The printable page (:mod:`roster.reports.yearly`), the workbook (:mod:`roster.io.xlsx_year`),
the calendar file (:func:`roster.io.calendar_ics.year_calendar`) and the plot
(:mod:`roster.plotting.year`) all read these days, so they cannot disagree. This reads the
scenario and roster as they are, without the validator.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from roster.domain.contract import closed_day_credit
from roster.domain.employee import Employee
from roster.domain.leave import Leave
from roster.domain.roster import Roster, Shift
from roster.domain.scenario import Scenario
from roster.timegrid import format_clock, is_weekend, minute_of_day

DayKind = Literal["shift", "leave", "part_leave", "bank_holiday", "closed", "off"]

Period = tuple[Scenario, Roster]
"""One roster period of the year: its scenario and its roster."""

LEAVE_CODES: dict[str, str] = {
    "annual_leave": "AL",
    "sick": "SICK",
    "training": "TRN",
    "toil": "TOIL",
    "banked_time": "BT",
    "unpaid": "UNP",
    "compassionate": "CMP",
    "maternity": "MAT",
    "paternity": "PAT",
    "adoption": "ADP",
    "parental": "PAR",
    "other": "OTH",
}
"""The short code of each leave type in a calendar cell."""

LEAVE_NAMES: dict[str, str] = {
    "annual_leave": "Annual leave",
    "sick": "Sick",
    "training": "Training",
    "toil": "Time off in lieu",
    "banked_time": "Banked time taken back",
    "unpaid": "Unpaid leave",
    "compassionate": "Compassionate leave",
    "maternity": "Maternity leave",
    "paternity": "Paternity leave",
    "adoption": "Adoption leave",
    "parental": "Parental leave",
    "other": "Other leave",
}
"""Each leave type as staff read it."""

BANK_HOLIDAY_CODE = "BH"
CLOSED_CODE = "CL"


@dataclass(frozen=True)
class YearDay:
    """One date of a person's year (see the module docstring for the kinds)."""

    date: dt.date
    kind: DayKind
    text: str
    """In words: ``08:30-16:30``, ``Annual leave``, ``08:30-12:30; Annual leave 13:00-17:00``,
    ``Good Friday``, ``Closed: staff training``, ``Off``."""
    code: str
    """For a calendar cell: the shift's times, or ``AL``, ``08:30-12:30 +AL``, ``BH``, ``CL``;
    empty when off."""
    paid_minutes: int
    """Paid minutes of the date's shifts (0 without one)."""
    leave_type: str | None
    """The leave's type on a leave or part-leave date, else ``None``."""
    credit_minutes: int
    """What CONTRACT_HOURS credits for the date: leave or a closure (see the module docstring)."""
    working_day: bool
    """Whether the service can be worked on the date (it has a bandwidth)."""
    shifts: tuple[Shift, ...] = ()
    leave: tuple[Leave, ...] = ()
    """The person's leave rows that cover the date."""


@dataclass(frozen=True)
class YearTotals:
    """A person's year in figures, from their :class:`YearDay` list."""

    rostered_minutes: int
    """Paid minutes of every shift rostered."""
    shifts: int
    annual_leave_days: int
    """Whole days of annual leave taken: on dates the service can be worked (a weekend or a
    closed date inside a week's leave is not a day taken)."""
    annual_leave_part_days: int
    annual_leave_minutes: int
    """The annual leave's credit: whole days at hours / days per week, part days their length."""
    bank_holidays: int
    """Bank holidays the service closed on."""
    bank_holiday_minutes: int
    """Their credit, in accordance with the contracted hours."""
    closed_days: int
    """Other closures (``exceptions`` rows)."""


@dataclass(frozen=True)
class MonthRow:
    """One calendar month of a year grid: the days of dates 1 to 31 (``None`` where no period
    covers the date, or the month has no such date: see ``length``)."""

    month: dt.date
    """The month's first date."""
    length: int
    cells: tuple[YearDay | None, ...]


def _shift_times(shift: Shift, scenario: Scenario) -> str:
    """``08:30-16:30`` (a time past midnight as ``31:00``), a shift type's id before it."""
    start, end = minute_of_day(shift.date, shift.start), minute_of_day(shift.date, shift.end)
    text = f"{format_clock(start)}-{format_clock(end)}"
    kind = scenario.service.type_of(start, end)
    return f"{kind.id} {text}" if kind is not None else text


def _day(sc: Scenario, emp: Employee | None, day: dt.date, shifts: tuple[Shift, ...]) -> YearDay:
    """Classify one date of one person (``emp`` None: not in this period's team)."""
    svc = sc.service
    working = svc.bandwidth_on(day) is not None
    rows = tuple(
        lv
        for lv in sc.leave
        if emp is not None and lv.employee_id == emp.id and lv.start_date <= day <= lv.end_date
    )
    times = ", ".join(_shift_times(s, sc) for s in shifts)
    daily = emp.day_minutes((day - svc.start_date).days // 7) if emp is not None else 0
    whole = next((lv for lv in rows if lv.whole_day), None)
    parts = [(lv, lv.start, lv.end) for lv in rows if lv.start is not None and lv.end is not None]
    exc = svc.exception_on(day)
    kind: DayKind
    leave_type: str | None = None
    credit = 0
    if exc is not None and exc.closed and not shifts:
        credit = closed_day_credit(sc, emp, day) if emp is not None and not is_weekend(day) else 0
        holiday = svc.bank_holiday(day)
        if holiday is not None:
            kind, text, code = "bank_holiday", holiday, BANK_HOLIDAY_CODE
        else:
            kind, text, code = "closed", f"Closed: {exc.reason}" if exc.reason else "Closed", CLOSED_CODE
    elif whole is not None:
        kind, text, code, leave_type = "leave", LEAVE_NAMES[whole.type], LEAVE_CODES[whole.type], whole.type
        credit = daily if working and whole.credited else 0
    elif parts:
        spans = [f"{format_clock(start)}-{format_clock(end)}" for _, start, end in parts]
        said = "; ".join(f"{LEAVE_NAMES[p[0].type]} {span}" for p, span in zip(parts, spans, strict=True))
        first = parts[0][0].type
        kind, leave_type = "part_leave", first
        text = f"{times}; {said}" if times else said
        code = f"{times} +{LEAVE_CODES[first]}" if times else f"{LEAVE_CODES[first]} {spans[0]}"
        length = sum(end - start for lv, start, end in parts if lv.credited)
        credit = min(length, daily) if working else 0
    elif shifts:
        kind, text, code = "shift", times, times
    else:
        school = emp is not None and emp.term_time_only and svc.is_school_holiday(day)
        kind, text, code = "off", "School holiday" if school else "Off", ""
    paid = sum(s.paid_minutes for s in shifts)
    return YearDay(
        date=day,
        kind=kind,
        text=text,
        code=code,
        paid_minutes=paid,
        leave_type=leave_type,
        credit_minutes=credit,
        working_day=working,
        shifts=shifts,
        leave=rows,
    )


def year_days(periods: Sequence[Period], employee_id: str) -> list[YearDay]:
    """Every date of ``periods`` for ``employee_id``, in date order, one :class:`YearDay` each.

    ``periods``: the year's roster periods (their dates may not overlap; a gap between two is
    left out). A period whose team does not include the person gives them days off there;
    a person in none of the teams is a ValueError."""
    if not any(e.id == employee_id for sc, _ in periods for e in sc.employees):
        raise ValueError(f"{employee_id} is in none of the periods' teams")
    out: dict[dt.date, YearDay] = {}
    for sc, roster in periods:
        emp = next((e for e in sc.employees if e.id == employee_id), None)
        mine: dict[dt.date, list[Shift]] = {}
        for s in roster.shifts:
            if s.employee_id == employee_id:
                mine.setdefault(s.date, []).append(s)
        for day in sc.service.days:
            if day in out:
                raise ValueError(f"{day} is in two periods; a year's periods may not overlap")
            shifts = tuple(sorted(mine.get(day, []), key=lambda s: s.start))
            out[day] = _day(sc, emp, day, shifts)
    return [out[d] for d in sorted(out)]


def year_totals(days: Sequence[YearDay]) -> YearTotals:
    """Hours rostered, annual leave taken (days, part days, hours) and bank holidays of ``days``."""
    annual = [d for d in days if d.leave_type == "annual_leave"]
    return YearTotals(
        rostered_minutes=sum(d.paid_minutes for d in days),
        shifts=sum(len(d.shifts) for d in days),
        annual_leave_days=sum(1 for d in annual if d.kind == "leave" and d.working_day),
        annual_leave_part_days=sum(1 for d in annual if d.kind == "part_leave" and d.working_day),
        annual_leave_minutes=sum(d.credit_minutes for d in annual),
        bank_holidays=sum(1 for d in days if d.kind == "bank_holiday"),
        bank_holiday_minutes=sum(d.credit_minutes for d in days if d.kind == "bank_holiday"),
        closed_days=sum(1 for d in days if d.kind == "closed"),
    )


def totals_table(t: YearTotals) -> list[tuple[str, str]]:
    """``t`` as (label, value) rows, as the page and the workbook print them (hours as ``h:mm``)."""

    def hmm(minutes: int) -> str:
        return f"{minutes // 60}:{minutes % 60:02d}"

    return [
        ("Hours rostered", hmm(t.rostered_minutes)),
        ("Shifts", str(t.shifts)),
        ("Annual leave days", str(t.annual_leave_days)),
        ("Annual leave part days", str(t.annual_leave_part_days)),
        ("Annual leave hours", hmm(t.annual_leave_minutes)),
        ("Bank holidays", str(t.bank_holidays)),
        ("Bank holiday hours", hmm(t.bank_holiday_minutes)),
        ("Other closures", str(t.closed_days)),
    ]


def month_rows(days: Sequence[YearDay]) -> list[MonthRow]:
    """``days`` as a year grid: a row per calendar month from the first date's to the last's."""
    if not days:
        return []
    by_date = {d.date: d for d in days}
    first, last = days[0].date.replace(day=1), days[-1].date
    rows = []
    month = first
    while month <= last:
        length = calendar.monthrange(month.year, month.month)[1]
        cells = tuple(by_date.get(month.replace(day=n)) if n <= length else None for n in range(1, 32))
        rows.append(MonthRow(month=month, length=length, cells=cells))
        month = (month + dt.timedelta(days=length)).replace(day=1)
    return rows


def legend(days: Sequence[YearDay]) -> list[tuple[str, DayKind, str]]:
    """(code, kind, meaning) for a calendar's key: a shift, each leave type ``days`` hold, part-day
    leave, bank holidays and closures when there are any, and off."""
    used = {d.leave_type for d in days}
    kinds = {d.kind for d in days}
    out: list[tuple[str, DayKind, str]] = [("08:30-16:30", "shift", "a shift, start-end")]
    out += [(code, "leave", LEAVE_NAMES[lt]) for lt, code in LEAVE_CODES.items() if lt in used]
    if "part_leave" in kinds:
        out.append(("+AL", "part_leave", "part-day leave: after a shift's times, or with the leave's times"))
    if "bank_holiday" in kinds:
        out.append((BANK_HOLIDAY_CODE, "bank_holiday", "bank holiday, the service closed"))
    if "closed" in kinds:
        out.append((CLOSED_CODE, "closed", "the service closed"))
    out.append(("", "off", "off"))
    return out
