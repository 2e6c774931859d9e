"""The data-quality report (``check --report``): every zone's gaps, worst first.

Gaps are weighted by what an investor screens on first: free land, a contact, the stage the zone
is at and its price outweigh a missing translation. The report is a standalone page for staff,
marked ``noindex`` and written outside the published site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..derive.coverage import zone_findings
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..i18n import N_, _, language
from ..model.registry import specs, walked
from ..model.zone import Zone
from ..output.write import write_file
from ..render.engine import render_engine

# A gap in a field the registry gives no weight weighs this much (a missing translation...).
LEAST_WEIGHT = 2
# The works investors ask about first, and the gap each one's missing state makes.
KEY_WORKS = {
    "wastewater_treatment": N_("state of wastewater treatment not published"),
    "power_supply": N_("state of power supply not published"),
    "water_supply": N_("state of water supply not published"),
}


@dataclass(frozen=True)
class Gap:
    field: str
    message: str
    weight: int
    line: int
    translation: bool = False


@dataclass
class ZoneReport:
    view: ZoneView
    gaps: list[Gap]

    @property
    def score(self) -> int:
        """The share (per cent) of what investors screen on that the zone does not give: each of
        the registry's weighted fields counts once, by its weight, however many gaps it has, so a
        well-documented zone with many tenants never ranks below one that says almost nothing."""
        critical = [(spec.dotted, spec.facts.weight) for spec in walked(Zone) if spec.facts.weight]
        fields = {".".join(p for p in g.field.split(".") if not p.isdigit()) for g in self.gaps if not g.translation}
        missing = sum(w for dotted, w in critical if any(f == dotted or f.startswith(dotted + ".") for f in fields))
        return round(100 * missing / sum(w for _d, w in critical))


def _extra_gaps(view: ZoneView) -> list[tuple[str, str]]:
    """Gaps that are not warnings (the build does not nag about them) but weaken a listing."""
    z = view.zone
    gaps = []
    if z.status is None:
        gaps.append(("status", _("no status (planned, established, under construction, operating)")))
    if z.lease.price_usd_m2 is None and z.lease.price_vnd_m2 is None:
        gaps.append(("lease", _("no land lease price")))
    if z.area.total_ha is None:
        gaps.append(("area.total_ha", _("no total area")))
    for key, gap in KEY_WORKS.items():
        if key not in z.infrastructure:
            gaps.append((f"infrastructure.{key}", _(gap)))
    if not z.connectivity:
        gaps.append(("connectivity", _("no distance to seaport, airport or highway")))
    if not z.industries:
        gaps.append(("industries", _("no target industries")))
    if z.developer.name is None:
        gaps.append(("developer.name", _("no infrastructure investor named")))
    if not z.photos:
        gaps.append(("photos", _("no photo")))
    return gaps


def _weight(path: tuple[str | int, ...]) -> int:
    """The registry's weight of the field at ``path`` or, failing that, of the nearest weighted
    field above it (``infrastructure.power_supply`` weighs what ``infrastructure`` does)."""
    known = specs(Zone)
    for end in range(len(path), 0, -1):
        spec = known.get(".".join(str(p) for p in path[:end]))
        if spec is not None and spec.facts.weight:
            return spec.facts.weight
    return LEAST_WEIGHT


def zone_report(site: DerivedSite, view: ZoneView, today: dt.date) -> ZoneReport:
    gaps = []
    for f in zone_findings(
        view, site.languages, site.config.freshness_days, today, site.static_dirs, site.config.country
    ):
        weight = LEAST_WEIGHT if f.translation else _weight(f.path[:1])
        gaps.append(Gap(".".join(str(p) for p in f.path), f.message, weight, view.doc.mark(f.path).line, f.translation))
    for name, message in _extra_gaps(view):
        path = tuple(name.split("."))
        gaps.append(Gap(name, message, _weight(path), view.doc.mark(path).line))
    gaps.sort(key=lambda g: (-g.weight, g.field))
    return ZoneReport(view, gaps)


def build_report(site: DerivedSite, today: dt.date | None = None) -> list[ZoneReport]:
    today = today or dt.date.today()
    reports = [zone_report(site, view, today) for view in site.zones]
    return sorted(reports, key=lambda r: (-r.score, -sum(g.weight for g in r.gaps), r.view.slug))


@dataclass(frozen=True)
class ReportRow:
    """One zone of the report, named in the site's first language."""

    slug: str
    name: str
    file: str
    gaps: list[Gap]
    score: int


@dataclass(frozen=True)
class PlanCheck:
    """A published plan figure beside the same figure computed from the zone files."""

    label: str
    published: str
    computed: str
    difference: str
    coverage: str


def plan_checks(site: DerivedSite, lang: str) -> list[PlanCheck]:
    """The plan's figures against the zone files: a data-coverage check, for staff only."""
    checks = []
    for row in site.rows:
        label = row.figure.label.get(lang, site.languages)[0]
        computed = row.computed
        if computed is None or computed.value is None:
            shown = _("not computable") if computed is None else _("no zone reports it")
            checks.append(PlanCheck(label, f"{row.figure.value:g}", shown, "", ""))
            continue
        difference = f"{computed.value - row.figure.value:+g}"
        # Translators: in the report's "Reported by" column: how many of the zones a figure covers give it.
        coverage = _("{reporting} of {matched} zones").format(reporting=computed.reporting, matched=computed.matched)
        checks.append(PlanCheck(label, f"{row.figure.value:g}", f"{computed.value:g}", difference, coverage))
    return checks


def report_html(site: DerivedSite, reports: list[ZoneReport], today: dt.date | None = None) -> str:
    """A standalone HTML page for staff, from the engine's own template (every text escaped)."""
    lang, languages = site.languages[0], site.languages
    rows = [ReportRow(r.view.slug, r.view.name.get(lang, languages)[0], r.view.file, r.gaps, r.score) for r in reports]
    title = site.config.title.get(lang, languages)[0]
    today_text = (today or dt.date.today()).isoformat()
    plan = plan_checks(site, lang)
    return render_engine("quality-report.html", lang=language(), title=title, today=today_text, reports=rows, plan=plan)


def write_report(site: DerivedSite, path: Path, today: dt.date | None = None) -> int:
    """Write the report; returns the number of gaps found."""
    reports = build_report(site, today)
    write_file(path, report_html(site, reports, today))
    return sum(len(r.gaps) for r in reports)
