"""Waiting volunteers follow the roster: when a newer version of a roster is published, each
volunteer of the one before whose open shift is still open in it, and who still may work it, moves
to it; the others lapse."""

from __future__ import annotations

from roster.reports.open_shifts import open_shifts, why_not_volunteer
from roster.store import Store
from roster.store import volunteers as kept
from roster.workflow.review import scenario_of


def carry_volunteers(store: Store, old_version: int, new_version: int, actor: str) -> None:
    """After ``new_version`` (amended from ``old_version``) is published: each waiting volunteer of
    the old version whose shift is still open in the new one moves to it; the others lapse."""
    waiting = [v for v in kept.version_volunteers(store, old_version) if v.state == "volunteered"]
    if not waiting:
        return
    scenario, roster = scenario_of(store, new_version), store.roster(new_version)
    still = {o.key: o for o in open_shifts(scenario, roster)}
    for v in waiting:
        shift = still.get(v.key)
        if shift is not None and why_not_volunteer(scenario, roster, shift, v.employee_id) is None:
            kept.carry(store, v.id, new_version, actor=actor)
        else:
            kept.move(
                store,
                v.id,
                "volunteered",
                "lapsed",
                actor=actor,
                action="open-lapse",
                detail="the shift is no longer open to them in the roster published since",
            )
