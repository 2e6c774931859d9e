"""Markdown bodies split by language, and content pages gathered from their files.

A body is written for every language, or split by ``<!-- lang: xx -->`` lines; a page is one file
with such sections, or one file per language (``about.vi.md``, ``about.en.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from ..errors import Problem
from ..i18n import _
from ..model import routes
from ..model.page import PageMeta
from ..model.types import ANY_LANGUAGE, PartialDate, Text, inside_folder, locale_of
from ..source.files import SLUG, Source, load_pages
from .validate import problem_at, validate_document

LANG_MARKER = re.compile(r"^<!--\s*lang:\s*([A-Za-z-]+)\s*-->\s*$", re.M)


@dataclass
class PageView:
    """A content page in every language it is written in."""

    slug: str
    title: Text
    description: Text | None
    body: Text
    nav: int | None
    template: str
    files: dict[str, str]
    date: PartialDate | None = None

    @property
    def path(self) -> str:
        return f"{self.slug}/"

    @property
    def is_news(self) -> bool:
        return self.slug.startswith(f"{routes.NEWS}/")

    def summary(self, lang: str, languages: list[str]) -> str:
        """One sentence about the page: its description, else the first paragraph of its text,
        without Markdown marks (for feeds and link previews)."""
        if self.description is not None:
            return self.description.get(lang, languages)[0]
        body = self.body.get(lang, languages)[0]
        first = next((p for p in re.split(r"\n\s*\n", body) if p.strip() and not p.lstrip().startswith("#")), "")
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", first)  # links and images: their text
        return " ".join(re.sub(r"[*_`]+", "", text).split())


def _marker_problem(source: Source, line: int, text: str, message: str, hint: str) -> Problem:
    return Problem(source.file, line, 1, "", message, hint, source_line=text)


def split_languages(source: Source, languages: list[str], problems: list[Problem]) -> Text | None:
    """A Markdown body, either for every language or split by ``<!-- lang: xx -->`` lines."""
    body = source.body or ""
    markers = list(LANG_MARKER.finditer(body))
    if not markers:
        return Text({ANY_LANGUAGE: body.strip()}) if body.strip() else None
    before = body[: markers[0].start()]
    if before.strip():
        line = source.body_line + before[: len(before) - len(before.lstrip())].count("\n")
        message = _("text before the first <!-- lang: xx --> line")
        hint = _("move it under the language it is written in")
        problems.append(_marker_problem(source, line, before.strip().splitlines()[0], message, hint))
    values: dict[str, str] = {}
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        lang = _section_language(source, marker, languages, values, problems)
        if lang is not None:
            values[lang] = body[marker.end() : end].strip()
    values = {k: v for k, v in values.items() if v}
    return Text(values) if values else None


def _section_language(
    source: Source, marker: re.Match[str], languages: list[str], seen: dict[str, str], problems: list[Problem]
) -> str | None:
    """The language a ``<!-- lang: xx -->`` line opens, or None (reported) if it is not the site's."""
    lang = marker.group(1)
    line = source.body_line + (source.body or "")[: marker.start()].count("\n")
    # A section in a language the site does not publish is kept and unused, as texts are.
    if lang not in languages and locale_of(lang) is None:
        # Translators: {lang} is a language code as written in the file, e.g. fr.
        message = _("'{lang}' is not one of the site's languages").format(lang=lang)
        # Translators: {languages} lists the site's language codes, e.g. "vi, en".
        hint = _("use one of {languages}").format(languages=", ".join(languages))
        problems.append(_marker_problem(source, line, marker.group(0), message, hint))
        return None
    if lang in seen:
        # Translators: {lang} is a language code, e.g. vi; keep <!-- lang: {lang} --> as written.
        message, hint = _("a second <!-- lang: {lang} --> section").format(lang=lang), _("merge the two")
        problems.append(_marker_problem(source, line, marker.group(0), message, hint))
    return lang


