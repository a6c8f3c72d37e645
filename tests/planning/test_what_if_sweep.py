"""What-if sweeps: variants built as the file says, the same rows on one process, a local pool
and a real Dask cluster of two worker processes; every roster passes the validator."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from checked import assert_output_checked
from roster import load_scenario, validate
from roster.cli import main
from roster.io import read_roster_csv
from roster.planning.sweep import (
    RESULT_COLUMNS,
    Sweep,
    SweepError,
    Variant,
    local_jobs,
    read_sweep,
    result_rows,
    run_cluster,
    run_local,
    tasks_of,
    variant_scenario,
)

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"

SWEEP = f"""
scenario = "{TINY.as_posix()}"
scope = "period"
time_limit = 60
deterministic_time = 0.2
workers = 1
seed = 0
engine = "slot"

[[variants]]
name = "as now"

[[variants]]
name = "cover x2"
staffing_scale = 2.0

[[variants]]
name = "without T5"
leave_out = ["T5"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sweep.toml"
    path.write_text(text)
    return path


def test_a_variant_changes_cover_team_hours_and_opening_as_its_file_says() -> None:
    sc = load_scenario(TINY)
    doubled = variant_scenario(sc, Variant(name="x", staffing_scale=2.0))
    assert [(r.day, r.skill, r.min, r.max) for r in doubled.staffing[:2]] == [
        ("mon", None, 4, 5),
        ("mon", "revenues", 2, None),
    ]  # 2 -> 4 (max 5 stays), 1 -> 2
    smaller = variant_scenario(
        sc,
        Variant(
            name="y",
            leave_out=("T5",),
            add=({"like": "T2", "count": 2},),
            hours={"T4": 30},
            opening={"fri": "closed"},
        ),
    )
    assert [e.id for e in smaller.employees] == ["T1", "T2", "T3", "T4", "T2+1", "T2+2"]
    assert next(e for e in smaller.employees if e.id == "T4").hours_per_week == 30
    assert not any(p.employee_id == "T5" for p in smaller.preferences)
    assert smaller.service.opening["fri"] is None
    with pytest.raises(SweepError, match="unknown employee 'T9'"):
        variant_scenario(sc, Variant(name="z", leave_out=("T9",)))
    with pytest.raises(SweepError, match=r"variant 'w': opening: .*outside bandwidth"):
        variant_scenario(sc, Variant(name="w", opening={"mon": "05:00-23:00"}))


def test_a_sweep_file_mistake_names_the_variant_and_the_entry(tmp_path: Path) -> None:
    with pytest.raises(SweepError, match=r"variant 'cover x2'\.staffing_scal: Extra inputs"):
        read_sweep(write(tmp_path, SWEEP.replace("staffing_scale", "staffing_scal")))
    with pytest.raises(SweepError, match=r"variant 'as now'.opening.*not a range of times"):
        bad = SWEEP.replace('name = "as now"', 'name = "as now"\nopening = {mon = "9-5"}')
        read_sweep(write(tmp_path, bad))
    backwards = r"variant 'as now'\.range: \[44\.0, 30\.0\] is not a range of weekly hours"
    with pytest.raises(SweepError, match=backwards):
        bad = SWEEP.replace('name = "as now"', 'name = "as now"\npropose = "team"\nrange = [44, 30]')
        read_sweep(write(tmp_path, bad))
    with pytest.raises(SweepError, match="is not valid TOML"):
        read_sweep(write(tmp_path, "scenario = "))
    assert local_jobs(workers=1, variants=6, cores=2) == 2
    assert local_jobs(workers=2, variants=6, cores=2) == 1  # jobs x solver workers never above the cores


def _comparable(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


@pytest.mark.slow
def test_the_same_sweep_gives_the_same_rows_on_one_process_two_processes_and_a_dask_cluster(
    tmp_path: Path, dask_cluster: str
) -> None:
    spec, folder = read_sweep(write(tmp_path, SWEEP))
    tasks = tasks_of(spec, folder)
    alone = run_local(tasks, jobs=1)
    rows = result_rows(alone)
    assert [r["variant"] for r in rows] == ["as now", "cover x2", "without T5"]
    assert all(set(r) == set(RESULT_COLUMNS) and r["reproducible"] for r in rows)
    base, doubled, fewer = rows
    assert doubled["short_hours"] > base["short_hours"]  # twice the cover from the same five people
    assert fewer["wishes"] < base["wishes"]  # T5's wishes left with T5
    for outcome in alone:
        sc = load_scenario(TINY)
        variant = next(t.variant for t in tasks if t.variant.name == outcome.row["variant"])
        vsc = variant_scenario(sc, variant)
        (tmp_path / "r.csv").write_bytes(outcome.files["out/roster.csv"])
        report = validate(vsc, read_roster_csv(tmp_path / "r.csv"))
        assert report.hard_violations == ()
        assert report.objective == outcome.row["objective"]
    pooled = result_rows(run_local(tasks, jobs=2))
    assert _comparable(pooled) == _comparable(rows)
    clustered = result_rows(run_cluster(tasks, dask_cluster))
    assert _comparable(clustered) == _comparable(rows)


@pytest.mark.slow
def test_roster_sweep_writes_the_table_and_plots_and_never_overwrites_a_folder(tmp_path: Path) -> None:
    path = write(tmp_path, SWEEP.split('[[variants]]\nname = "without T5"')[0])
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--jobs", "1"])
    assert run.exit_code == 0, run.output
    with (out / "results.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert [r["variant"] for r in rows] == ["as now", "cover x2"]
    assert rows[0]["seed"] == "0" and rows[0]["workers"] == "1" and rows[0]["engine"] == "slot"
    for name in (
        "results.xlsx",
        "tradeoff.png",
        "variants/as-now/out/roster.csv",
        "variants/cover-x2/scenario/staffing.csv",
    ):
        assert (out / name).stat().st_size > 0
    for variant, row in zip(("as-now", "cover-x2"), rows, strict=True):
        folder = out / "variants" / variant
        report = assert_output_checked(folder / "scenario", folder / "out")
        assert report.objective == int(row["objective"])  # the table's figure is the solver's, recomputed
    again = CliRunner().invoke(main, ["sweep", str(path), "--out", str(out)])
    assert again.exit_code == 2 and "exists and is not empty" in again.output
    bad = write(tmp_path, SWEEP.replace('leave_out = ["T5"]', 'leave_out = ["T9"]'))
    refused = CliRunner().invoke(main, ["sweep", str(bad), "--out", str(tmp_path / "other")])
    assert refused.exit_code == 2 and "variant 'without T5': unknown employee 'T9'" in refused.output
    assert not (tmp_path / "other").exists()


def test_a_variant_changes_the_years_inputs_too() -> None:
    from roster.io import YEAR_FOLDER, load_year
    from roster.planning.sweep import variant_year

    library = TINY.parent / "library-leisure"
    sc = load_scenario(library)
    year = load_year(library / YEAR_FOLDER, sc)
    variant = Variant(name="v", leave_out=("G01",), staffing_scale=1.5, hours={"all": 30, "L01": 37})
    vsc = variant_scenario(sc, variant)
    vyear = variant_year(year, variant, vsc)
    assert any(lv.employee_id == "G01" for lv in year.leave)
    assert not any(lv.employee_id == "G01" for lv in vyear.leave)
    assert len(vyear.leave) == sum(1 for lv in year.leave if lv.employee_id != "G01")
    # 3 -> 5 (4.5 rounded half up), 2 -> 3; the months stay
    assert [(r.min, r.months) for r in vyear.staffing[:5]] == [
        (int(r.min * 1.5 + 0.5), r.months) for r in year.staffing[:5]
    ]
    assert {e.id: e.hours_per_week for e in vsc.employees}["L01"] == 37
    assert {e.hours_per_week for e in vsc.employees if e.id != "L01"} == {30}


@pytest.mark.parametrize(
    "address",
    [
        "NOT-AN-ADDRESS",
        "localhost",
        "tcp://scheduler.example",
        "http://scheduler.example:8786",
        "tcp://:8786",
    ],
)
def test_a_cluster_address_that_is_no_address_says_what_one_looks_like(tmp_path: Path, address: str) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main, ["sweep", str(write(tmp_path, SWEEP)), "--out", str(out), "--cluster", address]
    )
    assert run.exit_code == 2, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert f"--cluster {address!r} is not the address of a Dask scheduler" in run.output
    assert "tcp://HOST:PORT, e.g. tcp://192.168.1.20:8786" in run.output
    assert not out.exists()  # refused before any variant ran
    with pytest.raises(SweepError, match="is not the address of a Dask scheduler"):
        run_cluster([], address)


@pytest.mark.slow
def test_a_sweep_plans_the_leave_year_by_default_and_a_variant_may_have_the_profile_proposed(
    tmp_path: Path,
) -> None:
    from roster.planning.sweep import run_variant

    # no scope, no dates: the whole leave year holding tiny's period (from 4 January 2027)
    spec = Sweep.model_validate({"scenario": str(TINY), "variants": [{"name": "as now"}]})
    sc = load_scenario(TINY)
    assert spec.scope == "year" and spec.span(sc) == (dt.date(2026, 4, 6), dt.date(2027, 4, 4))
    with pytest.raises(ValidationError, match="is not a range of weekly hours"):
        Variant(name="v", propose="team", range=(44, 30))
    # one roster of a year sweep, the team's profile proposed: its row carries the year plan's bound
    one = Sweep.model_validate(
        {
            "scenario": str(TINY),
            "from": dt.date(2027, 9, 20),
            "to": dt.date(2027, 10, 10),
            "time_limit": 60,
            "deterministic_time": 0.2,
            "workers": 1,
            "engine": "slot",
            "variants": [{"name": "proposed", "propose": "team", "range": [30, 44]}],
        }
    )
    outcome = run_variant(tasks_of(one, TINY)[0])
    row = outcome.row
    assert row["periods"] == 1 and row["status"] in ("OPTIMAL", "FEASIBLE")
    assert isinstance(row["bound_hours"], float) and 0 <= row["bound_hours"] <= float(str(row["short_hours"]))
    assert "proposed-profile" not in outcome.files and "periods/01-2027-09-20/out/roster.csv" in outcome.files
    assert [m["month"] for m in outcome.months] == ["2027-09", "2027-10"]


def test_a_person_left_out_takes_every_row_of_theirs_with_them() -> None:
    # the control room's people have shift limits (shift_limits.csv); a vacancy takes its row
    # there too, as it does its wishes and leave (the scenario's checks refuse a row for nobody)
    sc = load_scenario(TINY.parent / "cctv-control-room")
    gone = sc.shift_limits[0].employee_id
    vacancy = variant_scenario(sc, Variant(name="vacancy", leave_out=(gone,)))
    assert gone not in {e.id for e in vacancy.employees}
    assert not any(lim.employee_id == gone for lim in vacancy.shift_limits)
    assert len(vacancy.shift_limits) == len(sc.shift_limits) - 1
