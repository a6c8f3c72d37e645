"""What would close a year plan's gap: the single changes of :mod:`.gaps_help`, taken over the year.

A year plan (``roster plan-year``) writes each roster period's real scenario and roster
(``periods/NN-START/scenario/`` and ``out/roster.csv``). The periods short of minimum cover are
the ones a change can help. For each of them, as for one roster, the baseline is its scenario
solved again from its own roster (the same settings and engine the changes get), and the
candidate changes are read from that baseline (:func:`~.gaps_help.candidate_changes`). A change
the year holds for good (a person's weekly hours, one more hire, an opening hour on a weekday) is
the same change in every period it appears in: its **estimate** over the year is the sum of its
periods' estimates. Moving a training day belongs to its own date, so to one period.

The ``top`` changes by estimate over the year are **verified**: each is solved in every short
period it applies to, from that period's roster, and the hours it saves are the sum, over those
periods, of the baseline's hours short less the changed roster's, as the validator measures them.
A change one of whose solves finds no roster, or breaks a hard rule, is not counted as saving
anything, and its status says which period. The hours a change saves in the periods that were not
short are not looked for: there were none to save.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roster.domain import Roster, Scenario, SolverSettings
from roster.domain.result import SolveResult
from roster.io import InputError, load_scenario, read_roster_csv
from roster.model.cpsat import StopSignal as Stop
from roster.planning.gaps_help import (
    STEP_HOURS,
    Change,
    GapHelpError,
    _request,
    _verify,
    candidate_changes,
    hours_short,
    ranked_rows,
)
from roster.planning.year import STATE

YEAR_KINDS = ("hours", "hire", "opening")
"""Kinds of change the year holds in every period (a ``move`` belongs to its date)."""

PLAN_HELP_COLUMNS: tuple[str, ...] = (
    "rank",
    "kind",
    "change",
    "periods",
    "estimate_hours",
    "verified",
    "status",
    "hours_short",
    "hours_saved",
    "baseline_hours_short",
)
"""Columns of :meth:`PlanHelp.rows`: every change tried over the year, the verified ones first."""


@dataclass(frozen=True)
class ShortPeriod:
    """A period of the plan short of minimum cover: its folder, real scenario and roster, the hours
    short of that roster and of the baseline (its scenario solved again from it)."""

    folder: str
    scenario: Scenario
    roster: Roster
    given_short_hours: float
    short_hours: float


@dataclass(frozen=True)
class YearChange:
    """One change over the year: the same change (one description) in each period it applies to."""

    kind: str
    description: str
    periods: tuple[str, ...]
    changes: tuple[Change, ...]

    @property
    def estimate_hours(self) -> float:
        return round(sum(c.estimate_minutes for c in self.changes) / 60, 2)


@dataclass(frozen=True)
class YearVerdict:
    change: YearChange
    status: str
    short_hours: float | None
    """The hours short left in the change's periods (None when a solve failed)."""
    saved_hours: float | None
    baseline_hours: float
    """The baseline's hours short in the change's periods."""
    results: tuple[SolveResult | None, ...] = ()
    """Each period's solve with the change, in the order of ``change.periods``."""


