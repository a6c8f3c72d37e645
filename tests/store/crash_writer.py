"""A store writer that stops mid-transaction so a test can kill it (run as a script).

    python crash_writer.py URL save|accept before|after

``before``: the transaction's rows are all written (flushed) but not committed when the
process says ``ready`` and waits to be killed; ``after``: it says ``ready`` once committed.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from sqlalchemy import event
from sqlalchemy.orm import Session

from roster.domain import Roster, Shift
from roster.store import open_store


def _wait(session: Session) -> None:
    session.flush()
    print("ready", flush=True)
    time.sleep(120)


def main() -> None:
    url, action, when = sys.argv[1:4]
    store = open_store(url)
    event.listen(Session, "before_commit" if when == "before" else "after_commit", _wait)
    if action == "save":
        day = dt.date(2027, 1, 4)
        shifts = tuple(
            Shift(
                employee_id=f"E{i:03d}",
                date=day,
                start=dt.datetime(2027, 1, 4, 9),
                end=dt.datetime(2027, 1, 4, 17),
            )
            for i in range(500)
        )
        store.save(
            "Contact centre",
            {"service.yaml": b"name: other\n"},
            day,
            3,
            Roster(shifts=shifts),
            actor="killed",
            source="solve",
            objective=1,
            hard_violations=0,
        )
    else:
        v = store.versions()[0]
        store.set_status(v.id, v.revision, "accepted", actor="killed", action="accept")


if __name__ == "__main__":
    main()
