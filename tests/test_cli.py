"""The ``roster`` command as a coordinator runs it: solve, check, and bad input.

Exit codes: 0 done, 1 no publishable roster or a hard rule broken, 2 a
mistake in an input file (a message naming file, row and field; no traceback).
"""

from __future__ import annotations

import csv
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_output_checked
from roster.cli import main
from roster.domain.request import DEFAULT_STABILITY, SolveRequest
from roster.io import load_scenario, read_pins_csv, read_roster_csv

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "scenarios" / "tiny"
BAD = ROOT / "tests" / "data" / "bad"
FAST = ["--time-limit", "20", "--workers", "2", "--seed", "0"]


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "tiny"
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(out), *FAST])
    assert result.exit_code == 0, result.output
    assert_output_checked(TINY, out)
    return out, result.output


@pytest.mark.slow
def test_solve_writes_every_output_and_prints_the_summary(solved: tuple[Path, str]) -> None:
    out, output = solved
    for name in (
        "roster.csv",
        "roster.xlsx",
        "cover.csv",
        "shortfalls.csv",
        "hours.csv",
        "wishes.csv",
        "penalties.csv",
        "headroom.csv",
        "cover_heatmap.png",
        "summary.txt",
        "result.json",
    ):
        assert (out / name).stat().st_size > 0, name
    assert "status" in output and "objective" in output
    assert (out / "summary.txt").read_text() in output


@pytest.mark.slow
def test_roster_csv_has_the_exchange_columns(solved: tuple[Path, str]) -> None:
    out, _ = solved
    with (out / "roster.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "employee_id",
        "date",
        "shift_start",
        "shift_end",
        "break_start",
        "break_end",
        "paid_minutes",
    ]
    assert {r["employee_id"] for r in rows} == {"T1", "T2", "T3", "T4", "T5"}
    long_shift = next(r for r in rows if r["break_start"])
    assert long_shift["shift_start"].startswith(long_shift["date"] + "T")


@pytest.mark.slow
def test_check_accepts_the_solved_roster(solved: tuple[Path, str]) -> None:
    out, _ = solved
    result = CliRunner().invoke(main, ["check", str(TINY), str(out / "roster.csv")])
    assert result.exit_code == 0, result.output
    assert "0 hard violation(s)" in result.output


@pytest.mark.slow
def test_check_exits_1_and_names_a_hand_made_breach(solved: tuple[Path, str], tmp_path: Path) -> None:
    # Drop one of T1's shifts: T1 is then short of contract by a whole day.
    out, _ = solved
    lines = (out / "roster.csv").read_text().splitlines()
    victim = next(i for i, line in enumerate(lines) if line.startswith("T1,"))
    edited = tmp_path / "edited.csv"
    edited.write_text("\n".join(lines[:victim] + lines[victim + 1 :]) + "\n")
    result = CliRunner().invoke(main, ["check", str(TINY), str(edited)])
    assert result.exit_code == 1
    assert "HARD  CONTRACT_HOURS" in result.output and "T1" in result.output


@pytest.mark.slow
def test_same_command_twice_gives_the_same_roster(solved: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = solved
    again = tmp_path / "again"
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(again), *FAST])
    assert result.exit_code == 0
    assert (again / "roster.csv").read_text() == (out / "roster.csv").read_text()
    assert_output_checked(TINY, again)


@pytest.mark.parametrize("folder", sorted(p.name for p in BAD.iterdir()))
def test_bad_scenario_exits_2_with_a_located_message(folder: str, tmp_path: Path) -> None:
    # the folder without its expected.toml (the file, row, field and phrase the error must name;
    # left in, it is itself the error: not a file roster reads)
    expected = tomllib.loads((BAD / folder / "expected.toml").read_text())
    scenario = tmp_path / folder
    shutil.copytree(BAD / folder, scenario, ignore=shutil.ignore_patterns("expected.toml"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(scenario), "--out", str(out), *FAST])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    where = expected["file"]
    where += f", row {expected['row']}" if expected["row"] else ""
    where += f", field {expected['field']}" if expected["field"] else ""
    assert f"Error: {where}: " in result.output, result.output
    assert expected["phrase"] in result.output, result.output
    assert not out.exists(), "nothing is written for a bad scenario"


def test_missing_folder_and_bad_roster_rows_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "employee_id,date,shift_start,shift_end,break_start,break_end,paid_minutes\n"
        "T1,2027-01-04,2027-01-04T08:00,2027-01-04T07:00,,,0\n"
    )
    result = CliRunner().invoke(main, ["check", str(TINY), str(bad)])
    assert result.exit_code == 2
    assert "roster.csv" in result.output and "row 2" in result.output


