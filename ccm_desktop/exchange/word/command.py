"""The command line's side of the Word/PDF import: `ccm-desktop import FILE.docx [--dry-run]`
and `ccm-desktop convert FILE.docx --to report.ccm.json` (cli.py hands documents here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.word import DOCUMENT_SUFFIXES, Recognition, recognise_file

Say = Callable[[str], None]


def is_document(path: str | Path) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def read_with_findings(path: str | Path, complain: Say) -> tuple[Report, Recognition]:
    """Recognise the document; every unreadable value and every part that went nowhere goes to
    `complain` (standard error) with its place."""
    recognition = recognise_file(path)
    for finding in recognition.problems():
        complain(finding.sentence(recognition.filename) + " (left out)")
    for finding in recognition.unplaced:
        complain(finding.sentence(recognition.filename))
    if Path(path).suffix.lower() == ".pdf":
        complain(f"{recognition.filename}: read from a PDF, best effort: check every form "
                 "against the document")
    return recognition.report(), recognition


def describe(recognition: Recognition) -> list[str]:
    """What was recognised, form by form: the lines of `import --dry-run`."""
    from ccm_desktop.schema.registry import PARTS, part_title

    report = recognition.report()
    cover = report.cover.fields
    lines = [f"{recognition.filename}: language {recognition.language}; State "
             f"{cover.get('state', '?')}; {cover.get('report_kind', '?')} report; period "
             f"{cover.get('period_from', '?')} to {cover.get('period_to', '?')}; submitted "
             f"{cover.get('submission_date', '?')}"]
    for part in PARTS:
        holder = report.cover if part.id == "cover" else report.form(part.id)
        bits = []
        if part.is_form:
            form = report.form(part.id)
            status = form.status.value if form.status else "no status"
            if form.last_reported_year:
                status += f" (last reported {form.last_reported_year})"
            if form.statement:
                status += f" ({form.statement})"
            bits.append(status)
            bits += [f"{key}: {len(str(value))} characters" for key, value in form.fields.items()]
        bits += [f"{table}: {len(rows)} row{'s' if len(rows) != 1 else ''}"
                 for table, rows in holder.tables.items() if rows]
        name = part_title(part.id)  # in English, like the rest of this summary
        lines.append(f"{name}: {'; '.join(bits) if bits else 'nothing'}")
    problems = len(recognition.problems())
    lines.append(f"{problems} value{'s' if problems != 1 else ''} could not be read; "
                 f"{len(recognition.unplaced)} part{'s' if len(recognition.unplaced) != 1 else ''}"
                 " of the document went nowhere")
    return lines
