"""Money in both currencies: a price written in đồng is also shown in dollars and the other way
round, marked approximate with the rate's date, so investors compare zones however each one quotes
and no zone drops out of a price filter for quoting in the other currency."""

from __future__ import annotations

from ..model.site import ExchangeRate

CURRENCIES = ("usd", "vnd")


def other(currency: str) -> str:
    return "vnd" if currency == "usd" else "usd"


def convert(value: float, unit: str, rate: ExchangeRate) -> tuple[float, str]:
    """``value`` in ``unit`` (``usd/m2``, ``vnd/m2/year``...) expressed in the other currency."""
    currency, _, per = unit.partition("/")
    target = other(currency)
    converted = value * rate.vnd_per_usd if currency == "usd" else value / rate.vnd_per_usd
    return converted, f"{target}/{per}" if per else target


def in_usd(value: float | None, unit: str, rate: ExchangeRate | None) -> float | None:
    """A sum of money in dollars: as given, or converted from đồng when the site has a rate."""
    if value is None:
        return None
    if unit.startswith("usd"):
        return value
    return value / rate.vnd_per_usd if rate is not None else None
