"""Cover heatmaps: for each date and slot, people on duty against the minimum.

Dates are rows and the time of day runs left to right. A cell's colour is
its state:

* red: below the minimum (dark red when two or more people short);
* pale green: exactly at the minimum; green: above it, within any maximum;
* blue: above the maximum;
* grey: no staffing level for this group in that slot (a minimum of 0 and
  no maximum); the cell shows how many people are on duty. A slot outside
  the date's opening times is blank grey.

Short and over cells carry the number of people short (``-1``) or over
(``+1``). The plotted state matrix is the image's data
(``ax.images[0].get_array()``) and :func:`cover_grid` returns it with the
rostered-minus-minimum numbers.

Nothing here touches pyplot's global state: figures are
:class:`matplotlib.figure.Figure` objects rendered by the Agg canvas when
saved, so no ``plt.show()`` and no backend switch are ever needed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, Colormap, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from roster.domain import Scenario
from roster.io.atomic import atomic_write_bytes
from roster.timegrid import format_clock

if TYPE_CHECKING:
    from roster.validation import CoverRow

SHORT_2 = -2.0
"""Two or more people below the minimum."""
SHORT_1 = -1.0
"""One person below the minimum."""
AT_MIN = 0.0
"""Exactly at the minimum (and within any maximum)."""
ABOVE_MIN = 1.0
"""Above the minimum, within any maximum."""
OVER_MAX = 2.0
"""Above the maximum."""

STATE_COLOURS: dict[float, str] = {
    SHORT_2: "#b2182b",
    SHORT_1: "#f4806a",
    AT_MIN: "#c7e9c0",
    ABOVE_MIN: "#41ab5d",
    OVER_MAX: "#2171b5",
}
STATE_LABELS: dict[float, str] = {
    SHORT_2: "2+ short of minimum",
    SHORT_1: "1 short of minimum",
    AT_MIN: "at minimum",
    ABOVE_MIN: "above minimum",
    OVER_MAX: "over maximum",
}
NO_LEVEL_COLOUR = "#e6e6e6"

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CoverGrid:
    """The matrices a heatmap panel shows: rows are dates, columns slots.

    ``diff`` is rostered minus minimum (NaN outside the opening times),
    ``state`` one of the state codes (:data:`SHORT_2` .. :data:`OVER_MAX`), NaN
    outside the opening times and where no level applies (minimum 0, no maximum).
    Column ``j`` is the slot starting at ``first + j * slot`` minutes of the day.
    """

    skill: str | None
    dates: tuple[dt.date, ...]
    first: int
    slot: int
    diff: FloatArray
    state: FloatArray
    rostered: FloatArray
    under: FloatArray
    over: FloatArray
    required_min: FloatArray
    required_max: FloatArray
    """NaN where there is no maximum."""

    @property
    def last(self) -> int:
        """End (minute of day) of the last column."""
        return self.first + self.slot * int(self.diff.shape[1])

    def column(self, minute: int) -> int:
        return (minute - self.first) // self.slot

    def row(self, day: dt.date) -> int:
        return self.dates.index(day)

    @property
    def label(self) -> str:
        return "whole team" if self.skill is None else f"skill: {self.skill}"


def _state(row: CoverRow) -> float:
    if row.required_min == 0 and row.required_max is None:
        return float("nan")
    if row.under >= 2:
        return SHORT_2
    if row.under == 1:
        return SHORT_1
    if row.over > 0:
        return OVER_MAX
    return AT_MIN if row.rostered == row.required_min else ABOVE_MIN


def cover_grid(scenario: Scenario, rows: Sequence[CoverRow], skill: str | None = None) -> CoverGrid:
    """The cover matrices of one staffing group (``skill`` ``None``: the whole team).

    Rows are the roster's dates with opening times; columns span the earliest
    opening to the latest closing. ``rows`` is the roster's cover as the
    validator measures it (:func:`roster.validation.cover_table`): plotting
    draws figures, it never judges a roster.
    """
    svc = scenario.service
    g = svc.slot_minutes
    all_rows = list(rows)
    openings = [(d, svc.opening_on(d)) for d in svc.days]
    dates = tuple(d for d, o in openings if o is not None)
    starts = [o.start for _, o in openings if o is not None]
    ends = [o.end for _, o in openings if o is not None]
    first = (min(starts) // g) * g if starts else 0
    last = max(ends) if ends else first + g
    ncols = max(1, -(-(last - first) // g))
    shape = (len(dates), ncols)
    grids = {
        name: np.full(shape, np.nan) for name in ("diff", "state", "rostered", "under", "over", "min", "max")
    }
    index = {d: i for i, d in enumerate(dates)}
    for r in all_rows:
        if r.skill != skill or r.date not in index:
            continue
        i, j = index[r.date], (r.start - first) // g
        if not 0 <= j < ncols:
            continue
        grids["diff"][i, j] = r.rostered - r.required_min
        grids["state"][i, j] = _state(r)
        grids["rostered"][i, j] = r.rostered
        grids["under"][i, j] = r.under
        grids["over"][i, j] = r.over
        grids["min"][i, j] = r.required_min
        if r.required_max is not None:
            grids["max"][i, j] = r.required_max
    return CoverGrid(
        skill=skill,
        dates=dates,
        first=first,
        slot=g,
        diff=grids["diff"],
        state=grids["state"],
        rostered=grids["rostered"],
        under=grids["under"],
        over=grids["over"],
        required_min=grids["min"],
        required_max=grids["max"],
    )


def _colormap() -> tuple[Colormap, BoundaryNorm]:
    codes = sorted(STATE_COLOURS)
    cmap = ListedColormap([STATE_COLOURS[c] for c in codes]).with_extremes(bad=NO_LEVEL_COLOUR)
    bounds = [c - 0.5 for c in codes] + [codes[-1] + 0.5]
    return cmap, BoundaryNorm(bounds, cmap.N)


def _figure_size(n_dates: int, n_cols: int, panels: int) -> tuple[float, float]:
    width = min(18.0, max(9.0, 3.0 + 0.2 * n_cols))
    height = panels * (1.6 + 0.32 * max(1, n_dates)) + 0.9
    return width, height


def _values(values: list[int]) -> str:
    """``[2]`` -> ``2``; ``[2, 3]`` -> ``2/3``; four or more -> ``2-8``."""
    if len(values) > 3:
        return f"{values[0]}-{values[-1]}"
    return "/".join(str(v) for v in values)


def _levels_text(grid: CoverGrid) -> str:
    mins = sorted({int(v) for v in grid.required_min[~np.isnan(grid.required_min)]})
    maxs = sorted({int(v) for v in grid.required_max[~np.isnan(grid.required_max)]})
    if not mins or (mins == [0] and not maxs):
        return "no minimum set"
    text = f"minimum {_values(mins)}"
    if maxs:
        text += f", maximum {_values(maxs)}"
    return text


def draw_cover_grid(grid: CoverGrid, ax: Axes, *, legend: bool = True, annotate: bool = True) -> Axes:
    """Draw ``grid`` on ``ax``: dates down, time of day across, one coloured cell per slot."""
    cmap, norm = _colormap()
    n_dates, n_cols = grid.state.shape
    data = np.ma.masked_invalid(grid.state)
    ax.imshow(
        data,
        cmap=cmap,
        norm=norm,
        aspect="auto",
        interpolation="nearest",
        extent=(grid.first, grid.last, n_dates - 0.5, -0.5),
    )
    # Hour ticks and thin slot grid lines.
    hour0 = -(-grid.first // 60) * 60
    step = 60 if grid.last - grid.first <= 16 * 60 else 120
    ticks = list(range(hour0, grid.last + 1, step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([format_clock(t) for t in ticks], fontsize=8)
    ax.set_yticks(list(range(n_dates)))
    ax.set_yticklabels([d.strftime("%a %d %b") for d in grid.dates], fontsize=8)
    # the slot grid as two line collections, not minor ticks: a tick is an artist of its own,
    # measured again at every layout pass (a library's three weeks: 80 of them a panel)
    ax.vlines(
        range(grid.first + grid.slot, grid.last, grid.slot), -0.5, n_dates - 0.5, color="white", linewidth=0.4
    )
    ax.hlines([i + 0.5 for i in range(n_dates - 1)], grid.first, grid.last, color="white", linewidth=0.4)
    ax.set_xlim(grid.first, grid.last)
    ax.set_ylim(n_dates - 0.5, -0.5)
    ax.grid(False)
    ax.set_xlabel("time of day")
    short = np.nansum(grid.under) * grid.slot if n_dates else 0.0
    title = f"Cover, {grid.label} ({_levels_text(grid)})"
    if short > 0:
        title += f": {int(short) // 60}:{int(short) % 60:02d} person-hours short"
    ax.set_title(title, fontsize=10, loc="left")
    if annotate and n_dates * n_cols <= 2500:
        size = 6 if n_cols > 40 else 7
        for i in range(n_dates):
            for j in range(n_cols):
                under, over = grid.under[i, j], grid.over[i, j]
                x = grid.first + (j + 0.5) * grid.slot
                if under > 0:
                    ax.text(x, i, f"-{int(under)}", ha="center", va="center", fontsize=size, color="white")
                elif over > 0:
                    ax.text(x, i, f"+{int(over)}", ha="center", va="center", fontsize=size, color="white")
                elif np.isnan(grid.state[i, j]) and not np.isnan(grid.rostered[i, j]):
                    on = int(grid.rostered[i, j])
                    ax.text(x, i, str(on), ha="center", va="center", fontsize=size, color="#555555")
    if legend:
        handles = [Patch(facecolor=STATE_COLOURS[c], label=STATE_LABELS[c]) for c in sorted(STATE_COLOURS)]
        no_level = "no level set: number\non duty (blank: closed)"
        handles.append(Patch(facecolor=NO_LEVEL_COLOUR, label=no_level))
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=8,
            frameon=False,
            title="people on duty",
            title_fontsize=8,
        )
    return ax


def plot_cover_heatmap(
    scenario: Scenario,
    rows: Sequence[CoverRow],
    ax: Axes | None = None,
    skill: str | None = None,
) -> Axes:
    """One heatmap panel of cover for ``skill`` (``None``: the whole team) on ``ax``.

    Without ``ax`` a new :class:`~matplotlib.figure.Figure` (not registered with
    pyplot) is made; reach it as ``ax.figure``. Never calls ``plt.show()``.
    """
    grid = cover_grid(scenario, rows, skill)
    if ax is None:
        fig = Figure(figsize=_figure_size(len(grid.dates), grid.diff.shape[1], 1), layout="constrained")
        ax = fig.add_subplot()
    return draw_cover_grid(grid, ax)


def heatmap_groups(scenario: Scenario, rows: Sequence[CoverRow]) -> list[str | None]:
    """The staffing groups to plot: the whole team, then each skill with a level."""
    skills = sorted({r.skill for r in rows if r.skill is not None})
    return [None, *skills]


def plot_cover_heatmaps(scenario: Scenario, rows: Sequence[CoverRow], fig: Figure | None = None) -> Figure:
    """One panel per staffing group (the whole team first, then each skill with a level)."""
    groups = heatmap_groups(scenario, rows)
    grids = [cover_grid(scenario, rows, skill) for skill in groups]
    n_dates = len(grids[0].dates)
    if fig is None:
        fig = Figure(figsize=_figure_size(n_dates, grids[0].diff.shape[1], len(grids)), layout="constrained")
    axes = fig.subplots(len(grids), 1, squeeze=False)[:, 0]
    svc = scenario.service
    fig.suptitle(
        f"{svc.name}: cover against the minimum level of service, "
        f"{svc.days[0].strftime('%d %b %Y')} to {svc.days[-1].strftime('%d %b %Y')}",
        fontsize=11,
    )
    for k, (grid, ax) in enumerate(zip(grids, axes, strict=True)):
        draw_cover_grid(grid, ax, legend=k == 0)
        if k < len(grids) - 1:
            ax.set_xlabel("")
    return fig


def cover_heatmap_png(scenario: Scenario, rows: Sequence[CoverRow], *, dpi: int = 110) -> bytes:
    """The multi-panel heatmap as PNG bytes (rendered by Agg; no pyplot)."""
    fig = plot_cover_heatmaps(scenario, rows)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def save_cover_heatmap(
    scenario: Scenario, rows: Sequence[CoverRow], path: Path | str, *, dpi: int = 110
) -> Path:
    """Write the multi-panel cover heatmap to ``path`` as a PNG, atomically; returns the path."""
    target = Path(path)
    atomic_write_bytes(target, cover_heatmap_png(scenario, rows, dpi=dpi))
    return target
