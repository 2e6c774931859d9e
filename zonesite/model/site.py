"""site.yaml: the site's identity, languages, the province plan's published figures, and the
shared definitions zone files refer to by key."""

from __future__ import annotations

from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from pydantic import Field, field_validator, model_validator

from ..i18n import _
from .registry import metrics
from .types import Email, Key, PartialDate, Ref, Text, Url
from .zone import Contact, Section, Zone

# What a published plan figure can be computed from: the number of zones, or any metric of a zone.
Metric = Literal[("zones", *metrics(Zone))]


class Definition(Section):
    """A shared term (zone type, status, industry, incentive, infrastructure work...)."""

    label: Text = Field(description="Name shown to readers.")
    short: Text | None = Field(None, description="Abbreviation, e.g. CCN.")
    description: Text | None = Field(None, description="Markdown explanation.")
    basis: Text | None = Field(None, description="Legal basis, e.g. Decree 32/2024/NĐ-CP, Article 20.")
    order: int = Field(0, description="Position in lists; statuses also use it as the stage reached.")
    unit: Text | None = Field(None, description="Unit of capacity, for infrastructure works.")
    ready: bool = Field(False, description="For infrastructure states: the work can serve tenants.")
    color: str | None = Field(None, pattern=r"^#[0-9a-fA-F]{6}$", description="Colour, e.g. #1b7f3b.")


DefinitionMap = dict[Key, Definition]


class Definitions(Section):
    """Shared definitions. The engine ships national ones; a site adds to or relabels them."""

    zone_types: DefinitionMap = Field(default_factory=dict)
    statuses: DefinitionMap = Field(default_factory=dict)
    infrastructure: DefinitionMap = Field(default_factory=dict)
    infrastructure_states: DefinitionMap = Field(default_factory=dict)
    connectivity: DefinitionMap = Field(default_factory=dict)
    industries: DefinitionMap = Field(default_factory=dict)
    incentives: DefinitionMap = Field(default_factory=dict)


class Source(Section):
    """A publication figures are taken from."""

    title: Text = Field(description="Title of the article, plan or decision.")
    publisher: Text | None = Field(None, description="Newspaper, agency or authority.")
    url: Url | None = Field(None, description="Where to read it.")
    published: PartialDate | None = Field(None, description="Publication date.")
    checked: PartialDate | None = Field(None, description="When the figures were last checked against it.")


class PublishedFigure(Section):
    """A figure the province plan publishes, shown beside the same figure computed from zone files."""

    label: Text = Field(description="What the figure counts.")
    value: float = Field(description="The published value.")
    metric: Metric | None = Field(None, description="Computed counterpart; leave out if zone files cannot give it.")
    unit: Literal["count", "ha", "pct", "vnd", "usd"] | None = Field(
        None, description="Unit, when there is no metric to take it from."
    )
    type: Ref("zone_types") | None = Field(None, description="Count only zones of this type.")
    status: Ref("statuses") | None = Field(None, description="Count only zones with this status.")
    status_from: Ref("statuses") | None = Field(
        None, description="Count zones at this stage or later (e.g. established includes operating)."
    )
    qualifier: Literal["about", "more_than", "nearly", "at_least"] | None = Field(
        None, description="How exact the published value is."
    )
    source: Ref("sources") | None = Field(None, description="Source key; defaults to the plan's source.")

    @model_validator(mode="after")
    def _unit_known(self) -> PublishedFigure:
        if self.metric is None and self.unit is None:
            # Translators: keep count, ha, pct, vnd and usd as written: they are the values of the unit field.
            raise ValueError(_("a figure without a metric needs a unit (count, ha, pct, vnd or usd)"))
        if self.status and self.status_from:
            raise ValueError(_("give status or status_from, not both"))
        return self


class Plan(Section):
    """The province's approved plan for its zones, as published."""

    title: Text = Field(description="Name of the plan.")
    approved: PartialDate | None = Field(None, description="Date of approval.")
    source: Ref("sources") | None = Field(None, description="Where its figures are published.")
    figures: list[PublishedFigure] = Field(default_factory=list)
    goals: list[Text] = Field(default_factory=list, description="Goals of the plan, in words.")


