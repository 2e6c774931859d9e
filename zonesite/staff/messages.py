"""Babel extraction for the models: their messages and field help (``_``/``N_`` calls, as any
Python file) plus each model class's docstring, which the field reference and the spreadsheet show
as the help of a group of fields. Named in ``babel.cfg`` for ``zonesite/model/*.py``."""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

from ..model.registry import doc_text


def extract_models(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Every message Babel's Python extractor finds, then every class docstring, normalised as
    :func:`zonesite.model.registry.doc_text` normalises it where it is translated."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, None, doc_text(doc), ["Translators: help for a group of fields."]
