"""Open shifts: the hours a published roster leaves short of minimum cover, offered to the team.

1. **Open shifts** (:func:`open_shifts`): each range of the published roster short of a minimum
   (:func:`roster.reports.shortfalls`: a date, a skill or the whole team, the most people short)
   becomes an open shift with that many places. Its times are the range's, lengthened to the
   shortest shift the service allows (later, then earlier, inside the date's bandwidth) or cut into
   pieces no longer than the longest; a shift long enough to need a break gets one in its middle
   (on the slot grid).
2. **Volunteer** (:func:`volunteer_for`): a person of the team who holds the skill, is not on a
   fixed timetable, does not work that date and is not away volunteers. The roster with the shift
   added as an **extra shift** (time off in lieu, TIME_OFF_IN_LIEU: the contract's target rises by
   its paid hours, so the person's contract has room) is checked by the independent validator: a
   hard rule it would newly break (rest, the 48-hour average with history, young workers, the TOIL
   cap, banked time) is refused with the rule's own message, naming the person and the date.
3. **Grant** (:func:`grant`): a manager picks a volunteer: a new version amended from the published
   one, its scenario with the extra shift added to ``extra_shifts.csv``, accepted and published
   with the diff (the person told by email). The other volunteers wait on the new version while
   their shift is still open there, and lapse when it is not. **Decline** with a reason, or the
   person **withdraws**, until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Roster, Scenario
from roster.domain.toil import as_shift
from roster.io import InputError, load_scenario_files
from roster.io.mail import MailSettings
from roster.io.scenario_save import table_csv
from roster.reports import roster_diff
from roster.reports.open_shifts import OpenShift, open_shifts, why_not_volunteer
from roster.store import Store, VersionInfo
from roster.store import volunteers as kept
from roster.store.volunteers import VolunteerInfo
from roster.timegrid import format_clock
from roster.timegrid import today as local_today
from roster.validation import ValidationReport, Violation, validate
from roster.workflow.notify import publish_and_notify
from roster.workflow.review import accept, save_roster, scenario_of
from roster.workflow.swaps import SwapRefused, current, refusal_of

EXTRA_FILE = "extra_shifts.csv"


class OpenShiftRefused(SwapRefused):
    """An open-shift step that cannot be taken, and why (shown to the person as it is)."""


@dataclass(frozen=True)
class VolunteerCheck:
    """The scenario and roster with the open shift worked by the volunteer, and the verdict."""

    scenario: Scenario
    roster: Roster
    report: ValidationReport
    broken: tuple[Violation, ...]
    short_before: float
    short_after: float


def _key(v: Violation) -> tuple[object, ...]:
    return (v.rule, v.employee_id, v.date, v.time)


def check_volunteer(scenario: Scenario, roster: Roster, shift: OpenShift, employee_id: str) -> VolunteerCheck:
    """The validator's verdict on the roster with ``shift`` worked by ``employee_id`` as an extra shift."""
    extra = shift.as_extra(employee_id)
    new_sc = scenario.model_copy(update={"extra_shifts": (*scenario.extra_shifts, extra)})
    new_roster = Roster(
        shifts=tuple(
            sorted(
                (*roster.shifts, as_shift(extra, scenario.service.breaks.break_minutes)),
                key=lambda s: (s.employee_id, s.date),
            )
        )
    )
    before = validate(scenario, roster)
    after = validate(new_sc, new_roster)
    known = {_key(v) for v in before.hard_violations}
    broken = tuple(v for v in after.hard_violations if _key(v) not in known)
    diff = roster_diff((scenario, roster, before), (new_sc, new_roster, after))
    return VolunteerCheck(new_sc, new_roster, after, broken, diff.short_before, diff.short_after)


def find_open_shift(store: Store, version_id: int, key: tuple[dt.date, int, int, str]) -> OpenShift | None:
    for o in open_shifts(scenario_of(store, version_id), store.roster(version_id)):
        if o.key == key:
            return o
    return None


def _checked(
    store: Store, version_id: int, key: tuple[dt.date, int, int, str], employee_id: str
) -> VolunteerCheck:
    scenario = scenario_of(store, version_id)
    roster = store.roster(version_id)
    shift = next((o for o in open_shifts(scenario, roster) if o.key == key), None)
    if shift is None:
        raise OpenShiftRefused("That shift is no longer open: the roster covers it now.")
    why = why_not_volunteer(scenario, roster, shift, employee_id)
    if why is not None:
        raise OpenShiftRefused(why)
    check = check_volunteer(scenario, roster, shift, employee_id)
    if check.broken:
        raise OpenShiftRefused(refusal_of(scenario, check.broken, "Working this shift would break a rule"))
    return check


