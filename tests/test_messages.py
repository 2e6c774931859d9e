"""Staff messages in every staff language: the catalogs keep up with the code, every message is
translated with the same placeholders, the compiled catalogs match their sources, and the command
line speaks the site's first language unless ZONESITE_LANG says otherwise."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import REPO, make_site, run_cli

LOCALES = REPO / "zonesite" / "locale"
LANGUAGES = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())


def code_messages() -> set[str]:
    """Every message id the code and engine templates use, extracted as ``make messages`` does."""
    with open(REPO / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        REPO, method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(lang: str):
    with open(LOCALES / lang / "LC_MESSAGES" / "zonesite.po", "rb") as po:
        return read_po(po, locale=lang)


def test_there_is_a_vietnamese_catalog() -> None:
    assert "vi" in LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalog_and_translated(lang: str) -> None:
    po = catalog(lang)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}
    missing = sorted(code_messages() - ids)
    assert not missing, f"run 'make messages' and translate: {missing[:10]}"
    untranslated = [
        m.id for m in po if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert not untranslated, f"{len(untranslated)} messages without a {lang} translation, e.g. {untranslated[:5]}"


def _strings(value: str | tuple | list) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _key(value: str | tuple | list) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _fields(text: str) -> set[str]:
    brace = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    percent = set(re.findall(r"%\((\w+)\)", text))
    return brace | percent


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    wrong = []
    for m in catalog(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        expected = set().union(*(_fields(i) for i in ids))
        for text in strings:
            if text and _fields(text) != expected:
                wrong.append(f"{ids[0]!r} → {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(lang: str) -> None:
    folder = LOCALES / lang / "LC_MESSAGES"
    with open(folder / "zonesite.mo", "rb") as mo:
        compiled = {_key(m.id): _strings(m.string) for m in read_mo(mo) if m.id}
    source = {_key(m.id): _strings(m.string) for m in catalog(lang) if m.id and not m.fuzzy}
    assert compiled == source, "run 'make messages' to compile the catalog"


MISSPELT = "name: {vi: Cụm công nghiệp A, en: A Cluster}\ntype: industrial_cluster\nstauts: planned\n"


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("", "trường không xác định"),  # the site's first language: Vietnamese
        ("vi", "trường không xác định"),
        ("en", "unknown field"),
    ],
)
def test_a_misspelt_key_is_reported_in_the_staff_language(tmp_path: Path, wanted: str, expected: str) -> None:
    site = make_site(tmp_path / "site", zones={"a.yaml": MISSPELT}, pages={})
    code, _out, err = run_cli("check", "--site", site, env={"ZONESITE_LANG": wanted})
    assert code == 1
    line = next(line for line in err.splitlines() if line.startswith("clusters/a.yaml:3:1: stauts:"))
    assert expected in line, line
    assert "'status'" in line, f"the did-you-mean hint is lost: {line}"
