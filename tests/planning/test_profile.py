"""Seasonal profiles: scaled to the contract, refused where the law would be broken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from roster.io import load_scenario
from roster.planning import Profile, ProfileError, check_legal, period_hours, scaled, year_weeks
from roster.timegrid import parse_months

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"
SUMMER = Profile.of({"apr-sep": 44, "oct-mar": 30})


def test_months_and_seasons() -> None:
    assert parse_months("oct-mar") == [10, 11, 12, 1, 2, 3]
    assert parse_months("Jan") == [1]
    with pytest.raises(ValueError, match="no hours for oct"):
        Profile.of({"apr-sep": 44, "nov-mar": 30})
    with pytest.raises(ValueError, match="in two seasons"):
        Profile.of({"apr-sep": 44, "sep-mar": 30})
    with pytest.raises(ValueError, match="not a month"):
        Profile.of({"spring": 44})


def test_a_profile_is_scaled_so_its_average_week_is_the_contracts() -> None:
    weeks = year_weeks(2027)  # the Mondays of the leave year 2027/28: 5 April 2027 to 27 March 2028
    assert weeks[0] == dt.date(2027, 4, 5) and len(weeks) == 52
    weekly = scaled(SUMMER, 37, weeks)
    mean = sum(weekly.values()) / len(weekly)
    assert abs(mean - Decimal(37)) <= Decimal("0.01")
    # 26 weeks whose Monday is in April-September at 44k, 26 at 30k: k = 37 x 52 / (26 x 44 + 26 x 30)
    k = Decimal(37 * 52) / Decimal(26 * 44 + 26 * 30)
    assert weekly[dt.date(2027, 7, 5)] == (44 * k).quantize(Decimal("0.01"))
    assert weekly[dt.date(2027, 12, 6)] == (30 * k).quantize(Decimal("0.01"))
    # a period across the change of season: the mean of its three weeks
    across = period_hours(weekly, dt.date(2027, 9, 20), 3)  # Mondays 20 Sep, 27 Sep, 4 Oct
    assert across == ((2 * weekly[dt.date(2027, 9, 20)] + weekly[dt.date(2027, 10, 4)]) / 3).quantize(
        Decimal("0.01")
    )


def test_a_summer_too_long_for_the_48_hour_average_is_refused() -> None:
    sc = load_scenario(TINY)
    t1 = next(e for e in sc.employees if e.id == "T1")  # 37 h a week, adult, no opt-out
    weekly = scaled(Profile.of({"apr-sep": 62, "oct-mar": 12}), 37, year_weeks(2027))
    with pytest.raises(ProfileError, match=r"T1: the profile averages .* above the 48-hour average"):
        check_legal(sc, t1, weekly)
    check_legal(sc, t1, scaled(SUMMER, 37, year_weeks(2027)))  # 44-ish in summer: fine


def test_an_under_18_may_not_be_profiled_above_40_hours() -> None:
    sc = load_scenario(TINY)
    adult = next(e for e in sc.employees if e.id == "T1")
    t1 = adult.model_copy(update={"date_of_birth": dt.date(2010, 6, 1)})
    with pytest.raises(ProfileError, match="under 18 then and may work at most 40 h a week"):
        check_legal(sc, t1, scaled(SUMMER, 37, year_weeks(2027)))
