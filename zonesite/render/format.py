"""Numbers, areas, money and dates in each reader's conventions, through Babel's locale data.

Vietnamese readers expect ``1.234,5 ha`` and ``31 nghìn tỷ đồng``; English readers ``1,234.5 ha``
and ``VND 31 trillion``. Every function takes a value that may be None and returns None for it,
so the caller decides how "not published" looks.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal

from ..model.types import PartialDate, locale_of

NBSP = "\u00a0"


def _locale(lang: str) -> object:
    """Babel's locale for a site language (``zh-Hans`` too); English conventions for a code Babel
    does not know, though site.yaml never lets one through."""
    return locale_of(lang) or locale_of("en")


def items(values: list[str], lang: str) -> str:
    """Several items as the reader's language lists them: "a, b và c", "a, b, and c", "a、b、c"."""
    return format_list(list(values), style="standard", locale=_locale(lang)) if values else ""


def number(value: float | None, lang: str, digits: int = 1) -> str | None:
    """``1234.5`` → ``1.234,5`` (vi) / ``1,234.5`` (en); trailing zeros dropped."""
    if value is None:
        return None
    return _number(value, lang, digits)


@lru_cache(maxsize=65536)
def _number(value: float, lang: str, digits: int) -> str:
    # Babel parses the pattern and locale on every call; the same figures recur on every page.
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def area(value: float | None, lang: str) -> str | None:
    """Hectares: ``362,6 ha``."""
    text = number(value, lang, 2)
    return None if text is None else f"{text}{NBSP}ha"


def percent(value: float | None, lang: str) -> str | None:
    """A rate given in per cent (78, not 0.78): ``78%``."""
    text = number(value, lang, 1)
    return None if text is None else f"{text}%"


def distance(value: float | None, lang: str) -> str | None:
    text = number(value, lang, 1)
    return None if text is None else f"{text}{NBSP}km"


_CURRENCY_WORD = {("vi", "VND"): "đồng"}


def money(value: float | None, currency: str, lang: str) -> str | None:
    """Large sums in words as readers say them: ``31 nghìn tỷ đồng``, ``VND 31 trillion``,
    ``1.3兆 VND``; the currency code goes where the language writes its currency sign."""
    if value is None:
        return None
    locale = _locale(lang)
    if value >= 1_000_000:
        kind = "long" if "long" in locale.compact_decimal_formats else "short"
        amount = format_compact_decimal(value, format_type=kind, locale=locale, fraction_digits=2)
    else:
        amount = number(value, lang, 2) or ""
    amount = amount.replace(" ", NBSP)
    word = _CURRENCY_WORD.get((lang, currency))
    if word:
        return f"{amount}{NBSP}{word}"
    pattern = locale.currency_formats["standard"].pattern
    if pattern.lstrip().startswith("¤"):
        return f"{currency}{NBSP}{amount}"
    return f"{amount}{NBSP}{currency}"


def date(value: PartialDate | dt.date | None, lang: str) -> str | None:
    """A date as precise as it is known: ``28 tháng 5, 2024``, ``May 2024``, ``2019``."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return format_date(value, "long", locale=_locale(lang))
    if value.precision == "day":
        return format_date(value.as_date(), "long", locale=_locale(lang))
    if value.precision == "month":
        return format_skeleton("yMMMM", value.as_date(), locale=_locale(lang))
    return str(value.year)
