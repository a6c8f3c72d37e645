"""Where a re-solve's search starts: the roster amended (its pins applied) or the pattern engine's.

Monday only, cover wanting one person 08:30-17:00, E1 and E2 each 8 h (a 08:30-17:00 shift
with a 30-minute break). With staggered breaks (12:00 and 12:30) the cover is full: cost 0.
The same shifts with both breaks at 12:00 leave 12:00-12:30 short: 30 person-minutes x 1,000
= 30,000. The search starts from whichever of the two first rosters costs less (the base on a
tie: a re-solve moves as little as it can), and the notes say when it is the base.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from helpers import FAST, MONDAY, level, monday_only, person, scenario
from roster import Roster, Shift, SolveRequest, validate
from roster.model.params import DEFAULT_PRESET
from roster.model.pattern.engine import PatternStart
from roster.model.pipeline import _Pipeline


def _shift(who: str, brk: tuple[int, int]) -> Shift:
    def at(h: int, m: int = 0) -> datetime:
        return datetime(2027, 1, 4, h, m)

    return Shift(
        employee_id=who,
        date=MONDAY,
        start=at(8, 30),
        end=at(17),
        break_start=at(*brk),
        break_end=at(*brk) + timedelta(minutes=30),
    )


STAGGERED = Roster(shifts=(_shift("E1", (12, 0)), _shift("E2", (12, 30))))
TOGETHER = Roster(shifts=(_shift("E1", (12, 0)), _shift("E2", (12, 0))))
SC = scenario(monday_only(), [person("E1", 8), person("E2", 8)], staffing=[level("08:30-17:00", 1)])


def _start(base: Roster, engines: Roster) -> tuple[Roster, list[str]]:
    request = SolveRequest(scenario=SC, base=base, stability=1)
    pipeline = _Pipeline(request, FAST, None, None, "slot", DEFAULT_PRESET)
    pipeline.pattern = PatternStart(0, 0.0, True, engines, validate(SC, engines).objective, 0.0)
    return pipeline.start_roster(None), pipeline.notes  # type: ignore[arg-type]


def test_the_costs_are_as_worked_out_by_hand() -> None:
    assert validate(SC, STAGGERED).objective == 0
    assert validate(SC, TOGETHER).objective == 30_000


def test_a_re_solve_starts_from_the_base_when_it_costs_less_than_the_engines_roster() -> None:
    roster, notes = _start(base=STAGGERED, engines=TOGETHER)
    assert roster == STAGGERED
    assert any("starts from the roster amended" in n for n in notes), notes


def test_and_from_the_engines_roster_when_the_base_costs_more() -> None:
    roster, notes = _start(base=TOGETHER, engines=STAGGERED)
    assert roster == STAGGERED  # the engine's: the base's breaks cost 30,000 against stability's 30
    assert not any("starts from the roster amended" in n for n in notes), notes
