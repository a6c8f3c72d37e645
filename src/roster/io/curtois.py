"""Read one instance of the Curtois & Qu shift-scheduling benchmark as a :class:`Scenario`.

The benchmark (schedulingbenchmarks.org, "Instances 1-24"; format in
``../shared/benchmarks/curtois/README.md``) maps one to one onto the
shift-type service: SHIFTS are :class:`ShiftType` (``ForbiddenNext`` is
``not_followed_by``), STAFF rows are :class:`ShiftLimits`, DAYS_OFF are
:class:`DayOff`, SHIFT_ON/OFF_REQUESTS are :class:`ShiftRequest` and COVER
lines are dated :class:`ShiftCover` lines with their own weights.

Everything the benchmark does not have is switched off, so that the engine's
objective *is* the benchmark's objective (cover plus requests):

* shift types have lengths but no clock times; each gets a synthetic start:
  types sorted longest first (file order among equals), type ``k`` runs from
  ``k x slot`` for its length, ``slot`` the largest of 60, 30 and 15 minutes on
  which every type still ends by 24:00, so no shift overlaps the next date's;
* the service is worked 00:00-24:00 every day, with no opening times (no slot
  cover), no breaks, no daily, weekly or fortnightly rest, a 168-hour average
  week (WTR_AVERAGE adds nothing) and no unpopular patterns;
* everyone is relief staff (no contracted hours, so no CONTRACT_HOURS target
  and no banked time), self-rostered, without skills or date of birth;
* every weight that is not the benchmark's own (slot cover, day preferences,
  fairness, accrual) is 0.

Day ``i`` of the instance is ``start + i`` days. A mistake in the file raises
:class:`~roster.io.errors.InputError` naming the file, the line (``row``, the
line number counted from 1) and the field, with the README's field names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from roster.domain import (
    AccrualRule,
    BreakRule,
    DayOff,
    Employee,
    Scenario,
    ScenarioError,
    Service,
    ShiftCover,
    ShiftLength,
    ShiftLimits,
    ShiftRequest,
    ShiftType,
    TimeRange,
    Weights,
    WorkingTimeRules,
)
from roster.io._messages import first_row_error
from roster.io.errors import InputError
from roster.timegrid import MINUTES_PER_DAY, WEEKDAYS

DEFAULT_START = dt.date(2027, 1, 4)
"""A Monday: the instances start on a Monday (day index 0)."""

SLOT_CHOICES = (60, 30, 15)
"""Grids tried for the synthetic shift starts, coarsest first (fewer slots, smaller model)."""

FIELDS: dict[str, tuple[str, ...]] = {
    "HORIZON": ("Days",),
    "SHIFTS": ("ShiftID", "LengthMinutes", "ForbiddenNext"),
    "STAFF": (
        "ID",
        "MaxShifts",
        "MaxTotalMinutes",
        "MinTotalMinutes",
        "MaxConsecutiveShifts",
        "MinConsecutiveShifts",
        "MinConsecutiveDaysOff",
        "MaxWeekends",
    ),
    "DAYS_OFF": ("EmployeeID", "Day"),
    "SHIFT_ON_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "SHIFT_OFF_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "COVER": ("Day", "ShiftID", "Requirement", "WeightUnder", "WeightOver"),
}
"""The fields of each section's lines, as the benchmark's README names them."""

_LIMIT_FIELDS = {
    "employee_id": "ID",
    "max_shifts": "MaxShifts",
    "max_total_minutes": "MaxTotalMinutes",
    "min_total_minutes": "MinTotalMinutes",
    "max_consecutive_days": "MaxConsecutiveShifts",
    "min_consecutive_days": "MinConsecutiveShifts",
    "min_consecutive_days_off": "MinConsecutiveDaysOff",
    "max_weekends": "MaxWeekends",
}
_TABLE_FIELDS: dict[str, dict[str, str]] = {
    "shift_limits": _LIMIT_FIELDS,
    "days_off": {"employee_id": "EmployeeID", "date": "Day"},
    "shift_requests": {
        "employee_id": "EmployeeID",
        "date": "Day",
        "shift_type": "ShiftID",
        "weight": "Weight",
    },
    "shift_cover": {
        "day": "Day",
        "shift_type": "ShiftID",
        "requirement": "Requirement",
        "under_weight": "WeightUnder",
        "over_weight": "WeightOver",
    },
    "employees": {"id": "ID"},
    "shift_types": {"id": "ShiftID"},
}

M = TypeVar("M", bound=BaseModel)


@dataclass
class _Line:
    number: int
    section: str
    fields: list[str]


@dataclass
class _Parsed:
    """The file's lines by section, and the line each scenario row came from."""

    label: str
    sections: dict[str, list[_Line]] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)

    def error(self, line: _Line | int | None, name: str | None, message: str) -> InputError:
        number = line.number if isinstance(line, _Line) else line
        return InputError(self.label, number, name, message)

    def value(self, line: _Line, i: int) -> str:
        return line.fields[i].strip()

    def integer(self, line: _Line, i: int) -> int:
        text = self.value(line, i)
        # "-0" occurs in the original files (Instance15's cover) and means 0.
        if not re.fullmatch(r"[+-]?\d+", text) or int(text) < 0:
            name = FIELDS[line.section][min(i, len(FIELDS[line.section]) - 1)]
            raise self.error(line, name, f"{text!r} is not a whole number (0 or more)")
        return int(text)

    def build(self, line: _Line, table: str, cls: type[M], **values: object) -> M:
        """``cls(**values)``, a pydantic error becoming an InputError on ``line``."""
        try:
            obj = cls(**values)
        except ValidationError as exc:
            name, message = first_row_error(exc, cls)
            raise self.error(line, _TABLE_FIELDS.get(table, {}).get(name or "", name), message) from None
        self.rows.setdefault(table, []).append(line.number)
        return obj


