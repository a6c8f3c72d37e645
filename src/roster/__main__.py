"""``python -m roster``: the ``roster`` command."""

from roster.launch import main

main()
