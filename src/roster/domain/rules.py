"""The one registry of rules: every rule code, whether it is hard or soft, and whom it binds.

Every formulation of the model, the independent validator, the diagnosis, the
wishes report and docs/rules.md read their codes from here, and
``tests/test_rule_registry.py`` checks that each code has a model module, a
validator check, a model test, a validator test and a section in
docs/rules.md. A new rule starts with a line in :data:`RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class RuleCode(StrEnum):
    """The stable code of one rule family (docs/rules.md)."""

    UNKNOWN = "UNKNOWN"
    TIME_GRID = "TIME_GRID"
    ONE_SHIFT = "ONE_SHIFT"
    BANDWIDTH = "BANDWIDTH"
    SHIFT_LENGTH = "SHIFT_LENGTH"
    BREAKS = "BREAKS"
    LEAVE = "LEAVE"
    FIXED_PATTERN = "FIXED_PATTERN"
    REST_DAILY = "REST_DAILY"
    REST_WEEKLY = "REST_WEEKLY"
    YOUNG_WORKER = "YOUNG_WORKER"
    WTR_AVERAGE = "WTR_AVERAGE"
    NIGHT_WORK = "NIGHT_WORK"
    JOB_SHARE = "JOB_SHARE"
    SHIFT_TYPES = "SHIFT_TYPES"
    SUPERVISION = "SUPERVISION"
    LONE_WORKING = "LONE_WORKING"
    CONTRACT_HOURS = "CONTRACT_HOURS"
    ACCRUAL = "ACCRUAL"
    TAKEBACK_COVER = "TAKEBACK_COVER"
    TIME_OFF_IN_LIEU = "TIME_OFF_IN_LIEU"
    FLEXI = "FLEXI"
    PIN = "PIN"
    COVERAGE = "COVERAGE"
    SHIFT_COVER = "SHIFT_COVER"
    PREFERENCES = "PREFERENCES"
    FAIRNESS = "FAIRNESS"
    STABILITY = "STABILITY"


Kind = Literal["hard", "soft", "both"]
Scope = Literal["person", "team", "roster"]


@dataclass(frozen=True)
class Rule:
    """One rule family.

    ``kind``: ``hard`` (a violation makes a roster unpublishable), ``soft`` (a
    cost in the objective) or ``both`` (a hard cap and a cost). ``scope``:
    ``person`` when one person's roster decides it (a person planned alone can
    break it), ``team`` when it binds several people together, ``roster`` when
    it is about the roster file itself. ``request``: the rule comes from a
    solve request (a manager's pins, stability against a base roster), not from
    the scenario. ``anchor``: where docs/rules.md states it.
    """

    code: RuleCode
    kind: Kind
    scope: Scope
    title: str
    request: bool = False

    @property
    def hard(self) -> bool:
        return self.kind in ("hard", "both")

    @property
    def soft(self) -> bool:
        return self.kind in ("soft", "both")

    @property
    def anchor(self) -> str:
        return f"docs/rules.md#{self.code.lower().replace('_', '-')}"


RULES: tuple[Rule, ...] = (
    Rule(RuleCode.UNKNOWN, "hard", "roster", "a roster row names an unknown person or date"),
    Rule(RuleCode.TIME_GRID, "hard", "person", "times on the slot grid"),
    Rule(RuleCode.ONE_SHIFT, "hard", "person", "one shift a date, no overlap"),
    Rule(RuleCode.BANDWIDTH, "hard", "person", "inside the bandwidth, not on a closed date"),
    Rule(RuleCode.SHIFT_LENGTH, "hard", "person", "shift length within bounds"),
    Rule(RuleCode.BREAKS, "hard", "person", "an unpaid break in a long shift"),
    Rule(RuleCode.LEAVE, "hard", "person", "no work on leave"),
    Rule(RuleCode.FIXED_PATTERN, "hard", "person", "compressed and staggered hours as given"),
    Rule(RuleCode.REST_DAILY, "hard", "person", "11 hours between shifts"),
    Rule(RuleCode.REST_WEEKLY, "hard", "person", "24 hours a week, or 48 a fortnight"),
    Rule(RuleCode.YOUNG_WORKER, "hard", "person", "limits for under-18s"),
    Rule(RuleCode.WTR_AVERAGE, "hard", "person", "48-hour average week"),
    Rule(RuleCode.NIGHT_WORK, "hard", "person", "night workers average 8 hours per 24"),
    Rule(RuleCode.JOB_SHARE, "hard", "team", "job-share handover overlap"),
    Rule(RuleCode.SHIFT_TYPES, "hard", "person", "shift types, successions, per-person limits"),
    Rule(RuleCode.SUPERVISION, "hard", "team", "trainees and under-18s supervised"),
    Rule(RuleCode.LONE_WORKING, "hard", "team", "no lone working"),
    Rule(RuleCode.CONTRACT_HOURS, "hard", "person", "contracted hours, taken back only from the bank"),
    Rule(RuleCode.ACCRUAL, "both", "person", "22 minutes a day, the 4-week cap"),
    Rule(RuleCode.TAKEBACK_COVER, "hard", "person", "banked time taken back only while minimum cover holds"),
    Rule(
        RuleCode.TIME_OFF_IN_LIEU,
        "hard",
        "person",
        "extra shifts as granted; time off in lieu within balance and cap",
    ),
    Rule(RuleCode.FLEXI, "hard", "person", "flexi leave at most a day a flexi period"),
    Rule(RuleCode.PIN, "hard", "person", "a manager's pinned shift or day off", request=True),
    Rule(RuleCode.COVERAGE, "soft", "team", "minimum and maximum staffing per slot"),
    Rule(RuleCode.SHIFT_COVER, "soft", "team", "headcount per shift type"),
    Rule(RuleCode.PREFERENCES, "soft", "person", "indicated patterns and wishes"),
    Rule(RuleCode.FAIRNESS, "soft", "team", "no one person absorbs the changes"),
    Rule(RuleCode.STABILITY, "soft", "person", "few changes against a base roster", request=True),
)
"""Every rule, in the order docs/rules.md lists them."""

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The registry entry of ``code`` (a :class:`RuleCode` or its string)."""
    return _BY_CODE[RuleCode(code)]


HARD_CODES: frozenset[RuleCode] = frozenset(r.code for r in RULES if r.hard)
SOFT_CODES: frozenset[RuleCode] = frozenset(r.code for r in RULES if r.soft)
TEAM_CODES: frozenset[RuleCode] = frozenset(r.code for r in RULES if r.scope != "person")
"""Rules of more than one person (or of the roster file): a person planned alone cannot be blamed."""
