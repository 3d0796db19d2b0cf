"""Reports for the PDF tests and benchmark: every field filled, Arabic, Chinese, photographs,
and a very long one. Built from the schema or from JSON so that they stay valid as it grows."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal
from typing import Any

from PIL import Image, ImageDraw

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.json_io import report_from_json
from ccm_desktop.schema.kinds import Choice
from ccm_desktop.schema.model import Field, Table
from ccm_desktop.schema.registry import FORMS, part

ROWS = 3


def picture(width: int, height: int, colour: tuple[int, int, int], fmt: str = "JPEG") -> bytes:
    """A small colour picture with a shape on it (a stand-in for a munition photograph)."""
    image = Image.new("RGB", (width, height), (235, 238, 240))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((width * 0.1, height * 0.35, width * 0.9, height * 0.65),
                           radius=height // 10, fill=colour)
    draw.polygon([(width * 0.9, height * 0.35), (width * 0.98, height * 0.5),
                  (width * 0.9, height * 0.65)], fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def attachment(ident: str, filename: str, data: bytes, media_type: str) -> Attachment:
    return Attachment(ident, filename, media_type, hashlib.sha256(data).hexdigest(), data)


def _value(letter: str, table: Table | None, column: Field, n: int) -> Any:
    """A plausible, distinctive value of the column's kind for row n (1-based)."""
    kind = column.kind.name
    where = f"{letter}{n}"
    if kind == "text":
        return f"{column.label} {where}"
    if kind == "note":
        return (f"{column.label} {where}: reported in detail, with enough words to wrap onto a "
                f"second line in a narrow column of the printed table.")
    if kind == "email":
        return f"desk.{letter.lower()}{n}@example.org"
    if kind == "int":
        return 1000 * n + 234 + len(column.id)
    if kind == "year":
        return 2023
    if kind == "area_m2":
        return Decimal(250000 * n) + Decimal("0.5")
    if kind == "money":
        return Decimal(1500000 * n) + Decimal("0.25")
    if kind == "decimal":
        return Decimal("33.8547") + n if column.id == "latitude" else Decimal("35.8623") + n
    if kind == "currency":
        return ("EUR", "USD", "EUR")[(n - 1) % 3]
    if kind == "state":
        return ("LAO", "KHM", "VNM")[(n - 1) % 3]
    if kind == "date":
        return date(2023, n + 2, 10 + n)
    if kind == "yesno":
        return n % 2 == 1
    if kind == "choice":
        assert isinstance(column.kind, Choice)
        options = column.kind.options
        return options[(n - 1) % len(options)].id
    if kind == "attachments":
        return None  # filled by the caller
    raise AssertionError(f"no sample value for kind {kind}")


def filled_report() -> Report:
    """Every form changed, every field and every column filled, three rows per table, colour
    photographs in Form C, documents in Form A."""
    report = Report(language="en")
    cover = part("cover")
    report.cover.fields.update({
        "state": "LBN", "report_kind": "annual", "period_from": date(2023, 1, 1),
        "period_to": date(2023, 12, 31), "submission_date": date(2024, 4, 25),
        "entry_into_force": date(2011, 5, 1), "prepared_by": "Lebanon Mine Action Centre",
        "approved_by": "Ministry of Foreign Affairs and Emigrants",
    })
    report.cover.tables["contacts"] = [
        {c.id: _value("K", None, c, n) for c in cover.table("contacts").columns}
        for n in (1, 2)
    ]
    photos = [
        attachment("p1", "m77-submunition.jpg", picture(640, 480, (176, 120, 40)), "image/jpeg"),
        attachment("p2", "m42-side-view.png", picture(400, 520, (60, 110, 70), "PNG"),
                   "image/png"),
        attachment("p3", "bl755-bomb.jpg", picture(900, 300, (150, 60, 50)), "image/jpeg"),
    ]
    law = attachment("d1", "law-2010-cluster-munitions.pdf", b"%PDF-1.4 not really a law\n",
                     "application/pdf")
    for a in [*photos, law]:
        report.attachments[a.id] = a
    for schema in FORMS:
        form = report.form(schema.id)
        form.status = FormStatus.CHANGED
        for item in schema.items:
            if isinstance(item, Table):
                rows = []
                for n in range(1, ROWS + 1):
                    row = {c.id: _value(schema.id, item, c, n) for c in item.columns}
                    rows.append({k: v for k, v in row.items() if v is not None})
                form.tables[item.id] = rows
            else:
                form.fields[item.id] = _value(schema.id, None, item, 1)
    _make_consistent(report)
    report.form("C").tables["types"][0]["photos"] = ["p1", "p2"]
    report.form("C").tables["types"][2]["photos"] = ["p3"]
    report.form("A").tables["measures"][0]["documents"] = ["d1"]
    return report