def _split(path: Path, label: str) -> _Parsed:
    parsed = _Parsed(label)
    section: str | None = None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(label, None, None, f"cannot read the file: {exc}") from None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("SECTION_"):
            name = stripped.removeprefix("SECTION_")
            if name not in FIELDS:
                known = ", ".join(f"SECTION_{s}" for s in FIELDS)
                raise InputError(label, number, "section", f"unknown section {stripped!r}; known: {known}")
            if name in parsed.sections:
                raise InputError(label, number, "section", f"{stripped} appears twice")
            section = name
            parsed.sections[name] = []
            continue
        if section is None:
            raise InputError(label, number, "section", "data before the first SECTION_ line")
        parsed.sections[section].append(_Line(number, section, raw.split(",")))
    for name in ("HORIZON", "SHIFTS", "STAFF"):
        if not parsed.sections.get(name):
            raise InputError(label, None, "section", f"SECTION_{name} is missing or empty")
    return parsed


def _check_count(p: _Parsed, line: _Line) -> None:
    names = FIELDS[line.section]
    n = len(line.fields)
    if n < len(names):
        raise p.error(
            line,
            names[n],
            f"{line.section} line has {n} field(s); missing {names[n]} (fields: {', '.join(names)})",
        )
    if n > len(names):
        raise p.error(
            line,
            None,
            f"{line.section} line has {n} fields; expected {len(names)}: {', '.join(names)}",
        )


def _slot(lengths: list[int]) -> int | None:
    """Largest grid on which the types, longest first, fit one after another in a day."""
    ordered = sorted(lengths, reverse=True)
    for slot in SLOT_CHOICES:
        if all(n % slot == 0 for n in ordered) and all(
            k * slot + n <= MINUTES_PER_DAY for k, n in enumerate(ordered)
        ):
            return slot
    return None


