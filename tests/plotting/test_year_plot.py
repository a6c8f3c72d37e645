"""The year-at-a-glance heatmap of tests/year_helpers.py's periods for Ann (E1).

Weeks from Monday 15 March 2027 (column 0) to the week of 29 March (column 2), Monday
to Sunday down; hours on a scale from 0 to the longest shift (7:30).
"""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from roster.plotting import person_year_png, plot_person_year
from roster.plotting.year import HOURS_CMAP, KIND_COLOURS
from roster.reports import year_days
from year_helpers import year_periods


def test_each_date_is_coloured_by_its_hours_or_its_kind() -> None:
    days = year_days(year_periods(), "E1")
    ax = plot_person_year(days, title="Ann (E1)")
    assert isinstance(ax, Axes)
    grid = np.asarray(ax.images[0].get_array())
    assert grid.shape == (7, 53, 4)  # a whole year from the first week, white where nothing is planned
    assert np.allclose(grid[0, 10], (1, 1, 1, 1))
    cmap = colormaps[HOURS_CMAP]
    assert np.allclose(grid[0, 0], cmap(1.0))  # Mon 15 March: 7:30, the longest shift
    assert np.allclose(grid[2, 0], cmap(4 / 7.5))  # Wed 17 March: 4:00
    assert np.allclose(grid[3, 0], to_rgba(KIND_COLOURS["leave"]))  # Thu 18 March
    assert np.allclose(grid[5, 0], to_rgba(KIND_COLOURS["leave"]))  # Sat 20: inside the leave
    assert np.allclose(grid[2, 1], to_rgba(KIND_COLOURS["part_leave"]))  # Wed 24
    assert np.allclose(grid[4, 1], to_rgba(KIND_COLOURS["bank_holiday"]))  # Good Friday
    assert np.allclose(grid[0, 2], to_rgba(KIND_COLOURS["bank_holiday"]))  # Easter Monday
    assert np.allclose(grid[4, 2], to_rgba(KIND_COLOURS["closed"]))  # Fri 2 April
    assert np.allclose(grid[6, 2], to_rgba(KIND_COLOURS["off"]))  # Sun 4 April
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[:3] == ["Mar 2027", "Apr", "May"] and "Jan 2028" in ticks and len(ticks) == 13
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "leave",
        "part-day leave",
        "bank holiday",
        "closed",
        "off",
    ]
    assert ax.get_title() == "Ann (E1)"


def test_dates_before_the_year_stay_white_and_a_given_axes_is_used() -> None:
    """A year from Wednesday 17 March leaves Monday and Tuesday of its first week white."""
    days = year_days(year_periods(), "E2")[2:]  # from Wednesday 17 March
    ax = Figure().add_subplot()
    assert plot_person_year(days, ax) is ax
    grid = np.asarray(ax.images[0].get_array())
    assert np.allclose(grid[0, 0], 1.0) and np.allclose(grid[1, 0], 1.0)


def test_png() -> None:
    data = person_year_png(year_days(year_periods(), "E1"), title="Ann (E1)")
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
