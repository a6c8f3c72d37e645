"""The example scenarios: checked-in folders equal the generator, and they are sane.

The generator (``scenarios/generate.py``) is the source of truth; the folders
under ``scenarios/`` are its output. These tests stop the two drifting apart
and check that every scenario is feasible for the contract rules.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roster.domain import Employee, Scenario, check_scenario, contract_target
from roster.io import YEAR_FOLDER, YearInputs, load_scenario, load_year, save_scenario
from roster.planning.hours import period_starts, seasonal_staffing
from roster.planning.profile import profiles_from_rows, year_weeks
from roster.planning.profile import scaled as scaled_profile
from roster.planning.yeardata import check_legal
from roster.timegrid import weekday_name
from roster.workflow.carry import within

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
sys.path.insert(0, str(SCENARIOS))

import generate  # noqa: E402

NAMES = generate.SCENARIO_NAMES


@pytest.fixture(scope="module")
def built() -> dict[str, Scenario]:
    """Each checked-in scenario as the generator builds it."""
    return {name: generate.build(name) for name in NAMES}


@pytest.fixture(scope="module")
def year() -> YearInputs:
    """The year of library-leisure (``library-leisure/year/``) as the generator builds it."""
    return generate.library_leisure_year()


@pytest.fixture(scope="module")
def scaled() -> dict[int, Scenario]:
    """The contact centre at the benchmark sizes."""
    return {n: generate.contact_centre(n_staff=n) for n in (100, 300)}


def _all(built: dict[str, Scenario], scaled: dict[int, Scenario]) -> Iterator[tuple[str, Scenario]]:
    yield from built.items()
    for n, sc in scaled.items():
        yield f"contact-centre-{n}", sc


# -- the checked-in files -----------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_checked_in_folder_equals_generator(name: str, built: dict[str, Scenario]) -> None:
    # Regenerate with `python scenarios/generate.py` after changing the generator.
    loaded = load_scenario(SCENARIOS / name)
    assert loaded == built[name]
    assert loaded.content_hash() == built[name].content_hash()


@pytest.mark.parametrize("name", NAMES)
def test_folder_has_readme_with_run_command(name: str) -> None:
    text = (SCENARIOS / name / "README.md").read_text(encoding="utf-8")
    assert f"roster solve scenarios/{name} --out out/{name}" in text


def test_write_all_round_trips(tmp_path: Path, built: dict[str, Scenario], year: YearInputs) -> None:
    folders = generate.write_all(tmp_path)
    assert [f.name for f in folders] == list(NAMES)
    for name in NAMES:
        assert load_scenario(tmp_path / name) == built[name]
    back = load_year(tmp_path / "library-leisure" / YEAR_FOLDER, built["library-leisure"])
    assert (back.leave, back.staffing, back.profile) == (year.leave, year.staffing, year.profile)
    assert not any((tmp_path / name / YEAR_FOLDER).exists() for name in NAMES if name != "library-leisure")


def test_scaled_scenario_round_trips(tmp_path: Path, scaled: dict[int, Scenario]) -> None:
    # Benchmarks write generated teams to a temporary folder and solve from there.
    save_scenario(scaled[100], tmp_path / "cc100")
    assert load_scenario(tmp_path / "cc100") == scaled[100]


# -- determinism --------------------------------------------------------------------


def test_generator_is_deterministic() -> None:
    assert generate.contact_centre().content_hash() == generate.contact_centre().content_hash()
    assert generate.library_leisure().content_hash() == generate.library_leisure().content_hash()
    assert generate.tiny().content_hash() == generate.tiny().content_hash()
    assert generate.library_leisure_year() == generate.library_leisure_year()
    big = generate.contact_centre(n_staff=100, seed=7)
    assert big.content_hash() == generate.contact_centre(n_staff=100, seed=7).content_hash()


def test_seed_changes_the_scenario() -> None:
    assert generate.contact_centre(seed=1).content_hash() != generate.contact_centre(seed=2).content_hash()


def test_dates_are_fixed_not_today(built: dict[str, Scenario]) -> None:
    assert built["contact-centre"].service.start_date == date(2027, 1, 4)
    assert built["library-leisure"].service.start_date == date(2027, 5, 24)
    assert built["tiny"].service.start_date == date(2027, 1, 4)


# -- sizes and shape ----------------------------------------------------------------


@pytest.mark.parametrize("n", [100, 300])
def test_scaled_headcount(n: int, scaled: dict[int, Scenario]) -> None:
    sc = scaled[n]
    assert len(sc.employees) == n
    assert len({e.id for e in sc.employees}) == n
    assert len({e.name for e in sc.employees}) == n
    revenues = sum("revenues" in e.skills for e in sc.employees)
    assert revenues == round(0.4 * n)
    assert all("advisor" in e.skills for e in sc.employees)


@pytest.mark.parametrize("n", [100, 300])
def test_staffing_scales_with_headcount(
    n: int, built: dict[str, Scenario], scaled: dict[int, Scenario]
) -> None:
    def peak(sc: Scenario) -> int:
        return max(lvl.min for lvl in sc.staffing if lvl.skill is None)

    base = built["contact-centre"]
    assert peak(scaled[n]) == pytest.approx(peak(base) * n / 35, abs=1)
    # Never more required than people on the team, and the peak leaves slack.
    assert peak(scaled[n]) < 0.75 * n


def test_contact_centre_shape(built: dict[str, Scenario]) -> None:
    sc = built["contact-centre"]
    assert len(sc.employees) == 35
    assert set(sc.skills) == {"advisor", "revenues", "supervisor"}
    fixed = [e for e in sc.employees if e.pattern == "fixed"]
    assert len(fixed) == 3
    hours = {e.hours_per_week for e in sc.employees}
    assert {37, 30, 22.5, 18.5} <= hours
    assert any(e.date_of_birth is not None for e in sc.employees)  # an apprentice under 18
    kinds = {lv.type for lv in sc.leave}
    assert {"annual_leave", "sick", "training", "banked_time"} <= kinds
    assert any(not lv.whole_day for lv in sc.leave if lv.type == "annual_leave")
    assert any(p.strength == "strong" for p in sc.preferences)
    assert sc.wishes and sc.banked and sc.fairness
    # The roster straddles two accounting periods.
    ct = contract_target(sc, sc.employees[0])
    assert len(ct.period_days) == 2
    # Peak and headcount: about 20-24 on duty at the Monday peak, 9-16 at the quietest.
    team = [lvl.min for lvl in sc.staffing if lvl.skill is None]
    assert 20 <= max(team) <= 24
    assert 9 <= min(team) <= 16


def test_library_leisure_shape(built: dict[str, Scenario]) -> None:
    sc = built["library-leisure"]
    assert len(sc.employees) == 20
    assert set(sc.skills) == {"leisure", "library", "lifeguard"}
    svc = sc.service
    assert svc.opening["sat"] is not None and svc.opening["sun"] is None
    assert svc.is_closed(date(2027, 5, 31))  # Spring bank holiday
    assert any(w.weekday == "sat" for w in sc.wishes)
    assert any(p.date.weekday() == 5 for p in sc.preferences)


def test_tiny_is_tiny(built: dict[str, Scenario]) -> None:
    sc = built["tiny"]
    assert 4 <= len(sc.employees) <= 5
    assert len(sc.skills) <= 2
    assert sum(not lv.whole_day for lv in sc.leave) + sum(lv.whole_day for lv in sc.leave) == 1


# -- feasibility of the contract rules ------------------------------------------------


def _max_paid(sc: Scenario, emp: Employee) -> int:
    """Most paid minutes in one shift: the longest shift less its break."""
    longest = emp.max_shift_minutes or sc.service.shift_length.max_minutes
    brk = sc.service.breaks
    return longest - brk.break_minutes if longest > brk.threshold_minutes else longest


def _available_days(sc: Scenario, emp: Employee) -> list[date]:
    off = {d for lv in sc.leave if lv.employee_id == emp.id and lv.whole_day for d in lv.dates()}
    return [d for d in sc.service.days if sc.service.bandwidth_on(d) is not None and d not in off]


def test_every_contract_is_achievable(built: dict[str, Scenario], scaled: dict[int, Scenario]) -> None:
    for label, sc in _all(built, scaled):
        for emp in sc.employees:
            ct = contract_target(sc, emp)
            assert ct.target_minutes >= 0, (label, emp.id)
            if emp.pattern == "fixed":
                continue  # checked against the fixed shifts below
            room = len(_available_days(sc, emp)) * _max_paid(sc, emp)
            assert ct.target_minutes <= room, (label, emp.id, ct.target_minutes, room)
            # And the generator's own finer check (part-day leave, under-18 limits) agrees.
            assert generate.achievable(sc, emp).ok, (label, emp.id)


def test_fixed_shifts_pay_the_contract(built: dict[str, Scenario], scaled: dict[int, Scenario]) -> None:
    for label, sc in _all(built, scaled):
        brk = sc.service.breaks
        for emp in (e for e in sc.employees if e.pattern == "fixed"):
            shifts = [fs for fs in sc.fixed_shifts if fs.employee_id == emp.id]
            assert shifts, (label, emp.id)
            paid = 0
            for fs in shifts:
                length = fs.end - fs.start
                assert sc.service.shift_length.min_minutes <= length <= sc.service.shift_length.max_minutes
                band = sc.service.bandwidth_on(fs.date)
                assert band is not None and band.start <= fs.start and fs.end <= band.end
                if length > brk.threshold_minutes:
                    assert fs.break_start is not None
                    before = fs.break_start - fs.start
                    after = fs.end - fs.break_start - brk.break_minutes
                    assert before >= brk.min_work_before and after >= brk.min_work_after
                    assert max(before, after) <= brk.max_continuous_work
                    paid += length - brk.break_minutes
                else:
                    paid += length
            assert paid == contract_target(sc, emp).target_minutes, (label, emp.id)


def test_indicated_shifts_are_workable(built: dict[str, Scenario], scaled: dict[int, Scenario]) -> None:
    # People indicate shifts they could actually be given: on the grid, inside
    # the bandwidth, 4-10 hours, clear of their part-day leave.
    for label, sc in _all(built, scaled):
        svc = sc.service
        parts = {(lv.employee_id, lv.start_date): lv for lv in sc.leave if not lv.whole_day}
        for p in sc.preferences:
            if p.kind != "shift":
                continue
            assert p.start is not None and p.end is not None
            band = svc.bandwidth_on(p.date)
            assert band is not None, (label, p)
            assert band.start <= p.start and p.end <= band.end, (label, p)
            assert p.start % svc.slot_minutes == 0 and p.end % svc.slot_minutes == 0
            assert svc.shift_length.min_minutes <= p.end - p.start <= svc.shift_length.max_minutes, (label, p)
            lv = parts.get((p.employee_id, p.date))
            if lv is not None:
                assert lv.start is not None and lv.end is not None
                assert p.end <= lv.start or lv.end <= p.start, (label, p)


def test_most_days_have_an_indicated_pattern(built: dict[str, Scenario]) -> None:
    sc = built["contact-centre"]
    self_rostered = [e for e in sc.employees if e.pattern == "self"]
    for emp in self_rostered:
        days = _available_days(sc, emp)
        dated = {p.date for p in sc.preferences if p.employee_id == emp.id}
        standing = {w.weekday for w in sc.wishes if w.employee_id == emp.id}
        covered = [d for d in days if d in dated or weekday_name(d) in standing]
        assert len(covered) >= 0.6 * len(days), emp.id


def test_minimum_cover_is_within_headcount(built: dict[str, Scenario], scaled: dict[int, Scenario]) -> None:
    # On every date, the team minimum never exceeds the people who could work
    # that day, and each skill minimum never exceeds the holders who could.
    for label, sc in _all(built, scaled):
        for day in sc.service.days:
            if sc.service.opening_on(day) is None:
                continue
            can_work = [e for e in sc.employees if day in _available_days(sc, e)]
            wd = weekday_name(day)
            for lvl in sc.staffing:
                if lvl.day not in (wd, day.isoformat()):
                    continue
                holders = [e for e in can_work if lvl.skill is None or lvl.skill in e.skills]
                assert lvl.min <= len(holders), (label, day, lvl)


# -- the year of library-leisure (scenarios/library-leisure/year/) ---------------------------

LL_FIRST, LL_LAST = date(2027, 4, 5), date(2028, 3, 26)


def test_checked_in_year_equals_generator(year: YearInputs) -> None:
    # Regenerate with `python scenarios/generate.py` after changing the generator.
    folder = SCENARIOS / "library-leisure"
    loaded = load_year(folder / YEAR_FOLDER, load_scenario(folder))
    assert loaded.sources == ("year/leave.csv", "year/staffing.csv", "year/profile.csv")
    assert loaded.leave == year.leave
    assert loaded.staffing == year.staffing
    assert loaded.profile == year.profile


def _leave_days(sc: Scenario, emp: Employee, leave: tuple[object, ...]) -> float:
    """Days of leave the year's periods credit ``emp`` (CONTRACT_HOURS), ``leave`` given."""
    full = sc.model_copy(update={"leave": leave, "banked": ()})
    minutes = sum(
        contract_target(within(full, start), emp).leave_credit
        for start in period_starts(LL_FIRST, LL_LAST, sc.service.weeks)
    )
    return minutes / emp.daily_minutes


