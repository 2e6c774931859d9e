"""site.yaml checked first: its languages and definition keys are what every zone file is checked
against, and its theme says where templates and static files come from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, relpath
from ..i18n import _
from ..model import routes
from ..model.countries import DEFAULT
from ..model.definitions import merged, raw_keys
from ..model.site import Definition, SiteConfig
from ..model.types import locale_of
from ..source.files import Source, load_site_file
from .rules import file_rules, leads_out
from .validate import problem_at, validate_document


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
        return {"languages": self.languages, "refs": self.refs, "country": self.country}

    @property
    def country(self) -> str:
        return self.config.country if self.config is not None else DEFAULT


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


def _raw_languages(raw: Any) -> list[str]:
    """The languages site.yaml asks for, keeping only codes Babel knows (the others are reported
    once, on the languages line, instead of once per text field)."""
    if isinstance(raw, dict) and isinstance(raw.get("languages"), list):
        langs = [x for x in raw["languages"] if isinstance(x, str) and _known_locale(x)]
        if langs:
            return langs
    return ["vi", "en"]


def _known_locale(code: str) -> bool:
    return locale_of(code) is not None


def theme_folders(root: Path, settings: SiteSettings, problems: list[Problem]) -> tuple[list[Path], list[Path]]:
    """The template and static folders, the site's own first and then its theme's."""
    theme = _theme_dir(root, settings.config, settings.source, problems)
    templates = _unique([root / routes.TEMPLATES, theme / routes.TEMPLATES])
    static = _unique([root / routes.STATIC, theme / routes.STATIC])
    return templates, static


def static_file_problems(settings: SiteSettings, static_dirs: list[Path]) -> list[Problem]:
    """Files site.yaml names under static/ (share image, map outline) that are missing there or
    lead out of it."""
    if settings.config is None or settings.source is None:
        return []
    doc, file = settings.source.doc, settings.source.file
    found = file_rules(settings.config, static_dirs)
    return [problem_at(doc, file, loc, message, hint) for loc, message, hint in found]


def static_links_out(root: Path, static_dirs: list[Path]) -> list[Problem]:
    """Files in the static folders that are links to files outside them: every file there is
    published, so such a link would publish a file of the computer the site is built on."""
    problems = []
    for folder in static_dirs:
        inside = folder.resolve()
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            published = path.is_file() and not path.name.startswith(".")
            if published and path.is_symlink() and not path.resolve().is_relative_to(inside):
                message, hint = leads_out(path.relative_to(folder).as_posix())
                problems.append(Problem(relpath(path, root), 0, 0, "", message, hint))
    return problems


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
    if not (theme / routes.TEMPLATES).is_dir():
        assert source is not None
        problems.append(
            problem_at(
                source.doc,
                source.file,
                ("theme",),
                # Translators: {theme} is the folder named by theme: in site.yaml.
                _("'{theme}' has no templates/ folder").format(theme=config.theme),
                _("give the folder that holds templates/"),
            )
        )
        return root
    return theme
