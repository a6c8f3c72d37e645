"""Roster periods, wishes and people in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from roster.domain import DayPreference, StandingWish
from roster.store import StoreError, open_store
from roster.store import people as accounts
from roster.store.periods import (
    PeriodClosed,
    WishesConflict,
    open_period,
    periods,
    save_wishes,
    set_period_status,
    submissions,
    wishes_of,
)
from roster.store.schema import Base

START = dt.date(2027, 1, 4)
FILES = {"service.yaml": b"name: Test\n", "employees.csv": b"id\nA\n"}


def _day(who: str, day: int, kind: str = "off") -> DayPreference:
    if kind == "shift":
        return DayPreference(
            employee_id=who, date=START + dt.timedelta(days=day), kind="shift", start=540, end=1020
        )
    return DayPreference(employee_id=who, date=START + dt.timedelta(days=day), kind=kind)  # type: ignore[arg-type]


def test_the_migrations_make_exactly_the_tables_the_code_declares(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_a_period_keeps_its_imported_wishes_and_who_gave_them(store_url: str) -> None:
    with open_store(store_url) as store:
        info = open_period(
            store,
            "Desk",
            FILES,
            START,
            3,
            actor="Chris",
            given_by="imported",
            prefs=[_day("A", 0, "shift"), _day("A", 1, "any")],
            wishes=[StandingWish(employee_id="B", weekday="fri", kind="day_off")],
        )
        assert (info.status, info.end_date) == ("open", dt.date(2027, 1, 24))
        days, standing = wishes_of(store, info.id)
        assert days == (_day("A", 0, "shift"),)  # "any" is no wish: not stored
        assert [w.employee_id for w in standing] == ["B"]
        assert {k: (s.revision, s.saved_by) for k, s in submissions(store, info.id).items()} == {
            "A": (1, "imported"),
            "B": (1, "imported"),
        }
        assert [e.action for e in store.events(team="Desk")] == ["open"]
        with pytest.raises(StoreError, match="already has a roster period from 2027-01-04"):
            open_period(store, "Desk", FILES, START, 3, actor="Chris")
        assert [p.id for p in periods(store)] == [info.id]


def test_a_save_replaces_the_persons_wishes_and_a_stale_or_closed_save_changes_nothing(
    store_url: str,
) -> None:
    with open_store(store_url) as store:
        info = open_period(store, "Desk", FILES, START, 3, actor="Chris", prefs=[_day("A", 0)])
        saved = save_wishes(store, info.id, "A", [_day("A", 2, "shift")], [], actor="A", revision=1)
        assert saved.revision == 2 and wishes_of(store, info.id, "A")[0] == (_day("A", 2, "shift"),)
        with pytest.raises(WishesConflict, match="reload the page"):
            save_wishes(store, info.id, "A", [_day("A", 3)], [], actor="A", revision=1)
        set_period_status(store, info.id, "closed", actor="Chris")
        with pytest.raises(PeriodClosed, match="closed for wishes"):
            save_wishes(store, info.id, "A", [_day("A", 3)], [], actor="A", revision=2)
        assert wishes_of(store, info.id, "A")[0] == (_day("A", 2, "shift"),)
        assert submissions(store, info.id)["A"].revision == 2
        with pytest.raises(ValueError, match="the person's own"):
            save_wishes(store, info.id, "A", [_day("B", 0)], [], actor="A", revision=None)


def test_many_people_saving_at_once_lose_nothing(store_url: str) -> None:
    """Twenty people save their wishes five times each at the same moment, each on their own
    connection: every person's last save is what the store holds, and every revision counts."""
    with open_store(store_url) as store:
        info = open_period(store, "Desk", FILES, START, 3, actor="Chris")
        people = [f"P{i:02d}" for i in range(20)]
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(people), timeout=60)

        def person(who: str) -> None:
            try:
                with open_store(store_url) as own:
                    barrier.wait()
                    revision = 0
                    for day in range(5):
                        revision = save_wishes(
                            own, info.id, who, [_day(who, day, "shift")], [], actor=who, revision=revision
                        ).revision
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=person, args=(who,)) for who in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert errors == []
        days, _ = wishes_of(store, info.id)
        assert {(p.employee_id, p.date) for p in days} == {
            (who, START + dt.timedelta(days=4)) for who in people
        }
        assert {s.revision for s in submissions(store, info.id).values()} == {5}


