"""Benchmark: a whole council on one service, at month end.

    python benchmarks/council_load.py [--teams 30] [--solvers 10] [--employees 50] [--seconds 120]
                                      [--db postgresql+psycopg://...] [--time-limit 60]

What a council's month end looks like, on loopback: ``--teams`` teams of the generated contact
centre (``--people`` each, default 30) in one store (PostgreSQL: a throwaway cluster made with
Debian's ``initdb`` unless ``--db`` names one), a Dask scheduler with ``roster worker`` (two worker
processes on this two-core machine), and ``roster web --processes 2 --cluster ...`` over them. Each
simulated person has their own account and their own address, as the council's HTTPS proxy on
this machine forwards it (``X-Forwarded-For``, which ``roster web`` trusts from loopback only).

* ``--solvers`` coordinators, each of another team, close their period and press solve at
  random moments within the first minute (the cluster runs them two at a time, the others wait);
* ``--employees`` employees of the other teams save a week of wishes over and over
  (``benchmarks/web_load.py``'s clients) for ``--seconds``, every page timed;
* 40 s in, the worker process running a solve is killed with SIGKILL.

Then it waits for every solve to end (a roster, or a message) and prints: the pages' median and
95th percentile while the solves ran, each job's state, attempts and time, whether any wish or job
was lost. Raw rows: ``benchmarks/results/council_load.csv`` (one per run),
``council_load_jobs.csv`` (one per job) and ``council_load_pages.csv.gz`` (one per timed request).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, markdown, write_csv
from web_load import PASSWORD, Person, _free_port, _percentile, lost_wishes, run_load

ROOT = Path(__file__).resolve().parents[1]
ROSTER = Path(sys.executable).with_name("roster")


@contextlib.contextmanager
def postgres(work: Path) -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback (as ``.ci/run`` makes one); its URL."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    initdb = shutil.which("initdb") or (str(found[-1]) if found else None)
    if initdb is None:
        raise SystemExit("no PostgreSQL here: install Debian's postgresql, or give --db URL")
    bindir = Path(initdb).resolve().parent
    root = work / "pg"
    root.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the package's postgres user runs the cluster
        shutil.chown(work, "postgres")
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def pg(*args: str) -> None:
        subprocess.run([*as_user, *args], cwd=root, check=True, stdout=subprocess.DEVNULL)

    pg(str(bindir / "initdb"), "-D", str(root / "data"), "-A", "trust", "-U", "postgres", "--no-sync")
    pg(
        str(bindir / "pg_ctl"),
        "-D",
        str(root / "data"),
        "-l",
        str(root / "log"),
        "-w",
        "-o",
        f"-c listen_addresses=127.0.0.1 -c port={port} -k {root} -c max_connections=300",
        "start",
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        pg(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop")


def make_teams(db: str, work: Path, teams: int, people: int) -> list[tuple[int, int, list[str]]]:
    """``teams`` copies of a generated contact centre in the store, each a period open for wishes
    with demo accounts; (team id, period id, the employees' ids) of each."""
    sys.path.insert(0, str(ROOT / "scenarios"))
    import generate

    from roster.io import save_scenario
    from roster.store import open_store
    from roster.web.demo import setup_demo

    base = generate.contact_centre(n_staff=people)
    out = []
    with open_store(db) as store:
        for k in range(teams):
            folder = work / f"team-{k + 1:02d}"
            team = base.model_copy(
                update={"service": base.service.model_copy(update={"name": f"Team {k + 1:02d}"})}
            )
            save_scenario(team, folder)
            # each team's people are their own (T01E001 ...): one account each, as in a council
            for csv in folder.glob("*.csv"):
                csv.write_text(
                    re.sub(r"(?<![A-Za-z0-9])E(\d{3})(?![0-9])", rf"T{k + 1:02d}E\1", csv.read_text())
                )
            demo = setup_demo(store, folder)
            selfs = [f"T{k + 1:02d}{e.id}" for e in team.employees if e.pattern == "self"]
            out.append((demo.period.team_id, demo.period.id, selfs))
    return out


@contextlib.contextmanager
def process(args: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    out = open(log, "wb")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        out.close()


def wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{url}: the server stopped (exit {proc.returncode})")
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=2)
            return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def coordinator(base: str, team: int, period: int, delay: float, pages: list[dict[str, object]]) -> None:
    time.sleep(delay)
    desk = {"X-Forwarded-For": f"10.30.0.{team % 250 + 1}"}
    with httpx.Client(base_url=base, timeout=60, headers=desk) as client:
        client.get("/sign-in")
        token = client.cookies["csrftoken"]
        client.post(
            "/sign-in",
            data={"username": "coordinator", "password": PASSWORD, "csrftoken": token, "next": "/"},
        )
        token = client.cookies["csrftoken"]
        for action in ("close", "solve"):
            started = time.perf_counter()
            r = client.post(f"/teams/{team}/periods/{period}/{action}", data={"csrftoken": token})
            pages.append(
                {
                    "kind": action,
                    "status": r.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                }
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--people", type=int, default=30, help="people of each team (20 to 35)")
    parser.add_argument("--solvers", type=int, default=10)
    parser.add_argument("--employees", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120, help="how long the employees save wishes")
    parser.add_argument("--time-limit", type=float, default=60, help="each solve's limit (s)")
    parser.add_argument("--kill-after", type=float, default=40, help="SIGKILL a solving worker this late (s)")
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: a throwaway cluster)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    summaries: list[dict[str, object]] = []
    jobs_rows: list[dict[str, object]] = []
    page_rows: list[dict[str, object]] = []
    for run in range(1, args.runs + 1):
        summary, jobs, pages = one_run(args, run)
        summaries.append(summary)
        jobs_rows += jobs
        page_rows += pages
        print(summary, flush=True)
        for r in jobs:
            print("  ", r)
    results = ROOT / "benchmarks" / "results"
    write_csv(results / "council_load.csv", summaries)
    write_csv(results / "council_load_jobs.csv", jobs_rows)
    # one row a request: many thousands, kept compressed and unstamped (the summary rows carry the stamp)
    lines = ["run,kind,ms"] + [f"{r['run']},{r['kind']},{r['ms']}" for r in page_rows]
    (results / "council_load_pages.csv.gz").write_bytes(
        gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    )
    head = [
        "run",
        "requests",
        "median ms",
        "p95 ms",
        "max ms",
        "jobs ended",
        "run again",
        "errors",
        "lost",
        "s",
    ]
    table = [
        [
            str(r["run"]),
            str(r["requests"]),
            str(r["median_ms"]),
            str(r["p95_ms"]),
            str(r["max_ms"]),
            f"{r['jobs_ended']}/{r['jobs']}",
            str(r["jobs_run_again"]),
            str(r["errors"]),
            str(r["wishes_lost"]),
            str(r["seconds"]),
        ]
        for r in summaries
    ]
    caption = (
        f"{machine(2)}; PostgreSQL, 2 server processes, 2 Dask workers; {args.teams} teams of "
        f"{args.people}, {args.solvers} solves, {args.employees} employees saving wishes"
    )
    print("\n".join(markdown(caption, head, table)))


def one_run(
    args: argparse.Namespace, run: int
) -> tuple[dict[str, object], list[dict[str, object]], list[dict[str, object]]]:
    """One council month end (see the module docstring): its summary row, job rows and request rows."""
    from roster.io import load_scenario
    from roster.store import jobs as kept
    from roster.store import open_store

    work = Path(tempfile.mkdtemp(prefix="roster-council-"))
    try:
        with contextlib.ExitStack() as stack:
            db = args.db or stack.enter_context(postgres(work))
            print(f"making {args.teams} teams of {args.people} people ...", flush=True)
            teams = make_teams(db, work, args.teams, args.people)
            port = _free_port()
            address = f"tcp://127.0.0.1:{port}"
            stack.enter_context(
                process(
                    [
                        sys.executable,
                        "-m",
                        "distributed.cli.dask_scheduler",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--no-dashboard",
                    ],
                    work / "scheduler.log",
                )
            )
            stack.enter_context(
                process([str(ROSTER), "worker", address, "--workers", "1"], work / "workers.log")
            )
            web_port = _free_port()
            web = stack.enter_context(
                process(
                    [
                        str(ROSTER),
                        "web",
                        "--db",
                        db,
                        "--port",
                        str(web_port),
                        "--processes",
                        "2",
                        "--cluster",
                        address,
                        "--time-limit",
                        str(args.time_limit),
                        "--workers",
                        "1",
                    ],
                    work / "web.log",
                )
            )
            base = f"http://127.0.0.1:{web_port}"
            wait_for(f"{base}/sign-in", web)
            rng = random.Random(0)
            solving = teams[: args.solvers]
            wishing = teams[args.solvers :]
            people: list[tuple[Person, int, int]] = []
            k = 0
            while len(people) < args.employees and wishing:
                team, period, ids = wishing[k % len(wishing)]
                emp = ids[(k // len(wishing)) % len(ids)]
                address = f"10.20.{len(people) // 250}.{len(people) % 250 + 1}"  # each at their own desk
                people.append((Person(emp.lower(), emp, address=address), team, period))
                k += 1
            pages: list[dict[str, object]] = []
            started = time.monotonic()
            threads = [
                threading.Thread(target=coordinator, args=(base, t, p, rng.uniform(0, 60), pages))
                for t, p, _ in solving
            ]
            for th in threads:
                th.start()

            killed: list[int] = []

            def kill_one() -> None:
                time.sleep(args.kill_after)
                with open_store(db) as store:
                    running = [kept.period_job(store, p) for _, p, _ in solving]
                victim = next((j for j in running if j is not None and j.state == "running"), None)
                if victim is not None:
                    pid = int(victim.owner.split(":")[1])
                    killed.append(pid)
                    print(f"SIGKILL worker {pid} running job {victim.id}", flush=True)
                    os.kill(pid, signal.SIGKILL)

            killer = threading.Thread(target=kill_one)
            killer.start()
            by_team: dict[tuple[int, int], list[Person]] = {}
            for person, team, period in people:
                by_team.setdefault((team, period), []).append(person)
            loads = []
            days = list(load_scenario(work / "team-01").service.days)
            groups = list(by_team.items())
            results: list[object] = [None] * len(groups)

            def employees(i: int, team: int, period: int, who: list[Person]) -> None:
                results[i] = run_load(base, who, team, period, days, args.seconds, 1.0)

            load_threads = [
                threading.Thread(target=employees, args=(i, t, p, who))
                for i, ((t, p), who) in enumerate(groups)
            ]
            for th in load_threads:
                th.start()
            for th in [*threads, *load_threads, killer]:
                th.join()
            for r in results:
                loads.append(r)
            # every solve ends: a roster, or a message
            deadline = time.monotonic() + 30 * args.time_limit
            while True:
                with open_store(db) as store:
                    jobs = [kept.period_job(store, p) for _, p, _ in solving]
                if all(j is not None and not j.running for j in jobs) or time.monotonic() > deadline:
                    break
                time.sleep(2)
            total = time.monotonic() - started
            lost = [
                line
                for ((_, p), _who), load in zip(groups, loads, strict=True)
                for line in lost_wishes(db, p, load)
            ]
    finally:
        logs = Path(tempfile.gettempdir()) / f"roster-council-logs-{run}"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir()
        for log in work.glob("*.log"):
            shutil.copy(log, logs / log.name)
        shutil.rmtree(work, ignore_errors=True)

    save = [ms for load in loads for ms in load.save_ms]
    page = [ms for load in loads for ms in load.page_ms]
    every = save + page + [float(p["ms"]) for p in pages]  # type: ignore[arg-type]
    errors = [e for load in loads for e in load.errors]
    for line in (errors + lost)[:10]:
        print("  ", line)
    job_rows: list[dict[str, object]] = [
        {
            "run": run,
            "job": j.id if j else None,
            "state": j.state if j else "missing",
            "attempts": j.attempts if j else None,
            "seconds": round((j.finished_at - j.started_at).total_seconds(), 1)
            if j and j.finished_at
            else None,
            "message": (j.message if j else "")[:200],
        }
        for j in jobs
    ]
    request_rows: list[dict[str, object]] = [{"run": run, "kind": "save", "ms": round(ms, 1)} for ms in save]
    request_rows += [{"run": run, "kind": "page", "ms": round(ms, 1)} for ms in page]
    request_rows += [{"run": run, "kind": str(p["kind"]), "ms": p["ms"]} for p in pages]
    summary: dict[str, object] = {
        "run": run,
        "teams": args.teams,
        "people": args.people,
        "solves": args.solvers,
        "employees": len(people),
        "requests": len(every),
        "median_ms": round(statistics.median(every)),
        "p95_ms": round(_percentile(every, 0.95)),
        "max_ms": round(max(every)),
        "jobs": len(job_rows),
        "jobs_ended": sum(1 for r in job_rows if r["state"] in ("done", "none", "failed")),
        "jobs_done": sum(1 for r in job_rows if r["state"] == "done"),
        "jobs_run_again": sum(1 for r in job_rows if (r["attempts"] or 0) > 1),
        "worker_killed": killed[0] if killed else 0,
        "errors": len(errors),
        "wishes_lost": len(lost),
        "seconds": round(total),
    }
    return summary, job_rows, request_rows


if __name__ == "__main__":
    main()
