"""The Curtois & Qu benchmark reader (roster.io.curtois): loading, scoring, bad input, one short solve.

The instances are in ../shared/benchmarks/curtois (README.md there gives the
format, the objective and the sanity check used below); tests needing them are
skipped where the folder is absent.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from roster.domain import Roster, Scenario, Shift, ShiftLimits, ShiftRequest, ShiftType, SolverSettings
from roster.io import InputError
from roster.io.curtois import load_curtois
from roster.model import solve
from roster.validation import validate

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"
MONDAY = date(2027, 1, 4)

TINY = """\
# a hand-made instance
SECTION_HORIZON
7

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
A,E=3|L=0,2400,960,4,2,2,1
B,E=7|L=7,2880,0,5,0,0,0

SECTION_DAYS_OFF
A,0,6
B,3

SECTION_SHIFT_ON_REQUESTS
A,2,E,3

SECTION_SHIFT_OFF_REQUESTS
B,4,L,2

SECTION_COVER
0,E,1,100,1
0,L,-0,100,1
"""


def _write(tmp_path: Path, text: str = TINY) -> Path:
    path = tmp_path / "tiny.txt"
    path.write_text(text)
    return path


def _line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def test_instance1_loads() -> None:
    sc = load_curtois(DATA / "Instance1.txt")
    assert len(sc.employees) == 8
    assert len(sc.service.days) == 14
    assert sc.service.start_date == MONDAY
    assert [t.id for t in sc.service.shift_types] == ["D"]
    assert [(t.start, t.end) for t in sc.service.shift_types] == [(0, 480)]
    assert sum(1 for r in sc.shift_requests if r.kind == "on") == 21
    assert sum(1 for r in sc.shift_requests if r.kind == "off") == 5
    assert len(sc.shift_cover) == 14
    assert len(sc.days_off) == 8
    assert all(e.relief and e.pattern == "self" and e.skills == () for e in sc.employees)
    assert sc.shift_limits[0] == ShiftLimits(
        employee_id="A",
        max_shifts={"D": 14},
        max_total_minutes=4320,
        min_total_minutes=3360,
        max_consecutive_days=5,
        min_consecutive_days=2,
        min_consecutive_days_off=2,
        max_weekends=1,
    )


def test_the_empty_roster_of_instance1_scores_7137() -> None:
    # README sanity check: 71 missing people x 100 + 37 of shift-on request weight.
    sc = load_curtois(DATA / "Instance1.txt")
    report = validate(sc, Roster(shifts=()))
    assert report.objective == 7137
    assert report.cost_by_rule() == {"SHIFT_COVER": 7100, "PREFERENCES": 37}
    assert {v.rule for v in report.hard_violations} == {"SHIFT_TYPES"}
    assert len(report.hard_violations) == 8  # everyone below MinTotalMinutes


def curtois_objective(path: Path, worked: dict[tuple[str, int], str]) -> int:
    """The benchmark's objective (README), read straight from the file: ``worked[(e, day)]`` = shift id."""
    section = ""
    cost = 0
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            section = line.removeprefix("SECTION_")
            continue
        f = line.split(",")
        if section in ("SHIFT_ON_REQUESTS", "SHIFT_OFF_REQUESTS"):
            on_it = worked.get((f[0], int(f[1]))) == f[2]
            if on_it == (section == "SHIFT_OFF_REQUESTS"):
                cost += int(f[3])
        elif section == "COVER":
            n = sum(1 for (_, d), s in worked.items() if d == int(f[0]) and s == f[1])
            need = int(f[2])
            cost += int(f[3]) * max(0, need - n) + int(f[4]) * max(0, n - need)
    return cost


def _as_shifts(sc: Scenario, roster: Roster) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for s in roster.shifts:
        start = s.start.hour * 60 + s.start.minute
        t = sc.service.type_of(start, start + s.length_minutes)
        assert t is not None
        out[(s.employee_id, (s.date - sc.service.start_date).days)] = t.id
    return out


@pytest.mark.parametrize("instance", [3, 15])
def test_the_validator_scores_any_roster_as_the_benchmark_does(instance: int) -> None:
    # A random roster (hard rules broken, no matter): the objective is still the benchmark's.
    path = DATA / f"Instance{instance}.txt"
    sc = load_curtois(path)
    rng = random.Random(instance)
    shifts = []
    for emp in sc.employees:
        for day in sc.service.days:
            t = rng.choice([None, *sc.service.shift_types])
            if t is not None:
                begin = datetime.combine(day, datetime.min.time()) + timedelta(minutes=t.start)
                shifts.append(
                    Shift(employee_id=emp.id, date=day, start=begin, end=begin + timedelta(minutes=t.minutes))
                )
    roster = Roster(shifts=tuple(shifts))
    assert validate(sc, roster).objective == curtois_objective(path, _as_shifts(sc, roster))


def test_many_types_fall_back_to_a_finer_grid() -> None:
    # Instance13: 18 types of 8-12 h cannot start an hour apart and end by 24:00.
    sc = load_curtois(DATA / "Instance13.txt")
    types = sc.service.shift_types
    assert sc.service.slot_minutes == 30
    assert len({(t.start, t.end) for t in types}) == len(types) == 18
    assert max(t.end for t in types) <= 24 * 60
    assert sorted(t.start for t in types) == [30 * k for k in range(18)]


