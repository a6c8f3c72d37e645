"""The glide path: each person's hours rostered so far against their annual target's share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes

from roster.plotting._axes import axis, over_time, png


def plot_glide(rows: Sequence[Mapping[str, object]], ax: Axes | None = None) -> Axes:
    """Balance against the annual target (hours) after each period, a line per person.

    ``rows``: the year plan's glide rows (``employee_id``, ``start``, ``balance_hours``). A
    line above 0 has worked ahead of the year's profile; below, behind it."""
    ax = axis(ax, (10, 5))
    people: dict[str, list[tuple[str, float]]] = {}
    for r in rows:
        balance = r["balance_hours"]
        people.setdefault(str(r["employee_id"]), []).append(
            (str(r["start"]), float(balance) if isinstance(balance, (int, float)) else 0.0)
        )
    for who, points in people.items():
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", linewidth=1, label=who)
    over_time(
        ax,
        xlabel="roster period from",
        ylabel="hours against the annual target's share",
        title="Glide path: balance against annual hours",
        legend=False,
        zero=True,
    )
    if 0 < len(people) <= 20:
        ax.legend(fontsize="small", ncols=2)
    return ax


def glide_png(rows: Sequence[Mapping[str, object]], *, dpi: int = 110) -> bytes:
    """:func:`plot_glide` as the bytes of a PNG image."""
    return png(plot_glide, rows, size=(10, 5), dpi=dpi)
