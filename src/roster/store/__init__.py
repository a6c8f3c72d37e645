"""The roster store (SQLAlchemy 2 and Alembic): SQLite by default, PostgreSQL by URL."""

from roster.store.store import DEFAULT_DB as DEFAULT_DB
from roster.store.store import ENV as ENV
from roster.store.store import STATUSES as STATUSES
from roster.store.store import Event as Event
from roster.store.store import Store as Store
from roster.store.store import StoreError as StoreError
from roster.store.store import VersionConflict as VersionConflict
from roster.store.store import VersionInfo as VersionInfo
from roster.store.store import VersionNotFound as VersionNotFound
from roster.store.store import content_hash as content_hash
from roster.store.store import describe as describe
from roster.store.store import open_store as open_store
from roster.store.store import resolve_url as resolve_url
from roster.store.store import store_error as store_error
