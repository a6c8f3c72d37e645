"""Best responses: each person re-planned alone with everyone else's roster fixed.

From a whole roster (the dive's), each person in turn is priced by their own pricer (the
DPs, or the slot model's person-alone solve) at the *marginal* prices of the others'
rosters: a slot requirement under its minimum is worth its under cost, one at or above its
maximum costs its over cost; a team rule the person would break costs ``M`` (a supervised
person on duty with no other supervisor, a supervisor away where a supervised person is
alone, one person on site where lone working is barred, a job-share partner's shift without
the handover, banked time taken back while a minimum the person could fill is short). The
new roster is taken when the exact objective (the engine's own terms, plus ``M`` for each
team row the roster breaks) falls. FAIRNESS, a maximum over people, is priced at the margin
of the person who holds it and checked exactly. Every DP call is milliseconds, so a sweep
over the team costs little next to the slot model's person sweep (a CP-SAT solve a person).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from roster.model.columns import Column, PersonPrices
from roster.model.pattern.generation import Generator

log = logging.getLogger(__name__)

KICK_FACTORS = (4.0, 16.0, 64.0)
"""A kick's prices of the holder's preference cost, as multiples of their FAIRNESS weight (on
library-leisure the moves kept were at 16; at 2 and 4 the holder's new roster was their old)."""

COVER_KICK_FACTORS = (2.0, 8.0)
"""A cover kick's prices of the short requirements, as multiples of their worth (the CCTV control
room at seed 0: one move at 2 took the pattern roster from 129,558 to 28,588)."""

Floats = npt.NDArray[np.float64]


class BestResponse:
    """The state of one roster (a column per person) and its exact cost, updated one person at a time."""

    def __init__(self, gen: Generator, pick: dict[int, int]) -> None:
        self.gen = gen
        m = self.master = gen.master
        self.pick = dict(pick)
        n_req = m.requirements
        self.min = np.zeros(n_req)
        self.under = np.zeros(n_req)
        self.max = np.full(n_req, np.inf)
        self.over = np.zeros(n_req)
        for r, low in m.row_min.items():
            self.min[r], self.under[r] = low, m.under_cost[r]
        for r, high in m.row_max.items():
            self.max[r], self.over[r] = high, m.over_cost[r]
        self.count = np.zeros(n_req)
        for c in self.pick.values():
            self._move(m.columns[c], 1)
        w8 = m.scenario.weights
        self.fair_max, self.unpop_max = float(w8.fairness_max), float(w8.unpopular_max)
        self.k = {e: float(kw) for e, kw in m.fair_weight.items()}
        self.selfish = [e for e, emp in enumerate(m.index.employees) if emp.pattern == "self"]

    def _move(self, col: Column, sign: int) -> None:
        for r, a in col.cover.items():
            self.count[r] += sign * a

    def _cover_cost(self, rows: npt.NDArray[np.int64], count: Floats) -> float:
        c = count[rows]
        return float(
            np.sum(
                self.under[rows] * np.maximum(0.0, self.min[rows] - c)
                + self.over[rows] * np.maximum(0.0, c - self.max[rows])
            )
        )

    def _fairness(self, pick: dict[int, int]) -> float:
        cols = self.master.columns
        if not self.selfish:
            return 0.0
        out = 0.0
        if self.fair_max:
            out += self.fair_max * max(
                self.k.get(e, 0.0) * cols[pick[e]].preference_cost for e in self.selfish
            )
        if self.unpop_max:
            out += self.unpop_max * max(cols[pick[e]].unpopular for e in self.selfish)
        return out

    def violations(self, pick: dict[int, int], count: Floats | None = None) -> int:
        """Team rows a whole roster breaks (0 when no team rule applies); ``count``: its people
        per requirement, when the caller has them (summing the columns' cover again took 2 s of
        library-leisure's 25 s in the pattern engine)."""
        m = self.master
        if not m.team.active:
            return 0
        lam = np.zeros(len(m.columns))
        for c in pick.values():
            lam[c] = 1.0
        if count is None:
            under = m.unders(pick)
        else:
            under = {r: float(max(0.0, low - count[r])) for r, low in m.row_min.items()}
        return len(m.team.violated(lam, m.columns, m.footprints, m.by_person, under, 10**9, fresh=False))

    def prices(self, e: int) -> PersonPrices:
        """Person ``e``'s marginal prices with everyone else's roster as it stands."""
        m = self.master
        old = m.columns[self.pick[e]]
        others = self.count.copy()
        for r, a in old.cover.items():
            others[r] -= a
        worth = np.where(others < self.min, self.under, 0.0) - np.where(others >= self.max, self.over, 0.0)
        out = PersonPrices(worth)
        team = m.team
        big = m.penalty
        if team.active:
            team.best_response_prices(
                e, {p: c for p, c in self.pick.items() if p != e}, m.footprints, self.count, big, out
            )
        if e in self.k and self.fair_max:
            top = max(
                (self.k[p] * m.columns[self.pick[p]].preference_cost for p in self.selfish if p != e),
                default=0.0,
            )
            mine = self.k[e] * old.preference_cost
            fp = self.fair_max * self.k[e] if mine >= top else 0.0
        else:
            fp = 0.0
        if e in self.selfish and self.unpop_max:
            most = max((m.columns[self.pick[p]].unpopular for p in self.selfish if p != e), default=0)
            fu = self.unpop_max if old.unpopular >= most else 0.0
        else:
            fu = 0.0
        out.fairness = (fp, fu)
        return out

    def delta(self, e: int, new: Column, new_index: int) -> float:
        """The exact change of the objective (with ``M`` a broken team row) if ``e`` took ``new``."""
        m = self.master
        old = m.columns[self.pick[e]]
        rows = np.array(sorted(set(old.cover) | set(new.cover)), dtype=np.int64)
        before = self._cover_cost(rows, self.count) if len(rows) else 0.0
        after_count = self.count.copy()
        for r, a in old.cover.items():
            after_count[r] -= a
        for r, a in new.cover.items():
            after_count[r] += a
        after = self._cover_cost(rows, after_count) if len(rows) else 0.0
        trial = dict(self.pick)
        trial[e] = new_index
        fair = self._fairness(trial) - self._fairness(self.pick)
        team = 0.0
        if m.team.active:
            team = m.penalty * (self.violations(trial, after_count) - self.violations(self.pick, self.count))
        return (new.cost - old.cost) + (after - before) + fair + team

    def take(self, e: int, new_index: int) -> None:
        m = self.master
        self._move(m.columns[self.pick[e]], -1)
        self.pick[e] = new_index
        self._move(m.columns[new_index], 1)


def best_responses(
    gen: Generator,
    pick: dict[int, int],
    deadline: float,
    sweeps: int = 3,
    frozen: frozenset[int] = frozenset(),
) -> tuple[dict[int, int], int]:
    """Re-plan each person against everyone else until no one improves (at most ``sweeps``
    passes, ``deadline`` seconds from the generator's start as a guard); (the roster, moves).
    The people in ``frozen`` keep their rosters."""
    state = BestResponse(gen, pick)
    settings = gen.settings
    moves = 0
    seen: set[tuple[int, ...]] = {tuple(sorted(state.pick.items()))}  # type: ignore[arg-type]
    for _ in range(sweeps):
        changed = False
        for pricer in gen.pricers:
            if gen.over(deadline):
                return state.pick, moves
            e = pricer.e
            if e in frozen:
                continue
            gen.tell(f"best responses, {gen.index.employees[e].id}")
            prices = state.prices(e)
            priced = gen._priced(pricer, settings, prices, gen.pricing_budget)
            col = priced.column
            if col is None or not math.isfinite(priced.reduced_cost):
                continue
            c = gen.column_index(col)
            if c == state.pick[e]:
                continue
            change = state.delta(e, col, c)
            if change > 0.5:
                continue
            # a move that costs nothing is taken too (a plateau walked sideways can open a
            # better move for someone else), unless it leads back to a roster met before
            trial = tuple(sorted({**state.pick, e: c}.items()))
            if change >= -0.5 and trial in seen:  # type: ignore[comparison-overlap]
                continue
            seen.add(trial)  # type: ignore[arg-type]
            state.take(e, c)
            changed = True
            if change < -0.5:
                moves += 1
                log.info(
                    "pattern: %s re-planned against the rest, objective %+.0f",
                    gen.index.employees[e].id,
                    change,
                )
        if not changed:
            break
    return state.pick, moves


def warm_start(gen: Generator, sweeps: int, deadline: float) -> int:
    """Before the root's first LP: best responses from each person's roster alone (their first
    column), their rosters added as columns; the moves made.

    Priced alone, everyone works their favourite times and the cover elsewhere is short, so
    the first LP is a roster's cost only far from the optimum (library-leisure: 10.8 million);
    after one pass the rosters share the cover out (310,656 there) and the root's Lagrangian
    bound turns positive in fewer rounds."""
    if sweeps <= 0:
        return 0
    alone = {e: cols[0] for e, cols in enumerate(gen.by_person)}
    return best_responses(gen, alone, deadline, sweeps)[1]


def _kick(
    gen: Generator,
    current: dict[int, int],
    e: int,
    prices: PersonPrices,
    frozen: frozenset[int],
    deadline: float,
    sweeps: int,
    why: str,
) -> tuple[dict[int, int], float] | None:
    """Person ``e`` re-planned at ``prices`` and held there (with ``frozen``) while the rest
    answer (``sweeps`` passes of best responses), then everyone once more: (the roster, its
    exact objective with ``M`` a team row broken, :func:`_total`), or None when the pricing
    gave ``e`` their present roster. ``why`` names the prices for the log."""
    priced = gen._priced(gen.pricers[e], gen.settings, prices, gen.pricing_budget)
    if priced.column is None:
        return None
    c = gen.column_index(priced.column)
    if c == current[e]:
        return None
    trial, _ = best_responses(gen, {**current, e: c}, deadline, sweeps, frozen | {e})
    trial, _ = best_responses(gen, trial, deadline, 1)
    after = _total(gen, trial)
    log.info("pattern: %s kicked at %s: objective then %d", gen.index.employees[e].id, why, after)
    return trial, after


def team_breaks(gen: Generator, pick: dict[int, int]) -> int:
    """The team rows a whole roster breaks (SUPERVISION, LONE_WORKING, the JOB_SHARE handover,
    TAKEBACK_COVER): hard rules the engine's objective, its soft terms, does not count."""
    return BestResponse(gen, pick).violations(pick)


def _total(gen: Generator, pick: dict[int, int]) -> float:
    """The exact objective with ``M`` for each team row broken, as the best responses count it: a
    kick never trades a team rule broken for a lower soft cost (on the control room at seed 2,
    with the root's weight adapting, the dive's roster broke 24 SUPERVISION rows at a soft cost
    of 388,428; the best responses mended them all at 665,598)."""
    soft = sum(p.cost for p in gen.master.penalties(pick))
    return soft + gen.master.penalty * team_breaks(gen, pick)


class _Tries:
    """The kicks left to try (and the work budget and wall-clock guard behind them)."""

    def __init__(self, left: int) -> None:
        self.left = left

    def take(self, gen: Generator, deadline: float) -> bool:
        if self.left <= 0 or gen.over(deadline):
            return False
        self.left -= 1
        return True


Move = tuple[float, dict[int, int]]
"""A kick's outcome: (its exact objective, the roster)."""


def _kick_at_each(
    gen: Generator,
    current: dict[int, int],
    e: int,
    prices_at: Callable[[float], PersonPrices],
    factors: tuple[float, ...],
    why: str,
    frozen: frozenset[int],
    deadline: float,
    sweeps: int,
    cost: float,
    tries: _Tries,
) -> tuple[bool, Move | None, bool]:
    """``e`` kicked at ``prices_at(factor)`` for each factor in turn until a move costs less than
    ``cost``: (whether one did, the best move found, whether the tries ran out first). ``why``
    names the prices for the log (``{}`` the factor)."""
    best: Move | None = None
    for factor in factors:
        if not tries.take(gen, deadline):
            return False, best, True
        kicked = _kick(
            gen, current, e, prices_at(factor), frozen, deadline, sweeps, why.format(f"{factor:g}")
        )
        if kicked is None:
            continue
        trial, after = kicked
        if best is None or after < best[0]:
            best = (after, trial)
        if after < cost:
            return True, best, False
    return False, best, False


def cover_kicks(
    gen: Generator, pick: dict[int, int], deadline: float, kicks: int, sweeps: int = 2
) -> tuple[dict[int, int], int]:
    """Moves of several people for cover that is short; (the roster, moves kept).

    Where a requirement is short and everyone able to fill it is needed where they are, no one
    person's best response fills it: whoever moves leaves another short. A kick re-plans one
    person at ``COVER_KICK_FACTORS`` times the worth of the short requirements and holds them
    there while the rest answer, so someone else takes the place they left (a chain of moves).
    People are kicked in turn, passes over the team until one keeps nothing; a move is kept
    when the exact objective falls; at most ``kicks`` are tried."""
    cost = _total(gen, pick)
    kept = 0
    tries = _Tries(kicks)
    changed = True
    while changed:
        changed = False
        for e in range(len(gen.pricers)):
            state = BestResponse(gen, pick)
            short = (state.count < state.min) & (state.under > 0)
            if not short.any():
                return pick, kept

            def heavier(
                factor: float, e: int = e, state: BestResponse = state, short: npt.NDArray[np.bool_] = short
            ) -> PersonPrices:
                prices = state.prices(e)
                prices.cover = np.where(short, prices.cover * factor, prices.cover)
                return prices

            better, move, out = _kick_at_each(
                gen,
                pick,
                e,
                heavier,
                COVER_KICK_FACTORS,
                "{}x short cover",
                frozenset(),
                deadline,
                sweeps,
                cost,
                tries,
            )
            if better and move is not None:
                cost, pick = move
                kept += 1
                changed = True
            if out:
                return pick, kept
    return pick, kept


def fairness_kicks(
    gen: Generator, pick: dict[int, int], deadline: float, kicks: int, sweeps: int = 2, depth: int = 3
) -> tuple[dict[int, int], int]:
    """Moves of several people for FAIRNESS's maximum; (the roster, moves kept).

    No one person's best response lowers the maximum where it costs cover: whoever holds it
    cannot leave a slot only they fill, and no one else gains by filling a slot already filled.
    A kick re-plans the holder at ``KICK_FACTORS`` times their own price of preference cost
    (leaving cover for others to take) and holds them there while the rest answer with best
    responses (``sweeps`` passes), then everyone answers once more. Where the maximum has
    only moved to another person, that one is kicked in turn (up to ``depth`` people in one
    move). A move is kept when the exact objective falls; at most ``kicks`` are tried, each a
    pricing call and the best responses after it (work counted as theirs)."""
    master = gen.master
    weights = master.scenario.weights
    if kicks <= 0 or not weights.fairness_max:
        return pick, 0
    cost = _total(gen, pick)
    kept = 0
    tries = _Tries(kicks)
    while tries.left > 0:
        current, chain, improved = pick, frozenset[int](), False
        for _ in range(depth):
            state = BestResponse(gen, current)
            scores = {
                e: state.k.get(e, 0.0) * master.columns[current[e]].preference_cost for e in state.selfish
            }
            if not scores:
                return pick, kept
            holder = max(scores, key=lambda e: (scores[e], -e))  # the lower index of a tie
            if holder in chain:
                break

            def heavier(factor: float, e: int = holder, state: BestResponse = state) -> PersonPrices:
                prices = state.prices(e)
                prices.fairness = (factor * weights.fairness_max * state.k.get(e, 0.0), prices.fairness[1])
                return prices

            better, move, out = _kick_at_each(
                gen,
                current,
                holder,
                heavier,
                KICK_FACTORS,
                "{}x their wishes' price",
                chain,
                deadline,
                sweeps,
                cost,
                tries,
            )
            if out:
                return pick, kept
            chain = chain | {holder}
            if better and move is not None:
                cost, pick = move
                kept += 1
                improved = True
                break
            if move is None:
                break
            current = move[1]  # the maximum moved to someone else: kick them from there
        if not improved:
            break
    return pick, kept