def _shift_types(p: _Parsed) -> tuple[tuple[ShiftType, ...], int]:
    lines = p.sections["SHIFTS"]
    ids: list[str] = []
    lengths: list[int] = []
    for line in lines:
        _check_count(p, line)
        sid = p.value(line, 0)
        if not sid:
            raise p.error(line, "ShiftID", "empty shift id")
        if sid in ids:
            raise p.error(line, "ShiftID", f"shift {sid!r} is defined twice")
        length = p.integer(line, 1)
        if not 15 <= length <= MINUTES_PER_DAY:
            raise p.error(line, "LengthMinutes", f"{length} minutes must be between 15 and 1440")
        ids.append(sid)
        lengths.append(length)
    order = sorted(range(len(ids)), key=lambda i: -lengths[i])  # stable: file order among equals
    slot = _slot(lengths)
    if slot is None:
        finest = SLOT_CHOICES[-1]
        bad = next(
            (i for i in order if lengths[i] % finest),
            next((i for k, i in enumerate(order) if k * finest + lengths[i] > MINUTES_PER_DAY), order[-1]),
        )
        raise p.error(
            lines[bad],
            "LengthMinutes",
            f"the {len(lengths)} shift types cannot start {finest} minutes apart, longest first, on "
            f"a {finest}-minute grid and each end by 24:00 (shift {ids[bad]!r} does not fit)",
        )
    start = {i: k * slot for k, i in enumerate(order)}
    types: list[ShiftType] = []
    for i, line in enumerate(lines):
        nxt = [s.strip() for s in p.value(line, 2).split("|") if s.strip()]
        for s in nxt:
            if s not in ids:
                raise p.error(line, "ForbiddenNext", f"unknown shift {s!r}; shifts are {', '.join(ids)}")
        types.append(
            p.build(
                line,
                "shift_types",
                ShiftType,
                id=ids[i],
                start=start[i],
                end=start[i] + lengths[i],
                not_followed_by=tuple(nxt),
            )
        )
    return tuple(types), slot


def _limits(p: _Parsed, line: _Line, type_ids: list[str], horizon: int) -> ShiftLimits:
    """One STAFF line. A minimum of 0 is no minimum; a maximum run longer than both the
    horizon and ShiftLimits allows is no maximum (the same rule)."""
    _check_count(p, line)
    max_shifts: dict[str, int] = {}
    for part in p.value(line, 1).split("|"):
        if not part.strip():
            continue
        key, sep, count = part.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"\d+", count.strip()):
            raise p.error(line, "MaxShifts", f"{part.strip()!r} is not ShiftID=count")
        if key not in type_ids:
            raise p.error(line, "MaxShifts", f"unknown shift {key!r}; shifts are {', '.join(type_ids)}")
        max_shifts[key] = int(count)
    values = [p.integer(line, i) for i in range(2, 8)]
    return p.build(
        line,
        "shift_limits",
        ShiftLimits,
        employee_id=p.value(line, 0),
        max_shifts=max_shifts,
        max_total_minutes=values[0],
        min_total_minutes=values[1],
        max_consecutive_days=None if values[2] >= max(horizon, 85) else values[2],
        min_consecutive_days=values[3] or None,
        min_consecutive_days_off=values[4] or None,
        max_weekends=values[5],
    )


