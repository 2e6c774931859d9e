"""Change fields in a zone file in place, keeping its comments, key order and style.

Used by ``build.py import``: only the fields whose value changed are rewritten; a field that is
added goes where the schema puts it; a field emptied in the spreadsheet is removed.
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model.registry import model_at
from ..model.types import ANY_LANGUAGE, PartialDate, Text
from ..model.zone import Zone
from ..source.parse import split_front_matter

FLOW_WIDTH = 90  # a mapping shorter than this is written on one line: {vi: ..., en: ...}


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def plain(value: Any) -> Any:
    """A model value as YAML data: groups as mappings without empty fields, text as written."""
    if isinstance(value, BaseModel):
        result = CommentedMap()
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if item is None or item == [] or item == {} or (item == info.default and not info.is_required()):
                continue
            written = plain(item)
            if isinstance(written, dict) and not written:
                continue  # a group with nothing in it (dates: {}) is left out
            result[name] = written
        return _flow(result)
    if isinstance(value, Text):
        if set(value.values) == {ANY_LANGUAGE}:
            return value.values[ANY_LANGUAGE]
        return _flow(CommentedMap(value.values))
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 30, as staff write it, not 30.0
    if isinstance(value, list):
        seq = CommentedSeq(plain(v) for v in value)
        if all(isinstance(v, str) for v in seq):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return _flow(CommentedMap((k, plain(v)) for k, v in value.items()))
    return value


def _flow(mapping: CommentedMap) -> CommentedMap:
    if all(not isinstance(v, (dict, list)) for v in mapping.values()) and len(str(dict(mapping))) < FLOW_WIDTH:
        mapping.fa.set_flow_style()
    return mapping


def value_at(zone: Zone, path: tuple[str | int, ...]) -> Any:
    value: Any = zone
    for part in path:
        if value is None:
            return None
        if isinstance(part, int):
            value = value[part] if part < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            value = getattr(value, part)
    return value


def _order(path: tuple[str, ...], keys_order: dict[str, list[str]]) -> list[str]:
    """Where keys go in the mapping at ``path``: the schema's field order, or the definitions'."""
    model = model_at(Zone, tuple(int(p) if p.isdigit() else p for p in path))
    if model is not None:
        return list(model.model_fields)
    return keys_order.get(".".join(path), [])


def _set(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    current = mapping.get(key)
    if isinstance(current, dict) and isinstance(value, dict):
        # Update a group in place, so its layout (block or flow) and comments stay.
        for name in [k for k in current if k not in value]:
            del current[name]
        for name, item in value.items():
            if current.get(name) != item:
                _set(current, name, item, list(value))
        return
    if key in mapping:
        mapping[key] = value
        return
    position = len(mapping)
    if key in order:
        before = set(order[: order.index(key)])
        position = 0
        for index, existing in enumerate(mapping):
            if existing in before:
                position = index + 1
    mapping.insert(position, key, value)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def apply(
    data: CommentedMap, changes: list[tuple[tuple[str | int, ...], Any]], keys_order: dict[str, list[str]]
) -> None:
    """Set each ``(path, value)`` in ``data``; an empty value removes the key. Groups and list
    items left empty by a removal are removed too, once every change is made."""
    touched: list[list[tuple[Any, Any, str | int]]] = []
    for path, value in changes:
        trail = _apply_one(data, path, value, keys_order)
        if trail:
            touched.append(trail)
    for trail in sorted(touched, key=len, reverse=True):
        for parent, child, key in reversed(trail):
            if isinstance(child, (dict, list)) and not child:
                if isinstance(parent, list):
                    if child in parent:
                        parent.remove(child)
                else:
                    parent.pop(key, None)


def _apply_one(
    data: CommentedMap, path: tuple[str | int, ...], value: Any, keys_order: dict[str, list[str]]
) -> list[tuple[Any, Any, str | int]] | None:
    """Make one change; returns the (parent, container, key) chain it went through."""
    node: Any = data
    trail: list[tuple[Any, Any, str | int]] = []
    for depth, part in enumerate(path[:-1]):
        fresh: Any = CommentedSeq() if isinstance(path[depth + 1], int) else CommentedMap()
        if isinstance(part, int):
            if part >= len(node):
                if _empty(value):
                    return None
                while len(node) <= part:
                    node.append(CommentedMap() if isinstance(fresh, CommentedMap) else CommentedSeq())
            child = node[part]
        else:
            child = node.get(part)
            if not isinstance(child, (dict, list)):
                if _empty(value):
                    return None
                child = fresh
                _set(node, part, child, _order(tuple(str(p) for p in path[:depth] if isinstance(p, str)), keys_order))
        trail.append((node, child, part))
        node = child
    key = path[-1]
    if isinstance(key, int):
        if _empty(value):
            if key < len(node):
                node[key] = CommentedMap()  # removed at the end, so later indices stay right
        else:
            while len(node) <= key:
                node.append(None)
            node[key] = plain(value)
    elif _empty(value):
        node.pop(key, None)
    else:
        _set(node, key, plain(value), _order(_model_path(path[:-1]), keys_order))
    return trail


def _model_path(path: tuple[str | int, ...]) -> tuple[str, ...]:
    return tuple(p if isinstance(p, str) else str(p) for p in path)


def edit_text(
    text: str,
    changes: list[tuple[tuple[str, ...], Any]],
    keys_order: dict[str, list[str]],
    markdown: bool,
    body: Text | None = None,
    body_changed: bool = False,
    languages: list[str] | None = None,
) -> str:
    """The zone file ``text`` with ``changes`` applied (and, for Markdown, a new body if asked)."""
    yaml = _yaml()
    if not markdown:
        data = yaml.load(text) or CommentedMap()
        apply(data, changes, keys_order)
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()
    front, rest, _ = split_front_matter(text)
    data = yaml.load(front or "") or CommentedMap()
    apply(data, changes, keys_order)
    out = io.StringIO()
    yaml.dump(data, out)
    if body_changed:
        rest = markdown_body(body, languages or [])
    return f"---\n{out.getvalue()}---\n{rest}"


def markdown_body(body: Text | None, languages: list[str]) -> str:
    """A Markdown body for ``body``: plain, or one ``<!-- lang: xx -->`` section per language."""
    if body is None:
        return ""
    if set(body.values) == {ANY_LANGUAGE}:
        return body.values[ANY_LANGUAGE] + "\n"
    parts = [f"<!-- lang: {lang} -->\n{body.values[lang]}\n" for lang in languages if lang in body.values]
    return "\n".join(parts)


def new_file(zone: Zone, schema_line: str) -> str:
    """A new zone file for a row whose slug has no file yet."""
    out = io.StringIO()
    _yaml().dump(plain(zone), out)
    return f"{schema_line}\n{out.getvalue()}"
