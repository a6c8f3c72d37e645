"""The store's errors: a problem the user can act on, a version that is not there, a version
someone else changed first."""

from __future__ import annotations


class StoreError(Exception):
    """A store problem a user can act on (the message says what and what to do)."""


class VersionNotFound(StoreError):
    pass


class VersionConflict(StoreError):
    """Someone else changed the version first; the message names the newer version."""

    def __init__(self, message: str, newer: int | None) -> None:
        super().__init__(message)
        self.newer = newer
