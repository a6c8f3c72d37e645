"""A team's year plan and what-if sweep as jobs of the store: the inputs copied into the job when it
is asked for, run by a real Dask worker process (a plan) or in this process (a sweep), the tables
kept as the job's result and every file it wrote kept in the store; each roster it made passes the
validator with the objective the plan reported. A team has one plan queued or running at a time;
the year inputs are checked before they are saved."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checked import assert_output_checked
from roster.cli import main
from roster.domain import SolverSettings
from roster.io import InputError, load_scenario
from roster.store import StoreError, open_store
from roster.store import jobs as kept
from roster.store.periods import periods
from roster.workflow.periods import open_period
from roster.workflow.solve_jobs import RunningJob, dispatch, job_settings, run_job
from roster.workflow.team_jobs import plan_job, plan_settings, save_year_inputs, sweep_job
from web_helpers import TINY, job_ended

pytestmark = pytest.mark.slow

PROFILE = b"employee_id,months,hours_per_week\n,jan-mar,40\n,apr-dec,35\n"
FIRST, LAST = dt.date(2027, 1, 4), dt.date(2027, 2, 14)  # two 3-week rosters
COORDINATOR = "Chris Doyle (coordinator)"


def _queue(store: object, team_id: int, kind: str, how: str, files: dict[str, bytes]) -> kept.JobInfo:
    """A job of the team waiting for a cluster's worker, asked by the coordinator."""
    return kept.start_job(
        store,  # type: ignore[arg-type]
        team_id,
        None,
        COORDINATOR,
        "test",
        queued=True,
        settings=how,
        kind=kind,
        files=files,
    )


def _written(store: object, job_id: int, folder: Path) -> Path:
    for name, data in kept.job_files(store, job_id).items():  # type: ignore[arg-type]
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def test_a_year_plan_is_a_job_of_the_team_run_by_a_cluster_worker_with_its_files_in_the_store(
    tmp_path: Path, dask_cluster: str
) -> None:
    from distributed import Client

    url = f"sqlite:///{tmp_path / 'roster.db'}"  # a file: the worker is another process
    with open_store(url) as store, Client(dask_cluster, timeout=30, set_as_default=False) as client:
        period = open_period(store, TINY, COORDINATOR)
        save_year_inputs(store, period.team_id, {"profile.csv": PROFILE}, COORDINATOR)
        asked, files = plan_job(store, period.team_id, FIRST, LAST)
        assert set(files) >= {"inputs/scenario/service.yaml", "inputs/scenario/year/profile.csv"}
        assert asked["plan"]["inputs"] and asked["plan"]["period"] == period.id
        how = job_settings(
            plan_settings(20, 1, 0).model_copy(update={"deterministic_time": 0.5}), "auto", **asked
        )
        job = _queue(store, period.team_id, "plan", how, files)
        assert job.period_id is None
        # one plan of a team waits or runs at a time; a sweep or a period's solve may wait beside it
        with pytest.raises(StoreError, match="a year plan of this team is already waiting"):
            kept.start_job(store, period.team_id, None, "someone else", "test", queued=True, kind="plan")
        # the year inputs changing now does not change the plan's: it keeps its own copy
        save_year_inputs(store, period.team_id, {}, COORDINATOR)
        assert kept.job_files(store, job.id, "inputs/scenario/year/") == {
            "inputs/scenario/year/profile.csv": PROFILE
        }

        assert dispatch(client, store) == [job.id]
        ended = job_ended(store, job.id)
        assert ended.state == "done", ended.message
        assert ended.message.startswith("2 rosters planned")
        found = json.loads(ended.result)
        assert [p["start"] for p in found["periods"]] == ["2027-01-04", "2027-01-25"]
        assert found["short_hours"] == pytest.approx(sum(p["short_hours"] for p in found["periods"]))
        assert 0 <= found["bound"] <= found["short_hours"] + 1e-6
        assert {b["employee_id"] for b in found["balances"]} == {"T1", "T2", "T3", "T4", "T5"}
        names = kept.file_sizes(store, job.id)
        assert {"periods.csv", "glide.csv", "months.csv", "hours.csv", "glide.png"} <= set(names)
        # every roster the plan made passes the validator with the objective the plan reported
        folder = _written(store, job.id, tmp_path / "plan")
        for p, sub in zip(found["periods"], sorted((folder / "periods").iterdir()), strict=True):
            report = assert_output_checked(load_scenario(sub / "scenario"), sub / "out")
            assert report.objective == p["objective"]
        # January's weeks carry the profile's 40 hours (T1 works 37 h on a flat year)
        t1 = next(
            e
            for e in load_scenario(sorted((folder / "periods").iterdir())[0] / "scenario").employees
            if e.id == "T1"
        )
        assert t1.week_hours[0] > 37
        assert any(e.action == "plan" for e in store.events("Tiny Contact Desk"))