def test_year_leave_is_each_persons_entitlement(built: dict[str, Scenario], year: YearInputs) -> None:
    # 7 weeks pro rata (35, 28 or 21 days), less the scenario's own annual leave, in whole days
    sc = built["library-leisure"]
    own = tuple(lv for lv in sc.leave if lv.type == "annual_leave")
    for emp in sc.employees:
        mine = tuple(lv for lv in year.leave if lv.employee_id == emp.id)
        assert {lv.type for lv in mine} == {"annual_leave"} and all(lv.whole_day for lv in mine)
        days = _leave_days(sc, emp, mine)
        assert days == int(days), emp.id
        entitled = 7 * emp.days_per_week
        total = _leave_days(sc, emp, mine + own)
        assert entitled - 1 < total <= entitled, (emp.id, total)


def test_year_leave_is_on_open_days_apart_and_never_too_many_away(
    built: dict[str, Scenario], year: YearInputs
) -> None:
    sc = built["library-leisure"]
    svc = sc.service
    own_period = set(svc.days)
    skills = {e.id: e.skills for e in sc.employees}
    away: dict[tuple[str, date], int] = {}
    for lv in year.leave:
        days = lv.dates()
        assert lv.start_date >= LL_FIRST and lv.end_date <= LL_LAST, lv
        assert all(svc.bandwidth_on(d) is not None for d in days), lv  # no Sunday, no closed day
        assert not own_period & set(days), lv  # the scenario's own period keeps its own leave
    for lv in (*sc.leave, *year.leave):
        for d in lv.dates():
            for group in ("lifeguard", "library", "team"):
                if group == "team" or group in skills[lv.employee_id]:
                    away[(group, d)] = away.get((group, d), 0) + 1
    most = {"lifeguard": 2, "library": 2, "team": 4}
    assert all(n <= most[group] for (group, _), n in away.items())
    for emp in sc.employees:
        mine = sorted(
            (lv for lv in (*sc.leave, *year.leave) if lv.employee_id == emp.id), key=lambda lv: lv.start_date
        )
        for a, b in itertools.pairwise(mine):
            assert a.end_date < b.start_date, (a, b)  # never overlapping
    # and the planner takes them: each period of the year is a scenario its checks accept
    full = sc.model_copy(update={"leave": sc.leave + year.leave})
    for start in period_starts(LL_FIRST, LL_LAST, svc.weeks):
        period = within(full, start)
        staffing = seasonal_staffing(year.staffing, period.service.days)
        check_scenario(period.model_copy(update={"staffing": staffing}))


