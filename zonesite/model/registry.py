"""The field registry: every field of a model as a :class:`FieldSpec`, read off the model once.

This is the one reader of the models' type annotations. Validation messages, the JSON Schema, the
field reference, the ``new`` scaffold, spreadsheet and CSV columns, open data, aggregates and the
figure lists templates show all ask it what fields exist, what kind of value each holds, what it
counts and how it is labelled, so adding a field to a model is the only edit a new field needs.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo, PydanticUndefined

from ..i18n import _
from ..suggest import did_you_mean
from .facts import Digits, Facts, Unit
from .types import PartialDate, RefTo, StaticPath, Text

# What a field holds, as every consumer needs to know it:
#   text (translatable), string, number, integer, boolean, date, key (of a definition), choice
#   (one of fixed words); group (a nested model), groups (a list of them), texts (a list of
#   translatable texts), keys (a list of keys or words), keyed (a group per defined key).
Kind = Literal[
    "text",
    "string",
    "number",
    "integer",
    "boolean",
    "date",
    "key",
    "choice",
    "group",
    "groups",
    "texts",
    "keys",
    "keyed",
]
NO_FACTS = Facts()


def unwrap(annotation: Any) -> Any:
    """Strip ``Annotated[...]`` and ``X | None`` down to the type that holds values."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _markers(annotation: Any, kind: type) -> Iterator[Any]:
    """Markers of class ``kind`` inside an annotation, through Optional, Annotated, list and dict."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, kind):
            yield meta
        elif isinstance(meta, FieldInfo):
            yield from (m for m in meta.metadata if isinstance(m, kind))
    for arg in get_args(annotation):
        yield from _markers(arg, kind)


def _marked(info: FieldInfo, kind: type) -> bool:
    """Whether a field carries a marker of class ``kind``, on the field (pydantic moves the
    metadata of a plain ``Annotated`` field there) or inside its annotation."""
    return any(isinstance(m, kind) for m in info.metadata) or next(_markers(info.annotation, kind), None) is not None


def find_ref(annotation: Any) -> RefTo | None:
    """The :class:`RefTo` marker inside an annotation (through Optional, Annotated and list), or None."""
    return next(_markers(annotation, RefTo), None)


def doc_text(doc: str) -> str:
    """A docstring as one paragraph: the message id of a model's help."""
    return " ".join(doc.split())


def model_help(model: type[BaseModel]) -> str:
    """A model's docstring, its help as a group of fields, in the staff's language."""
    return _(doc_text(model.__doc__)) if model.__doc__ else ""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model: where it is, what it holds and what the engine knows about it."""

    path: tuple[str, ...]
    info: FieldInfo
    kind: Kind
    inner: Any
    ref: str | None = None
    group: type[BaseModel] | None = None
    choices: tuple[Any, ...] = ()
    unit: Unit | None = None
    facts: Facts = NO_FACTS
    digits: bool = False

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    @property
    def annotation(self) -> Any:
        return self.info.annotation

    @property
    def amount(self) -> bool:
        """Money or another large amount: written with thousands points, it is a mistake, not a small number."""
        return self.facts.amount or (self.unit is not None and self.unit.currency is not None)

    @property
    def description(self) -> str:
        return self.info.description or ""

    @property
    def help(self) -> str:
        """The description in the staff's language (the models mark it for the catalog with N_)."""
        return _(self.info.description) if self.info.description else ""

    @property
    def item(self) -> Any:
        """What each item of a list field holds (unwrapped), or None for other fields."""
        return unwrap(get_args(self.inner)[0]) if get_origin(self.inner) is list else None

    @property
    def default_words(self) -> str:
        """The default as it is written in a file, or the empty string when there is none to show."""
        default = self.info.default
        if self.info.is_required() or default is PydanticUndefined or default is None:
            return ""
        return str(default).lower() if isinstance(default, bool) else str(default)

    def limits(self) -> list[tuple[str, float]]:
        """Numeric bounds as ``[("ge", 0), ("le", 100)]``, declared on the field or on its type."""
        found: list[tuple[str, float]] = []
        for meta in [*self.info.metadata, *_constraints(self.annotation)]:
            for attr in ("ge", "le", "gt", "lt"):
                value = getattr(meta, attr, None)
                if value is not None:
                    found.append((attr, value))
        return found


