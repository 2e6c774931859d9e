"""Field types shared by zone files and site.yaml: translatable text, references, partial dates.

Each type validates itself and raises an error whose message a staff member can act on; the
validate stage adds the file, line and field.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any

from babel import Locale, UnknownLocaleError
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

from ..i18n import N_, _, ngettext
from ..suggest import did_you_mean
from .facts import Digits, Unit

ANY_LANGUAGE = "*"


@cache
def locale_of(code: str) -> Locale | None:
    """Babel's locale for a BCP 47 language code (``vi``, ``zh-Hans``, ``pt-BR``), or None when
    Babel does not know it; numbers, dates, plurals and language names all come from it."""
    try:
        locale = Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError, TypeError, AttributeError):
        return None
    # Babel also reads aliases ("eng" and "iw" as en and he): here they are more likely typos.
    return locale if code.split("-")[0] == locale.language else None


def language_name(code: str, reader: str) -> str:
    """A language's name in the reader's language (``ja`` read in Vietnamese: "Tiếng Nhật")."""
    locale, where = locale_of(code), locale_of(reader)
    name = locale.get_display_name(where) if locale and where else None
    return name or code


class Text:
    """Text in one or more languages: a plain string (the same in every language) or ``{vi:, en:}``.

    Templates ask for one language and fall back to the site's other languages in order, so a
    missing translation shows the original text (marked with its ``lang``) rather than nothing.
    """

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str]) -> None:
        self.values = dict(values)

    def get(self, lang: str, fallbacks: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
        """Return ``(text, language it is in)`` for ``lang``, falling back in order."""
        if lang in self.values:
            return self.values[lang], lang
        if ANY_LANGUAGE in self.values:
            return self.values[ANY_LANGUAGE], lang
        for other in fallbacks:
            if other in self.values:
                return self.values[other], other
        first = next(iter(sorted(self.values)))
        return self.values[first], first

    def has(self, lang: str) -> bool:
        """Whether the text is written for ``lang`` (a plain string counts for every language)."""
        return lang in self.values or ANY_LANGUAGE in self.values

    def plain(self) -> str | dict[str, str]:
        """The value as it would be written in a file."""
        if set(self.values) == {ANY_LANGUAGE}:
            return self.values[ANY_LANGUAGE]
        return dict(self.values)

    def __iter__(self) -> Iterator[str]:
        return iter(self.values.values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.values == self.values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self) -> str:
        return f"Text({self.values!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _validate_text, serialization=core_schema.plain_serializer_function_ser_schema(lambda t: t.plain())
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "string", "description": "the same text in every language"},
                {
                    "type": "object",
                    "description": "the text per language code, e.g. {vi: ..., en: ...}",
                    "additionalProperties": {"type": "string"},
                    "minProperties": 1,
                    "x-text": True,
                },
            ]
        }


def _languages(info: ValidationInfo) -> list[str]:
    return list((info.context or {}).get("languages") or [])


# Python-Markdown reads the links of a paragraph in time that grows with the number of brackets
# times the paragraph's length: "[" written 8,000 times takes it ten seconds, a megabyte of them
# hours. No real paragraph comes near this budget (a 10,000-character one with 100 links is 3%).
MARKDOWN_BUDGET = 20_000_000
_BRACKETS = re.compile(r"[\[\]<]")
_PARAGRAPHS = re.compile(r"(?:.+\n?)+")


def slow_markdown(text: str) -> tuple[int, str] | None:
    """``(line in text, message)`` of the first paragraph Markdown would take too long to read, or None."""
    if (text.count("[") + text.count("]") + text.count("<")) * len(text) <= MARKDOWN_BUDGET:
        return None  # no paragraph can exceed what the whole text does: the usual case, checked quickly
    for match in _PARAGRAPHS.finditer(text):
        paragraph = match.group(0)
        brackets = len(_BRACKETS.findall(paragraph))
        if brackets * len(paragraph) > MARKDOWN_BUDGET:
            # Translators: {count} and {length} are numbers of characters; keep [, ] and < as written.
            message = _("a paragraph of {length} characters holds {count} of [, ] and <: too many for Markdown to read")
            return text.count("\n", 0, match.start()), message.format(length=len(paragraph), count=brackets)
    return None


def _validate_text(value: Any, info: ValidationInfo) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("empty_text", _("is empty; write the text or leave the field out"))
        _check_speed(value)
        return Text({ANY_LANGUAGE: value.strip()})
    if isinstance(value, dict) and value:
        languages = _languages(info)
        values: dict[str, str] = {}
        for lang, text in value.items():
            # A text in a language the site does not publish is kept and ignored (a Vietnamese name on
            # an English-only site); only a code that is no language at all is a mistake.
            if languages and lang not in languages and (not isinstance(lang, str) or locale_of(lang) is None):
                raise _unknown_language(lang, languages)
            if isinstance(text, (int, float)) and not isinstance(text, bool):
                text = str(text)
            if not isinstance(text, str) or not text.strip():
                # Translators: {lang} is a language code, e.g. vi.
                message = _("the {lang} text must be a non-empty string")
                raise PydanticCustomError("text_type", message, {"lang": lang})
            _check_speed(text)
            values[str(lang)] = text.strip()
        return Text(values)
    raise PydanticCustomError(
        "text_type",
        # Translators: pydantic fills in {kind} and prints {{ and }} as they are; {kind} names the wrong
        # value, e.g. "a list" or "the number 12".
        _("expected text, or one text per language like {{vi: ..., en: ...}}; got {kind}"),
        {"kind": describe(value)},
    )


def _check_speed(text: str) -> None:
    slow = slow_markdown(text)
    if slow is not None:
        raise PydanticCustomError("slow_text", slow[1], {"hint": _(SLOW_HINT)})


SLOW_HINT = N_("split it into shorter paragraphs, or remove brackets it does not need")


def _unknown_language(lang: Any, languages: list[str]) -> PydanticCustomError:
    """A key that is no language code: misspelt, or a comma that split the text."""
    hint = did_you_mean(str(lang), languages)
    if not hint and (" " in str(lang) or not str(lang).isascii()):
        # Translators: {{...}} prints as {...}: the braces of a YAML group.
        hint = _("a comma inside {{...}} splits the text; put the text in quotes").format()
    return PydanticCustomError(
        "unknown_language",
        # Translators: {lang} is what was written as a language code; {langs} lists the site's
        # languages, e.g. "vi, en".
        _("'{lang}' is not one of the site's languages ({langs})"),
        {"lang": lang, "langs": ", ".join(languages), "hint": hint},
    )


def describe(value: Any) -> str:
    """Name a wrong value the way a staff member would see it in their file (in their language:
    it is put into messages such as "expected a number, got {got}")."""
    if value is None:
        # Translators: what a field holds when it is left empty, as in "expected a number, got nothing".
        return _("nothing")
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        # Translators: a wrong value, as in "expected text, got the number 12".
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 60 else f"'{value[:57]}...'"
    if isinstance(value, list):
        # Translators: a wrong value, as in "expected text, got a list".
        return _("a list")
    if isinstance(value, dict):
        # Translators: a wrong value, as in "expected text, got a group of fields".
        return _("a group of fields")
    if isinstance(value, (dt.date, dt.datetime)):
        # Translators: a wrong value, as in "expected text, got the date 2024-05-28".
        return _("the date {date}").format(date=value.isoformat())
    return type(value).__name__


# The message for a key that no definition of its kind has; pydantic fills in {value}.
_UNKNOWN = {
    # Translators: in "unknown ... '{value}'", {value} is the key as written in the file.
    "zone_types": N_("unknown zone type '{value}'"),
    "statuses": N_("unknown status '{value}'"),
    "infrastructure": N_("unknown infrastructure work '{value}'"),
    "infrastructure_states": N_("unknown infrastructure state '{value}'"),
    "connectivity": N_("unknown transport link '{value}'"),
    "industries": N_("unknown industry '{value}'"),
    "incentives": N_("unknown incentive '{value}'"),
    "sources": N_("unknown source '{value}'"),
}


class RefTo:
    """Marks a string field as a key of a shared definition (``industries``, ``incentives``...).

    The keys come from the validation context, so the same model checks any site's references.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        result = handler(schema)
        result["description"] = f"a key defined under definitions.{self.kind} (or sources) of site.yaml"
        result["x-ref-kind"] = self.kind
        return result

    def _check(self, value: str, info: ValidationInfo) -> str:
        known = ((info.context or {}).get("refs") or {}).get(self.kind)
        if known is not None and value not in known:
            hint = did_you_mean(value, list(known))
            if not hint:
                hint = _known_keys(known, self.kind)
            # Translators: {kind} is the YAML name of a list of definitions, e.g. industries; {value} the key.
            message = _("unknown {kind} '{value}'") if self.kind not in _UNKNOWN else _(_UNKNOWN[self.kind])
            raise PydanticCustomError("unknown_ref", message, {"kind": self.kind, "value": value, "hint": hint})
        return value