def _make_consistent(report: Report) -> None:
    """Adjust the generated values so that the cross-field rules pass."""
    per_munition = (88, 644, 147)
    for name in ("stockpile", "destroyed", "discovered"):
        for per, row in zip(per_munition, report.form("B").tables[name], strict=True):
            row["submunitions"] = row["munitions"] * per
            if name == "stockpile":
                row["submunitions_per_munition"] = per
    for row in report.form("H").tables["casualties"]:
        row["total"] = sum(row[k] for k in ("women", "men", "girls", "boys", "unknown"))
    areas = report.form("F").tables["contaminated_areas"]
    for area, cleared in zip(areas, report.form("F").tables["clearance"], strict=True):
        cleared["area_id"] = area["area_id"]
        cleared["cleared_m2"] = area["size_m2"] / 4
    report.form("F").fields["completion_declared"] = False
    report.form("F").fields["article4_deadline"] = date(2026, 5, 1)
    report.form("B").fields["article3_deadline"] = date(2019, 5, 1)


def _json_report(language: str, state: str, cover_extra: dict[str, Any],
                 contacts: list[dict[str, Any]], forms: dict[str, Any]) -> Report:
    all_forms = {}
    for schema in FORMS:
        all_forms[schema.id] = forms.get(schema.id, {
            "status": "unchanged", "last_reported_year": 2022, "fields": {}, "tables": {}})
    raw = {
        "format": "ccm-article7-report", "format_version": 1, "template": "ccm-2010",
        "language": language,
        "cover": {"fields": {"state": state, "report_kind": "annual", "period_from": "2023-01-01",
                             "period_to": "2023-12-31", "submission_date": "2024-04-29",
                             **cover_extra},
                  "tables": {"contacts": contacts}},
        "forms": all_forms,
        "attachments": [],
    }
    return report_from_json(raw)


ARABIC_NOTE = ("أنجز المركز اللبناني للأعمال المتعلقة بالألغام مسح المناطق الملوثة في الجنوب "
               "خلال عام 2023، وتم تطهير 1,250,000 متر مربع وتدمير 3,400 ذخيرة صغيرة. "
               "يستمر العمل مع المنظمات الشريكة (NPA و MAG) وفق المعايير الوطنية.")


def arabic_report() -> Report:
    """Lebanon, written in Arabic: institutions, notes, table cells and a not-applicable
    statement in Arabic, mixed with figures and Latin abbreviations."""
    return _json_report("ar", "LBN", {"entry_into_force": "2011-05-01",
                                      "prepared_by": "المركز اللبناني للأعمال المتعلقة بالألغام"},
                        [{"institution": "وزارة الخارجية والمغتربين",
                          "role": "تنسيق التقرير", "person": "مدير إدارة المنظمات الدولية",
                          "address": "قصر بسترس، بيروت، لبنان", "email": "mofa@example.org"},
                         {"institution": "المركز اللبناني للأعمال المتعلقة بالألغام",
                          "role": "النماذج واو وزاي وحاء", "phone": "+961 5 956 194",
                          "email": "lmac@example.org"}],
                        {"A": {"status": "changed", "fields": {}, "tables": {"measures": [
                            {"measure": "القانون رقم 2010/35 الخاص بتطبيق اتفاقية الذخائر العنقودية",
                             "kind": "legislation", "reference": "الجريدة الرسمية، العدد 52",
                             "effective_date": "2010-11-20"}]}},
                         "B": {"status": "not_applicable",
                               "statement": "لم يمتلك لبنان قط مخزونات من الذخائر العنقودية."},
                         "E": {"status": "not_applicable",
                               "statement": "لا توجد منشآت لإنتاج الذخائر العنقودية."},
                         "F": {"status": "changed",
                               "fields": {"clearance_status": ARABIC_NOTE,
                                          "article4_deadline": "2026-05-01"},
                               "tables": {
                                   "contaminated_areas": [
                                       {"area_id": "CBU-0412", "location": "النبطية",
                                        "status": "confirmed", "size_m2": "420000",
                                        "remnant_types": "ذخائر صغيرة من نوع M42 و M77",
                                        "date_of_use": "2006"},
                                       {"area_id": "CBU-0977", "location": "بنت جبيل",
                                        "status": "suspected", "size_m2": "1850000.5",
                                        "remnant_types": "ذخائر صغيرة غير منفجرة"}],
                                   "clearance": [
                                       {"area_id": "CBU-0412", "location": "النبطية",
                                        "cleared_m2": "380000", "submunitions_destroyed": 1214,
                                        "operator": "الجيش اللبناني"},
                                       {"area_id": "CBU-0977", "location": "بنت جبيل",
                                        "cleared_m2": "870000", "submunitions_destroyed": 2186,
                                        "operator": "MAG"}]}},
                         "J": {"status": "changed", "fields": {"other_matters": ARABIC_NOTE}}})


