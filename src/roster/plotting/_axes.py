"""What the line plots share: a new axis when none is given, the labels of a plot over time, PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Callable

from matplotlib.axes import Axes
from matplotlib.figure import Figure


def axis(ax: Axes | None, size: tuple[float, float] = (8, 5)) -> Axes:
    """``ax``, or the axis of a new figure of ``size`` inches (built without pyplot's state)."""
    return ax if ax is not None else Figure(figsize=size, layout="constrained").add_subplot()


def over_time(ax: Axes, *, xlabel: str, ylabel: str, title: str, legend: bool, zero: bool = False) -> Axes:
    """Labels of a plot whose x axis is dates or periods: ticks turned to stay legible, a line
    at 0 when ``zero`` (a balance), a small legend when there is something to name."""
    if zero:
        ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.tick_params(axis="x", labelrotation=45)
    if legend:
        ax.legend(fontsize="small")
    return ax


def png(
    draw: Callable[..., Axes], *args: object, size: tuple[float, float] = (10, 5), dpi: int = 110
) -> bytes:
    """``draw(*args, ax=...)`` on a new figure of ``size``, as the bytes of a PNG image."""
    fig = Figure(figsize=size, layout="constrained")
    draw(*args, ax=fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
