"""Review and submission, the parts that are plain data: which warnings were answered, where an
explanation is written into the report, what a corrigendum is called.

An explanation of a warning goes where the UN reader sees it, inside the JSON contract: the
format-2 `remarks` of Forms B, C, D, E and I, which exist for exactly this; the other parts (the
cover page, Forms A, F, G, H and J) have no free text of their own for it, so their explanations
go into Form J's "Other relevant matters", each starting with the form it is about. Either way
it is printed in the PDF and travels in the JSON and the workbook.
"""

from __future__ import annotations

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormStatus, Report

REMARKS_FORMS = ("B", "C", "D", "E", "I")
OTHER_MATTERS = ("J", "other_matters")


def warning_key(finding: Finding) -> str:
    """What identifies a warning across edits: its place and its sentence's template."""
    return f"{finding.path}|{finding.template}"


def form_of(path: str) -> str | None:
    """The form letter a finding path is about (`forms.F.tables...` -> "F"), None for the cover."""
    parts = path.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "forms" else None


def explanation_home(path: str) -> tuple[str, str]:
    """(form letter, field id) where the explanation of a warning at `path` is written."""
    letter = form_of(path)
    if letter in REMARKS_FORMS:
        return letter, "remarks"
    return OTHER_MATTERS


def add_explanation(report: Report, path: str, text: str, prefix: str = "") -> tuple[str, str]:
    """Append `text` (a paragraph, after `prefix` such as "Form F: ") to the free text that
    answers a warning at `path`; the form is marked changed if it had no content status, so
    that the paragraph is printed. Returns where it went."""
    letter, field_id = explanation_home(path)
    form = report.form(letter)
    paragraph = f"{prefix}{text.strip()}"
    old = form.fields.get(field_id)
    if isinstance(old, str) and old.strip():
        if paragraph in old:
            return letter, field_id
        form.fields[field_id] = f"{old.rstrip()}\n\n{paragraph}"
    else:
        form.fields[field_id] = paragraph
    if form.status is not FormStatus.CHANGED:
        form.status = FormStatus.CHANGED
        form.statement = None
    return letter, field_id
