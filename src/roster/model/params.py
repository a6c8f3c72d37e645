"""CP-SAT search presets as data: which search runs when, loadable from TOML, named in the result.

Every figure here was measured (the README's Performance section and the
docstrings of :mod:`roster.model.pipeline`); a preset file changes them
without touching code::

    name = "my-preset"
    lns_only_from = 8

    [small_team]            # SatParameters of a small team's complete search
    num_full_subsolvers = 8

Threads are never set here: every solve uses ``SolverSettings.workers`` threads.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from roster.domain.base import Frozen

ParamValue = int | float | bool | str


def _interleaved_portfolio() -> dict[str, ParamValue]:
    # The interleaved portfolio CP-SAT runs with 16 workers, on any number of threads:
    # 8 complete subsolvers, first-solution and local-search ones, batches of 48 tasks.
    # Measured on scenarios/tiny (5 people, 5 deterministic s): 16 threads reach 1,629;
    # 2 threads with these parameters reach the same 1,629; 2 threads with CP-SAT's own
    # 2-worker defaults stop at 21,099.
    return {
        "num_full_subsolvers": 8,
        "interleave_batch_size": 48,
        "num_violation_ls": 3,
        "lb_relax_num_workers_threshold": 2,
    }


class SearchPreset(Frozen):
    """How the pipeline searches; see :func:`roster.model.pipeline.solve`.

    ``lns_only_from``: teams with more self-rostered people than this are
    improved by CP-SAT's large-neighbourhood search alone once a first roster
    is in hand (measured on the 35-person contact centre: 3,985 at 10
    deterministic seconds against about 970,000 with the full portfolio).
    ``small_team``, ``diagnosis`` and ``alone``: extra CP-SAT parameters for
    a small team's complete search, for the diagnosis solves and for
    re-planning one person alone. ``alone_deterministic_time``: the budget of
    one person re-planned alone. ``repair_share`` and ``diagnosis_share``: the
    first-roster repair and the diagnosis may spend this many times the
    solve's budget (deterministic seconds in a deterministic solve), on top of
    the search's own. Measured: re-planning the people of Curtois Instance 13
    alone takes 9.8 deterministic seconds, Instance 19 13.8, against a budget
    of 9 at ``--time-limit 60``; hence 2. ``probing_level``: presolve probing (0: it cost tens of seconds on
    the break constraints of 35 people and bought little).
    """

    name: str = "default"
    lns_only_from: int = Field(8, ge=0)
    probing_level: int = Field(0, ge=0, le=2)
    small_team: dict[str, ParamValue] = Field(default_factory=_interleaved_portfolio)
    diagnosis: dict[str, ParamValue] = Field(default_factory=_interleaved_portfolio)
    alone: dict[str, ParamValue] = Field(default_factory=_interleaved_portfolio)
    alone_deterministic_time: float = Field(1.0, gt=0)
    repair_share: float = Field(2.0, gt=0, le=100)
    diagnosis_share: float = Field(1.0, gt=0)
    polish_deterministic_time: float = Field(0.3, ge=0)
    """Person sweep after the search: each self-rostered person re-solved with everyone
    else fixed, for this many deterministic seconds (0: no sweep)."""
    polish_sweeps: int = Field(1, ge=0)
    pattern_iterations: int = Field(200, ge=1)
    """The pattern engine (docs/pattern.md): rounds of column generation at the root (the bound)."""
    pattern_dive_iterations: int = Field(30, ge=1)
    """Rounds of column generation after each step of the dive (the roster). Measured (dive
    alone, ``pattern_dive_worse`` 0.02): 10 rounds gave Curtois Instance 9 550 and 17 5,976;
    30 rounds 439 and 5,747 (best known 439 and 5,746)."""
    pattern_dive_worse: float = Field(0.02, gt=0)
    """A dive step that raises the LP by more than this share of it is undone (0.05 gave
    Instance 9 452 at 30 rounds a step, Instance 7 1,166 at 10)."""
    pattern_pricing_deterministic_time: float = Field(1.0, gt=0)
    """A person's exact CP-SAT pricing solve, where the DP's roster breaks a rule it relaxes."""
    pattern_root_gap: float = Field(0.005, ge=0, lt=1)
    """Column generation at the root stops once its bound is within this share of the LP value
    (the last rounds of a degenerate master move the bound by hundredths of a percent)."""
    pattern_adaptive_alpha: bool = False
    """The root's Wentges weight adapts round by round (``generation._adapted``), as it does for
    the bound alone (``roster.model.pattern_bound``). Off in the engine: its rosters, rounded
    from the root's LP and repaired downstream, measured worse with it on the branch library
    (median 11,070 against 8,895) and on one seed of the control room (125,568 against 23,748),
    better on library-leisure (17,667 against 19,593; docs/performance.md)."""
    pattern_warm_sweeps: int = Field(1, ge=0)
    """Before column generation at the root, passes of best responses from each person's roster
    alone (the first columns): the LP starts from rosters that share the cover out instead of
    everyone's favourite (0: not at all)."""
    pattern_sweeps: int = Field(3, ge=0)
    """After the dive, passes of best responses (each person re-planned by their pricer against
    everyone else's roster, kept when the objective falls), until a pass changes nothing."""
    pattern_kicks: int = Field(30, ge=0)
    """After the best responses, at most this many kicks of each kind, for cover short and for
    FAIRNESS's maximum (a move of several people: one re-planned at heavier prices, held there
    while the rest answer; model/pattern/local.py), kept when the objective falls (0: none).
    Measured at seed 0, 60 s: the CCTV control room's pattern roster 129,558 -> 28,588,
    library-leisure's 25,518 -> 21,078 (docs/performance.md has the rosters they led to)."""
    pattern_kick_share: float = Field(0.15, ge=0, lt=1)
    """The kicks' budget of work, a share of the pattern engine's (after the best responses':
    within theirs, the CCTV control room had room for one move)."""
    pattern_sweep_share: float = Field(0.2, ge=0, lt=1)
    """Of the pattern engine's guard left after column generation at the root, the share kept
    for the best responses (the dive takes the rest)."""
    pattern_rmp_nodes: int = Field(200, ge=0)
    """After the dive, the restricted master is solved as an integer programme over the columns
    generated (HiGHS's branch and cut) with at most this many nodes (0: not at all)."""
    pattern_rmp_share: float = Field(0.1, ge=0, le=1)
    """The restricted master's wall clock, a share of the time limit (HiGHS's branch and cut has
    no deterministic budget; at the rest of the guard it ran 20 s on the CCTV control room and
    found nothing)."""
    pattern_lp: Literal["highs", "highs-ipm", "highs-pdlp", "glop", "pdlp"] = "highs"
    """The master LP's solver (docs/pattern.md has them measured; the work budgets are fitted on
    HiGHS's simplex, the only one that counts its work)."""
    pattern_share: float = Field(0.6, gt=0, le=1)
    """Wall-clock guard of the pattern engine, a share of the time limit (at 0.5, library-leisure's
    root, dive, best responses and kicks met it on this 2-core machine before their work ran out,
    and the roster was no longer the same from run to run)."""
    pattern_build_share: float = Field(0.5, gt=0, le=1)
    """The pattern engine is left out, with a note, when enumerating its options is estimated to
    take more than this share of its guard (model/pattern/size.py)."""
    pattern_work_share: float = Field(0.35, gt=0, le=1)
    """The pattern engine's budget of deterministic work (model/pattern/work.py: units of about a
    second of the reference machine), a share of the time limit the deterministic budget stands
    for (``deterministic_time / DETERMINISTIC_SHARE``: with ``roster solve --time-limit L``,
    this share of L); the guard above stays well clear of it on the reference machine, so the
    same inputs give the same roster whatever the guard."""
    pattern_root_share: float = Field(0.85, gt=0, le=1)
    """Of that budget (and of the guard), the share column generation at the root may take (the
    rest is the dive's and the best responses'). A root that solves its LP ends well before it
    (the contact centre, the CCTV control room); one that does not is then rounded at once, so
    its steps' budget is the root's: at 0.6 library-leisure's bound was 4,833, at 0.85 6,958."""
    pattern_bound_share: float = Field(0.2, ge=0, le=1)
    """Where team rules keep the pattern engine from planning (supervision, lone working, a
    handover), column generation still runs for its bound, with this share of the time limit
    as its guard (0: not at all). Measured on the CCTV control room: bound 22,050 in 7.5 s
    where CP-SAT's is 16,778."""
    pattern_search_share: float = Field(0.2, gt=0, le=1)
    """After a pattern roster within ``pattern_search_gap`` of its bound, the slot search keeps
    this share of its deterministic budget."""
    pattern_search_gap: float = Field(0.05, ge=0, lt=1)
    """A pattern roster further than this share from its bound leaves the slot search
    ``pattern_far_search_share`` of its deterministic budget (measured on the CCTV control room
    and Curtois 15, 17 and 19: a dive that went wrong, and a search cut to a fifth that could
    not mend it)."""
    pattern_far_search_share: float = Field(0.4, gt=0, le=1)
    """The slot search's share of its deterministic budget after a pattern roster further than
    ``pattern_search_gap`` from its bound; the person sweep is then skipped, so the search and
    the pattern engine end within the wall-clock guard on the reference machine (the whole budget,
    or the sweep after it, overran the guard on the CCTV control room and the library)."""
    completion_free_share: float = Field(0.5, ge=0, le=1)
    """A first roster whose team rules break for more than this share of the team is not
    completed around the rest: the search starts cold (completing the CCTV control room with 15
    of 16 people free took 41 s of its 60)."""
    polish_gap: float = Field(0.01, ge=0, lt=1)
    """The pattern engine's roster is returned as it is when its objective is within this share
    of its bound (the slot model's build and search would buy at most that)."""
    polish_build_share: float = Field(0.25, gt=0, le=1)
    """After a pattern roster, polishing is skipped when the slot model's estimated build time
    is above this share of the time limit (the build alone would eat the polishing budget)."""


DEFAULT_PRESET = SearchPreset()


class PresetError(ValueError):
    """A preset file that cannot be read: the message names the file and the field."""


def load_preset(path: Path | str) -> SearchPreset:
    """Read a :class:`SearchPreset` from a TOML file (unknown keys are refused)."""
    p = Path(path)
    try:
        data: dict[str, Any] = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as err:
        raise PresetError(f"{p}: cannot read the preset file ({err.strerror})") from None
    except tomllib.TOMLDecodeError as err:
        raise PresetError(f"{p}: not valid TOML ({err})") from None
    data.setdefault("name", p.stem)
    try:
        return SearchPreset.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise PresetError(f"{p}: field {where!r}: {first['msg']}") from None


def apply(parameters: Any, extra: dict[str, ParamValue]) -> None:
    """Set each of ``extra`` on CP-SAT's ``SatParameters`` (names as in sat_parameters.proto)."""
    for key, value in extra.items():
        if key in ("num_workers", "num_search_workers"):
            raise PresetError(f"preset parameter {key!r}: threads come from --workers, not from a preset")
        setattr(parameters, key, value)
