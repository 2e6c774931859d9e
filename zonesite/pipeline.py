"""Load → validate → derive, as one call that either returns a consistent site or raises
:class:`~zonesite.errors.Abort` with every problem found in every file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .advice import site_warnings
from .definitions import merged, raw_keys
from .derive import DerivedSite, PageView, ZoneView, derive_zone, plan_rows, summarize
from .errors import Abort, Problem
from .load import Source, load_pages, load_site_file, load_strings, load_zones
from .model.page import PageMeta
from .model.site import Definition, SiteConfig
from .model.types import ANY_LANGUAGE, Text
from .model.zone import Zone
from .rules import check_zone
from .strings import Strings
from .strings import load_strings as parse_strings
from .validate import problem_at, salvage, validate_document

LANG_MARKER = re.compile(r"^<!--\s*lang:\s*([A-Za-z-]+)\s*-->\s*$", re.M)
RESERVED_PAGES = {"clusters", "static", "data", "map", "compare", "search", "dashboard", "pagefind"}


@dataclass
class SiteSettings:
    """site.yaml validated (``config`` is None if it is not), with what zone validation needs."""

    source: Source | None
    config: SiteConfig | None
    defs: dict[str, dict[str, Definition]] | None
    languages: list[str]
    refs: dict[str, set[str]]
    problems: list[Problem]

    @property
    def context(self) -> dict[str, Any]:
        return {"languages": self.languages, "refs": self.refs}


def read_settings(root: Path) -> SiteSettings:
    """Read site.yaml. When it is invalid, keys and languages are taken from what it says, so zone
    files can still be checked in the same run."""
    source, problems = load_site_file(root)
    raw = source.doc.data if source else None
    languages = _raw_languages(raw)
    refs = raw_keys(raw)
    config = None
    if source:
        config, found = validate_document(SiteConfig, source.doc, source.file, {"languages": languages, "refs": refs})
        problems += found
    defs = merged(config.definitions) if config else None
    if config and defs:
        refs = {kind: set(values) for kind, values in defs.items()} | {"sources": set(config.sources)}
    return SiteSettings(source, config, defs, languages, refs, problems)


def read_site(root: Path, today: dt.date | None = None) -> tuple[DerivedSite, list[Problem]]:
    """Read, validate and derive the site in ``root``; returns it with its warnings."""
    root = root.resolve()
    settings = read_settings(root)
    problems = list(settings.problems)
    config, defs, languages, site_source = settings.config, settings.defs, settings.languages, settings.source
    theme = _theme_dir(root, config, site_source, problems)
    template_dirs = _unique([root / "templates", theme / "templates"])
    static_dirs = _unique([root / "static", theme / "static"])
    context = settings.context

    zones = _zones(root, context, static_dirs, problems)
    pages = _pages(root, languages, problems)
    strings_loaded = load_strings([d / "strings.yaml" for d in reversed(template_dirs)], root)
    problems += strings_loaded.problems
    strings, found = parse_strings(strings_loaded.sources, languages)
    problems += found
    theme_ok = not any(p.field == "theme" for p in problems)
    if config and theme_ok and not any(d.joinpath("strings.yaml").is_file() for d in template_dirs):
        problems.append(Problem("templates/strings.yaml", 0, 0, "", "not found", "the templates need their UI strings"))

    errors = [p for p in problems if p.severity == "error"]
    if errors or config is None or defs is None:
        raise Abort(problems)
    views = [derive_zone(source, zone, body, defs, config.sources) for source, zone, body in zones]
    site = DerivedSite(
        root=root,
        config=config,
        defs=defs,
        zones=views,
        pages=pages,
        strings=strings,
        rows=plan_rows(config, views, defs),
        summary=summarize(views, defs),
        template_dirs=template_dirs,
        static_dirs=static_dirs,
    )
    warnings = [p for p in problems if p.severity != "error"]
    return site, warnings + site_warnings(site, site_source.doc, today)


def _raw_languages(raw: Any) -> list[str]:
    """The languages site.yaml asks for, keeping only codes Babel knows (the others are reported
    once, on the languages line, instead of once per text field)."""
    if isinstance(raw, dict) and isinstance(raw.get("languages"), list):
        langs = [x for x in raw["languages"] if isinstance(x, str) and _known_locale(x)]
        if langs:
            return langs
    return ["vi", "en"]


def _known_locale(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _unique(paths: list[Path]) -> list[Path]:
    result: list[Path] = []
    for path in paths:
        if path.resolve() not in [p.resolve() for p in result]:
            result.append(path)
    return result


def _theme_dir(root: Path, config: SiteConfig | None, source: Source | None, problems: list[Problem]) -> Path:
    if not config or not config.theme:
        return root
    theme = (root / config.theme).resolve()
    if not (theme / "templates").is_dir():
        assert source is not None
        problems.append(
            problem_at(
                source.doc,
                source.file,
                ("theme",),
                f"'{config.theme}' has no templates/ folder",
                "give the folder that holds templates/",
            )
        )
        return root
    return theme


def _zones(
    root: Path, context: dict[str, Any], static_dirs: list[Path], problems: list[Problem]
) -> list[tuple[Source, Zone, Text | None]]:
    loaded = load_zones(root)
    problems += loaded.problems
    dict_keys = {"infrastructure": context["refs"]["infrastructure"], "connectivity": context["refs"]["connectivity"]}
    result = []
    for source in loaded.sources:
        zone, found = validate_document(Zone, source.doc, source.file, context)
        body = None
        if source.body is not None and source.body.strip():
            body = _split_languages(source, context["languages"], problems)
            if zone is not None and zone.description is not None:
                problems.append(
                    problem_at(
                        source.doc,
                        source.file,
                        ("description",),
                        "the description is given twice: here and as the text below the front matter",
                        "keep one of them",
                    )
                )
        problems += found
        checked = zone if zone is not None else salvage(Zone, source.doc.data, context)
        if checked is not None:
            for path, message, hint in check_zone(checked, dict_keys, static_dirs):
                problems.append(problem_at(source.doc, source.file, path, message, hint))
        if zone is not None:
            result.append((source, zone, body))
    return result


def _split_languages(source: Source, languages: list[str], problems: list[Problem]) -> Text | None:
    """A Markdown body, either for every language or split by ``<!-- lang: xx -->`` lines."""
    body = source.body or ""
    markers = list(LANG_MARKER.finditer(body))
    if not markers:
        return Text({ANY_LANGUAGE: body.strip()}) if body.strip() else None
    values: dict[str, str] = {}
    before = body[: markers[0].start()]
    if before.strip():
        line = source.body_line + before[: len(before) - len(before.lstrip())].count("\n")
        problems.append(
            Problem(
                source.file,
                line,
                1,
                "",
                "text before the first <!-- lang: xx --> line",
                "move it under the language it is written in",
                source_line=before.strip().splitlines()[0],
            )
        )
    for index, marker in enumerate(markers):
        lang = marker.group(1)
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        line = source.body_line + body[: marker.start()].count("\n")
        if lang not in languages:
            problems.append(
                Problem(
                    source.file,
                    line,
                    1,
                    "",
                    f"'{lang}' is not one of the site's languages",
                    f"use one of {', '.join(languages)}",
                    source_line=marker.group(0),
                )
            )
            continue
        if lang in values:
            problems.append(
                Problem(
                    source.file,
                    line,
                    1,
                    "",
                    f"a second <!-- lang: {lang} --> section",
                    "merge the two",
                    source_line=marker.group(0),
                )
            )
        values[lang] = body[marker.end() : end].strip()
    values = {k: v for k, v in values.items() if v}
    return Text(values) if values else None


def _pages(root: Path, languages: list[str], problems: list[Problem]) -> list[PageView]:
    loaded = load_pages(root)
    problems += loaded.problems
    groups: dict[str, list[tuple[str | None, Source, PageMeta]]] = {}
    for source in loaded.sources:
        rel = source.path.relative_to(root / "content").with_suffix("").as_posix()
        stem, _, suffix = rel.rpartition(".")
        slug, lang = (stem, suffix) if stem and suffix in languages else (rel, None)
        if slug.split("/")[0] in RESERVED_PAGES or slug in ("index", "news", "news/index"):
            problems.append(
                Problem(source.file, 0, 0, "", f"'{slug}' is a name the site uses for its own pages", "rename the file")
            )
            continue
        meta, found = validate_document(PageMeta, source.doc, source.file, {"languages": languages})
        problems += found
        if meta is not None:
            groups.setdefault(slug, []).append((lang, source, meta))
    return [_page(slug, entries, languages, problems) for slug, entries in sorted(groups.items())]


def _page(
    slug: str, entries: list[tuple[str | None, Source, PageMeta]], languages: list[str], problems: list[Problem]
) -> PageView:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    bodies: dict[str, str] = {}
    files: dict[str, str] = {}
    entries.sort(key=lambda e: languages.index(e[0]) if e[0] in languages else -1)
    for lang, source, meta in entries:
        if lang is None:
            titles.update(meta.title.values)
            descriptions.update(meta.description.values if meta.description else {})
            body = _split_languages(source, languages, problems)
            bodies.update(body.values if body else {})
            files.update({code: source.file for code in languages})
        else:
            titles[lang] = meta.title.get(lang)[0]
            if meta.description:
                descriptions[lang] = meta.description.get(lang)[0]
            bodies[lang] = (source.body or "").strip()
            files[lang] = source.file
    first = entries[0][2]
    if slug.startswith("news/") and first.date is None:
        source = entries[0][1]
        problems.append(
            problem_at(
                source.doc,
                source.file,
                ("date",),
                "a news page needs a date",
                "add date: YYYY-MM-DD to its front matter",
            )
        )
    return PageView(
        slug=slug,
        date=first.date,
        title=Text(titles),
        description=Text(descriptions) if descriptions else None,
        body=Text(bodies or {ANY_LANGUAGE: ""}),
        nav=first.nav,
        template=first.template,
        files=files,
    )


__all__ = ["Strings", "ZoneView", "read_site"]
