"""The roster store (SQLAlchemy 2 and Alembic): SQLite by default, PostgreSQL by URL."""

from roster.store.database import DEFAULT_DB as DEFAULT_DB
from roster.store.database import ENV as ENV
from roster.store.database import describe as describe
from roster.store.database import resolve_url as resolve_url
from roster.store.database import store_error as store_error
from roster.store.errors import StoreError as StoreError
from roster.store.errors import VersionConflict as VersionConflict
from roster.store.errors import VersionNotFound as VersionNotFound
from roster.store.snapshots import content_hash as content_hash
from roster.store.store import STATUSES as STATUSES
from roster.store.store import Event as Event
from roster.store.store import Store as Store
from roster.store.store import VersionInfo as VersionInfo
from roster.store.store import open_store as open_store
