"""Validate parsed documents against the declared models, turning every error into a located
:class:`~zonesite.errors.Problem` written for the person who edits the file."""

from __future__ import annotations

import copy
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model.registry import model_at, spec_at
from ..model.types import describe
from ..source.parse import Document
from ..suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)


def field_name(loc: tuple[Any, ...]) -> str:
    """``("contacts", 0, "email")`` → ``contacts[0].email``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def problem_at(
    doc: Document, file: str, loc: tuple[Any, ...], message: str, hint: str = "", severity: str = "error"
) -> Problem:
    """A problem located at the value under ``loc`` (or its nearest ancestor present in the file)."""
    mark = doc.mark(loc)
    return Problem(
        file=file,
        line=mark.line,
        col=mark.col,
        field=field_name(loc),
        message=message,
        hint=hint,
        severity=severity,
        source_line=doc.line_text(mark.line),
    )


def validate_document(
    model: type[M], doc: Document, file: str, context: dict[str, Any], data: Any = None
) -> tuple[M | None, list[Problem]]:
    """Validate ``doc`` (or ``data`` taken from it) into ``model``; return it or every problem."""
    data = doc.data if data is None else data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{describe(data)}"
        problem = problem_at(doc, file, (), f"expected a group of 'field: value' lines, but the file is {what}")
        return None, [problem]
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        problems = [_translate(model, doc, file, error) for error in exc.errors()]
        return None, _dedupe(problems)


def salvage(model: type[M], data: Any, context: dict[str, Any]) -> M | None:
    """The document with its invalid values left out, if that makes it valid; else None.

    The model built this way is never published (the errors stop the build); it lets the rules
    across fields run on the rest of the file, so one ``check`` reports those problems too.
    """
    if not isinstance(data, dict):
        return None
    try:
        model.model_validate(data, context=context)
        return None
    except ValidationError as exc:
        trimmed = copy.deepcopy(data)
        for error in exc.errors():
            _drop(trimmed, tuple(part for part in error["loc"] if part != "[key]"))
    try:
        return model.model_validate(trimmed, context=context)
    except ValidationError:
        return None


def _drop(data: Any, loc: tuple[Any, ...]) -> None:
    if not loc:
        return
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, dict) and loc:
        node.pop(loc[-1], None)
    elif isinstance(node, list) and isinstance(loc[-1], int) and loc[-1] < len(node):
        node[loc[-1]] = None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str, str]] = set()
    result = []
    for p in problems:
        key = (p.line, p.col, p.field, p.message)
        if key not in seen:
            seen.add(key)
            result.append(p)
    return result


def _translate(model: type[BaseModel], doc: Document, file: str, error: Any) -> Problem:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    message, hint = message_for(kind, value, ctx, error["msg"])
    if kind in _NUMBER_ERRORS:
        hint = _number_hint(value, _note_for(model, loc)) or hint
    if value is None and kind.endswith("_type"):
        kind, message = "missing", "required field is empty"
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        if parent is not None:
            hint = did_you_mean(str(loc[-1]), list(parent.model_fields))
    elif kind == "missing":
        parent = model_at(model, loc[:-1])
        info = parent.model_fields.get(str(loc[-1])) if parent else None
        if info and info.description:
            hint = info.description
    elif kind == "int_from_float" and GROUPED.match(doc.raw.get(loc, "")):
        hint = f"if you meant {doc.raw[loc].replace('.', '')}, write it without the point"
    elif kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        written = doc.raw.get(loc, str(value))
        message = f"expected text, got the number {written}"
        spec = spec_at(model, loc)
        if spec is not None and spec.digits:
            kept = "the leading 0 is kept" if written.startswith("0") else "it is kept as written"
            hint = f"put it in quotes, e.g. '{written}', so {kept}"
        else:
            hint = f"put it in quotes if it is meant as text: '{written}'"
    return problem_at(doc, file, loc, message, hint)


# "850.000": a Vietnamese thousands point, which YAML reads as a decimal point (850).
GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS = re.compile(r"^-?\d{1,3}([.,]\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_BOTH_MARKS = re.compile(r"^-?\d{1,3}(\.\d{3})+,\d+$")


def _plain(text: str) -> str:
    """``1.234,5`` (Vietnamese marks) → ``1234.5``."""
    return text.replace(".", "").replace(",", ".")


_RANGE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:-|–|—|~|đến|to)\s*(\d+(?:[.,]\d+)?)$", re.I)


def _number_hint(value: Any, note: str = "a note") -> str:
    """What a number written the way people write it should look like; ``note`` names where words go."""
    if not isinstance(value, str):
        return ""
    span = _RANGE.match(value.strip())
    if span:
        low = span.group(1).replace(",", ".")
        return f"a figure is one number: write {low} here and the range in words in {note}"
    text = value.strip().replace(" ", "")
    if _BOTH_MARKS.match(text):
        return f"write it with a point as the decimal mark and no thousands separator, e.g. {_plain(text)}"
    if _THOUSANDS.match(text):
        return f"write numbers without thousands separators, e.g. {re.sub(r'[.,]', '', text)}"
    if _DECIMAL_COMMA.match(text):
        return f"use a point as the decimal mark, e.g. {text.replace(',', '.')}"
    if text.endswith(("%", "ha", "km")):
        return f"write the number alone, e.g. {re.sub(r'[^0-9.,-]', '', text)}; the unit is in the field name"
    if text.startswith(("~", "≈", ">", "<")) or text.lower().startswith(("about", "khoảng", "gần", "hơn")):
        return f"write the number alone; put 'about' or 'more than' in {note}"
    return ""


_NUMBER_ERRORS = ("float_parsing", "float_type", "int_parsing", "int_type")


def _note_for(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """Where words about a figure belong: the group's own note field if it has one (``lease.note``),
    else the zone's description; hints never name a field that does not exist."""
    parent = model_at(model, loc[:-1])
    if parent is not None and "note" in parent.model_fields:
        return field_name((*loc[:-1], "note"))
    return "the description" if "description" in model.model_fields else "a note"


def message_for(kind: str, value: Any, ctx: dict[str, Any], default: str) -> tuple[str, str]:
    """Our wording for a pydantic error type, plus a hint."""
    got = describe(value)
    hint = str(ctx.get("hint", ""))
    if kind == "missing":
        return "required field is missing", hint
    if kind == "extra_forbidden":
        return "unknown field", hint
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        whole = " whole" if kind.startswith("int") else ""
        return f"expected a{whole} number, got {got}", _number_hint(value)
    if kind == "int_from_float":
        return f"expected a whole number, got {got}", ""
    if kind == "greater_than_equal":
        limit = ctx.get("ge")
        return (f"must not be negative, got {got}" if limit == 0 else f"must be at least {limit}, got {got}"), ""
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, got {got}", ""
    if kind in ("greater_than",):
        return f"must be more than {ctx.get('gt')}, got {got}", ""
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {got}", ""
    if kind == "string_type":
        return f"expected text, got {got}", ""
    if kind == "list_type":
        return f"expected a list (one '- item' per line), got {got}", ""
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a group of 'field: value' lines, got {got}", ""
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        return f"expected one of {expected}, got {got}", did_you_mean(str(value), options)
    if kind in ("too_short", "too_long"):
        return default.replace("List", "the list").replace("Value", "the value"), ""
    if kind == "string_pattern_mismatch":
        return f"{got} does not have the expected form ({ctx.get('pattern')})", ""
    if kind == "value_error":
        return default.removeprefix("Value error, "), hint
    return default, hint
