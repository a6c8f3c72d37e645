"""Helpers for the io tests: a tiny valid scenario folder (3 people, one week) to break."""

from __future__ import annotations

from pathlib import Path

SERVICE_YAML = """\
name: Test Contact Centre
start_date: 2027-01-04        # a Monday
weeks: 1
opening:
  mon: {start: "08:30", end: "17:00"}
  tue: {start: "08:30", end: "17:00"}
  wed: {start: "08:30", end: "17:00"}
  thu: {start: "08:30", end: "17:00"}
  fri: {start: "08:30", end: "16:30"}
exceptions:
  - {date: 2027-01-07, opening: {start: "10:00", end: "17:00"}, reason: training morning}
accrual: {anchor: 2026-12-07}
"""

TABLES = {
    "employees": """\
id,name,skills,hours_per_week,days_per_week,pattern
E1,Ann Jones,advisor;welsh,37,5,self
E2,Bob Smith,advisor,22.5,3,self
E3,Cat Evans,advisor,30,4,fixed
""",
    "staffing": """\
day,start,end,skill,min,max
mon,08:30,17:00,,2,
tue,09:00,12:00,welsh,1,1
""",
    "leave": """\
employee_id,start_date,end_date,start,end,type
E2,2027-01-06,2027-01-06,,,annual_leave
""",
    "preferences": """\
employee_id,date,kind,start,end,strength
E1,2027-01-05,shift,09:00,17:00,strong
E2,2027-01-04,off,,,
""",
    "wishes": """\
employee_id,weekday,kind,time,strength
E1,fri,finish_by,15:00,prefer
""",
    "fixed_shifts": """\
employee_id,date,start,end,break_start
E3,2027-01-04,08:00,16:00,12:00
""",
    "banked": """\
employee_id,period_start,minutes
E1,2026-12-07,30
""",
    "fairness": """\
employee_id,gave_way
E2,1
""",
}


def write_valid(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "service.yaml").write_text(SERVICE_YAML)
    for name, text in TABLES.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old`` in ``path`` (fails loudly when absent)."""
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new))


def append_to(path: Path, line: str) -> None:
    path.write_text(path.read_text() + line + "\n")
