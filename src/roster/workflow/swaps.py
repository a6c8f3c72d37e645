"""Shift swaps on a published roster: offered, taken, checked, and approved or refused.

1. **Offer**: a person offers one of their shifts of the team's current published roster, to a
   named colleague or to anyone who may work it (:func:`offer_shift`).
2. **Take**: a colleague takes it, optionally giving one of their own shifts back in exchange
   (:func:`take_shift`). The roster with the swap made is checked by the independent validator
   against everyone's rules (rest, the 48-hour average with history, young workers, supervision,
   lone working, cover): a hard rule the swap would break, and the published roster did not, is
   refused with the rule's own message, naming the person and the date, and nothing changes.
3. **Decide**: a manager sees the swap with its check (the rules it keeps, the hours of minimum
   cover short before and after) and approves it (:func:`approve_swap`: a new version amended
   from the published one, accepted, published with the diff, and the two people told) or
   refuses it with a reason (:func:`refuse_swap`). The offerer may withdraw it until then.

**Who may take a shift** (a reading where the policy is silent): anyone of the team's roster
but the person who works it, who does not work that day, and who holds every skill of the
offerer's that the staffing levels ask for during the shift (a person counts toward each skill
they hold, so a taker without one would leave that skill's cover short). A swap is on the
version it was offered on: once another version is published, each open swap whose shifts are
unchanged moves to it (:func:`roster.workflow.swap_carry.carry_swaps`), and the others lapse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Roster, Scenario, Shift
from roster.io.mail import MailSettings
from roster.reports import roster_diff
from roster.store import Store, StoreError, VersionInfo
from roster.store import swaps as kept
from roster.store.swaps import SwapInfo
from roster.timegrid import today as local_today
from roster.validation import ValidationReport, Violation, validate
from roster.validation.coverage import requirements_on
from roster.workflow.notify import publish_and_notify
from roster.workflow.publish import is_published
from roster.workflow.review import accept, save_roster, scenario_of


class SwapRefused(StoreError):
    """A swap step that cannot be taken, and why (shown to the person as it is)."""


@dataclass(frozen=True)
class SwapCheck:
    """The roster with a swap made, and what the independent validator makes of it."""

    roster: Roster
    report: ValidationReport
    broken: tuple[Violation, ...]
    """Hard rules the swapped roster breaks that the published roster did not."""
    short_before: float
    """Person-hours of minimum cover short, before and after the swap."""
    short_after: float

    @property
    def allowed(self) -> bool:
        return not self.broken


def _day(day: dt.date) -> str:
    return f"{day:%a %d %b}"


def _times(s: Shift) -> str:
    return f"{s.start:%H:%M}-{s.end:%H:%M}"


def _shift(roster: Roster, employee_id: str, day: dt.date) -> Shift | None:
    return next((s for s in roster.shifts if s.employee_id == employee_id and s.date == day), None)


def current(store: Store, version_id: int) -> bool:
    """Whether ``version_id`` is its team's published roster as it stands (accepted, published,
    not amended since)."""
    info = store.version(version_id)
    return info.status == "accepted" and info.next_id is None and is_published(store, version_id)


def _name(scenario: Scenario, employee_id: str) -> str:
    found = next((e for e in scenario.employees if e.id == employee_id), None)
    return f"{found.name} ({employee_id})" if found is not None else employee_id


def why_not_take(
    scenario: Scenario, roster: Roster, day: dt.date, offered_by: str, taker: str, *, skills: bool = True
) -> str | None:
    """Why ``taker`` may not take ``offered_by``'s shift on ``day`` (None: they may); ``skills``:
    whether the taker must hold the offerer's skills the shift is counted for (an offer to
    anyone; a named colleague, or a shift given back, is left to the check of cover)."""
    if taker == offered_by:
        return "It is your own shift."
    people = {e.id: e for e in scenario.employees}
    if taker not in people:
        return f"{taker} is not on this team's roster."
    shift = _shift(roster, offered_by, day)
    if shift is None:
        return f"{_name(scenario, offered_by)} has no shift on {_day(day)}."
    if _shift(roster, taker, day) is not None:
        return f"{_name(scenario, taker)} already works on {_day(day)}."
    if not skills:
        return None
    midnight = dt.datetime.combine(day, dt.time())
    a = int((shift.start - midnight).total_seconds() // 60)
    b = int((shift.end - midnight).total_seconds() // 60)
    needed = {
        skill
        for skill, levels in requirements_on(scenario, day).items()
        if skill is not None
        and skill in people[offered_by].skills
        and any(level.min > 0 and level.start < b and a < level.end for level in levels)
    }
    missing = sorted(needed - set(people[taker].skills))
    if missing:
        return (
            f"{_name(scenario, taker)} does not hold {', '.join(missing)}, which the shift on "
            f"{_day(day)} is counted for."
        )
    return None


def swapped(roster: Roster, day: dt.date, offered_by: str, taker: str, return_date: dt.date | None) -> Roster:
    """``roster`` with ``offered_by``'s shift on ``day`` worked by ``taker`` (same times and break),
    and ``taker``'s shift on ``return_date``, if any, worked by ``offered_by``."""
    out = []
    for s in roster.shifts:
        if s.employee_id == offered_by and s.date == day:
            out.append(s.model_copy(update={"employee_id": taker}))
        elif return_date is not None and s.employee_id == taker and s.date == return_date:
            out.append(s.model_copy(update={"employee_id": offered_by}))
        else:
            out.append(s)
    return Roster(shifts=tuple(sorted(out, key=lambda s: (s.employee_id, s.date))))


