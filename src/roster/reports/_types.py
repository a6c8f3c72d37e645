"""What the reports read from the validator, stated as protocols.

The reports only read these attributes, so any object that has them (the
validator's ``ValidationReport`` and ``WishOutcome``, or a stand-in in a test)
can be reported on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from roster.domain import Penalty
from roster.validation import Violation


class WishLike(Protocol):
    """One wish judged on one date (``roster.validation`` ``WishOutcome``)."""

    @property
    def employee_id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def kind(self) -> str: ...
    @property
    def wish(self) -> str: ...
    @property
    def strength(self) -> str: ...
    @property
    def honoured(self) -> bool: ...
    @property
    def cost(self) -> int: ...


class ReportLike(Protocol):
    """The validator's verdict on a roster (``roster.validation`` ``ValidationReport``)."""

    @property
    def violations(self) -> Sequence[Violation]: ...
    @property
    def penalties(self) -> Sequence[Penalty]: ...
    @property
    def objective(self) -> int: ...
    @property
    def wishes(self) -> Sequence[WishLike]: ...
