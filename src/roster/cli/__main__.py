"""``python -m roster.cli``: the ``roster`` command."""

from roster.cli import main

main()
