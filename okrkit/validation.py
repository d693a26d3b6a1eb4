"""Turn pydantic's validation errors into one plain line that names the field.

A coach or a client reads these messages, often in a browser: "teams[1].okrs[0]
.key_results[2].baseline: must be a number, not 'forty'" — never a traceback.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from okrkit.errors import InputError

__all__ = ["describe", "field_path", "parse", "too_long"]

M = TypeVar("M", bound=BaseModel)


def too_long(length: int, limit: int) -> str:
    """The one wording of a text over its limit, in the model's messages and the apps' counters."""
    return f"Too long: {length:,} characters, at most {limit:,}"


def field_path(loc: tuple[str | int, ...], prefix: str = "") -> str:
    """`('teams', 1, 'okrs', 0)` → `teams[1].okrs[0]`, after an optional prefix."""
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-", "constrained-")) or part in {"str", "float", "int"}:
            continue  # pydantic's names for union branches and validators, not fields
        else:
            path += f".{part}" if path else part
    return path


def _plain(error: dict[str, Any], model: type[BaseModel] | None) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else "a " + type(value).__name__
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        hint = _closest_field(error["loc"], model)
        return "is not a field okrkit knows" + (f"; did you mean {hint!r}?" if hint else "")
    if kind in {"float_parsing", "float_type", "decimal_parsing"}:
        return f"must be a number, not {shown}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"must be a whole number, not {shown}"
    if kind in {"finite_number"}:
        return "must be a finite number"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        words = {
            "greater_than_equal": "at least", "greater_than": "more than",
            "less_than_equal": "at most", "less_than": "less than",
        }[kind]
        bound = next(iter(ctx.values()))
        return f"must be {words} {bound}, not {shown}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return too_long(len(value) if isinstance(value, str) else 0, int(ctx.get("max_length", 0))).lower()
    if kind == "string_pattern_mismatch":
        return f"must be an id of letters, digits, '.', '_' or '-' such as DS-1.2, not {shown}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"must be a date such as 2026-01-05, not {shown}"
    if kind.startswith("time"):
        return f"must be a time such as 14:00, not {shown}"
    if kind in {"string_type"}:
        return f"must be text, not {shown}"
    if kind in {"list_type"}:
        return f"must be a list, not {shown}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"must be a mapping of fields, not {shown}"
    if kind == "bool_parsing":
        return f"must be true or false, not {shown}"
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message.replace("Input should be", "must be")


def _closest_field(loc: tuple[Any, ...], model: type[BaseModel] | None) -> str | None:
    if model is None:
        return None
    # Walk the model's fields along the location to the model that has the unknown key.
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = _field_by_name(current, part)
        current = _inner_model(field.annotation) if field else None
    if current is None:
        return None
    names = [f.alias or n for n, f in current.model_fields.items()]
    match = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return match[0] if match else None


def _field_by_name(model: type[BaseModel], name: str) -> Any:
    for field_name, field in model.model_fields.items():
        if name in (field_name, field.alias):
            return field
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None


def describe(error: ValidationError, *, prefix: str = "", model: type[BaseModel] | None = None) -> str:
    """One line: the first problem with its field path, and how many more there are."""
    # An unknown key first: a typo ("cycel") explains the "required" error that follows it.
    errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    path = field_path(tuple(first["loc"]), prefix)
    plain = _plain(dict(first), model)
    line = f"{path}: {plain}" if path else plain
    if len(errors) > 1:
        line += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return line


def parse(model: type[M], data: Any, *, source: str | None = None, prefix: str = "") -> M:
    """Validate `data` as `model`, raising `InputError` with a one-line message."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        raise InputError(
            describe(error, prefix=prefix, model=model),
            field=field_path(tuple(first["loc"]), prefix) or None,
            source=source,
        ) from None
