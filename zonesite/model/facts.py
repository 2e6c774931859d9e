"""Facts about a field, declared on the field: what every consumer of the schema reads.

A field's type says what values it takes; these markers, placed in its ``Annotated`` metadata, say
what the value means to the rest of the engine:

* :class:`Unit`, on a figure type (``Hectares``, ``Percent``...), names what a figure counts, so
  formatting, open data, aggregates and charts know how to show and add it;
* :class:`Facts`, on one field, holds its label per language (the key of its UI string), whether
  province figures add it up (``metric``) and which ones the home page shows (``tile``), whether the
  engine can derive it from other figures (``derivable``), whether it is long prose kept out of
  flat tables (``prose``), an example item for lists of groups (``example``), and how much
  investors screen on it (``weight``), which ranks gaps in the data-quality report; ``proper`` marks
  the name of a company, person or place, which staff are not asked to give in every language; ``amount``
  marks a large amount such as a capacity (money is always one), where "3.000" means 3,000 to the
  person who wrote it and can never be published as 3.

The registry (:mod:`zonesite.model.registry`) reads them off the models; nothing else lists fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Aggregate = Literal["sum", "rate"]


@dataclass(frozen=True)
class Unit:
    """What a figure counts: ``ha``, ``pct``, ``count``, ``km``, or money as ``vnd``, ``usd``,
    ``usd/m2``, ``vnd/m2/year``... (the currency first)."""

    name: str

    @property
    def measure(self) -> bool:
        """Whether it counts something (ha, USD/m²...), not how a text is shown (a link, a phone)."""
        return self.name not in ("url", "email", "phone")

    @property
    def currency(self) -> str | None:
        """``USD`` for ``usd/m2``; None for a unit that is not money."""
        head = self.name.split("/")[0]
        return head.upper() if head in ("vnd", "usd") else None


@dataclass(frozen=True)
class Digits:
    """Marks text made of digits that must stay exactly as written: phone numbers keep their
    leading 0, decision numbers their form, so a bare number there is told to be quoted."""


@dataclass(frozen=True)
class Facts:
    """Facts about one field beyond its type; see the module's docstring."""

    label: dict[str, str] = field(default_factory=dict)
    metric: Aggregate | None = None
    rate_of: tuple[str, str] | None = None  # a rate's numerator and denominator metrics
    tile: bool = False
    derivable: bool = False
    prose: bool = False
    example: str | None = None
    weight: int = 0  # how much investors screen on it: a gap here weighs this in the data-quality report
    amount: bool = False  # a large amount (a capacity; money always is one), see Unit.currency
    section: str | None = None  # the fact-sheet section a top-level field is shown in (its UI string)
    aside: bool = False  # qualifies its group's figures (as of, approximate, price basis); not a figure itself
    optional: bool = False  # an extra a zone may lack without anything missing (photos, documents)
    staff: bool = False  # for staff only: never on the pages nor in the open data
    proper: bool = False  # a name (company, person, place, publisher): written once, the same in every language


def label(vi: str, en: str) -> dict[str, str]:
    """A label in the two languages the engine ships field labels in."""
    return {"vi": vi, "en": en}