CHINESE_NOTE = ("本报告期内，国家扫雷中心对南部地区的受污染区域进行了全面调查，共清理土地一百二十五万平方米，"
                "销毁子弹药三千四百枚。清理工作依照国家排雷行动标准进行，并与国际组织密切合作。"
                "下一阶段将重点处理边境地区的疑似危险区域，预计于二〇二六年完成。")


def chinese_report() -> Report:
    """Laos as a fictional report written in Chinese, with Latin and figures mixed in."""
    return _json_report("zh", "LAO", {"entry_into_force": "2010-08-01",
                                      "prepared_by": "国家未爆弹药管理局 (NRA)"},
                        [{"institution": "外交部条约法律司", "role": "报告协调",
                          "person": "王明 先生", "address": "北京市朝阳区 100701",
                          "email": "treaty@example.org"}],
                        {"A": {"status": "changed", "tables": {"measures": [
                            {"measure": "关于执行《集束弹药公约》的国家法令第 12 号",
                             "kind": "regulation", "reference": "政府公报 2011 年第 3 期"}]}},
                         "C": {"status": "not_applicable", "statement": "本国从未生产或拥有集束弹药。"},
                         "F": {"status": "changed",
                               "fields": {"clearance_status": CHINESE_NOTE,
                                          "article4_deadline": "2025-08-01"},
                               "tables": {"contaminated_areas": [
                                   {"area_id": "LA-川圹-07", "location": "川圹省",
                                    "status": "confirmed", "size_m2": "2500000",
                                    "remnant_types": "BLU-26 子弹药约 4,000 枚"}]}},
                         "H": {"status": "changed", "tables": {"casualties": [
                             {"period": "2023 年", "outcome": "injured", "men": 12, "boys": 7,
                              "total": 19},
                             {"period": "2023 年", "outcome": "killed", "men": 3, "total": 3}]},
                               "fields": {"medical_care": CHINESE_NOTE}}})


MIXED_TEXT = {
    "ru": "Министерство иностранных дел: уничтожено 1 214 суббоеприпасов в Тверской области.",
    "fr": "Ministère de l'Europe et des Affaires étrangères — dépollution à Œuvre-sur-Aisne.",
    "el": "Υπουργείο Εξωτερικών — καταστροφή πυρομαχικών διασποράς.",
}


def big_report(rows: int = 20_000) -> Report:
    """A mine action centre's whole database in one report: `rows` rows, most in Form F."""
    report = _json_report("en", "LAO", {"entry_into_force": "2010-08-01"},
                          [{"institution": "National Regulatory Authority for UXO/Mine Action",
                            "email": "nra@example.org"}], {})
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.last_reported_year = None
    areas = rows * 2 // 5
    clearance = rows * 2 // 5
    casualties = rows - areas - clearance
    provinces = ("Xieng Khouang", "Savannakhet", "Salavan", "Champasak", "Houaphanh", "Attapeu")
    f.tables["contaminated_areas"] = [
        {"area_id": f"CHA-{i:06d}", "location": f"{provinces[i % 6]}, district {i % 17 + 1}",
         "status": "confirmed" if i % 3 else "suspected", "size_m2": Decimal(12000 + i * 7),
         "remnant_types": "BLU-26, BLU-63" + (" and M83 submunitions found during the "
                                              "technical survey of the village fields"
                                              if i % 5 == 0 else "")}
        for i in range(areas)]
    f.tables["clearance"] = [
        {"area_id": f"CHA-{i:06d}", "location": provinces[i % 6],
         "cleared_m2": Decimal(9000 + i * 5), "submunitions_destroyed": i % 40,
         "operator": ("NPA", "MAG", "HALO Trust", "UXO Lao")[i % 4]}
        for i in range(clearance)]
    h = report.form("H")
    h.status = FormStatus.CHANGED
    h.last_reported_year = None
    h.tables["casualties"] = [
        {"period": f"2023-{i % 12 + 1:02d}", "outcome": "injured" if i % 4 else "killed",
         "men": i % 3, "boys": i % 2, "total": i % 3 + i % 2}
        for i in range(casualties)]
    return report
