"""Writing output folders: every output file roster writes goes through this module.

Two kinds of folder, one writer:

* **A run** (:func:`write_output_folder`): a roster's outputs, a publication, each period of a
  year plan. The folder is replaced as a whole by the new run (the guarantees below).
* **A folder filled as work is done** (:func:`add_files`): a year plan (its state, drafts,
  tables, figures and calendars) and a what-if sweep (each variant's rosters as it comes back,
  then the results). Each file is written whole or not at all (:mod:`roster.io.atomic`), only
  inside the folder; a sweep's folder must be new or empty (:func:`check_new_folder`).

Tables are written by :func:`csv_table`, each text cell a spreadsheet would read as a formula
written as text (:mod:`roster.io.cells`).

The guarantees of a run (docs/solving.md, "What the output folder guarantees"):

* **One run.** Every file of a run is written into a hidden staging folder
  beside the output folder, which then takes the output folder's place in
  one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames). A
  reader sees the previous run or the new one, never a mix: a run without a
  roster leaves no roster of an earlier run beside its summary.
* **Edits kept.** Each run records its files and their SHA-256 in
  ``.roster-run.json``. A file of the previous run that was changed since
  (a hand-amended ``roster.csv``) is moved to a backup folder
  ``OUT.edited-YYYYmmdd-HHMMSS`` beside it, and the caller says so; files a
  person added (notes) are carried over into the new run.
* **Never the inputs.** An output folder is refused when it is the scenario
  folder, lies inside it or contains it, holds scenario tables, is a file, or
  is a non-empty folder no run wrote (:func:`check_output_folder`, called
  before solving).
* **No debris.** Staging folders are named after the writing process; one
  left by a process that died (kill -9) is removed by the next run.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from roster.io.atomic import atomic_write_bytes
from roster.io.cells import to_csv

MANIFEST = ".roster-run.json"
"""The run's own record in the output folder: file names and their SHA-256."""

SCENARIO_TABLES = frozenset(
    {"service.yaml", "employees.csv", "staffing.csv", "weights.toml", "scenario.xlsx"}
)
"""Files that mark a folder as a scenario, never an output folder."""


class OutputFolderError(Exception):
    """The output folder cannot be used; the message says why and what to do."""


