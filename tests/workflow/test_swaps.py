"""Shift swaps through the workflow, on a real store (SQLite; the flow and the race also on
PostgreSQL), on tiny's solved roster
(``store_helpers.tiny_roster``). An exchange of Dan's Wednesday for Chloe's Tuesday keeps both people's hours
and every rule; Asha giving her Wednesday away leaves her 7 h 30 short of her contract with 1 h of
banked time to take back: the validator's CONTRACT_HOURS refuses it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from roster import load_scenario, validate
from roster.cli import main
from roster.domain import Roster
from roster.store import Store, open_store
from roster.store import swaps as kept
from roster.workflow import accept, publish_on_web, save_roster, scenario_files
from roster.workflow.swaps import (
    SwapRefused,
    approve_swap,
    offer_shift,
    refuse_swap,
    take_shift,
    withdraw_swap,
)
from store_helpers import TINY, tiny_roster

TUE, WED, THU = dt.date(2027, 1, 5), dt.date(2027, 1, 6), dt.date(2027, 1, 7)
TODAY = dt.date(2027, 1, 1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite store: the workflow's steps do not depend on the database."""
    with open_store(f"sqlite:///{tmp_path / 'roster.db'}") as made:
        yield made


@pytest.fixture
def store_both(store_url: str) -> Iterator[Store]:
    """An empty store on SQLite and on PostgreSQL: for the steps whose atomicity is the database's."""
    with open_store(store_url) as made:
        yield made


def _published(store: Store) -> int:
    sc = load_scenario(TINY)
    roster = tiny_roster()
    saved = save_roster(
        store, sc, scenario_files(TINY), roster, validate(sc, roster), solver_objective=None, actor="test"
    )
    accept(store, saved.id, "Manager")
    publish_on_web(store, saved.id, "Manager")
    return saved.id


def _works(roster: Roster, who: str, day: dt.date) -> bool:
    return any(s.employee_id == who and s.date == day for s in roster.shifts)


def test_the_roster_is_as_the_module_says() -> None:
    roster = tiny_roster()
    assert [_works(roster, "T4", d) for d in (TUE, WED, THU)] == [False, True, True]
    assert [_works(roster, "T3", d) for d in (TUE, WED, THU)] == [True, False, True]
    assert all(_works(roster, "T1", d) for d in (TUE, WED, THU))


def test_an_exchange_offered_taken_and_approved_is_a_new_published_version(store_both: Store) -> None:
    store = store_both
    v1 = _published(store)
    offer = offer_shift(store, v1, "T4", WED, None, "school play", "Dan Hughes (t4)", today=TODAY)
    assert offer.state == "offered"
    taken, check = take_shift(store, offer.id, "T3", TUE, "Chloe Evans (t3)")
    assert taken.state == "accepted" and check.allowed and check.short_after <= check.short_before
    made = approve_swap(store, offer.id, "Ayesha Khan (manager)")
    assert made.source == "swap" and made.parent_id == v1 and store.version(made.id).status == "accepted"
    roster = store.roster(made.id)
    assert _works(roster, "T3", WED) and _works(roster, "T4", TUE)
    assert not _works(roster, "T4", WED) and not _works(roster, "T3", TUE)
    assert not validate(load_scenario(TINY), roster).hard_violations
    done = kept.swap(store, offer.id)
    assert done.state == "approved" and done.result_version_id == made.id
    actions = [e.action for e in store.events(version_id=v1) if e.action.startswith("swap")]
    assert actions == ["swap-offer", "swap-accept", "swap-approve"]
    assert [e.action for e in store.events(version_id=made.id)][:3] == ["amend", "accept", "publish"]


def test_a_swap_that_breaks_a_hard_rule_is_refused_with_the_rules_message(store: Store) -> None:
    v1 = _published(store)
    offer = offer_shift(store, v1, "T1", WED, None, "", "Asha Patel (t1)", today=TODAY)
    with pytest.raises(SwapRefused) as refused:
        take_shift(store, offer.id, "T3", None, "Chloe Evans (t3)")
    message = str(refused.value)
    assert "CONTRACT_HOURS (Asha Patel (T1))" in message and "short" in message
    assert kept.swap(store, offer.id).state == "offered"  # nothing changed


@pytest.mark.parametrize(
    "who, day, to, says",
    [
        ("T4", TUE, None, "has no shift on Tue 05 Jan to offer"),
        ("T4", WED, "T1", "already works on Wed 06 Jan"),
        ("T4", WED, "T9", "T9 is not on this team's roster"),
    ],
)
def test_an_offer_that_cannot_be_is_refused(
    store: Store, who: str, day: dt.date, to: str | None, says: str
) -> None:
    v1 = _published(store)
    with pytest.raises(SwapRefused, match=says):
        offer_shift(store, v1, who, day, to, "", "someone", today=TODAY)


