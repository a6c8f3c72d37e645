"""The example scenarios: checked-in folders equal the generator, and they are sane.

The generator (``scenarios/generate.py``) is the source of truth; the folders
under ``scenarios/`` are its output. These tests stop the two drifting apart
and check that every scenario is feasible for the contract rules.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roster.domain import Employee, Scenario, contract_target
from roster.io import load_scenario, save_scenario
from roster.timegrid import weekday_name

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
sys.path.insert(0, str(SCENARIOS))

import generate  # noqa: E402

NAMES = generate.SCENARIO_NAMES


@pytest.fixture(scope="module")
def built() -> dict[str, Scenario]:
    """Each checked-in scenario as the generator builds it."""
    return {name: generate.build(name) for name in NAMES}


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


def test_write_all_round_trips(tmp_path: Path, built: dict[str, Scenario]) -> None:
    folders = generate.write_all(tmp_path)
    assert [f.name for f in folders] == list(NAMES)
    for name in NAMES:
        assert load_scenario(tmp_path / name) == built[name]


def test_scaled_scenario_round_trips(tmp_path: Path, scaled: dict[int, Scenario]) -> None:
    # Benchmarks write generated teams to a temporary folder and solve from there.
    save_scenario(scaled[100], tmp_path / "cc100")
    assert load_scenario(tmp_path / "cc100") == scaled[100]


# -- determinism --------------------------------------------------------------------


def test_generator_is_deterministic() -> None:
    assert generate.contact_centre().content_hash() == generate.contact_centre().content_hash()
    assert generate.library_leisure().content_hash() == generate.library_leisure().content_hash()
    assert generate.tiny().content_hash() == generate.tiny().content_hash()
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
