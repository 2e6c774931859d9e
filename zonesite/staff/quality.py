"""The data-quality report (``check --report``): every zone's gaps, worst first.

Gaps are weighted by what an investor screens on first: free land, a contact, the stage the zone
is at and its price outweigh a missing translation. The report is a standalone page for staff,
marked ``noindex`` and written outside the published site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..derive.coverage import zone_findings
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..model.registry import specs
from ..model.zone import Zone
from ..output.write import write_file

# A gap in a field the registry gives no weight weighs this much (a missing translation...).
LEAST_WEIGHT = 2
KEY_WORKS = ("wastewater_treatment", "power_supply", "water_supply")


@dataclass(frozen=True)
class Gap:
    field: str
    message: str
    weight: int
    line: int


@dataclass
class ZoneReport:
    view: ZoneView
    gaps: list[Gap]

    @property
    def score(self) -> int:
        return sum(g.weight for g in self.gaps)


def _extra_gaps(view: ZoneView) -> list[tuple[str, str]]:
    """Gaps that are not warnings (the build does not nag about them) but weaken a listing."""
    z = view.zone
    gaps = []
    if z.status is None:
        gaps.append(("status", "no status (planned, established, under construction, operating)"))
    if z.lease.price_usd_m2 is None and z.lease.price_vnd_m2 is None:
        gaps.append(("lease", "no land lease price"))
    if z.area.total_ha is None:
        gaps.append(("area.total_ha", "no total area"))
    for key in KEY_WORKS:
        if key not in z.infrastructure:
            gaps.append((f"infrastructure.{key}", f"state of {key.replace('_', ' ')} not published"))
    if not z.connectivity:
        gaps.append(("connectivity", "no distance to seaport, airport or highway"))
    if not z.industries:
        gaps.append(("industries", "no target industries"))
    if z.developer.name is None:
        gaps.append(("developer.name", "no infrastructure investor named"))
    if not z.photos:
        gaps.append(("photos", "no photo"))
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
    for f in zone_findings(view, site.languages, site.config.freshness_days, today, site.static_dirs):
        weight = LEAST_WEIGHT if f.translation else _weight(f.path[:1])
        gaps.append(Gap(".".join(str(p) for p in f.path), f.message, weight, view.doc.mark(f.path).line))
    for name, message in _extra_gaps(view):
        path = tuple(name.split("."))
        gaps.append(Gap(name, message, _weight(path), view.doc.mark(path).line))
    gaps.sort(key=lambda g: (-g.weight, g.field))
    return ZoneReport(view, gaps)


def build_report(site: DerivedSite, today: dt.date | None = None) -> list[ZoneReport]:
    today = today or dt.date.today()
    reports = [zone_report(site, view, today) for view in site.zones]
    return sorted(reports, key=lambda r: (-r.score, r.view.slug))


def report_html(site: DerivedSite, reports: list[ZoneReport], today: dt.date | None = None) -> str:
    """A standalone HTML page; every text is escaped."""
    today = today or dt.date.today()
    lang = site.languages[0]
    title = site.config.title.get(lang, site.languages)[0]
    rows, sections = [], []
    for report in reports:
        name = escape(report.view.name.get(lang, site.languages)[0])
        anchor = escape(report.view.slug)
        rows.append(
            f'<tr><th scope="row"><a href="#{anchor}">{name}</a></th><td>{escape(report.view.file)}</td>'
            f'<td class="n">{len(report.gaps)}</td><td class="n">{report.score}</td></tr>'
        )
        items = (
            "".join(
                f'<li class="w{min(g.weight, 10)}"><code>{escape(report.view.file)}:{g.line}</code> '
                f"<strong>{escape(g.field)}</strong>: {escape(g.message)}</li>"
                for g in report.gaps
            )
            or "<li>No gaps.</li>"
        )
        sections.append(f'<section id="{anchor}"><h2>{name}</h2><ul>{items}</ul></section>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>Data quality · {escape(title)}</title>
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1c2731; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 4px 8px; border-bottom: 1px solid #d5dde3; }}
td.n {{ text-align: right; }} li {{ margin: 2px 0; }} li.w10, li.w9, li.w8 {{ color: #8a1c1c; }}
code {{ color: #5a6772; }}
</style></head><body>
<h1>Data quality of {escape(title)}</h1>
<p>Checked on {today.isoformat()}. Zones with the most important gaps come first; within a zone, the gaps an
investor notices first (free land, contact, status, price) come first. Fix them in the files named, then run
<code>python build.py check --report</code> again. This page is not part of the published site.</p>
<table><thead><tr><th scope="col">Zone</th><th scope="col">File</th><th scope="col">Gaps</th>
<th scope="col">Weight</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
{"".join(sections)}
</body></html>
"""


def write_report(site: DerivedSite, path: Path, today: dt.date | None = None) -> int:
    """Write the report; returns the number of gaps found."""
    reports = build_report(site, today)
    write_file(path, report_html(site, reports, today))
    return sum(len(r.gaps) for r in reports)
