"""The one error type the io layer raises for a user's mistake in an input file."""

from __future__ import annotations

from roster.domain.notices import located


class InputError(Exception):
    """A mistake in an input file, located by file, row and field.

    ``file`` is the file as the user knows it (``employees.csv``,
    ``scenario.xlsx:leave``, ``service.yaml`` or a path given on the command
    line); ``row`` is the spreadsheet row number (the header is row 1, the
    first data row is row 2) or ``None``; ``field`` is the column name, or for
    YAML/TOML files the dotted path of the key (``opening.mon``), or ``None``.
    ``message`` says what is wrong and what is allowed.
    """

    def __init__(self, file: str, row: int | None, field: str | None, message: str) -> None:
        self.file = file
        self.row = row
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return located(self.file, self.row, self.field, self.message)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str | None, str]]:
        return (InputError, (self.file, self.row, self.field, self.message))
