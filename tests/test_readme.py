"""The README's Quick start: exactly two commands, the second one is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_quick_start_holds_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert "roster solve scenarios/contact-centre" in commands[0]
    assert commands[1].endswith("pytest")


def script_lines(name: str) -> list[str]:
    """The commands of ``.ci/NAME``: its lines without blanks and comments."""
    lines = (ROOT / ".ci" / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def test_ci_runs_the_readme_test_command_one_step_a_line() -> None:
    # .ci/run starts the services and runs .ci/steps, which holds the README's test command split
    # at its "&&" into one line a step, in order (a failure in an "&&" chain escapes set -e)
    assert ".ci/steps" in script_lines("run")
    steps = [part.strip() for part in quick_start_commands()[1].split("&&")]
    assert len(steps) == 3, steps
    ci = script_lines("steps")
    assert "set -euo pipefail" in ci
    first = ci.index(steps[0])
    assert ci[first : first + len(steps)] == steps
    assert not any("&&" in line or "||" in line for line in ci), "a chained step escapes set -e"
