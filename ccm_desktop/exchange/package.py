"""The submission package: what is sent to the UN, written so that it can be written again.

A folder named after the State and the year (and the corrigendum), and a zip of it beside it:

- the report as PDF, Excel workbook and JSON;
- `manifest.json`: each file's size and SHA-256, the application's version, the validation
  summary;
- an e-mail draft (`.eml`) with the three files attached, to the recipients of "Where reports go"
  in the README (or the user's own).

Everything is a function of the report and of the stored submission (its date, its moment, the
version that wrote it): the PDF's dates and the zip entries carry the submission's moment, JSON
keys are sorted, the e-mail's boundary comes from the content. So the package of a submitted
revision can be written again later, byte for byte the same.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.atomic import write_atomic
from ccm_desktop.exchange.json_io import dumps_report
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.states import state_name
from ccm_desktop.schema.validate import validate

DEFAULT_TO = ("ccm@un.org",)
DEFAULT_CC = ("info@cmconvention.org",)
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class PackageInfo:
    submitted_on: date
    submitted_at: datetime  # aware; the moment written into the files
    version: str  # of the application that submitted
    corrigendum: int | None = None
    to: tuple[str, ...] = DEFAULT_TO
    cc: tuple[str, ...] = DEFAULT_CC


def corrigendum_label(number: int | None, lang: str = "en") -> str | None:
    return translate(N_("Corrigendum {number}"), lang).format(number=number) if number else None


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")


def package_name(report: Report, corrigendum: int | None = None) -> str:
    """`Article7-HRV-Croatia-2016`, `...-Corrigendum-1`: State and year, safe on any disk."""
    code = report.state or "XXX"
    name = _ascii(state_name(code, "en")) if report.state else ""
    year = str(report.reporting_year or "")
    parts = ["Article7", code, name, year] + ([f"Corrigendum-{corrigendum}"] if corrigendum
                                             else [])
    return "-".join(p for p in parts if p)


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    t = moment.astimezone(UTC)
    return (max(t.year, 1980), t.month, t.day, t.hour, t.minute, t.second - t.second % 2)


def _rezip(data: bytes, moment: datetime) -> bytes:
    """The same zip with every entry dated `moment` (Excel files are zips that openpyxl dates
    now), and the workbook's own created/modified properties set to it."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
            dst.writestr(_entry(item.filename, moment), body)
    return out.getvalue()


def _entry(name: str, moment: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_zip_time(moment))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _validation(findings: list[Finding]) -> dict[str, object]:
    return {"errors": sum(f.is_error for f in findings),
            "warnings": sum(not f.is_error for f in findings),
            "findings": [{"severity": f.severity.value, "path": f.path, "message": f.message}
                         for f in findings]}


def build_package(report: Report, info: PackageInfo) -> dict[str, bytes]:
    """The package's files, by name, in their order (the report's files, manifest, e-mail)."""
    from ccm_desktop.exchange.pdf import render_pdf
    from ccm_desktop.exchange.xlsx.writer import workbook_bytes

    lang = report.language or "en"
    base = package_name(report, info.corrigendum)
    findings = validate(report)
    files: dict[str, bytes] = {
        f"{base}.pdf": render_pdf(report, lang=lang, findings=findings,
                                  label=corrigendum_label(info.corrigendum, lang),
                                  timestamp=info.submitted_at),
        f"{base}.xlsx": _rezip(workbook_bytes(report, lang=lang), info.submitted_at),
        f"{base}.ccm.json": dumps_report(report).encode("utf-8"),
    }
    manifest = {
        "format": "ccm-submission-package",
        "format_version": 1,
        "application": "ccm-desktop",
        "application_version": info.version,
        "state": report.state,
        "reporting_year": report.reporting_year,
        "report_kind": report.report_kind,
        "submitted_on": info.submitted_on.isoformat(),
        "submitted_at": info.submitted_at.astimezone(UTC).isoformat(timespec="seconds"),
        "corrigendum": info.corrigendum,
        "files": [{"name": name, "size": len(data),
                   "sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()],
        "validation": _validation(findings),
    }
    attached = dict(files)
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
                       + "\n").encode("utf-8")
    files[f"{base}.eml"] = _email(report, info, attached, lang)
    return files


_TYPES = {".pdf": ("application", "pdf"),
          ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          ".json": ("application", "json")}


def _email(report: Report, info: PackageInfo, files: dict[str, bytes], lang: str) -> bytes:
    state = state_name(report.state, lang) if report.state else ""
    year = report.reporting_year or ""
    label = corrigendum_label(info.corrigendum, lang)
    subject = translate(N_("Convention on Cluster Munitions: Article 7 report of {state} "
                           "for {year}"), lang).format(state=state, year=year)
    message = EmailMessage()
    message["To"] = ", ".join(info.to)
    if info.cc:
        message["Cc"] = ", ".join(info.cc)
    message["Subject"] = f"{subject} ({label})" if label else subject
    message["Date"] = format_datetime(info.submitted_at.astimezone(UTC))
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    body = translate(N_("Please find attached the transparency report of {state} under Article 7 "
                        "of the Convention on Cluster Munitions for {year}, as PDF, Excel "
                        "workbook and JSON file."), lang).format(state=state, year=year)
    if label:
        body += "\n\n" + translate(N_("This is {label} to the report submitted before."),
                                   lang).format(label=label)
    message.set_content(body + "\n")
    for name, data in files.items():
        maintype, subtype = _TYPES[Path(name).suffix]
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:32]
    message.set_boundary(f"==ccm-desktop-{digest}==")
    return message.as_bytes()


def write_package(report: Report, info: PackageInfo, folder: str | Path) -> Path:
    """Write the package into a new folder inside `folder`, and its zip beside it. Returns the
    package folder. Raises OSError for trouble with the disk."""
    files = build_package(report, info)
    target = Path(folder) / package_name(report, info.corrigendum)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(target / name, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            bundle.writestr(_entry(f"{target.name}/{name}", info.submitted_at), files[name])
    write_atomic(target.with_name(target.name + ".zip"), out.getvalue())
    return target
