"""Annual hours (POLICY.md section 6): the policy's example exactly, and the calendar's years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from roster.cli import main
from roster.planning import AnnualRule, annual_hours

FIXED = AnnualRule(bank_holidays="fixed")
ROOT = Path(__file__).resolve().parents[2]


def test_the_policys_example_37_hours_7_weeks_and_8_days_is_1612_46_hours() -> None:
    # 52.18 - 7 - 8/5 = 43.58 working weeks; 43.58 x 37 = 1612.46
    year = annual_hours(37, 2026, FIXED)
    assert year.working_weeks == Decimal("43.58")
    assert year.hours == Decimal("1612.46")


def test_actual_bank_holidays_vary_with_easter_as_the_policy_lists_them() -> None:
    # 2026/27: 3 and 6 Apr, 4 and 25 May, 31 Aug, 25 and 28 Dec, 1 Jan, 26 and 29 Mar: 10 days
    y26 = annual_hours(37, 2026)
    assert y26.bank_holiday_days == 10
    assert [d.isoformat() for d in y26.bank_holidays] == [
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
    ]
    assert y26.hours == Decimal("1597.66")  # (52.18 - 7 - 2) x 37
    # 2027/28: Easter 2028 falls in the next leave year: 6 days
    y27 = annual_hours(37, 2027)
    assert y27.bank_holiday_days == 6 and y27.hours == Decimal("1627.26")  # (52.18 - 7 - 1.2) x 37


def test_part_timers_are_pro_rata_and_long_service_adds_its_step() -> None:
    assert annual_hours("18.5", 2026, FIXED).hours == Decimal("806.23")  # 43.58 x 18.5
    stepped = FIXED.model_copy(update={"service_step_days": Decimal(5)})
    assert annual_hours(37, 2026, stepped, years_of_service=4).hours == Decimal("1612.46")
    # 40 days: 52.18 - 8 - 1.6 = 42.58 weeks x 37
    assert annual_hours(37, 2026, stepped, years_of_service=5).hours == Decimal("1575.46")


def test_local_closures_count_on_weekdays_once() -> None:
    extra = [dt.date(2026, 12, 24), dt.date(2026, 12, 26), dt.date(2026, 12, 28)]  # Thu, Sat, a bank holiday
    year = annual_hours(37, 2026, closures=extra)
    assert year.bank_holiday_days == 11
    assert year.hours == Decimal("1590.26")  # (52.18 - 7 - 2.2) x 37


def test_the_command_gives_each_persons_annual_hours(tmp_path: Path) -> None:
    out = CliRunner().invoke(
        main,
        ["annual-hours", str(ROOT / "scenarios" / "tiny"), "--year", "2026", "--fixed-bank-holidays", "8"],
    )
    assert out.exit_code == 0, out.output
    assert "T1 Asha Patel" in out.output and "1,612.46" in out.output  # 37 h
    assert "T4 Dan Hughes" in out.output and "980.55" in out.output  # 22.5 h x 43.58
    one = CliRunner().invoke(main, ["annual-hours", "--hours", "37", "--year", "2027"])
    assert one.exit_code == 0 and "1,627.26" in one.output and "6 bank holiday" in one.output
    bad = tmp_path / "closures.csv"
    bad.write_text("date,reason\n2026-13-01,typo\n")
    err = CliRunner().invoke(
        main, ["annual-hours", "--hours", "37", "--year", "2026", "--closures", str(bad)]
    )
    assert err.exit_code == 2 and "closures.csv, row 2, field date" in err.output
    assert "Traceback" not in err.output
