"""site.yaml: the site's identity, languages, the province plan's published figures, and the
shared definitions zone files refer to by key."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..i18n import N_, _
from .countries import DEFAULT as DEFAULT_COUNTRY
from .countries import boxes as country_boxes
from .registry import metrics
from .types import Email, Key, PartialDate, Ref, StaticFile, Text, Url, locale_of
from .zone import Acknowledgement, Contact, Section, Zone

# What a published plan figure can be computed from: the number of zones, or any metric of a zone.
Metric = Literal[("zones", *metrics(Zone))]


class Definition(Section):
    """A shared term (zone type, status, industry, incentive, infrastructure work...)."""

    label: Text = Field(description=N_("Name shown to readers."))
    short: Text | None = Field(None, description=N_("Abbreviation, e.g. CCN."))
    description: Text | None = Field(None, description=N_("Markdown explanation."))
    basis: Text | None = Field(None, description=N_("Legal basis, e.g. Decree 32/2024/NĐ-CP, Article 20."))
    order: int = Field(0, description=N_("Position in lists; statuses also use it as the stage reached."))
    unit: Text | None = Field(None, description=N_("Unit of capacity, for infrastructure works."))
    ready: bool = Field(False, description=N_("For infrastructure states: the work can serve tenants."))
    color: str | None = Field(None, pattern=r"^#[0-9a-fA-F]{6}$", description=N_("Colour, e.g. #1b7f3b."))


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

    title: Text = Field(description=N_("Title of the article, plan or decision."))
    publisher: Text | None = Field(None, description=N_("Newspaper, agency or authority."))
    url: Url | None = Field(None, description=N_("Where to read it."))
    published: PartialDate | None = Field(None, description=N_("Publication date."))
    checked: PartialDate | None = Field(None, description=N_("When the figures were last checked against it."))


class PublishedFigure(Section):
    """A figure the province plan publishes, shown beside the same figure computed from zone files."""

    label: Text = Field(description=N_("What the figure counts."))
    value: float = Field(description=N_("The published value."))
    metric: Metric | None = Field(None, description=N_("Computed counterpart; leave out if zone files cannot give it."))
    unit: Literal["count", "ha", "pct", "vnd", "usd"] | None = Field(
        None, description=N_("Unit, when there is no metric to take it from.")
    )
    type: Ref("zone_types") | None = Field(None, description=N_("Count only zones of this type."))
    status: Ref("statuses") | None = Field(None, description=N_("Count only zones with this status."))
    status_from: Ref("statuses") | None = Field(
        None, description=N_("Count zones at this stage or later (e.g. established includes operating).")
    )
    qualifier: Literal["about", "more_than", "nearly", "at_least"] | None = Field(
        None, description=N_("How exact the published value is.")
    )
    source: Ref("sources") | None = Field(None, description=N_("Source key; defaults to the plan's source."))

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

    title: Text = Field(description=N_("Name of the plan."))
    approved: PartialDate | None = Field(None, description=N_("Date of approval."))
    source: Ref("sources") | None = Field(None, description=N_("Where its figures are published."))
    figures: list[PublishedFigure] = Field(default_factory=list)
    goals: list[Text] = Field(default_factory=list, description=N_("Goals of the plan, in words."))


Lang = Annotated[str, Field(min_length=2, max_length=8)]


class MapSettings(Section):
    """Where map tiles come from. The map script itself is served from the site."""

    tiles: Url = Field(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        description=N_("Tile URL template with {z}, {x} and {y}."),
    )
    attribution: str = Field("© OpenStreetMap contributors", description=N_("Credit the tile provider requires."))
    attribution_url: Url | None = Field(
        "https://www.openstreetmap.org/copyright", description=N_("Where the credit links to.")
    )
    max_zoom: int = Field(19, ge=1, le=22, description=N_("Deepest zoom the tiles allow."))
    outline: StaticFile | None = Field(
        None, description=N_("GeoJSON file under static/ with the province's boundary, drawn on the maps.")
    )


class Inquiry(Section):
    """How investors send a question from a fact sheet. No tracking is added."""

    form_action: Url | None = Field(
        None,
        description=N_("Address a form posts to (name, email, phone, company, message, zone); no form if left out."),
    )
    email: Email | None = Field(
        None, description=N_("Address for e-mail inquiries; defaults to the authority's e-mail.")
    )


class ExchangeRate(Section):
    """How many đồng one US dollar buys, on a date, from a named source: prices given in one currency
    are also shown, marked approximate, in the other, and filters and sorts compare them all."""

    vnd_per_usd: float = Field(gt=0, description=N_("Đồng per US dollar, e.g. 23898."))
    date: PartialDate = Field(description=N_("The day the rate applies to."))
    source: Ref("sources") | None = Field(None, description=N_("Where the rate is published (a key of sources)."))


class Licence(Section):
    """The licence the province publishes its open data under."""

    name: str = Field(description=N_("Its short name, e.g. CC-BY-4.0 or ODC-By-1.0."))
    url: Url | None = Field(None, description=N_("Where its text is."))


class SiteAcknowledgement(Acknowledgement):
    """A gap staff accept for many zones at once (or all), with the reason."""

    zones: list[Key] = Field(
        default_factory=list, description=N_("Slugs of the zones it covers; every zone when left out.")
    )


def _known_codes(codes: list[str]) -> list[str]:
    """Refuse a language code Babel does not know (numbers, dates and plurals come from it)."""
    for code in codes:
        if locale_of(code) is None:
            # Translators: {code} is what was written as a language code.
            message = _("'{code}' is not a language code Babel knows (e.g. vi, en, ja, ko, zh-Hans)")
            raise ValueError(message.format(code=code))
    return codes


class SiteConfig(Section):
    """site.yaml."""

    title: Text = Field(description=N_("Site name, e.g. Invest in Khanh Hoa's industrial clusters."))
    tagline: Text | None = Field(None, description=N_("One line under the title."))
    intro: Text | None = Field(None, description=N_("Markdown shown on the home page."))
    province: Text = Field(description=N_("Province name."))
    languages: list[Lang] = Field(
        default_factory=lambda: ["vi", "en"], min_length=1, description=N_("Language codes; the first is the default.")
    )
    country: str = Field(
        DEFAULT_COUNTRY,
        description=N_("The country's ISO 3166-1 code (VN, ID, TH...): zones' coordinates must lie in it."),
    )
    fallback: list[Lang] = Field(
        default_factory=list,
        description=N_(
            "Languages a text missing in the reader's language is shown in, in order, e.g. [en, vi]; "
            "by default the site's languages in order. The page marks the text's real language."
        ),
    )
    base_url: str = Field(description=N_("Public address of the site, e.g. https://example.gov.vn/invest/."))
    theme: str | None = Field(None, description=N_("Folder whose templates/ and static/ this site builds on."))
    authority: Contact | None = Field(None, description=N_("The provincial department investors can contact."))
    plan: Plan | None = None
    freshness_days: int = Field(365, ge=1, description=N_("Figures checked longer ago than this are stale."))
    map: MapSettings = Field(default_factory=MapSettings, description=N_("Map tiles and their credit."))
    inquiry: Inquiry = Field(default_factory=Inquiry, description=N_("How investors send questions."))
    data_licence: Licence | None = Field(
        None, description=N_("Licence of the open data; without one the data page says none is stated.")
    )
    exchange_rate: ExchangeRate | None = Field(
        None, description=N_("The USD–VND rate used to show every price in both currencies.")
    )
    share_image: StaticFile | None = Field(None, description=N_("Picture under static/ for link previews (1200×630)."))
    trust_html: bool = Field(
        False,
        description=N_(
            "Publish raw HTML in Markdown (descriptions, pages, the intro) as written; leave false unless every "
            "author is trusted: by default it is cleaned to safe tags. Even trusted, its inline scripts and "
            "styles do not run: every page's security policy allows only the site's own files."
        ),
    )
    definitions: Definitions = Field(default_factory=Definitions)
    sources: dict[Key, Source] = Field(default_factory=dict, description=N_("Publications zone files cite by key."))
    acknowledged: list[SiteAcknowledgement] = Field(
        default_factory=list,
        description=N_("Gaps staff know about and accept for now, for all zones or those named; check stops warning."),
    )

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        _known_codes(value)
        if len(set(value)) != len(value):
            raise ValueError(_("a language is listed twice"))
        return value

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in country_boxes():
            # Translators: {code} is what was written as a country code.
            message = _("'{code}' is not an ISO 3166-1 country code the engine knows (e.g. VN, ID, TH)")
            raise ValueError(message.format(code=value))
        return code

    @field_validator("fallback")
    @classmethod
    def _fallback_languages(cls, value: list[str]) -> list[str]:
        return _known_codes(value)

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            # Translators: {value} is the base_url as written.
            message = _("'{value}' must start with https:// (it is used for canonical links and the sitemap)")
            raise ValueError(message.format(value=value))
        return value if value.endswith("/") else value + "/"
