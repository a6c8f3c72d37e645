"""Real ``roster web`` processes and a real Dask cluster on loopback, for the tests of a council's
several server processes (``tests/web/test_processes.py``) and their walk-through in a browser."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from loopback import free_port
from web_helpers import TINY

ROSTER = Path(sys.executable).with_name("roster")


@contextlib.contextmanager
def server(db: str, cwd: Path, *extra: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    args = [str(ROSTER), "web", "--db", db, "--port", str(port), "--time-limit", "600", "--workers", "1"]
    log = open(cwd / f"server-{port}.log", "wb")  # noqa: SIM115  (closed when the server is)
    proc = subprocess.Popen(
        [*args, "--takeover-after", "3", *extra],
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ROSTER_DB": ""},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (cwd / f"server-{port}.log").read_text()
            try:
                httpx.get(f"{url}/sign-in", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
        log.close()


def tiny_as(tmp_path: Path, name: str, start: str) -> Path:
    """A copy of tiny as the team ``name`` from ``start`` (a Monday)."""
    folder = tmp_path / f"{name.replace(' ', '-')}-{start}"
    shutil.copytree(TINY, folder)
    service = (folder / "service.yaml").read_text()
    service = service.replace("name: Tiny Contact Desk", f"name: {name}").replace(
        "start_date: 2027-01-04", f"start_date: {start}"
    )
    (folder / "service.yaml").write_text(service)
    shift = dt.date.fromisoformat(start) - dt.date(2027, 1, 4)
    for name in ("leave.csv", "preferences.csv"):  # the dated wishes and leave, moved with the period
        moved = re.sub(
            r"\d{4}-\d{2}-\d{2}",
            lambda m: (dt.date.fromisoformat(m.group(0)) + shift).isoformat(),
            (folder / name).read_text(),
        )
        (folder / name).write_text(moved)
    return folder


@contextlib.contextmanager
def cluster(cwd: Path) -> Iterator[str]:
    """A Dask scheduler and `roster worker` (two worker processes of one solve each) on loopback."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = open(cwd / "cluster.log", "wb")  # noqa: SIM115  (closed when the cluster is)
    scheduler = subprocess.Popen(
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
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    workers = subprocess.Popen(
        [str(ROSTER), "worker", address, "--workers", "1"], cwd=cwd, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for proc in (workers, scheduler):
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
        log.close()