def test_a_past_shift_and_a_draft_roster_cannot_be_offered(store: Store) -> None:
    v1 = _published(store)
    with pytest.raises(SwapRefused, match="in the past"):
        offer_shift(store, v1, "T4", WED, None, "", "Dan", today=dt.date(2027, 2, 1))
    sc = load_scenario(TINY)
    draft = save_roster(
        store,
        sc,
        scenario_files(TINY),
        tiny_roster(),
        validate(sc, tiny_roster()),
        solver_objective=None,
        actor="t",
    )
    with pytest.raises(SwapRefused, match="current published roster"):
        offer_shift(store, draft.id, "T4", WED, None, "", "Dan", today=TODAY)


def test_withdrawn_refused_and_raced_swaps(store: Store) -> None:
    v1 = _published(store)
    a = offer_shift(store, v1, "T4", WED, None, "", "Dan", today=TODAY)
    with pytest.raises(SwapRefused, match="already offered"):
        offer_shift(store, v1, "T4", WED, None, "", "Dan", today=TODAY)
    with pytest.raises(SwapRefused, match="Only the person who offered"):
        withdraw_swap(store, a.id, "T3", "Chloe")
    assert withdraw_swap(store, a.id, "T4", "Dan").state == "withdrawn"
    with pytest.raises(SwapRefused, match="withdrawn already"):
        take_shift(store, a.id, "T3", TUE, "Chloe")
    b = offer_shift(store, v1, "T4", WED, "T3", "", "Dan", today=TODAY)
    with pytest.raises(SwapRefused, match="offered to T3 only"):
        take_shift(store, b.id, "T5", None, "Ewa")
    take_shift(store, b.id, "T3", TUE, "Chloe")
    with pytest.raises(SwapRefused, match="Give a reason"):
        refuse_swap(store, b.id, "Manager", "  ")
    refused = refuse_swap(store, b.id, "Manager", "Chloe is training new starters that Wednesday")
    assert refused.state == "refused" and refused.reason.startswith("Chloe is training")
    with pytest.raises(SwapRefused, match="this one is refused"):
        approve_swap(store, b.id, "Manager")  # approving what another manager refused a moment ago
    assert store.version(v1).next_id is None  # no version was made


def test_an_open_offer_moves_to_a_newer_roster_when_its_shift_is_unchanged_and_lapses_otherwise(
    store: Store,
) -> None:
    v1 = _published(store)
    keep = offer_shift(store, v1, "T4", THU, None, "", "Dan", today=TODAY)
    gone = offer_shift(store, v1, "T4", WED, None, "", "Dan", today=TODAY)
    exchange = offer_shift(store, v1, "T3", TUE, "T4", "", "Chloe", today=TODAY)
    take_shift(store, exchange.id, "T4", WED, "Dan")
    made = approve_swap(store, exchange.id, "Manager")  # Dan's Wednesday is Chloe's now
    assert kept.swap(store, keep.id).version_id == made.id and kept.swap(store, keep.id).state == "offered"
    assert kept.swap(store, gone.id).state == "lapsed"


def test_of_two_takers_at_once_one_gets_the_shift(store_both: Store) -> None:
    """Each step is one conditional update on the state it was read in: the second finds it taken."""
    store = store_both
    v1 = _published(store)
    offer = offer_shift(store, v1, "T4", WED, None, "", "Dan", today=TODAY)
    kept.move(
        store, offer.id, "offered", "accepted", actor="Chloe", action="swap-accept", detail="x", taker="T3"
    )
    with pytest.raises(kept.SwapConflict, match="is accepted now"):
        kept.move(
            store, offer.id, "offered", "accepted", actor="Ewa", action="swap-accept", detail="y", taker="T5"
        )
    assert kept.swap(store, offer.id).taker == "T3"


def test_the_managers_swap_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "roster.db")
    with open_store(db) as store:
        v1 = _published(store)
        a = offer_shift(store, v1, "T4", WED, None, "", "Dan", today=TODAY)
        take_shift(store, a.id, "T3", TUE, "Chloe")
        b = offer_shift(store, v1, "T4", THU, None, "", "Dan", today=TODAY)
    listed = CliRunner().invoke(main, ["swap", "list", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert (
        f"swap {a.id}" in listed.output
        and "T4 2027-01-06 taken by T3 giving back 2027-01-05  accepted" in listed.output
    )
    approved = CliRunner().invoke(main, ["swap", "approve", str(a.id), "--by", "Ayesha", "--db", db])
    assert approved.exit_code == 0 and "accepted and published on the web page" in approved.output
    refused = CliRunner().invoke(
        main, ["swap", "refuse", str(b.id), "--by", "Ayesha", "--reason", "no", "--db", db]
    )
    assert refused.exit_code == 0, refused.output
    again = CliRunner().invoke(main, ["swap", "approve", str(b.id), "--by", "Ayesha", "--db", db])
    assert again.exit_code == 1 and "this one is refused" in again.output
    missing = CliRunner().invoke(main, ["swap", "refuse", "999", "--by", "A", "--reason", "x", "--db", db])
    assert missing.exit_code == 4 and "swap 999 is not in the store" in missing.output
    with open_store(db) as store:
        assert kept.swap(store, a.id).state == "approved" and kept.swap(store, b.id).state == "refused"
