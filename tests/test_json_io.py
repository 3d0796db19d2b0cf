"""The JSON file (docs/json-format.md): writing, strict reading, round trips.

Every file the reader refuses raises UnreadableFile whose message is one line naming the file
and, where there is one, the JSON path of the problem.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import (
    NotWritable,
    dumps_report,
    read_report_bytes,
    read_report_file,
    report_to_json,
    write_report_file,
)
from tests.conftest import RESOURCE_SAMPLES, sample_files
from tests.strategies import reports

NAME = "lbn-2023.ccm.json"


def valid_raw() -> dict[str, Any]:
    """A small readable report as a JSON object, to spoil in the cases below."""
    photo = b"\xff\xd8\xff\xe0 not really a jpeg"
    return {
        "format": "ccm-article7-report", "format_version": 1, "template": "ccm-2010",
        "language": "en",
        "cover": {"fields": {"state": "LBN", "report_kind": "annual",
                             "period_from": "2023-01-01", "period_to": "2023-12-31",
                             "entry_into_force": "2011-05-01"},
                  "tables": {"contacts": [{"institution": "LMAC", "email": "x@example.org"}]}},
        "forms": {
            letter: {"status": "unchanged", "last_reported_year": 2022, "statement": None,
                     "fields": {}, "tables": {}} for letter in "ACDEGHIJ"
        } | {
            "B": {"status": "changed", "last_reported_year": None, "statement": None,
                  "fields": {"completion_date": "2023-06-30"},
                  "tables": {"destroyed": [{"type": "M42", "munitions": 12,
                                            "submunitions": 0}]}},
            "F": {"status": "changed", "last_reported_year": None, "statement": None,
                  "fields": {"completion_declared": False},
                  "tables": {"clearance": [{"area_id": "CMR-1", "cleared_m2": "16300000.5",
                                            "submunitions_destroyed": 1450}]}},
        },
        "attachments": [{"id": "a1", "filename": "m42.jpg", "media_type": "image/jpeg",
                         "sha256": hashlib.sha256(photo).hexdigest(),
                         "data_base64": base64.b64encode(photo).decode("ascii")}],
    }


def _read_raw(raw: Any) -> Report:
    return read_report_bytes(json.dumps(raw).encode("utf-8"), NAME)


def test_thevalid_raw_report_reads() -> None:
    report = _read_raw(valid_raw())
    assert report.state == "LBN"
    assert report.form("F").tables["clearance"][0]["cleared_m2"] == Decimal("16300000.5")
    assert report.form("B").fields["completion_date"] == date(2023, 6, 30)
    assert report.form("F").fields["completion_declared"] is False
    assert report.attachments["a1"].data.startswith(b"\xff\xd8")


Spoil = Callable[[dict[str, Any]], object]


def _at(raw: dict[str, Any], path: str) -> Any:
    """The object at a dotted path with [n] indexes (docs/json-format.md, "Finding paths")."""
    node: Any = raw
    for token in filter(None, path.replace("[", ".[").split(".")):
        node = node[int(token[1:-1])] if token.startswith("[") else node[token]
    return node


def _put(path: str, value: Any) -> Spoil:
    head, _, key = path.rpartition(".")
    return lambda raw: _at(raw, head).__setitem__(key, value)


def _cell(value: Any) -> Spoil:
    return _put("forms.B.tables.destroyed[0].munitions", value)


# (name, spoil the raw object, JSON path the message must name, words it must hold)
SPOILED: list[tuple[str, Spoil, str, str]] = [
    ("unknown top-level key", _put("colour", "red"), "colour", "unknown key"),
    ("unknown cover field", _put("cover.fields.stat", "LBN"), "cover.fields.stat", "unknown key"),
    ("unknown cover key", _put("cover.notes", {}), "cover.notes", "unknown key"),
    ("unknown column", _put("forms.B.tables.destroyed[0].munition", 3),
     "forms.B.tables.destroyed[0].munition", "unknown key"),
    ("unknown table", _put("forms.F.tables.areas", []), "forms.F.tables.areas", "unknown key"),
    ("unknown form", _put("forms.K", {}), "forms.K", "unknown key"),
    ("unknown form key", _put("forms.A.comment", "x"), "forms.A.comment", "unknown key"),
    ("unknown attachment key", _put("attachments[0].size", 3), "attachments[0].size",
     "unknown key"),
    ("whole number as text", _cell("12"), "forms.B.tables.destroyed[0].munitions",
     "whole number"),
    ("float in a whole-number cell", _cell(12.0), "forms.B.tables.destroyed[0].munitions",
     "whole number"),
    ("exponent in a whole-number cell", _cell(1.2e3), "forms.B.tables.destroyed[0].munitions",
     "whole number"),
    ("true in a whole-number cell", _cell(True), "forms.B.tables.destroyed[0].munitions",
     "whole number"),
    ("NaN in a whole-number cell", _cell(float("nan")), "forms.B.tables.destroyed[0].munitions",
     "found NaN"),
    ("Infinity in a whole-number cell", _cell(float("inf")),
     "forms.B.tables.destroyed[0].munitions", "found Infinity"),
    ("number in a text cell", _put("forms.B.tables.destroyed[0].type", 42),
     "forms.B.tables.destroyed[0].type", "expected text"),
    ("object in a text cell", _put("cover.fields.state", {"code": "LBN"}),
     "cover.fields.state", "expected text"),
    ("text for yes/no", _put("forms.F.fields.completion_declared", "no"),
     "forms.F.fields.completion_declared", "true or false"),
    ("attachments as text", _put("forms.A.tables.measures", [{"measure": "Law",
                                                              "documents": "a1"}]),
     "forms.A.tables.measures[0].documents", "attachment"),
    ("float in a decimal cell", _put("forms.F.tables.clearance[0].cleared_m2", 16300000.5),
     "forms.F.tables.clearance[0].cleared_m2", "16300000.5"),
    ("integer in a decimal cell", _put("forms.F.tables.clearance[0].cleared_m2", 16300000),
     "forms.F.tables.clearance[0].cleared_m2", "as a string"),
    ("exponent in a decimal", _put("forms.F.tables.clearance[0].cleared_m2", "1e5"),
     "forms.F.tables.clearance[0].cleared_m2", "written out in digits"),
    ("NaN as a decimal", _put("forms.F.tables.clearance[0].cleared_m2", "NaN"),
     "forms.F.tables.clearance[0].cleared_m2", "decimal"),
    ("letters as a decimal", _put("forms.F.tables.clearance[0].cleared_m2", "abc"),
     "forms.F.tables.clearance[0].cleared_m2", "decimal"),
    ("decimal comma", _put("forms.F.tables.clearance[0].cleared_m2", "1,5"),
     "forms.F.tables.clearance[0].cleared_m2", "decimal"),
    ("impossible date", _put("cover.fields.period_to", "2023-02-30"), "cover.fields.period_to",
     "not a real date"),
    ("date not ISO", _put("cover.fields.period_to", "31/12/2023"), "cover.fields.period_to",
     "YYYY-MM-DD"),
    ("date with a time", _put("cover.fields.period_to", "2023-12-31T00:00:00"),
     "cover.fields.period_to", "YYYY-MM-DD"),
    ("date as a number", _put("cover.fields.period_to", 20231231), "cover.fields.period_to",
     "date"),
    ("rows not a list", _put("forms.B.tables.destroyed", {"type": "M42"}),
     "forms.B.tables.destroyed", "list of rows"),
    ("row not an object", _put("forms.B.tables.destroyed", ["M42"]),
     "forms.B.tables.destroyed[0]", "JSON object"),
    ("fields not an object", _put("forms.B.fields", []), "forms.B.fields", "JSON object"),
    ("cover not an object", _put("cover", "LBN"), "cover", "JSON object"),
    ("unknown status", _put("forms.C.status", "done"), "forms.C.status", "unknown status"),
    ("status not text", _put("forms.C.status", 1), "forms.C.status", "expected text"),
    ("year as text", _put("forms.C.last_reported_year", "2022"), "forms.C.last_reported_year",
     "year" ),
    ("statement not text", _put("forms.C.statement", ["x"]), "forms.C.statement", "text"),
    ("language not text", _put("language", 7), "language", "text"),
    ("unknown format version", _put("format_version", 3), "format_version", "version 3"),
    ("format version as text", _put("format_version", "1"), "format_version", "whole number"),
    ("format version as float", _put("format_version", 1.0), "format_version", "whole number"),
    ("no format version", lambda raw: raw.pop("format_version"), "format_version",
     "whole number"),
    ("not our format", _put("format", "ccm-map"), "format", "not a CCM Article 7 report"),
    ("unknown template", _put("template", "ccm-2030"), "template", "unknown template"),
    ("attachments not a list", _put("attachments", {}), "attachments", "list"),
    ("attachment data not base64", _put("attachments[0].data_base64", "!!"),
     "attachments[0].data_base64", "base64"),
    ("attachment damaged", _put("attachments[0].sha256", "0" * 64), "attachments[0].sha256",
     "does not match"),
    ("attachment id twice", lambda raw: raw["attachments"].append(raw["attachments"][0]),
     "attachments[1].id", "twice"),
    ("attachment without a name", lambda raw: raw["attachments"][0].pop("filename"),
     "attachments[0].filename", "text"),
]


@pytest.mark.parametrize(("name", "spoil", "path", "words"), SPOILED, ids=[s[0] for s in SPOILED])
def test_spoiled_files_are_unreadable_naming_file_and_path(
        name: str, spoil: Spoil, path: str, words: str) -> None:
    raw = valid_raw()
    spoil(raw)
    with pytest.raises(UnreadableFile) as caught:
        _read_raw(raw)
    _assert_one_sentence(caught.value)
    assert caught.value.where == path, str(caught.value)
    assert f" at {path}:" in str(caught.value)
    assert words in str(caught.value), str(caught.value)


def _assert_one_sentence(exc: UnreadableFile) -> None:
    text = str(exc)
    assert text.startswith(NAME), text
    assert "\n" not in text and "Traceback" not in text
    assert len(text) < 300, text


# (name, file bytes, words the message must hold)
BROKEN_BYTES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("only white space", b" \n\t\n", "empty"),
    ("binary", b"\x00\x01\x02PK\x03\x04garbage", "not a text file"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "not a text file"),
    ("UTF-16", json.dumps({"format": "x"}).encode("utf-16"), "UTF-8"),
    ("Latin-1", '{"language": "fran\xe7ais"}'.encode("latin-1"), "UTF-8"),
    ("not JSON", b"State;Form;Value\nGBR;B;9648\n", "not valid JSON"),
    ("a JSON list", b"[1, 2, 3]", "JSON object"),
    ("a JSON string", b'"report"', "JSON object"),
    ("trailing comma", b'{"format": "ccm-article7-report",}', "not valid JSON"),
    ("single quotes", b"{'format': 'ccm-article7-report'}", "not valid JSON"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("a 5000-digit number", b'{"format_version": ' + b"9" * 5000 + b"}", "too long"),
    ("two objects", b"{}{}", "not valid JSON"),
]


@pytest.mark.parametrize(("name", "data", "words"), BROKEN_BYTES, ids=[b[0] for b in BROKEN_BYTES])
def test_broken_files_are_unreadable(name: str, data: bytes, words: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_report_bytes(data, NAME)
    _assert_one_sentence(caught.value)
    assert words in str(caught.value), str(caught.value)


def test_a_truncated_file_says_it_ends_too_early() -> None:
    text = json.dumps(valid_raw(), indent=1).encode("utf-8")
    for cut in (len(text) // 3, len(text) // 2, len(text) - 2):
        with pytest.raises(UnreadableFile) as caught:
            read_report_bytes(text[:cut], NAME)
        _assert_one_sentence(caught.value)
        assert "ends too early" in str(caught.value)
        assert caught.value.place().startswith("line ")
        assert caught.value.place("fr").startswith("ligne ")  # the place in the reader's words


def test_deep_nesting_inside_a_cell_is_a_wrong_type_at_its_path() -> None:
    text = json.dumps(valid_raw()).replace('"type": "M42"', '"type": ' + "[" * 500 + "]" * 500)
    with pytest.raises(UnreadableFile) as caught:
        read_report_bytes(text.encode("utf-8"), NAME)
    assert caught.value.where == "forms.B.tables.destroyed[0].type"


def test_a_key_given_twice_is_unreadable() -> None:
    text = json.dumps(valid_raw()).replace('"state": "LBN"', '"state": "LBN", "state": "LBR"')
    with pytest.raises(UnreadableFile) as caught:
        read_report_bytes(text.encode("utf-8"), NAME)
    assert caught.value.where == "cover.fields.state"
    assert "given twice" in str(caught.value)


def test_a_byte_order_mark_is_accepted() -> None:
    """Notepad on Windows writes one; it changes nothing in the content."""
    text = json.dumps(valid_raw(), ensure_ascii=False)
    assert read_report_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), NAME).state == "LBN"


def test_representable_problems_are_read_and_left_to_validation() -> None:
    """docs/json-format.md: a negative number, an unknown code, a missing value, a broken cover
    rule or an attachment that is not in the file are read; validation reports them."""
    raw = valid_raw()
    raw["cover"]["fields"].update(state="XYZ", period_from="2024-01-01")
    del raw["cover"]["fields"]["report_kind"]
    raw["forms"]["B"]["tables"]["destroyed"][0]["munitions"] = -3
    raw["forms"]["F"]["tables"]["clearance"][0]["cleared_m2"] = "-0.5"
    raw["forms"]["A"] = {"status": "not_applicable", "fields": {},
                         "tables": {"measures": [{"measure": "Law", "documents": ["zz"],
                                                  "kind": "decree"}]}}
    raw["forms"]["C"]["status"] = None
    del raw["forms"]["D"]
    report = _read_raw(raw)
    assert report.form("B").tables["destroyed"][0]["munitions"] == -3
    assert report.form("A").status is FormStatus.NOT_APPLICABLE
    assert report.form("C").status is None and report.form("D").status is None


def test_empty_strings_and_nulls_are_empty() -> None:
    raw = valid_raw()
    raw["cover"]["fields"].update(submission_date="", prepared_by="", approved_by=None)
    raw["cover"]["tables"]["contacts"][0].update(phone="", fax=None)
    raw["forms"]["B"]["tables"]["stockpile"] = None
    raw["forms"]["E"]["fields"] = None
    raw["forms"]["F"]["tables"]["clearance"][0]["reduced_m2"] = ""
    report = _read_raw(raw)
    assert "submission_date" not in report.cover.fields
    assert "prepared_by" not in report.cover.fields
    assert report.cover.tables["contacts"][0] == {"institution": "LMAC", "email": "x@example.org"}
    assert "reduced_m2" not in report.form("F").tables["clearance"][0]


def test_thirty_digit_decimals_survive_a_round_trip() -> None:
    report = _read_raw(valid_raw())
    big = Decimal("123456789012345678.901234567890")
    report.form("F").tables["clearance"][0]["cleared_m2"] = big
    text = dumps_report(report)
    assert '"cleared_m2": "123456789012345678.901234567890"' in text
    back = read_report_bytes(text.encode("utf-8"), NAME)
    value = back.form("F").tables["clearance"][0]["cleared_m2"]
    assert str(value) == "123456789012345678.901234567890"
    assert value == big


def test_decimals_are_written_without_exponent() -> None:
    report = _read_raw(valid_raw())
    report.form("F").tables["clearance"][0].update(cleared_m2=Decimal("1E+7"),
                                                   reduced_m2=Decimal("5E-3"))
    row = report_to_json(report)["forms"]["F"]["tables"]["clearance"][0]
    assert (row["cleared_m2"], row["reduced_m2"]) == ("10000000", "0.005")


def test_the_writer_writes_every_form_and_the_cells_as_the_format_page_says() -> None:
    raw = report_to_json(_read_raw(valid_raw()))
    assert list(raw) == ["format", "format_version", "template", "language", "cover", "forms",
                         "attachments"]
    assert list(raw["forms"]) == list("ABCDEFGHIJ")
    for form in raw["forms"].values():
        assert list(form) == ["status", "last_reported_year", "statement", "fields", "tables"]
    b = raw["forms"]["B"]["tables"]["destroyed"][0]
    assert b == {"type": "M42", "munitions": 12, "submunitions": 0}  # 0 is a value, not empty
    assert raw["forms"]["F"]["fields"] == {"completion_declared": False}


def test_the_writer_refuses_a_value_of_the_wrong_type_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / NAME
    report = _read_raw(valid_raw())
    write_report_file(report, target)
    before = target.read_bytes()
    report.form("B").tables["destroyed"][0]["munitions"] = "twelve"
    with pytest.raises(NotWritable) as caught:
        write_report_file(report, target)
    assert "forms.B.tables.destroyed[0].munitions" in str(caught.value)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [NAME]  # no temporary file left behind


def test_reading_a_file_that_is_not_there() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_report_file("/nonexistent/lbn.ccm.json")
    assert str(caught.value).startswith("lbn.ccm.json")


def _sample_paths() -> list[Path]:
    paths = sample_files("valid") + sample_files("invalid")
    return paths + sorted(RESOURCE_SAMPLES.glob("*.ccm.json"))


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.name)
def test_samples_round_trip(path: Path, tmp_path: Path) -> None:
    report = read_report_file(path)
    out = tmp_path / path.name
    write_report_file(report, out)
    again = read_report_file(out)
    assert again.normalised() == report.normalised()
    assert out.read_text(encoding="utf-8") == dumps_report(again)  # a fixed point


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip(report: Report) -> None:
    text = dumps_report(report)
    back = read_report_bytes(text.encode("utf-8"), "generated.ccm.json")
    assert back.normalised() == report.normalised()
    assert dumps_report(back) == text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip_through_a_file(report: Report) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "r.ccm.json"
        write_report_file(report, target)
        assert read_report_file(target).normalised() == report.normalised()


def test_reading_never_changes_the_report_it_gives_to_a_copy() -> None:
    raw = valid_raw()
    kept = copy.deepcopy(raw)
    report = _read_raw(raw)
    report.attachments["a2"] = Attachment("a2", "x.png", "image/png",
                                          hashlib.sha256(b"").hexdigest(), b"")
    assert raw == kept


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(full=True))
def test_fully_filled_reports_round_trip(report: Report) -> None:
    text = dumps_report(report)
    assert read_report_bytes(text.encode("utf-8"), "full.ccm.json").normalised() == \
        report.normalised()


def test_an_empty_statement_is_no_statement() -> None:
    report = _read_raw(valid_raw())
    report.form("C").statement = ""
    back = read_report_bytes(dumps_report(report).encode("utf-8"), NAME)
    assert back.form("C").statement is None
    assert back.normalised() == report.normalised()
