"""Open shift swaps follow the roster: when a newer version of a roster is published, each open
swap of the one before whose shifts are unchanged moves to it, and the others lapse."""

from __future__ import annotations

import datetime as dt

from roster.domain import Roster, Shift
from roster.store import Store
from roster.store import swaps as kept


def _shift(roster: Roster, employee_id: str, day: dt.date) -> Shift | None:
    return next((s for s in roster.shifts if s.employee_id == employee_id and s.date == day), None)


def carry_swaps(store: Store, old_version: int, new_version: int, actor: str) -> None:
    """After ``new_version`` (amended from ``old_version``) is published: each open swap of the old
    version whose shifts are the same in the new one moves to it; the others lapse."""
    old, new = store.roster(old_version), store.roster(new_version)
    for s in kept.version_swaps(store, old_version):
        if not s.open:
            continue
        same = _shift(old, s.offered_by, s.shift_date) == _shift(new, s.offered_by, s.shift_date)
        if s.taker is not None:
            same = same and _shift(new, s.taker, s.shift_date) is None
            if s.return_date is not None:
                same = same and _shift(old, s.taker, s.return_date) == _shift(new, s.taker, s.return_date)
        if same:
            kept.carry(store, s.id, new_version, actor=actor)
        else:
            kept.lapse(store, s.id, actor=actor, why="its shifts changed in the roster published since")
