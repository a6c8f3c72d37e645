"""The engine's objective is its own, so a validator that miscounts is caught, on both engines.

A deliberately broken copy of the validator's COVERAGE check (it forgets every slot under its
minimum) is patched in; the engines compute their objective from their own models (the slot
model's terms; the pattern engine's columns and master rows), so each reports the shortfall
and the validator's figure differs: the result keeps both and its notes say they disagree.
With the real check, both agree.

The instance: one person contracted 4 h on Monday, cover wanted 08:30-17:00 (34 slots): at
most 4 h 15 (17 slots, 15 minutes banked) can be covered, so 17 slots are short whatever the
roster: 17 x 15 min x 1000 = 255 000, plus 15 for the banked minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FAST, level, monday_only, person, scenario
from roster import solve
from roster.domain import Penalty, Scenario
from roster.domain.rules import RuleCode
from roster.validation import coverage as coverage_module

FORCED = 255_015


def lone() -> Scenario:
    return scenario(monday_only(), [person("E1", 4)], staffing=[level("08:30-17:00", 1)])


def test_both_figures_agree_with_the_real_validator(engine: str) -> None:
    result = solve(lone(), FAST, engine=engine)
    assert result.objective == result.checked_objective == FORCED
    assert not any("DISAGREE" in n for n in result.notes)


def test_a_validator_that_forgets_the_shortfall_is_caught(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = coverage_module.check_coverage

    def forgetful(ctx: object) -> tuple[list[object], list[Penalty]]:
        violations, penalties = real(ctx)  # type: ignore[arg-type]
        return violations, [p for p in penalties if " under by " not in p.detail]

    import roster.validation as validation

    monkeypatch.setattr(validation, "check_coverage", forgetful)
    result = solve(lone(), FAST, engine=engine)
    assert result.objective == FORCED  # the engine's own figure still counts the shortfall
    assert result.checked_objective == FORCED - 255_000  # the broken validator's does not
    assert any("ENGINE AND VALIDATOR DISAGREE" in n for n in result.notes), result.notes
    assert RuleCode.COVERAGE in result.cost_by_rule()


def test_roster_solve_exits_5_when_the_engine_and_the_validator_disagree(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    import roster.validation as validation
    from roster.cli import main
    from roster.io import save_scenario

    real = coverage_module.check_coverage

    def forgetful(ctx: object) -> tuple[list[object], list[Penalty]]:
        violations, penalties = real(ctx)  # type: ignore[arg-type]
        return violations, [p for p in penalties if " under by " not in p.detail]

    save_scenario(lone(), tmp_path / "team")
    monkeypatch.setattr(validation, "check_coverage", forgetful)
    out = tmp_path / "out"
    args = ["solve", str(tmp_path / "team"), "--out", str(out), "--time-limit", "10", "--workers", "1"]
    res = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "roster.db")])
    assert res.exit_code == 5, res.output
    assert "the engine's own objective (255,015) and the validator's (15) disagree" in res.output
    assert (out / "roster.csv").exists()  # the roster is written and saved, the fault reported
