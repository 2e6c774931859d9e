"""The province dashboard: four charts computed from zone files, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..render import charts
from .aggregate import compute, select
from .site import DerivedSite
from .zones import ZoneView

UNKNOWN = "#d5dde3"
STATE_SYMBOL = {"planned": "○", "under_construction": "◐", "completed": "✓", "operating": "✓"}


@dataclass
class Dashboard:
    """Charts for one language, each with the rows of its data table."""

    land: Markup
    land_rows: list[tuple[str, str, str, str]]
    occupancy: Markup
    occupancy_rows: list[tuple[str, str, str]]
    works: Markup
    works_rows: list[tuple[str, list[str]]]
    work_names: list[str]
    tenants: Markup
    workers: Markup
    tenant_rows: list[tuple[str, str, str]]


def build(
    site: DerivedSite,
    lang: str,
    t: Callable[..., str],
    label: Callable[[str, str], str],
    fmt: dict[str, Callable[[float | None], str | None]],
) -> Dashboard:
    """All four charts. ``fmt`` formats numbers (``area``, ``pct``, ``count``) for ``lang``."""
    missing = t("not_published")

    def show(kind: str, value: float | None) -> str:
        return fmt[kind](value) or missing

    def name(z: ZoneView) -> str:
        return z.label.get(lang, site.languages)[0]

    # 1. Land and zones by status.
    land_bars, land_rows = [], []
    for key, definition in site.defs["statuses"].items():
        zones = select(site.zones, status=key)
        if not zones:
            continue
        area = compute("total_ha", zones)
        text = f"{t('zones_total', n=len(zones))} · {show('area', area.value)}"
        land_bars.append(charts.Bar(label(key, "statuses"), area.value, text, definition.color or "#0b4f6c"))
        land_rows.append(
            (
                label(key, "statuses"),
                fmt["count"](len(zones)) or "0",
                show("area", area.value),
                t("reporting", n=area.matched, reporting=fmt["count"](area.reporting)),
            )
        )
    unknown = [z for z in site.zones if not z.zone.status]
    if unknown:
        area = compute("total_ha", unknown)
        text = f"{t('zones_total', n=len(unknown))} · {show('area', area.value)}"
        land_bars.append(charts.Bar(t("status_unknown"), area.value, text, "#6b7280"))
        land_rows.append(
            (
                t("status_unknown"),
                fmt["count"](len(unknown)) or "0",
                show("area", area.value),
                t("reporting", n=area.matched, reporting=fmt["count"](area.reporting)),
            )
        )
    land = charts.bars("chart-land", t("chart_land"), t("chart_land_desc"), land_bars)

    # 2. Occupancy against the latest occupancy target.
    occ_bars, occ_rows = [], []
    for z in site.zones:
        targets = [tg for tg in z.zone.targets if tg.occupancy_pct is not None]
        target = max(targets, key=lambda tg: tg.year) if targets else None
        target_text = t("target_in", value=show("pct", target.occupancy_pct), year=str(target.year)) if target else ""
        value = z.land.occupancy_pct
        text = show("pct", value) + (f" ({target_text})" if target_text else "")
        occ_bars.append(
            charts.Bar(name(z), value, text, "#0b4f6c", target.occupancy_pct if target else None, target_text)
        )
        occ_rows.append((name(z), show("pct", value), target_text or "–"))
    occupancy = charts.bars("chart-occupancy", t("chart_occupancy"), t("chart_occupancy_desc"), occ_bars, 100)

    # 3. Infrastructure completion: zones × works.
    works = list(site.defs["infrastructure"])
    work_names = [label(key, "infrastructure") for key in works]
    cells, rows = [], []
    state_colors = {
        "planned": "#9aa5b1",
        "under_construction": "#1d4ed8",
        "completed": "#15803d",
        "operating": "#0f5f2c",
    }
    for z in site.zones:
        line, texts = [], []
        for (_, _, work), work_name in zip(z.infrastructure, work_names, strict=True):
            if work is None:
                line.append(charts.Cell(UNKNOWN, "?", f"{name(z)} · {work_name}: {missing}", "#33424e"))
                texts.append(missing)
            else:
                state = label(work.state, "infrastructure_states")
                color = site.defs["infrastructure_states"][work.state].color or state_colors.get(work.state, "#6b7280")
                line.append(charts.Cell(color, STATE_SYMBOL.get(work.state, "•"), f"{name(z)} · {work_name}: {state}"))
                texts.append(state)
        cells.append(line)
        rows.append((name(z), texts))
    matrix = charts.matrix(
        "chart-works", t("chart_works"), t("chart_works_desc"), [name(z) for z in site.zones], work_names, cells
    )

    # 4. Tenants and workers.
    est_bars, worker_bars, tenant_rows = [], [], []
    for z in site.zones:
        est, workers = z.zone.tenants.establishments, z.zone.tenants.workers
        est_bars.append(charts.Bar(name(z), est, show("count", est)))
        worker_bars.append(charts.Bar(name(z), workers, show("count", workers), "#c98a00"))
        tenant_rows.append((name(z), show("count", est), show("count", workers)))
    tenants = charts.bars("chart-tenants", t("chart_tenants"), t("chart_tenants_desc"), est_bars)
    workers_chart = charts.bars("chart-workers", t("chart_workers"), t("chart_workers_desc"), worker_bars)
    return Dashboard(
        land, land_rows, occupancy, occ_rows, matrix, rows, work_names, tenants, workers_chart, tenant_rows
    )
