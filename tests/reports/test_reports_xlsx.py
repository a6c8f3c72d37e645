"""write_roster_xlsx: the workbook reopens with the right sheets and cells."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from reports.tiny import hand_roster, tiny_scenario
from roster.io.xlsx_roster import write_roster_xlsx
from roster.validation import cover_table


def test_workbook_has_a_sheet_per_week_and_cover(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(tiny_scenario(), hand_roster(), path, cover_table(tiny_scenario(), hand_roster()))
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]
    wb = load_workbook(path)
    assert wb.sheetnames == ["Week 1 (2027-01-04)", "Cover"]

    week = wb["Week 1 (2027-01-04)"]
    header = [c.value for c in week[1]]
    assert header[:5] == ["id", "name", "skills", "contract h/week", "Mon 04 Jan"]
    assert header[-1] == "paid hours"
    rows = {r[0]: r for r in week.iter_rows(min_row=2, values_only=True)}
    assert rows["E1"][:4] == ("E1", "Ann", "advisor;welsh", 37)
    assert rows["E1"][4] == "08:30-16:00 (break 12:00)"
    assert rows["E1"][5] == "off"
    assert rows["E3"][4] == "10:00-14:00"
    assert rows["E3"][6] == "leave: annual_leave"
    assert rows["E2"][-1] == "15:30"
    assert rows["E1"][-1] == "7:00"


def test_cover_sheet_shows_min_max_rostered_and_marks_short_cells(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(tiny_scenario(), hand_roster(), path, cover_table(tiny_scenario(), hand_roster()))
    ws = load_workbook(path)["Cover"]
    header = [c.value for c in ws[1]]
    assert header == [
        "date",
        "day",
        "slot",
        "team min",
        "team max",
        "team rostered",
        "advisor min",
        "advisor max",
        "advisor rostered",
        "welsh min",
        "welsh max",
        "welsh rostered",
    ]
    found = None
    for row in ws.iter_rows(min_row=2):
        if row[0].value.date().isoformat() == "2027-01-04" and row[2].value == "16:00-16:15":
            found = row
    assert found is not None
    values = [c.value for c in found[3:]]
    assert values == [0, None, 1, 2, 2, 1, 1, None, 0]
    advisor_rostered, welsh_rostered, team_rostered = found[8], found[11], found[5]
    assert advisor_rostered.fill.start_color.rgb == "FFF4806A"
    assert welsh_rostered.fill.start_color.rgb == "FFF4806A"
    assert team_rostered.fill.fill_type is None
