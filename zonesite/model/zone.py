"""The zone file: everything an investor screens a zone on, as the brief lists it.

Every figure is optional: a value left out is "not published", never 0. Shared things (types,
statuses, industries, incentives, infrastructure works, transport links, sources) are referenced
by key and defined once in site.yaml.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .facts import Digits, Facts, Unit, label
from .types import Email, PartialDate, Phone, Ref, Text, Url

Hectares = Annotated[float, Field(ge=0, description="hectares"), Unit("ha")]
Percent = Annotated[float, Field(ge=0, le=100, description="per cent, 0 to 100"), Unit("pct")]
Count = Annotated[int, Field(ge=0), Unit("count")]
Km = Annotated[float, Field(ge=0, le=2000, description="kilometres"), Unit("km")]


def Money(unit: str) -> Any:  # noqa: N802 - reads like a type in annotations
    """A sum of money that cannot be negative: ``Money("usd/m2")``, the currency first."""
    return Annotated[float, Field(ge=0), Unit(unit)]


PROSE = Facts(prose=True)


def figure(vi: str, en: str, metric: bool = False, **facts: Any) -> Facts:
    """Facts of a figure shown with its label; ``metric`` figures are added up in province totals."""
    return Facts(label=label(vi, en), metric="sum" if metric else None, **facts)


class Section(BaseModel):
    """A group of fields; unknown keys are errors so a misspelt key never vanishes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False, allow_inf_nan=False)


class Location(Section):
    """Where the zone is: administrative units, address and map coordinates (WGS 84)."""

    province: Text | None = Field(None, description="Province; defaults to the site's province.")
    district: Text | None = Field(None, description="District, town or city the zone lies in.")
    commune: Text | None = Field(None, description="Commune or ward.")
    address: Text | None = Field(None, description="Street address or the way to describe the site.")
    lat: float | None = Field(None, description="Latitude in decimal degrees, e.g. 12.2388.")
    lng: float | None = Field(None, description="Longitude in decimal degrees, e.g. 109.1967.")
    approximate: bool = Field(
        False, description="The coordinates mark the commune or district, not the zone's own boundary."
    )


class Dates(Section):
    """When the zone reached each stage; a year alone (2019) is fine when that is all that is known."""

    planned: Annotated[PartialDate | None, figure("Đưa vào quy hoạch", "Included in the plan")] = Field(
        None, description="Included in the approved plan."
    )
    established: Annotated[PartialDate | None, figure("Thành lập", "Established")] = Field(
        None, description="Decision establishing the zone."
    )
    construction_started: Annotated[PartialDate | None, figure("Khởi công hạ tầng", "Construction started")] = Field(
        None, description="Infrastructure works began."
    )
    operating_since: Annotated[PartialDate | None, figure("Hoạt động từ", "Operating since")] = Field(
        None, description="First tenants started production."
    )


class Decision(Section):
    """A legal decision about the zone (establishment, detailed plan, investment approval)."""

    number: Annotated[str, Digits()] = Field(description="Decision number as printed, e.g. 1234/QĐ-UBND.")
    date: PartialDate | None = Field(None, description="Date the decision was signed.")
    issuer: Text | None = Field(None, description="Who issued it, e.g. the provincial People's Committee.")
    about: Text | None = Field(None, description="What it decides.")
    url: Url | None = Field(None, description="Link to the published text.")


class Area(Section):
    """Land, in hectares. Free land and occupancy are computed from the others when left out."""

    total_ha: Annotated[Hectares | None, figure("Tổng diện tích", "Total area", metric=True, tile=True, weight=6)] = (
        Field(None, description="Total planned area of the zone.")
    )
    industrial_land_ha: Annotated[
        Hectares | None, figure("Đất công nghiệp", "Industrial land", metric=True, derivable=True)
    ] = Field(None, description="Land for lease to factories.")
    leased_ha: Annotated[Hectares | None, figure("Đã cho thuê", "Leased", metric=True, derivable=True)] = Field(
        None, description="Industrial land already leased or allocated."
    )
    available_ha: Annotated[
        Hectares | None, figure("Còn trống", "Available", metric=True, derivable=True, tile=True)
    ] = Field(None, description="Industrial land still free to lease.")
    occupancy_pct: Annotated[
        Percent | None,
        Facts(
            label=label("Tỷ lệ lấp đầy", "Occupancy"),
            metric="rate",
            rate_of=("leased_ha", "industrial_land_ha"),
            derivable=True,
            tile=True,
        ),
    ] = Field(None, description="Share of industrial land leased, per cent.")
    as_of: PartialDate | None = Field(None, description="Date the land figures describe.")


