"""Front matter of a content page (content/<name>.md or content/<name>.<lang>.md)."""

from __future__ import annotations

from pydantic import Field

from ..i18n import N_
from .types import PartialDate, Text
from .zone import Section


class PageMeta(Section):
    """What a page's front matter may say."""

    title: Text = Field(description=N_("Page title; in a one-language file, just the text."))
    description: Text | None = Field(None, description=N_("One sentence for search engines and link previews."))
    nav: int | None = Field(None, description=N_("Position in the main menu; leave out to keep the page off it."))
    template: str = Field("page.html", description=N_("Template under templates/ that renders the page."))
    date: PartialDate | None = Field(None, description=N_("Publication date; news pages (content/news/) need one."))
