"""The JSON endpoints: described by OpenAPI, the same checks and messages as the pages and the files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from roster.domain import Roster, Shift
from roster.store.periods import submissions, wishes_of
from roster.workflow.periods import open_period, period_files
from web_helpers import TINY, Web, csrf, text


def test_the_openapi_description_lists_the_json_endpoints_and_not_the_pages(web: Web) -> None:
    spec = web.client().get("/openapi.json").json()
    paths = set(spec["paths"])
    assert "/api/teams/{team_id}/periods/{period_id}/wishes/{employee_id}" in paths
    assert {"get", "put"} <= set(
        spec["paths"]["/api/teams/{team_id}/periods/{period_id}/wishes/{employee_id}"]
    )
    assert "/api/teams/{team_id}/versions/{version_id}/accept" in paths
    assert all(p.startswith("/api/") for p in paths)
    assert "WishesIn" in spec["components"]["schemas"]


def test_wishes_read_and_written_as_json_with_the_pages_rules(web: Web) -> None:
    t1 = web.client("t1")
    me = t1.get("/api/me").json()
    assert me["teams"] == [
        {"team_id": web.team_id, "team": "Tiny Contact Desk", "roles": ["employee"], "employee_id": "T1"}
    ]
    url = f"/api/teams/{web.team_id}/periods/{web.period_id}/wishes/T1"
    got = t1.get(url).json()
    assert got["revision"] == 1 and got["days"][0] == {
        "date": "2027-01-04",
        "kind": "shift",
        "start": "08:00",
        "end": "16:00",
        "strength": "prefer",
    }
    body = {
        "revision": got["revision"],
        "days": [{"date": "2027-01-05", "kind": "off", "strength": "strong"}],
        "standing": [{"weekday": "thu", "kind": "start_after", "time": "10:00"}],
    }
    assert t1.put(url, json=body).status_code == 403  # no x-csrftoken header: refused
    saved = t1.put(url, json=body, headers={"x-csrftoken": csrf(t1)})
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    days, standing = wishes_of(web.store, web.period_id, "T1")
    assert [(p.date.isoformat(), p.kind) for p in days] == [("2027-01-05", "off")]
    assert [(w.weekday, w.kind, w.time) for w in standing] == [("thu", "start_after", 600)]
    # the same revision again: someone saved since, so a conflict, nothing lost
    again = t1.put(url, json=body, headers={"x-csrftoken": csrf(t1)})
    assert again.status_code == 409
    refused = t1.put(
        url,
        json={
            "revision": 2,
            "days": [{"date": "2027-01-06", "kind": "shift", "start": "06:30", "end": "12:00"}],
        },
        headers={"x-csrftoken": csrf(t1)},
    )
    assert refused.status_code == 422
    problem = refused.json()["problems"][0]
    assert problem["key"] == "2027-01-06" and problem["field"] == "start"
    assert problem["message"].startswith("06:30 is before the earliest start on Wed 06 Jan 2027")
    assert submissions(web.store, web.period_id)["T1"].revision == 2


def test_the_coordinator_sees_who_has_not_given_wishes(web: Web, tmp_path: Path) -> None:
    """A later period of the team without dated wishes: T2 and T3 have standing wishes (wishes.csv),
    so they count as having given theirs; T1, T4 and T5 have not yet."""
    folder = tmp_path / "later"
    shutil.copytree(TINY, folder)
    (folder / "preferences.csv").unlink()
    (folder / "leave.csv").unlink()
    service = folder / "service.yaml"
    service.write_text(service.read_text().replace("2027-01-04", "2027-01-25"))
    later = open_period(web.store, folder, "coordinator")
    url = f"/api/teams/{web.team_id}/periods/{later.id}/returns"
    assert web.client("coordinator").get(url).json() == {"given": ["T2", "T3"], "missing": ["T1", "T4", "T5"]}
    page = web.client("coordinator").get(f"/teams/{web.team_id}/periods/{later.id}")
    words = text(page.text)
    assert "Not given yet (3):" in words and "Wishes given: 2 of 5" in words
    missing = words.split("Not given yet (3):")[1].split("Who gave wishes")[0]
    assert [
        n for n in ("Asha Patel (T1)", "Ben Carter (T2)", "Dan Hughes (T4)", "Ewa Nowak (T5)") if n in missing
    ] == ["Asha Patel (T1)", "Dan Hughes (T4)", "Ewa Nowak (T5)"]
    assert web.client("t1").get(url).status_code == 403


def test_a_period_and_a_version_read_as_json_give_the_stores_fields(web: Web) -> None:
    coordinator = web.client("coordinator")
    listed = coordinator.get(f"/api/teams/{web.team_id}/periods").json()
    assert listed == [
        {
            "id": web.period_id,
            "start_date": "2027-01-04",
            "end_date": "2027-01-24",
            "weeks": 3,
            "status": "open",
        }
    ]
    day = dt.date(2027, 1, 5)
    shifts = (
        Shift(
            employee_id="T1",
            date=day,
            start=dt.datetime(2027, 1, 5, 8),
            end=dt.datetime(2027, 1, 5, 16),
            break_start=dt.datetime(2027, 1, 5, 12),
            break_end=dt.datetime(2027, 1, 5, 12, 30),
        ),
        Shift(employee_id="T2", date=day, start=dt.datetime(2027, 1, 5, 9), end=dt.datetime(2027, 1, 5, 13)),
    )
    files = period_files(web.store, web.period_id)
    saved = web.store.save(
        "Tiny Contact Desk",
        files,
        dt.date(2027, 1, 4),
        3,
        Roster(shifts=shifts),
        actor="test",
        source="solve",
        objective=41,
        hard_violations=0,
        note="by hand",
    )
    got = coordinator.get(f"/api/teams/{web.team_id}/versions/{saved.id}").json()
    assert {k: v for k, v in got.items() if k not in ("created_at", "shifts")} == {
        "id": saved.id,
        "status": "draft",
        "revision": saved.revision,
        "parent_id": None,
        "objective": 41,
        "solver_objective": None,  # saved by hand: no solver made it
        "hard_violations": 0,
        "period_start": "2027-01-04",
        "created_by": "test",
        "note": "by hand",
        "published": False,
    }
    assert got["shifts"] == [
        {
            "employee_id": "T1",
            "date": "2027-01-05",
            "start": "2027-01-05T08:00:00",
            "end": "2027-01-05T16:00:00",
            "break_start": "2027-01-05T12:00:00",
            "break_end": "2027-01-05T12:30:00",
        },
        {
            "employee_id": "T2",
            "date": "2027-01-05",
            "start": "2027-01-05T09:00:00",
            "end": "2027-01-05T13:00:00",
            "break_start": None,
            "break_end": None,
        },
    ]
    assert [v["id"] for v in coordinator.get(f"/api/teams/{web.team_id}/versions").json()] == [saved.id]
    assert web.client("t1").get(f"/api/teams/{web.team_id}/versions/{saved.id}").status_code == 403
