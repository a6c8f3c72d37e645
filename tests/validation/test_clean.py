"""A clean roster: no violation at all and an objective worked out by hand."""

from __future__ import annotations

import subprocess
import sys

from roster.domain import Roster, Scenario
from roster.validation import validate

from .conftest import day, employee, roster, scenario, weekdays


def clean_case() -> tuple[Scenario, Roster]:
    sc = scenario(
        [employee("A", hours=30, skills="advisor"), employee("B", hours=20, skills="advisor")],
        staffing=[{"day": "mon", "start": "10:00", "end": "11:00", "min": 1, "max": 2}],
        preferences=[{"employee_id": "B", "date": day(1), "kind": "shift", "start": "09:00", "end": "13:00"}],
        wishes=[{"employee_id": "A", "weekday": "fri", "kind": "finish_by", "time": "15:00"}],
        fairness=[{"employee_id": "B", "gave_way": 1}],
    )
    # A: 5 x 6 h (no break needed: 6 h is not longer than 6 h) = 30 h = target 1800 min.
    # B: 5 x 4 h = 20 h = target 1200 min. Monday 10:00-11:00: A and B on duty (min 1, max 2).
    rs = roster(*weekdays("A", "09:00", "15:00"), *weekdays("B", "10:00", "14:00"))
    return sc, rs


def test_clean_roster_has_no_violation_and_a_known_objective() -> None:
    sc, rs = clean_case()
    report = validate(sc, rs)
    assert report.violations == ()
    assert report.is_feasible
    # PREFERENCES: B wished 09:00-13:00 on Tuesday, works 10:00-14:00: 1 x (60 + 60) = 120.
    #   A's standing "finish by 15:00" on Friday is met (ends 15:00): 0.
    # FAIRNESS: max((4 + 0) x 0, (4 + 1) x 120) = 600, x fairness_max 1 = 600;
    #   no unpopular shift (nobody starts before 08:00, ends after 18:00, or after 15:00 on Friday).
    # ACCRUAL: both nets are 0, nothing banked or lapsing.
    # COVERAGE: met. Objective = 120 + 600 = 720.
    assert report.objective == 720
    assert report.cost_by_rule() == {"PREFERENCES": 120, "FAIRNESS": 600}
    assert report.cost_by_employee() == {"B": {"PREFERENCES": 120}}
    assert [(w.employee_id, w.date, w.kind, w.honoured, w.cost) for w in report.wishes] == [
        ("A", day(4), "finish_by", True, 0),
        ("B", day(1), "shift", False, 120),
    ]
    assert report.wishes_honoured == 0.5
    assert "objective   720" in report.summary()


def test_validator_never_imports_the_solver_or_pandas() -> None:
    code = (
        "import sys, roster.validation\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('ortools', 'pandas') "
        "or m.startswith('roster.model')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