Lang = Annotated[str, Field(min_length=2, max_length=8)]


class MapSettings(Section):
    """Where map tiles come from. The map script itself is served from the site."""

    tiles: str = Field(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        description="Tile URL template with {z}, {x} and {y}.",
    )
    attribution: str = Field("© OpenStreetMap contributors", description="Credit the tile provider requires.")
    attribution_url: Url | None = Field(
        "https://www.openstreetmap.org/copyright", description="Where the credit links to."
    )
    max_zoom: int = Field(19, ge=1, le=22, description="Deepest zoom the tiles allow.")
    outline: str | None = Field(
        None, description="GeoJSON file under static/ with the province's boundary, drawn on the maps."
    )


class Inquiry(Section):
    """How investors send a question from a fact sheet. No tracking is added."""

    form_action: Url | None = Field(
        None, description="Address a form posts to (name, email, phone, company, message, zone); no form if left out."
    )
    email: Email | None = Field(None, description="Address for e-mail inquiries; defaults to the authority's e-mail.")


class ExchangeRate(Section):
    """How many đồng one US dollar buys, on a date, from a named source: prices given in one currency
    are also shown, marked approximate, in the other, and filters and sorts compare them all."""

    vnd_per_usd: float = Field(gt=0, description="Đồng per US dollar, e.g. 23898.")
    date: PartialDate = Field(description="The day the rate applies to.")
    source: Ref("sources") | None = Field(None, description="Where the rate is published (a key of sources).")


class Licence(Section):
    """The licence the province publishes its open data under."""

    name: str = Field(description="Its short name, e.g. CC-BY-4.0 or ODC-By-1.0.")
    url: Url | None = Field(None, description="Where its text is.")


class SiteConfig(Section):
    """site.yaml."""

    title: Text = Field(description="Site name, e.g. Invest in Khanh Hoa's industrial clusters.")
    tagline: Text | None = Field(None, description="One line under the title.")
    intro: Text | None = Field(None, description="Markdown shown on the home page.")
    province: Text = Field(description="Province name.")
    languages: list[Lang] = Field(
        default_factory=lambda: ["vi", "en"], min_length=1, description="Language codes; the first is the default."
    )
    base_url: str = Field(description="Public address of the site, e.g. https://example.gov.vn/invest/.")
    theme: str | None = Field(None, description="Folder whose templates/ and static/ this site builds on.")
    authority: Contact | None = Field(None, description="The provincial department investors can contact.")
    plan: Plan | None = None
    freshness_days: int = Field(365, ge=1, description="Figures checked longer ago than this are stale.")
    map: MapSettings = Field(default_factory=MapSettings, description="Map tiles and their credit.")
    inquiry: Inquiry = Field(default_factory=Inquiry, description="How investors send questions.")
    data_licence: Licence | None = Field(
        None, description="Licence of the open data; without one the data page says none is stated."
    )
    exchange_rate: ExchangeRate | None = Field(
        None, description="The USD–VND rate used to show every price in both currencies."
    )
    share_image: str | None = Field(None, description="Picture under static/ for link previews (1200×630).")
    definitions: Definitions = Field(default_factory=Definitions)
    sources: dict[Key, Source] = Field(default_factory=dict, description="Publications zone files cite by key.")

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        for code in value:
            try:
                Locale.parse(code)
            except (UnknownLocaleError, ValueError):
                # Translators: {code} is what was written as a language code.
                message = _("'{code}' is not a language code Babel knows (e.g. vi, en, ja, ko)")
                raise ValueError(message.format(code=code)) from None
        if len(set(value)) != len(value):
            raise ValueError(_("a language is listed twice"))
        return value

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            # Translators: {value} is the base_url as written.
            message = _("'{value}' must start with https:// (it is used for canonical links and the sitemap)")
            raise ValueError(message.format(value=value))
        return value if value.endswith("/") else value + "/"