@dataclass(frozen=True)
class PlanHelp:
    periods: tuple[ShortPeriod, ...]
    changes: tuple[YearChange, ...]
    verified: tuple[YearVerdict, ...]
    stopped: bool = False

    @property
    def short_hours(self) -> float:
        """The baselines' hours short, over the short periods."""
        return round(sum(p.short_hours for p in self.periods), 2)

    @property
    def message(self) -> str:
        if not self.periods:
            return "No roster of the plan is short of minimum cover: there is no gap to close."
        names = ", ".join(p.folder for p in self.periods)
        if not self.changes:
            return f"{self.short_hours:g} hours short in {names}; no single change of the kinds tried fits."
        helping = sum(1 for v in self.verified if v.saved_hours is not None and v.saved_hours > 0)
        return (
            f"{self.short_hours:g} hours short of minimum cover in {len(self.periods)} roster(s) "
            f"({names}); {len(self.changes)} changes tried over the year, the {len(self.verified)} "
            f"with the highest estimates verified by re-solving each of their periods, {helping} of "
            "them saving hours." + (" Stopped before the rest were verified." if self.stopped else "")
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per change tried over the year (:data:`PLAN_HELP_COLUMNS`), the verified first."""
        return ranked_rows(
            self.verified,
            self.changes,
            lambda v: None if v is None else v.baseline_hours,
            lambda c: {"periods": " ".join(c.periods)},
        )


def plan_periods(plan_dir: Path) -> list[tuple[str, Scenario, Roster]]:
    """The plan's periods as written (folder name, real scenario, roster), in order; :class:`GapHelpError`
    for a folder that is not a plan's, :class:`InputError` for a file that does not read."""
    plan_dir = Path(plan_dir)
    if not (plan_dir / STATE).is_file() or not (plan_dir / "periods").is_dir():
        raise GapHelpError(f"{plan_dir} is not a year plan's folder (no {STATE} and periods/ in it)")
    state = json.loads((plan_dir / STATE).read_text(encoding="utf-8"))
    out = []
    for folder in sorted(p for p in (plan_dir / "periods").iterdir() if p.is_dir())[
        : len(state.get("done", []))
    ]:
        roster_csv = folder / "out" / "roster.csv"
        if not roster_csv.is_file():
            raise InputError(str(roster_csv), None, None, "is missing: the plan did not finish this roster")
        out.append((folder.name, load_scenario(folder / "scenario"), read_roster_csv(roster_csv)))
    if not out:
        raise GapHelpError(f"{plan_dir} holds no finished roster yet: plan the year first")
    return out


def what_would_help_plan(
    plan_dir: Path,
    settings: SolverSettings,
    *,
    top: int = 5,
    step: float = STEP_HOURS,
    engine: str = "auto",
    progress: Callable[[int, int, str], None] | None = None,
    stop: Stop | None = None,
) -> PlanHelp:
    """The year plan's short periods, the single changes over the year that could cut their hours
    short (by estimate) and the first ``top`` verified (see the module docstring)."""
    from roster import solve

    if top < 0:
        raise GapHelpError(f"top {top}: give how many changes to verify, 0 or more")
    found = [(name, sc, r, hours_short(sc, r)) for name, sc, r in plan_periods(plan_dir)]
    short = [(name, sc, r, given) for name, sc, r, given in found if given > 0]
    periods: list[ShortPeriod] = []
    groups: dict[str, list[tuple[str, Change]]] = {}
    total = len(short)
    for k, (name, sc, roster, given) in enumerate(short, start=1):
        if stop is not None and stop.is_set():
            break
        base = solve(_request(sc, roster), settings, stop=stop, engine=engine)
        solved = base.roster if base.has_roster else roster
        period = ShortPeriod(name, sc, roster, given, hours_short(sc, solved))
        periods.append(period)
        if progress is not None:
            progress(k, total + top, f"{name}: baseline {period.short_hours:g} h short")
        changes, _ = candidate_changes(sc, solved, step=step)
        for c in changes:
            key = c.description if c.kind in YEAR_KINDS else f"{name}: {c.description}"
            groups.setdefault(key, []).append((name, c))
    year = [
        YearChange(
            items[0][1].kind,
            key,
            tuple(n for n, _ in items),
            tuple(c for _, c in items),
        )
        for key, items in groups.items()
    ]
    year.sort(key=lambda y: (-sum(c.estimate_minutes for c in y.changes), y.kind, y.description))
    by_name = {p.folder: p for p in periods}
    verdicts: list[YearVerdict] = []
    chosen = year[:top]
    for k, change in enumerate(chosen, start=1):
        if stop is not None and stop.is_set():
            break
        left: float = 0.0
        failed = ""
        before = sum(by_name[n].short_hours for n in change.periods)
        results = []
        for name, c in zip(change.periods, change.changes, strict=True):
            p = by_name[name]
            v = _verify(c, settings, p.roster, engine, p.short_hours, stop)
            results.append(v.result)
            if v.short_hours is None:
                failed = failed or f"{name}: {v.status}"
            else:
                left += v.short_hours
        if progress is not None:
            progress(total + k, total + top, change.description)
        if failed:
            verdicts.append(YearVerdict(change, failed, None, None, round(before, 2), tuple(results)))
        else:
            verdicts.append(
                YearVerdict(
                    change,
                    "verified",
                    round(left, 2),
                    round(before - left, 2),
                    round(before, 2),
                    tuple(results),
                )
            )
    order = sorted(
        range(len(verdicts)),
        key=lambda i: (verdicts[i].saved_hours is None, -(verdicts[i].saved_hours or 0.0), i),
    )
    return PlanHelp(
        periods=tuple(periods),
        changes=tuple(year),
        verified=tuple(verdicts[i] for i in order),
        stopped=len(verdicts) < len(chosen) or len(periods) < len(short),
    )
