"""What would close the gap: single changes, ranked by an estimate, each verified by a re-solve.

The instances are small enough to solve by hand; every roster solved is checked by the
independent validator (no hard rule broken, its objective the engine's own).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from helpers import MONDAY, level, monday_only, person, scenario, week_service
from roster import solve, validate
from roster.domain import Leave, Roster, Scenario, SolverSettings
from roster.domain.result import SolveResult
from roster.io import read_roster_csv
from roster.planning import GapHelp, what_would_help
from roster.planning.gaps_help import _request, candidate_changes, hours_short

QUICK = SolverSettings(time_limit=20, workers=1, seed=0, deterministic_time=2)


def lone() -> Scenario:
    """One person contracted 4 h on a Monday, one person wanted 08:30-17:00 (34 slots of 15
    minutes): they cover at most 4 h 15 (17 slots: 4 h and the 15 minutes of the day's 22 that
    the grid banks), so 17 slots, 4.25 hours, are short whatever the roster."""
    return scenario(monday_only(), [person("E1", 4)], staffing=[level("08:30-17:00", 1)])


def checked(sc: Scenario, result: SolveResult | None) -> None:
    assert result is not None and result.has_roster
    report = validate(sc, result.roster)
    assert report.hard_violations == (), report.hard_violations
    assert report.objective == result.objective == result.checked_objective


def check_all(help: GapHelp, sc: Scenario) -> None:
    checked(sc, help.baseline)
    for v in help.verified:
        checked(v.change.scenario, v.result)


def by_kind(help: GapHelp, kind: str) -> list[tuple[str, float | None]]:
    return [(v.change.description, v.saved_hours) for v in help.verified if v.change.kind == kind]


def test_a_hire_closes_the_gap_and_more_hours_save_exactly_the_hours_added() -> None:
    sc = lone()
    help = what_would_help(sc, QUICK, step=1)
    check_all(help, sc)
    assert help.short_hours == 4.25
    # a copy of E1 covers the other 4 h 15 (E1 08:30-12:45, the new starter 12:45-17:00, or the
    # other way round): nothing short, the whole 4.25 h saved
    assert by_kind(help, "hire") == [
        ("hire one more person for the team's level: E1-new, E1's contract (4 h, advisor)", 4.25)
    ]
    # 5 h a week and the 15 minutes banked: 21 slots of 34 covered, 13 short (3.25 h): 1 h saved
    assert by_kind(help, "hours") == [("E1 (Person E1) works 1 h a week more (4 -> 5 h)", 1.0)]
    # an hour less of opening at the short end of the day: its 4 slots are no longer wanted
    assert [saved for _, saved in by_kind(help, "opening")] == [1.0]
    assert help.verified[0].change.kind == "hire"  # ranked by hours saved, as measured
    savings = [v.saved_hours for v in help.verified]
    assert savings == sorted(savings, reverse=True)
    assert any("training" in why for why in help.left_out)  # the scenario has none to move


def test_the_same_inputs_give_the_same_list() -> None:
    first = what_would_help(lone(), QUICK, top=2)
    again = what_would_help(lone(), QUICK, top=2)
    assert first.rows() == again.rows()
    assert [r["verified"] for r in first.rows()] == [True, True, False]  # the third is only estimated
    # the caller's own solve with the same settings stands in for the baseline: the same list
    given = what_would_help(lone(), QUICK, top=2, baseline=solve(lone(), QUICK))
    assert given.rows() == first.rows()


def test_no_shortfall_gives_an_empty_list_and_says_so() -> None:
    sc = scenario(monday_only(), [person("E1", 4)], staffing=[level("08:30-12:30", 1)])
    help = what_would_help(sc, QUICK)
    checked(sc, help.baseline)
    assert help.short_hours == 0
    assert help.changes == () and help.verified == ()
    assert help.message == "No hours short of minimum cover: there is no gap to close."


def test_a_training_day_on_a_short_day_moves_to_a_day_with_cover_to_spare() -> None:
    # E1, 8 h over 2 days (a day of leave credits 4 h), open Monday and Tuesday 08:30-12:30, one
    # person wanted on Monday only. With training on Monday, E1 works 4 h on Tuesday, where nobody
    # is wanted: Monday's 16 slots, 4 h, are short. With the training on Tuesday instead, E1 works
    # Monday 08:30-12:30 and nothing is short: 4 h saved.
    sc = scenario(
        week_service(("mon", "tue"), opening="08:30-12:30"),
        [person("E1", 8, days_per_week=2)],
        staffing=[level("08:30-12:30", 1)],
        leave=[Leave(employee_id="E1", start_date=MONDAY, end_date=MONDAY, type="training")],
    )
    help = what_would_help(sc, QUICK)
    check_all(help, sc)
    assert help.short_hours == 4.0
    assert by_kind(help, "move") == [("move E1's training day from Mon 04 Jan to Tue 05 Jan", 4.0)]
    assert not any("training" in why for why in help.left_out)


def test_nobody_is_asked_past_the_48_hour_limit() -> None:
    # the empty roster leaves every slot short; 46 h + 4 h would be 50 h a week, over 48
    sc = scenario(monday_only(), [person("E1", 46), person("E2", 30)], staffing=[level("08:30-17:00", 1)])
    changes, _ = candidate_changes(sc, Roster())
    asked = [c.description for c in changes if c.kind == "hours"]
    assert asked == ["E2 (Person E2) works 4 h a week more (30 -> 34 h)"]


def test_opening_changes_need_an_opening_longer_than_the_hour() -> None:
    sc = scenario(monday_only(opening="08:30-09:30"), [person("E1", 4)], staffing=[level("08:30-09:30", 2)])
    changes, left_out = candidate_changes(sc, Roster())
    assert not [c for c in changes if c.kind == "opening"]
    assert any("opening later" in why for why in left_out)
    assert hours_short(sc, Roster()) == 2.0


def test_roster_gaps_prints_the_table_and_writes_the_csv(tmp_path: Path) -> None:
    from roster.cli import main
    from roster.io import save_scenario

    save_scenario(lone(), tmp_path / "team")
    out = tmp_path / "help"
    args = ["gaps", str(tmp_path / "team"), "--top", "2", "--time-limit", "10", "--workers", "1"]
    res = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "4.25 hours short" in res.output
    assert "hire one more" in res.output
    text = (out / "what-would-help.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("rank,kind,change,estimate_hours,verified")
    assert len(text.splitlines()) == 1 + 3  # every change tried, the two verified first


HEADER = "employee_id,date,shift_start,shift_end,break_start,break_end,paid_minutes\n"


def test_roster_gaps_starts_from_a_given_roster(tmp_path: Path) -> None:
    from roster.cli import main
    from roster.io import save_scenario

    save_scenario(lone(), tmp_path / "team")
    given = tmp_path / "roster.csv"
    # E1 08:30-12:30: 16 slots of 34 covered, 18 short (4.5 h); re-solved from it, the 15 minutes
    # banked cover one more slot (4.25 h short, the baseline the changes are measured against)
    given.write_text(
        HEADER + "E1,2027-01-04,2027-01-04T08:30:00,2027-01-04T12:30:00,,,240\n", encoding="utf-8"
    )
    args = ["gaps", str(tmp_path / "team"), "--roster", str(given), "--top", "1", "--workers", "1"]
    res = CliRunner().invoke(main, [*args, "--time-limit", "10"])
    assert res.exit_code == 0, res.output
    assert "The roster given: 4.5 hours short" in res.output
    assert "4.25 hours short of minimum cover" in res.output


def test_roster_gaps_names_the_file_row_and_field_of_a_bad_roster(tmp_path: Path) -> None:
    from roster.cli import main
    from roster.io import save_scenario

    save_scenario(lone(), tmp_path / "team")
    bad = tmp_path / "roster.csv"
    bad.write_text(HEADER + "E1,2027-01-04,2027-01-04T08:30:00,nine,,,240\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["gaps", str(tmp_path / "team"), "--roster", str(bad), "--workers", "1"])
    assert res.exit_code == 2, res.output
    assert str(bad) in res.output and "shift_end" in res.output and "Traceback" not in res.output
    # a shift of somebody not in the team: named, with the file, before any solve
    bad.write_text(HEADER + "E9,2027-01-04,2027-01-04T08:30:00,2027-01-04T12:30:00,,,240\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["gaps", str(tmp_path / "team"), "--roster", str(bad), "--workers", "1"])
    assert res.exit_code == 2, res.output
    assert f"{bad}: the roster has shifts for 'E9'" in res.output
    res = CliRunner().invoke(main, ["gaps", str(tmp_path / "nowhere"), "--workers", "1"])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_roster_solve_says_in_its_summary_what_might_close_a_gap(tmp_path: Path) -> None:
    """A roster short of cover: `roster solve`'s summary (printed and in summary.txt) lists the
    likeliest single changes by estimate, in the order `roster gaps` would try them, and says
    they are unverified; a roster with every minimum met has no such lines."""
    from roster.cli import main
    from roster.io import save_scenario

    sc = lone()
    save_scenario(sc, tmp_path / "team")
    out = tmp_path / "out"
    args = ["solve", str(tmp_path / "team"), "--out", str(out), "--time-limit", "10", "--workers", "1"]
    res = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "roster.db")])
    assert res.exit_code == 0, res.output
    roster = read_roster_csv(out / "roster.csv")
    changes, _ = candidate_changes(sc, roster)
    expected = [f"    {c.description}: up to {c.estimate_hours:g} h by estimate" for c in changes[:3]]
    summary = (out / "summary.txt").read_text(encoding="utf-8").splitlines()
    at = summary.index("  what might close it (estimates; `roster gaps --roster` verifies each):")
    assert summary[at + 1 : at + 4] == expected and any("hire one more" in line for line in expected)
    assert "what might close it" in res.output

    covered = scenario(monday_only(), [person("E1", 4)], staffing=[level("08:30-12:30", 1)])
    save_scenario(covered, tmp_path / "covered")
    res = CliRunner().invoke(
        main,
        [
            "solve",
            str(tmp_path / "covered"),
            "--out",
            str(tmp_path / "o2"),
            "--time-limit",
            "10",
            "--workers",
            "1",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "every minimum is met" in res.output and "what might close it" not in res.output


def test_what_would_close_a_year_plans_gap_verifies_each_change_in_every_short_roster(tmp_path: Path) -> None:
    # The lone team planned over two one-week rosters: each is 4.25 h short, as by hand above.
    # Over the year a hire saves both rosters' 4.25 h, an hour more a week (or an hour less of
    # opening) 1 h in each; every change solved in both rosters, from each roster the plan made.
    import datetime as dt

    from roster.cli import main
    from roster.planning import plan_year
    from roster.planning.plan_help import what_would_help_plan

    sc = lone()
    plan_dir = tmp_path / "plan"
    plan = plan_year(sc, MONDAY, MONDAY + dt.timedelta(days=13), plan_dir, QUICK)
    assert [p.short_hours for p in plan.periods] == [4.25, 4.25]
    help = what_would_help_plan(plan_dir, QUICK, top=5, step=1)
    both = ("01-2027-01-04", "02-2027-01-11")
    assert [p.folder for p in help.periods] == list(both) and help.short_hours == 8.5
    saved = {v.change.kind: (v.change.periods, v.saved_hours, v.short_hours) for v in help.verified}
    assert saved["hire"] == (both, 8.5, 0.0)
    assert saved["hours"] == (both, 2.0, 6.5)
    assert saved["opening"] == (both, 2.0, 6.5)
    assert help.verified[0].change.kind == "hire"  # ranked by the hours saved
    rosters = {p.folder: p.roster for p in help.periods}
    for v in help.verified:  # every roster solved passes the validator with the engine's objective
        for name, c, result in zip(v.change.periods, v.change.changes, v.results, strict=True):
            assert result is not None and result.has_roster
            # solved from the plan's roster, moving as little of it as it can: its request says so
            report = validate(c.scenario, result.roster, _request(c.scenario, rosters[name]))
            assert report.hard_violations == () and report.objective == result.objective
    assert help.rows()[0]["periods"] == " ".join(both)
    # the command line takes the plan's folder as it takes a scenario's
    runner = CliRunner()
    out = tmp_path / "help"
    args = ["gaps", str(plan_dir), "--top", "1", "--time-limit", "20", "--workers", "1", "--out", str(out)]
    r = runner.invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "8.5 hours short of minimum cover in 2 roster(s)" in r.output and "hire one more" in r.output
    assert (out / "what-would-help.csv").read_text().splitlines()[0].startswith("rank,kind,change,periods")
    refused = runner.invoke(main, ["gaps", str(plan_dir), "--roster", str(plan_dir / "x.csv")])
    assert refused.exit_code == 2 and "is a year plan's folder" in refused.output
    # a folder that is no plan's, and a plan with nothing short, say so
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "plan.json").write_text('{"done": []}')
    (tmp_path / "empty" / "periods").mkdir()
    none = runner.invoke(main, ["gaps", str(tmp_path / "empty")])
    assert none.exit_code == 2 and "holds no finished roster yet" in none.output