def _key(v: Violation) -> tuple[object, ...]:
    """A rule broken for a person on a date (its figures may change): one the published roster
    already broke (a roster accepted with a reason) is not counted against the swap again."""
    return (v.rule, v.employee_id, v.date, v.time)


def check_swap(scenario: Scenario, roster: Roster, new: Roster) -> SwapCheck:
    """The validator's verdict on ``new`` against the published ``roster``."""
    before = validate(scenario, roster)
    after = validate(scenario, new)
    known = {_key(v) for v in before.hard_violations}
    broken = tuple(v for v in after.hard_violations if _key(v) not in known)
    diff = roster_diff((scenario, roster, before), (scenario, new, after))
    return SwapCheck(new, after, broken, diff.short_before, diff.short_after)


def refusal(scenario: Scenario, broken: tuple[Violation, ...]) -> str:
    """The broken rules as the person reads them: each rule's own message, with the person and date."""
    return refusal_of(scenario, broken, "The swap would break a rule, so it was not made")


def refusal_of(scenario: Scenario, broken: tuple[Violation, ...], lead: str) -> str:
    """``lead``, then each broken rule's own message, with the person and date."""
    lines = []
    for v in broken[:5]:
        where = ", ".join(
            p
            for p in (_name(scenario, v.employee_id) if v.employee_id else "", _day(v.date) if v.date else "")
            if p
        )
        lines.append(f"{v.rule} ({where}): {v.message}" if where else f"{v.rule}: {v.message}")
    more = f" (and {len(broken) - 5} more)" if len(broken) > 5 else ""
    return f"{lead}: " + "; ".join(lines) + more


def offer_shift(
    store: Store,
    version_id: int,
    employee_id: str,
    day: dt.date,
    offered_to: str | None,
    note: str,
    actor: str,
    today: dt.date | None = None,
) -> SwapInfo:
    """``employee_id`` offers their shift on ``day`` of the published ``version_id``."""
    if not current(store, version_id):
        raise SwapRefused("Only shifts of the team's current published roster can be offered.")
    scenario = scenario_of(store, version_id)
    roster = store.roster(version_id)
    shift = _shift(roster, employee_id, day)
    if shift is None:
        raise SwapRefused(f"{_name(scenario, employee_id)} has no shift on {_day(day)} to offer.")
    if day < (today or local_today()):
        raise SwapRefused(f"The shift on {_day(day)} is in the past.")
    if offered_to is not None:
        why = why_not_take(scenario, roster, day, employee_id, offered_to, skills=False)
        if why is not None:
            raise SwapRefused(why)
    whom = _name(scenario, offered_to) if offered_to else "anyone who may work it"
    detail = f"{_name(scenario, employee_id)} offers {_day(day)} {_times(shift)} to {whom}"
    try:
        return kept.add_offer(
            store, version_id, day, employee_id, offered_to, note[:500], actor=actor, detail=detail
        )
    except kept.SwapConflict as err:
        raise SwapRefused(str(err)) from None


def _lapse_if_stale(store: Store, s: SwapInfo, actor: str) -> None:
    if not current(store, s.version_id):
        kept.lapse(store, s.id, actor=actor, why="the roster was changed and published again first")
        raise SwapRefused("The roster was changed since this shift was offered: the offer has lapsed.")