def _known_keys(known: set[str], kind: str) -> str:
    """The hint for an unknown key: the keys there are, or how many."""
    if not known:
        # Translators: {kind} is the YAML name of a list of definitions, e.g. industries.
        return _("site.yaml defines no {kind}").format(kind=kind)
    if len(known) <= 12:
        # Translators: {keys} lists the keys that are defined, e.g. "food, textiles".
        return _("known: {keys}").format(keys=", ".join(sorted(known)))
    return ngettext("known: {n} key", "known: {n} keys", len(known)).format(n=len(known))


def Ref(kind: str) -> Any:  # noqa: N802 - reads like a type in annotations
    """``Ref("industries")``: a key that must be defined in the site's ``industries``."""
    return Annotated[str, RefTo(kind)]


_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _check_key(value: str) -> str:
    if not _KEY.match(value):
        raise PydanticCustomError(
            "bad_key",
            # Translators: {value} is the key as written.
            _("'{value}' is not a valid key; use lower-case letters, digits, '-' and '_'"),
            {"value": value},
        )
    return value


class _KeyCheck:
    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_check_key, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        result = handler(schema)
        result["pattern"] = _KEY.pattern
        return result


Key = Annotated[str, _KeyCheck()]


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


class PartialDate:
    """A date known to the year, the month or the day: sources often give only "in 2019"."""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> dt.date:
        """The earliest day the value can mean, for sorting and age checks."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __repr__(self) -> str:
        return f"PartialDate({self})"

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self._key() == other._key()

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_date, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2200},
            ],
            "description": "a date as 2024-05-28, a month as 2024-05, or a year as 2024",
        }


def _validate_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return PartialDate(value)
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            try:
                dt.date(year, month or 1, day or 1)
            except ValueError:
                message = _("'{value}' is not a real date")
                raise PydanticCustomError("date_value", message, {"value": value}) from None
            return PartialDate(year, month, day)
        match = _DMY.match(value.strip())
        if match:
            day, month, year = match.groups()
            raise PydanticCustomError(
                "date_format",
                # Translators: {iso} is the date rewritten, e.g. 2024-05-28; {value} the date as written,
                # e.g. 28/5/2024.
                _("write dates as year-month-day: {iso}, not '{value}'"),
                {"iso": f"{year}-{int(month):02d}-{int(day):02d}", "value": value},
            )
    raise PydanticCustomError(
        "date_type",
        # Translators: {kind} names the wrong value, e.g. "a list" or "the number 12".
        _("expected a date like 2024-05-28, 2024-05 or 2024; got {kind}"),
        {"kind": describe(value)},
    )


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{5,24}(\s*(ext\.?|máy lẻ)\s*\d+)?$")
_URL = re.compile(r"^(?:https?://|mailto:|tel:)[^\s<>\"'\x00-\x1f\x7f]+$")
_URL_EXAMPLE = "https://example.gov.vn/page"

# The only schemes a link in the data or in Markdown may have: the rest (javascript:, data:, file:,
# vbscript:...) run code, show forged pages or reach into the reader's computer.
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def link_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` ("javascript" in "Java\tScript&#58;..."), or None for a
    relative link. Browsers decode entities and drop control characters and spaces before they
    read the scheme, so the same is done here."""
    lowered = _IGNORED.sub("", html.unescape(url)).lower()
    head = re.split(r"[/?#]", lowered, maxsplit=1)[0]
    return head.partition(":")[0] if ":" in head else None


