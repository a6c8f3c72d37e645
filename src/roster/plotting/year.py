"""A person's year at a glance: a calendar heatmap of hours worked, leave and closures.

Weeks run across (Monday to Sunday down each column), each date a square coloured by the
paid hours of its shift, or by a colour of its own for leave, part-day leave, a bank
holiday, another closure and a day off; dates outside the year's rosters stay white.
The days are those of :func:`roster.domain.year_days.year_days`, the reading every yearly
calendar shares. Figures are built without pyplot's global state and drawn by Agg.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from roster.domain.year_days import YearDay

HOURS_CMAP = "Blues"
KIND_COLOURS: dict[str, str] = {
    "leave": "#f28e2b",
    "part_leave": "#ffbe7d",
    "bank_holiday": "#59a14f",
    "closed": "#9d9d9d",
    "off": "#ececec",
}
"""The colour of a date that is not a plain shift, by kind."""
KIND_LABELS = {
    "leave": "leave",
    "part_leave": "part-day leave",
    "bank_holiday": "bank holiday",
    "closed": "closed",
    "off": "off",
}
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
YEAR_WEEKS = 53
"""Columns drawn at least: a year from the first date's week, so a part-planned year reads as one."""


def _first_monday(days: Sequence[YearDay]) -> dt.date:
    first = days[0].date
    return first - dt.timedelta(days=first.weekday())


def year_grid(days: Sequence[YearDay]) -> tuple[np.ndarray, Normalize]:
    """The heatmap's colours, ``(7, weeks, 4)`` RGBA (row: weekday, column: week from the
    Monday on or before the first date; at least :data:`YEAR_WEEKS` weeks, white where no roster
    was planned), and the hours' colour scale."""
    start = _first_monday(days)
    weeks = max(YEAR_WEEKS, (days[-1].date - start).days // 7 + 1)  # a whole year, planned or not
    top = max((d.paid_minutes for d in days), default=0) / 60
    norm = Normalize(vmin=0, vmax=max(top, 1.0))
    cmap = colormaps[HOURS_CMAP]
    grid = np.ones((7, weeks, 4))
    for d in days:
        offset = (d.date - start).days
        colour = cmap(norm(d.paid_minutes / 60)) if d.kind == "shift" else to_rgba(KIND_COLOURS[d.kind])
        grid[offset % 7, offset // 7] = colour
    return grid, norm


def plot_person_year(days: Sequence[YearDay], ax: Axes | None = None, *, title: str = "") -> Axes:
    """A calendar heatmap of ``days`` (one person's :func:`~roster.domain.year_days.year_days`) on
    ``ax`` (a new figure's when None), with month labels, a colour bar of hours and a key."""
    if ax is None:
        ax = Figure(figsize=(12, 3), layout="constrained").add_subplot()
    if not days:
        ax.set_title(title or "no dates")
        return ax
    grid, norm = year_grid(days)
    ax.imshow(grid, aspect="equal", interpolation="nearest")
    start = _first_monday(days)
    marks: dict[int, dt.date] = {(days[0].date - start).days // 7: days[0].date}
    # week column -> the month starting in it (the first date's month first), planned or not
    for k in range(1, grid.shape[1] * 7):
        day = start + dt.timedelta(days=k)
        if day.day == 1 and day > days[0].date:
            marks[k // 7] = day
    cols = sorted(marks)
    ax.set_xticks(
        cols,
        [
            f"{marks[c]:%b %Y}" if i == 0 or marks[c].month == 1 else f"{marks[c]:%b}"
            for i, c in enumerate(cols)
        ],
    )
    ax.set_yticks(range(7), WEEKDAY_LABELS)
    ax.tick_params(length=0, labelsize="small")
    for side in ax.spines.values():
        side.set_visible(False)
    ax.figure.colorbar(
        ScalarMappable(norm=norm, cmap=HOURS_CMAP), ax=ax, label="hours worked", shrink=0.8, pad=0.01
    )
    kinds = {d.kind for d in days}
    handles = [Patch(color=c, label=KIND_LABELS[k]) for k, c in KIND_COLOURS.items() if k in kinds]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncols=len(handles),
            fontsize="small",
            frameon=False,
        )
    ax.set_title(title)
    return ax


def person_year_png(days: Sequence[YearDay], *, title: str = "", dpi: int = 110) -> bytes:
    """:func:`plot_person_year` as the bytes of a PNG image."""
    fig = Figure(figsize=(12, 3), layout="constrained")
    plot_person_year(days, fig.add_subplot(), title=title)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
