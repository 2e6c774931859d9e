"""UI strings in every site language, kept in templates/strings.yaml beside the templates.

A string may have plural forms (``{one: "{n} zone", other: "{n} zones"}``), chosen by Babel's
plural rules for the language. A key a template asks for but the file lacks is an error, never
an empty label.
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from ..errors import Problem
from ..i18n import _
from ..source.files import Source
from .validate import problem_at

Entry = dict[str, "str | dict[str, str]"]


class MissingString(KeyError):
    """A template asked for a UI string that no strings.yaml defines."""


class Strings:
    """Lookup of UI strings by key and language."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries

    def get(self, key: str, lang: str, n: float | None = None, **values: Any) -> str:
        try:
            text = self.entries[key][lang]
        except KeyError:
            raise MissingString(key) from None
        if isinstance(text, dict):
            form = Locale.parse(lang).plural_form(n if n is not None else 0)
            text = text.get(form, text["other"])
        if n is not None or values:
            return text.format(n=n, **values)
        return text

    def has(self, key: str) -> bool:
        return key in self.entries

    def raw(self, key: str, lang: str, form: str = "other") -> str:
        """The unformatted text of a plural form, for scripts that fill in ``{count}`` themselves."""
        try:
            text = self.entries[key][lang]
        except KeyError:
            raise MissingString(key) from None
        return text.get(form, text["other"]) if isinstance(text, dict) else text


def load_strings(
    sources: list[Source], languages: list[str], defaults: dict[str, dict[str, str]] | None = None
) -> tuple[Strings, list[Problem]]:
    """Merge the string files in order over ``defaults`` (field labels from the registry, keyed by
    field path), checking each entry has every site language."""
    entries: dict[str, Entry] = {
        key: {lang: text[lang] for lang in languages if lang in text} for key, text in (defaults or {}).items()
    }
    problems: list[Problem] = []
    for source in sources:
        data = source.doc.data or {}
        if not isinstance(data, dict):
            # Translators: keep 'key: {{vi: ..., en: ...}}' as written ({{ and }} print as one brace).
            message = _("expected 'key: {{vi: ..., en: ...}}' lines").format()
            problems.append(problem_at(source.doc, source.file, (), message))
            continue
        for key, entry in data.items():
            found = _check_entry(entry, languages)
            if found:
                problems.append(problem_at(source.doc, source.file, (key,), found))
                continue
            entries[str(key)] = entry
    return Strings(entries), problems


def _check_entry(entry: Any, languages: list[str]) -> str:
    if not isinstance(entry, dict):
        # Translators: keep {{vi: ..., en: ...}} as written ({{ and }} print as one brace).
        return _("expected one text per language, like {{vi: ..., en: ...}}").format()
    extra = [str(key) for key in entry if key not in languages]
    if extra:
        # Translators: {lang} is what was written where a language code belongs; {{...}} prints as {...}.
        message = _(
            "'{lang}' is not one of the site's languages; a comma inside {{...}} splits the text, "
            "so put the text in quotes"
        )
        return message.format(lang=extra[0])
    missing = [lang for lang in languages if lang not in entry]
    if missing:
        # Translators: {languages} lists language codes, e.g. "vi, en".
        return _("no text for {languages}").format(languages=", ".join(missing))
    for lang in languages:
        text = entry[lang]
        if isinstance(text, dict):
            if "other" not in text or not all(isinstance(v, str) for v in text.values()):
                # Translators: {lang} is a language code, e.g. vi; keep 'other' as written (it is a key).
                return _("the {lang} plural forms need at least 'other', each a text").format(lang=lang)
        elif not isinstance(text, str):
            # Translators: {lang} is a language code, e.g. vi.
            return _("the {lang} text must be a string").format(lang=lang)
    return ""