def load_curtois(path: Path, start: dt.date = DEFAULT_START) -> Scenario:
    """The instance at ``path`` as a scenario whose objective is the benchmark's objective.

    ``start`` (a Monday) is the date of day index 0.
    """
    if start.weekday() != 0:
        raise ValueError(f"start {start} is not a Monday")
    path = Path(path)
    p = _split(path, str(path))

    horizon_lines = p.sections["HORIZON"]
    if len(horizon_lines) > 1:
        raise p.error(horizon_lines[1], "Days", "SECTION_HORIZON holds one number, the days of the horizon")
    hline = horizon_lines[0]
    _check_count(p, hline)
    horizon = p.integer(hline, 0)
    if horizon == 0 or horizon % 7:
        raise p.error(hline, "Days", f"horizon {horizon} days is not a whole number of weeks")
    days = [start + dt.timedelta(days=i) for i in range(horizon)]

    types, slot = _shift_types(p)
    type_ids = [t.id for t in types]

    def day_of(line: _Line, i: int) -> dt.date:
        d = p.integer(line, i)
        if d >= horizon:
            raise p.error(
                line,
                FIELDS[line.section][min(i, len(FIELDS[line.section]) - 1)],
                f"day {d} is outside the horizon 0..{horizon - 1}",
            )
        return days[d]

    def shift_of(line: _Line, i: int) -> str:
        sid = p.value(line, i)
        if sid not in type_ids:
            raise p.error(line, "ShiftID", f"unknown shift {sid!r}; shifts are {', '.join(type_ids)}")
        return sid

    employees: list[Employee] = []
    limits: list[ShiftLimits] = []
    for line in p.sections["STAFF"]:
        lim = _limits(p, line, type_ids, horizon)
        if any(e.id == lim.employee_id for e in employees):
            raise p.error(line, "ID", f"employee {lim.employee_id!r} is listed twice")
        employees.append(
            p.build(
                line,
                "employees",
                Employee,
                id=lim.employee_id,
                name=lim.employee_id,
                hours_per_week=0,
                pattern="self",
            )
        )
        limits.append(lim)
    staff = {e.id for e in employees}

    def employee_of(line: _Line) -> str:
        eid = p.value(line, 0)
        if eid not in staff:
            listed = ", ".join(sorted(staff))
            raise p.error(line, "EmployeeID", f"unknown employee {eid!r}; STAFF lists {listed}")
        return eid

    days_off: list[DayOff] = []
    seen_off: set[tuple[str, dt.date]] = set()
    for line in p.sections.get("DAYS_OFF", []):
        eid = employee_of(line)
        for i in range(1, len(line.fields)):
            if not p.value(line, i):
                continue
            day = day_of(line, i)
            if (eid, day) in seen_off:
                continue  # listed twice: the same day off
            seen_off.add((eid, day))
            days_off.append(p.build(line, "days_off", DayOff, employee_id=eid, date=day))

    requests: list[ShiftRequest] = []
    for kind in ("on", "off"):
        for line in p.sections.get(f"SHIFT_{kind.upper()}_REQUESTS", []):
            _check_count(p, line)
            requests.append(
                p.build(
                    line,
                    "shift_requests",
                    ShiftRequest,
                    employee_id=employee_of(line),
                    date=day_of(line, 1),
                    kind=kind,
                    shift_type=shift_of(line, 2),
                    weight=p.integer(line, 3),
                )
            )

    cover: list[ShiftCover] = []
    for line in p.sections.get("COVER", []):
        _check_count(p, line)
        cover.append(
            p.build(
                line,
                "shift_cover",
                ShiftCover,
                day=day_of(line, 0).isoformat(),
                shift_type=shift_of(line, 1),
                requirement=p.integer(line, 2),
                under_weight=p.integer(line, 3),
                over_weight=p.integer(line, 4),
            )
        )

    lengths = [t.minutes for t in types]
    try:
        service = Service(
            name=f"Curtois {path.stem}",
            start_date=start,
            weeks=horizon // 7,
            slot_minutes=slot,
            opening={d: None for d in WEEKDAYS},
            bandwidth={d: TimeRange(start=0, end=MINUTES_PER_DAY) for d in WEEKDAYS},
            breaks=BreakRule(threshold_minutes=MINUTES_PER_DAY, max_continuous_work=MINUTES_PER_DAY),
            shift_length=ShiftLength(min_minutes=min(lengths), max_minutes=max(lengths)),
            accrual=AccrualRule(anchor=start),
            bank_holidays="none",  # the benchmark's days are all working days
            unpopular=(),
            working_time=WorkingTimeRules(
                daily_rest_minutes=0,
                young_daily_rest_minutes=0,
                weekly_rest_minutes=0,
                fortnight_rest_minutes=0,
                young_weekly_rest_minutes=0,
                average_max_weekly_minutes=7 * MINUTES_PER_DAY,
            ),
            shift_types=types,
        )
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in err["loc"]) or None
        if where == "weeks":
            raise p.error(hline, "Days", f"horizon of {horizon // 7} weeks: {err['msg']}") from None
        raise p.error(None, where, f"the instance makes no valid service: {err['msg']}") from None
    try:
        return Scenario(
            service=service,
            employees=tuple(employees),
            shift_limits=tuple(limits),
            days_off=tuple(days_off),
            shift_requests=tuple(requests),
            shift_cover=tuple(cover),
            weights=BENCHMARK_WEIGHTS,
        )
    except ScenarioError as exc:
        rows = p.rows.get(exc.table, [])
        number = rows[exc.index] if exc.index is not None and exc.index < len(rows) else None
        name = _TABLE_FIELDS.get(exc.table, {}).get(exc.field or "", exc.field)
        raise p.error(number, name, exc.message) from None


BENCHMARK_WEIGHTS = Weights(
    **{name: 0 for name in Weights.model_fields if name not in ("strong_multiplier", "fairness_base")}
)
"""Only the instance's own weights (cover lines, requests) cost anything: every weight is 0
(a weight added later included), but the two multipliers, which must be at least 1 and
multiply weights that are 0 here."""
