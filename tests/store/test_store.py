"""The roster store on SQLite and PostgreSQL: versions, snapshots, conflicts, the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from roster.domain import Roster, Shift
from roster.store import Store, StoreError, VersionConflict, open_store

START = dt.date(2027, 1, 4)
FILES = {"service.yaml": b"name: Test\n", "employees.csv": b"employee_id\nA\n"}


def _shift(who: str, day: int, start: int = 9, end: int = 17) -> Shift:
    d = START + dt.timedelta(days=day)
    at = dt.datetime.combine(d, dt.time())
    return Shift(
        employee_id=who,
        date=d,
        start=at + dt.timedelta(hours=start),
        end=at + dt.timedelta(hours=end),
        break_start=at + dt.timedelta(hours=12),
        break_end=at + dt.timedelta(hours=12, minutes=30),
    )


ROSTER = Roster(shifts=(_shift("A", 0), _shift("A", 1), _shift("B", 0, 8, 12)))


def _save(store: Store, roster: Roster = ROSTER, files: dict[str, bytes] = FILES, **kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = {
        "actor": "coordinator",
        "source": "solve",
        "objective": 10,
        "hard_violations": 0,
    }
    args.update(kw)
    return store.save("Contact centre", files, START, 3, roster, **args)  # type: ignore[arg-type]


def test_a_saved_roster_reads_back_exactly_with_its_files_and_an_event(store_url: str) -> None:
    with open_store(store_url) as store:
        v = _save(store)
        assert (v.id, v.status, v.revision, v.shifts) == (1, "draft", 1, 3)
        assert store.roster(v.id) == ROSTER
        assert store.files(v.id) == FILES
        [event] = store.events()
        assert (event.action, event.actor, event.version_id) == ("create", "coordinator", v.id)
        assert event.at.tzinfo is not None


def test_the_same_inputs_are_stored_once(store_url: str) -> None:
    with open_store(store_url) as store:
        a, b = _save(store), _save(store)
        c = _save(store, files={**FILES, "leave.csv": b"employee_id,date\nA,2027-01-05\n"})
        assert a.snapshot_id == b.snapshot_id != c.snapshot_id
        assert store.snapshots() == 2


def test_amending_a_draft_supersedes_it_and_an_accepted_version_stays_until_another_is_accepted(
    store_url: str,
) -> None:
    with open_store(store_url) as store:
        v1 = _save(store)
        v2 = store.save(
            "Contact centre",
            FILES,
            START,
            3,
            Roster(shifts=ROSTER.shifts[:2]),
            actor="manager",
            source="amend",
            objective=12,
            hard_violations=0,
            parent=(v1.id, v1.revision),
        )
        assert (store.version(v1.id).status, v2.status, store.version(v1.id).next_id) == (
            "superseded",
            "amended",
            v2.id,
        )
        accepted = store.set_status(v2.id, v2.revision, "accepted", actor="manager", action="accept")
        assert accepted.status == "accepted" and accepted.revision == v2.revision + 1
        assert store.roster(v2.id) == Roster(shifts=ROSTER.shifts[:2])  # never rewritten
        v3 = store.save(
            "Contact centre",
            FILES,
            START,
            3,
            ROSTER,
            actor="manager",
            source="amend",
            objective=10,
            hard_violations=0,
            parent=(v2.id, accepted.revision),
        )
        assert v3.status == "draft" and store.version(v2.id).status == "accepted"
        # a second solve of the same period, accepted: the earlier accepted version is superseded
        v4 = _save(store)
        store.set_status(v4.id, v4.revision, "accepted", actor="manager", action="accept")
        assert store.version(v2.id).status == "superseded"
        assert [e.action for e in store.events()] == [
            "create",
            "amend",
            "accept",
            "amend",
            "create",
            "supersede",
            "accept",
        ]


def test_the_second_of_two_people_amending_one_version_gets_a_conflict_naming_the_newer(
    store_url: str,
) -> None:
    # two real connections (two engines, as two people's processes would have)
    with open_store(store_url) as ayesha, open_store(store_url) as ben:
        v1 = _save(ayesha)
        read_by_ayesha, read_by_ben = ayesha.version(v1.id), ben.version(v1.id)
        v2 = ayesha.save(
            "Contact centre",
            FILES,
            START,
            3,
            ROSTER,
            actor="Ayesha",
            source="amend",
            objective=9,
            hard_violations=0,
            parent=(v1.id, read_by_ayesha.revision),
        )
        with pytest.raises(VersionConflict, match=f"amended as v{v2.id}") as caught:
            ben.save(
                "Contact centre",
                FILES,
                START,
                3,
                Roster(),
                actor="Ben",
                source="amend",
                objective=99,
                hard_violations=0,
                parent=(v1.id, read_by_ben.revision),
            )
        assert caught.value.newer == v2.id
        assert [v.id for v in ben.versions()] == [v1.id, v2.id]  # nothing of Ben's was saved
        assert [e.actor for e in ben.events()] == ["coordinator", "Ayesha"]
        with pytest.raises(VersionConflict):  # nor may Ben accept the version Ayesha amended
            ben.set_status(v1.id, read_by_ben.revision, "accepted", actor="Ben", action="accept")


def test_the_audit_log_refuses_an_update_in_the_database_itself(store_url: str) -> None:
    with open_store(store_url) as store:
        _save(store)
    engine = create_engine(store_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE events SET actor = 'someone else'"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT actor FROM events")).scalars().all() == ["coordinator"]
    finally:
        engine.dispose()


def test_opening_an_existing_store_keeps_its_versions(store_url: str) -> None:
    with open_store(store_url) as store:
        _save(store)
    with open_store(store_url) as again:  # the migrations are already applied: nothing changes
        assert [v.id for v in again.versions()] == [1]


def test_a_store_that_cannot_be_opened_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="cannot open the roster store"):
        open_store(str(tmp_path / "no such folder" / "roster.db"))
    with pytest.raises(StoreError, match="SQLite or PostgreSQL only"):
        open_store("nosuchdb://x/y")


def test_a_purge_keeps_the_retention_period_and_each_teams_last_accepted_roster(store_url: str) -> None:
    old = dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
    with open_store(store_url) as store:
        v1 = _save(store, now=old)  # accepted long ago: the team's last accepted roster
        store.set_status(v1.id, v1.revision, "accepted", actor="manager", action="accept", now=old)
        v2 = _save(store, files={**FILES, "leave.csv": b"x"}, now=old)  # an old draft
        v3 = store.save(
            "Contact centre",
            FILES,
            START,
            3,
            ROSTER,
            actor="manager",
            source="amend",
            objective=1,
            hard_violations=0,
            parent=(v2.id, v2.revision),
            now=old,
        )
        v4 = _save(store)  # recent
        cutoff = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        assert store.purge(cutoff, actor="admin", dry_run=True) == {
            "versions": 2,
            "shifts": 6,
            "events": 2,
            "snapshots": 1,
            "periods": 0,
        }
        assert len(store.versions()) == 4
        store.purge(cutoff, actor="admin")
        assert [v.id for v in store.versions()] == [v1.id, v4.id]
        assert store.roster(v1.id) == ROSTER and store.files(v1.id) == FILES
        assert store.snapshots() == 1
        actions = [(e.action, e.version_id) for e in store.events()]
        assert actions == [("create", v1.id), ("accept", v1.id), ("create", v4.id), ("purge", None)]
        assert v3.id not in {v.id for v in store.versions()}
