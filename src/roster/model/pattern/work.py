"""The pattern engine's deterministic clock: work counted from what was done, not timed.

A budget on the wall clock makes a roster depend on the machine and on what else it is
doing; CP-SAT counts "deterministic seconds" for the same reason. The pattern engine counts
its own work in units of about a second of this project's reference machine (2 cores, AMD
EPYC, nothing else running): each LP solve by its simplex iterations and size, each pricing
call by the cells of its DP's labels, each exact pricing call by CP-SAT's own deterministic
time, each roster checked by the validator. The figures below were fitted on the four bundled
scenarios and the branch library (582 LP solves, 6,768 DP calls, 5,439 checks; least
squares on each part's wall time, which the parts below account for to within 5%;
``benchmarks/pattern_work.py`` prints work against wall time). The wall clock only
guards, and the notes say when it stopped the engine.
"""

from __future__ import annotations

LP_SOLVE = 0.0036
"""A master LP solve, before its pivots (HiGHS's refactorisation and our reading of the duals)."""

LP_PIVOT = 8.7e-8
"""A simplex iteration, per row and column of the master."""

DATE_CELL = 1.0e-9
"""A cell of the date-by-date DP's labels (paid minutes x dates worked), per paid group a date."""

DATE_OPTION = 2.0e-8
"""An option the date-by-date DP values at the prices (a shift a date, break positions included)."""

SEQUENCE_CELL = 8.8e-10
"""A cell the sequence DP looks at (states x resources x paid minutes, per key and per group)."""

SEQUENCE_OPTION = 1.0e-7
"""An option the sequence DP values at the prices."""

CHECK = 1.0e-3
"""A roster checked by the validator against the rules its DP relaxes."""

CPSAT = 1.0
"""A deterministic second of the person-alone CP-SAT pricer."""


def lp(iterations: int, size: int) -> float:
    """The work of one master LP solve of ``iterations`` pivots on ``size`` rows and columns."""
    return LP_SOLVE + LP_PIVOT * iterations * size
