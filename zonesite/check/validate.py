"""Validate parsed documents against the declared models, turning every error into a located
:class:`~zonesite.errors.Problem` written for the person who edits the file."""

from __future__ import annotations

import copy
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..i18n import N_, _, ngettext
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
    doc: Document,
    file: str,
    loc: tuple[Any, ...],
    message: str,
    hint: str = "",
    severity: str = "error",
    kind: str = "",
) -> Problem:
    """A problem located at the value under ``loc`` (or its nearest ancestor present in the file)."""
    mark = doc.mark(loc)
    return Problem(
        kind=kind,
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
        if data is None:
            message = _("expected a group of 'field: value' lines, but the file is empty")
        else:
            # Translators: {got} names what the file holds instead, e.g. "a list" or "'some text'".
            message = _("expected a group of 'field: value' lines, but the file is {got}").format(got=describe(data))
        return None, [problem_at(doc, file, (), message)]
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
        kind, message = "missing", _("required field is empty")
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        if parent is not None:
            hint = did_you_mean(str(loc[-1]), list(parent.model_fields))
    elif kind == "missing":
        parent = model_at(model, loc[:-1])
        info = parent.model_fields.get(str(loc[-1])) if parent else None
        if info and info.description:
            hint = _(info.description)  # the field's help, in the catalog if the models mark it
    elif kind == "int_from_float" and GROUPED.match(doc.raw.get(loc, "")):
        # Translators: {number} is the figure without its thousands points, e.g. 850000.
        hint = _("if you meant {number}, write it without the point").format(number=doc.raw[loc].replace(".", ""))
    elif kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        written = doc.raw.get(loc, str(value))
        # Translators: {number} is the value as written in the file, e.g. 02583822111.
        message = _("expected text, got the number {number}").format(number=written)
        spec = spec_at(model, loc)
        if spec is not None and spec.digits and written.startswith("0"):
            # Translators: {value} is the value as written in the file, e.g. 02583822111.
            hint = _("put it in quotes, e.g. '{value}', so the leading 0 is kept").format(value=written)
        elif spec is not None and spec.digits:
            # Translators: {value} is the value as written in the file, e.g. 1234.
            hint = _("put it in quotes, e.g. '{value}', so it is kept as written").format(value=written)
        else:
            # Translators: {value} is the value as written in the file.
            hint = _("put it in quotes if it is meant as text: '{value}'").format(value=written)
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

# Where words about a figure go when the group has no note field of its own (see _note_for).
IN_DESCRIPTION = "the description"
IN_A_NOTE = "a note"


def _range_hint(low: str, note: str) -> str:
    """The hint for a range (``12,5-15``) written where one figure goes."""
    if note == IN_DESCRIPTION:
        # Translators: {low} is the first number of the range the staff member wrote, e.g. 12.5 for "12,5-15".
        message = _("a figure is one number: write {low} here and the range in words in the description")
    elif note == IN_A_NOTE:
        # Translators: {low} is the first number of the range the staff member wrote, e.g. 12.5 for "12,5-15".
        message = _("a figure is one number: write {low} here and the range in words in a note")
    else:
        # Translators: {low} is the first number of the range, e.g. 12.5; {field} is a note field, e.g. lease.note.
        message = _("a figure is one number: write {low} here and the range in words in {field}")
    return message.format(low=low, field=note)


def _about_hint(note: str) -> str:
    """The hint for a figure written with words around it (``khoảng 20``, ``>30``)."""
    if note == IN_DESCRIPTION:
        # Translators: 'about' and 'more than' are examples of words to write in the text: translate them.
        return _("write the number alone; put 'about' or 'more than' in the description")
    if note == IN_A_NOTE:
        # Translators: 'about' and 'more than' are examples of words to write in the text: translate them.
        return _("write the number alone; put 'about' or 'more than' in a note")
    # Translators: {field} is a note field, e.g. lease.note; translate 'about' and 'more than'.
    return _("write the number alone; put 'about' or 'more than' in {field}").format(field=note)


def _number_hint(value: Any, note: str = IN_A_NOTE) -> str:
    """What a number written the way people write it should look like; ``note`` names where words go
    (a field path, or :data:`IN_DESCRIPTION` or :data:`IN_A_NOTE`)."""
    if not isinstance(value, str):
        return ""
    span = _RANGE.match(value.strip())
    if span:
        return _range_hint(span.group(1).replace(",", "."), note)
    text = value.strip().replace(" ", "")
    if _BOTH_MARKS.match(text):
        # Translators: {number} is the staff member's number rewritten as it should be, e.g. 1234.5.
        message = _("write it with a point as the decimal mark and no thousands separator, e.g. {number}")
        return message.format(number=_plain(text))
    if _THOUSANDS.match(text):
        # Translators: {number} is the staff member's number rewritten as it should be, e.g. 850000.
        message = _("write numbers without thousands separators, e.g. {number}")
        return message.format(number=re.sub(r"[.,]", "", text))
    if _DECIMAL_COMMA.match(text):
        # Translators: {number} is the staff member's number rewritten as it should be, e.g. 12.5.
        return _("use a point as the decimal mark, e.g. {number}").format(number=text.replace(",", "."))
    if text.endswith(("%", "ha", "km")):
        # Translators: {number} is the staff member's number without its unit, e.g. 45.
        message = _("write the number alone, e.g. {number}; the unit is in the field name")
        return message.format(number=re.sub(r"[^0-9.,-]", "", text))
    if text.startswith(("~", "≈", ">", "<")) or text.lower().startswith(("about", "khoảng", "gần", "hơn")):
        return _about_hint(note)
    return ""


_NUMBER_ERRORS = ("float_parsing", "float_type", "int_parsing", "int_type")


def _note_for(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """Where words about a figure belong: the group's own note field if it has one (``lease.note``),
    else the zone's description; hints never name a field that does not exist."""
    parent = model_at(model, loc[:-1])
    if parent is not None and "note" in parent.model_fields:
        return field_name((*loc[:-1], "note"))
    return IN_DESCRIPTION if "description" in model.model_fields else IN_A_NOTE


def _one_of(expected: str) -> str:
    """Pydantic's list of allowed words (``'a', 'b' or 'c'``) with its "or" in the staff's language."""
    options = re.findall(r"'[^']*'", expected)
    if len(options) < 2 or expected != f"{', '.join(options[:-1])} or {options[-1]}":
        return expected
    # Translators: joins the last of the allowed words, e.g. "'a', 'b' or 'c'": {options} is "'a', 'b'".
    return _("{options} or {last}").format(options=", ".join(options[:-1]), last=options[-1])


def _length(kind: str, ctx: dict[str, Any], default: str) -> str:
    """Pydantic's too-short and too-long messages, for lists and for text (such as a language code)."""
    n = ctx.get("min_length" if kind.endswith("too_short") else "max_length")
    if kind.startswith("string") and not isinstance(n, int):
        return default
    if not isinstance(n, int):
        return default.replace("List", "the list").replace("Value", "the value")
    if kind == "string_too_short":
        return ngettext(
            "String should have at least {n} character", "String should have at least {n} characters", n
        ).format(n=n)
    if kind == "string_too_long":
        return ngettext(
            "String should have at most {n} character", "String should have at most {n} characters", n
        ).format(n=n)
    if ctx.get("field_type") == "List" and kind == "too_short":
        actual = ctx.get("actual_length")
        # Translators: {n} is the fewest items the list may have; {actual} how many it has.
        message = ngettext(
            "the list should have at least {n} item after validation, not {actual}",
            "the list should have at least {n} items after validation, not {actual}",
            n,
        )
        return message.format(n=n, actual=actual)
    if ctx.get("field_type") == "List" and kind == "too_long":
        actual = ctx.get("actual_length")
        # Translators: {n} is the most items the list may have; {actual} how many it has.
        message = ngettext(
            "the list should have at most {n} item after validation, not {actual}",
            "the list should have at most {n} items after validation, not {actual}",
            n,
        )
        return message.format(n=n, actual=actual)
    return default.replace("List", "the list").replace("Value", "the value")


# Pydantic error types in staff words. {got} is always the wrong value as the file has it
# ('abc', the number 12, a list or nothing).
_FIXED = {  # the wording needs nothing; the hint is the error's own
    "missing": N_("required field is missing"),
    "extra_forbidden": N_("unknown field"),
    "finite_number": N_("Input should be a finite number"),
}
_NUMBERS = {  # a figure that is not one: the hint says how to write it
    # Translators: {got} is the wrong value, e.g. 'abc', the number 12, a list or nothing.
    "float_parsing": N_("expected a number, got {got}"),
    "float_type": N_("expected a number, got {got}"),
    # Translators: {got} is the wrong value, e.g. 'abc', the number 12, a list or nothing.
    "int_parsing": N_("expected a whole number, got {got}"),
    "int_type": N_("expected a whole number, got {got}"),
}
_PLAIN = {  # the wording needs only the wrong value
    "int_from_float": N_("expected a whole number, got {got}"),
    # Translators: keep true and false as written (the words to write in the file); {got} is the
    # wrong value, e.g. 'yes'.
    "bool_parsing": N_("expected true or false, got {got}"),
    "bool_type": N_("expected true or false, got {got}"),
    # Translators: {got} is the wrong value, e.g. 'abc', the number 12, a list or nothing.
    "string_type": N_("expected text, got {got}"),
    # Translators: '- item' shows how a list line starts in the file (keep the '- '); {got} is the
    # wrong value, e.g. 'abc' or a group of fields.
    "list_type": N_("expected a list (one '- item' per line), got {got}"),
    # Translators: {got} is the wrong value, e.g. 'abc', the number 12, a list or nothing.
    "dict_type": N_("expected a group of 'field: value' lines, got {got}"),
    "model_type": N_("expected a group of 'field: value' lines, got {got}"),
    "model_attributes_type": N_("expected a group of 'field: value' lines, got {got}"),
}


def message_for(kind: str, value: Any, ctx: dict[str, Any], default: str) -> tuple[str, str]:
    """Our wording for a pydantic error type, plus a hint."""
    got = describe(value)
    hint = str(ctx.get("hint", ""))
    if kind in _FIXED:
        return _(_FIXED[kind]), hint
    if kind in _NUMBERS:
        return _(_NUMBERS[kind]).format(got=got), _number_hint(value)
    if kind in _PLAIN:
        return _(_PLAIN[kind]).format(got=got), ""
    if kind in ("greater_than_equal", "less_than_equal", "less_than", "greater_than"):
        return _bound(kind, ctx, got), ""
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        # Translators: {expected} lists the allowed words, e.g. "'term' or 'year'"; {got} the wrong value.
        message = _("expected one of {expected}, got {got}").format(expected=_one_of(expected), got=got)
        return message, did_you_mean(str(value), options)
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return _length(kind, ctx, default), hint if kind.startswith("string") else ""
    if kind == "string_pattern_mismatch":
        # Translators: {got} is the wrong value, e.g. 'red'; {pattern} the expected form as a regular
        # expression, e.g. ^#[0-9a-fA-F]{6}$.
        return _("{got} does not have the expected form ({pattern})").format(got=got, pattern=ctx.get("pattern")), ""
    if kind == "value_error":
        return default.removeprefix("Value error, "), hint
    return default, hint


def _bound(kind: str, ctx: dict[str, Any], got: str) -> str:
    """A value past a limit: the limit and the value."""
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            # Translators: {got} is the wrong value, e.g. the number -5.
            return _("must not be negative, got {got}").format(got=got)
        # Translators: {limit} is the smallest value allowed; {got} the wrong value, e.g. the number 1999.
        return _("must be at least {limit}, got {got}").format(limit=ctx.get("ge"), got=got)
    if kind == "greater_than":
        # Translators: {limit} is the value to exceed; {got} the wrong value, e.g. the number 0.
        return _("must be more than {limit}, got {got}").format(limit=ctx.get("gt"), got=got)
    # Translators: {limit} is the largest value allowed; {got} the wrong value, e.g. the number 120.
    return _("must be at most {limit}, got {got}").format(limit=ctx.get("le", ctx.get("lt")), got=got)
