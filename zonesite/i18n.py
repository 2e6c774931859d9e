"""The staff's language: every message, hint, warning and staff page the engine writes.

Staff are provincial officials who mostly read Vietnamese, so nothing they see is English-only. The
English text in the code is the message id; each other language's text lives in a gettext catalog
(``zonesite/locale/<lang>/LC_MESSAGES/zonesite.po``) that Babel extracts, updates and compiles
(``make messages``). The language is ``ZONESITE_LANG`` if set, else the site's first language
(:func:`choose`, called once by the command line); a language without a catalog reads English.

Write a message as ``_("must be at most {limit}, got {got}").format(limit=..., got=...)``: the
placeholders are named so a translation can put them in its own order. ``N_`` marks a text that is
translated later, where it is shown (field help on the models, say). Counts go through ``ngettext``.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable
from pathlib import Path

DOMAIN = "zonesite"
LOCALES = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"  # the language message ids are written in
ENVIRONMENT = "ZONESITE_LANG"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def catalogs() -> list[str]:
    """Languages with a catalog, and English, which needs none."""
    found = {p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted(found | {SOURCE_LANGUAGE})


def use(language: str) -> str:
    """Speak ``language`` from now on (English where it has no catalog); returns the one chosen."""
    global _translations, _language
    _language = language if language in catalogs() else SOURCE_LANGUAGE
    _translations = gettext.translation(DOMAIN, LOCALES, languages=[_language], fallback=True)
    return _language


def choose(site_languages: Iterable[str]) -> str:
    """``ZONESITE_LANG`` if set, else the site's first language; then :func:`use` it."""
    wanted = os.environ.get(ENVIRONMENT, "").strip()
    if not wanted:
        wanted = next(iter(site_languages), SOURCE_LANGUAGE)
    return use(wanted)


def language() -> str:
    """The language staff messages are written in now."""
    return _language


def _(message: str) -> str:
    """``message`` in the staff's language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` things, in the staff's language (Vietnamese has one form)."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools know)
    """Marks ``message`` for the catalog without translating it yet: it is translated where shown."""
    return message