def test_a_sweep_is_a_job_of_the_team_whose_variants_and_files_are_kept(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'roster.db'}") as store:
        period = open_period(store, TINY, COORDINATOR)
        text = (
            'scope = "period"\ntime_limit = 20\ndeterministic_time = 0.3\nworkers = 1\n'
            '[[variants]]\nname = "as it is"\n[[variants]]\nname = "without T5"\nleave_out = ["T5"]\n'
        )
        asked, files = sweep_job(store, period.team_id, text)
        assert asked["sweep"]["variants"] == 2 and "inputs/sweep.toml" in files
        how = job_settings(SolverSettings(), "auto", **asked)
        job = kept.start_job(
            store, period.team_id, None, COORDINATOR, "test", settings=how, kind="sweep", files=files
        )
        state = run_job(store, RunningJob(job, "test"), SolverSettings(), "auto", "in a test")
        ended = kept.job(store, job.id)
        assert state == "done" and ended.message == "2 of 2 variants run", ended.message
        rows = json.loads(ended.result)["rows"]
        assert [r["variant"] for r in rows] == ["as it is", "without T5"]
        assert all(r["status"] in ("OPTIMAL", "FEASIBLE") for r in rows)
        names = set(kept.file_sizes(store, job.id))
        assert {"results.csv", "results.xlsx", "tradeoff.png"} <= names
        assert any(n.startswith("variants/without-T5/") for n in names)
        # each variant's roster passes the validator (its scenario is the variant's: T5 left out)
        folder = _written(store, job.id, tmp_path / "sweep")
        sc = load_scenario(folder / "variants" / "without-T5" / "scenario")
        assert "T5" not in {e.id for e in sc.employees}
        assert_output_checked(sc, folder / "variants" / "without-T5" / "out")

        # a queued sweep stopped before it started ends at once, with nothing run
        again = _queue(store, period.team_id, "sweep", how, files)
        assert not kept.request_cancel(store, None, "Ayesha Khan (manager)", job_id=again.id)
        stopped = kept.job(store, again.id)
        assert (
            stopped.state == "none"
            and "stopped by Ayesha Khan (manager) before it started" in stopped.message
        )


def test_year_inputs_are_checked_before_they_are_saved_and_a_bad_sweep_is_refused_before_it_waits(
    tmp_path: Path,
) -> None:
    with open_store(f"sqlite:///{tmp_path / 'roster.db'}") as store:
        period = open_period(store, TINY, COORDINATOR)
        save_year_inputs(store, period.team_id, {"profile.csv": PROFILE}, COORDINATOR)
        bad = b"employee_id,months,hours_per_week\nT9,jan-mar,40\n"
        with pytest.raises(InputError, match=r"year/profile\.csv.*row 2.*employee_id.*T9"):
            save_year_inputs(store, period.team_id, {"profile.csv": bad}, COORDINATOR)
        assert kept.year_files(store, period.team_id).files == {"profile.csv": PROFILE}  # kept as it was
        with pytest.raises(InputError, match="not a year input"):
            save_year_inputs(store, period.team_id, {"notes.txt": b"x"}, COORDINATOR)
        with pytest.raises(ValueError, match="not a Monday"):
            plan_job(store, period.team_id, FIRST + dt.timedelta(days=1), LAST)
        from roster.planning.sweep import SweepError

        with pytest.raises(SweepError, match="variant 'more': unknown employee 'Z9'"):
            sweep_job(
                store, period.team_id, '[[variants]]\nname = "more"\nadd = [{like = "Z9", count = 1}]\n'
            )
        assert kept.team_jobs(store, period.team_id) == []


def test_the_command_line_saves_a_teams_year_inputs_with_its_period_or_alone(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny"
    shutil.copytree(TINY, scenario)
    (scenario / "year").mkdir()
    (scenario / "year" / "profile.csv").write_bytes(PROFILE)
    db = f"sqlite:///{tmp_path / 'roster.db'}"
    runner = CliRunner()
    opened = runner.invoke(main, ["period", "open", str(scenario), "--db", db, "--by", COORDINATOR])
    assert opened.exit_code == 0, opened.output
    assert "Saved the team's year inputs: year/profile.csv" in opened.output
    (scenario / "year" / "profile.csv").write_bytes(b"employee_id,months,hours_per_week\nT1,jan-mar,x\n")
    wrong = runner.invoke(main, ["team", "year", "Tiny Contact Desk", str(scenario / "year"), "--db", db])
    assert wrong.exit_code == 2 and "year/profile.csv" in wrong.output and "Traceback" not in wrong.output
    (scenario / "year" / "profile.csv").write_bytes(b"employee_id,months,hours_per_week\nT1,jan-dec,38\n")
    saved = runner.invoke(main, ["team", "year", "Tiny Contact Desk", str(scenario / "year"), "--db", db])
    assert saved.exit_code == 0 and "year/profile.csv" in saved.output, saved.output
    nobody = runner.invoke(main, ["team", "year", "No Such Team", str(scenario / "year"), "--db", db])
    assert nobody.exit_code == 2 and "there is no team 'No Such Team'" in nobody.output
    with open_store(db) as store:
        team = periods(store)[0].team_id
        assert kept.year_files(store, team).files["profile.csv"].endswith(b"T1,jan-dec,38\n")
