"""The glide path: each person's hours rostered so far against their annual target's share."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure


def plot_glide(rows: Sequence[Mapping[str, object]], ax: Axes | None = None) -> Axes:
    """Balance against the annual target (hours) after each period, a line per person.

    ``rows``: the year plan's glide rows (``employee_id``, ``start``, ``balance_hours``). A
    line above 0 has worked ahead of the year's profile; below, behind it."""
    if ax is None:
        ax = Figure(figsize=(10, 5), layout="constrained").add_subplot()
    people: dict[str, list[tuple[str, float]]] = {}
    for r in rows:
        balance = r["balance_hours"]
        people.setdefault(str(r["employee_id"]), []).append(
            (str(r["start"]), float(balance) if isinstance(balance, (int, float)) else 0.0))
    for who, points in people.items():
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", linewidth=1, label=who)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("roster period from")
    ax.set_ylabel("hours against the annual target's share")
    ax.set_title("Glide path: balance against annual hours")
    ax.tick_params(axis="x", labelrotation=45)
    if 0 < len(people) <= 20:
        ax.legend(fontsize="small", ncols=2)
    return ax


def glide_png(rows: Sequence[Mapping[str, object]], *, dpi: int = 110) -> bytes:
    fig = Figure(figsize=(10, 5), layout="constrained")
    plot_glide(rows, fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