def safe_link(url: str) -> bool:
    """Whether a link may be published: relative, or http(s), mailto or tel."""
    scheme = link_scheme(url)
    return scheme is None or f"{scheme}:" in SAFE_SCHEMES


def _check_scheme(value: str) -> None:
    """Refuse a link whose scheme is not one of :data:`SAFE_SCHEMES`, naming the scheme."""
    if not safe_link(value):
        raise PydanticCustomError(
            "unsafe_scheme",
            # Translators: {scheme} is the start of an address as written, e.g. javascript; keep
            # http, https, mailto and tel as written.
            _("'{scheme}:' addresses are not allowed; use http, https, mailto or tel"),
            {"value": value, "scheme": link_scheme(value), "hint": _("e.g. {example}").format(example=_URL_EXAMPLE)},
        )


def _text_check(pattern: re.Pattern[str], kind: str, example: str, message: str, hint: str, first: Any) -> Any:
    def check(value: str) -> str:
        if first is not None:
            first(value)
        if not pattern.match(value):
            # Translators: {example} is an example value, e.g. https://example.gov.vn/page.
            shown = _("e.g. {example}").format(example=example) if not hint else _(hint)
            raise PydanticCustomError(f"bad_{kind}", _(message), {"value": value, "kind": kind, "hint": shown})
        return value

    return check