def volunteer_for(
    store: Store,
    version_id: int,
    key: tuple[dt.date, int, int, str],
    employee_id: str,
    note: str,
    actor: str,
    today: dt.date | None = None,
) -> tuple[VolunteerInfo, VolunteerCheck]:
    """``employee_id`` volunteers for the open shift ``key`` of the published ``version_id``
    (checked first: refused with the rule's message)."""
    if not current(store, version_id):
        raise OpenShiftRefused("Only the team's current published roster has open shifts.")
    day = key[0]
    if day < (today or local_today()):
        raise OpenShiftRefused(f"The shift on {day:%a %d %b} is in the past.")
    check = _checked(store, version_id, key, employee_id)
    times = f"{format_clock(key[1])}-{format_clock(key[2])}"
    detail = f"{employee_id} volunteers for {day:%a %d %b} {times} ({key[3]})"
    try:
        info = kept.add_volunteer(store, version_id, key, employee_id, note[:500], actor=actor, detail=detail)
    except kept.VolunteerConflict as err:
        raise OpenShiftRefused(str(err)) from None
    return info, check


def _with_extra(files: dict[str, bytes], scenario: Scenario) -> dict[str, bytes]:
    """The version's files with ``extra_shifts.csv`` written from ``scenario``'s extra shifts."""
    out = {**files, EXTRA_FILE: table_csv("extra_shifts", scenario.extra_shifts).encode("utf-8")}
    try:
        load_scenario_files(out)
    except InputError as err:
        raise OpenShiftRefused(
            f"The team's scenario files cannot take the extra shift ({err}): add it to its "
            "extra_shifts table by hand and solve again."
        ) from None
    return out


def grant(
    store: Store,
    volunteer_id: int,
    actor: str,
    mail: MailSettings | None = None,
    roster_url: str | None = None,
) -> VersionInfo:
    """Grant a volunteer the open shift: a new version with it as an extra shift, accepted and
    published (the person told); the other volunteers carried or lapsed."""
    v = kept.volunteer(store, volunteer_id)
    if v.state != "volunteered":
        raise OpenShiftRefused(f"Only a waiting volunteer can be granted the shift; this one is {v.state}.")
    if not current(store, v.version_id):
        kept.move(
            store,
            v.id,
            "volunteered",
            "lapsed",
            actor=actor,
            action="open-lapse",
            detail="the roster was changed and published again first",
        )
        raise OpenShiftRefused("The roster was changed since: this volunteer has lapsed.")
    check = _checked(store, v.version_id, v.key, v.employee_id)
    base = store.version(v.version_id)
    day = f"{v.shift_date:%a %d %b} {format_clock(v.start_minute)}-{format_clock(v.end_minute)}"
    what = f"open shift {day} ({v.skill}) granted to {v.employee_id} as an extra shift (time off in lieu)"
    files = _with_extra(store.files(v.version_id), check.scenario)
    try:
        kept.move(store, v.id, "volunteered", "granted", actor=actor, action="open-grant", detail=what)
    except kept.VolunteerConflict as err:
        raise OpenShiftRefused(str(err)) from None
    saved = save_roster(
        store,
        check.scenario,
        files,
        check.roster,
        check.report,
        solver_objective=None,
        actor=actor,
        source="open-shift",
        note=what,
        parent=(base.id, base.revision),
    )
    reason = (
        f"as published in {base.label}: the extra shift breaks no hard rule the published roster kept"
        if check.report.hard_violations
        else None
    )
    accept(store, saved.id, actor, override_reason=reason)
    kept.set_result(store, v.id, saved.id)
    return publish_and_notify(store, saved.id, actor, mail, roster_url)


def decline(store: Store, volunteer_id: int, actor: str, reason: str) -> VolunteerInfo:
    if not reason.strip():
        raise OpenShiftRefused("Give a reason: the person who volunteered sees it.")
    v = kept.volunteer(store, volunteer_id)
    try:
        return kept.move(
            store,
            volunteer_id,
            "volunteered",
            "declined",
            actor=actor,
            action="open-decline",
            detail=f"{v.employee_id} for {v.shift_date:%a %d %b}",
            reason=reason.strip()[:1000],
        )
    except kept.VolunteerConflict as err:
        raise OpenShiftRefused(str(err)) from None


def withdraw(store: Store, volunteer_id: int, employee_id: str, actor: str) -> VolunteerInfo:
    v = kept.volunteer(store, volunteer_id)
    if v.employee_id != employee_id:
        raise OpenShiftRefused("Only the person who volunteered can withdraw.")
    try:
        return kept.move(
            store,
            volunteer_id,
            "volunteered",
            "withdrawn",
            actor=actor,
            action="open-withdraw",
            detail=f"{v.shift_date:%a %d %b}",
        )
    except kept.VolunteerConflict as err:
        raise OpenShiftRefused(str(err)) from None
