"""Walk the declared models by field path.

Used for "did you mean" on unknown keys (which fields exist at this place?), for checking the
field paths a source says it covers, and for generating the field reference.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from pydantic import BaseModel


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


def iter_fields(root: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, Any, Any]]:
    """Yield ``(dotted path, annotation, FieldInfo)`` for every field, depth first, in declared order."""
    for name, info in root.model_fields.items():
        path = f"{prefix}{name}"
        yield path, info.annotation, info
        inner = unwrap(info.annotation)
        if is_model(inner):
            yield from iter_fields(inner, path + ".")


def known_path(root: type[BaseModel], dotted: str, dict_keys: dict[str, set[str]] | None = None) -> str | None:
    """Return None if ``dotted`` names a field (or a key of a keyed section), else why not."""
    annotation: Any = root
    walked: list[str] = []
    for part in dotted.split("."):
        inner = unwrap(annotation)
        if is_model(inner):
            if part not in inner.model_fields:
                from ..suggest import did_you_mean

                where = ".".join(walked) or "a zone"
                hint = did_you_mean(part, list(inner.model_fields))
                return f"'{part}' is not a field of {where}" + (f"; {hint}" if hint else "")
        elif get_origin(inner) is dict:
            section = ".".join(walked)
            keys = (dict_keys or {}).get(section)
            if keys is not None and part not in keys:
                return f"'{part}' is not a key of {section}"
        else:
            return f"'{'.'.join(walked)}' has no parts"
        annotation = step(inner, part)
        walked.append(part)
    return None


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


def find_ref(annotation: Any) -> Any:
    """The :class:`RefTo` marker inside an annotation (through Optional, Annotated and list), or None."""
    from .types import RefTo

    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefTo):
            return meta
    for arg in get_args(annotation):
        found = find_ref(arg)
        if found is not None:
            return found
    return None
