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
