"""Cover heatmap: the plotted matrix, the colours drawn, and the PNG written atomically."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from reports.tiny import MON, TUE, WED, day, hand_roster, tiny_scenario
from roster.plotting import cover_grid, plot_cover_heatmap, plot_cover_heatmaps, save_cover_heatmap
from roster.plotting.heatmap import (
    ABOVE_MIN,
    AT_MIN,
    NO_LEVEL_COLOUR,
    OVER_MAX,
    SHORT_1,
    SHORT_2,
    STATE_COLOURS,
)
from roster.timegrid import parse_clock
from roster.validation import cover_table


def test_grid_values_match_the_hand_worked_cover() -> None:
    g = cover_grid(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()), "advisor")
    assert g.dates == tuple(day(i) for i in range(5))
    assert (g.first, g.slot, g.last, g.state.shape) == (510, 15, 1020, (5, 34))
    mon, tue = g.row(MON), g.row(TUE)
    at = g.column
    assert g.state[mon, at(parse_clock("08:30"))] == AT_MIN
    assert g.state[mon, at(parse_clock("10:00"))] == OVER_MAX
    assert g.diff[mon, at(parse_clock("10:00"))] == 1  # 3 rostered, minimum 2
    assert g.state[mon, at(parse_clock("16:00"))] == SHORT_1
    assert g.diff[mon, at(parse_clock("16:45"))] == -1
    assert g.state[tue, at(parse_clock("08:30"))] == SHORT_2
    assert g.diff[tue, at(parse_clock("08:30"))] == -2
    assert g.state[tue, at(parse_clock("09:00"))] == SHORT_1
    # No advisor level on Tuesday afternoon or Wednesday; no opening on Friday after 16:30.
    assert math.isnan(g.state[tue, at(parse_clock("13:00"))])
    assert np.isnan(g.state[g.row(WED)]).all()
    assert math.isnan(g.diff[4, at(parse_clock("16:30"))])
    assert np.nansum(g.under) * g.slot == 60 + 240


def test_team_without_a_level_is_grey_with_the_count() -> None:
    g = cover_grid(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()))
    assert g.skill is None
    assert np.isnan(g.state).sum() == g.state.size
    assert g.rostered[0, g.column(parse_clock("10:00"))] == 3


def test_the_image_data_is_the_state_matrix() -> None:
    ax = plot_cover_heatmap(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()), skill="advisor")
    plotted = ax.images[0].get_array()
    g = cover_grid(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()), "advisor")
    assert np.array_equal(np.ma.filled(plotted, np.nan), g.state, equal_nan=True)
    assert ax.get_title(loc="left") == (
        "Cover, skill: advisor (minimum 2, maximum 2): 5:00 person-hours short"
    )
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "09:00" and labels[-1] == "17:00"
    assert ax.get_yticklabels()[0].get_text() == "Mon 04 Jan"


def _pixel(fig: Figure, ax: Axes, x: float, y: float) -> tuple[float, float, float]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    px, py = ax.transData.transform((x, y))
    height = rgba.shape[0]
    r, g, b, _ = rgba[round(height - py), round(px)] / 255.0
    return (r, g, b)


def test_drawn_colours_short_ok_over_and_no_level() -> None:
    ax = plot_cover_heatmap(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()), skill="advisor")
    fig = ax.figure
    assert isinstance(fig, Figure)

    def colour(day_row: int, clock: str) -> tuple[float, float, float]:
        # A point away from the cell's centre (where the -1/+1 label sits) and its grid lines.
        return _pixel(fig, ax, parse_clock(clock) + 3, day_row - 0.3)

    def close(a: tuple[float, float, float], hex_colour: str) -> bool:
        return bool(np.allclose(a, to_rgb(hex_colour), atol=2 / 255))

    assert close(colour(0, "16:00"), STATE_COLOURS[SHORT_1])
    assert close(colour(1, "08:30"), STATE_COLOURS[SHORT_2])
    assert close(colour(0, "08:30"), STATE_COLOURS[AT_MIN])
    assert close(colour(0, "10:00"), STATE_COLOURS[OVER_MAX])
    assert close(colour(2, "10:00"), NO_LEVEL_COLOUR)
    assert not close(colour(0, "16:00"), STATE_COLOURS[AT_MIN])
    assert ABOVE_MIN in STATE_COLOURS


def test_one_panel_per_group() -> None:
    fig = plot_cover_heatmaps(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()))
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.images]
    assert [t.split(" (")[0] for t in titles] == [
        "Cover, whole team",
        "Cover, skill: advisor",
        "Cover, skill: welsh",
    ]


def test_png_written_atomically_and_readable(tmp_path: Path) -> None:
    path = tmp_path / "cover_heatmap.png"
    assert save_cover_heatmap(tiny_scenario(), cover_table(tiny_scenario(), hand_roster()), path) == path
    assert [p.name for p in tmp_path.iterdir()] == ["cover_heatmap.png"]
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = mpimg.imread(path)
    assert image.shape[0] > 400 and image.shape[1] > 600
    # The short-of-minimum red is present in the picture.
    red = np.array(to_rgb(STATE_COLOURS[SHORT_1]))
    assert (np.abs(image[..., :3] - red).max(axis=-1) < 2 / 255).sum() > 100
