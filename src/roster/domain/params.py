"""Objective weights and solver settings: the objective is data."""

from __future__ import annotations

from pydantic import Field

from roster.domain.base import Frozen


class Weights(Frozen):
    """Weights of the tiered objective (all integers; penalties are in minutes).

    objective = cover_under  * person-minutes below a minimum          (COVERAGE)
              + cover_over   * person-minutes above a maximum          (COVERAGE)
              + Σ_wish mult  * (pref_minute * minutes moved
                                + pref_day * days changed)             (PREFERENCES)
              + fairness_max * max_e (fairness_base + gave_way_e) * P_e (FAIRNESS)
              + unpopular_max * max_e unpopular shifts of e            (FAIRNESS)
              + accrual_minute * Σ_e minutes banked                    (ACCRUAL)
              + takeback_minute * Σ_e minutes taken back               (ACCRUAL)
              + lapse_minute * Σ_e banked minutes left to lapse        (ACCRUAL)
              + Σ_lines under_weight * people short of a shift type's
                requirement + over_weight * people above it           (SHIFT_COVER)
              + Σ_requests weight * refused shift-on/off request       (PREFERENCES)

    where ``mult`` is 1 for ``prefer`` and ``strong_multiplier`` for ``strong``
    and ``P_e`` is person e's PREFERENCES penalty (shift requests included).
    A SHIFT_COVER line without its own weights takes ``shift_cover_under`` /
    ``shift_cover_over``: one person short on a shift outweighs 400 refused
    wishes. The defaults make cover dominant: one person short for one
    15-minute slot (15 000) outweighs moving a strongly preferred shift by 4
    hours or more for dozens of people.
    """

    cover_under: int = Field(1000, ge=0)
    cover_over: int = Field(200, ge=0)
    pref_minute: int = Field(1, ge=0)
    pref_day: int = Field(240, ge=0)
    strong_multiplier: int = Field(3, ge=1)
    fairness_max: int = Field(1, ge=0)
    fairness_base: int = Field(4, ge=1)
    unpopular_max: int = Field(30, ge=0)
    accrual_minute: int = Field(1, ge=0)
    takeback_minute: int = Field(1, ge=0)
    lapse_minute: int = Field(5, ge=0)
    shift_cover_under: int = Field(100_000, ge=0)
    shift_cover_over: int = Field(1_000, ge=0)


DETERMINISTIC_SHARE = 0.15
"""Deterministic seconds of search per wall-clock second of the time limit.

Measured on the reference machine (2 cores, 2 workers, the 35-person contact
centre): CP-SAT does about 0.2 deterministic seconds of work per wall-clock
second; 0.15 leaves room for building the model, so the deterministic budget,
not the wall clock, normally ends the search.
"""


class SolverSettings(Frozen):
    """How long and how CP-SAT searches.

    With ``deterministic_time`` set, the same inputs, seed and workers give the
    same roster (the search is interleaved and stopped on CP-SAT's
    deterministic clock); ``time_limit`` is wall-clock seconds.
    """

    time_limit: float = Field(60.0, gt=0)
    workers: int = Field(2, ge=1)
    seed: int = 0
    deterministic_time: float | None = Field(None, gt=0)
    relative_gap: float = Field(0.0, ge=0)
    log_progress: bool = False
    memory_limit_mb: int | None = Field(None, ge=1)
    """Refuse to build a model estimated above this (MB); ``None``: the memory this machine has free."""
