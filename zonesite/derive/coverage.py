"""Warnings: what is not wrong but weakens a listing for investors.

A zone without coordinates cannot go on a map, one without a contact cannot be asked, a figure
checked years ago may mislead. Each warning is located like an error; ``check --strict`` turns them
into a failure for CI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..check.validate import GROUPED, problem_at
from ..errors import Problem
from ..i18n import _
from ..model.registry import iter_values, spec_at
from ..model.types import ANY_LANGUAGE, Text
from ..model.zone import Zone
from ..source.parse import Document
from .contacts import is_sample, reachable
from .site import DerivedSite
from .summary import FigureRow
from .zones import ZoneView

LARGE_IMAGE_BYTES = 500_000


@dataclass(frozen=True)
class Finding:
    """A weakness of one zone at a field path; ``translation`` marks a text missing a language,
    which weighs less for investors than a missing figure."""

    path: tuple[str | int, ...]
    message: str
    hint: str
    translation: bool = False


def zone_findings(
    zone: ZoneView, languages: list[str], freshness_days: int, today: dt.date, static_dirs: list[Path]
) -> Iterator[Finding]:
    """Every weakness of one zone, most important to an investor first."""
    yield from _missing(zone)
    yield from _stale(zone, freshness_days, today)
    yield from _translations(zone, languages)
    yield from _grouped_numbers(zone)
    yield from _large_photos(zone, static_dirs)


def _missing(zone: ZoneView) -> Iterator[Finding]:
    """What investors look for first and the zone does not say."""
    z = zone.zone
    if zone.land.available_ha is None:
        yield Finding(("area",), _("no figure for free land (available_ha)"), _("investors screen zones on it first"))
    if not z.contacts:
        yield Finding(
            ("contacts",), _("no contact"), _("add the developer's or the management board's phone or e-mail")
        )
    elif not any(reachable(c) for c in z.contacts):
        yield Finding(("contacts",), _("no phone or e-mail"), _("pages offer the authority's; add the zone's own"))
    for index, contact in enumerate(z.contacts):
        if is_sample(contact):
            yield Finding(
                ("contacts", index),
                _("a sample contact"),
                _("replace it with a real one before the site goes live"),
            )
    if z.location.lat is None:
        yield Finding(("location",), _("no coordinates (lat, lng)"), _("the zone cannot be shown on a map"))
    if not z.sources:
        yield Finding(("sources",), _("no source for the zone's figures"), _("cite where the figures come from"))


def _stale(zone: ZoneView, freshness_days: int, today: dt.date) -> Iterator[Finding]:
    """Sources never checked, or checked longer ago than the site allows."""
    limit = today - dt.timedelta(days=freshness_days)
    for index, citation in enumerate(zone.citations):
        if citation.checked is None:
            # Translators: "checked:" is the YAML key to write in the zone file; keep it in English.
            hint = _("add checked: YYYY-MM-DD")
            yield Finding(("sources", index), _("no date the figures were last checked"), hint)
        elif citation.checked.as_date() < limit:
            where = "checked" if zone.zone.sources[index].checked else "ref"
            yield Finding(
                ("sources", index, where),
                _("figures last checked {date}, more than {days} days ago").format(
                    date=citation.checked, days=freshness_days
                ),
                _("check them against the source and update the date"),
            )


def _translations(zone: ZoneView, languages: list[str]) -> Iterator[Finding]:
    """Texts written for some of the site's languages but not all."""
    for path, value in iter_values(zone.zone):
        if isinstance(value, Text) and ANY_LANGUAGE not in value.values:
            missing = [lang for lang in languages if lang not in value.values]
            if missing:
                hint = _("readers of that language see another language")
                # Translators: {languages} is a list of language codes, e.g. "en" or "en, fr".
                message = _("no {languages} text").format(languages=", ".join(missing))
                yield Finding(path, message, hint, translation=True)
    if zone.description and ANY_LANGUAGE not in zone.description.values:
        missing = [lang for lang in languages if lang not in zone.description.values]
        if missing:
            # Translators: {languages} is a list of language codes, e.g. "en" or "en, fr".
            message = _("no {languages} description").format(languages=", ".join(missing))
            yield Finding(("description",), message, "", translation=True)