def check_pages(
    root: Path, languages: list[str], problems: list[Problem], template_dirs: list[Path] | None = None
) -> list[PageView]:
    """Every content page, its language versions gathered under one slug; with ``template_dirs``,
    the template each names must be one of theirs."""
    loaded = load_pages(root)
    problems += loaded.problems
    groups: dict[str, list[tuple[str | None, Source, PageMeta]]] = {}
    reserved = routes.reserved()
    for source in loaded.sources:
        rel = source.path.relative_to(root / routes.PAGES).with_suffix("").as_posix()
        stem, _dot, suffix = rel.rpartition(".")
        if stem and suffix not in languages and locale_of(suffix) is not None:
            continue  # a version in a language the site does not publish (about.vi.md on an English site)
        slug, lang = (stem, suffix) if stem and suffix in languages else (rel, None)
        wrong = _slug_problem(source, slug, lang)
        if wrong is not None:
            problems.append(wrong)
            continue
        if slug.split("/")[0] in reserved or slug in ("index", routes.NEWS, f"{routes.NEWS}/index"):
            # Translators: {slug} is the page's address taken from its file name, e.g. map or data/prices.
            message = _("'{slug}' is a name the site uses for its own pages").format(slug=slug)
            problems.append(Problem(source.file, 0, 0, "", message, _("rename the file")))
            continue
        meta, found = validate_document(PageMeta, source.doc, source.file, {"languages": languages})
        problems += found
        if meta is not None and template_dirs is not None and not _has_template(template_dirs, meta.template):
            # Translators: {name} is the template named by the page, as written.
            message = _("template '{name}' not found under templates/").format(name=meta.template)
            problems.append(problem_at(source.doc, source.file, ("template",), message, _("e.g. page.html")))
        elif meta is not None:
            groups.setdefault(slug, []).append((lang, source, meta))
    return [_page(slug, entries, languages, problems) for slug, entries in sorted(groups.items())]


def _slug_problem(source: Source, slug: str, lang: str | None) -> Problem | None:
    """Why a page's file or folder name cannot be part of its address, or None: the name is the
    URL, so it takes what a zone file's name takes."""
    *folders, name = slug.split("/")
    wrong = next((part for part in folders if not SLUG.match(part)), None)
    if wrong is not None:
        message, renamed = _("the folder name must be a slug (lower-case a-z, 0-9, '-')"), slugify(wrong) or "pages"
    elif not SLUG.match(name):
        message = _("the file name must be a slug (lower-case a-z, 0-9, '-')")
        renamed = f"{slugify(name) or 'page'}{f'.{lang}' if lang else ''}.md"
    else:
        return None
    # Translators: {name} is the file name to use instead, e.g. trang-e.yaml.
    return Problem(source.file, 0, 0, "", message, _("rename it to {name}").format(name=renamed))


def _has_template(template_dirs: list[Path], name: str) -> bool:
    """Whether ``name`` is a file inside one of the template folders."""
    if not inside_folder(name):
        return False
    for folder in template_dirs:
        try:
            if (folder / name).is_file():
                return True
        except OSError:  # a name the system refuses (too long...) names no template
            return False
    return False


@dataclass
class _Versions:
    """A page's texts gathered from its files, language by language."""

    titles: dict[str, str]
    descriptions: dict[str, str]
    bodies: dict[str, str]
    files: dict[str, str]

    def add_all(self, source: Source, meta: PageMeta, languages: list[str], problems: list[Problem]) -> None:
        """A file with every language, its body split by ``<!-- lang: xx -->`` lines."""
        self.titles.update(meta.title.values)
        self.descriptions.update(meta.description.values if meta.description else {})
        body = split_languages(source, languages, problems)
        self.bodies.update(body.values if body else {})
        self.files.update({code: source.file for code in languages})

    def add_one(self, lang: str, source: Source, meta: PageMeta) -> None:
        """A file in one language (``about.en.md``)."""
        self.titles[lang] = meta.title.get(lang)[0]
        if meta.description:
            self.descriptions[lang] = meta.description.get(lang)[0]
        self.bodies[lang] = (source.body or "").strip()
        self.files[lang] = source.file


def _page(
    slug: str, entries: list[tuple[str | None, Source, PageMeta]], languages: list[str], problems: list[Problem]
) -> PageView:
    versions = _Versions({}, {}, {}, {})
    entries.sort(key=lambda e: languages.index(e[0]) if e[0] in languages else -1)
    for lang, source, meta in entries:
        if lang is None:
            versions.add_all(source, meta, languages, problems)
        else:
            versions.add_one(lang, source, meta)
    first_source, first = entries[0][1], entries[0][2]
    if slug.startswith(f"{routes.NEWS}/") and first.date is None:
        # Translators: keep "date: YYYY-MM-DD" as written: it is the line to add to the file.
        hint = _("add date: YYYY-MM-DD to its front matter")
        message = _("a news page needs a date")
        problems.append(problem_at(first_source.doc, first_source.file, ("date",), message, hint))
    return PageView(
        slug=slug,
        date=first.date,
        title=Text(versions.titles),
        description=Text(versions.descriptions) if versions.descriptions else None,
        body=Text(versions.bodies or {ANY_LANGUAGE: ""}),
        nav=first.nav,
        template=first.template,
        files=versions.files,
    )