def swap_check(store: Store, s: SwapInfo, taker: str, return_date: dt.date | None) -> SwapCheck:
    """The check of ``s`` taken by ``taker`` (giving back ``return_date``), or why it cannot be."""
    scenario = scenario_of(store, s.version_id)
    roster = store.roster(s.version_id)
    why = why_not_take(scenario, roster, s.shift_date, s.offered_by, taker, skills=s.offered_to is None)
    if why is not None:
        raise SwapRefused(why)
    if return_date is not None:
        if return_date == s.shift_date:
            raise SwapRefused("A shift given back is on another day than the one taken.")
        if _shift(roster, taker, return_date) is None:
            raise SwapRefused(f"{_name(scenario, taker)} has no shift on {_day(return_date)} to give back.")
        back = why_not_take(scenario, roster, return_date, taker, s.offered_by, skills=False)
        if back is not None:
            raise SwapRefused(back)
    return check_swap(scenario, roster, swapped(roster, s.shift_date, s.offered_by, taker, return_date))


def take_shift(
    store: Store, swap_id: int, taker: str, return_date: dt.date | None, actor: str
) -> tuple[SwapInfo, SwapCheck]:
    """``taker`` takes the offered shift (checked first: refused with the rule's message)."""
    s = kept.swap(store, swap_id)
    if s.state != "offered":
        raise SwapRefused(f"This shift was {s.state} already.")
    if s.offered_to is not None and s.offered_to != taker:
        raise SwapRefused(f"This shift is offered to {s.offered_to} only.")
    _lapse_if_stale(store, s, actor)
    check = swap_check(store, s, taker, return_date)
    if check.broken:
        raise SwapRefused(refusal(scenario_of(store, s.version_id), check.broken))
    back = f", giving back {_day(return_date)}" if return_date else ""
    try:
        done = kept.move(
            store,
            swap_id,
            "offered",
            "accepted",
            actor=actor,
            action="swap-accept",
            detail=f"{taker} takes {s.offered_by}'s {_day(s.shift_date)}{back}; waits for a manager",
            taker=taker,
            return_date=return_date,
        )
    except kept.SwapConflict as err:
        raise SwapRefused(str(err)) from None
    return done, check


def approve_swap(
    store: Store, swap_id: int, actor: str, mail: MailSettings | None = None, roster_url: str | None = None
) -> VersionInfo:
    """Approve a taken swap: a new version amended from the published roster, accepted and
    published (the two people told, :mod:`roster.workflow.notify`)."""
    s = kept.swap(store, swap_id)
    if s.state != "accepted" or s.taker is None:
        raise SwapRefused(f"Only a taken swap can be approved; this one is {s.state}.")
    _lapse_if_stale(store, s, actor)
    check = swap_check(store, s, s.taker, s.return_date)
    scenario = scenario_of(store, s.version_id)
    if check.broken:
        raise SwapRefused(refusal(scenario, check.broken))
    base = store.version(s.version_id)
    back = f", {s.offered_by} works {s.taker}'s {_day(s.return_date)}" if s.return_date else ""
    what = f"swap {s.id}: {s.taker} works {s.offered_by}'s {_day(s.shift_date)}{back}"
    try:
        kept.move(store, swap_id, "accepted", "approved", actor=actor, action="swap-approve", detail=what)
    except kept.SwapConflict as err:
        raise SwapRefused(str(err)) from None
    saved = save_roster(
        store,
        scenario,
        store.files(s.version_id),
        check.roster,
        check.report,
        solver_objective=None,
        actor=actor,
        source="swap",
        note=what,
        parent=(base.id, base.revision),
    )
    reason = (
        f"as published in {base.label}: the swap breaks no hard rule the published roster kept"
        if check.report.hard_violations
        else None
    )
    accept(store, saved.id, actor, override_reason=reason)
    kept.set_result(store, swap_id, saved.id)
    return publish_and_notify(store, saved.id, actor, mail, roster_url)


def refuse_swap(store: Store, swap_id: int, actor: str, reason: str) -> SwapInfo:
    if not reason.strip():
        raise SwapRefused("Give a reason: the people who asked for the swap see it.")
    s = kept.swap(store, swap_id)
    try:
        return kept.move(
            store,
            swap_id,
            kept.OPEN,
            "refused",
            actor=actor,
            action="swap-refuse",
            detail=f"{s.offered_by}'s {_day(s.shift_date)}",
            reason=reason.strip()[:1000],
        )
    except kept.SwapConflict as err:
        raise SwapRefused(str(err)) from None


def withdraw_swap(store: Store, swap_id: int, employee_id: str, actor: str) -> SwapInfo:
    s = kept.swap(store, swap_id)
    if s.offered_by != employee_id:
        raise SwapRefused("Only the person who offered a shift can withdraw the offer.")
    try:
        return kept.move(
            store,
            swap_id,
            kept.OPEN,
            "withdrawn",
            actor=actor,
            action="swap-withdraw",
            detail=_day(s.shift_date),
        )
    except kept.SwapConflict as err:
        raise SwapRefused(str(err)) from None
