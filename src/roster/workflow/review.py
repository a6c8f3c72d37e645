"""Saving rosters as versions, reading their scenarios back, and accepting them.

The store keeps a version's scenario as its input files (the snapshot); reading a
version back loads those files with the same loader as a scenario folder, so a
version's checks are the checks of the files it was solved from.
"""

from __future__ import annotations

from pathlib import Path

from roster.domain import Roster, Scenario
from roster.io import load_scenario_files
from roster.io.scenario_files import WEIGHTS_FILE, known_files
from roster.store import Store, StoreError, VersionInfo
from roster.validation import ValidationReport, Violation, validate


def scenario_files(folder: Path, weights_file: Path | None = None) -> dict[str, bytes]:
    """The input files of the scenario in ``folder`` (the files roster reads, as bytes);
    ``weights_file``, when given, stands in for the folder's ``weights.toml``."""
    out = {name: (folder / name).read_bytes() for name in known_files() if (folder / name).is_file()}
    if weights_file is not None:
        out[WEIGHTS_FILE] = Path(weights_file).read_bytes()
    return out


def save_roster(
    store: Store,
    scenario: Scenario,
    files: dict[str, bytes],
    roster: Roster,
    report: ValidationReport,
    *,
    solver_objective: int | None,
    actor: str,
    source: str = "solve",
    note: str = "",
    parent: tuple[int, int] | None = None,
) -> VersionInfo:
    """Save ``roster`` of ``scenario`` (read from ``files``) as a new version of its team
    (the team is the service's name). Both objectives are kept, to be compared: the validator's
    (``report``) and ``solver_objective``, the solver's own figure (``SolveResult.objective``;
    None for a roster no solver made)."""
    return store.save(
        scenario.service.name,
        files,
        scenario.service.start_date,
        scenario.service.weeks,
        roster,
        actor=actor,
        source=source,
        objective=report.objective,
        solver_objective=solver_objective,
        hard_violations=len(report.hard_violations),
        note=note,
        parent=parent,
    )


def scenario_of(store: Store, version_id: int) -> Scenario:
    """The scenario a version was solved from, loaded from its snapshot's files."""
    return load_scenario_files(store.files(version_id))


class AcceptRefused(StoreError):
    """The version breaks a hard rule and no override was given."""

    def __init__(self, version: VersionInfo, violations: tuple[Violation, ...]) -> None:
        rules = sorted({v.rule for v in violations})
        super().__init__(
            f"v{version.id} was not accepted: it breaks {len(violations)} hard rule(s) "
            f"({', '.join(rules)}). Amend it, or accept it anyway with --override --reason TEXT "
            "(the reason is recorded in the audit log)"
        )
        self.version = version
        self.violations = violations


def accept(
    store: Store,
    version_id: int,
    actor: str,
    *,
    override_reason: str | None = None,
    revision: int | None = None,
) -> tuple[VersionInfo, ValidationReport]:
    """Accept ``version_id`` after the independent validator has checked it.

    Hard violations refuse the accept (:class:`AcceptRefused`, and the refusal is logged)
    unless ``override_reason`` is given: the accept is then an ``override`` event with the
    reason and the rules broken. ``revision``: the revision the manager looked at (default:
    the current one); a version changed since raises ``VersionConflict``."""
    info = store.version(version_id)
    if info.status == "accepted":
        raise StoreError(f"v{version_id} is already accepted (by the log: roster log --version {version_id})")
    if info.status == "superseded":
        newer = f" by v{info.next_id}" if info.next_id is not None else ""
        raise StoreError(f"v{version_id} is superseded{newer}: accept the team's current version instead")
    if info.next_id is not None:
        raise StoreError(f"v{version_id} was amended as v{info.next_id}: accept v{info.next_id} instead")
    report = validate(scenario_of(store, version_id), store.roster(version_id))
    hard = report.hard_violations
    detail = (
        f"checked: objective {report.objective}, {len(hard)} hard violation(s), "
        f"{len(report.soft_violations)} cover gap(s)"
    )
    if hard and not override_reason:
        store.log_event(
            version_id,
            actor=actor,
            action="refuse",
            detail=f"{detail}: {', '.join(sorted({v.rule for v in hard}))}",
        )
        raise AcceptRefused(info, hard)
    action = "override" if hard else "accept"
    if hard:
        detail += f"; accepted over {', '.join(sorted({v.rule for v in hard}))}"
    accepted = store.set_status(
        version_id,
        info.revision if revision is None else revision,
        "accepted",
        actor=actor,
        action=action,
        detail=detail,
        reason=override_reason or "",
    )
    return accepted, report
