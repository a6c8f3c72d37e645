"""The ``roster`` command, a module per user: :mod:`.solving` (the coordinator: solve, check,
headroom), :mod:`.review` (the manager: log, show, amend, diff, accept, publish, next, purge),
:mod:`.after` (after publication: swaps and open shifts),
:mod:`.planning` (the analyst: annual-hours, plan-year, sweep) and :mod:`.web` (the web page,
its accounts and periods); :mod:`.base` holds the group and what they share.

Exit codes: 0 done; 1 no publishable roster (no solution, or a hard rule
broken); 2 the input is wrong (a message names the file, row and field);
3 the outputs could not be written (disk full, no permission; nothing changed);
4 the roster store could not be used (cannot open it; read-only, damaged or made by a newer
roster; a version changed by someone else), found before anything is written;
130 (Ctrl-C) or 143 (SIGTERM): interrupted, the best roster so far written.
"""

from roster.cli import after, planning, review, solving, web  # noqa: F401  (each adds its commands to main)
from roster.cli.base import main as main
