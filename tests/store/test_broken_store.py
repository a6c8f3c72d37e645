"""A store that cannot take a write, as careless admins leave one: read-only, cut short, replaced by
a text file, made by a newer roster, or named by an address of a database roster does not use.

Each is exit 4 with a message saying what is wrong and what to do, found before anything is done:
``roster solve`` writes no output folder, ``roster accept`` changes nothing, and the store itself is
left byte for byte (SQLite) or row for row (PostgreSQL) as it was. Reading commands work on a
read-only store. Every case that exists on both databases runs on both."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from roster.cli import main
from roster.store import StoreError, open_store
from store_helpers import save_empty_version

TINY = Path(__file__).resolve().parents[2] / "scenarios" / "tiny"


def _with_a_version(url: str) -> None:
    with open_store(url) as store:
        save_empty_version(store, "Desk", {"a.csv": b"x"})


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _rows(url: str) -> list[tuple[object, ...]]:
    """Everything the store holds that a command could change: versions, events, settings."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for table in ("versions", "events", "settings", "alembic_version")
                for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            ]
    finally:
        engine.dispose()


def _refused_before_any_work(url: str, tmp_path: Path, *words: str) -> None:
    """accept, solve and the web page each stop at exit 4 with ``words`` in the message, having
    written nothing (no output folder; the store unchanged)."""
    out = tmp_path / "out"
    for args in (
        ["accept", "v1", "--by", "Chris"],
        ["solve", str(TINY), "--out", str(out), "--time-limit", "5", "--workers", "2"],
        ["web", "--port", "1"],
    ):
        result = _run(*args, "--db", url)
        assert result.exit_code == 4, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        for word in words:
            assert word in result.output, (args, word, result.output)
        assert "Traceback" not in result.output
    assert not out.exists()


@pytest.fixture
def read_only(store_url: str, tmp_path: Path) -> Iterator[str]:
    """A store with one version that can be read but not written: a SQLite file without write
    permission (as root, which ignores permissions, the same file opened read-only by SQLite
    itself), or a PostgreSQL database whose transactions are read-only."""
    _with_a_version(store_url)
    if store_url.startswith("sqlite"):
        path = store_url.removeprefix("sqlite:///")
        os.chmod(path, 0o444)
        yield f"sqlite:///file:{path}?mode=ro&uri=true" if os.geteuid() == 0 else store_url
        os.chmod(path, 0o644)
        return
    engine = create_engine(store_url, isolation_level="AUTOCOMMIT")
    name = store_url.rsplit("/", 1)[1]
    with engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    yield store_url
    with engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off'))
    engine.dispose()


def test_a_read_only_store_is_refused_before_any_work_and_still_reads(read_only: str, tmp_path: Path) -> None:
    before = _rows(read_only)
    _refused_before_any_work(read_only, tmp_path, "is read-only", "Nothing was written", "make it writable")
    assert _rows(read_only) == before
    shown = _run("log", "--db", read_only)  # reading needs no write
    assert shown.exit_code == 0 and "v1" in shown.output


def test_a_store_from_a_newer_roster_is_refused_and_left_as_it_is(store_url: str, tmp_path: Path) -> None:
    _with_a_version(store_url)
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    before = _rows(store_url)
    _refused_before_any_work(
        store_url, tmp_path, "made by a newer version of roster", "revision 0099", "upgrade roster"
    )
    shown = _run("log", "--db", store_url)
    assert shown.exit_code == 4 and "newer version of roster" in shown.output
    with pytest.raises(StoreError, match="newer version"):
        open_store(store_url)
    assert _rows(store_url) == before


@pytest.mark.parametrize("damage", ["cut to half its size", "replaced by a text file"])
def test_a_damaged_sqlite_store_is_refused_and_left_as_it_is(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "roster.db"
    _with_a_version(f"sqlite:///{path}")
    if damage == "replaced by a text file":
        path.write_text("these are my notes, not a database\n")
    else:
        with path.open("r+b") as fh:
            fh.truncate(path.stat().st_size // 2)
    before = path.read_bytes()
    _refused_before_any_work(
        str(path), tmp_path, "is damaged or is not a roster store", "restore it from your backup"
    )
    for args in (["log"], ["show", "v1"]):
        shown = _run(*args, "--db", str(path))
        assert shown.exit_code == 4 and "restore it from your backup" in shown.output, shown.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("url", ["mysql://someone@db.example/roster", "oracle://x/y", "nosuchdb://x/y"])
def test_a_database_roster_does_not_use_is_named_with_what_it_does_use(url: str, tmp_path: Path) -> None:
    _refused_before_any_work(url, tmp_path, "SQLite or PostgreSQL only", "postgresql+psycopg://")
    shown = _run("log", "--db", url)
    assert shown.exit_code == 4 and "Traceback" not in shown.output
