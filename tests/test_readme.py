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


PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_readme_is_a_front_page() -> None:
    # what the product does and the paths through it; the details live in docs/, the measured
    # figures in docs/performance.md
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 250
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    for needed in (
        "Quick start",
        "What a coordinator does",
        "What a manager does",
        "The team's web page",
        "What an analyst does",
        "Documentation",
    ):
        assert needed in headings, needed
    assert "(docs/performance.md)" in text


def test_product_docs_name_no_issue_numbers() -> None:
    # issue numbers mean nothing to a user; the docs say what the product does, not its history
    found = [
        f"{page.name}: {m.group(0)}"
        for page in PAGES
        for m in re.finditer(r"\bissues? #?\d+|#\d{1,4}\b", page.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_link_between_the_pages_leads_to_a_file() -> None:
    broken = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []
