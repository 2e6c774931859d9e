"""The zone file: everything an investor screens a zone on, as the brief lists it.

Every figure is optional: a value left out is "not published", never 0. Shared things (types,
statuses, industries, incentives, infrastructure works, transport links, sources) are referenced
by key and defined once in site.yaml.

Each field carries its own facts (:mod:`zonesite.model.facts`): its label in each language, what it
counts, and for top-level fields the fact-sheet section it is shown in. Nothing else lists fields.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import N_, _
from .facts import Digits, Facts, Unit, label
from .types import Email, PartialDate, Phone, Ref, StaticFile, Text, Url

Hectares = Annotated[float, Field(ge=0, description=N_("hectares")), Unit("ha")]
Percent = Annotated[float, Field(ge=0, le=100, description=N_("per cent, 0 to 100")), Unit("pct")]
Count = Annotated[int, Field(ge=0), Unit("count")]
Km = Annotated[float, Field(ge=0, le=2000, description=N_("kilometres")), Unit("km")]
Year = Annotated[int, Unit("year")]


def Money(unit: str) -> Any:  # noqa: N802 - reads like a type in annotations
    """A sum of money that cannot be negative: ``Money("usd/m2")``, the currency first."""
    return Annotated[float, Field(ge=0), Unit(unit)]


def fact(vi: str, en: str, metric: bool = False, **facts: Any) -> Facts:
    """Facts of a field with its label in each language; ``metric`` figures are added up in province
    totals; ``section`` names the fact-sheet section a top-level field is shown in."""
    return Facts(label=label(vi, en), metric="sum" if metric else None, **facts)


def prose(vi: str, en: str, **facts: Any) -> Facts:
    """Facts of long text, kept out of flat tables (CSV cells are for figures and short labels)."""
    return fact(vi, en, prose=True, **facts)


class Section(BaseModel):
    """A group of fields; unknown keys are errors so a misspelt key never vanishes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False, allow_inf_nan=False)


class Location(Section):
    """Where the zone is: administrative units, address and map coordinates (WGS 84)."""

    province: Annotated[Text | None, fact("Tỉnh", "Province", proper=True)] = Field(
        None, description=N_("Province; defaults to the site's province.")
    )
    commune: Annotated[Text | None, fact("Xã, phường, đặc khu", "Commune, ward or special zone", proper=True)] = Field(
        None, description=N_("The commune, ward or special zone the zone lies in (Vietnam's units since 1 July 2025).")
    )
    district: Annotated[Text | None, fact("Huyện, thị xã, thành phố", "District", proper=True, optional=True)] = Field(
        None,
        description=N_(
            "District, town or city, in a country that has them; Vietnam abolished districts on 1 July 2025: "
            "write the old one as former_district."
        ),
    )
    former_commune: Annotated[
        Text | None, fact("Trước đây là xã, phường", "Formerly commune or ward", proper=True, optional=True)
    ] = Field(
        None,
        description=N_("The commune, ward or town before the 2025 reorganisation, as older documents name it."),
    )
    former_district: Annotated[
        Text | None, fact("Trước đây thuộc huyện", "Formerly in district", proper=True, optional=True)
    ] = Field(
        None,
        description=N_("The district the zone was in before 1 July 2025, as older documents and investors name it."),
    )
    former_province: Annotated[
        Text | None, fact("Trước đây thuộc tỉnh", "Formerly in province", proper=True, optional=True)
    ] = Field(
        None, description=N_("The province before the 2025 merger, for a zone of a province merged into another.")
    )
    address: Annotated[Text | None, fact("Địa chỉ", "Address", proper=True)] = Field(
        None, description=N_("Street address or the way to describe the site.")
    )
    lat: Annotated[float | None, fact("Vĩ độ", "Latitude")] = Field(
        None, description=N_("Latitude in decimal degrees, e.g. 12.2388.")
    )
    lng: Annotated[float | None, fact("Kinh độ", "Longitude")] = Field(
        None, description=N_("Longitude in decimal degrees, e.g. 109.1967.")
    )
    approximate: Annotated[bool, fact("Vị trí gần đúng", "Approximate position", aside=True)] = Field(
        False, description=N_("The coordinates mark the commune or district, not the zone's own boundary.")
    )


class Dates(Section):
    """When the zone reached each stage; a year alone (2019) is fine when that is all that is known."""

    planned: Annotated[PartialDate | None, fact("Đưa vào quy hoạch", "Included in the plan")] = Field(
        None, description=N_("Included in the approved plan.")
    )
    established: Annotated[PartialDate | None, fact("Thành lập", "Established")] = Field(
        None, description=N_("Decision establishing the zone.")
    )
    construction_started: Annotated[PartialDate | None, fact("Khởi công hạ tầng", "Construction started")] = Field(
        None, description=N_("Infrastructure works began.")
    )
    operating_since: Annotated[PartialDate | None, fact("Hoạt động từ", "Operating since")] = Field(
        None, description=N_("First tenants started production.")
    )


class Decision(Section):
    """A legal decision about the zone (establishment, detailed plan, investment approval)."""

    number: Annotated[str, Digits(), fact("Số quyết định", "Decision number")] = Field(
        description=N_("Decision number as printed, e.g. 1234/QĐ-UBND.")
    )
    date: Annotated[PartialDate | None, fact("Ngày ký", "Date signed")] = Field(
        None, description=N_("Date the decision was signed.")
    )
    issuer: Annotated[Text | None, fact("Cơ quan ban hành", "Issued by")] = Field(
        None, description=N_("Who issued it, e.g. the provincial People's Committee.")
    )
    about: Annotated[Text | None, fact("Nội dung", "Subject")] = Field(None, description=N_("What it decides."))
    url: Annotated[Url | None, fact("Đường dẫn", "Link")] = Field(None, description=N_("Link to the published text."))


class Area(Section):
    """Land, in hectares. Free land and occupancy are computed from the others when left out."""

    total_ha: Annotated[Hectares | None, fact("Tổng diện tích", "Total area", metric=True, tile=True, weight=6)] = (
        Field(None, description=N_("Total planned area of the zone."))
    )
    industrial_land_ha: Annotated[
        Hectares | None, fact("Đất công nghiệp", "Industrial land", metric=True, derivable=True)
    ] = Field(None, description=N_("Land for lease to factories."))
    leased_ha: Annotated[Hectares | None, fact("Đã cho thuê", "Leased", metric=True, derivable=True)] = Field(
        None, description=N_("Industrial land already leased or allocated.")
    )
    available_ha: Annotated[Hectares | None, fact("Còn trống", "Available", metric=True, derivable=True, tile=True)] = (
        Field(None, description=N_("Industrial land still free to lease."))
    )
    occupancy_pct: Annotated[
        Percent | None,
        Facts(
            label=label("Tỷ lệ lấp đầy", "Occupancy"),
            metric="rate",
            rate_of=("leased_ha", "industrial_land_ha"),
            derivable=True,
            tile=True,
        ),
    ] = Field(None, description=N_("Share of industrial land leased, per cent."))
    as_of: Annotated[PartialDate | None, fact("Số liệu đất đai tại ngày", "Land figures as of", aside=True)] = Field(
        None, description=N_("Date the land figures describe.")
    )


class Developer(Section):
    """The infrastructure investor that builds and leases out the zone."""

    name: Annotated[Text | None, fact("Chủ đầu tư hạ tầng", "Infrastructure investor", weight=3, proper=True)] = Field(
        None, description=N_("Company or public body.")
    )
    funding: Annotated[
        Literal["enterprise", "state_budget", "mixed"] | None,
        fact("Nguồn vốn đầu tư hạ tầng", "Infrastructure funding"),
    ] = Field(None, description=N_("Who pays for the infrastructure: an enterprise, the State budget, or both."))
    website: Annotated[Url | None, fact("Trang web", "Website", optional=True)] = Field(
        None, description=N_("Developer's website.")
    )
    phone: Annotated[Phone | None, fact("Điện thoại", "Phone", optional=True)] = Field(
        None, description=N_("Phone, in quotes so a leading 0 is kept.")
    )
    email: Annotated[Email | None, fact("Thư điện tử", "E-mail", optional=True)] = Field(
        None, description=N_("E-mail address.")
    )


class Lease(Section):
    """What a factory pays for land and services."""

    price_usd_m2: Annotated[Money("usd/m2") | None, fact("Giá thuê đất (USD)", "Land lease (USD)")] = Field(
        None, description=N_("Land lease price in USD per m².")
    )
    price_vnd_m2: Annotated[Money("vnd/m2") | None, fact("Giá thuê đất (VND)", "Land lease (VND)")] = Field(
        None, description=N_("Land lease price in VND per m².")
    )
    price_basis: Annotated[Literal["term", "year"] | None, fact("Giá tính cho", "Price basis", aside=True)] = Field(
        None, description=N_("Whether the price covers the whole lease term or one year.")
    )
    term_until: Annotated[Year | None, fact("Thời hạn sử dụng đất đến", "Land-use term until")] = Field(
        None, ge=2000, le=2200, description=N_("Year the land-use term ends.")
    )
    management_fee_usd_m2_year: Annotated[
        Money("usd/m2/year") | None, fact("Phí quản lý (USD)", "Management fee (USD)")
    ] = Field(None, description=N_("Management fee, USD per m² per year."))
    management_fee_vnd_m2_year: Annotated[
        Money("vnd/m2/year") | None, fact("Phí quản lý (VND)", "Management fee (VND)")
    ] = Field(None, description=N_("Management fee, VND per m² per year."))
    note: Annotated[Text | None, prose("Ghi chú về giá", "Note on prices")] = Field(
        None, description=N_("Anything else about prices and payment.")
    )


class Tenants(Section):
    """Who already produces in the zone."""

    establishments: Annotated[
        Count | None, fact("Cơ sở sản xuất, kinh doanh", "Establishments", metric=True, tile=True)
    ] = Field(None, description=N_("Production and business establishments."))
    fdi_projects: Annotated[Count | None, fact("Dự án FDI", "FDI projects", metric=True)] = Field(
        None, description=N_("Foreign-invested secondary projects.")
    )
    domestic_projects: Annotated[Count | None, fact("Dự án trong nước", "Domestic projects", metric=True)] = Field(
        None, description=N_("Domestic secondary projects.")
    )
    workers: Annotated[Count | None, fact("Lao động", "Workers", metric=True, tile=True)] = Field(
        None, description=N_("People employed in the zone.")
    )
    registered_capital_vnd: Annotated[
        Money("vnd") | None, fact("Vốn đăng ký (VND)", "Registered capital (VND)", metric=True)
    ] = Field(None, description=N_("Registered capital of tenants, VND."))
    registered_capital_usd: Annotated[
        Money("usd") | None, fact("Vốn đăng ký (USD)", "Registered capital (USD)", metric=True)
    ] = Field(None, description=N_("Registered capital of tenants, USD."))
    notable: Annotated[list[Text], prose("Dự án tiêu biểu", "Notable projects", proper=True)] = Field(
        default_factory=list, description=N_("Well-known tenants or projects.")
    )
    as_of: Annotated[PartialDate | None, fact("Số liệu doanh nghiệp tại ngày", "Tenant figures as of", aside=True)] = (
        Field(None, description=N_("Date the tenant figures describe."))
    )


class Work(Section):
    """One technical-infrastructure work (internal roads, wastewater treatment...) and its state."""

    state: Annotated[Ref("infrastructure_states"), fact("Hiện trạng", "State")] = Field(
        description=N_("Key of an infrastructure state, e.g. completed.")
    )
    capacity: Annotated[float | None, fact("Công suất", "Capacity", amount=True)] = Field(
        None, ge=0, description=N_("Capacity, in the unit the work's definition gives.")
    )
    standard: Annotated[str | None, fact("Quy chuẩn", "Standard")] = Field(
        None, description=N_("National standard met, e.g. QCVN 40:2011/BTNMT, column A.")
    )
    completed: Annotated[PartialDate | None, fact("Hoàn thành", "Completed")] = Field(
        None, description=N_("When the work was finished.")
    )
    note: Annotated[Text | None, prose("Ghi chú", "Note")] = Field(
        None, description=N_("Anything an investor should know about it.")
    )


class Link(Section):
    """Distance to a transport hub or city."""

    km: Annotated[Km | None, fact("Khoảng cách", "Distance")] = Field(
        None, description=N_("Road distance in kilometres.")
    )
    name: Annotated[Text | None, fact("Tên", "Name", proper=True)] = Field(
        None, description=N_("Name of the port, airport, station, road or city.")
    )


class Target(Section):
    """A goal for a year: an occupancy rate, a milestone in words, or both."""

    year: Annotated[Year, fact("Năm", "Year")] = Field(ge=2000, le=2200, description=N_("Year the target is for."))
    occupancy_pct: Annotated[Percent | None, fact("Tỷ lệ lấp đầy", "Occupancy")] = Field(
        None, description=N_("Occupancy the zone should reach, per cent.")
    )
    text: Annotated[Text | None, fact("Mục tiêu", "Target")] = Field(None, description=N_("The target in words."))

    @model_validator(mode="after")
    def _says_something(self) -> Target:
        if self.occupancy_pct is None and self.text is None:
            raise ValueError(_("a target needs occupancy_pct, text, or both"))
        return self


class Photo(Section):
    """A picture of the zone, stored under static/."""

    file: Annotated[StaticFile, fact("Tệp ảnh", "Image file")] = Field(
        description=N_("Path under static/, e.g. images/trang-e.jpg.")
    )
    caption: Annotated[Text | None, fact("Chú thích", "Caption")] = Field(
        None, description=N_("What the picture shows.")
    )
    credit: Annotated[Text | None, fact("Tác giả", "Credit", proper=True)] = Field(None, description=N_("Who took it."))


class Document(Section):
    """A plan, decision or brochure, as a link or a file under static/."""

    title: Annotated[Text, fact("Tiêu đề", "Title")] = Field(description=N_("Title as shown to investors."))
    url: Annotated[Url | None, fact("Đường dẫn", "Link")] = Field(None, description=N_("Link to the document."))
    file: Annotated[StaticFile | None, fact("Tệp", "File")] = Field(
        None, description=N_("Path under static/, e.g. docs/trang-e-plan.pdf.")
    )
    date: Annotated[PartialDate | None, fact("Ngày", "Date")] = Field(None, description=N_("Date of the document."))

    @model_validator(mode="after")
    def _has_target(self) -> Document:
        if not self.url and not self.file:
            # Translators: url and file are the document's fields; keep them as written.
            raise ValueError(_("a document needs a url or a file"))
        return self


class Contact(Section):
    """A person or office an investor can reach."""

    role: Annotated[Literal["developer", "department", "other"], fact("Vai trò", "Role")] = Field(
        "other", description=N_("developer (the zone's investor), department (the provincial authority) or other.")
    )
    name: Annotated[Text | None, fact("Tên", "Name", proper=True)] = Field(None, description=N_("Person or office."))
    organisation: Annotated[Text | None, fact("Cơ quan, doanh nghiệp", "Organisation", proper=True)] = Field(
        None, description=N_("Company or agency.")
    )
    phone: Annotated[Phone | None, fact("Điện thoại", "Phone")] = Field(
        None, description=N_("Phone, in quotes so a leading 0 is kept.")
    )
    email: Annotated[Email | None, fact("Thư điện tử", "E-mail")] = Field(None, description=N_("E-mail address."))
    zalo: Annotated[Phone | None, fact("Zalo", "Zalo")] = Field(
        None, description=N_("Phone number registered with Zalo.")
    )
    website: Annotated[Url | None, fact("Trang web", "Website")] = Field(None, description=N_("Website."))
    address: Annotated[Text | None, fact("Địa chỉ", "Address")] = Field(None, description=N_("Postal address."))
    hours: Annotated[Text | None, fact("Giờ làm việc", "Office hours")] = Field(
        None, description=N_("When calls are answered, e.g. {vi: Thứ Hai–Thứ Sáu, 7:30–17:00, en: Mon–Fri 7:30–17:00}.")
    )
    sample: Annotated[bool, fact("Liên hệ mẫu", "Sample contact")] = Field(
        False, description=N_("A placeholder, not a real contact: pages mark it and check reports it until replaced.")
    )


class Citation(Section):
    """Where figures come from: a source defined in site.yaml, or one written out here."""

    ref: Annotated[Ref("sources") | None, fact("Nguồn", "Source")] = Field(
        None, description=N_("Key of a source defined in site.yaml.")
    )
    title: Annotated[Text | None, fact("Tiêu đề", "Title")] = Field(
        None, description=N_("Title, when the source is not defined in site.yaml.")
    )
    publisher: Annotated[Text | None, fact("Đơn vị đăng", "Publisher", proper=True)] = Field(
        None, description=N_("Who published it.")
    )
    url: Annotated[Url | None, fact("Đường dẫn", "Link")] = Field(None, description=N_("Where to read it."))
    published: Annotated[PartialDate | None, fact("Ngày đăng", "Published")] = Field(
        None, description=N_("Publication date.")
    )
    checked: Annotated[PartialDate | None, fact("Ngày kiểm tra", "Checked")] = Field(
        None, description=N_("Date someone last checked the figures against it.")
    )
    covers: Annotated[list[str], fact("Số liệu được dẫn", "Covers")] = Field(
        default_factory=list,
        description=N_("Fields this source supports, e.g. area, status, targets, area.total_ha."),
    )

    @model_validator(mode="after")
    def _names_a_source(self) -> Citation:
        if not self.ref and not self.title:
            raise ValueError(_("a source needs ref (a key from site.yaml sources) or a title"))
        return self


# What ``check`` warns about in a zone, one word per kind: the key a known gap is acknowledged by.
WarningKind = Literal[
    "no_free_land",
    "no_contact",
    "no_phone",
    "sample_contact",
    "no_coordinates",
    "no_source",
    "not_checked",
    "stale",
    "one_language",
    "thousands_point",
    "large_photo",
    "plan_differs",
    "district_abolished",
]


class Acknowledgement(Section):
    """A gap staff know about and accept for now, with the reason: check stops warning about it (so
    check --strict passes) and says how many gaps are acknowledged."""

    warning: Annotated[WarningKind, fact("Cảnh báo", "Warning")] = Field(
        description=N_("The kind of warning, e.g. no_coordinates or one_language.")
    )
    reason: Annotated[Text, fact("Lý do", "Reason")] = Field(
        description=N_("Why the gap is known and accepted, e.g. the developer has not published a price yet.")
    )


class Zone(Section):
    """One industrial cluster, park, economic zone or craft-village cluster."""

    name: Annotated[Text, fact("Tên", "Name")] = Field(
        description=N_("Full name, e.g. {vi: Cụm công nghiệp Trảng É, en: Trang E Industrial Cluster}.")
    )
    short_name: Annotated[Text | None, fact("Tên ngắn", "Short name")] = Field(
        None, description=N_("Name used in lists and charts, e.g. Trảng É.")
    )
    type: Annotated[Ref("zone_types"), fact("Loại hình", "Type", section="status_dates")] = Field(
        description=N_("Key of a zone type, e.g. industrial_cluster.")
    )
    status: Annotated[Ref("statuses") | None, fact("Tình trạng", "Status", section="status_dates", weight=8)] = Field(
        None, description=N_("Key of a status, e.g. operating.")
    )
    status_note: Annotated[Text | None, prose("Ghi chú tình trạng", "Status note")] = Field(
        None, description=N_("Why the zone is at this stage, or what holds it up.")
    )
    featured: Annotated[bool, fact("Tiêu biểu", "Featured")] = Field(False, description=N_("Show on the home page."))
    summary: Annotated[Text | None, prose("Tóm tắt", "Summary")] = Field(
        None, description=N_("One sentence for lists and link previews.")
    )
    description: Annotated[Text | None, prose("Giới thiệu", "Description")] = Field(
        None, description=N_("Markdown; in a .md zone file, the body instead.")
    )
    location: Annotated[Location, fact("Vị trí", "Location", section="location", weight=6)] = Field(
        default_factory=Location
    )
    dates: Annotated[Dates, fact("Mốc thời gian", "Dates", section="status_dates")] = Field(default_factory=Dates)
    decisions: Annotated[
        list[Decision],
        fact(
            "Quyết định",
            "Decisions",
            section="status_dates",
            example="{number: 123/QĐ-UBND, date: 2019-05-10, about: {vi: Thành lập cụm, en: Establishment}}",
        ),
    ] = Field(default_factory=list)
    area: Annotated[Area, fact("Đất đai", "Land", section="land", weight=10)] = Field(default_factory=Area)
    developer: Annotated[Developer, fact("Chủ đầu tư hạ tầng", "Infrastructure investor", section="developer")] = Field(
        default_factory=Developer
    )
    lease: Annotated[Lease, fact("Giá thuê và phí", "Lease price and fees", section="lease_terms", weight=8)] = Field(
        default_factory=Lease
    )
    tenants: Annotated[Tenants, fact("Doanh nghiệp thứ cấp", "Tenants", section="tenants")] = Field(
        default_factory=Tenants
    )
    infrastructure: Annotated[
        dict[Ref("infrastructure"), Work],
        fact(
            "Hạ tầng kỹ thuật",
            "Technical infrastructure",
            section="infrastructure",
            example="{state: operating}",
            weight=5,
        ),
    ] = Field(default_factory=dict, description=N_("Each work by key, e.g. wastewater_treatment: {state: operating}."))
    industries: Annotated[
        list[Ref("industries")], fact("Ngành nghề thu hút", "Target industries", section="industries", weight=4)
    ] = Field(default_factory=list, description=N_("Target industries, by key."))
    incentives: Annotated[list[Ref("incentives")], fact("Ưu đãi, hỗ trợ", "Incentives", section="incentives")] = Field(
        default_factory=list, description=N_("Shared incentives, by key.")
    )
    local_incentives: Annotated[
        list[Text], prose("Ưu đãi riêng của khu, cụm", "This zone's own incentives", section="incentives")
    ] = Field(default_factory=list, description=N_("Incentives only this zone offers."))
    connectivity: Annotated[
        dict[Ref("connectivity"), Link],
        fact("Kết nối giao thông", "Connectivity", section="location", example="{km: 25, name: ...}", weight=4),
    ] = Field(
        default_factory=dict, description=N_("Distance to seaport, airport, railway, highway, provincial capital.")
    )
    targets: Annotated[
        list[Target],
        fact("Mục tiêu", "Targets", section="targets", optional=True, example="{year: 2026, occupancy_pct: 60}"),
    ] = Field(default_factory=list, description=N_("Goals by year."))
    photos: Annotated[
        list[Photo],
        fact(
            "Hình ảnh",
            "Photos",
            section="photos",
            optional=True,
            example="{file: images/zone.jpg, caption: {vi: ..., en: ...}}",
            weight=2,
        ),
    ] = Field(default_factory=list)
    documents: Annotated[
        list[Document],
        fact(
            "Tài liệu",
            "Documents",
            section="documents",
            optional=True,
            example="{title: {vi: ..., en: ...}, url: https://...}",
        ),
    ] = Field(default_factory=list)
    contacts: Annotated[
        list[Contact],
        fact(
            "Liên hệ",
            "Contacts",
            example="{role: developer, name: ..., phone: '0258 3822 111', email: info@example.vn}",
            weight=9,
        ),
    ] = Field(default_factory=list)
    sources: Annotated[
        list[Citation],
        fact(
            "Nguồn số liệu",
            "Sources",
            example="{ref: source-key, checked: 2026-01-31, covers: [area, status]}",
            weight=5,
        ),
    ] = Field(default_factory=list, description=N_("Where the figures come from."))
    acknowledged: Annotated[
        list[Acknowledgement],
        fact(
            "Thiếu sót đã biết",
            "Known gaps",
            staff=True,
            example="{warning: no_coordinates, reason: {vi: ..., en: ...}}",
        ),
    ] = Field(
        default_factory=list,
        description=N_("Gaps staff know about and accept for now; check stops warning about them."),
    )
