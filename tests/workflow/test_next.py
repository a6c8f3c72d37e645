"""``roster next``: the next period's scenario carries history, banked time and fairness over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_output_checked, assert_version_checked
from roster.cli import main
from roster.domain import Roster, contract_target
from roster.io import load_scenario
from roster.store import open_store
from roster.validation import hours_balances, validate
from roster.workflow import next_scenario, scenario_of

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
FAST = ["--time-limit", "20", "--workers", "2", "--seed", "0"]


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("next")
    db = str(folder / "roster.db")
    steps = (
        ["solve", str(TINY), "--out", str(folder / "out"), *FAST],
        ["accept", "v1", "--by", "Ayesha"],
        ["next", "v1", "--out", str(folder / "january"), "--by", "Coordinator"],
    )
    for args in steps:
        out = CliRunner().invoke(main, [*args, "--db", db])
        assert out.exit_code == 0, out.output
    assert_output_checked(TINY, folder / "out")
    with open_store(db) as store:
        assert_version_checked(store, 1)
    return db, folder / "january"


def test_the_next_scenario_starts_the_day_after_with_history_and_blank_wishes(
    accepted: tuple[str, Path],
) -> None:
    db, folder = accepted
    old = load_scenario(TINY)
    new = load_scenario(folder)  # it reads back as a scenario folder
    assert new.service.start_date == old.service.days[-1] + dt.timedelta(days=1)
    assert new.preferences == () and new.wishes == old.wishes
    with open_store(db) as store:
        roster = store.roster(1)
        assert [e.action for e in store.events()] == ["create", "accept", "next"]
    by_day = {(h.employee_id, h.date): h for h in new.history}
    for s in roster.shifts:
        h = by_day[(s.employee_id, s.date)]
        assert h.hours == pytest.approx(s.paid_minutes / 60) and h.shift_end == s.end
    # every person has a row for every date of the roster (a day off is 0 hours)
    assert len([h for h in new.history if h.date >= old.service.start_date]) == 5 * len(old.service.days)
    assert {(h.employee_id, h.absence) for h in new.history if h.date == dt.date(2027, 1, 15)} >= {
        ("T2", "annual_leave")
    }


def test_banked_time_rolls_on_by_the_ledger_and_fairness_counts_who_gave_way(
    accepted: tuple[str, Path],
) -> None:
    db, folder = accepted
    new = load_scenario(folder)
    with open_store(db) as store:
        old, roster = scenario_of(store, 1), store.roster(1)
    report = validate(old, roster)
    start = new.service.start_date
    for emp, hb in zip(old.employees, hours_balances(old, roster), strict=True):
        before = contract_target(old, emp)
        after = sum(b.minutes for b in new.banked if b.employee_id == emp.id)
        after_usable = contract_target(new, emp).usable_balance
        assert after_usable <= after
        if hb.net >= 0:  # banked as worked: nothing earlier was taken back
            assert after <= before.usable_balance + hb.net
        else:  # taken back: it comes off the balances
            assert after <= max(0, before.usable_balance + hb.net)
        assert all(b.minutes > 0 for b in new.banked)
    refused = {w.employee_id for w in report.wishes if not w.honoured}
    gave = {f.employee_id: f.gave_way for f in old.fairness}
    for f in new.fairness:
        assert f.gave_way == gave.get(f.employee_id, 0) + (f.employee_id in refused)
    assert start.weekday() == 0


def test_next_needs_an_accepted_version_and_a_new_folder(accepted: tuple[str, Path], tmp_path: Path) -> None:
    db, folder = accepted
    taken = CliRunner().invoke(main, ["next", "v1", "--out", str(folder), "--db", db])
    assert taken.exit_code == 4 and "is not empty" in taken.output
    early = CliRunner().invoke(
        main, ["next", "v1", "--out", str(tmp_path / "x"), "--start", "2027-01-10", "--db", db]
    )
    assert early.exit_code == 4 and "must start after this one ends" in early.output
    assert not (tmp_path / "x").exists()


def test_time_not_worked_takes_banked_time_back_and_a_gap_is_named() -> None:
    sc = load_scenario(TINY)
    t1 = next(e for e in sc.employees if e.id == "T1")
    assert contract_target(sc, t1).usable_balance == 60  # banked.csv: usable in this roster
    empty = Roster()
    later, notes = next_scenario(sc, empty, validate(sc, empty), sc.service.days[-1] + dt.timedelta(days=8))
    assert any("no roster covers" in n for n in notes)
    assert [b for b in later.banked if b.employee_id == "T1"] == []  # T1 was under target: taken back


def test_a_period_earlier_than_the_scenario_holds_no_later_history_or_banked_time() -> None:
    # within() (a year plan's first period, or dated rows taken into a period) keeps only facts of
    # before the period: the CCTV room's history is of 25-31 January 2027, its roster from 1 February
    from roster.domain import BankedBalance, check_scenario
    from roster.workflow.carry import within

    sc = load_scenario(TINY.parent / "cctv-control-room")
    sc = sc.model_copy(
        update={
            "banked": (
                BankedBalance(employee_id="CR01", period_start=dt.date(2026, 12, 21), minutes=30),
                BankedBalance(employee_id="CR02", period_start=dt.date(2027, 1, 18), minutes=45),
            )
        }
    )
    earlier = within(sc, dt.date(2027, 1, 4))
    assert earlier.history == () and [b.employee_id for b in earlier.banked] == ["CR01"]
    check_scenario(earlier)
    assert within(sc, sc.service.start_date).history == sc.history
    assert within(sc, sc.service.start_date).banked == sc.banked


def test_time_off_in_lieu_rolls_on_and_lapses_over_five_days_at_a_new_leave_year() -> None:
    from roster.domain import ExtraShift, ToilBalance

    sc = load_scenario(TINY)
    t1 = next(e for e in sc.employees if e.id == "T1")
    day = sc.service.days[2]
    extra = ExtraShift(employee_id="T1", date=day, start=9 * 60, end=13 * 60)
    sc = sc.model_copy(
        update={"extra_shifts": (extra,), "toil": (ToilBalance(employee_id="T1", minutes=100),)}
    )
    empty = Roster()
    later, notes = next_scenario(sc, empty, validate(sc, empty), sc.service.days[-1] + dt.timedelta(days=1))
    assert later.toil == (ToilBalance(employee_id="T1", minutes=340),)  # 100 held + 4 h earned
    assert later.extra_shifts == ()
    # a start in the next leave year (1 April) carries at most 5 contracted days
    april = dt.date(sc.service.start_date.year, 4, 5)
    while april.weekday():
        april += dt.timedelta(days=1)
    rich = sc.model_copy(update={"toil": (ToilBalance(employee_id="T1", minutes=3000),)})
    later, notes = next_scenario(rich, empty, validate(rich, empty), april)
    limit = 5 * t1.daily_minutes
    assert later.toil == (ToilBalance(employee_id="T1", minutes=limit),)
    assert any(f"{3240 - limit} minutes of time off in lieu lapse" in n for n in notes), notes


def test_a_flexi_balance_rolls_on_and_credit_over_the_most_lapses() -> None:
    from roster.domain import FlexiBalance, FlexiRule
    from roster.reports.hours import hours_frame

    sc = load_scenario(TINY)
    svc = sc.service.model_copy(update={"flexi": FlexiRule()})
    sc = sc.model_copy(
        update={"service": svc, "banked": (), "flexi": (FlexiBalance(employee_id="T1", minutes=-100),)}
    )
    empty = Roster()
    t1 = next(e for e in sc.employees if e.id == "T1")
    target = contract_target(sc, t1)
    assert target.flexi and target.usable_balance == 500  # -100 held, 600 of debit allowed
    later, notes = next_scenario(sc, empty, validate(sc, empty), sc.service.days[-1] + dt.timedelta(days=1))
    # nobody worked: every balance falls by the target, carried at the 10 h of debit allowed
    assert FlexiBalance(employee_id="T1", minutes=-600) in later.flexi and later.banked == ()
    assert any("T1: the flexi balance ends" in n and "settle the rest" in n for n in notes), notes
    row = hours_frame(sc, empty).set_index("id").loc["T1"]
    assert row["flexi_opening_minutes"] == -100 and row["flexi"].startswith("-")
    # 15 h held and the roster worked as solved: what T1 works over the target lapses, said in notes
    from store_helpers import tiny_roster

    rich = sc.model_copy(update={"flexi": (FlexiBalance(employee_id="T1", minutes=900),)})
    roster = tiny_roster()
    net = int(hours_frame(rich, roster).set_index("id").loc["T1", "net_minutes"])
    later, notes = next_scenario(
        rich, roster, validate(rich, roster), rich.service.days[-1] + dt.timedelta(days=1)
    )
    assert FlexiBalance(employee_id="T1", minutes=min(900, 900 + net)) in later.flexi
    assert (net > 0) == any(f"T1: {net} minutes of flexi credit lapse" in n for n in notes), (net, notes)
