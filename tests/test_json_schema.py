"""The JSON Schema of the file: shipped as generated, and true of what the writer writes.

The schema and the reader must agree: whatever the writer writes (from any readable report)
passes the schema and reads back; what the schema refuses in the unreadable samples, the
reader refuses too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import read_report_bytes, read_report_file, report_to_json
from ccm_desktop.exchange.json_schema import (
    KIND_DEFS,
    SHIPPED,
    dumps_json_schema,
    report_json_schema,
)
from ccm_desktop.exchange.json_schema import main as json_schema_main
from ccm_desktop.schema.registry import PARTS
from tests.conftest import RESOURCE_SAMPLES, sample_files
from tests.schema_items import fields_and_columns
from tests.strategies import reports
from tests.test_json_io import valid_raw

# The one command that brings the shipped JSON Schema up to date (with the catalogues).
REGENERATE = "scripts/update-catalogues.sh"

VALIDATOR = Draft202012Validator(report_json_schema(),
                                 format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(instance)]


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == dumps_json_schema(), (
        f"{SHIPPED.name} is not what the forms generate: run {REGENERATE}")


def test_the_catalogue_step_brings_the_shipped_schema_up_to_date(tmp_path: Path) -> None:
    """The contributor's one step after changing a form regenerates the schema file too (and
    leaves an up-to-date file untouched)."""
    script = (Path(__file__).resolve().parents[1] / REGENERATE).read_text(encoding="utf-8")
    assert "-m ccm_desktop.exchange.json_schema resources/schema/ccm-report.schema.json" in script
    target = tmp_path / "ccm-report.schema.json"
    target.write_text("{}\n", encoding="utf-8")
    assert json_schema_main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == dumps_json_schema()
    before = target.stat().st_mtime_ns
    assert json_schema_main([str(target)]) == 0
    assert target.stat().st_mtime_ns == before


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_kind_of_the_schema_has_a_definition() -> None:
    names = {f.kind.name for p in PARTS for _, f in fields_and_columns(p)}
    assert names <= set(KIND_DEFS)


def test_every_field_and_column_is_described() -> None:
    schema = report_json_schema()
    for p in PARTS:
        body = schema["$defs"][f"part_{p.id}"]["properties"]
        for f in p.fields:
            prop = body["fields"]["properties"][f.id]
            assert prop["title"] == f.label and prop["description"] == f.help
        for t in p.tables:
            table = body["tables"]["properties"][t.id]
            row = table["anyOf"][0]["items"]
            assert set(row["properties"]) == {c.id for c in t.columns}
            assert row["additionalProperties"] is False


def _readable_samples() -> list[Path]:
    return (sample_files("valid")
            + sample_files("invalid")
            + sorted(RESOURCE_SAMPLES.glob("*.ccm.json")))


@pytest.mark.parametrize("path", _readable_samples(), ids=lambda p: p.name)
def test_the_writers_output_of_every_sample_passes_the_schema(path: Path) -> None:
    written = report_to_json(read_report_file(path))
    assert _errors(json.loads(json.dumps(written))) == []


@pytest.mark.parametrize("path", _readable_samples(), ids=lambda p: p.name)
def test_the_sample_files_themselves_pass_the_schema(path: Path) -> None:
    assert _errors(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sample_files("unreadable"),
                         ids=lambda p: p.name)
def test_what_the_reader_refuses_the_schema_refuses(path: Path) -> None:
    try:
        instance = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return  # not JSON at all: nothing for a JSON Schema to say
    assert _errors(instance), f"the schema accepts {path.name}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_the_writers_output_of_generated_reports_passes_the_schema(report: Report) -> None:
    text = json.dumps(report_to_json(report), ensure_ascii=False)
    assert _errors(json.loads(text)) == []
    read_report_bytes(text.encode("utf-8"), "generated.ccm.json")  # and the reader agrees


@pytest.mark.parametrize(("where", "value"), [
    (("forms", "B", "tables", "destroyed", 0, "munitions"), 12.5),
    (("forms", "B", "tables", "destroyed", 0, "munitions"), "12"),
    (("forms", "F", "tables", "clearance", 0, "cleared_m2"), "1e5"),
    (("forms", "F", "tables", "clearance", 0, "cleared_m2"), 100),
    (("cover", "fields", "period_to"), "2023-02-30"),
    (("cover", "fields", "period_to"), "31/12/2023"),
    (("cover", "fields", "colour"), "red"),
    (("forms", "B", "status"), "done"),
    (("format_version",), 3),
    (("format_version",), 0),
])
def test_schema_and_reader_refuse_the_same_spoiled_values(where: tuple[str | int, ...],
                                                          value: Any) -> None:
    raw = valid_raw()
    assert _errors(raw) == []
    node: Any = raw
    for key in where[:-1]:
        if isinstance(key, str) and key not in node:
            node[key] = [{}] if key in ("destroyed", "clearance") else {}
        node = node[key]
    node[where[-1]] = value
    assert _errors(raw)
    with pytest.raises(UnreadableFile):
        read_report_bytes(json.dumps(raw).encode("utf-8"), "spoiled.ccm.json")