class _Pattern:
    """A string with a known form (URL, e-mail, phone), validated with a message that shows an example.

    ``message`` (pydantic fills in ``{value}``) and ``hint`` (when the example needs words of its
    own; else "e.g. <example>") are marked for the catalog and translated when a value is checked.
    """

    def __init__(
        self, pattern: re.Pattern[str], kind: str, example: str, message: str, hint: str = "", first: Any = None
    ) -> None:
        # ``first``, if given, runs before the pattern and raises a more telling error of its own.
        self.pattern, self.kind, self.example = pattern, kind, example
        self.message, self.hint, self.first = message, hint, first

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        check = _text_check(self.pattern, self.kind, self.example, self.message, self.hint, self.first)
        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        result = handler(schema)
        result["pattern"] = self.pattern.pattern
        result["examples"] = [self.example]
        return result


# The unit of a string says how pages show it: as a link, a mailto or a tel link.
Url = Annotated[
    str,
    _Pattern(_URL, "web address", _URL_EXAMPLE, N_("'{value}' is not a valid web address"), first=_check_scheme),
    Unit("url"),
]
Email = Annotated[
    str,
    _Pattern(_EMAIL, "e-mail address", "contact@example.gov.vn", N_("'{value}' is not a valid e-mail address")),
    Unit("email"),
]
Phone = Annotated[
    str,
    _Pattern(
        _PHONE,
        "phone number",
        "'+84 258 3822 111' or '0258 3822 111'",
        N_("'{value}' is not a valid phone number"),
        # Translators: keep the two phone numbers as written.
        N_("e.g. '+84 258 3822 111' or '0258 3822 111'"),
    ),
    Digits(),
    Unit("phone"),
]


_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class StaticPath:
    """A file under the site's static/ folder (a photo, a document, the share image), as a path
    that stays inside static/."""

    # An absolute path, a ``..`` or an address would publish, or point readers at, a file of the
    # computer the site is built on. Whether the file exists, and whether a link in static/ leads
    # out of it, is checked against the folders (zonesite.check.rules.file_rules).

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_check_static, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return handler(schema)


def inside_folder(value: str) -> bool:
    """Whether ``value`` is written as a relative path that stays inside the folder it is read
    from (static/, templates/)."""
    parts = re.split(r"[/\\]", value)
    absolute = value.startswith(("/", "\\")) or _DRIVE.match(value) is not None
    return not (absolute or ".." in parts or link_scheme(value) or _CONTROL.search(value))


def _check_static(value: str) -> str:
    if not inside_folder(value):
        raise PydanticCustomError(
            "outside_static",
            # Translators: {file} is the path as written.
            _("'{file}' must be a path inside static/"),
            {"file": value, "hint": _("e.g. images/trang-e.jpg")},
        )
    return value


StaticFile = Annotated[str, StaticPath()]
