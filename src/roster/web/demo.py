"""Demo accounts for trying the web page on a bundled scenario (``roster web --demo SCENARIO``).

The scenario's period is opened for wishes (its own preferences become the people's wishes)
unless the team already has one, and every person of the team gets an account named by their
id in lower case (``e001``), with a ``coordinator`` and a ``manager``; every demo password is
:data:`DEMO_PASSWORD`. Running it again changes nothing that is there already. The demo is
for a store of its own (``roster-demo.db`` by default): never give demo accounts to a real team.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roster.store import Store, StoreError
from roster.store import people as accounts
from roster.store.periods import PeriodInfo, periods
from roster.web.auth import hash_password
from roster.workflow.periods import base_scenario, open_period

DEMO_PASSWORD = "roster-demo"
DEMO_DB = "roster-demo.db"


@dataclass(frozen=True)
class Demo:
    period: PeriodInfo
    accounts: list[tuple[str, str, str]]
    """(user name, display name, role) of each demo account."""


def setup_demo(store: Store, scenario_dir: Path) -> Demo:
    from roster.io import YEAR_FOLDER, load_scenario
    from roster.workflow.team_jobs import save_year_inputs, year_folder_files

    scenario = load_scenario(Path(scenario_dir))
    team = scenario.service.name
    existing = [p for p in periods(store) if p.team == team]
    period = existing[0] if existing else open_period(store, Path(scenario_dir), "demo set-up")
    year = year_folder_files(Path(scenario_dir) / YEAR_FOLDER)
    if year and not existing:  # the scenario's year inputs, for the year page
        save_year_inputs(store, period.team_id, year, "demo set-up")
    base = base_scenario(store, period)
    made: list[tuple[str, str, str]] = []
    hashed = hash_password(DEMO_PASSWORD)  # one hash for every demo account: the set-up stays quick

    def account(username: str, name: str, role: str, employee_id: str | None = None) -> None:
        found = accounts.credentials(store, username)
        user = found[0] if found is not None else accounts.add_user(store, username, name, hashed)
        try:
            accounts.grant(store, user.id, team, role, employee_id)
        except StoreError:
            return  # that person already has another account: leave it as it is
        made.append((username, name, role if employee_id is None else f"{role} {employee_id}"))

    account("manager", "Ayesha Khan", "manager")
    account("coordinator", "Chris Doyle", "coordinator")
    for emp in base.employees:
        account(emp.id.lower(), emp.name, "employee", emp.id)
    return Demo(period, made)
