"""Merging a workbook that holds some forms (one office's part) into an open report."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import merge, merge_preview, read_workbook_parts, write_workbook
from ccm_desktop.exchange.xlsx.merge import parts_with_content
from tests.conftest import SAMPLES


def open_report() -> Report:
    return read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")


def attachment(ident: str, data: bytes) -> Attachment:
    return Attachment(ident, f"{ident}.jpg", "image/jpeg", hashlib.sha256(data).hexdigest(), data)


def office_workbook(tmp_path: Path) -> tuple[Report, Path]:
    """The mine action centre fills in Form F of a copy and sends back only that form."""
    theirs = open_report()
    form = theirs.form("F")
    form.status = FormStatus.CHANGED
    form.statement = None
    form.tables["clearance"] = [
        {"area_id": "Z-1", "cleared_m2": Decimal("125000"), "submunitions_destroyed": 14},
        {"area_id": "Z-2", "cleared_m2": Decimal("32500.5")},
    ]
    form.fields["clearance_status"] = "Two teams at work."
    path = tmp_path / "form-f.xlsx"
    write_workbook(theirs, path, forms=["F"])
    return theirs, path


def test_a_workbook_of_one_form_fills_that_form_only(tmp_path: Path) -> None:
    theirs, path = office_workbook(tmp_path)
    imported, present = read_workbook_parts(path)
    assert present == ("F",)
    mine = open_report()
    untouched = mine.copy()
    merged = merge(mine, imported, present)
    assert mine == untouched  # the open report is never changed in place
    assert merged.form("F") == theirs.form("F")
    for letter in "ABCDEGHIJ":
        assert merged.form(letter) == mine.form(letter)
    assert merged.cover == mine.cover


def test_the_preview_says_what_will_change_in_plain_sentences(tmp_path: Path) -> None:
    _theirs, path = office_workbook(tmp_path)
    imported, present = read_workbook_parts(path)
    changes = merge_preview(open_report(), imported, present)
    texts = [c.text for c in changes]
    assert "Form F, status: not applicable becomes changed." in texts
    assert any(t.startswith("Form F, statement: “No known areas") for t in texts)
    assert "Form F, Status and progress of clearance: (empty) becomes “Two teams at work.”." \
        in texts
    assert ("Form F, Clearance during the period: 0 rows become 2 (2 new or changed, 0 no longer "
            "there, 0 the same).") in texts
    assert {c.path for c in changes} >= {"forms.F.status", "forms.F.tables.clearance",
                                         "forms.F.fields.clearance_status"}
    assert all(c.part_id == "F" for c in changes)


def test_merging_what_is_already_there_changes_nothing(tmp_path: Path) -> None:
    mine = open_report()
    path = tmp_path / "same.xlsx"
    write_workbook(mine, path)
    imported, present = read_workbook_parts(path)
    assert merge_preview(mine, imported, present) == []
    assert merge(mine, imported, present).normalised() == mine.normalised()


def test_attachments_come_along_and_a_clash_of_ids_is_renamed() -> None:
    mine = open_report()
    mine.attachments["a1"] = attachment("a1", b"our photo")
    mine.form("A").tables["measures"] = [{"measure": "Law", "documents": ["a1"]}]
    theirs = Report()
    theirs.attachments["a1"] = attachment("a1", b"their photo")
    theirs.attachments["a2"] = attachment("a2", b"our photo")  # the same file as our a1
    theirs.form("C").tables["types"] = [{"type": "M26", "photos": ["a1", "a2"]}]
    merged = merge(mine, theirs, ["C"])
    photos = merged.form("C").tables["types"][0]["photos"]
    assert photos == ["a1-2", "a1"]
    assert merged.attachments["a1-2"].data == b"their photo"
    assert merged.attachments["a1"].data == b"our photo"
    assert merged.form("A").tables["measures"][0]["documents"] == ["a1"]


def test_attachments_only_the_replaced_form_used_are_dropped() -> None:
    mine = open_report()
    mine.attachments["old"] = attachment("old", b"old photo")
    mine.form("C").tables["types"] = [{"type": "M26", "photos": ["old"]}]
    merged = merge(mine, Report(), ["C"])
    assert "old" not in merged.attachments
    assert merged.form("C").tables == {}


def test_the_forms_to_propose_are_those_with_something_in_them() -> None:
    report = Report()
    report.form("B").status = FormStatus.NOT_APPLICABLE
    report.form("H").tables["casualties"] = [{"period": "2023", "men": 1}]
    assert parts_with_content(report) == ("B", "H")
