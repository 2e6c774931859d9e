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
from typing import Any

from ..check.validate import GROUPED, problem_at
from ..errors import Problem
from ..i18n import N_, _, language, ngettext
from ..model.registry import iter_values, spec_at
from ..model.types import ANY_LANGUAGE, Text
from ..model.zone import Zone
from ..source.files import static_listing
from ..source.parse import Document
from ..suggest import did_you_mean
from .contacts import is_sample, reachable
from .site import DerivedSite
from .summary import FigureRow
from .zones import ZoneView

LARGE_IMAGE_BYTES = 500_000

# Each kind of warning in a few words, for ``check``'s summary ("13 × no contact: ...").
SUMMARIES = {
    "no_free_land": N_("no figure for free land (available_ha)"),
    "no_contact": N_("no contact"),
    "no_phone": N_("no phone or e-mail"),
    "sample_contact": N_("a sample contact"),
    "no_coordinates": N_("no coordinates (lat, lng)"),
    "no_source": N_("no source for the zone's figures"),
    "not_checked": N_("sources without the date their figures were last checked"),
    "stale": N_("figures checked longer ago than the site allows"),
    "one_language": N_("texts in one language only"),
    "thousands_point": N_("a figure written with a thousands point"),
    "large_photo": N_("photos too heavy for phones"),
    "plan_differs": N_("plan figures the zone files do not add up to"),
    "district_abolished": N_("districts named as if they still existed"),
    "schema_stale": N_("editor schema files out of date"),
    "acknowledgement_unused": N_("acknowledged gaps that are gone"),
}


@dataclass(frozen=True)
class Finding:
    """A weakness of one zone at a field path, of a ``kind`` staff can acknowledge (a key of
    :data:`~zonesite.model.zone.WarningKind`); ``translation`` marks a text missing a language,
    which weighs less for investors than a missing figure."""

    path: tuple[str | int, ...]
    message: str
    hint: str
    kind: str
    translation: bool = False


def zone_findings(
    zone: ZoneView,
    languages: list[str],
    freshness_days: int,
    today: dt.date,
    static_dirs: list[Path],
    country: str = "VN",
) -> Iterator[Finding]:
    """Every weakness of one zone, most important to an investor first."""
    yield from _missing(zone)
    yield from _abolished(zone, country)
    yield from _stale(zone, freshness_days, today)
    yield from _translations(zone, languages)
    yield from _grouped_numbers(zone)
    yield from _large_photos(zone, static_dirs)


def _missing(zone: ZoneView) -> Iterator[Finding]:
    """What investors look for first and the zone does not say."""
    z = zone.zone
    if zone.land.available_ha is None:
        yield Finding(
            ("area",),
            _("no figure for free land (available_ha)"),
            _("investors screen zones on it first"),
            "no_free_land",
        )
    if not z.contacts:
        hint = _("add the developer's or the management board's phone or e-mail")
        yield Finding(("contacts",), _("no contact"), hint, "no_contact")
    elif not any(reachable(c) for c in z.contacts):
        hint = _("pages offer the authority's; add the zone's own")
        yield Finding(("contacts",), _("no phone or e-mail"), hint, "no_phone")
    for index, contact in enumerate(z.contacts):
        if is_sample(contact):
            yield Finding(
                ("contacts", index),
                _("a sample contact"),
                _("replace it with a real one before the site goes live"),
                "sample_contact",
            )
    if z.location.lat is None:
        hint = _("the zone cannot be shown on a map")
        yield Finding(("location",), _("no coordinates (lat, lng)"), hint, "no_coordinates")
    if not z.sources:
        hint = _("cite where the figures come from")
        yield Finding(("sources",), _("no source for the zone's figures"), hint, "no_source")


def _abolished(zone: ZoneView, country: str) -> Iterator[Finding]:
    """A Vietnamese zone located by district: districts were abolished on 1 July 2025, so the page
    would send investors to a unit that no longer exists."""
    if country == "VN" and zone.zone.location.district:
        yield Finding(
            ("location", "district"),
            _("Vietnam has had no districts since 1 July 2025"),
            _("write it as former_district and name the commune, ward or special zone as commune"),
            "district_abolished",
        )