@dataclass
class OutputWrite:
    """What :func:`write_output_folder` did."""

    written: list[Path] = field(default_factory=list)
    backup: Path | None = None
    """Where the edited files of the previous run were kept, if any."""
    kept: list[str] = field(default_factory=list)
    """Names of the previous run's files that were edited and are now in ``backup``."""
    carried: list[str] = field(default_factory=list)
    """Files a person added to the folder, carried over into the new run."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(out: Path) -> dict[str, str] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return None
    return {str(k): str(v) for k, v in files.items()}


def _inside(a: Path, b: Path) -> bool:
    """``a`` is ``b`` or lies inside it."""
    return a == b or b in a.parents


def check_output_folder(out: Path, scenario_dir: Path | None = None) -> None:
    """Refuse, before any solving, an output folder that cannot hold a run (see the module)."""
    target = out.resolve()
    if scenario_dir is not None:
        src = scenario_dir.resolve()
        if _inside(target, src) or _inside(src, target):
            raise OutputFolderError(
                f"--out {out}: the output folder must be outside the scenario folder {scenario_dir} "
                "(it would overwrite or mix with the input tables); choose another folder, e.g. "
                f"{scenario_dir.name}-out"
            )
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"--out {out}: is an existing file, not a folder; choose a folder name")
    if target.is_dir():
        names = {p.name for p in target.iterdir()}
        inputs = sorted(names & SCENARIO_TABLES)
        if inputs:
            raise OutputFolderError(
                f"--out {out}: holds scenario tables ({', '.join(inputs)}); an output folder "
                "never holds input files: choose another folder"
            )
        if names and _manifest(target) is None:
            raise OutputFolderError(
                f"--out {out}: is not empty and was not written by roster (no {MANIFEST}); "
                "choose a new folder, or empty this one"
            )
    parent = target.parent
    existing = parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputFolderError(f"--out {out}: {existing} is a file, so the folder cannot be created")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputFolderError(
            f"--out {out}: cannot create or write folders in {existing} (permission denied)"
        )
    try:  # a real try: /proc, /sys or a read-only disk refuse what the permissions allow (as root)
        os.rmdir(tempfile.mkdtemp(prefix=".roster-check-", dir=existing))
    except OSError as err:
        raise OutputFolderError(
            f"--out {out}: cannot create folders in {existing} ({(err.strerror or str(err)).lower()}); "
            "choose a folder on a disk you can write to"
        ) from None


def _staging_name(out: Path, pid: int) -> str:
    return f".{out.name}.{pid}.tmp"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders of ``out`` left by processes that no longer run; returns them."""
    removed: list[Path] = []
    parent = out.parent
    if not parent.is_dir():
        return removed
    prefix = f".{out.name}."
    for entry in parent.iterdir():
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp") and entry.is_dir()):
            continue
        pid_text = name[len(prefix) : -len(".tmp")]
        if pid_text.isdigit() and (int(pid_text) == 0 or not _alive(int(pid_text))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output_folder(
    out: Path, files: Mapping[str, bytes], *, now: dt.datetime | None = None
) -> OutputWrite:
    """Write ``files`` (name -> bytes) as the output folder ``out``, replacing the previous run whole."""
    check_output_folder(out)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(out)
    staging = out.parent / _staging_name(out, os.getpid())
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    report = OutputWrite()
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        previous = _manifest(out) if out.is_dir() else None
        if previous is not None:
            edited = [
                n for n, sha in sorted(previous.items()) if (out / n).is_file() and _sha(out / n) != sha
            ]
            if edited:
                stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
                backup = out.parent / f"{out.name}.edited-{stamp}"
                backup.mkdir(exist_ok=True)
                for n in edited:
                    shutil.copy2(out / n, backup / n)
                report.backup, report.kept = backup, edited
            for entry in sorted(out.iterdir()):
                if entry.name not in previous and entry.name != MANIFEST and entry.name not in files:
                    dest = staging / entry.name
                    if entry.is_dir():
                        shutil.copytree(entry, dest)
                    else:
                        shutil.copy2(entry, dest)
                    report.carried.append(entry.name)
        manifest = {"files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _fsync_dir(staging)
        if out.exists():
            if not _exchange(staging, out):
                old = out.parent / _staging_name(out, 0)
                shutil.rmtree(old, ignore_errors=True)
                os.replace(out, old)
                os.replace(staging, out)
                staging = old
        else:
            os.replace(staging, out)
        _fsync_dir(out.parent)
        report.written = [out / n for n in files]
        return report
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- folders filled as work is done (year plans, sweeps) ---------------------------------------------


def check_new_folder(out: Path, option: str = "--out") -> None:
    """Refuse a folder that exists and is not empty (nothing in it is changed)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputFolderError(
            f"{option} {out}: the folder exists and is not empty; choose a new one (nothing was changed)"
        )


def add_files(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (a relative name, ``/`` between folders -> bytes) into the folder ``out``,
    each whole or not at all; folders are made as needed. A name that leaves the folder (absolute,
    or with ``..``) is refused before anything is written. Returns the paths written."""
    targets: list[tuple[Path, bytes]] = []
    for name, data in files.items():
        rel = PurePosixPath(name)
        if rel.is_absolute() or not rel.parts or ".." in rel.parts:
            raise ValueError(f"{name!r} is not a file name inside the output folder")
        targets.append((Path(out).joinpath(*rel.parts), data))
    for path, data in targets:
        atomic_write_bytes(path, data)
    return [path for path, _ in targets]


def csv_table(rows: Sequence[Mapping[str, object]]) -> str:
    """Rows of plain values as CSV text (the header from the first row; None an empty cell); empty
    for no rows. Text a spreadsheet would read as a formula is written as text (:mod:`.cells`)."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else to_csv(v) for k, v in r.items()} for r in rows)
    return buffer.getvalue()
