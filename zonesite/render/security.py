"""The Content-Security-Policy every page carries, and the one inline style it allows.

Pages are served by static hosts that set no headers, so the policy travels in each page as
``<meta http-equiv="Content-Security-Policy">``; a host that can set headers may send the same text
as a header (the README shows the example site's). No inline script runs: every script is a file
under ``static/`` (or Pagefind's, under ``pagefind/``), and data reaches scripts in
``<script type="application/json">`` blocks and ``data-`` attributes, which the policy lets be. The
one inline style, the status colours from ``site.yaml``, is allowed by its hash, so no inline
style attribute applies (Leaflet sets its styles from script, which the policy does not govern).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from markupsafe import Markup

from ..model.site import Definition, SiteConfig

# Pagefind's search compiles its WebAssembly index reader: the search page alone allows that.
WASM = "'wasm-unsafe-eval'"
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_META = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)')


def status_css(statuses: Mapping[str, Definition]) -> str:
    """The status colours as CSS custom properties (``.status-operating{--c:#1b7f3b}``): the
    badges, markers and legend read ``--c``. The text is hashed into the policy, so it is made here once."""
    return "".join(f".status-{key}{{--c:{d.color}}}" for key, d in statuses.items() if d.color)


def source_hash(text: str) -> str:
    """The policy's source expression allowing exactly this inline script or style text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def origin(url: str | None) -> str | None:
    """The scheme and host a URL template loads from, as a policy source; ``{s}.tile.example.org``
    (a rotating sub-domain) becomes ``*.tile.example.org``. None for a URL on this site."""
    if not url:
        return None
    parts = urlsplit(_PLACEHOLDER.sub("*", url))
    if not parts.scheme or not parts.netloc:
        return None  # relative: served from this site, which 'self' covers
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(config: SiteConfig, statuses: Mapping[str, Definition], wasm: bool = False) -> str:
    """The policy for a page of this site. Images may come from the map's tile server (named in
    ``site.yaml`` ``map.tiles``) and ``data:`` (Leaflet blanks a tile it stops loading with one);
    forms may post to ``inquiry.form_action``. ``wasm`` adds what Pagefind's search needs."""
    scripts = ["'self'", *([WASM] if wasm else [])]
    styles = ["'self'", *_hashes([status_css(statuses)])]
    images = ["'self'", "data:", *_present([origin(config.map.tiles)])]
    forms = ["'self'", *_present([origin(config.inquiry.form_action)])]
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": styles,
        "img-src": images,
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": forms,
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(values))}" for name, values in directives.items())


def meta(policy: str) -> Markup:
    """The policy as the ``<meta>`` element a page's head starts with. Single quotes stay as they
    are, so the page's text is the header's; what could end the attribute is escaped."""
    text = policy.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup('<meta http-equiv="Content-Security-Policy" content="' + text + '">')


def allow_inline(page: bytes, scripts: Iterable[str] = (), styles: Iterable[str] = ()) -> bytes:
    """``page`` with its policy also allowing these inline scripts and styles by hash: the preview
    server adds its reload script and problems panel to pages built with the site's policy."""
    extra = {"script-src": _hashes(scripts), "style-src": _hashes(styles)}

    def widen(match: re.Match[bytes]) -> bytes:
        directives = []
        for directive in match.group(2).decode("utf-8").split("; "):
            name = directive.split(" ", 1)[0]
            directives.append(" ".join([directive, *extra.get(name, [])]))
        return match.group(1) + "; ".join(directives).encode("utf-8") + match.group(3)

    return _META.sub(widen, page, count=1)


def _hashes(texts: Iterable[str]) -> list[str]:
    return [source_hash(text) for text in texts if text]


def _present(values: Iterable[str | None]) -> list[str]:
    return [value for value in values if value]
