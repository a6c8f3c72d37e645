"""The year plan's linear programme on hand-solved years, and its infeasible twins."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.cli import main
from roster.domain import SeasonalLevel
from roster.io import YearInputs, load_scenario, load_year, read_profile
from roster.planning import Profile, plan_hours, profiles_from_rows
from roster.planning.yearlp import PersonYear, YearData, YearPlanError, solve_year
from roster.timegrid import MONTHS, format_clock, parse_clock

WEEKS = tuple(dt.date(2027, 4, 5) + dt.timedelta(weeks=k) for k in range(8))  # 4 April weeks, 4 May weeks
APRIL, MAY = WEEKS[:4], WEEKS[4:]


def three(history: float | None = None) -> tuple[PersonYear, ...]:
    """A and B: 37 h, skill x; C: 18.5 h, no skill. No leave; each owes 8 contract weeks."""
    # history: 20 h a week from 14 December, then ``history`` h a week in the 9 weeks before the plan
    hist = (
        {}
        if history is None
        else {WEEKS[0] - dt.timedelta(weeks=k): (history if k <= 9 else 20.0, 0) for k in range(1, 17)}
    )
    return (
        PersonYear("A", 37, frozenset({"x"}), annual={0: 8 * 37}, history=hist),
        PersonYear("B", 37, frozenset({"x"}), annual={0: 8 * 37}),
        PersonYear("C", 18.5, annual={0: 8 * 18.5}),
    )


def year(people: tuple[PersonYear, ...]) -> YearData:
    # the whole team needs 120 person-hours a week in April and 60 in May; skill x needs 70 in May
    demand = {(w, ""): 120.0 for w in APRIL} | {(w, ""): 60.0 for w in MAY} | {(w, "x"): 70.0 for w in MAY}
    return YearData(weeks=WEEKS, people=people, demand=demand, periods=(APRIL, MAY))


def test_the_best_profile_of_a_three_person_eight_week_year_is_the_one_worked_out_by_hand() -> None:
    # Range 30-44 h (C pro rata: 15-22 h). C holds no x: every hour of C's is best in April
    # (the team is short there), so C works 22 h in April and 148 / 4 - 22 = 15 h in May.
    # A and B work a and 74 - a (so their 8 weeks hold 296 h): April is short
    # 120 - 2a - 22 = 98 - 2a a week, May's x is short 70 - 2(74 - a) = 2a - 78 when positive.
    # The sum 98 - 2a + max(0, 2a - 78) falls until a = 39 and is 20 from there (to 44): hours
    # short 4 x 20 = 80. Of those plans the flattest (nearest the contract's 37 h) is a = 39:
    # A and B work 39 h in April and 35 in May.
    plan = solve_year(year(three()), propose="person", bounds=(30, 44))
    assert plan.bound == pytest.approx(80)
    for who, april, may in (("A", 39, 35), ("B", 39, 35), ("C", 22, 15)):
        assert [round(plan.hours[who][w], 3) for w in WEEKS] == [april] * 4 + [may] * 4, who
    # all of it the whole team's in April (a roster may place its hours in any week of its period)
    assert sum(v for (w, g), v in plan.short.items() if w in APRIL and g == "") == pytest.approx(80)
    assert sum(v for (w, _), v in plan.short.items() if w in MAY) == pytest.approx(0, abs=1e-6)
    # a flat year (everyone on their contract) leaves April 120 - 92.5 = 27.5 short a week and
    # May's x 70 - 74 < 0: 110 hours; the proposal saves 30
    flat = solve_year(year(three()))
    assert flat.bound == pytest.approx(110)


def test_its_infeasible_twin_is_refused_naming_the_people_and_the_rule() -> None:
    # 30-36 h a week: at most 8 x 36 = 288 h of the 296 A owes (C: 8 x 18 = 144 of 148)
    with pytest.raises(YearPlanError) as err:
        solve_year(year(three()), propose="person", bounds=(30, 36))
    message = str(err.value)
    assert (
        "A: the 296.00 h to work in the weeks 2027-04-05 to 2027-05-30 do not fit within 30-36 h a week"
        in message
    )
    assert "at most 288.00 h" in message
    assert "C: the 148.00 h" in message and "(pro rata 15.00-18.00 h for 18.5 h)" in message


def test_a_history_too_long_for_the_48_hour_average_names_the_17_weeks() -> None:
    # A worked 60 h in each of the 9 weeks before the plan: any 8 weeks of 296 h make
    # (9 x 60 + 296) / 17 = 49.18 h over the 17 weeks ending on 30 May
    with pytest.raises(YearPlanError) as err:
        solve_year(year(three(history=60)), propose="person", bounds=(30, 44))
    message = str(err.value)
    assert message.startswith(
        "A: any plan within the range averages at least 49.18 h a week over the 17 weeks "
        "2027-02-01 to 2027-05-30, above the 48-hour average (WTR_AVERAGE"
    )
    # checked as a profile (the contract every week) the same history is refused the same way
    with pytest.raises(
        YearPlanError,
        match=r"A: the profile averages 49.18 h a week over the 17 weeks "
        r"2027-02-01 to 2027-05-30",
    ):
        solve_year(year(three(history=60)))


# -- proposals on a scenario ------------------------------------------------------------------------

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"


def seasonal_tiny_year() -> YearInputs:
    """Tiny's desk needs 4 people April to September (168 person-hours a week, more than the
    team's 146.5 contracted hours) and 1 from October to March."""
    rows = []
    for day in ("mon", "tue", "wed", "thu", "fri"):
        end = "16:30" if day == "fri" else "17:00"
        for months, lo in (("apr-sep", 4), ("oct-mar", 1)):
            rows.append(
                SeasonalLevel(
                    day=day, start=parse_clock("08:30"), end=parse_clock(end), min=lo, months=months
                )
            )
    return YearInputs(staffing=tuple(rows))


