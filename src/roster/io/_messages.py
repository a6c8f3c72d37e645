"""Turn pydantic validation errors into plain messages that name a field."""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from roster.domain.employee import ID_PATTERN

_NUMERIC_TYPES = {
    "greater_than": "must be greater than",
    "greater_than_equal": "must be at least",
    "less_than": "must be less than",
    "less_than_equal": "must be at most",
}
_PARSE_MESSAGES = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD (no time of day)",
    "datetime_parsing": "must be a local date and time written YYYY-MM-DDTHH:MM:SS",
    "datetime_type": "must be a local date and time written YYYY-MM-DDTHH:MM:SS",
    "datetime_from_date_parsing": "must be a local date and time written YYYY-MM-DDTHH:MM:SS",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
}


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _got(value: object, *, quote: bool = True) -> str:
    if isinstance(value, str):
        return f" (got {value!r})" if quote else f" (got {value})"
    if isinstance(value, bool | int | float):
        return f" (got {value})"
    return ""


_DECIMAL_COMMA = re.compile(r"^\s*([+-]?\d+),(\d+)\s*$")


def _comma_hint(kind: str, value: object) -> str:
    """For ``22,5`` in a number field: the number with a point, and the likely cause (a
    spreadsheet set to a language that writes decimals with a comma)."""
    if not kind.startswith(("float_", "int_")) or not isinstance(value, str):
        return ""
    found = _DECIMAL_COMMA.match(value)
    if found is None:
        return ""
    whole, part = found.groups()
    if len(part) == 3:  # 1,000: a thousands separator, or a decimal
        return (
            f": write it without a thousands separator ({whole}{part}), or with a point if it "
            f"is a decimal ({whole}.{part}); was the file saved with a comma as the decimal mark?"
        )
    return f": use a point: {whole}.{part}; was the file saved with a comma as the decimal mark?"


def _model_classes(annotation: object) -> list[type[BaseModel]]:
    """The pydantic models an annotation mentions (through Optional, tuple, dict...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        out.extend(_model_classes(arg))
    return out


def model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model whose field is named by the last element of ``loc`` (walking nested models)."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            # a dict key such as a weekday: stay on the model the dict's values belong to
            continue
        found = _model_classes(info.annotation)
        if not found:
            return None
        current = found[0]
    return current


def literal_values(annotation: object) -> list[str]:
    """The allowed values of a ``Literal`` (possibly inside ``Optional``)."""
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    if get_origin(annotation) in (Union, types.UnionType):
        out: list[str] = []
        for arg in get_args(annotation):
            out.extend(literal_values(arg))
        return out
    return []


def describe(err: ErrorDetails, model: type[BaseModel] | None, key_word: str = "column") -> str:
    """A plain-English message for one pydantic error."""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    loc = err["loc"]
    if kind == "missing":
        if key_word == "column":
            return "is empty; a value is required"
        return f"is missing; the {key_word} {loc[-1]!s} is required"
    if kind == "extra_forbidden":
        owner = model_at(model, loc) if model is not None else None
        allowed = ", ".join(owner.model_fields) if owner is not None else ""
        text = f"unknown {key_word} {loc[-1]!r}"
        return f"{text}; allowed: {allowed}" if allowed else text
    if kind == "literal_error":
        allowed_values = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"must be one of {', '.join(allowed_values)}{_got(value)}"
    if kind in _NUMERIC_TYPES:
        limit = next(iter(ctx.values()), "")
        return f"{_NUMERIC_TYPES[kind]} {_number(limit)}{_got(value, quote=False)}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return f"may use only letters, digits and the characters _ . -{_got(value)}"
        return f"must match the pattern {ctx.get('pattern')}{_got(value)}"
    if kind in _PARSE_MESSAGES:
        return f"{_PARSE_MESSAGES[kind]}{_got(value)}{_comma_hint(kind, value)}"
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        return str(error) if error is not None else err["msg"]
    msg = err["msg"]
    return (msg[:1].lower() + msg[1:]) + _got(value)


def guess_field(message: str, fields: Iterable[str]) -> str | None:
    """The field a whole-row message is about: the first field name it mentions."""
    best: tuple[int, int, str] | None = None
    for name in fields:
        match = re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", message)
        if match is None:
            continue
        key = (match.start(), -len(name), name)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def first_row_error(exc: ValidationError, model: type[BaseModel]) -> tuple[str | None, str]:
    """Field (column) and message of the first error of one table row."""
    err = exc.errors(include_url=False)[0]
    message = describe(err, model)
    loc = err["loc"]
    if loc:
        return str(loc[0]), message
    return guess_field(message, model.model_fields), message


def yaml_path(loc: Sequence[int | str]) -> str:
    """``('exceptions', 1, 'date')`` -> ``exceptions[1].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
