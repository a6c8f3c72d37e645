"""The validator's verdict on one roster."""

from __future__ import annotations

from roster.domain import Frozen, Penalty
from roster.validation.preferences import WishOutcome
from roster.validation.violation import Violation


class ValidationReport(Frozen):
    """Violations, the recomputed objective with its penalty breakdown, and wish outcomes.

    ``objective`` is ``Σ penalty.cost``; the solver's objective must equal it.
    ``wishes`` holds every wish term considered (dated ``shift``/``off``
    wishes and standing wishes on the dates they apply), honoured or not.
    """

    violations: tuple[Violation, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    objective: int = 0
    wishes: tuple[WishOutcome, ...] = ()

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.hard)

    @property
    def soft_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if not v.hard)

    @property
    def is_feasible(self) -> bool:
        """No hard violation: the roster may be published (cover gaps are reported, not blocking)."""
        return not self.hard_violations

    def cost_by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.penalties:
            out[p.rule] = out.get(p.rule, 0) + p.cost
        return out

    def cost_by_employee(self) -> dict[str, dict[str, int]]:
        """Per person, per rule; terms of no one person (cover, the FAIRNESS maxima) are left out."""
        out: dict[str, dict[str, int]] = {}
        for p in self.penalties:
            if p.employee_id is None:
                continue
            rules = out.setdefault(p.employee_id, {})
            rules[p.rule] = rules.get(p.rule, 0) + p.cost
        return out

    def violations_by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for v in self.violations:
            out[v.rule] = out.get(v.rule, 0) + 1
        return out

    @property
    def wishes_honoured(self) -> float | None:
        """Share of wish terms honoured (0..1); ``None`` when nobody wished for anything."""
        if not self.wishes:
            return None
        return sum(w.honoured for w in self.wishes) / len(self.wishes)

    def summary(self) -> str:
        lines = [
            f"feasible    {'yes' if self.is_feasible else 'NO'}",
            f"objective   {self.objective}",
        ]
        lines += [f"  {rule:<14} {cost}" for rule, cost in sorted(self.cost_by_rule().items())]
        share = self.wishes_honoured
        if share is not None:
            lines.append(f"wishes      {share:.0%} honoured ({len(self.wishes)} considered)")
        lines += [f"  ! {v}" for v in self.hard_violations]
        return "\n".join(lines)
