"""UI strings in every site language, kept in templates/strings.yaml beside the templates.

A string may have plural forms (``{one: "{n} zone", other: "{n} zones"}``), chosen by Babel's
plural rules for the language. A key a template asks for but the file lacks is an error, never
an empty label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from ..i18n import _, ngettext
from ..model.types import locale_of
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
            locale = locale_of(lang)
            form = locale.plural_form(n if n is not None else 0) if locale else "other"
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
    field path), language by language: a site's file may add a language or reword one string in
    one language. Texts in languages the site does not publish are kept and unused; a string left
    without one of the site's languages is reported once per language, with the keys it lacks."""
    entries: dict[str, Entry] = {key: dict(text) for key, text in (defaults or {}).items()}
    problems: list[Problem] = []
    for source in sources:
        data = source.doc.data or {}
        if not isinstance(data, dict):
            # Translators: keep 'key: {{vi: ..., en: ...}}' as written ({{ and }} print as one brace).
            message = _("expected 'key: {{vi: ..., en: ...}}' lines").format()
            problems.append(problem_at(source.doc, source.file, (), message))
            continue
        lang = language_of_file(source.path)
        if lang and locale_of(lang) is None:
            # Translators: {code} is what was written as a language code.
            message = _("'{code}' is not a language code Babel knows (e.g. vi, en, ja, ko, zh-Hans)")
            problems.append(problem_at(source.doc, source.file, (), message.format(code=lang)))
            continue
        for key, value in data.items():
            entry = {lang: value} if lang else value
            found = _check_entry(entry, languages)
            if found:
                problems.append(problem_at(source.doc, source.file, (key,), found))
                continue
            entries.setdefault(str(key), {}).update(entry)
    problems += _incomplete(entries, languages)
    return Strings(entries), problems


SHOWN_KEYS = 6  # keys named in a "no ja text for N strings" problem


def _incomplete(entries: dict[str, Entry], languages: list[str]) -> list[Problem]:
    """One problem per site language some strings lack, naming a few of them, located at the file
    that would hold them."""
    problems = []
    for lang in languages:
        file = "templates/strings.yaml" if lang in ("vi", "en") else f"templates/strings/{lang}.yaml"
        missing = sorted(key for key, entry in entries.items() if lang not in entry)
        if missing:
            shown = ", ".join(missing[:SHOWN_KEYS]) + (", …" if len(missing) > SHOWN_KEYS else "")
            # Translators: {lang} is a language code, e.g. ja; {n} counts strings; {keys} names a few.
            message = ngettext(
                "no {lang} text for {n} string: {keys}", "no {lang} text for {n} strings: {keys}", len(missing)
            )
            hint = _("add the {lang} text of each to templates/strings/{lang}.yaml").format(lang=lang)
            problems.append(Problem(file, 0, 0, "", message.format(lang=lang, n=len(missing), keys=shown), hint))
    return problems


def language_of_file(path: Path) -> str | None:
    """The language of a one-language strings file (``strings/ja.yaml`` holds ``key: text`` lines
    in Japanese), or None for the shared ``strings.yaml`` of ``key: {vi: ..., en: ...}`` lines.
    One file per language lets a site add a language by dropping in a file, as translators expect."""
    return path.stem if path.parent.name == "strings" else None


def _check_entry(entry: Any, languages: list[str]) -> str:
    if not isinstance(entry, dict):
        # Translators: keep {{vi: ..., en: ...}} as written ({{ and }} print as one brace).
        return _("expected one text per language, like {{vi: ..., en: ...}}").format()
    extra = [str(key) for key in entry if key not in languages and locale_of(str(key)) is None]
    if extra:
        # Translators: {lang} is what was written where a language code belongs; {{...}} prints as {...}.
        message = _(
            "'{lang}' is not one of the site's languages; a comma inside {{...}} splits the text, "
            "so put the text in quotes"
        )
        return message.format(lang=extra[0])
    for lang in entry:
        text = entry[lang]
        if isinstance(text, dict):
            if "other" not in text or not all(isinstance(v, str) for v in text.values()):
                # Translators: {lang} is a language code, e.g. vi; keep 'other' as written (it is a key).
                return _("the {lang} plural forms need at least 'other', each a text").format(lang=lang)
        elif not isinstance(text, str):
            # Translators: {lang} is a language code, e.g. vi.
            return _("the {lang} text must be a string").format(lang=lang)
    return ""