class Developer(Section):
    """The infrastructure investor that builds and leases out the zone."""

    name: Annotated[Text | None, Facts(weight=3)] = Field(None, description="Company or public body.")
    funding: Literal["enterprise", "state_budget", "mixed"] | None = Field(
        None, description="Who pays for the infrastructure: an enterprise, the State budget, or both."
    )
    website: Url | None = Field(None, description="Developer's website.")
    phone: Phone | None = Field(None, description="Phone, in quotes so a leading 0 is kept.")
    email: Email | None = Field(None, description="E-mail address.")


class Lease(Section):
    """What a factory pays for land and services."""

    price_usd_m2: Money("usd/m2") | None = Field(None, description="Land lease price in USD per m².")
    price_vnd_m2: Money("vnd/m2") | None = Field(None, description="Land lease price in VND per m².")
    price_basis: Literal["term", "year"] | None = Field(
        None, description="Whether the price covers the whole lease term or one year."
    )
    term_until: int | None = Field(None, ge=2000, le=2200, description="Year the land-use term ends.")
    management_fee_usd_m2_year: Money("usd/m2/year") | None = Field(
        None, description="Management fee, USD per m² per year."
    )
    management_fee_vnd_m2_year: Money("vnd/m2/year") | None = Field(
        None, description="Management fee, VND per m² per year."
    )
    note: Annotated[Text | None, PROSE] = Field(None, description="Anything else about prices and payment.")


class Tenants(Section):
    """Who already produces in the zone."""

    establishments: Annotated[
        Count | None, figure("Cơ sở sản xuất, kinh doanh", "Establishments", metric=True, tile=True)
    ] = Field(None, description="Production and business establishments.")
    fdi_projects: Annotated[Count | None, figure("Dự án FDI", "FDI projects", metric=True)] = Field(
        None, description="Foreign-invested secondary projects."
    )
    domestic_projects: Annotated[Count | None, figure("Dự án trong nước", "Domestic projects", metric=True)] = Field(
        None, description="Domestic secondary projects."
    )
    workers: Annotated[Count | None, figure("Lao động", "Workers", metric=True, tile=True)] = Field(
        None, description="People employed in the zone."
    )
    registered_capital_vnd: Annotated[
        Money("vnd") | None, figure("Vốn đăng ký (VND)", "Registered capital (VND)", metric=True)
    ] = Field(None, description="Registered capital of tenants, VND.")
    registered_capital_usd: Annotated[
        Money("usd") | None, figure("Vốn đăng ký (USD)", "Registered capital (USD)", metric=True)
    ] = Field(None, description="Registered capital of tenants, USD.")
    notable: Annotated[list[Text], PROSE] = Field(default_factory=list, description="Well-known tenants or projects.")
    as_of: PartialDate | None = Field(None, description="Date the tenant figures describe.")


class Work(Section):
    """One technical-infrastructure work (internal roads, wastewater treatment...) and its state."""

    state: Ref("infrastructure_states") = Field(description="Key of an infrastructure state, e.g. completed.")
    capacity: Annotated[float | None, Facts(amount=True)] = Field(
        None, ge=0, description="Capacity, in the unit the work's definition gives."
    )
    standard: str | None = Field(None, description="National standard met, e.g. QCVN 40:2011/BTNMT, column A.")
    completed: PartialDate | None = Field(None, description="When the work was finished.")
    note: Annotated[Text | None, PROSE] = Field(None, description="Anything an investor should know about it.")


class Link(Section):
    """Distance to a transport hub or city."""

    km: Km | None = Field(None, description="Road distance in kilometres.")
    name: Text | None = Field(None, description="Name of the port, airport, station, road or city.")


class Target(Section):
    """A goal for a year: an occupancy rate, a milestone in words, or both."""

    year: int = Field(ge=2000, le=2200, description="Year the target is for.")
    occupancy_pct: Percent | None = Field(None, description="Occupancy the zone should reach, per cent.")
    text: Text | None = Field(None, description="The target in words.")

    @model_validator(mode="after")
    def _says_something(self) -> Target:
        if self.occupancy_pct is None and self.text is None:
            raise ValueError("a target needs occupancy_pct, text, or both")
        return self


class Photo(Section):
    """A picture of the zone, stored under static/."""

    file: str = Field(description="Path under static/, e.g. images/trang-e.jpg.")
    caption: Text | None = Field(None, description="What the picture shows.")
    credit: str | None = Field(None, description="Who took it.")


class Document(Section):
    """A plan, decision or brochure, as a link or a file under static/."""

    title: Text = Field(description="Title as shown to investors.")
    url: Url | None = Field(None, description="Link to the document.")
    file: str | None = Field(None, description="Path under static/, e.g. docs/trang-e-plan.pdf.")
    date: PartialDate | None = Field(None, description="Date of the document.")

    @model_validator(mode="after")
    def _has_target(self) -> Document:
        if not self.url and not self.file:
            raise ValueError("a document needs a url or a file")
        return self


