"""Store fixtures (a pytest plugin of tests/conftest.py): every store test runs on SQLite and on a
real PostgreSQL server.

The PostgreSQL server is the one ``ROSTER_TEST_POSTGRES`` names (an admin URL: ``.ci/run``
installs Debian's ``postgresql`` package when missing and starts a throwaway cluster), else
a throwaway cluster made for the test session (``initdb`` in a temporary folder, loopback
only, trust authentication, stopped at the end) from the machine's PostgreSQL binaries.
Without either the PostgreSQL runs are skipped, unless ``ROSTER_REQUIRE_POSTGRES=1`` (as in
CI), which makes their absence a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from loopback import free_port


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(candidate).parent
    return None


class _Server:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="roster-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root: the package's postgres user runs it
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root without runuser: cannot start PostgreSQL")
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        # from the server's own folder: the postgres user may not enter the working folder
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120, cwd=self.root)

    def start(self) -> str:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -k {self.root} -c fsync=off",
            "start",
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin URL of a throwaway PostgreSQL server for this test session."""
    given = os.environ.get("ROSTER_TEST_POSTGRES")
    if given:
        yield given
        return
    bindir = _binaries()
    if bindir is None:
        if os.environ.get("ROSTER_REQUIRE_POSTGRES") == "1":
            pytest.fail("ROSTER_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries (initdb) are installed")
        pytest.skip("PostgreSQL is not installed here (.ci/run installs Debian's postgresql package)")
    server = _Server(bindir)
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


_count = iter(range(1, 1_000_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store's URL: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'roster.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    from sqlalchemy import create_engine, text

    name = f"roster_test_{os.getpid()}_{next(_count)}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