def test_accounts_roles_and_the_sign_in_failures(store_url: str) -> None:
    with open_store(store_url) as store:
        open_period(store, "Desk", FILES, START, 3, actor="Chris")
        ann = accounts.add_user(store, " Ann ", "Ann Lee", "hash-1")
        assert ann.username == "ann"
        with pytest.raises(StoreError, match="taken"):
            accounts.add_user(store, "ANN", "Another", "hash-2")
        accounts.grant(store, ann.id, "Desk", "employee", "A")
        accounts.grant(store, ann.id, "Desk", "manager")
        assert sorted(m.role for m in accounts.memberships(store, ann.id)) == ["employee", "manager"]
        with pytest.raises(StoreError, match="A of Desk already has an account"):
            accounts.add_user(store, "carl", "Carl", "hash-4", role=("Desk", "employee", "A"))
        assert accounts.credentials(store, "carl") is None  # the account and its role, or neither
        bob = accounts.add_user(store, "bob", "Bob", "hash-3")
        with pytest.raises(StoreError, match="already has an account"):
            accounts.grant(store, bob.id, "Desk", "employee", "A")
        with pytest.raises(StoreError, match="no team 'Nowhere'"):
            accounts.grant(store, bob.id, "Nowhere", "manager")

        def attempt(name: str, address: str) -> accounts.Refused | None:  # limits 2 a name, 3 an address
            return accounts.count_attempt(
                store, name, address, per_name=2, per_address=3, window=dt.timedelta(minutes=15)
            )

        def counts(name: str, address: str) -> tuple[int, int]:
            return accounts.attempts(store, "name", name), accounts.attempts(store, "address", address)

        assert attempt("ann", "10.0.0.1") is None and attempt("ANN", "10.0.0.2") is None
        assert counts("ann", "10.0.0.1") == (2, 1)
        refused = attempt("ann", "10.0.0.1")
        assert refused is not None and refused.kind == "name"
        assert refused.until > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=14)
        assert counts("ann", "10.0.0.1") == (2, 1)  # a refused attempt counts nowhere
        assert attempt("bob", "10.0.0.1") is None and attempt("carl", "10.0.0.1") is None
        refused = attempt("dan", "10.0.0.1")
        assert refused is not None and refused.kind == "address"
        assert counts("dan", "10.0.0.1") == (0, 3)
        accounts.forget_attempt(store, "ann", "10.0.0.1")  # ann signed in after all
        assert counts("ann", "10.0.0.1") == (0, 2)
        first = accounts.setting(store, "key", lambda: "one")
        assert first == "one" and accounts.setting(store, "key", lambda: "two") == "one"


def test_a_purge_removes_periods_past_the_retention_with_their_wishes(store_url: str) -> None:
    with open_store(store_url) as store:
        old = open_period(store, "Desk", FILES, dt.date(2024, 1, 1), 3, actor="Chris", prefs=[_day("A", 0)])
        with store.transaction() as s:  # opened long ago
            from roster.store.schema import PeriodRow

            row = s.get(PeriodRow, old.id)
            assert row is not None
            row.opened_at = dt.datetime(2023, 12, 1, tzinfo=dt.UTC)
        recent = open_period(store, "Desk", {**FILES, "leave.csv": b"x"}, START, 3, actor="Chris")
        counts = store.purge(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), actor="admin")
        assert counts["periods"] == 1 and counts["snapshots"] == 1
        assert [p.id for p in periods(store)] == [recent.id]
        assert wishes_of(store, old.id) == ((), ())


def test_the_web_page_switches_a_sqlite_store_to_write_ahead_logging(store_url: str) -> None:
    """Readers and the writer then do not wait for each other; the mode stays with the file."""
    with open_store(store_url) as store:
        mode = store.serve_concurrently()
    if store_url.startswith("sqlite"):
        assert mode == "wal"
        with open_store(store_url) as again, again.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    else:
        assert mode == "server"
