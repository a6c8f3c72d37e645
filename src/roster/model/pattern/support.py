"""How the pattern engine holds each rule: the support table the registry test reads.

Every code of :data:`roster.domain.rules.RULES` has one entry here, as every code has a rule
adder (or a reason) in the slot model (:mod:`roster.model.slot.rules`). The kinds:

* ``exact``: exact in pricing, every roster the DPs return meets it (per-date options,
  the DP's label, or the sequence DP's state);
* ``row``: a row of the master, exact for integer choices (the LP mixes rosters);
* ``checked``: relaxed in a DP's pricing and checked: each roster the DP returns is judged
  by the validator against it, and a person whose roster breaks it is priced by a DP that
  holds it (rest) or by the slot model's person-alone solve, so the bound stays valid and the
  roster meets it;
* ``none``: not held by the engine (a roster file's own rule).

``tests/test_rule_registry.py`` fails when a code lacks an entry; docs/pattern.md's table
says the same in words.
"""

from __future__ import annotations

from enum import StrEnum

from roster.domain.rules import RuleCode


class Held(StrEnum):
    EXACT = "exact"
    ROW = "row"
    CHECKED = "checked"
    NONE = "none"


SUPPORT: dict[RuleCode, tuple[Held, str]] = {
    RuleCode.UNKNOWN: (Held.NONE, "columns exist only for the scenario's people and dates"),
    RuleCode.TIME_GRID: (Held.EXACT, "options are enumerated on the slot grid"),
    RuleCode.ONE_SHIFT: (
        Held.EXACT,
        "one option a date; an overlap across midnight is held by the "
        "sequence DP's rest and checked in the date-by-date DP",
    ),
    RuleCode.BANDWIDTH: (Held.EXACT, "options lie inside the date's window"),
    RuleCode.SHIFT_LENGTH: (Held.EXACT, "options of the allowed lengths only"),
    RuleCode.BREAKS: (Held.EXACT, "a long option has its break in every allowed position"),
    RuleCode.LEAVE: (Held.EXACT, "no option on leave or over part-day leave"),
    RuleCode.FIXED_PATTERN: (Held.EXACT, "the timetabled shift is the date's only option"),
    RuleCode.REST_DAILY: (
        Held.EXACT,
        "the sequence DP keeps the last shift's end; the date-by-date "
        "DP's rosters are checked and the person moves to the sequence DP",
    ),
    RuleCode.REST_WEEKLY: (
        Held.EXACT,
        "the sequence DP holding rest keeps a flag per rest period; "
        "others' rosters are checked and the person moves to it",
    ),
    RuleCode.YOUNG_WORKER: (Held.CHECKED, "8 h a day and no night work per option; the 40-hour week checked"),
    RuleCode.WTR_AVERAGE: (Held.CHECKED, "checked where any reference period could pass its limit"),
    RuleCode.NIGHT_WORK: (Held.CHECKED, "checked"),
    RuleCode.JOB_SHARE: (Held.ROW, "rows per date and threshold over the partners' ends and starts"),
    RuleCode.SHIFT_TYPES: (
        Held.EXACT,
        "the sequence DP's state: successions, runs, weekends, per-type "
        "counts (priced when the label would be too large, and checked)",
    ),
    RuleCode.SUPERVISION: (Held.ROW, "rows per supervised person and slot"),
    RuleCode.LONE_WORKING: (Held.ROW, "rows per person and slot"),
    RuleCode.CONTRACT_HOURS: (Held.EXACT, "the label's paid minutes at the end"),
    RuleCode.ACCRUAL: (
        Held.EXACT,
        "cost and cap on the label; the cap of two accounting periods met "
        "by looking again within the roster's own cap",
    ),
    RuleCode.TAKEBACK_COVER: (Held.ROW, "rows per person and requirement over the under slack"),
    RuleCode.TIME_OFF_IN_LIEU: (
        Held.EXACT,
        "an extra shift is its date's only option; a ledger out of bounds leaves the person no roster",
    ),
    RuleCode.FLEXI: (
        Held.EXACT,
        "the leave is fixed by the scenario: over the limit leaves the person no roster",
    ),
    RuleCode.PIN: (Held.EXACT, "a pinned date's only option (or none); the change cap checked"),
    RuleCode.COVERAGE: (Held.ROW, "minimum and maximum rows per slot and skill, with slack"),
    RuleCode.SHIFT_COVER: (Held.ROW, "minimum and maximum rows per line"),
    RuleCode.PREFERENCES: (Held.EXACT, "each option's own cost"),
    RuleCode.FAIRNESS: (Held.ROW, "rows for the largest weighted preference cost and unpopular count"),
    RuleCode.STABILITY: (Held.EXACT, "each option's own cost against the base roster"),
}
"""Rule code -> (how the pattern engine holds it, how in words)."""
