"""Where the roster store is and how it is reached: its URL, the database engine, the schema's
migrations, the checks before a write, and what a database error means for the user.

A SQLite file by default (no server), PostgreSQL by URL for a shared installation;
the schema is made and kept up to date by Alembic migrations as the store opens
(:class:`Database`, what :class:`~roster.store.Store` keeps its versions in).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from roster.store.errors import StoreError

DEFAULT_DB = "roster.db"
"""The SQLite file of the store when neither ``--db`` nor ``ROSTER_DB`` names one (working directory)."""

ENV = "ROSTER_DB"

DATABASES = ("sqlite", "postgresql")
"""The databases a store can be on."""

USABLE = "give a SQLite file path, or a PostgreSQL URL such as postgresql+psycopg://user@host/dbname"


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATING = threading.Lock()


def resolve_url(db: str | None) -> str:
    """The store's URL: ``db`` (a URL or a file path), else ``ROSTER_DB``, else ``roster.db`` here."""
    value = db or os.environ.get(ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def describe(url: str) -> str:
    """The store for messages: a SQLite file's path, else the URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # an unparsable URL is reported by open_store
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


class Database:
    """A connection to the store's database: its engine, its sessions, its schema brought up to
    date as it opens. :class:`~roster.store.Store` is what is kept in it; use
    :func:`~roster.store.open_store`."""

    def __init__(self, url: str) -> None:
        self.url = url
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
        self.engine: Engine = create_engine(url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            self.migrate()
        except BaseException:
            self.engine.dispose()
            raise

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a new store is created here).

        A store whose schema is at a revision this roster does not know was made by a newer
        roster: :class:`StoreError`, before anything is changed. Alembic keeps its running
        migration in module globals, so two threads of one process opening stores at once would
        break each other: the upgrade runs one at a time."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(cfg)
        known = {r.revision for r in script.walk_revisions()}
        with _MIGRATING, self.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            newer = [r for r in current if r not in known]
            if newer:
                raise StoreError(
                    f"the roster store {describe(self.url)} was made by a newer version of roster (its "
                    f"schema is at revision {', '.join(newer)}; this roster, {_version()}, knows "
                    f"revisions up to {script.get_current_head()}). Nothing was changed: upgrade roster "
                    "to the version that made the store, or give another store with --db"
                )
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def check_writable(self) -> None:
        """:class:`StoreError` unless the store can be written: a SQLite file that is read-only or
        damaged, or a PostgreSQL database in read-only mode. Checked before a command does any
        work, so that nothing (an output folder, a solve) is done for a save that cannot happen.

        SQLite's ``quick_check`` reads every page (a store of rosters reads in well under a
        second); a row is written to the settings and rolled back."""
        from sqlalchemy import text

        try:
            if self.engine.dialect.name == "sqlite":
                with self.engine.connect() as conn:
                    verdict = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]
                if verdict != ["ok"]:
                    raise StoreError(_damaged(self.url, "; ".join(verdict[:3])))
            with self.engine.connect() as conn, conn.begin() as probe:
                conn.execute(
                    text("INSERT INTO settings (name, value) VALUES (:n, '')"),
                    {"n": f"write-check-{os.getpid()}-{threading.get_ident()}"},
                )
                probe.rollback()
        except DatabaseError as err:
            raise store_error(err, self.url) from None

    def serve_concurrently(self) -> str:
        """Prepare the store for many people at once (the web page): a SQLite file is switched to
        write-ahead logging (WAL), so that pages are read while someone's wishes are being saved
        instead of waiting for the write to finish (in SQLite's default mode a reader and a writer
        wait for each other, backing off in sleeps up to 100 ms). The mode stays with the file; every
        later connection, the command line's included, uses it. A commit is as durable as before
        (``synchronous`` stays FULL). WAL needs the file on a local disk, not a network share.
        Returns the journal mode now in force (PostgreSQL: ``server``)."""
        if self.engine.dialect.name != "sqlite":
            return "server"
        with self.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode=WAL").scalar()
        return str(mode)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on an error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (nothing it does is committed)."""
        with self._sessions() as session:
            yield session


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _version() -> str:
    from roster import __version__

    return __version__


def _damaged(url: str, reason: str) -> str:
    return (
        f"the roster store {describe(url)} is damaged or is not a roster store ({reason}). Nothing "
        "was written: restore it from your backup (a copy of the file made while roster was not "
        "writing to it), or give another store with --db"
    )


def store_error(err: DatabaseError, url: str, *, opening: bool = True) -> StoreError:
    """A database error met while opening (``opening``) or using the store at ``url``, as a
    :class:`StoreError` saying what is wrong and what to do (a read-only or damaged store, one
    that cannot be reached or refused a change)."""
    reason = str(err.orig) if err.orig is not None else str(err)
    lower = reason.lower()
    if "readonly database" in lower or "read-only transaction" in lower:
        return StoreError(
            f"the roster store {describe(url)} is read-only ({reason}). Nothing was written: make it "
            "writable (for a SQLite file, the file and its folder need write permission for you), "
            "or give another store with --db"
        )
    if "malformed" in lower or "not a database" in lower:
        return StoreError(_damaged(url, reason))
    if "disk i/o error" in lower or "disk is full" in lower or "no space left" in lower:
        return StoreError(
            f"the roster store {describe(url)} cannot be written ({reason}): its disk may be full or "
            "failing. Nothing was written: make room on that disk, or give another store with --db"
        )
    if not opening:  # each change is one transaction: this one was rolled back whole
        return StoreError(
            f"the roster store {describe(url)} refused the change ({reason}). Nothing was written; "
            "try again, and if it happens again, tell whoever looks after the store"
        )
    return StoreError(
        f"cannot open the roster store {describe(url)}: {reason}. Nothing was written. Check the path "
        f"or URL (--db or {ENV}) and that the database is reachable"
    )


D = TypeVar("D", bound=Database)


def open_database(kind: type[D], db: str | None, *, writable: bool) -> D:
    """Open ``kind`` (a :class:`Database`) at ``db``: what :func:`~roster.store.open_store` does."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    url = resolve_url(db)
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as err:
        raise StoreError(f"{describe(url)} is not a database URL roster can use ({err}); {USABLE}") from None
    if backend not in DATABASES:
        raise StoreError(
            f"{describe(url)} is a {backend} address: roster keeps its store in SQLite or PostgreSQL "
            f"only; {USABLE}"
        )
    store: D | None = None
    try:
        store = kind(url)
        if writable:
            store.check_writable()
        return store
    except DatabaseError as err:
        if store is not None:
            store.close()
        raise store_error(err, url) from None
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as err:
        raise StoreError(f"{describe(url)} is not a database URL roster can use ({err}); {USABLE}") from None
    except StoreError:
        if store is not None:
            store.close()
        raise