def test_year_demand_has_its_seasons(built: dict[str, Scenario], year: YearInputs) -> None:
    sc = built["library-leisure"]

    def cover(day: date, skill: str | None, minute: int) -> int:
        rows = [r for r in year.staffing if r.applies(day) and r.skill == skill and r.start <= minute < r.end]
        assert len(rows) == 1, (day, skill, minute)
        return rows[0].min

    def usual(day: str, skill: str | None, minute: int) -> int:
        rows = (r for r in sc.staffing if r.day == day and r.skill == skill and r.start <= minute < r.end)
        return next(rows).min

    summer, winter = date(2027, 7, 14), date(2028, 1, 12)  # Wednesdays
    summer_sat, winter_sat = date(2027, 7, 17), date(2028, 1, 15)
    noon, evening = 12 * 60, 18 * 60
    assert cover(summer, "lifeguard", noon) == usual("wed", "lifeguard", noon) + 1
    assert cover(summer_sat, "lifeguard", noon) == usual("sat", "lifeguard", noon) + 1
    assert cover(winter, "lifeguard", noon) == usual("wed", "lifeguard", noon)
    assert cover(winter_sat, "lifeguard", noon) == usual("sat", "lifeguard", noon)
    assert cover(winter, "leisure", evening) == cover(summer, "leisure", evening) - 1
    assert cover(winter, None, evening) == cover(summer, None, evening) - 1
    for skill in ("library", None):
        for minute in range(9 * 60, 20 * 60, 15):
            if skill is not None or minute < 17 * 60:
                same = usual("wed", skill, minute)
                assert cover(winter, skill, minute) == cover(summer, skill, minute) == same
    assert all(r.date is None for r in year.staffing)  # by weekday and season, no dated rows


def test_year_profile_is_legal_for_everyone(built: dict[str, Scenario], year: YearInputs) -> None:
    sc = built["library-leisure"]
    profiles = profiles_from_rows(year.profile)
    assert set(profiles) == {""}  # the whole team
    weeks = year_weeks(2027)
    for emp in sc.employees:
        weekly = scaled_profile(profiles[""], emp.hours_per_week, weeks)
        check_legal(sc, emp, weekly)  # WTR_AVERAGE and YOUNG_WORKER (G07 is 17 until September)
    g07 = next(e for e in sc.employees if e.id == "G07")
    assert max(scaled_profile(profiles[""], g07.hours_per_week, weeks).values()) < 40


def test_the_year_can_start_before_the_scenarios_own_period(built: dict[str, Scenario]) -> None:
    # The scenario's banked balances belong to accounting periods that start after 5 April:
    # the plan's first period does not hold them.
    sc = built["library-leisure"]
    first = within(sc, LL_FIRST)
    assert first.banked == ()
    check_scenario(first)
    assert within(sc, date(2027, 10, 4)).banked == sc.banked