def test_a_tiny_instance_round_trips(tmp_path: Path) -> None:
    sc = load_curtois(_write(tmp_path))
    assert sc.service.weeks == 1
    assert sc.service.slot_minutes == 60
    # Longest first: L (600) from 00:00, then E (480) from 01:00.
    assert sc.service.shift_types == (
        ShiftType(id="E", start=60, end=540),
        ShiftType(id="L", start=0, end=600, not_followed_by=("E",)),
    )
    assert (sc.service.shift_length.min_minutes, sc.service.shift_length.max_minutes) == (480, 600)
    assert sc.shift_limits == (
        ShiftLimits(
            employee_id="A",
            max_shifts={"E": 3, "L": 0},
            max_total_minutes=2400,
            min_total_minutes=960,
            max_consecutive_days=4,
            min_consecutive_days=2,
            min_consecutive_days_off=2,
            max_weekends=1,
        ),
        # A minimum of 0 is no minimum.
        ShiftLimits(
            employee_id="B",
            max_shifts={"E": 7, "L": 7},
            max_total_minutes=2880,
            min_total_minutes=0,
            max_consecutive_days=5,
            max_weekends=0,
        ),
    )
    assert [(o.employee_id, (o.date - MONDAY).days) for o in sc.days_off] == [("A", 0), ("A", 6), ("B", 3)]
    assert sc.shift_requests == (
        ShiftRequest(employee_id="A", date=MONDAY + timedelta(days=2), kind="on", shift_type="E", weight=3),
        ShiftRequest(employee_id="B", date=MONDAY + timedelta(days=4), kind="off", shift_type="L", weight=2),
    )
    assert [(c.day, c.shift_type, c.requirement, c.under_weight, c.over_weight) for c in sc.shift_cover] == [
        ("2027-01-04", "E", 1, 100, 1),
        ("2027-01-04", "L", 0, 100, 1),  # "-0" in the file (as in Instance15)
    ]
    # Only the benchmark's objective: no slot cover, rest, breaks, fairness or contracts.
    assert sc.service.opening_on(MONDAY) is None
    assert sc.service.working_time.daily_rest_minutes == 0
    assert sc.service.working_time.weekly_rest_minutes == 0
    assert sc.service.unpopular == ()
    assert sc.weights.fairness_max == 0 and sc.weights.unpopular_max == 0


def test_a_start_date_moves_day_zero(tmp_path: Path) -> None:
    sc = load_curtois(_write(tmp_path), start=date(2030, 1, 7))
    assert sc.service.days[0] == date(2030, 1, 7)
    assert sc.shift_cover[0].day == "2030-01-07"


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("SECTION_DAYS_OFF", "SECTION_HOLIDAYS", "section", "unknown section"),
        ("E,480,", "E,480", "ForbiddenNext", "missing ForbiddenNext"),
        ("E,480,", "E,48o,", "LengthMinutes", "not a whole number"),
        ("L,600,E", "L,600,X", "ForbiddenNext", "unknown shift 'X'"),
        ("E,480,", "E,487,", "LengthMinutes", "shift 'E' does not fit"),
        ("E,480,", "E,1441,", "LengthMinutes", "between 15 and 1440"),
        ("B,E=7|L=7,2880,0,5,0,0,0", "B B,E=7|L=7,2880,0,5,0,0,0", "ID", "B B"),
        ("A,E=3|L=0,2400,960,4,2,2,1", "A,E=3|N=0,2400,960,4,2,2,1", "MaxShifts", "unknown shift 'N'"),
        ("A,E=3|L=0,2400,960,4,2,2,1", "A,E=3|L=0,2400,960,4,2,2,1,9", None, "expected 8"),
        ("A,E=3|L=0,2400,960,4,2,2,1", "A,E=3|L=0,2400,960,4,2,2,x", "MaxWeekends", "not a whole number"),
        ("A,E=3|L=0,2400,960,4,2,2,1", "A,E=3|L=0,960,2400,4,2,2,1", "MaxTotalMinutes", "below"),
        ("A,2,E,3", "Z,2,E,3", "EmployeeID", "unknown employee 'Z'"),
        ("A,2,E,3", "A,7,E,3", "Day", "outside the horizon"),
        ("B,4,L,2", "B,4,N,2", "ShiftID", "unknown shift 'N'"),
        ("0,E,1,100,1", "0,N,1,100,1", "ShiftID", "unknown shift 'N'"),
        ("0,E,1,100,1", "0,E,one,100,1", "Requirement", "not a whole number"),
        ("0,L,-0,100,1", "0,E,2,100,1", "Day", "second line"),
    ],
)
def test_bad_input_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str | None, says: str
) -> None:
    text = TINY.replace(old, new, 1)
    assert text != TINY
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_curtois(path)
    err = info.value
    assert err.file == str(path)
    assert err.row == _line_of(text, new)
    assert err.field == field
    assert says in err.message


def test_a_horizon_of_part_weeks_is_refused(tmp_path: Path) -> None:
    text = TINY.replace("SECTION_HORIZON\n7\n", "SECTION_HORIZON\n10\n")
    with pytest.raises(InputError) as info:
        load_curtois(_write(tmp_path, text))
    assert (info.value.row, info.value.field) == (3, "Days")


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_curtois(tmp_path / "Instance99.txt")


@pytest.mark.slow
def test_a_short_solve_of_instance1_passes_the_validator() -> None:
    sc = load_curtois(DATA / "Instance1.txt")
    result = solve(sc, SolverSettings(time_limit=20, workers=2, seed=0, deterministic_time=3))
    assert result.has_roster
    assert result.objective is not None
    report = validate(sc, result.roster)
    assert report.hard_violations == ()
    assert report.objective == result.objective
    assert report.cost_by_rule() == {k: v for k, v in result.cost_by_rule().items() if v}
    assert 607 <= result.objective < 7137  # 607: the proven optimum (README)
    assert curtois_objective(DATA / "Instance1.txt", _as_shifts(sc, result.roster)) == result.objective