def _stale(zone: ZoneView, freshness_days: int, today: dt.date) -> Iterator[Finding]:
    """Sources never checked, or checked longer ago than the site allows: one warning of each kind
    per zone, however many sources it cites, located at the first."""
    limit = today - dt.timedelta(days=freshness_days)
    unchecked = [i for i, c in enumerate(zone.citations) if c.checked is None]
    old = [i for i, c in enumerate(zone.citations) if c.checked is not None and c.checked.as_date() < limit]
    if unchecked:
        # Translators: "checked:" is the YAML key to write in the zone file; keep it in English.
        hint = _("add checked: YYYY-MM-DD")
        message = ngettext(
            "no date the figures were last checked",
            "{n} sources without the date their figures were last checked",
            len(unchecked),
        ).format(n=len(unchecked))
        yield Finding(("sources", unchecked[0]), message, hint, "not_checked")
    if old:
        first = old[0]
        oldest = min(zone.citations[i].checked.as_date() for i in old)  # type: ignore[union-attr]
        where = "checked" if zone.zone.sources[first].checked else "ref"
        if len(old) == 1:
            message = _("figures last checked {date}, more than {days} days ago").format(
                date=zone.citations[first].checked, days=freshness_days
            )
        else:
            # Translators: {n} sources; {date} is the oldest check date; {days} the site's freshness limit.
            message = _("{n} sources last checked more than {days} days ago (the oldest {date})").format(
                n=len(old), days=freshness_days, date=oldest.isoformat()
            )
        yield Finding(
            ("sources", first, where), message, _("check them against the source and update the date"), "stale"
        )


def _translations(zone: ZoneView, languages: list[str]) -> Iterator[Finding]:
    """Texts written for some of the site's languages but not all: one warning per zone, naming
    the fields, located at the first. Names of companies, people and places (``proper`` fields)
    are written once, the same in every language, and never asked for again."""
    missing: dict[tuple[str, ...], list[tuple[str | int, ...]]] = {}
    for path, value in iter_values(zone.zone):
        if isinstance(value, Text) and ANY_LANGUAGE not in value.values and not _proper(path):
            langs = tuple(lang for lang in languages if lang not in value.values)
            if langs:
                missing.setdefault(langs, []).append(path)
    if zone.description and ANY_LANGUAGE not in zone.description.values:
        langs = tuple(lang for lang in languages if lang not in zone.description.values)
        if langs:
            missing.setdefault(langs, []).append(("description",))
    for langs, paths in missing.items():
        names = list(dict.fromkeys(".".join(str(p) for p in path if not isinstance(p, int)) for path in paths))
        # Translators: {languages} lists language codes (e.g. "en"); {fields} the fields without that text.
        message = ngettext("no {languages} text: {fields}", "no {languages} text in {n} fields: {fields}", len(names))
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        hint = _("readers of that language see another language")
        yield Finding(
            paths[0], message.format(languages=", ".join(langs), n=len(names), fields=shown), hint, "one_language", True
        )


def _proper(path: tuple[str | int, ...]) -> bool:
    """Whether the text at ``path`` (or the list it is an item of) is a proper name."""
    while path and isinstance(path[-1], int):
        path = path[:-1]
    spec = spec_at(Zone, path)
    return spec is not None and spec.facts.proper


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
                "thousands_point",
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
                    "large_photo",
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
        found.append(problem_at(site_doc, "site.yaml", ("authority",), message, hint, "warning", "sample_contact"))
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


KNOWN = "known"  # the severity of a warning staff have acknowledged: counted, not shown


# Each zone's findings, reused while its view is the very object derivation reused (its file and
# site.yaml unchanged) and neither the day, the files under static/ nor the staff's language changed.
_found: dict[str, tuple[ZoneView, tuple[Any, ...], list[Finding]]] = {}


