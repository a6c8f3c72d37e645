"""48-hour headroom per person and week, in the report and on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from roster.cli import main
from roster.domain import OptOut, Roster
from roster.io import load_scenario, save_scenario
from roster.reports import headroom_frame

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "model"))

from test_average import START, scenario


def test_headroom_from_the_history_alone() -> None:
    # 17 weeks of 8 h weekdays before a one-week roster. The tightest period of the
    # week is the one ending on Monday 3 May: 16 weeks and 6 days of history hold
    # 84 weekdays x 8 h = 672 h of the 17 x 48 h = 816 h, so 144 h are left.
    sc = scenario(40, leave_days=0, daily=8)
    (row,) = headroom_frame(sc, Roster()).to_dict("records")
    assert (row["employee_id"], row["period_end"], row["headroom_hours"]) == ("E1", START.isoformat(), 144.0)
    assert row["average_hours"] == round(672 / 17, 2)
    assert not row["provisional"] and not row["opted_out"]


def test_cli_headroom_reads_the_scenario_folder(tmp_path: Path) -> None:
    sc = scenario(40, leave_days=0, daily=8, opt_outs=(OptOut(employee_id="E1", signed=START),))
    folder = tmp_path / "team"
    save_scenario(sc, folder)
    assert load_scenario(folder) == sc  # history.csv and opt_outs.csv round-trip
    result = CliRunner().invoke(main, ["headroom", str(folder), "--employee", "E1"])
    assert result.exit_code == 0, result.output
    assert "opted out" in result.output and "2027-05-03" in result.output


def test_cli_headroom_names_an_unknown_person(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    save_scenario(scenario(40, leave_days=0, daily=8), folder)
    result = CliRunner().invoke(main, ["headroom", str(folder), "--employee", "Sam"])
    assert result.exit_code == 2
    assert "unknown employee 'Sam'" in result.output


def test_cli_headroom_refuses_a_roster_naming_someone_not_in_the_team(tmp_path: Path) -> None:
    # T1's two weeks typed as 'Tl': those 80 hours would be left out and T1's headroom overstated
    tiny = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
    rows = ["employee_id,date,shift_start,shift_end,break_start,break_end,paid_minutes"]
    for week in (4, 11):
        for day in range(week, week + 5):
            date = f"2027-01-{day:02d}"
            rows.append(f"Tl,{date},{date}T08:00:00,{date}T16:30:00,{date}T12:00:00,{date}T12:30:00,480")
    typo = tmp_path / "roster.csv"
    typo.write_text("\n".join(rows) + "\n")
    result = CliRunner().invoke(main, ["headroom", str(tiny), "--roster", str(typo)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        f"{typo}: the roster has 10 shift(s) for 'Tl' (the first on 2027-01-04), but nobody with that "
        "id is in the team (T1, T2, T3, T4, T5)" in result.output
    )
    checked = CliRunner().invoke(main, ["check", str(tiny), str(typo)])  # what roster check says of it
    assert "a shift for Tl on 2027-01-04, but nobody with that id is in the team" in checked.output
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(typo.read_text().replace("\nTl,", "\nT1,"))
    ok = CliRunner().invoke(main, ["headroom", str(tiny), "--roster", str(fixed), "--employee", "T1"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.count("T1 Asha Patel") == 3