def test_a_proposal_moves_hours_to_the_season_that_needs_them_and_reads_back_as_a_profile() -> None:
    sc = load_scenario(TINY)
    year = seasonal_tiny_year()
    first, last = dt.date(2027, 4, 5), dt.date(2028, 3, 26)
    flat = plan_hours(sc, first, last, year=year)
    person = plan_hours(sc, first, last, year=year, propose="person", bounds=(30, 44))
    team = plan_hours(sc, first, last, year=year, propose="team", bounds=(30, 44))
    # flat contracts leave the summer short; moving hours into it (within 30-44 h, pro rata)
    # saves most of that, alone or as one shape for the team
    assert flat.solution.bound > 100
    assert person.solution.bound < flat.solution.bound / 2
    assert team.solution.bound < flat.solution.bound / 2
    for hours in (person, team):
        for p in hours.data.people:
            months = hours.solution.months(p.id)
            assert min(months[m] for m in (4, 5, 6, 7, 8, 9)) > max(months[m] for m in (10, 11, 12, 1, 2, 3))
    for p in person.data.people:
        assert all(h <= 44 * p.contract / 37 + 0.01 for h in person.weekly[p.id].values())
        # the leave year holds the annual hours exactly (no leave booked: its 7 weeks allowed
        # for at the mean week); its 52nd week, 27 March 2028, is past the plan's last roster
        # and works March's hours
        planned = person.solution.hours[p.id]
        every = p.year_work[2027]
        hours = {w: planned.get(w, planned[dt.date(2028, 3, 20)]) for w in every}
        worked = sum(every[w] * h for w, h in hours.items())
        mean = sum(hours.values()) / len(hours)
        assert p.year_unbooked[2027] == 7
        assert worked - 7 * mean == pytest.approx(p.year_annual[2027], abs=0.01)
    # the team's proposal is a profile: read back, it gives the same weeks
    shape = Profile.of({MONTHS[m - 1]: round(h, 4) for m, h in team.proposal[""].items()})
    again = plan_hours(sc, first, last, year=year, profiles={"": shape})
    for who, weeks in team.weekly.items():
        assert again.weekly[who] == pytest.approx(weeks, abs=0.02)
    assert again.solution.bound == pytest.approx(team.solution.bound, abs=0.5)


@pytest.mark.slow
def test_plan_year_proposes_a_profile_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "year").mkdir()
    lines = ["day,start,end,skill,min,max,months"]
    lines += [
        f"{r.day},{format_clock(r.start)},{format_clock(r.end)},,{r.min},,{r.months}"
        for r in seasonal_tiny_year().staffing
    ]
    (folder / "year" / "staffing.csv").write_text("\n".join(lines) + "\n")
    args = [
        "plan-year",
        str(folder),
        "--from",
        "2027-09-20",
        "--to",
        "2027-10-10",
        "--time-limit",
        "20",
        "--workers",
        "1",
        "--propose-profile",
        "person",
        "--range",
        "30-44",
    ]
    bad = CliRunner().invoke(main, [*args[:-1], "44-30", "--out", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and "'44-30' is not a range of weekly hours such as 30-44" in bad.output
    run = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "plan")])
    assert run.exit_code == 0, run.output
    assert "Hours short of minimum cover: " in run.output and "(the year plan's lower bound: " in run.output
    with (tmp_path / "plan" / "proposed-profile.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["employee_id"] for r in rows} == {"T1", "T2", "T3", "T4", "T5"}
    assert {r["months"] for r in rows} == set(MONTHS)
    # read back as a profile it plans the same hours
    profile = tmp_path / "plan" / "proposed-profile.csv"
    hours = tmp_path / "plan" / "hours.csv"
    with hours.open() as fh:
        proposed = {(r["employee_id"], r["week"]): float(r["hours"]) for r in csv.DictReader(fh)}
    sc = load_scenario(folder)
    again = plan_hours(
        sc,
        dt.date(2027, 9, 20),
        dt.date(2027, 10, 10),
        year=load_year(folder / "year", sc),
        profiles=profiles_from_rows(read_profile(profile, sc)),
    )
    for (who, week), h in proposed.items():
        assert again.weekly[who][dt.date.fromisoformat(week)] == pytest.approx(h, abs=0.05), (who, week)


def test_a_flexi_team_plans_its_credit_not_the_22_minute_rule() -> None:
    from pathlib import Path

    from roster.domain import FlexiRule
    from roster.io import load_scenario
    from roster.planning.annual import POLICY_RULE
    from roster.planning.yeardata import year_data

    tiny = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "tiny")
    flexi = tiny.model_copy(
        update={"service": tiny.service.model_copy(update={"flexi": FlexiRule()}), "banked": ()}
    )
    plain = {p.id: p for p in year_data(tiny, [tiny], POLICY_RULE).people}
    flexible = {p.id: p for p in year_data(flexi, [flexi], POLICY_RULE).people}
    assert (plain["T1"].bank_cap, plain["T1"].bank_week) == (7.4, 22 * 6 / 60)  # 444 min, 22 a day
    assert (flexible["T1"].bank_cap, flexible["T1"].bank_week) == (15.0, 15.0)