def _findings(site: DerivedSite, zone: ZoneView, today: dt.date, static: tuple[str, ...]) -> list[Finding]:
    key = (today, static, language())
    hit = _found.get(zone.file)
    if hit is None or hit[0] is not zone or hit[1] != key:
        config = site.config
        found = list(
            zone_findings(zone, site.languages, config.freshness_days, today, site.static_dirs, config.country)
        )
        hit = (zone, key, found)
        _found[zone.file] = hit
    return hit[2]


def site_warnings(site: DerivedSite, site_doc: Document, today: dt.date | None = None) -> list[Problem]:
    """All warnings for the site, located in the file that would fix them; those staff have
    acknowledged (in the zone file, or in site.yaml for all zones or some) come back as ``known``."""
    today = today or dt.date.today()
    found: list[Problem] = []
    used: set[tuple[str, int]] = set()
    static = static_listing(site.static_dirs)
    for zone in site.zones:
        accepted = _acknowledged(site, zone)
        for f in _findings(site, zone, today, static):
            by = accepted.get(f.kind)
            if by is not None:
                used.add(by)
            severity = "warning" if by is None else KNOWN
            found.append(problem_at(zone.doc, zone.file, f.path, f.message, f.hint, severity, f.kind))
    found += reach_problems(site, site_doc)
    plan_ack = next((i for i, a in enumerate(site.config.acknowledged) if a.warning == "plan_differs"), None)
    for index, message, hint in plan_findings(site.rows):
        where = ("plan", "figures", index, "value")
        if plan_ack is not None:
            used.add(("site.yaml", plan_ack))
        severity = "warning" if plan_ack is None else KNOWN
        found.append(problem_at(site_doc, "site.yaml", where, message, hint, severity, "plan_differs"))
    found += _acknowledgement_problems(site, site_doc, used)
    return found


def _acknowledged(site: DerivedSite, zone: ZoneView) -> dict[str, tuple[str, int]]:
    """The kinds of warning acknowledged for ``zone``, each with where: (file, index)."""
    accepted = {}
    for index, ack in enumerate(site.config.acknowledged):
        if not ack.zones or zone.slug in ack.zones:
            accepted.setdefault(ack.warning, ("site.yaml", index))
    for index, ack in enumerate(zone.zone.acknowledged):
        accepted[ack.warning] = (zone.file, index)
    return accepted


def _acknowledgement_problems(site: DerivedSite, site_doc: Document, used: set[tuple[str, int]]) -> list[Problem]:
    """A zone named in site.yaml that does not exist is an error; an acknowledgement that no longer
    matches a gap is a warning, so fixed gaps do not stay acknowledged for ever."""
    slugs = [z.slug for z in site.zones]
    found = []
    for index, ack in enumerate(site.config.acknowledged):
        for number, slug in enumerate(ack.zones):
            if slug not in slugs:
                where = ("acknowledged", index, "zones", number)
                message = _("no zone has the slug '{slug}'").format(slug=slug)
                found.append(problem_at(site_doc, "site.yaml", where, message, did_you_mean(slug, slugs)))
        if ("site.yaml", index) not in used:
            found.append(_unused(site_doc, "site.yaml", ("acknowledged", index, "warning"), ack.warning))
    for zone in site.zones:
        for index, ack in enumerate(zone.zone.acknowledged):
            if (zone.file, index) not in used:
                found.append(_unused(zone.doc, zone.file, ("acknowledged", index, "warning"), ack.warning))
    return found


def _unused(doc: Document, file: str, where: tuple[str | int, ...], kind: str) -> Problem:
    # Translators: {kind} is the key of a kind of warning, e.g. no_coordinates.
    message = _("acknowledges '{kind}', but there is no such gap any more").format(kind=kind)
    hint = _("remove the acknowledgement")
    return problem_at(doc, file, where, message, hint, "warning", "acknowledgement_unused")
