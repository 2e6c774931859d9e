"""Hostile input, tried by a machine: arbitrary YAML in a zone file and arbitrary strings (markup,
template syntax, control characters, very long text) in every text field the registry knows.

Whatever staff or a spreadsheet put in the files, a build either succeeds, with nothing they wrote
turned into markup, or stops with every problem located in the file that holds it (exit status 1
from the command line); never a traceback. The builds run in-process through the same function
``build.py build`` calls, so a crash surfaces here as the exception itself.
"""

from __future__ import annotations

import copy
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, headlines, make_site, parse, run_cli, site_yaml, strip_tags
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from zonesite.check.rules import check_zone, file_rules
from zonesite.check.settings import read_settings, theme_folders
from zonesite.check.zones import section_keys
from zonesite.commands.build import build
from zonesite.errors import Abort, Problem
from zonesite.model.definitions import raw_keys
from zonesite.model.page import PageMeta
from zonesite.model.registry import FieldSpec, fields, static_files, walked_items
from zonesite.model.site import SiteConfig
from zonesite.model.types import safe_link
from zonesite.model.zone import Document, Zone
from zonesite.pipeline import read_site
from zonesite.render.markdown import render_markdown

# The kinds of field a person types free text into: every one of them gets hostile strings.
TYPED = ("text", "texts", "string", "key", "keys")
ZONE_FILE = "clusters/hostile.yaml"
PAGE_FILE = "content/hostile.md"
IMAGE, DOCUMENT = "images/hostile.jpg", "docs/hostile.pdf"
SETTINGS = settings(
    max_examples=int(os.environ.get("ZONESITE_HOSTILE_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # Each example is a build: a failure is reported as found, not shrunk through hundreds more.
    phases=[Phase.explicit, Phase.generate],
)


def typed_fields(model: type[BaseModel]) -> list[FieldSpec]:
    """Every field of ``model`` (through groups, lists and keyed sections) that holds typed text."""
    return [spec for spec in walked_items(model) if spec.kind in TYPED]


# --- a zone and a site.yaml with every field the engine accepts ----------------------------------


def sample(spec: FieldSpec, refs: dict[str, set[str]]) -> Any:
    """A plain value of the field's kind, read off the registry; what the engine refuses is healed away."""
    if spec.kind in ("group", "groups", "keyed"):
        item = filled(spec.group, refs) if spec.group else "x"
        key = min(refs.get(spec.ref or "", set()) or {"k"})
        return {"group": item, "groups": [item], "keyed": {key: item}}[spec.kind]
    if spec.kind in ("key", "keys"):
        key = min(refs.get(spec.ref or "", set()) or {"name"})
        return key if spec.kind == "key" else [key]
    if spec.kind in ("integer", "number"):
        low = max([value + (attr == "gt") for attr, value in spec.limits() if attr in ("ge", "gt")], default=1)
        return int(low) if spec.kind == "integer" else float(low)
    if spec.kind == "choice":
        return spec.choices[0]
    simple = {"text": "x", "texts": ["x"], "date": "2024-05-01", "boolean": False}
    unit = spec.unit.name if spec.unit else ""
    addresses = {"url": "https://example.test/", "email": "info@example.test", "phone": "0258 3822 111"}
    return simple.get(spec.kind, addresses.get(unit, "x"))


def filled(model: type[BaseModel], refs: dict[str, set[str]]) -> dict[str, Any]:
    """Every field of ``model`` given a value (files: one that the site has under static/)."""
    files = {spec.name for spec in static_files(model) if len(spec.path) == 1}
    file = DOCUMENT if model is Document else IMAGE
    return {spec.name: file if spec.name in files else sample(spec, refs) for spec in fields(model)}


def merged(base: Any, over: Any) -> Any:
    """``over`` laid on ``base``, mapping by mapping."""
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{key: merged(base.get(key), value) for key, value in over.items()}}
    return over


def drop(data: Any, loc: tuple[Any, ...]) -> None:
    """Remove the value at ``loc`` (or, when it is already absent, its parent)."""
    while loc:
        node = data
        for part in loc[:-1]:
            node = node[part] if isinstance(node, dict) else node[part] if isinstance(node, list) else None
            if node is None:
                break
        last = loc[-1]
        if isinstance(node, dict) and last in node:
            del node[last]
            return
        if isinstance(node, list) and isinstance(last, int) and last < len(node):
            del node[last]
            return
        loc = loc[:-1]


def heal(model: type[BaseModel], data: dict[str, Any], context: dict[str, Any], rules: Any) -> dict[str, Any]:
    """``data`` without the values the engine refuses: the model's errors, then its rules' findings."""
    for _ in range(300):
        try:
            record = model.model_validate(data, context=context)
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = tuple(part for part in error["loc"] if part != "[key]")
            node = _at(data, loc)
            if isinstance(node, dict) and node and error["type"] != "missing":
                loc = (*loc, list(node)[-1])  # fields that contradict each other: drop the last one
        else:
            found = next(iter(rules(record)), None)
            if found is None:
                return data
            loc = found[0]
        drop(data, loc)
    raise AssertionError(f"{model.__name__}: could not make a valid record")


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at ``loc``, or None."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def loc_of(field: str) -> tuple[str | int, ...]:
    """``acknowledged[0].zones[1]`` as ``("acknowledged", 0, "zones", 1)``."""
    return tuple(int(part[1:-1]) if part.startswith("[") else part for part in re.findall(r"\[\d+\]|[^.\[\]]+", field))


# --- where a field's values sit in plain data --------------------------------------------------


def slots(node: Any, model: type[BaseModel], path: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The mappings that hold the field at ``path`` (through lists and keyed sections)."""
    if not isinstance(node, dict):
        return
    if len(path) == 1:
        yield node
        return
    spec = next(s for s in fields(model) if s.name == path[0])
    child = node.get(path[0])
    items = child if spec.kind == "groups" else list(child.values()) if spec.kind == "keyed" else [child]
    for item in items if isinstance(items, list) else []:
        yield from slots(item, spec.group, path[1:])


def put(data: dict[str, Any], model: type[BaseModel], spec: FieldSpec, value: Any) -> int:
    """Write ``value`` into every place of the field; how many there were."""
    places = list(slots(data, model, spec.path))
    for place in places:
        place[spec.name] = [value] if spec.kind in ("texts", "keys") else value
    return len(places)


# --- the site the properties build --------------------------------------------------------------


class Site:
    """A small site whose site.yaml, one zone and one page fill every field; each example rewrites
    one of them and builds."""

    def __init__(self, root: Path) -> None:
        self.root, self.out = root, root.parent / "_site"
        files = {f"static/{IMAGE}": b"\xff\xd8\xff\xe0 not really a JPEG", f"static/{DOCUMENT}": b"%PDF-1.4\n"}
        pages = {"hostile.md": "---\ntitle: x\n---\nText.\n"}
        make_site(root, zones={"hostile.yaml": "name: x\ntype: industrial_cluster\n"}, pages=pages, files=files)
        self.site = self._site()
        self.write("site.yaml", self.site)
        settings_ = read_settings(root)
        self.context = settings_.context
        _templates, self.static_dirs = theme_folders(root, settings_, [])
        keys = section_keys(self.context["refs"])
        self.zone = heal(
            Zone,
            filled(Zone, self.context["refs"]),
            self.context,
            lambda zone: check_zone(zone, keys, self.static_dirs, self.context["country"]),
        )
        self.page = {"title": "x", "description": "x"}
        self.restore()
        self._heal_site_rules()

    def _heal_site_rules(self) -> None:
        """Drop what the rules across the whole site refuse (a slug no zone has...)."""
        for _ in range(20):
            try:
                read_site(self.root)
                return
            except Abort as abort:
                errors = [p for p in abort.problems if p.severity == "error"]
                assert errors and all(p.file in ("site.yaml", ZONE_FILE) for p in errors), abort.problems
                for problem in errors:
                    drop(self.site if problem.file == "site.yaml" else self.zone, loc_of(problem.field))
                self.restore()
        raise AssertionError("the base site does not build")

    def _site(self) -> dict[str, Any]:
        base = yaml.safe_load(site_yaml(REPO))
        data = merged(filled(SiteConfig, raw_keys(base)), base)
        static_dirs = [self.root / "static", REPO / "static"]
        context = {"languages": base["languages"], "refs": raw_keys(data)}
        return heal(SiteConfig, data, context, lambda config: file_rules(config, static_dirs))

    def write(self, name: str, data: Any, body: str = "") -> None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if name.endswith(".md"):
            text = f"---\n{text}---\n{body}"
        (self.root / name).write_text(text, encoding="utf-8")

    def restore(self) -> None:
        """Every file as the base has it."""
        self.write("site.yaml", self.site)
        self.write(ZONE_FILE, self.zone)
        self.write(PAGE_FILE, self.page, "Text.\n")

    def outcome(self, where: str, written: str) -> None:
        """Build; the build succeeds with no markup from ``written``, or every error is located in ``where``."""
        try:
            build(self.root, self.out)
        except Abort as abort:
            assert_located(abort.problems, where)
        else:
            assert_no_markup(self.out, written)
        finally:
            self.restore()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    made = Site(tmp_path_factory.mktemp("hostile") / "site")
    try:
        build(made.root, made.out)  # the base itself builds: each example changes one thing in it
    except Abort as abort:
        pytest.fail("the base does not build:\n" + "\n".join(p.render() for p in abort.problems))
    return made


def assert_located(problems: list[Problem], where: str) -> None:
    errors = [p for p in problems if p.severity == "error"]
    assert errors, "the build stopped without an error"
    for problem in errors:
        line = problem.render()
        assert problem.file == where, f"an error outside {where}: {line}"
        assert problem.line >= 1 and problem.col >= 1, f"an error without its line and column: {line}"
        assert problem.message.strip(), f"an error without a message: {line}"


# --- what the output may not contain -------------------------------------------------------------

TOKEN = "hz"  # every payload below names its tags, attributes and calls with it
JINJA = "hzjinja"
PAYLOADS = [
    "<script>hz()</script>",
    '"><img src=x onerror=hz()>',
    "'><svg onload=hz()>",
    "<hz-tag hz-attr=1>",
    '" hz-attr="1',
    "' hz-attr='1",
    "</title></script></textarea><hz-tag>",
    "<a href=javascript:hz()>a</a>",
    "[a](javascript:hz())",
    "![a](data:text/html,hz)",
    "<iframe src=//hz.test></iframe>",
    "<base href=//hz.test/>",
    "<meta http-equiv=refresh content=0;url=//hz.test>",
    "<style>hz{}</style>",
    "<form action=//hz.test><button formaction=javascript:hz()>",
    "<div style=hz:1 hz-attr>",
    '{{ "hz" ~ "jinja" }}',
    "{% raw %}",
    "{% if %}",
    "{# c",
    "]]>",
    "<!--",
    "-->",
    "&lt;hz-tag&gt;",
    "&#60;hz-tag&#62;",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "\u202e",
    "\r\n",
    "| a |\n|---|\n| <hz-tag> |",
    "    <hz-tag>",
    "`<hz-tag>`",
    "*" * 3,
    "x" * 3000,
    "../" * 5,
    "%s%n{0}${x}",
]
hostile = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=12)), min_size=1, max_size=5).map("".join)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href")
# Tags no field, description or page may ever bring into a page.
FORBIDDEN = ("iframe", "object", "embed", "base")


JSON_TYPES = ("application/json", "application/ld+json")


class Elements(HTMLParser):
    """Every start tag with its attributes, and each script and style element with its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: list[tuple[str, str, list[str]]] = []  # (tag, type, text in parts)
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        self.tags.append((tag, named))
        self.open = tag in ("script", "style")
        if self.open:
            self.blocks.append((tag, named.get("type", ""), []))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.blocks[-1][2].append(data)

    def handle_endtag(self, tag: str) -> None:
        self.open = False


def markup_problems(html: str) -> Iterator[str]:
    """Elements and attributes a page has that no input may put there."""
    page = Elements()
    page.feed(html)
    page.close()
    for tag, attrs in page.tags:
        if TOKEN in tag or tag in FORBIDDEN:
            yield f"<{tag}> element"
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            yield "a refresh <meta>"
        for name, value in attrs.items():
            if name.startswith("on") or TOKEN in name:
                yield f"<{tag} {name}> attribute"
            if name in URL_ATTRIBUTES and not safe_link(value):
                yield f"<{tag} {name}={value!r}>"
    for tag, kind, parts in page.blocks:
        text = "".join(parts)
        if kind in JSON_TYPES:
            try:
                json.loads(text)  # data, never run: it must stay one JSON value, closed where it began
            except ValueError:
                yield f"<script type={kind}> that is no longer JSON: {text[:80]!r}"
        elif f"{TOKEN}(" in text or f"{TOKEN}{{" in text:
            yield f"<{tag}> running {text[:60]!r}"


def assert_no_markup(out: Path, written: str) -> None:
    """No page has markup from ``written``; the feeds stay XML and the data JSON; no template ran it."""
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml", ".json") or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(out).as_posix()
        if path.suffix == ".html":
            found = list(markup_problems(text))
            assert not found, f"{name}: {found} from {written!r}"
        elif path.suffix == ".xml":
            ET.fromstring(text.encode("utf-8"))
        else:
            json.loads(text)
        assert JINJA not in text or JINJA in written, f"{name}: a template ran {written!r}"


# --- the properties ---------------------------------------------------------------------------


def draw_field(data: st.DataObject, model: type[BaseModel]) -> FieldSpec:
    """One typed field of ``model``, shown by its dotted path when an example fails."""
    specs = {spec.dotted: spec for spec in typed_fields(model)}
    return specs[data.draw(st.sampled_from(sorted(specs)), label="field")]


def test_the_base_fills_every_typed_field(site: Site) -> None:
    """Every field the properties below write to is present in the base, so each reaches the pages."""
    assert [s.dotted for s in typed_fields(Zone) if not list(slots(site.zone, Zone, s.path))] == []
    missing = [s.dotted for s in typed_fields(SiteConfig) if not list(slots(site.site, SiteConfig, s.path))]
    assert missing == []


@SETTINGS
@given(data=st.data(), value=hostile, per_language=st.booleans())
def test_any_string_in_any_zone_field(site: Site, data: st.DataObject, value: str, per_language: bool) -> None:
    spec = draw_field(data, Zone)
    zone = copy.deepcopy(site.zone)
    text = {"vi": value, "en": value} if per_language and spec.kind == "text" else value
    assert put(zone, Zone, spec, text)
    site.write(ZONE_FILE, zone)
    site.outcome(ZONE_FILE, value)


def put_everywhere(data: dict[str, Any], model: type[BaseModel], value: str) -> None:
    """``value`` in every text field of ``model`` at once: texts take any string, so the build goes
    on to the pages, where every place a text is shown is tried in one example."""
    for spec in typed_fields(model):
        if spec.kind in ("text", "texts"):
            put(data, model, spec, value)


@SETTINGS
@given(value=hostile)
def test_any_string_in_every_text_of_a_zone(site: Site, value: str) -> None:
    zone = copy.deepcopy(site.zone)
    put_everywhere(zone, Zone, value)
    site.write(ZONE_FILE, zone)
    site.outcome(ZONE_FILE, value)


@SETTINGS
@given(value=hostile)
def test_any_string_in_every_text_of_site_yaml(site: Site, value: str) -> None:
    config = copy.deepcopy(site.site)
    put_everywhere(config, SiteConfig, value)
    site.write("site.yaml", config)
    site.outcome("site.yaml", value)


@SETTINGS
@given(data=st.data(), value=hostile)
def test_any_string_in_any_site_field(site: Site, data: st.DataObject, value: str) -> None:
    spec = draw_field(data, SiteConfig)
    config = copy.deepcopy(site.site)
    assert put(config, SiteConfig, spec, value)
    site.write("site.yaml", config)
    site.outcome("site.yaml", value)


@SETTINGS
@given(data=st.data(), value=hostile, body=hostile)
def test_any_string_in_a_page(site: Site, data: st.DataObject, value: str, body: str) -> None:
    spec = draw_field(data, PageMeta)
    page = copy.deepcopy(site.page)
    put(page, PageMeta, spec, value)
    site.write(PAGE_FILE, page, body)
    site.outcome(PAGE_FILE, value + body)


# Arbitrary YAML: scalars of every type YAML reads, nested in lists and mappings whose keys are
# mostly the registry's own field names, so the documents reach deep into validation.
NAMES = sorted({spec.name for spec in walked_items(Zone)})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    hostile,
    st.sampled_from(["industrial_cluster", "operating", "food", "plan-2024", "1e400", "0x1F", "2024-13-45"]),
)
keys = st.one_of(st.sampled_from(NAMES), st.sampled_from(["vi", "en", "xx"]), st.text(max_size=8), st.integers())


def nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Lists and mappings of ``inner``."""
    return st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4)


documents = st.recursive(scalars, nested, max_leaves=20)
zone_documents = st.fixed_dictionaries(
    {"name": st.one_of(st.just({"vi": "x", "en": "x"}), documents), "type": st.one_of(st.just("x"), documents)},
    optional={name: documents for name in NAMES if name not in ("name", "type")},
)
YAML_CHARACTERS = ": -{}[],\n\t'\"#&*!|>%@`?\\~0123456789.ab"


@SETTINGS
@given(document=st.one_of(zone_documents, documents))
def test_any_yaml_document_as_a_zone(site: Site, document: Any) -> None:
    (site.root / ZONE_FILE).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    site.outcome(ZONE_FILE, yaml.safe_dump(document, allow_unicode=True))


@SETTINGS
@given(text=st.one_of(st.text(alphabet=YAML_CHARACTERS, max_size=80), st.text(max_size=80), hostile))
def test_any_text_as_a_zone_file(site: Site, text: str) -> None:
    for name in (ZONE_FILE, "clusters/hostile.md"):
        (site.root / ZONE_FILE).unlink(missing_ok=True)
        (site.root / name).write_text(text, encoding="utf-8")
        try:
            site.outcome(name, text)
        finally:
            (site.root / name).unlink(missing_ok=True)
            site.restore()


# --- links, files and raw HTML, through the command line ------------------------------------------


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"])
@pytest.mark.parametrize(
    "group, first",
    [("developer", ""), ("documents", "  - title: x\n  "), ("sources", "  - ref: plan-2024\n  ")],
)
def test_a_link_with_another_scheme_is_refused_where_it_is(tmp_path: Path, scheme: str, group: str, first: str) -> None:
    zone = f"name: x\ntype: industrial_cluster\n{group}:\n{first}  url: '{scheme}'\n"
    zone = zone.replace("developer:\n  url", "developer:\n  website")
    root = make_site(tmp_path / "site", zones={"a.yaml": zone}, pages={})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 1, stderr
    where = "4:3: developer.website" if group == "developer" else f"5:5: {group}[0].url"
    assert headlines(stderr) == [
        f"clusters/a.yaml:{where}: '{scheme.split(':')[0]}:' addresses are not allowed; use http, https, mailto or "
        "tel (e.g. https://example.gov.vn/page)"
    ]


def test_mailto_and_tel_links_are_accepted(tmp_path: Path) -> None:
    zone = "name: x\ntype: industrial_cluster\ncontacts:\n  - {website: 'mailto:a@b.vn'}\n  - {website: 'tel:+84258'}\n"
    root = make_site(tmp_path / "site", zones={"a.yaml": zone}, pages={})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 0, stderr


def test_the_refusal_is_in_the_staff_language(tmp_path: Path) -> None:
    zone = "name: x\ntype: industrial_cluster\ndeveloper:\n  website: 'javascript:alert(1)'\n"
    root = make_site(tmp_path / "site", zones={"a.yaml": zone}, pages={})
    code, _out, stderr = run_cli("check", "--site", root, env={"ZONESITE_LANG": "vi"})
    assert code == 1
    assert "không được dùng địa chỉ bắt đầu bằng 'javascript:'; chỉ dùng http, https, mailto hoặc tel" in stderr


@pytest.mark.parametrize(
    "file",
    ["/etc/passwd", "../../../etc/passwd", "images/../../site.yaml", "file:///etc/passwd", "C:\\Windows\\win.ini"],
)
def test_a_file_outside_static_is_refused(tmp_path: Path, file: str) -> None:
    zone = f"name: x\ntype: industrial_cluster\nphotos:\n  - file: '{file}'\n"
    root = make_site(tmp_path / "site", zones={"a.yaml": zone}, pages={})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 1, stderr
    assert headlines(stderr) == [
        f"clusters/a.yaml:4:5: photos[0].file: '{file}' must be a path inside static/ (e.g. images/trang-e.jpg)"
    ]


def test_a_link_in_static_leading_out_of_it_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the public", encoding="utf-8")
    zone = "name: x\ntype: industrial_cluster\ndocuments:\n  - title: x\n    file: docs/secret.txt\n"
    root = make_site(tmp_path / "site", zones={"a.yaml": zone}, pages={}, site_extra="share_image: images/out.jpg\n")
    (root / "static" / "docs").mkdir(parents=True)
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "docs" / "secret.txt").symlink_to(secret)
    (root / "static" / "images" / "out.jpg").symlink_to(secret)
    (root / "static" / "unused.txt").symlink_to(secret)  # named nowhere, but every file in static/ is published
    code, _out, stderr = run_cli("build", "--site", root, "--out", tmp_path / "_site")
    assert code == 1, stderr
    hint = "(copy the file into static/ instead of linking to it)"
    assert sorted(headlines(stderr)) == sorted(
        [
            f"clusters/a.yaml:5:5: documents[0].file: 'docs/secret.txt' leads outside static/ {hint}",
            f"site.yaml:{len(site_yaml(REPO).splitlines()) + 1}:1: share_image: 'images/out.jpg' leads outside "
            f"static/ {hint}",
            *(
                f"static/{name}: '{name}' leads outside static/ {hint}"
                for name in ("docs/secret.txt", "images/out.jpg")
            ),
            f"static/unused.txt: 'unused.txt' leads outside static/ {hint}",
        ]
    )
    assert not (tmp_path / "_site").exists()


RAW = """\
---
name: x
type: industrial_cluster
---
<div class="note" onclick="hz()"><script>hz()</script><b>bold</b> <a href="javascript:hz()">a</a></div>
<iframe src="https://hz.test/"></iframe>

| a | b |
|:--|--:|
| 1 | 2 |
"""


def _description(tmp_path: Path, site_extra: str) -> str:
    root = make_site(tmp_path / "site", zones={"a.md": RAW}, pages={}, site_extra=site_extra)
    out = tmp_path / "_site"
    code, _stdout, stderr = run_cli("build", "--site", root, "--out", out)
    assert code == 0, stderr
    html = (out / "en" / "clusters" / "a" / "index.html").read_text(encoding="utf-8")
    return html


def test_raw_html_in_markdown_is_cleaned_to_safe_tags(tmp_path: Path) -> None:
    html = _description(tmp_path, "")
    assert '<div class="note"><b>bold</b> <a>a</a></div>' in html
    assert '<th class="align-left">a</th>' in html, "a column's alignment is kept, as a class"
    assert "style=" not in html.split("<main", 1)[1], "the pages' policy allows no style attribute"
    assert list(markup_problems(html)) == []


def test_a_site_that_trusts_its_authors_publishes_raw_html(tmp_path: Path) -> None:
    html = _description(tmp_path, "trust_html: true\n")
    assert '<div class="note" onclick="hz()"><script>hz()</script><b>bold</b>' in html
    assert '<iframe src="https://hz.test/"></iframe>' in html


@pytest.mark.parametrize(
    "name, renamed",
    [("<script>x.md", "script-x.md"), ("Giới thiệu.en.md", "gioi-thieu.en.md"), ('a"b/c.md', "a-b")],
)
def test_a_page_file_name_that_is_no_slug_is_refused(tmp_path: Path, name: str, renamed: str) -> None:
    """A page's file and folder names are its address: they take what a zone file's name takes."""
    root = make_site(tmp_path / "site", pages={name: "---\ntitle: x\n---\nText.\n"})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 1, stderr
    what = "folder" if "/" in name else "file"
    assert headlines(stderr) == [
        f"content/{name}: the {what} name must be a slug (lower-case a-z, 0-9, '-') (rename it to {renamed})"
    ]


LEGITIMATE = """\
# Heading

Some *emphasis*, **strong**, `code`, a [page](/clusters/), [a site](https://example.test/a?b=1#c),
[mail](mailto:a@example.test), [phone](tel:+842583822111) and ![a picture](/static/images/a.jpg "Title").

## Table

| Left | Right | Centre |
|:-----|------:|:------:|
| 1    | 2     | 3      |

1. one
2. two

- a
- b

> quoted

    indented code

---
"""


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Tags and their attributes."""
    return list(parse(html).tags)


def test_the_allowlist_keeps_everything_markdown_makes() -> None:
    """Cleaning changes nothing in what Markdown itself writes: tables with their alignment,
    headings, lists, quotes, code, links and pictures, and the engine's own class and rel."""
    cleaned, _links = render_markdown(LEGITIMATE, "en", "en/about", ("vi", "en"))
    trusted, _links = render_markdown(LEGITIMATE, "en", "en/about", ("vi", "en"), True)
    assert _elements(cleaned) == _elements(trusted)
    assert strip_tags(cleaned) == strip_tags(trusted)
    made = {tag for tag, _attrs in _elements(cleaned)}
    assert made >= {"h2", "h3", "table", "th", "td", "ol", "ul", "blockquote", "pre", "code", "a", "img", "hr", "em"}


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 300_000 + "]" * 300_000,
        "{a: " * 100_000 + "1" + "}" * 100_000,
        "\n  " + "- " * 100 + "x",
        "\n" + "".join("  " * (level + 1) + "k:\n" for level in range(100)),
    ],
    ids=["lists", "groups", "block-lists", "block-groups"],
)
def test_values_nested_too_deep_are_refused_where_they_go_too_deep(tmp_path: Path, nested: str) -> None:
    """The parser that builds nested values recurses once per level: hundreds of thousands of
    levels, which fit in a file under the size limit, crashed it with no message at all."""
    root = make_site(tmp_path / "site", zones={"a.yaml": f"name: x\ntype: industrial_cluster\nlocation: {nested}\n"})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 1, stderr
    [headline] = headlines(stderr)
    assert re.match(r"clusters/a\.yaml:\d+:\d+: values nested more than 40 levels deep \(", headline), headline


@pytest.mark.parametrize(
    "name, text, where",
    [
        ("a.md", "---\nname: x\ntype: industrial_cluster\n---\nIntro.\n\n" + "[x](" * 100_000 + "\n", "7:1: "),
        (
            "a.yaml",
            "name: x\ntype: industrial_cluster\ndescription: '" + "[x][" * 100_000 + "'\n",
            "3:1: description: ",
        ),
    ],
    ids=["body", "field"],
)
def test_a_paragraph_markdown_would_read_for_hours_is_refused(tmp_path: Path, name: str, text: str, where: str) -> None:
    """Python-Markdown reads a paragraph's links in time that grows with the brackets times the
    length: these 400 KB took it hours, so the build never ended (the command line gives up after
    three minutes)."""
    root = make_site(tmp_path / "site", zones={name: text})
    code, _out, stderr = run_cli("check", "--site", root)
    assert code == 1, stderr
    [headline] = headlines(stderr)
    assert headline.startswith(f"clusters/{name}:{where}a paragraph of 400"), headline
    assert headline.endswith(
        "of [, ] and <: too many for Markdown to read "
        "(split it into shorter paragraphs, or remove brackets it does not need)"
    )
