"""``roster next``: the next roster period's scenario folder from an accepted version."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from roster.io import save_scenario
from roster.store import Store, StoreError, VersionInfo
from roster.validation import validate
from roster.workflow.carry import next_scenario
from roster.workflow.review import scenario_of


@dataclass(frozen=True)
class NextRoster:
    version: VersionInfo
    folder: Path
    start: dt.date
    notes: list[str]


def roster_next(
    store: Store, version_id: int, out: Path, actor: str, start: dt.date | None = None
) -> NextRoster:
    """Write the scenario of the period after the accepted ``version_id`` to the new folder ``out``
    (by default starting the day after it ends); the event is logged. ``out`` must not exist
    or be empty: nothing a person saved there is overwritten."""
    info = store.version(version_id)
    if info.status != "accepted":
        raise StoreError(
            f"v{version_id} is {info.status}: the next roster starts from an accepted one "
            f"(roster accept v{version_id} --by NAME)"
        )
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise StoreError(f"{out} already exists and is not empty: choose a new folder for the next roster")
    scenario = scenario_of(store, version_id)
    roster = store.roster(version_id)
    first = start or scenario.service.days[-1] + dt.timedelta(days=1)
    try:
        new, notes = next_scenario(scenario, roster, validate(scenario, roster), first)
    except ValueError as err:
        raise StoreError(str(err)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        save_scenario(new, staging)
        blank = staging / "preferences.csv"
        if not blank.exists() and "preferences.csv" in (files := store.files(version_id)):
            # the team's form for the next period: the header alone
            header = files["preferences.csv"].decode("utf-8-sig").splitlines()[:1]
            blank.write_text("\n".join(header) + "\n", encoding="utf-8")
        if out.exists():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    store.log_event(
        version_id, actor=actor, action="next", detail=f"next roster from {first} written to {out.resolve()}"
    )
    return NextRoster(info, out, first, notes)
