"""Model size: estimated before building, refused when it cannot fit, and the build reports progress."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roster import SolverSettings, load_scenario, solve, validate
from roster.domain.request import SolveRequest
from roster.model.slot import formulation as slot_formulation
from roster.model.slot.formulation import SlotModel

ROOT = Path(__file__).resolve().parents[2]
FAST = SolverSettings(time_limit=10, workers=1, deterministic_time=0.5)


@pytest.mark.parametrize("n_staff", [35, 150])
def test_the_estimate_is_close_to_the_built_model(n_staff: int) -> None:
    sys.path.insert(0, str(ROOT / "scenarios"))
    from generate import contact_centre

    request = SolveRequest.of(contact_centre(n_staff=n_staff))
    estimate = SlotModel.estimate(request)
    built = len(SlotModel(request).model.proto.variables)
    assert estimate.people == n_staff
    assert abs(estimate.variables - built) / built < 0.15
    # the memory figure grows with the team (measured: 1.1 GB at 150 people, 1.9 GB at 300)
    assert 350 < estimate.memory_mb < 2_000


def test_a_model_above_the_memory_limit_is_not_built_and_says_why() -> None:
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    told: list[str] = []
    # the slot engine alone: the pattern engine would return its own roster unpolished
    # (tests/model/test_pattern_engine.py)
    result = solve(sc, FAST.model_copy(update={"memory_limit_mb": 100}), stage=told.append, engine="slot")
    assert result.status == "MODEL_TOO_LARGE" and result.roster.shifts == ()
    (why,) = result.diagnosis
    assert "the model of 5 people over 3 weeks needs about" in why
    assert "100 MB is allowed; nothing was built" in why and "Split the team" in why
    assert told == []  # refused before the build started


def test_the_build_tells_its_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slot_formulation, "STAGE_EVERY", 0.0)  # a line per step, however fast
    sc = load_scenario(ROOT / "scenarios" / "tiny")
    told: list[str] = []
    result = solve(sc, FAST, stage=told.append)
    assert result.has_roster
    report = validate(sc, result.roster)
    assert not report.hard_violations and report.objective == result.objective == result.checked_objective
    assert told[0].startswith("pattern engine: column generation over person rosters (~")
    assert told[0].endswith("MB, estimate)")
    told = [t for t in told if not t.startswith("pattern engine")]
    assert told[0].startswith("building the model of 5 people: ~") and told[0].endswith("MB (estimate)")
    assert told[1] == "building the model: shift variables (1/5 people)"
    steps = [t for t in told if t.startswith("building the model: ") and " next (" in t]
    assert steps[0] == f"building the model: ONE_SHIFT next (1/{len(steps) + 1} steps)"
    assert told[-1].startswith("model built in ") and told[-1].endswith("finding a first roster")


def test_the_command_refuses_a_model_above_max_memory(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from roster.cli import main

    out = tmp_path / "out"
    res = CliRunner().invoke(
        main,
        [
            "solve",
            str(ROOT / "scenarios" / "tiny"),
            "--out",
            str(out),
            "--time-limit",
            "5",
            "--workers",
            "1",
            "--max-memory",
            "100",
            "--engine",
            "slot",
        ],
    )
    assert res.exit_code == 1
    assert "MODEL_TOO_LARGE" in res.output and "nothing was built" in res.output
    assert not (out / "roster.csv").exists()
