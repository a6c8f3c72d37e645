from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import write_valid


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    """A valid scenario folder of CSV files (see io_helpers)."""
    return write_valid(tmp_path / "scenario")
