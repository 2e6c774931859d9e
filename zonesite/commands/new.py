"""``build.py new "Cụm công nghiệp Điện Thọ 2"``: start a zone file from the schema."""

from __future__ import annotations

from pathlib import Path

from ..check.settings import read_settings
from ..errors import Abort, Problem
from ..i18n import _
from ..output.write import write_file
from ..staff.jsonschema import write_schemas
from ..staff.scaffold import zone_template


def new_zone(root: Path, name: str, lang: str | None = None) -> Path:
    """Write ``clusters/<slug>.yaml`` for ``name``; refuses to overwrite an existing zone."""
    settings = read_settings(root)
    if settings.config is None or settings.defs is None:
        raise Abort(settings.problems)
    name = " ".join(name.split())
    if not name:
        # Translators: keep the command; the zone's name in it is an example.
        example = _('e.g. python build.py new "Cụm công nghiệp Điện Thọ 2"')
        raise Abort([Problem("", 0, 0, "", _("the zone needs a name"), example)])
    lang = lang or settings.config.languages[0]
    slug, text = zone_template(name, lang, settings.defs)
    folder = root / "clusters"
    folder.mkdir(exist_ok=True)
    existing = [p for p in folder.glob(f"{slug}.*") if p.suffix in (".yaml", ".yml", ".md")]
    if existing:
        raise Abort(
            [
                Problem(
                    f"clusters/{existing[0].name}",
                    0,
                    0,
                    "",
                    _("already exists"),
                    _("open that file, or give the new zone a different name"),
                )
            ]
        )
    path = folder / f"{slug}.yaml"
    write_file(path, text)
    write_schemas(root, settings.refs, settings.config.languages)
    return path
