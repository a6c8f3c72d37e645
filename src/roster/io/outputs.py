"""Writing an output folder: all of a run's files appear together, each one whole.

:func:`write_output_folder` writes every file into a temporary sibling of the
output folder first and only then moves them, one by one, over their names in
the output folder: a failure while writing leaves the folder as it was, and
every file a reader sees there is complete. Files in the output folder that
are not part of the run are left alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_output_folder(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into the folder ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        written: list[Path] = []
        for name in files:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
