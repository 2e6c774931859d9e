"""Fixture sites shared by several test modules: a rich eight-zone province whose districts, types,
statuses, land, prices, works and distances differ, so every filter, sort and chart has something
to tell apart."""

from __future__ import annotations

RICH_SITE_EXTRA = """\
exchange_rate: {vnd_per_usd: 25000, date: 2024-06-01, source: plan-2024}
inquiry:
  form_action: https://forms.example.test/inquiry
  email: inquiries@example.test
map:
  tiles: https://tiles.example.test/{z}/{x}/{y}.png
  attribution: Test tiles
plan:
  title: {vi: Kế hoạch thử, en: The test plan}
  source: plan-2024
  figures:
    - label: {vi: "Số khu, cụm theo quy hoạch", en: Zones in the plan}
      metric: zones
      value: 10
    - label: {vi: Tổng diện tích, en: Total area}
      metric: total_ha
      value: 600
"""

RICH_ZONES = {
    "bac-son.yaml": """\
        name: {vi: Cụm công nghiệp Bắc Sơn, en: Bac Son Industrial Cluster}
        short_name: {vi: Bắc Sơn, en: Bac Son}
        type: industrial_cluster
        status: operating
        featured: true
        summary: {vi: Cụm đang hoạt động gần cảng., en: An operating cluster near the port.}
        description:
          vi: Cụm có hạ tầng hoàn chỉnh, điện và nước thải sẵn sàng cho nhà máy mới.
          en: The cluster has complete infrastructure; power and wastewater are ready for new factories.
        location:
          district: {vi: huyện Cam Lâm, en: Cam Lam district}
          commune: {vi: xã Cam Hải Tây, en: Cam Hai Tay commune}
          address: {vi: "Quốc lộ 1A, km 1500", en: "National Road 1A, km 1500"}
          lat: 12.05
          lng: 109.15
        dates:
          planned: 2015
          established: 2017-03-02
          construction_started: 2018
          operating_since: 2020-06
        decisions:
          - number: 123/QĐ-UBND
            date: 2017-03-02
            issuer: {vi: UBND tỉnh, en: Provincial People's Committee}
            about: {vi: Thành lập cụm, en: Establishing the cluster}
        area:
          total_ha: 75
          industrial_land_ha: 60
          leased_ha: 45
          as_of: 2024-06
        developer:
          name: {vi: Công ty Bắc Sơn, en: Bac Son Company}
          funding: enterprise
        lease:
          price_usd_m2: 45
          price_vnd_m2: 1100000
          price_basis: term
          term_until: 2067
          management_fee_usd_m2_year: 0.5
          note: {vi: Trả một lần hoặc hằng năm., en: Pay once or yearly.}
        tenants:
          establishments: 12
          fdi_projects: 3
          domestic_projects: 9
          workers: 2500
          registered_capital_usd: 150000000
          notable: [{vi: Nhà máy thủy sản, en: A seafood plant}]
          as_of: 2024-06
        infrastructure:
          internal_roads: {state: completed}
          water_supply: {state: operating, capacity: 3000}
          wastewater_collection: {state: completed}
          wastewater_treatment: {state: operating, capacity: 2000, standard: QCVN 40:2011/BTNMT}
          solid_waste: {state: operating}
          fire_protection: {state: completed}
          power_supply: {state: completed, capacity: 40}
          public_lighting: {state: completed}
          telecommunications: {state: operating}
        industries: [food, textiles]
        incentives: [land_rent]
        local_incentives: [{vi: Hỗ trợ tuyển dụng lao động, en: Help with hiring workers}]
        connectivity:
          seaport: {km: 20, name: {vi: Cảng Cam Ranh, en: Cam Ranh port}}
          airport: {km: 30, name: {vi: Sân bay Cam Ranh, en: Cam Ranh airport}}
          railway: {km: 8}
          highway: {km: 2}
          provincial_capital: {km: 35}
        targets:
          - year: 2025
            occupancy_pct: 90
        documents:
          - title: {vi: Quy hoạch chi tiết, en: Detailed plan}
            url: https://example.test/bac-son-plan.pdf
            date: 2017
        contacts:
          - role: developer
            name: {vi: Phòng kinh doanh Bắc Sơn, en: Bac Son sales office}
            organisation: {vi: Công ty Bắc Sơn, en: Bac Son Company}
            phone: '0258 3999 000'
            email: sales@bacson.example.test
            zalo: '0905 123 456'
          - role: other
            name: {vi: Ban quản lý cụm, en: Cluster management board}
            phone: '+84 258 3888 111'
            zalo: '+84 905 111 222'
        sources:
          - ref: plan-2024
            covers: [area, status, tenants]
        """,
    "dac-loc.yaml": """\
        name: {vi: Cụm công nghiệp Đắc Lộc, en: Dac Loc Industrial Cluster}
        type: industrial_cluster
        status: under_construction
        location:
          district: {vi: thị xã Ninh Hòa, en: Ninh Hoa town}
          lat: 12.5
          lng: 109.1
        area: {total_ha: 50, industrial_land_ha: 40, leased_ha: 10}
        lease: {price_usd_m2: 38}
        tenants: {establishments: 2, workers: 150}
        infrastructure:
          wastewater_treatment: {state: under_construction}
          power_supply: {state: completed}
        industries: [textiles]
        connectivity:
          seaport: {km: 12}
          airport: {km: 55}
        targets:
          - year: 2026
            occupancy_pct: 60
        contacts:
          - role: developer
            email: dacloc@example.test
        """,
    "hon-khoi.yaml": """\
        name: {vi: Khu công nghiệp Hòn Khói, en: Hon Khoi Industrial Park}
        type: industrial_park
        status: operating
        location:
          district: {vi: thị xã Ninh Hòa, en: Ninh Hoa town}
          lat: 12.55
          lng: 109.2
        area: {total_ha: 300, industrial_land_ha: 240, leased_ha: 228}
        lease: {price_usd_m2: 60}
        tenants: {establishments: 40, workers: 9000}
        infrastructure:
          wastewater_treatment: {state: operating}
          power_supply: {state: operating}
        industries: [food]
        connectivity:
          seaport: {km: 5}
          airport: {km: 70}
        """,
    "cam-thinh.yaml": """\
        name: {vi: Cụm công nghiệp làng nghề Cam Thịnh, en: Cam Thinh Craft-village Cluster}
        type: craft_village_cluster
        status: established
        location:
          district: {vi: thành phố Cam Ranh, en: Cam Ranh city}
          lat: 11.95
          lng: 109.12
        area: {total_ha: 20}
        lease: {price_vnd_m2: 500000}
        connectivity:
          airport: {km: 10}
        """,
    "suoi-dau.yaml": """\
        name: {vi: Cụm công nghiệp Suối Dầu, en: Suoi Dau Industrial Cluster}
        type: industrial_cluster
        status: operating
        location:
          district: {vi: huyện Cam Lâm, en: Cam Lam district}
          lat: 12.15
          lng: 109.08
        area: {total_ha: 40, industrial_land_ha: 32, leased_ha: 32}
        lease: {price_usd_m2: 50}
        tenants: {establishments: 20, workers: 3000}
        infrastructure:
          wastewater_treatment: {state: completed}
          power_supply: {state: completed}
        industries: [food]
        connectivity:
          seaport: {km: 25}
          airport: {km: 15}
        """,
    "van-ninh.yaml": """\
        name: {vi: Cụm công nghiệp Vạn Ninh, en: Van Ninh Industrial Cluster}
        type: industrial_cluster
        status: planned
        location:
          district: {vi: huyện Vạn Ninh, en: Van Ninh district}
        area: {total_ha: 30}
        connectivity:
          seaport: {km: 60}
        """,
    "dien-phu.yaml": """\
        name: {vi: Cụm công nghiệp Diên Phú, en: Dien Phu Industrial Cluster}
        type: industrial_cluster
        status: under_construction
        location:
          district: {vi: huyện Diên Khánh, en: Dien Khanh district}
          lat: 12.25
          lng: 109.05
        area: {industrial_land_ha: 35, leased_ha: 7.5}
        lease: {price_usd_m2: 30}
        infrastructure:
          power_supply: {state: under_construction}
        industries: [food, textiles]
        connectivity:
          seaport: {km: 15}
          airport: {km: 25}
        """,
    "ninh-thuy.yaml": """\
        name: {vi: Cụm công nghiệp Ninh Thủy, en: Ninh Thuy Industrial Cluster}
        type: industrial_cluster
        status: established
        location:
          district: {vi: thị xã Ninh Hòa, en: Ninh Hoa town}
          lat: 12.52
          lng: 109.25
          approximate: true
        area: {total_ha: 45, industrial_land_ha: 36}
        lease: {price_usd_m2: 25}
        infrastructure:
          wastewater_treatment: {state: planned}
        connectivity:
          seaport: {km: 8}
        """,
}

RICH_PAGES = {
    "about.md": """\
        ---
        title: {vi: Giới thiệu, en: About}
        nav: 1
        ---
        <!-- lang: vi -->
        Giới thiệu.

        <!-- lang: en -->
        About.
        """,
    "news/bac-son-opens.md": """\
        ---
        title: {vi: Bắc Sơn mở rộng, en: Bac Son expands}
        description: {vi: Thêm đất cho thuê., en: More land to lease.}
        date: 2024-06-15
        ---
        <!-- lang: vi -->
        Cụm Bắc Sơn mở rộng.

        <!-- lang: en -->
        The Bac Son cluster expands.
        """,
}
