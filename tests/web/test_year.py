"""The coordinator's year page: a year plan and a what-if sweep asked for on the page run as jobs of
the team (here in the server's thread: no cluster), their progress and tables on the job's page, every
file they wrote to download one at a time or as a zip; a mistake in the form is refused with what is
wrong and nothing queued; staff do not see the page."""

from __future__ import annotations

import io
import zipfile

import pytest

from roster.store import jobs as kept
from roster.web.jobs import SolveJob
from roster.workflow.team_jobs import save_year_inputs
from web_helpers import Web, job_ended, post, text

pytestmark = pytest.mark.slow

PROFILE = b"employee_id,months,hours_per_week\n,jan-mar,40\n,apr-dec,35\n"


def _ended(web: Web, job_id: int) -> SolveJob:
    return SolveJob(job_ended(web.store, job_id))


def test_a_year_plan_asked_for_on_the_page_runs_as_a_job_whose_tables_and_files_the_page_shows(
    web: Web,
) -> None:
    coordinator, year = web.client("coordinator"), f"/teams/{web.team_id}/year"
    save_year_inputs(web.store, web.team_id, {"profile.csv": PROFILE}, "Chris Doyle (coordinator)")
    page = text(coordinator.get(year).text)
    assert "Plan the year" in page and "year/profile.csv saved by Chris Doyle (coordinator)" in page
    assert "What if: a sweep of variants" in page and "None yet." in page
    # staff do not plan the team's year
    assert web.client("t1").get(year).status_code == 403

    # a first day that is not a Monday, and a nonsense budget, are refused: nothing waits
    form = {
        "first": "2027-01-05",
        "last": "2027-02-14",
        "seconds": "2",
        "propose": "",
        "low": "30",
        "high": "44",
    }
    r = post(coordinator, f"{year}/plan", form)
    assert r.status_code == 422 and "is not a Monday" in text(r.text)  # type: ignore[attr-defined]
    r = post(coordinator, f"{year}/plan", {**form, "first": "2027-01-04", "seconds": "lots"})
    assert r.status_code == 422 and "Seconds a roster: 'lots' is not a number" in text(r.text)  # type: ignore[attr-defined]
    assert kept.team_jobs(web.store, web.team_id) == []

    r = post(coordinator, f"{year}/plan", {**form, "first": "2027-01-04"})
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    where = r.headers["location"]  # type: ignore[attr-defined]
    job_id = int(where.rsplit("/", 1)[1])
    # a second plan while this one runs is refused with who started it
    again = post(coordinator, f"{year}/plan", {**form, "first": "2027-01-04"})
    if kept.job(web.store, job_id).running:
        assert again.status_code == 409 and "already running" in text(again.text)  # type: ignore[attr-defined]
    job = _ended(web, job_id)
    assert job.state == "done", job.message
    page = text(coordinator.get(where).text)
    assert "Planned: 2 rosters planned" in page and "The rosters" in page and "2027-01-25" in page
    assert "Balance against the annual hours' share at the end" in page and "Download them all (zip)" in page
    found = job.found
    assert found is not None and len(found["periods"]) == 2
    # a file as the job wrote it, and all of them in a zip
    periods = coordinator.get(f"{where}/file", params={"name": "periods.csv"})
    assert periods.status_code == 200 and "attachment" in periods.headers["content-disposition"]
    assert periods.content == kept.job_file(web.store, job_id, "periods.csv")
    assert periods.content.decode().count("\n") == 3  # a header and a row per roster
    zipped = zipfile.ZipFile(io.BytesIO(coordinator.get(f"{where}/files.zip").content))
    assert "periods.csv" in zipped.namelist() and zipped.read("periods.csv") == periods.content
    assert not any(n.startswith("inputs/") for n in zipped.namelist())  # the inputs are the job's own
    missing = coordinator.get(f"{where}/file", params={"name": "inputs/scenario/service.yaml"})
    assert missing.status_code == 404
    # the team's page lists it
    assert f"Year plan {job_id}" in text(coordinator.get(year).text)


def test_a_sweep_typed_on_the_page_runs_as_a_job_and_a_mistake_in_it_is_refused(web: Web) -> None:
    coordinator, year = web.client("coordinator"), f"/teams/{web.team_id}/year"
    r = post(
        coordinator,
        f"{year}/sweep",
        {"sweep": 'scope = "period"\n[[variants]]\nname = "x"\nleave_out = ["Z9"]\n'},
    )
    assert r.status_code == 422 and "variant 'x'" in text(r.text) and "Z9" in text(r.text)  # type: ignore[attr-defined]
    r = post(coordinator, f"{year}/sweep", {"sweep": "scope = "})
    assert r.status_code == 422 and "is not valid TOML" in text(r.text)  # type: ignore[attr-defined]
    assert kept.team_jobs(web.store, web.team_id) == []
    sweep = (
        'scope = "period"\ntime_limit = 20\ndeterministic_time = 0.3\nworkers = 1\n'
        '[[variants]]\nname = "as it is"\n[[variants]]\nname = "one more"\nadd = [{like = "T1", count = 1}]\n'
    )
    r = post(coordinator, f"{year}/sweep", {"sweep": sweep})
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    where = r.headers["location"]  # type: ignore[attr-defined]
    job = _ended(web, int(where.rsplit("/", 1)[1]))
    assert job.state == "done" and job.message == "2 of 2 variants run", job.message
    page = text(coordinator.get(where).text)
    assert "Results: 2 of 2 variants" in page and "one more" in page and "results.csv" in page
