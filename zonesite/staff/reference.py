"""The field reference of zone files and site.yaml, generated from the models.

``docs/fields.md`` is this module's output; a test keeps the file equal to it, so the reference
never drifts from what validation accepts.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..model.page import PageMeta
from ..model.registry import FieldSpec, fields
from ..model.site import SiteConfig
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


_SCALAR_WORDS = {
    "text": "text",
    "string": "string",
    "date": "date",
    "integer": "whole number",
    "number": "number",
    "boolean": "true/false",
}


def type_name(spec: FieldSpec) -> str:
    """A field's type in the words of the reference."""
    if spec.kind == "key":
        return f"key of `{spec.ref}`"
    if spec.kind == "choice":
        return "one of " + ", ".join(f"`{v}`" for v in spec.choices)
    if spec.kind == "group" and spec.group is not None:
        return f"group ({spec.group.__name__})"
    if spec.kind == "groups" and spec.group is not None:
        return f"list of group ({spec.group.__name__})"
    if spec.kind in ("texts", "keys"):
        item = f"key of `{spec.ref}`" if spec.ref else _SCALAR_WORDS.get(_item_kind(spec), "string")
        return f"list of {item}"
    if spec.kind == "keyed":
        key = f"key of `{spec.ref}`" if spec.ref else "key"
        value = f"group ({spec.group.__name__})" if spec.group is not None else "value"
        return f"{key} → {value}"
    return _SCALAR_WORDS[spec.kind]


def _item_kind(spec: FieldSpec) -> str:
    return "text" if spec.kind == "texts" else "string"


def _limits(spec: FieldSpec) -> str:
    words = {"ge": "≥", "le": "≤", "gt": ">", "lt": "<"}
    parts = [f"{words[attr]} {value:g}" for attr, value in spec.limits()]
    return f" ({', '.join(parts)})" if parts else ""


def _default(spec: FieldSpec) -> str:
    if spec.info.is_required():
        return "**required**"
    return f"`{spec.default_words}`" if spec.default_words else ""


def model_table(model: type[BaseModel], heading: str, prefix: str = "", level: int = 2) -> list[str]:
    """A Markdown section for ``model`` and one per nested group, depth first."""
    lines = [f"{'#' * level} {heading}", "", (model.__doc__ or "").strip().replace("\n", " "), ""]
    lines += ["| field | type | default | meaning |", "| --- | --- | --- | --- |"]
    nested: list[tuple[str, type[BaseModel]]] = []
    for spec in fields(model):
        group = spec.group
        if group is not None and group not in [n[1] for n in nested]:
            nested.append((spec.name, group))
        meaning = spec.description or ((group.__doc__ or "").strip().split("\n")[0] if group else "")
        meaning = meaning.replace("|", "\\|")
        lines.append(f"| `{spec.name}` | {type_name(spec)}{_limits(spec)} | {_default(spec)} | {meaning} |")
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
