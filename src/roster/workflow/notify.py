"""Telling people their published shifts changed: by email, in the audit log, and on their page.

When a version is published on the web page and an earlier version of the same roster (an
ancestor: the version it was amended from, or that one's) was published before it, each person
whose shifts differ between the two is told: an email to the address on their account (when
the page has a mail server: ``roster web --smtp-host``), listing each changed day before and
after. Their calendar subscription follows by itself (each event's SEQUENCE is the version).
What was sent, to whom, and what could not be (no address, the server refused) is a ``notify``
event in the audit log; a failure to send never undoes the publication.

A person's own history (:func:`shift_history`) is the same comparison for every publication of
their team's rosters, shown on their roster page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.io.mail import Letter, MailSettings, send
from roster.reports import shift_changes
from roster.reports.diff import ShiftChange
from roster.store import Store, VersionInfo
from roster.store import people as accounts
from roster.workflow.open_carry import carry_volunteers
from roster.workflow.publish import WEB, is_published, publish_on_web, published_versions
from roster.workflow.review import scenario_of
from roster.workflow.swap_carry import carry_swaps


def published_before(store: Store, version_id: int) -> VersionInfo | None:
    """The nearest ancestor of ``version_id`` published on the web page, if any."""
    info = store.version(version_id)
    while info.parent_id is not None:
        info = store.version(info.parent_id)
        if is_published(store, info.id):
            return info
    return None


def changes_since_published(
    store: Store, version_id: int
) -> tuple[VersionInfo | None, dict[str, list[ShiftChange]]]:
    """The version published before ``version_id`` and each person's shift changes since it."""
    before = published_before(store, version_id)
    if before is None:
        return None, {}
    out: dict[str, list[ShiftChange]] = {}
    for change in shift_changes(store.roster(before.id), store.roster(version_id)):
        out.setdefault(change.employee_id, []).append(change)
    return before, out


def publish_and_notify(
    store: Store, version_id: int, actor: str, mail: MailSettings | None, roster_url: str | None = None
) -> VersionInfo:
    """Publish ``version_id`` on the web page (:func:`publish_on_web`), move the open shift swaps
    and the waiting volunteers for open shifts of the roster published before it onto it
    (:mod:`roster.workflow.swap_carry`, :mod:`roster.workflow.open_carry`), then tell
    the people whose shifts changed since (:func:`notify_publication`)."""
    info = publish_on_web(store, version_id, actor)
    before = published_before(store, version_id)
    if before is not None:
        carry_swaps(store, before.id, version_id, actor)
        carry_volunteers(store, before.id, version_id, actor)
    notify_publication(store, version_id, mail, actor, roster_url)
    return info


def _letter(
    name: str, team: str, info: VersionInfo, changes: list[ShiftChange], actor: str, roster_url: str | None
) -> str:
    end = info.period_start + dt.timedelta(weeks=info.weeks, days=-1)
    lines = [
        f"Hello {name},",
        "",
        f"The roster of {team} from {info.period_start:%d %b %Y} to {end:%d %b %Y} was changed and "
        f"published again ({info.label}, by {actor}). Your shifts that changed:",
        "",
        *(f"  {c.text}" for c in changes),
        "",
    ]
    if roster_url:
        lines.append(f"The roster: {roster_url}")
    lines += [
        "A calendar subscribed to your roster shows the change the next time it is read.",
        "",
        "If a change does not suit you, speak to your manager.",
    ]
    return "\n".join(lines) + "\n"


def notify_publication(
    store: Store, version_id: int, mail: MailSettings | None, actor: str, roster_url: str | None = None
) -> str | None:
    """Tell each person whose shifts changed since the roster was last published; the audit
    log's ``notify`` event says what was sent and what was not (its detail is returned; None
    when nothing was published before or nobody's shifts changed)."""
    info = store.version(version_id)
    before, changes = changes_since_published(store, version_id)
    if before is None or not changes:
        return None
    scenario = scenario_of(store, version_id)
    names = {e.id: e.name for e in scenario.employees}
    holders = accounts.staff_accounts(store, info.team)
    letters: list[tuple[str, Letter]] = []
    untold: list[str] = []
    for employee_id, mine in sorted(changes.items()):
        user = holders.get(employee_id)
        if user is None or not user.email or mail is None:
            why = "no mail server" if mail is None else "no account" if user is None else "no email address"
            untold.append(f"{employee_id} ({why})")
            continue
        name = names.get(employee_id, user.display_name)
        subject = f"Your shifts in {info.team}'s roster from {info.period_start:%d %b %Y} have changed"
        body = _letter(name, info.team, info, mine, actor, roster_url)
        letters.append((employee_id, Letter(user.email, name, subject, body)))
    sent = send(mail, [letter for _, letter in letters]) if mail is not None and letters else {}
    told = [e for e, letter in letters if sent.get(letter.to) is None]
    failed = [f"{e}: {sent[letter.to]}" for e, letter in letters if sent.get(letter.to)]
    n = len(changes)
    parts = [f"shifts changed since {before.label} for {n} {'person' if n == 1 else 'people'}"]
    if told:
        parts.append(f"emailed {', '.join(told)}")
    if failed:
        parts.append(f"not emailed: {'; '.join(failed)}")
    if untold:
        parts.append(f"not emailed: {', '.join(untold)}")
    detail = "; ".join(parts)
    store.log_event(version_id, actor=actor, action="notify", detail=detail)
    return detail


@dataclass(frozen=True)
class Republished:
    """One publication that changed a person's shifts: when, which version, what changed."""

    at: dt.datetime
    version: VersionInfo
    before: VersionInfo
    changes: list[ShiftChange]


def shift_history(store: Store, team: str, employee_id: str) -> list[Republished]:
    """Each publication of ``team``'s rosters that changed ``employee_id``'s shifts, latest first."""
    out: list[Republished] = []
    when = {e.version_id: e.at for e in store.events(team=team) if e.action == "publish" and e.detail == WEB}
    for info in published_versions(store, team):
        chain = info
        while True:
            before, changes = changes_since_published(store, chain.id)
            if before is None:
                break
            mine = changes.get(employee_id, [])
            if mine and chain.id in when:
                out.append(Republished(when[chain.id], chain, before, mine))
            chain = before
    return sorted(out, key=lambda r: r.at, reverse=True)
