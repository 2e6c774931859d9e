"""Spreadsheets for people: the workbook speaks the staff's language and offers drop-downs; a new
row needs no file name; lists have no cap; a province's own sheet is read through a mapping file;
file names two rows would share are reported. All through the real command line."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from conftest import make_site, run_cli, snapshot
from openpyxl import load_workbook

VI = {"ZONESITE_LANG": "vi"}


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    return path


def test_a_csv_row_with_only_a_vietnamese_name_and_a_list_becomes_a_zone_that_checks(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    sheet = write_csv(
        tmp_path / "new.csv",
        [
            ["slug", "name_vi", "type", "industries", "area_total_ha"],
            ["", "Cụm công nghiệp Đắk Thử Nghiệm", "industrial_cluster", "food; Dệt may", "12.5"],
        ],
    )
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert stdout.splitlines()[0] == "Created clusters/dak-thu-nghiem.yaml:"
    data = yaml.safe_load((site / "clusters" / "dak-thu-nghiem.yaml").read_text(encoding="utf-8"))
    assert data["name"] == {"vi": "Cụm công nghiệp Đắk Thử Nghiệm"}
    assert data["industries"] == ["food", "textiles"], "a label in the list stands for its key"
    assert data["area"]["total_ha"] == 12.5
    code, _out, stderr = run_cli("check", "--site", site)
    assert code == 0, stderr


def test_file_names_two_rows_would_share_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    before = snapshot(site)
    sheet = write_csv(
        tmp_path / "twice.csv",
        [
            ["slug", "name_vi", "type"],
            ["", "Cụm công nghiệp Hòa Bình", "industrial_cluster"],
            ["", "Khu công nghiệp Hoà Bình", "industrial_park"],
        ],
    )
    code, _out, stderr = run_cli("import", sheet, "--site", site)
    assert code == 1
    assert "twice.csv row 3, column slug: 'hoa-binh' is also on row 2" in stderr, stderr
    assert snapshot(site) == before


def test_lists_have_no_cap(tmp_path: Path) -> None:
    """Sixty tenant names in one cell and a 25th contact in its numbered column all arrive."""
    site = make_site(tmp_path / "site")
    names = [f"Công ty số {i}" for i in range(60)]
    sheet = write_csv(
        tmp_path / "many.csv",
        [
            ["slug", "name_vi", "type", "tenants_notable_vi", "contacts_25_role", "contacts_25_phone"],
            ["many", "Cụm công nghiệp Nhiều", "industrial_cluster", "; ".join(names), "developer", "0258 3822 125"],
        ],
    )
    code, _out, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    data = yaml.safe_load((site / "clusters" / "many.yaml").read_text(encoding="utf-8"))
    assert data["tenants"]["notable"] == names
    assert data["contacts"] == [{"role": "developer", "phone": "0258 3822 125"}]


PROVINCE_SHEET = [
    ["STT", "Tên cụm công nghiệp", "Loại", "Tình trạng", "Diện tích (ha)", "Ghi chú nội bộ"],
    [1, "Cụm công nghiệp Phú Lộc", "Cụm công nghiệp", "Đang hoạt động", 42, "gọi lại tuần sau"],
    [2, "Cụm công nghiệp Tân Thành", "Cụm công nghiệp", "Chưa triển khai", 18.5, ""],
]
MAPPING = """\
# The province's column titles → field keys; its words → keys.
columns:
  STT: ignore
  Tên cụm công nghiệp: name_vi
  Loại: type
  Tình trạng: status
  Diện tích (ha): area_total_ha
values:
  status:
    Chưa triển khai: planned
"""


def test_a_provinces_own_sheet_is_imported_through_a_mapping_file(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    sheet = write_csv(tmp_path / "tinh.csv", PROVINCE_SHEET)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    code, stdout, stderr = run_cli("import", sheet, "--map", mapping, "--site", site)
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines.count("Columns the mapping file does not name, left out: Ghi chú nội bộ") == 1, stdout
    phu_loc = yaml.safe_load((site / "clusters" / "phu-loc.yaml").read_text(encoding="utf-8"))
    assert phu_loc["status"] == "operating", "a status label of the site stands for its key"
    assert phu_loc["type"] == "industrial_cluster" and phu_loc["area"]["total_ha"] == 42
    tan_thanh = yaml.safe_load((site / "clusters" / "tan-thanh.yaml").read_text(encoding="utf-8"))
    assert tan_thanh["status"] == "planned", "the mapping's own word stands for its key"
    code, _out, stderr = run_cli("check", "--site", site)
    assert code == 0, stderr


def test_a_mapping_that_names_no_column_is_located(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    sheet = write_csv(tmp_path / "tinh.csv", PROVINCE_SHEET)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING.replace("area_total_ha", "area_totl_ha"), encoding="utf-8")
    code, _out, stderr = run_cli("import", sheet, "--map", mapping, "--site", site)
    assert code == 1
    assert (
        "mapping.yaml:7:3: columns.Diện tích (ha): 'area_totl_ha' is not a column of the zone sheet "
        "(did you mean 'area_total_ha'?)" in stderr
    ), stderr


def test_the_workbook_speaks_the_staff_language_with_drop_downs(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    book_path = tmp_path / "zones.xlsx"
    code, stdout, stderr = run_cli("export", book_path, "--site", site, env=VI)
    assert code == 0, stderr
    assert "Hướng dẫn" in stdout, stdout
    book = load_workbook(book_path)
    sheet = book["zones"]
    titles = [c.value for c in sheet[1]]
    keys = [c.value for c in sheet[2]]
    status = keys.index("status")
    assert titles[status] == "Tình trạng" and titles[keys.index("name_en")] == "Tên (Tiếng Anh)"
    assert sheet.cell(row=3, column=status + 1).value == "Đang hoạt động"
    lists = book["lists"]
    letter = sheet.cell(row=1, column=status + 1).column_letter
    (rule,) = [r for r in sheet.data_validations.dataValidation if str(r.sqref).startswith(f"{letter}3:")]
    column, first, last = re.search(r"!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", rule.formula1).groups()
    offered = [lists[f"{column}{n}"].value for n in range(int(first), int(last) + 1)]
    assert "Đang hoạt động" in offered and "Trong quy hoạch" in offered
    assert "Hướng dẫn" in book.sheetnames
    code, stdout, stderr = run_cli("import", book_path, "--site", site, env=VI)
    assert code == 0, stderr
    assert stdout.startswith("Không có thay đổi"), stdout
