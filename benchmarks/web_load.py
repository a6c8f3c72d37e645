"""Benchmark: many employees saving their wishes on the web page at once.

    python benchmarks/web_load.py [--users 50] [--seconds 120] [--think 1.0] [--runs 3]

Starts ``roster web --demo`` on a generated contact centre of ``--users`` + 10 people (so that
``--users`` of them are self-rostered) with a throwaway SQLite store, on a free loopback port,
as a separate process. Then ``--users`` simulated employees, each with its own connection and
session, sign in and then, for ``--seconds`` each, do what the page's form does: post a week of wishes
(a shift each day at random times inside the working hours, a random day off) and follow the
redirect to their page, pausing ``--think`` seconds (uniform 0.5x-1.5x) between saves. Every
response time is recorded. At the end the store is read back: each person's wishes must be
exactly their last save, and their revision the number of saves (nothing lost, nothing
half-saved). Prints the median and 95th percentile of the saves (POST) and the pages (GET),
the requests per second, and any error; writes ``benchmarks/results/web_load.csv``.

``run_load`` is also what ``tests/web/test_load.py`` runs, briefly, against the in-process server.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, markdown, write_csv

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "roster-demo"


@dataclass
class Person:
    username: str
    employee_id: str
    revision: int = 0
    saves: int = 0
    last: dict[str, str] = field(default_factory=dict)
    """The day fields of the last save the server accepted."""
    address: str | None = None
    """The person's own address, as the council's proxy forwards it (``X-Forwarded-For``); None:
    the load generator's."""


@dataclass
class Load:
    save_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.save_ms) + len(self.page_ms)


def _week(rng: random.Random, days: list[dt.date]) -> dict[str, str]:
    """A week of wishes as the form sends them: a shift each day inside 07:00-19:00, one day off."""
    form: dict[str, str] = {}
    off = rng.randrange(len(days))
    for i, day in enumerate(days):
        key = day.isoformat()
        if i == off:
            form |= {f"d-{key}-kind": "off", f"d-{key}-strength": rng.choice(["prefer", "strong"])}
            continue
        start = rng.randrange(7 * 4, 11 * 4) * 15  # 07:00 to 10:45
        length = rng.choice([7 * 60, 7 * 60 + 30, 8 * 60])
        form |= {
            f"d-{key}-kind": "shift",
            f"d-{key}-start": f"{start // 60:02d}:{start % 60:02d}",
            f"d-{key}-end": f"{(start + length) // 60:02d}:{(start + length) % 60:02d}",
            f"d-{key}-strength": "prefer",
        }
    return form


async def _person(
    base: str,
    person: Person,
    team: int,
    period: int,
    days: list[dt.date],
    seconds: float,
    think: float,
    load: Load,
    seed: int,
) -> None:
    rng = random.Random(seed)
    headers = {"X-Forwarded-For": person.address} if person.address else None
    async with httpx.AsyncClient(
        base_url=base, follow_redirects=False, timeout=60, headers=headers
    ) as client:
        await client.get("/sign-in")
        token = client.cookies.get("csrftoken") or ""
        r = await client.post(
            "/sign-in",
            data={"username": person.username, "password": PASSWORD, "csrftoken": token, "next": "/"},
        )
        if r.status_code != 303:
            load.errors.append(f"{person.username}: sign-in {r.status_code}")
            return
        url = f"/teams/{team}/periods/{period}/wishes"
        page = await client.get(url)
        found = re.search(r'name="revision" value="(\d+)"', page.text)
        person.revision = int(found.group(1)) if found else 0
        await asyncio.sleep(rng.uniform(0, think))  # people do not all press Save in the same instant
        until = time.monotonic() + seconds  # each person saves for as long, once signed in
        while time.monotonic() < until:
            week = days[rng.randrange(len(days) // 7) * 7 :][:5]
            form = _week(rng, week)
            started = time.perf_counter()
            r = await client.post(url, data={**form, "revision": str(person.revision), "csrftoken": token})
            load.save_ms.append((time.perf_counter() - started) * 1000)
            if r.status_code != 303:
                load.errors.append(f"{person.username}: save {r.status_code} {r.text[:200]!r}")
                return
            person.revision += 1
            person.saves += 1
            person.last = form
            started = time.perf_counter()
            r = await client.get(r.headers["location"])
            load.page_ms.append((time.perf_counter() - started) * 1000)
            if r.status_code != 200:
                load.errors.append(f"{person.username}: page {r.status_code}")
                return
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))


async def _run(
    base: str, people: list[Person], team: int, period: int, days: list[dt.date], seconds: float, think: float
) -> Load:
    load = Load(people=people)
    started = time.monotonic()
    await asyncio.gather(
        *(_person(base, p, team, period, days, seconds, think, load, seed=i) for i, p in enumerate(people))
    )
    load.seconds = time.monotonic() - started
    return load