@pytest.mark.slow
def test_a_previous_run_is_replaced_and_added_files_kept(solved: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(solved[0], out)
    (out / "notes.txt").write_text("my notes")
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(out), *FAST])
    assert result.exit_code == 0
    assert_output_checked(TINY, out)
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "roster.csv").read_text().startswith("employee_id,")
    assert "Your own files" in result.output and "notes.txt" in result.output


def test_a_folder_roster_did_not_write_is_refused(tmp_path: Path) -> None:
    # A folder of somebody's own files (no .roster-run.json) is not an output folder.
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(out), *FAST])
    assert result.exit_code == 2
    assert "was not written by roster" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


@pytest.mark.slow
def test_a_scenario_copied_elsewhere_solves_the_same(tmp_path: Path, solved: tuple[Path, str]) -> None:
    # A coordinator copies the scenario folder and runs from there.
    copy = tmp_path / "my-team"
    shutil.copytree(TINY, copy)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(copy), "--out", str(out), *FAST])
    assert result.exit_code == 0
    assert (out / "roster.csv").read_text() == (solved[0] / "roster.csv").read_text()
    assert_output_checked(copy, out)


# -- re-solving from a base roster (roster solve --base --pin --stability) -----------------------


@pytest.mark.slow
def test_resolve_from_the_base_keeps_a_pin_and_reports_the_changes(
    solved: tuple[Path, str], tmp_path: Path
) -> None:
    # Pin T1 off on the first date they work: the summary counts the changes against the
    # base, the pin holds, and the re-solved roster passes `roster check`.
    out, _ = solved
    with (out / "roster.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    first = next(r for r in rows if r["employee_id"] == "T1")
    pins = tmp_path / "pins.csv"
    header = "employee_id,date,shift_start,shift_end,break_start,break_end"
    pins.write_text(f"{header}\nT1,{first['date']},,,,\n")
    again = tmp_path / "again"
    args = ["solve", str(TINY), "--out", str(again), "--base", str(out / "roster.csv"), "--pin", str(pins)]
    result = CliRunner().invoke(main, [*args, *FAST])
    assert result.exit_code == 0, result.output
    assert "changes       " in result.output and "1 removed" in result.output
    with (again / "roster.csv").open(newline="") as fh:
        after = list(csv.DictReader(fh))
    assert not [r for r in after if r["employee_id"] == "T1" and r["date"] == first["date"]]
    checked = CliRunner().invoke(main, ["check", str(TINY), str(again / "roster.csv")])
    assert checked.exit_code == 0, checked.output
    assert '"changes": {' in (again / "result.json").read_text()
    # the solver's objective holds STABILITY against the base: the validator recomputes it with
    # the same request (the pin held, default stability)
    sc = load_scenario(TINY)
    request = SolveRequest(
        scenario=sc,
        base=read_roster_csv(out / "roster.csv"),
        pins=read_pins_csv(pins),
        stability=DEFAULT_STABILITY,
    )
    assert_output_checked(sc, again, request)


@pytest.mark.slow
def test_resolve_from_an_unchanged_base_moves_nothing(solved: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = solved
    again = tmp_path / "again"
    result = CliRunner().invoke(
        main, ["solve", str(TINY), "--out", str(again), "--base", str(out / "roster.csv"), *FAST]
    )
    assert result.exit_code == 0, result.output
    assert "changes       0 shift(s)" in result.output
    sc = load_scenario(TINY)
    base = read_roster_csv(out / "roster.csv")
    assert_output_checked(sc, again, SolveRequest(scenario=sc, base=base, stability=DEFAULT_STABILITY))
    assert read_roster_csv(again / "roster.csv") == base


@pytest.mark.parametrize(
    "pins, match",
    [
        # an unknown person
        ("employee_id,date,shift_start,shift_end\nZZ,2027-01-04,,\n", "unknown employee 'ZZ'"),
        # a date outside the roster
        ("employee_id,date,shift_start,shift_end\nT1,2030-01-04,,\n", "outside the roster"),
        # the same person and date twice
        ("employee_id,date,shift_start,shift_end\nT1,2027-01-04,,\nT1,2027-01-04,,\n", "row 3, field date"),
        # a shift that ends before it starts
        (
            "employee_id,date,shift_start,shift_end\nT1,2027-01-04,2027-01-04T12:00,2027-01-04T09:00\n",
            "row 2, field shift_end",
        ),
        # a column the format does not have
        ("employee_id,date,shift_start,shift_end,hours\nT1,2027-01-04,,,8\n", "unknown column 'hours'"),
    ],
)
def test_a_bad_pins_file_is_an_input_error(tmp_path: Path, pins: str, match: str) -> None:
    path = tmp_path / "pins.csv"
    path.write_text(pins)
    args = ["solve", str(TINY), "--out", str(tmp_path / "o"), "--pin", str(path)]
    result = CliRunner().invoke(main, [*args, *FAST])
    assert result.exit_code == 2, result.output
    assert match in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_stability_without_a_base_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(tmp_path / "o"), "--stability", "3"])
    assert result.exit_code == 2
    assert "--stability needs --base" in result.output


