"""The ``roster`` command's entry point: Ctrl-C while the program is still loading quits quietly.

Loading the command (pydantic, pandas, click and the rest) takes most of a second; a Ctrl-C in
that time used to end in a ``KeyboardInterrupt`` traceback. Until the command line is loaded, a
Ctrl-C (or SIGTERM) prints one line and exits 130 (143); nothing has been read or written yet.
From then on the command handles them itself (``roster solve`` keeps its best roster).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _while_loading(signum: int, _frame: FrameType | None) -> None:
    sys.stderr.write("\nInterrupted while roster was starting: nothing was read or written.\n")
    sys.stderr.flush()
    os._exit(128 + signum)


def main() -> None:
    """Run the ``roster`` command (:func:`roster.cli.main`) with Ctrl-C handled from the start."""
    before = {sig: signal.signal(sig, _while_loading) for sig in (signal.SIGINT, signal.SIGTERM)}
    from roster.cli import main as command

    for sig, handler in before.items():
        signal.signal(sig, handler)
    command()