def run_load(
    base: str, people: list[Person], team: int, period: int, days: list[dt.date], seconds: float, think: float
) -> Load:
    """``people`` save wishes against the server at ``base`` for ``seconds``; what they measured.
    The clients run on an event loop of their own thread (the caller's may already run one)."""
    box: list[Load] = []
    worker = threading.Thread(
        target=lambda: box.append(asyncio.run(_run(base, people, team, period, days, seconds, think)))
    )
    worker.start()
    worker.join()
    if not box:
        raise RuntimeError("the load's clients stopped with an error (see above)")
    return box[0]


def lost_wishes(store_url: str, period: int, load: Load) -> list[str]:
    """Each person whose stored wishes are not their last accepted save (or whose revision count is off)."""
    from roster.store import open_store
    from roster.store.periods import submissions, wishes_of

    problems: list[str] = []
    with open_store(store_url) as store:
        subs = submissions(store, period)
        for p in load.people:
            if p.saves == 0:
                continue
            days, _ = wishes_of(store, period, p.employee_id)
            stored = {(d.date.isoformat(), d.kind, d.start, d.end, d.strength) for d in days}
            sent = set()
            for key, value in p.last.items():
                if key.endswith("-kind"):
                    iso = key[2:12]
                    start = p.last.get(f"d-{iso}-start")
                    end = p.last.get(f"d-{iso}-end")
                    sent.add((iso, value, _minutes(start), _minutes(end), p.last[f"d-{iso}-strength"]))
            if stored != sent:
                problems.append(f"{p.employee_id}: stored wishes differ from the last save")
            if subs[p.employee_id].revision != p.revision:
                problems.append(
                    f"{p.employee_id}: revision {subs[p.employee_id].revision}, expected {p.revision}"
                )
    return problems


def _minutes(text: str | None) -> int | None:
    if not text:
        return None
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _serve(folder: Path, db: Path, port: int) -> subprocess.Popen[bytes]:
    roster = Path(sys.executable).with_name("roster")
    command = [
        str(roster) if roster.exists() else "roster",
        "web",
        "--demo",
        str(folder),
        "--db",
        str(db),
        "--port",
        str(port),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a person's saves (s)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--name", default="web_load", help="results file: benchmarks/results/NAME.csv")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "scenarios"))
    import generate

    from roster.io import save_scenario
    from roster.store.periods import periods

    rows: list[dict[str, object]] = []
    for run in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="roster-load-"))
        try:
            scenario = generate.contact_centre(n_staff=args.users + 10)
            save_scenario(scenario, work / "team")
            selfs = [e for e in scenario.employees if e.pattern == "self"][: args.users]
            if len(selfs) < args.users:
                raise SystemExit(f"only {len(selfs)} self-rostered people in the generated team")
            db = work / "roster.db"
            port = _free_port()
            server = _serve(work / "team", db, port)
            try:
                _wait(f"http://127.0.0.1:{port}/sign-in", server)
                from roster.store import open_store

                with open_store(f"sqlite:///{db}") as store:
                    info = periods(store)[0]
                people = [Person(e.id.lower(), e.id) for e in selfs]
                days = list(scenario.service.days)
                load = run_load(
                    f"http://127.0.0.1:{port}", people, info.team_id, info.id, days, args.seconds, args.think
                )
            finally:
                server.terminate()
                server.wait(30)
            lost = lost_wishes(f"sqlite:///{db}", info.id, load)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        row = {
            "run": run + 1,
            "users": args.users,
            "seconds": round(load.seconds, 1),
            "think_s": args.think,
            "saves": len(load.save_ms),
            "pages": len(load.page_ms),
            "requests_per_s": round(load.requests / load.seconds, 1),
            "save_median_ms": round(statistics.median(load.save_ms), 1) if load.save_ms else None,
            "save_p95_ms": round(_percentile(load.save_ms, 0.95), 1),
            "page_median_ms": round(statistics.median(load.page_ms), 1) if load.page_ms else None,
            "page_p95_ms": round(_percentile(load.page_ms, 0.95), 1),
            "all_median_ms": round(statistics.median(load.save_ms + load.page_ms), 1),
            "errors": len(load.errors),
            "lost": len(lost),
        }
        rows.append(row)
        print(row, flush=True)
        for line in (load.errors + lost)[:10]:
            print("  ", line)
    out = ROOT / "benchmarks" / "results" / f"{args.name}.csv"
    write_csv(out, rows)
    head = [
        "run",
        "users",
        "saves",
        "req/s",
        "save median (ms)",
        "save p95",
        "page median",
        "page p95",
        "all median",
        "errors",
        "lost",
    ]
    table = [
        [
            str(r["run"]),
            str(r["users"]),
            str(r["saves"]),
            str(r["requests_per_s"]),
            str(r["save_median_ms"]),
            str(r["save_p95_ms"]),
            str(r["page_median_ms"]),
            str(r["page_p95_ms"]),
            str(r["all_median_ms"]),
            str(r["errors"]),
            str(r["lost"]),
        ]
        for r in rows
    ]
    print("\n".join(markdown(f"{machine(1)}; {args.seconds:g} s, think {args.think:g} s", head, table)))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            out = server.stdout.read().decode() if server.stdout else ""
            raise SystemExit(f"roster web stopped: {out}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("roster web did not start in 60 s")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
