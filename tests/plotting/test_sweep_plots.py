"""The sweep's plots and the glide path: what each draws, from small hand-made rows."""

from __future__ import annotations

import datetime as dt

import numpy as np

from roster.plotting import (
    glide_png,
    plot_balances,
    plot_glide,
    plot_profile_demand,
    plot_short_months,
    plot_tradeoff,
    png,
)

ROWS = [
    {"variant": "flat", "short_hours": 40.75, "wishes_honoured_pct": 81.8},
    {"variant": "44/30", "short_hours": 228.0, "wishes_honoured_pct": 72.7},
    {"variant": "failed", "short_hours": None, "wishes_honoured_pct": None},  # no roster: no point
]


def test_the_tradeoff_has_a_labelled_point_per_variant_with_a_roster() -> None:
    ax = plot_tradeoff(ROWS)
    points = [tuple(c.get_offsets()[0]) for c in ax.collections]
    assert points == [(81.8, 40.75), (72.7, 228.0)]
    assert [t.get_text() for t in ax.texts] == ["flat", "44/30"]
    assert ax.get_xlabel() == "wishes honoured (%)"


def test_short_months_draws_a_line_per_variant_over_its_months() -> None:
    shorts = {"flat": (10.0, 0.0), "44/30": (80.5, 12.25)}
    months = [
        {"variant": v, "month": m, "person_hours_short": h}
        for v, hs in shorts.items()
        for m, h in zip(("2027-04", "2027-05"), hs, strict=True)
    ]
    ax = plot_short_months(months)
    assert [ln.get_label() for ln in ax.lines] == ["flat", "44/30"]
    assert list(ax.lines[1].get_ydata()) == [80.5, 12.25]
    assert ax.get_title() == "Cover short per month"
    assert ax.get_legend() is not None


def test_balances_draw_each_variants_mean_and_the_teams_range_by_month() -> None:
    # April's balance is the one after its last period (from 26 April), May's after 17 May's
    rows = [
        {"variant": "flat", "start": s, "employee_id": e, "balance_hours": b}
        for s, e, b in (
            ("2027-04-05", "A", -4.0),
            ("2027-04-05", "B", 2.0),
            ("2027-04-26", "A", -3.0),
            ("2027-04-26", "B", 1.0),
            ("2027-05-17", "A", -1.0),
            ("2027-05-17", "B", 5.0),
        )
    ]
    ax = plot_balances(rows)
    mean = next(ln for ln in ax.lines if ln.get_label() == "flat (mean)")
    assert list(mean.get_xdata()) == ["2027-04", "2027-05"]
    assert list(mean.get_ydata()) == [-1.0, 2.0]
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == -3.0 and band.max() == 5.0
    assert any(list(ln.get_ydata()) == [0, 0] for ln in ax.lines)  # the zero line


def test_the_glide_path_a_line_per_person_and_the_profile_against_demand() -> None:
    rows = [
        {"employee_id": e, "start": s, "balance_hours": b}
        for e, s, b in (("A", "2027-04-05", 3.5), ("A", "2027-04-26", -2.0), ("B", "2027-04-05", 0.0))
    ]
    ax = plot_glide(rows)
    assert [ln.get_label() for ln in ax.lines if not ln.get_label().startswith("_")] == ["A", "B"]
    assert glide_png(rows).startswith(b"\x89PNG")
    weeks = [dt.date(2027, 4, 5) + dt.timedelta(weeks=k) for k in range(3)]
    ax = plot_profile_demand(
        dict(zip(weeks, (44.0, 44.0, 30.0), strict=True)),
        dict(zip(weeks, (300.0, 320.0, 250.0), strict=True)),
    )
    assert list(ax.lines[0].get_ydata()) == [44.0, 44.0, 30.0]
    other = next(a for a in ax.figure.axes if a is not ax)
    assert np.allclose(other.lines[0].get_ydata(), [300.0, 320.0, 250.0])
    assert png(plot_tradeoff, ROWS).startswith(b"\x89PNG")
