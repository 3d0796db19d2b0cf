"""The report as JSON (`*.ccm.json`), exactly as docs/json-format.md describes.

Reading is strict about what cannot be represented (not JSON, unknown keys, wrong JSON types,
impossible dates or decimals, an unknown format version) and raises `UnreadableFile` naming the
JSON path. Everything representable is read, and validation reports what is wrong with it.
Decimals travel as strings and never pass through binary floating point.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.report import (
    FORM_LETTERS,
    Attachment,
    FormData,
    FormStatus,
    Report,
    Row,
    Section,
    is_empty,
)
from ccm_desktop.exchange.errors import UnreadableFile, is_encodable
from ccm_desktop.schema.i18n import N_, Message, message
from ccm_desktop.schema.kinds import Kind, KindError, Year
from ccm_desktop.schema.model import Field, Part, path_of
from ccm_desktop.schema.registry import PARTS, part

FORMAT = "ccm-article7-report"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # format 2 only added fields and tables (docs/json-format.md)
TEMPLATE = "ccm-2010"
MAX_BYTES = 512 * 1024 * 1024
FORM_KEYS = ("status", "last_reported_year", "statement", "fields", "tables")


class _Bad(Exception):
    def __init__(self, where: str, problem: str | Message) -> None:
        self.where = where
        self.problem = problem if isinstance(problem, Message) else Message(problem)
        super().__init__(self.problem.text())


def read_report_file(path: str | Path) -> Report:
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UnreadableFile(name, N_("the file is too large to be a report"))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(name, message(N_("cannot be opened ({reason})"),
                                           reason=exc.strerror or str(exc))) from None
    return read_report_bytes(data, name)


def read_report_bytes(data: bytes, name: str = "report") -> Report:
    if not data.strip():
        raise UnreadableFile(name, N_("the file is empty"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(name, N_("is not a text file (it is not UTF-8)")) from None
    if "\x00" in text:
        raise UnreadableFile(name, N_("is not a text file (it holds binary data)"))
    try:
        raw = json.loads(text, parse_float=JsonFloat, parse_constant=JsonFloat,
                         object_pairs_hook=_JsonObject.from_pairs)
    except json.JSONDecodeError as exc:
        where = message(N_("line {line}, column {column}"), line=str(exc.lineno),
                        column=str(exc.colno))
        if exc.pos >= len(text.rstrip()) or "Unterminated" in exc.msg:
            raise UnreadableFile(name, N_("the JSON text ends too early (is the file cut off?)"),
                                 where) from None
        raise UnreadableFile(name, message(N_("is not valid JSON ({reason})"), reason=exc.msg),
                             where) from None
    except RecursionError:
        raise UnreadableFile(name, N_("is nested too deeply to be a report")) from None
    except ValueError:  # e.g. an integer of more than 4300 digits
        raise UnreadableFile(name, N_("holds a number too long to be read")) from None
    bad_text = _unencodable_text(raw, "")
    if bad_text is not None:
        raise UnreadableFile(name, N_("holds text that is not valid Unicode (a lone surrogate "
                                      "character, which no UTF-8 file can hold)"), bad_text or None)
    try:
        return report_from_json(raw)
    except _Bad as exc:
        raise UnreadableFile(name, exc.problem, exc.where or None) from None


def _unencodable_text(raw: Any, where: str) -> str | None:
    """The path of the first key or text that cannot be written as UTF-8 ("\\ud800" escapes
    decode to lone surrogates), or None. Such text would crash the database and every writer."""
    stack: list[tuple[Any, str]] = [(raw, where)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if not is_encodable(value):
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                inner = f"{path}.{key}" if path else str(key)
                if not is_encodable(str(key)):
                    return path or "(a key)"
                stack.append((item, inner))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return None


class JsonFloat:
    """A JSON number with a fraction or exponent (or NaN, Infinity), kept as its text: no kind
    accepts it (whole numbers are JSON integers, decimals are strings), so reading reports it
    with its path. Nothing read from the file ever passes through a binary float."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers a key given twice (JSON parsers silently keep the last)."""

    duplicate: str | None = None

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> _JsonObject:
        out = cls()
        for key, value in pairs:
            if key in out and out.duplicate is None:
                out.duplicate = key
            out[key] = value
        return out