def test_a_bad_preset_is_an_input_error(tmp_path: Path) -> None:
    preset = tmp_path / "fast.toml"
    preset.write_text("lns_only_from = -1\n")
    args = ["solve", str(TINY), "--out", str(tmp_path / "o"), "--preset", str(preset)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "fast.toml: field 'lns_only_from'" in result.output


# -- the output folder (issue: nothing a coordinator saved is lost) ---------------------------


def test_out_set_to_the_scenario_folder_is_refused_before_solving(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny"
    shutil.copytree(TINY, scenario)
    before = {p.name: p.read_bytes() for p in scenario.iterdir()}
    result = CliRunner().invoke(main, ["solve", str(scenario), "--out", str(scenario), *FAST])
    assert result.exit_code == 2
    assert "outside the scenario folder" in result.output and "Solving" not in result.output
    assert {p.name: p.read_bytes() for p in scenario.iterdir()} == before


def test_out_naming_a_file_is_refused_before_solving(tmp_path: Path) -> None:
    target = tmp_path / "roster.txt"
    target.write_text("mine")
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(target), *FAST])
    assert result.exit_code == 2
    assert "is an existing file" in result.output and "Solving" not in result.output
    assert target.read_text() == "mine"


@pytest.mark.slow
def test_a_hand_amended_roster_is_kept_when_the_folder_is_solved_again(
    solved: tuple[Path, str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(solved[0], out)
    amended = (out / "roster.csv").read_text().replace("T1,", "T2,", 1)
    (out / "roster.csv").write_text(amended)
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(out), *FAST])
    assert result.exit_code == 0, result.output
    assert_output_checked(TINY, out)
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("out.edited-")]
    assert len(backups) == 1 and (backups[0] / "roster.csv").read_text() == amended
    assert f"kept in {backups[0]}/: roster.csv" in result.output


@pytest.mark.parametrize(
    "option, value, match",
    [
        ("--time-limit", "nan", "is not a number of seconds"),  # nan compares false with every bound
        ("--time-limit", "inf", "is not a number of seconds"),
        ("--time-limit", "0.5", "is not a number of seconds"),
        ("--seed", "99999999999", "0<=x<=2147483647"),  # CP-SAT's seed is a 32-bit integer
        ("--seed", "-1", "0<=x<=2147483647"),
    ],
)
def test_out_of_range_options_are_refused_without_a_traceback(
    tmp_path: Path, option: str, value: str, match: str
) -> None:
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(tmp_path / "o"), option, value])
    # click's runner reports every exit as SystemExit(code): the message is what tells a refusal
    # of the option from any other exit 2
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert match in result.output and option in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_an_impossible_date_in_service_yaml_is_located(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny"
    shutil.copytree(TINY, scenario)
    text = (scenario / "service.yaml").read_text()
    (scenario / "service.yaml").write_text(text.replace("start_date: 2027-01-04", "start_date: 2027-02-30"))
    result = CliRunner().invoke(main, ["solve", str(scenario), "--out", str(tmp_path / "o"), *FAST])
    assert result.exit_code == 2
    assert "service.yaml, field start_date" in result.output and "2027-02-30" in result.output


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_an_output_folder_or_store_that_cannot_be_made_is_refused_before_solving(tmp_path: Path) -> None:
    # /proc takes no new folders or files, even from root (whom the permission check lets through):
    # the run used to solve for the whole budget, then fail to write (exit 3)
    result = CliRunner().invoke(main, ["solve", str(TINY), "--out", "/proc/roster-out", *FAST])
    assert result.exit_code == 2, result.output
    assert "--out /proc/roster-out: cannot create folders in /proc" in result.output
    assert "Solving" not in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(
        main, ["solve", str(TINY), "--out", str(tmp_path / "out"), "--db", "/proc/roster.db", *FAST]
    )
    assert result.exit_code == 4, result.output
    assert "cannot open the roster store /proc/roster.db" in result.output
    assert "Solving" not in result.output and not (tmp_path / "out").exists()