def _grouped_numbers(zone: ZoneView) -> Iterator[Finding]:
    """Figures written with a Vietnamese thousands point, which YAML reads as a decimal point
    (amounts are errors; an area or a distance may really be 1.5)."""
    for path, written in zone.doc.raw.items():
        if not GROUPED.match(written) or written.count(".") != 1:
            continue
        spec = spec_at(Zone, path)
        if spec is not None and spec.unit is not None:
            yield Finding(
                path,
                # Translators: a figure as written in the file (e.g. 1.500) and the number YAML reads (1.5).
                _("{written} reads as {number}").format(written=written, number=f"{float(written):g}"),
                # Translators: {number} is the figure without its thousands point, e.g. 1500.
                _("if you meant {number}, write it without the point").format(number=written.replace(".", "")),
            )


def _large_photos(zone: ZoneView, static_dirs: list[Path]) -> Iterator[Finding]:
    """Photos too heavy for a phone on a slow connection."""
    for index, photo in enumerate(zone.zone.photos):
        for folder in static_dirs:
            file = folder / photo.file
            if file.is_file() and file.stat().st_size > LARGE_IMAGE_BYTES:
                size = file.stat().st_size / 1_000_000
                yield Finding(
                    ("photos", index, "file"),
                    # Translators: {file} is a photo's file name, {size} its size in megabytes, e.g. 2.3.
                    _("'{file}' is {size} MB").format(file=photo.file, size=f"{size:.1f}"),
                    _("resize it to at most 1600 px wide and 500 KB; phones on slow connections load it"),
                )
                break


def reach_problems(site: DerivedSite, site_doc: Document) -> list[Problem]:
    """Every zone must give investors someone to call: an error when neither it nor the site's
    authority has a phone or e-mail; a warning while the authority's contact is a sample."""
    authority = site.config.authority
    unreachable = [z.slug for z in site.zones if not site.reach[z.slug].any]
    found = []
    if unreachable:
        shown = ", ".join(unreachable[:5])
        if len(unreachable) > 5:
            # Translators: {zones} lists the first five zones' slugs; {more} counts the others.
            message = _("investors have nobody to call about {n} zones ({zones} and {more} more)").format(
                n=len(unreachable), zones=shown, more=len(unreachable) - 5
            )
        else:
            # Translators: {zones} lists the zones' slugs, e.g. "trang-e, dien-tho-2".
            message = _("investors have nobody to call about {n} zones ({zones})").format(
                n=len(unreachable), zones=shown
            )
        hint = _("give the authority a phone and an e-mail in site.yaml, or each zone its own contact")
        found.append(problem_at(site_doc, "site.yaml", ("authority",), message, hint))
    if authority is not None and reachable(authority) and is_sample(authority):
        hint = _("replace it with the authority's real phone and e-mail before the site goes live")
        message = _("a sample contact")
        found.append(problem_at(site_doc, "site.yaml", ("authority",), message, hint, severity="warning"))
    return found


def plan_findings(rows: list[FigureRow]) -> Iterator[tuple[int, str, str]]:
    """Plan figures that the zone files contradict, or cannot back because some zones lack data."""
    for index, row in enumerate(rows):
        computed = row.computed
        if computed is None or computed.value is None:
            continue
        published, value = row.figure.value, computed.value
        tolerance = 0.05 * abs(published) if row.figure.qualifier else 0.005 * abs(published)
        if abs(value - published) > max(tolerance, 0.05):
            if computed.complete:
                # Translators: {computed} is the total of the zone files, {published} the plan's figure.
                message = _("zone files give {computed}, the plan publishes {published}").format(
                    computed=f"{value:g}", published=f"{published:g}"
                )
            else:
                # Translators: {computed} is the total of the zone files, {published} the plan's figure;
                # {reporting} of the {matched} zones the figure covers give a value for it.
                message = _(
                    "zone files give {computed}, the plan publishes {published}; "
                    "only {reporting} of {matched} zones report it"
                ).format(
                    computed=f"{value:g}",
                    published=f"{published:g}",
                    reporting=computed.reporting,
                    matched=computed.matched,
                )
            yield index, message, _("add the missing zones or figures, or correct the published value")


def site_warnings(site: DerivedSite, site_doc: Document, today: dt.date | None = None) -> list[Problem]:
    """All warnings for the site, located in the file that would fix them."""
    today = today or dt.date.today()
    found: list[Problem] = []
    for zone in site.zones:
        for f in zone_findings(zone, site.languages, site.config.freshness_days, today, site.static_dirs):
            found.append(problem_at(zone.doc, zone.file, f.path, f.message, f.hint, severity="warning"))
    found += reach_problems(site, site_doc)
    for index, message, hint in plan_findings(site.rows):
        found.append(
            problem_at(site_doc, "site.yaml", ("plan", "figures", index, "value"), message, hint, severity="warning")
        )
    return found
