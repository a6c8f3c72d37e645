"""One rule, one code: the registry against the model, the validator, the tests and the docs.

Every code of ``roster.domain.rules.RULES`` must have: a rule adder in the slot
formulation (or a reason it is held by the variables), an entry in the pattern
engine's support table (how it holds the rule), a check in the validator, a model
test and a validator test (a test function mentioning the code; a validator test
also calls the validator), and a section in docs/rules.md. Nothing else may use a
code the registry does not know.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from roster.domain.rules import RULES, RuleCode
from roster.model.pattern.support import SUPPORT
from roster.model.slot.rules import BUILT_IN, RULE_ADDERS
from roster.validation import CHECKS

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
CODE_WORDS = {c.value for c in RuleCode}


def _mentions(node: ast.AST, known: set[str]) -> set[str]:
    """Codes a function's body names: as a string constant, or as ``RuleCode.X``."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found |= {w for w in re.findall(r"[A-Z][A-Z_]+", sub.value) if w in known}
        elif (
            isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "RuleCode"
        ):
            found.add(sub.attr)
    return found


def _calls_validator(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            name = sub.func.id if isinstance(sub.func, ast.Name) else getattr(sub.func, "attr", "")
            if name in ("validate", "solve_checked") or name.startswith("check_"):
                return True
    return False


def codes_tested_in(files: Iterable[Path], known: set[str], *, validator: bool) -> set[str]:
    """Codes named by a test function of ``files`` (that calls the validator, if ``validator``)."""
    out: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                if validator and not _calls_validator(node):
                    continue
                out |= _mentions(node, known)
    return out


def documented_codes(text: str) -> set[str]:
    """Codes with a section in docs/rules.md: a table row ``| `CODE` |`` or a paragraph ``**CODE.**``."""
    rows = re.findall(r"^\| `([A-Z_]+)` \|", text, flags=re.M)
    paragraphs = re.findall(r"^\*\*([A-Z_]+)\.\*\*", text, flags=re.M)
    return set(rows) | set(paragraphs)


def registry_problems(
    codes: set[str],
    model: set[str],
    pattern: set[str],
    validator: set[str],
    model_tests: set[str],
    validator_tests: set[str],
    docs: set[str],
) -> list[str]:
    """Every place a registry code is missing, and every code used that the registry lacks."""
    problems: list[str] = []
    places = {
        "model rule adder (or BUILT_IN reason)": model,
        "pattern engine support entry": pattern,
        "validator check": validator,
        "model test": model_tests,
        "validator test": validator_tests,
        "section in docs/rules.md": docs,
    }
    for code in sorted(codes):
        for where, have in places.items():
            if code not in have:
                problems.append(f"{code}: no {where}")
    for where, have in (
        ("model", model),
        ("pattern engine", pattern),
        ("validator", validator),
        ("docs", docs),
    ):
        for code in sorted(have - codes):
            problems.append(f"{code}: used by the {where} but not in the registry")
    return problems


def actual_places() -> dict[str, set[str]]:
    known = CODE_WORDS | {"EXTRA_RULE"}
    model_files = sorted((TESTS / "model").glob("test_*.py"))
    all_files = sorted(TESTS.rglob("test_*.py"))
    return {
        "model": {a.code.value for a in RULE_ADDERS} | {c.value for c in BUILT_IN},
        "pattern": {c.value for c in SUPPORT},
        "validator": {c.value for c in CHECKS},
        "model_tests": codes_tested_in(model_files, known, validator=False),
        "validator_tests": codes_tested_in(all_files, known, validator=True),
        "docs": documented_codes((ROOT / "docs" / "rules.md").read_text(encoding="utf-8")),
    }


def test_every_code_is_in_the_model_the_validator_the_tests_and_the_docs() -> None:
    codes = {r.code.value for r in RULES}
    assert codes == CODE_WORDS, "RULES lists every RuleCode once"
    assert len(RULES) == len(codes)
    assert registry_problems(codes, **actual_places()) == []


def test_the_check_fails_when_a_code_is_missing_anywhere() -> None:
    # A deliberately broken copy: a registry with one code more than anything implements.
    codes = {r.code.value for r in RULES} | {"EXTRA_RULE"}
    problems = registry_problems(codes, **actual_places())
    assert problems == [
        "EXTRA_RULE: no model rule adder (or BUILT_IN reason)",
        "EXTRA_RULE: no pattern engine support entry",
        "EXTRA_RULE: no validator check",
        "EXTRA_RULE: no model test",
        "EXTRA_RULE: no validator test",
        "EXTRA_RULE: no section in docs/rules.md",
    ]
    # ... and the other way round: a place using a code the registry lacks.
    places = actual_places()
    places["validator"] = places["validator"] | {"EXTRA_RULE"}
    assert registry_problems({r.code.value for r in RULES}, **places) == [
        "EXTRA_RULE: used by the validator but not in the registry"
    ]


def test_a_code_missing_from_the_pattern_engines_table_fails_once() -> None:
    # A copy of the support table without one entry: the check names that code and that place.
    places = actual_places()
    places["pattern"] = places["pattern"] - {RuleCode.SUPERVISION.value}
    assert registry_problems({r.code.value for r in RULES}, **places) == [
        "SUPERVISION: no pattern engine support entry"
    ]


def test_every_support_entry_says_how() -> None:
    assert all(how for _, how in SUPPORT.values())


def test_built_in_codes_have_no_rule_adder() -> None:
    assert not {a.code for a in RULE_ADDERS} & set(BUILT_IN)
    assert all(reason for reason in BUILT_IN.values())


def test_no_rule_code_is_written_as_a_bare_string_in_the_package() -> None:
    # Codes are RuleCode members everywhere but the registry itself, so a typo is a
    # NameError at import, not a rule silently named differently.
    # (The solve status UNKNOWN, CP-SAT's name, is a member of domain.result.Status, not a code.)
    src = ROOT / "src" / "roster"
    found = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "rules.py" and path.parent.name == "domain":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        statuses = {
            id(sub)
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef) and cls.name == "Status" and path.name == "result.py"
            for sub in ast.walk(cls)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in CODE_WORDS and id(node) not in statuses:
                found.append(f"{path.relative_to(src)}:{node.lineno} {node.value!r}")
    assert found == []
