"""The field reference of zone files and site.yaml, generated from the models.

``docs/fields.md`` is this module's output; a test keeps the file equal to it, so the reference
never drifts from what validation accepts.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo, PydanticUndefined

from ..model.page import PageMeta
from ..model.registry import is_model, unwrap
from ..model.site import SiteConfig
from ..model.types import Key, PartialDate, RefTo, Text
from ..model.zone import Zone

INTRO = """# Field reference

Generated from the models in `zonesite/model/` by `make docs`; do not edit by hand.

A field marked **required** must be given; every other field may be left out, and a figure left
out is shown to readers as "not published", never as 0. *Text* means a plain string (the same in
every language) or one string per language: `{vi: ..., en: ...}`. *Date* means `2024-05-28`,
`2024-05` or `2024`. *Key of ...* means a key defined once under `definitions:` (or `sources:`)
in site.yaml; the engine ships national zone types, statuses, infrastructure works and states and
transport links, which a site may extend.
"""


def type_name(annotation: Any) -> str:
    """A field's type in the words of the reference."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefTo):
            return f"key of `{meta.kind}`"
    if annotation is Key:
        return "key"
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return type_name(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return " or ".join(type_name(a) for a in rest)
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in get_args(annotation))
    if origin is list:
        return f"list of {type_name(get_args(annotation)[0])}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"{type_name(key)} → {type_name(value)}"
    names = {Text: "text", PartialDate: "date", str: "string", int: "whole number", float: "number", bool: "true/false"}
    if annotation in names:
        return names[annotation]
    if is_model(annotation):
        return f"group ({annotation.__name__})"
    return getattr(annotation, "__name__", str(annotation))


def _constraints(annotation: Any) -> list[Any]:
    """Constraint objects (Ge, Le...) declared inside an annotation, e.g. ``Hectares | None``."""
    found: list[Any] = []
    for meta in getattr(annotation, "__metadata__", ()):
        found += list(meta.metadata) if isinstance(meta, FieldInfo) else [meta]
    for arg in get_args(annotation):
        if get_origin(annotation) is not typing.Annotated or arg is get_args(annotation)[0]:
            found += _constraints(arg)
    return found


def _limits(info: FieldInfo) -> str:
    parts = []
    for meta in [*info.metadata, *_constraints(info.annotation)]:
        for attr, word in (("ge", "≥"), ("le", "≤"), ("gt", ">"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{word} {value:g}")
    return f" ({', '.join(parts)})" if parts else ""


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default is PydanticUndefined or info.default is None:
        return ""
    return f"`{str(info.default).lower() if isinstance(info.default, bool) else info.default}`"


def model_table(model: type[BaseModel], heading: str, prefix: str = "", level: int = 2) -> list[str]:
    """A Markdown section for ``model`` and one per nested group, depth first."""
    lines = [f"{'#' * level} {heading}", "", (model.__doc__ or "").strip().replace("\n", " "), ""]
    lines += ["| field | type | default | meaning |", "| --- | --- | --- | --- |"]
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        inner = unwrap(annotation)
        group = next((c for c in (inner, *get_args(inner)) if is_model(c)), None)
        if group is not None and group not in [n[1] for n in nested]:
            nested.append((name, group))
        ref = next((m for m in info.metadata if isinstance(m, RefTo)), None)
        kind = f"key of `{ref.kind}`" if ref else type_name(annotation)
        if ref and get_origin(unwrap(annotation)) is list:
            kind = f"list of key of `{ref.kind}`"
        meaning = info.description or ((group.__doc__ or "").strip().split("\n")[0] if group else "")
        meaning = meaning.replace("|", "\\|")
        lines.append(f"| `{name}` | {kind}{_limits(info)} | {_default(info)} | {meaning} |")
    lines.append("")
    for name, sub in nested:
        path = f"{prefix}{name}"
        lines += model_table(sub, f"`{path}`", f"{path}.", level + 1)
    return lines


def reference() -> str:
    """The whole reference document."""
    lines = [INTRO]
    lines += model_table(Zone, "Zone files (`clusters/<slug>.yaml` or `.md`)")
    lines += model_table(SiteConfig, "site.yaml")
    lines += model_table(PageMeta, "Content pages (`content/<name>.md`, `content/<name>.<lang>.md`)")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(reference(), end="")
