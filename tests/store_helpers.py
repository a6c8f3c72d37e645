"""Store builders the store, workflow and web tests share."""

from __future__ import annotations

import datetime as dt

from roster.domain import Roster
from roster.store import Store, VersionInfo


def save_empty_version(
    store: Store, name: str = "Contact centre", files: dict[str, bytes] | None = None, actor: str = "test"
) -> VersionInfo:
    """A draft version with no shifts, saved as a solve would save it (a three-week period from
    Monday 4 January 2027): enough to find, refuse, show, or build on."""
    return store.save(
        name,
        files if files is not None else {"service.yaml": b"name: x\n"},
        dt.date(2027, 1, 4),
        3,
        Roster(),
        actor=actor,
        source="solve",
        objective=0,
        hard_violations=0,
    )
