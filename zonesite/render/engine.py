"""The engine's own templates (sitemap, news feed, the staff's data-quality report, the preview's
problem panel), kept in ``zonesite/templates/`` apart from a site's templates: a site restyles
its pages, never these. Autoescaped like every page, so no text reaches HTML or XML unescaped."""

from __future__ import annotations

from functools import cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import jinja2
from markupsafe import Markup

from .. import i18n


def _xml(value: Any) -> Markup:
    """Text escaped for an XML text node (``&``, ``<`` and ``>``)."""
    return Markup(escape(str(value)))


def _xmlattr(value: Any) -> Markup:
    """A quoted XML attribute value."""
    return Markup(quoteattr(str(value)))


@cache
def engine_templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("zonesite", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Staff pages (the report, the problem panel) speak the staff's language: _() and ngettext()
    # look the language up when called, so one environment serves whichever the command chose.
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(xml=_xml, xmlattr=_xmlattr)
    return env


def render_engine(name: str, **context: Any) -> str:
    """One of the engine's templates, rendered."""
    return engine_templates().get_template(name).render(**context)
