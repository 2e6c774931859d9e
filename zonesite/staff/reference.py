"""The field reference of zone files and site.yaml, generated from the models.

``docs/fields.md`` is this module's output; a test keeps the file equal to it, so the reference
never drifts from what validation accepts.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..i18n import N_, _
from ..model.page import PageMeta
from ..model.registry import FieldSpec, fields, model_help
from ..model.site import SiteConfig
from ..model.zone import Zone


def intro() -> str:
    """The reference's title and opening paragraphs, in the staff's language."""
    # Translators: the paragraphs are Markdown: keep **...**, *...* and `...` marks, and leave the
    # text between backticks as it is (file names, commands, YAML keys, examples of values).
    about = _(
        "A field marked **required** must be given; every other field may be left out, and a figure left\n"
        'out is shown to readers as "not published", never as 0. *Text* means a plain string (the same in\n'
        "every language) or one string per language: `{vi: ..., en: ...}`. *Date* means `2024-05-28`,\n"
        "`2024-05` or `2024`. *Key of ...* means a key defined once under `definitions:` (or `sources:`)\n"
        "in site.yaml; the engine ships national zone types, statuses, infrastructure works and states and\n"
        "transport links, which a site may extend."
    )
    generated = _("Generated from the models in `zonesite/model/` by `make docs`; do not edit by hand.")
    title = _("Field reference")
    return f"# {title}\n\n{generated}\n\n{about}\n"


# The reference's words for a field's kind of value.
_SCALAR_WORDS = {
    "text": N_("text"),
    "string": N_("string"),
    "date": N_("date"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "boolean": N_("true/false"),
}


def type_name(spec: FieldSpec) -> str:
    """A field's type in the words of the reference."""
    if spec.kind == "key":
        return _key_of(spec.ref)
    if spec.kind == "choice":
        # Translators: {choices} lists the allowed values, e.g. "`vi`, `en`".
        return _("one of {choices}").format(choices=", ".join(f"`{v}`" for v in spec.choices))
    if spec.kind == "group" and spec.group is not None:
        return _group(spec.group)
    if spec.kind == "groups" and spec.group is not None:
        # Translators: {name} is the name of a group of fields in the models, e.g. Contact.
        return _("list of group ({name})").format(name=spec.group.__name__)
    if spec.kind in ("texts", "keys"):
        item = _key_of(spec.ref) if spec.ref else _(_SCALAR_WORDS.get(_item_kind(spec), "string"))
        # Translators: {item} is the type of each item, e.g. "text" or "key of `industries`".
        return _("list of {item}").format(item=item)
    if spec.kind == "keyed":
        key = _key_of(spec.ref) if spec.ref else _("key")
        value = _group(spec.group) if spec.group is not None else _("value")
        return f"{key} → {value}"
    return _(_SCALAR_WORDS[spec.kind])


def _key_of(ref: str | None) -> str:
    # Translators: {ref} is a section of definitions in site.yaml, e.g. industries.
    return _("key of `{ref}`").format(ref=ref)


def _group(group: type[BaseModel]) -> str:
    # Translators: {name} is the name of a group of fields in the models, e.g. Contact.
    return _("group ({name})").format(name=group.__name__)


def _item_kind(spec: FieldSpec) -> str:
    return "text" if spec.kind == "texts" else "string"


def _limits(spec: FieldSpec) -> str:
    words = {"ge": "≥", "le": "≤", "gt": ">", "lt": "<"}
    parts = [f"{words[attr]} {value:g}" for attr, value in spec.limits()]
    return f" ({', '.join(parts)})" if parts else ""


def _default(spec: FieldSpec) -> str:
    if spec.info.is_required():
        return "**" + _("required") + "**"
    return f"`{spec.default_words}`" if spec.default_words else ""


def model_table(model: type[BaseModel], heading: str, prefix: str = "", level: int = 2) -> list[str]:
    """A Markdown section for ``model`` and one per nested group, depth first."""
    lines = [f"{'#' * level} {heading}", "", model_help(model), ""]
    # Translators: the headings of the reference's table columns.
    headings = [_("field"), _("type"), _("default"), _("meaning")]
    lines += ["| " + " | ".join(headings) + " |", "| --- | --- | --- | --- |"]
    nested: list[tuple[str, type[BaseModel]]] = []
    for spec in fields(model):
        group = spec.group
        if group is not None and group not in [n[1] for n in nested]:
            nested.append((spec.name, group))
        meaning = spec.help or (model_help(group) if group else "")
        meaning = meaning.replace("|", "\\|")
        lines.append(f"| `{spec.name}` | {type_name(spec)}{_limits(spec)} | {_default(spec)} | {meaning} |")
    lines.append("")
    for name, sub in nested:
        path = f"{prefix}{name}"
        lines += model_table(sub, f"`{path}`", f"{path}.", level + 1)
    return lines


def reference() -> str:
    """The whole reference document."""
    lines = [intro()]
    lines += model_table(Zone, _("Zone files (`clusters/<slug>.yaml` or `.md`)"))
    lines += model_table(SiteConfig, "site.yaml")
    lines += model_table(PageMeta, _("Content pages (`content/<name>.md`, `content/<name>.<lang>.md`)"))
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    from ..i18n import use

    use(sys.argv[1] if len(sys.argv) > 1 else "en")  # make docs writes each staff language's reference
    print(reference(), end="")