class Contact(Section):
    """A person or office an investor can reach."""

    role: Literal["developer", "department", "other"] = Field(
        "other", description="developer (the zone's investor), department (the provincial authority) or other."
    )
    name: Text | None = Field(None, description="Person or office.")
    organisation: Text | None = Field(None, description="Company or agency.")
    phone: Phone | None = Field(None, description="Phone, in quotes so a leading 0 is kept.")
    email: Email | None = Field(None, description="E-mail address.")
    zalo: Phone | None = Field(None, description="Phone number registered with Zalo.")
    website: Url | None = Field(None, description="Website.")
    address: Text | None = Field(None, description="Postal address.")


class Citation(Section):
    """Where figures come from: a source defined in site.yaml, or one written out here."""

    ref: Ref("sources") | None = Field(None, description="Key of a source defined in site.yaml.")
    title: Text | None = Field(None, description="Title, when the source is not defined in site.yaml.")
    publisher: str | None = Field(None, description="Who published it.")
    url: Url | None = Field(None, description="Where to read it.")
    published: PartialDate | None = Field(None, description="Publication date.")
    checked: PartialDate | None = Field(None, description="Date someone last checked the figures against it.")
    covers: list[str] = Field(
        default_factory=list,
        description="Fields this source supports, e.g. area, status, targets, area.total_ha.",
    )

    @model_validator(mode="after")
    def _names_a_source(self) -> Citation:
        if not self.ref and not self.title:
            raise ValueError("a source needs ref (a key from site.yaml sources) or a title")
        return self


class Zone(Section):
    """One industrial cluster, park, economic zone or craft-village cluster."""

    name: Text = Field(description="Full name, e.g. {vi: Cụm công nghiệp Trảng É, en: Trang E Industrial Cluster}.")
    short_name: Text | None = Field(None, description="Name used in lists and charts, e.g. Trảng É.")
    type: Ref("zone_types") = Field(description="Key of a zone type, e.g. industrial_cluster.")
    status: Annotated[Ref("statuses") | None, Facts(weight=8)] = Field(
        None, description="Key of a status, e.g. operating."
    )
    status_note: Annotated[Text | None, PROSE] = Field(
        None, description="Why the zone is at this stage, or what holds it up."
    )
    featured: bool = Field(False, description="Show on the home page.")
    summary: Annotated[Text | None, PROSE] = Field(None, description="One sentence for lists and link previews.")
    description: Annotated[Text | None, PROSE] = Field(
        None, description="Markdown; in a .md zone file, the body instead."
    )
    location: Annotated[Location, Facts(weight=6)] = Field(default_factory=Location)
    dates: Dates = Field(default_factory=Dates)
    decisions: Annotated[
        list[Decision],
        Facts(example="{number: 123/QĐ-UBND, date: 2019-05-10, about: {vi: Thành lập cụm, en: Establishment}}"),
    ] = Field(default_factory=list)
    area: Annotated[Area, Facts(weight=10)] = Field(default_factory=Area)
    developer: Developer = Field(default_factory=Developer)
    lease: Annotated[Lease, Facts(weight=8)] = Field(default_factory=Lease)
    tenants: Tenants = Field(default_factory=Tenants)
    infrastructure: Annotated[dict[Ref("infrastructure"), Work], Facts(example="{state: operating}", weight=5)] = Field(
        default_factory=dict, description="Each work by key, e.g. wastewater_treatment: {state: operating}."
    )
    industries: Annotated[list[Ref("industries")], Facts(weight=4)] = Field(
        default_factory=list, description="Target industries, by key."
    )
    incentives: list[Ref("incentives")] = Field(default_factory=list, description="Shared incentives, by key.")
    local_incentives: Annotated[list[Text], PROSE] = Field(
        default_factory=list, description="Incentives only this zone offers."
    )
    connectivity: Annotated[dict[Ref("connectivity"), Link], Facts(example="{km: 25, name: ...}", weight=4)] = Field(
        default_factory=dict, description="Distance to seaport, airport, railway, highway, provincial capital."
    )
    targets: Annotated[list[Target], Facts(example="{year: 2026, occupancy_pct: 60}")] = Field(
        default_factory=list, description="Goals by year."
    )
    photos: Annotated[list[Photo], Facts(example="{file: images/zone.jpg, caption: {vi: ..., en: ...}}", weight=2)] = (
        Field(default_factory=list)
    )
    documents: Annotated[list[Document], Facts(example="{title: {vi: ..., en: ...}, url: https://...}")] = Field(
        default_factory=list
    )
    contacts: Annotated[
        list[Contact],
        Facts(example="{role: developer, name: ..., phone: '0258 3822 111', email: info@example.vn}", weight=9),
    ] = Field(default_factory=list)
    sources: Annotated[
        list[Citation], Facts(example="{ref: source-key, checked: 2026-01-31, covers: [area, status]}", weight=5)
    ] = Field(default_factory=list, description="Where the figures come from.")
