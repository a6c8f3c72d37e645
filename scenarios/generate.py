"""Seeded generator of the example scenarios checked in under ``scenarios/``.

Run ``python scenarios/generate.py`` to rewrite every checked-in scenario folder
(``contact-centre``, ``library-leisure``, ``tiny``, ``cctv-control-room``, ``branch-library``)
and the year of ``library-leisure`` (its ``year/`` folder, :func:`library_leisure_year`).
Each scenario is built by its own module in ``generators/`` (what they share is in
``generators/common.py``). Everything is drawn from ``random.Random(seed)`` and fixed dates,
so the output never depends on the day it is run; ``tests/scenarios`` checks that the
folders equal what the generator builds.

Benchmarks import this file directly (``sys.path.insert(0, "scenarios")`` then
``from generate import contact_centre``) to build larger teams on the fly, e.g.
``contact_centre(n_staff=300)``; it needs nothing but ``roster`` and the
standard library.

Every scenario is feasible for the hard rules: each person's contract target
(``roster.domain.contract_target``) fits their available days and shift
lengths, and every fixed-pattern person's fixed shifts pay exactly their
target. Minimum cover is achievable but tight at the peaks, so the solver has
real trade-offs between cover, wishes and fairness.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generators.branch_library import branch_library
from generators.cctv_control_room import cctv_control_room
from generators.common import achievable, paid_minutes
from generators.contact_centre import contact_centre
from generators.library_leisure import library_leisure, library_leisure_year
from generators.tiny import tiny

from roster.domain import Scenario

__all__ = [
    "SCENARIO_NAMES",
    "achievable",
    "branch_library",
    "build",
    "cctv_control_room",
    "contact_centre",
    "library_leisure",
    "library_leisure_year",
    "paid_minutes",
    "tiny",
    "write_all",
]

ROOT = Path(__file__).resolve().parent
SCENARIO_NAMES: tuple[str, ...] = (
    "contact-centre",
    "library-leisure",
    "tiny",
    "cctv-control-room",
    "branch-library",
)


def build(name: str) -> Scenario:
    """The checked-in scenario called ``name``."""
    if name == "contact-centre":
        return contact_centre()
    if name == "library-leisure":
        return library_leisure()
    if name == "tiny":
        return tiny()
    if name == "cctv-control-room":
        return cctv_control_room()
    if name == "branch-library":
        return branch_library()
    raise KeyError(f"unknown scenario {name!r}; known: {', '.join(SCENARIO_NAMES)}")


def write_all(root: Path = ROOT) -> list[Path]:
    """Write every checked-in scenario under ``root`` (README.md files are kept), and the year
    of ``library-leisure`` (``library-leisure/year/``)."""
    from roster.io import save_scenario
    from roster.io.year_files import YEAR_FOLDER, save_year

    written = []
    for name in SCENARIO_NAMES:
        folder = Path(root) / name
        sc = build(name)
        save_scenario(sc, folder)
        if name == "library-leisure":
            save_year(library_leisure_year(scenario=sc), folder / YEAR_FOLDER)
        written.append(folder)
    return written


def _summary(sc: Scenario) -> str:
    ids = [a for a in (achievable(sc, e) for e in sc.employees) if not a.ok]
    hours = sum(e.hours_per_week for e in sc.employees)
    return (
        f"{sc.service.name}: {len(sc.employees)} staff, {hours:g} contracted h/week, "
        f"skills {', '.join(sc.skills)}, {len(sc.staffing)} staffing rows, {len(sc.leave)} leave, "
        f"{len(sc.preferences)} preferences, {len(sc.wishes)} standing wishes; "
        f"unachievable contracts: {', '.join(a.employee_id for a in ids) or 'none'}"
    )


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    for folder in write_all(root):
        print(f"wrote {folder}")
