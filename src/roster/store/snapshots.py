"""A team and its scenario snapshots: the rows a roster version (:mod:`roster.store.store`) and a
roster period (:mod:`roster.store.periods`) are made from. A snapshot holds the input files
and is stored once per content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from roster.store.schema import SnapshotFileRow, SnapshotRow, TeamRow


def content_hash(files: Mapping[str, bytes]) -> str:
    """SHA-256 over the files' names and bytes, in name order (the snapshot's identity)."""
    h = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0" + data)
    return h.hexdigest()


def team_in(s: Session, name: str, now: dt.datetime) -> TeamRow:
    """The team called ``name``, made if it is new (inside the caller's transaction)."""
    row = s.scalar(select(TeamRow).where(TeamRow.name == name))
    if row is None:
        row = TeamRow(name=name, created_at=now)
        s.add(row)
        s.flush()
    return row


def snapshot_in(
    s: Session, team: TeamRow, files: Mapping[str, bytes], period_start: dt.date, weeks: int, now: dt.datetime
) -> SnapshotRow:
    """The team's snapshot of ``files``, stored once per content hash (inside the caller's transaction)."""
    sha = content_hash(files)
    snap = s.scalar(select(SnapshotRow).where(SnapshotRow.team_id == team.id, SnapshotRow.sha256 == sha))
    if snap is None:
        snap = SnapshotRow(
            team_id=team.id, sha256=sha, period_start=period_start, weeks=weeks, created_at=now
        )
        s.add(snap)
        s.flush()
        s.add_all(
            SnapshotFileRow(snapshot_id=snap.id, name=n, content=bytes(files[n])) for n in sorted(files)
        )
    return snap
