"""Plots of a what-if sweep (``roster sweep``) and of a seasonal profile, each on an optional axis.

* :func:`plot_tradeoff`: hours short of minimum cover against wishes honoured, a point per variant
  (down and to the right is better on both);
* :func:`plot_short_months`: hours short per calendar month, a line per variant (a year sweep);
* :func:`plot_balances`: each variant's spread of people's balance against the annual hours' share
  by month
  across the year (the band from the person furthest behind to the one furthest ahead);
* :func:`plot_profile_demand`: a seasonal profile's weekly hours against the demand it serves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from roster.plotting._axes import axis as _axis
from roster.plotting._axes import over_time
from roster.plotting._axes import png as png

Row = Mapping[str, object]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and value == value else None


def plot_tradeoff(rows: Sequence[Row], ax: Axes | None = None) -> Axes:
    """``rows``: the sweep's results (``variant``, ``short_hours``, ``wishes_honoured_pct``)."""
    ax = _axis(ax)
    for r in rows:
        x, y = _number(r.get("wishes_honoured_pct")), _number(r.get("short_hours"))
        if x is None or y is None:
            continue
        ax.scatter([x], [y], s=60, zorder=3)
        ax.annotate(str(r["variant"]), (x, y), textcoords="offset points", xytext=(6, 4), fontsize="small")
    ax.set_xlabel("wishes honoured (%)")
    ax.set_ylabel("hours short of minimum cover (person-hours)")
    ax.set_title("Trade-off: cover against wishes, a point per variant")
    ax.grid(True, linewidth=0.4, alpha=0.6)
    return ax


def plot_short_months(months: Sequence[Row], ax: Axes | None = None) -> Axes:
    """``months``: rows of ``variant``, ``month`` (``2027-04``), ``person_hours_short``."""
    ax = _axis(ax, (10, 5))
    lines: dict[str, list[tuple[str, float]]] = {}
    for m in months:
        short = _number(m["person_hours_short"]) or 0.0
        lines.setdefault(str(m["variant"]), []).append((str(m["month"]), short))
    for name, points in lines.items():
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", linewidth=1.2, label=name)
    return over_time(
        ax,
        xlabel="month",
        ylabel="hours short of minimum cover (person-hours)",
        title="Cover short per month",
        legend=bool(lines),
    )


def plot_balances(balances: Sequence[Row], ax: Axes | None = None) -> Axes:
    """``balances``: glide rows with ``variant`` (``start``, ``employee_id``, ``balance_hours``):
    per variant and month, the lowest and highest person's balance after the month's last roster
    period, and the mean."""
    ax = _axis(ax, (10, 5))
    by_variant: dict[str, dict[str, list[float]]] = {}
    for b in balances:
        by_variant.setdefault(str(b["variant"]), {}).setdefault(str(b["start"]), []).append(
            _number(b["balance_hours"]) or 0.0
        )
    for name, periods in by_variant.items():
        last = {start[:7]: start for start in sorted(periods)}  # each month's last period
        months = sorted(last)
        lo = [min(periods[last[m]]) for m in months]
        hi = [max(periods[last[m]]) for m in months]
        mean = [sum(periods[last[m]]) / len(periods[last[m]]) for m in months]
        (line,) = ax.plot(months, mean, linewidth=1.5, marker="o", label=f"{name} (mean)")
        ax.fill_between(months, lo, hi, alpha=0.15, color=line.get_color())
    return over_time(
        ax,
        xlabel="month",
        ylabel="hours against the annual hours' share",
        title="Balance against annual hours by month: the team's range per variant",
        legend=bool(by_variant),
        zero=True,
    )


def plot_profile_demand(
    weekly: Mapping[dt.date, float], demand: Mapping[dt.date, float], ax: Axes | None = None
) -> Axes:
    """A profile's weekly hours (``weekly``: week's Monday -> hours, e.g. a 37-hour contract's) against
    demand (``demand``: the same weeks -> person-hours of minimum cover), on two y axes."""
    ax = _axis(ax, (10, 4.5))
    weeks = sorted(weekly)
    ax.step(
        np.array(weeks, dtype="datetime64[D]"),
        [weekly[w] for w in weeks],
        where="post",
        color="tab:blue",
        label="contracted week (h)",
    )
    ax.set_ylabel("contracted hours a week", color="tab:blue")
    other = ax.twinx()
    dweeks = sorted(demand)
    other.plot(
        np.array(dweeks, dtype="datetime64[D]"),
        [demand[w] for w in dweeks],
        color="tab:orange",
        linewidth=1.2,
        label="minimum cover (person-hours)",
    )
    other.set_ylabel("minimum cover, person-hours a week", color="tab:orange")
    ax.set_title("Seasonal profile against demand")
    ax.tick_params(axis="x", labelrotation=45)
    return ax