def _constraints(annotation: Any) -> list[Any]:
    """Constraint objects (Ge, Le...) declared inside an annotation, e.g. ``Hectares | None``."""
    found: list[Any] = []
    for meta in getattr(annotation, "__metadata__", ()):
        found += list(meta.metadata) if isinstance(meta, FieldInfo) else [meta]
    for arg in get_args(annotation):
        if get_origin(annotation) is not typing.Annotated or arg is get_args(annotation)[0]:
            found += _constraints(arg)
    return found


_SCALARS: dict[Any, Kind] = {
    Text: "text",
    PartialDate: "date",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
}


def _kind(inner: Any, ref: RefTo | None) -> tuple[Kind, type[BaseModel] | None]:
    """The kind of a field and the model of its groups, from its unwrapped annotation."""
    origin = get_origin(inner)
    if is_model(inner):
        return "group", inner
    if origin is list:
        item = unwrap(get_args(inner)[0])
        if is_model(item):
            return "groups", item
        return ("texts", None) if item is Text else ("keys", None)
    if origin is dict:
        value = unwrap(get_args(inner)[1])
        return "keyed", value if is_model(value) else None
    if origin is Literal:
        return "choice", None
    if ref is not None:
        return "key", None
    return _SCALARS.get(inner, "string"), None


def _spec(path: tuple[str, ...], info: FieldInfo) -> FieldSpec:
    annotation = info.annotation
    inner = unwrap(annotation)
    ref = next((m for m in info.metadata if isinstance(m, RefTo)), None) or find_ref(annotation)
    kind, group = _kind(inner, ref)
    facts = next((m for m in info.metadata if isinstance(m, Facts)), NO_FACTS)
    unit = next(_markers(annotation, Unit), None)
    choices = get_args(inner) if kind == "choice" else ()
    digits = _marked(info, Digits)
    return FieldSpec(path, info, kind, inner, ref.kind if ref else None, group, choices, unit, facts, digits)


@cache
def fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The model's own fields, in declared order."""
    return tuple(_spec((name,), info) for name, info in model.model_fields.items())