def _expect_object(raw: Any, where: str, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    if not isinstance(raw, dict):
        if not where:
            raise _Bad("", N_("does not hold a JSON object, as a report does"))
        raise _Bad(where, message(N_(
            "expected a JSON object (found {value})"),
            value=_shown(raw)))
    if isinstance(raw, _JsonObject) and raw.duplicate is not None:
        key = raw.duplicate
        raise _Bad(f"{where}.{key}" if where else key, message(N_(
            "the key \"{key}\" is given twice"),
            key=key))
    if keys is not None:
        for key in raw:
            if key not in keys:
                raise _Bad(f"{where}.{key}" if where else key,
                           message(N_(
                               "unknown key \"{key}\" (a typo, or a file from a newer version?)"),
                               key=key))
    return raw


def _shown(raw: Any) -> str:
    """A JSON value as it stood in the file, cut short."""
    text = raw.text if isinstance(raw, JsonFloat) else json.dumps(raw, ensure_ascii=False,
                                                                  default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def report_from_json(raw: Any) -> Report:
    top = _expect_object(raw, "", ("format", "format_version", "template", "language", "cover",
                                   "forms", "attachments"))
    if top.get("format") != FORMAT:
        raise _Bad("format", message(N_(
            "is not a CCM Article 7 report (format is not \"{format}\")"),
            format=FORMAT))
    version = top.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Bad("format_version", N_("expected a whole number"))
    if version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise _Bad("format_version", message(N_(
            "format version {version} is not supported by this version of the application (it reads "
            "versions {readable}); update ccm-desktop"),
            version=version, readable=readable))
    template = top.get("template", TEMPLATE)
    if template != TEMPLATE:
        raise _Bad("template", message(N_(
            "unknown template \"{name}\""),
            name=template))
    language = top.get("language", "en")
    if not isinstance(language, str):
        raise _Bad("language", N_("expected text"))
    report = Report(language=language, template=TEMPLATE)
    attachments = top.get("attachments", [])
    report.attachments = _read_attachments(attachments)
    cover = _expect_object(top.get("cover", {}), "cover", ("fields", "tables"))
    report.cover = _read_section(part("cover"), cover, "cover")
    forms = _expect_object(top.get("forms", {}), "forms", FORM_LETTERS)
    for letter in FORM_LETTERS:
        report.forms[letter] = _read_form(part(letter), forms.get(letter))
    # An attachment cell naming a file that is not there is representable: validation
    # reports it, so that the rest of the report can still be opened and mended.
    return report


def _read_form(schema: Part, raw: Any) -> FormData:
    where = path_of(schema.id)
    if raw is None:
        return FormData()
    body = _expect_object(raw, where, FORM_KEYS)
    form = FormData()
    status = body.get("status")
    if status is not None:
        if not isinstance(status, str):
            raise _Bad(f"{where}.status", N_("expected text"))
        try:
            form.status = FormStatus(status)
        except ValueError:
            raise _Bad(f"{where}.status", message(N_(
                "unknown status \"{status}\" (changed, unchanged or not_applicable)"),
                status=status)) from None
    year = body.get("last_reported_year")
    if year is not None:
        try:
            form.last_reported_year = Year().from_json(year)
        except KindError as exc:
            raise _Bad(f"{where}.last_reported_year", exc.message) from None
    statement = body.get("statement")
    if statement is not None and not isinstance(statement, str):
        raise _Bad(f"{where}.statement", N_("expected text"))
    form.statement = statement or None
    section = _read_section(schema, {k: body.get(k, {}) for k in ("fields", "tables")}, where)
    form.fields, form.tables = section.fields, section.tables
    return form


def _read_section(schema: Part, raw: dict[str, Any], where: str) -> Section:
    section = Section()
    fields = _expect_object(_or_empty(raw.get("fields")), f"{where}.fields",
                            tuple(f.id for f in schema.fields))
    section.fields = _cells({f.id: f.kind for f in schema.fields}, fields, f"{where}.fields.")
    tables = _expect_object(_or_empty(raw.get("tables")), f"{where}.tables",
                            tuple(t.id for t in schema.tables))
    for key, rows in tables.items():
        table = schema.table(key)
        if rows is None:
            continue
        if not isinstance(rows, list):
            raise _Bad(f"{where}.tables.{key}", N_("expected a list of rows"))
        out: list[Row] = []
        for index, row in enumerate(rows):
            row_where = f"{where}.tables.{key}[{index}]"
            cells = _expect_object(row, row_where, tuple(c.id for c in table.columns))
            out.append(_cells({c.id: c.kind for c in table.columns}, cells, f"{row_where}."))
        section.tables[key] = out
    return section


def _cells(kinds: dict[str, Kind], raw: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Values by id; empty ones (null, and "" which writers should not write) are left out."""
    out: dict[str, Any] = {}
    for key, cell in raw.items():
        value = None if cell is None or cell == "" else _value(kinds[key], cell, prefix + key)
        if value is not None:
            out[key] = value
    return out


def _or_empty(raw: Any) -> Any:
    return {} if raw is None else raw


def _value(kind: Kind, raw: Any, where: str) -> Any:
    try:
        return kind.from_json(raw)
    except KindError as exc:
        raise _Bad(where, message(N_(
            "{problem} (found {value})"),
            problem=exc.message, value=_shown(raw))) from None


def _read_attachments(raw: Any) -> dict[str, Attachment]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise _Bad("attachments", N_("expected a list"))
    out: dict[str, Attachment] = {}
    keys = ("id", "filename", "media_type", "sha256", "data_base64")
    for index, item in enumerate(raw):
        where = f"attachments[{index}]"
        body = _expect_object(item, where, keys)
        for key in keys:
            if not isinstance(body.get(key), str):
                raise _Bad(f"{where}.{key}", N_("expected text"))
        try:
            data = base64.b64decode(body["data_base64"], validate=True)
        except (binascii.Error, ValueError):
            raise _Bad(f"{where}.data_base64", N_("is not valid base64")) from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != body["sha256"].lower():
            raise _Bad(f"{where}.sha256", N_("does not match the file's content (damaged file?)"))
        if body["id"] in out:
            raise _Bad(f"{where}.id", message(N_(
                "attachment id \"{value}\" is used twice"),
                value=body['id']))
        out[body["id"]] = Attachment(body["id"], body["filename"], body["media_type"], digest, data)
    return out


# Writing ------------------------------------------------------------------------------------


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict, keys in the order of the schema."""
    forms: dict[str, Any] = {}
    for schema in PARTS[1:]:
        form = report.form(schema.id)
        content = _section_json(schema, form)
        forms[schema.id] = {
            "status": form.status.value if form.status else None,
            "last_reported_year": form.last_reported_year,
            "statement": form.statement or None,
            **content,
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "template": TEMPLATE,
        "language": report.language,
        "cover": _section_json(part("cover"), report.cover),
        "forms": forms,
        "attachments": [
            {"id": a.id, "filename": a.filename, "media_type": a.media_type,
             "sha256": a.sha256, "data_base64": base64.b64encode(a.data).decode("ascii")}
            for a in report.attachments.values()
        ],
    }


class NotWritable(UserError, ValueError):
    """A value of the wrong Python type: writing it would make a file that cannot be read
    back, so nothing is written. `str(e)` is one plain sentence with the path."""

    def __init__(self, where: str, item: Field, value: Any) -> None:
        super().__init__(f"The report cannot be written: {where} ({item.label}) holds "
                         f"{_shown(str(value))}, which is not a {item.kind.name} value.")


def _cell(item: Field, value: Any, where: str) -> Any:
    if not item.kind.has_type(value):
        raise NotWritable(where, item, value)
    return item.kind.to_json(value)


def _section_json(schema: Part, section: Section | FormData) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for f in schema.fields:
        value = section.fields.get(f.id)
        if not is_empty(value):
            fields[f.id] = _cell(f, value, path_of(schema.id, "fields", f.id))
    tables: dict[str, Any] = {}
    for t in schema.tables:
        rows = section.tables.get(t.id)
        if not rows:
            continue
        tables[t.id] = [
            {c.id: _cell(c, row[c.id], path_of(schema.id, "tables", t.id, index, c.id))
             for c in t.columns if not is_empty(row.get(c.id))}
            for index, row in enumerate(rows)
        ]
    return {"fields": fields, "tables": tables}


def dumps_report(report: Report) -> str:
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"


def write_report_file(report: Report, path: str | Path) -> None:
    """Write atomically: a crash never leaves half a file where a good one was."""
    from ccm_desktop.exchange.atomic import write_atomic

    write_atomic(Path(path), dumps_report(report).encode("utf-8"))
