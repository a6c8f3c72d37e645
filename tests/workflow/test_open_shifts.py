"""Open shifts through the workflow, on a real store (SQLite; the grant also on PostgreSQL).

tiny's solved roster (``store_helpers.tiny_roster``) is published with Asha (T1) off sick on
Wednesday 6 January and her shift taken out: Wednesday's revenues minimum (10:30-14:30, one
person) is then short, and so is the team's minimum of two from 08:30 to 09:30 (Dan, T4, works
alone until Ben, T2, starts) and in two half hours of breaks inside the revenues shift. Chloe (T3,
revenues, off on Wednesday) volunteers for the revenues shift; granting it
publishes a new version with her extra shift, 4 h of time off in lieu earned; with a TOIL
balance near her cap (half of 7 weeks of 30 h: 105 h) she is refused with the rule's message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from roster import load_scenario, validate
from roster.domain import Roster, toil_account
from roster.io import load_scenario_files
from roster.reports.open_shifts import open_shifts
from roster.store import Store, open_store
from roster.store import volunteers as kept
from roster.workflow import accept, publish_on_web, save_roster, scenario_files
from roster.workflow.open_shifts import OpenShiftRefused, decline, grant, volunteer_for, withdraw
from store_helpers import TINY, tiny_roster

WED = dt.date(2027, 1, 6)
TODAY = dt.date(2027, 1, 1)
REVENUES = (WED, 10 * 60 + 30, 14 * 60 + 30, "revenues")
TEAM = (WED, 8 * 60 + 30, 12 * 60 + 30, "team")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'roster.db'}") as made:
        yield made


def publish_short(store: Store, toil: bytes | None = None) -> int:
    """tiny with T1 sick on Wednesday 6 January (her shift out), accepted and published."""
    files = scenario_files(TINY)
    files["leave.csv"] = files["leave.csv"].rstrip(b"\n") + b"\nT1,2027-01-06,2027-01-06,,,sick\n"
    if toil is not None:
        files["toil.csv"] = toil
    sc = load_scenario_files(files)
    roster = Roster(shifts=tuple(s for s in tiny_roster().shifts if (s.employee_id, s.date) != ("T1", WED)))
    saved = save_roster(store, sc, files, roster, validate(sc, roster), solver_objective=None, actor="test")
    report = validate(sc, roster)
    accept(store, saved.id, "Manager", override_reason="sickness" if report.hard_violations else None)
    publish_on_web(store, saved.id, "Manager")
    return saved.id


def test_the_hours_short_are_open_shifts() -> None:
    sc = load_scenario(TINY)
    roster = Roster(shifts=tuple(s for s in tiny_roster().shifts if (s.employee_id, s.date) != ("T1", WED)))
    found = {o.key: o for o in open_shifts(sc, roster) if o.date == WED}
    assert REVENUES in found and found[REVENUES].places == 1 and found[REVENUES].break_start is None
    # 08:30-09:30 lengthened to the shortest shift (4 h); the breaks' half hours are the revenues shift's
    assert sorted(found) == [TEAM, REVENUES] and found[TEAM].places == 1
    assert open_shifts(sc, tiny_roster()) == []


def test_a_volunteer_granted_is_a_new_published_version_with_toil_earned(store_url: str) -> None:
    with open_store(store_url) as store:
        v1 = publish_short(store)
        info, check = volunteer_for(store, v1, REVENUES, "T3", "happy to", "Chloe Evans (t3)", today=TODAY)
        assert info.state == "volunteered" and not check.broken
        assert check.short_after < check.short_before
        with pytest.raises(OpenShiftRefused, match="already volunteered"):
            volunteer_for(store, v1, REVENUES, "T3", "", "Chloe Evans (t3)", today=TODAY)
        made = grant(store, info.id, "Ayesha Khan (manager)")
        assert (
            made.source == "open-shift"
            and made.parent_id == v1
            and store.version(made.id).status == "accepted"
        )
        assert kept.volunteer(store, info.id).state == "granted"
        sc = load_scenario_files(store.files(made.id))
        after = validate(sc, store.roster(made.id))
        before = validate(load_scenario_files(store.files(v1)), store.roster(v1))
        assert after.objective == store.version(made.id).objective < before.objective
        assert {v.rule for v in after.hard_violations} <= {v.rule for v in before.hard_violations}
        assert [(x.employee_id, x.date) for x in sc.extra_shifts] == [("T3", WED)]
        t3 = next(e for e in sc.employees if e.id == "T3")
        assert toil_account(sc, t3).closing == 240
        shift = store.roster(made.id).shift_of("T3", WED)
        assert shift is not None and (shift.start.hour, shift.start.minute, shift.end.hour) == (10, 30, 14)
        # the revenues shift is covered now; the team's is still open
        left = {o.key for o in open_shifts(sc, store.roster(made.id))}
        assert REVENUES not in left
        with pytest.raises(OpenShiftRefused, match=r"no longer open|current published"):
            volunteer_for(store, made.id, REVENUES, "T5", "", "T5", today=TODAY)


def test_who_may_not_volunteer_is_told_why(store: Store) -> None:
    v1 = publish_short(store)
    with pytest.raises(OpenShiftRefused, match="does not hold revenues"):
        volunteer_for(store, v1, REVENUES, "T5", "", "T5", today=TODAY)
    with pytest.raises(OpenShiftRefused, match="already works"):
        volunteer_for(store, v1, TEAM, "T4", "", "T4", today=TODAY)
    with pytest.raises(OpenShiftRefused, match="in the past"):
        volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=dt.date(2027, 1, 7))


def test_a_volunteer_over_the_toil_cap_is_refused_with_the_rules_message(store: Store) -> None:
    v1 = publish_short(store, toil=b"employee_id,minutes\nT3,6200\n")
    with pytest.raises(OpenShiftRefused) as err:
        volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=TODAY)
    text = str(err.value)
    assert "TIME_OFF_IN_LIEU" in text and "Chloe" in text and "Wed 06 Jan" in text
    assert "over the cap of 105 h (half the annual leave entitlement)" in text
    assert kept.version_volunteers(store, v1) == []


def test_declined_and_withdrawn_volunteers_and_a_grant_lapses_the_rest(store: Store) -> None:
    v1 = publish_short(store)
    t3, _ = volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=TODAY)
    with pytest.raises(OpenShiftRefused, match="reason"):
        decline(store, t3.id, "Manager", " ")
    assert decline(store, t3.id, "Manager", "Chloe has worked enough this month").state == "declined"
    t3b, _ = volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=TODAY)
    with pytest.raises(OpenShiftRefused, match="Only the person"):
        withdraw(store, t3b.id, "T2", "T2")
    assert withdraw(store, t3b.id, "T3", "T3").state == "withdrawn"
    t3c, _ = volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=TODAY)
    t3t, _ = volunteer_for(store, v1, TEAM, "T3", "", "T3", today=TODAY)
    made = grant(store, t3t.id, "Manager")
    # the revenues shift is still open, but Chloe works that day now: her other offer lapses
    assert store.roster(made.id).shift_of("T3", WED) is not None
    assert kept.volunteer(store, t3c.id).state == "lapsed"
    with pytest.raises(OpenShiftRefused, match="waiting volunteer"):
        grant(store, t3c.id, "Manager")


def test_the_command_line_lists_grants_and_declines(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from roster.cli import main

    db = f"sqlite:///{tmp_path / 'roster.db'}"
    with open_store(db) as store:
        v1 = publish_short(store)
        a, _ = volunteer_for(store, v1, REVENUES, "T3", "", "T3", today=TODAY)
        b, _ = volunteer_for(store, v1, TEAM, "T3", "", "T3", today=TODAY)
    listed = CliRunner().invoke(main, ["open-shift", "list", "--db", db])
    assert listed.exit_code == 0 and f"volunteer {a.id}" in listed.output
    assert "T3 2027-01-06 10:30-14:30 (revenues)  volunteered" in listed.output
    declined = CliRunner().invoke(
        main, ["open-shift", "decline", str(b.id), "--by", "Ayesha", "--reason", "one is enough", "--db", db]
    )
    assert declined.exit_code == 0, declined.output
    granted = CliRunner().invoke(main, ["open-shift", "grant", str(a.id), "--by", "Ayesha", "--db", db])
    assert granted.exit_code == 0 and "accepted and published" in granted.output, granted.output
    again = CliRunner().invoke(main, ["open-shift", "grant", str(b.id), "--by", "Ayesha", "--db", db])
    assert again.exit_code == 1 and "this one is declined" in again.output
    missing = CliRunner().invoke(main, ["open-shift", "grant", "99", "--by", "Ayesha", "--db", db])
    assert missing.exit_code == 4 and "volunteer 99 is not in the store" in missing.output