def walk(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[FieldSpec]:
    """Every field, depth first through groups (not into list items or keyed sections), with full paths."""
    for spec in fields(model):
        full = replace(spec, path=(*prefix, *spec.path))
        yield full
        if spec.kind == "group" and spec.group is not None:
            yield from walk(spec.group, full.path)


def walk_items(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[FieldSpec]:
    """Every field, depth first through groups and into the items of lists and keyed sections
    (``contacts.phone``, ``infrastructure.capacity``: the path without an index or key)."""
    for spec in fields(model):
        full = replace(spec, path=(*prefix, *spec.path))
        yield full
        if spec.group is not None:
            yield from walk_items(spec.group, full.path)


@cache
def walked(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """``walk(model)`` once per model: the questions below are asked for every zone of every page."""
    return tuple(walk(model))


@cache
def walked_items(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """``walk_items(model)`` once per model."""
    return tuple(walk_items(model))


@cache
def specs(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """Every field reachable through groups, by dotted path."""
    return {spec.dotted: spec for spec in walked(model)}


def keyed_sections(model: type[BaseModel]) -> dict[str, str]:
    """Sections keyed by a definition (``infrastructure`` → ``infrastructure``): dotted path → kind."""
    return {spec.dotted: spec.ref for spec in walked(model) if spec.kind == "keyed" and spec.ref}


def list_fields(model: type[BaseModel]) -> list[str]:
    """Lists of groups or of texts (not of keys), whose items spreadsheets give numbered columns."""
    return [spec.dotted for spec in walked(model) if spec.kind in ("groups", "texts")]


def figures(model: type[BaseModel]) -> list[FieldSpec]:
    """Fields that hold a figure with a unit, in declared order."""
    return [spec for spec in walked(model) if spec.unit is not None]


def static_files(model: type[BaseModel]) -> list[FieldSpec]:
    """Fields that name a file under static/ (photos, documents, the share image...), with the
    paths of list items and keyed sections without index or key."""
    return [spec for spec in walked_items(model) if _marked(spec.info, StaticPath)]


def metrics(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """Figures that province totals add up or rate, by name (``total_ha``)."""
    return {spec.name: spec for spec in walked(model) if spec.facts.metric}


def derivable(model: type[BaseModel]) -> list[FieldSpec]:
    """Figures the engine computes from the others when a file leaves them out."""
    return [spec for spec in walked(model) if spec.facts.derivable]


def labels(model: type[BaseModel]) -> dict[str, dict[str, str]]:
    """Each labelled field's label per language, by dotted path (items of lists and keyed sections
    without index or key): the defaults of its UI string."""
    return {spec.dotted: spec.facts.label for spec in walked_items(model) if spec.facts.label}


def step(annotation: Any, key: str | int) -> Any:
    """The annotation of the value found under ``key`` inside a value of ``annotation``."""
    annotation = unwrap(annotation)
    if is_model(annotation):
        field = annotation.model_fields.get(str(key))
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is list:
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def model_at(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class describing the mapping at ``path``, or None if it is not a model."""
    annotation: Any = root
    for key in path:
        annotation = step(annotation, key)
        if annotation is None:
            return None
    annotation = unwrap(annotation)
    return annotation if is_model(annotation) else None


def spec_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> FieldSpec | None:
    """The field a value at ``loc`` belongs to (``("contacts", 0, "phone")`` → Contact.phone), or None."""
    parent = model_at(root, loc[:-1]) if loc else None
    if parent is None:
        return None
    return next((spec for spec in fields(parent) if spec.name == str(loc[-1])), None)


def known_path(root: type[BaseModel], dotted: str, dict_keys: dict[str, set[str]] | None = None) -> str | None:
    """Return None if ``dotted`` names a field (or a key of a keyed section), else why not."""
    annotation: Any = root
    trail: list[str] = []
    for part in dotted.split("."):
        inner = unwrap(annotation)
        if is_model(inner):
            if part not in inner.model_fields:
                return _not_a_field(part, ".".join(trail), did_you_mean(part, list(inner.model_fields)))
        elif get_origin(inner) is dict:
            section = ".".join(trail)
            keys = (dict_keys or {}).get(section)
            if keys is not None and part not in keys:
                # Translators: {part} is a key as written, e.g. roads; {section} a field, e.g. infrastructure.
                return _("'{part}' is not a key of {section}").format(part=part, section=section)
        else:
            # Translators: {field} is a field path as written, e.g. area.total_ha.
            return _("'{field}' has no parts").format(field=".".join(trail))
        annotation = step(inner, part)
        trail.append(part)
    return None


def _not_a_field(part: str, parent: str, hint: str) -> str:
    """Why ``part`` is not a field of the group at dotted path ``parent`` (a zone when empty)."""
    if parent and hint:
        # Translators: {part} is a name as written, e.g. aera; {parent} a group, e.g. area; {hint} a
        # "did you mean" question.
        return _("'{part}' is not a field of {parent}; {hint}").format(part=part, parent=parent, hint=hint)
    if parent:
        # Translators: {part} is a name as written, e.g. aera; {parent} a group of fields, e.g. area.
        return _("'{part}' is not a field of {parent}").format(part=part, parent=parent)
    if hint:
        # Translators: {part} is a name as written, e.g. aera; {hint} a "did you mean" question.
        return _("'{part}' is not a field of a zone; {hint}").format(part=part, hint=hint)
    # Translators: {part} is a name as written, e.g. aera.
    return _("'{part}' is not a field of a zone").format(part=part)


def iter_values(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Yield ``(path, value)`` for every value inside a model instance, depth first."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_values(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_values(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_values(item, (*path, key))
    else:
        yield path, value
