"""cover_frame and shortfalls on the hand roster of tests/reports/tiny.py (figures worked by hand)."""

from __future__ import annotations

import pandas as pd

from reports.tiny import MON, TUE, hand_roster, shift, tiny_scenario
from roster.domain import Roster
from roster.reports import cover_frame, shortfalls
from roster.reports.cover import COVER_COLUMNS, SHORTFALL_COLUMNS


def _at(frame: pd.DataFrame, day: object, slot: str, skill: str) -> pd.Series:
    hit = frame[(frame["date"] == day) & (frame["slot"] == slot) & (frame["skill"] == skill)]
    assert len(hit) == 1, (day, slot, skill)
    return hit.iloc[0]


def test_cover_frame_counts_each_slot_and_group() -> None:
    sc = tiny_scenario()
    frame = cover_frame(sc, hand_roster())
    assert list(frame.columns) == list(COVER_COLUMNS)
    row = _at(frame, MON, "16:00-16:15", "advisor")
    assert (row["required_min"], row["required_max"], row["rostered"], row["under"], row["over"]) == (
        2,
        2,
        1,
        1,
        0,
    )
    row = _at(frame, MON, "10:00-10:15", "advisor")
    assert (row["rostered"], row["under"], row["over"]) == (3, 0, 1)
    # E1 is on break 12:00-12:30: the only welsh speaker is away.
    row = _at(frame, MON, "12:15-12:30", "welsh")
    assert (row["required_min"], row["rostered"], row["under"]) == (1, 0, 1)
    assert pd.isna(row["required_max"])
    # The team row exists in every open slot even without a team level.
    row = _at(frame, MON, "10:00-10:15", "team")
    assert (row["required_min"], row["rostered"]) == (0, 3)
    # Opening: Mon-Thu 34 slots, Fri 32: one team row each, plus the levels' rows.
    team = frame[frame["skill"] == "team"]
    assert len(team) == 4 * 34 + 32
    assert len(frame[frame["skill"] == "advisor"]) == 34 + 14
    assert len(frame[frame["skill"] == "welsh"]) == 32


def test_shortfalls_merge_consecutive_slots_into_exact_ranges() -> None:
    out = shortfalls(tiny_scenario(), hand_roster())
    assert list(out.columns) == list(SHORTFALL_COLUMNS)
    got = [
        (r["date"], r["from"], r["to"], r["skill"], r["people_short"], r["person_minutes_short"], r["short"])
        for r in out.to_dict("records")
    ]
    assert got == [
        (MON, "12:00", "12:30", "welsh", 1, 30, "0:30"),
        (MON, "16:00", "17:00", "advisor", 1, 60, "1:00"),
        (MON, "16:00", "17:00", "welsh", 1, 60, "1:00"),
        (TUE, "08:30", "12:00", "advisor", 2, 240, "4:00"),
    ]
    assert out["person_hours_short"].tolist() == [0.5, 1.0, 1.0, 4.0]


def test_a_gap_inside_a_short_stretch_splits_the_range() -> None:
    # Tuesday (advisor min 2, 08:30-12:00): E1 all morning, E2 only 09:30-10:30 (cover is
    # measured on the roster as written, even a too-short shift): short, met, short again.
    roster = Roster(
        shifts=(
            shift("E1", 1, "08:30", "12:30"),
            shift("E2", 1, "09:30", "10:30"),
        )
    )
    out = shortfalls(tiny_scenario(), roster)
    tue = out[out["date"] == TUE]
    got = [(r["from"], r["to"], r["people_short"], r["person_minutes_short"]) for r in tue.to_dict("records")]
    assert got == [("08:30", "09:30", 1, 60), ("10:30", "12:00", 1, 90)]


def test_no_shortfall_gives_an_empty_frame_with_the_columns() -> None:
    sc = tiny_scenario(staffing=[])
    out = shortfalls(sc, hand_roster())
    assert out.empty
    assert list(out.columns) == list(SHORTFALL_COLUMNS)
