"""Import last year's report as the State sent it: the filled Word template (.docx, or .doc and
.odt converted by LibreOffice) or, best effort, the PDF the UN published (docs: README, "Word
and PDF import").

`recognise_file` returns what was recognised (the preview shows it); `read_document` returns
`(Report, problems)` like the other importers. Nothing here touches the database.
"""

from __future__ import annotations

from pathlib import Path

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.word.blocks import Block
from ccm_desktop.exchange.word.recognise import Finding, Recognition, recognise
from ccm_desktop.schema.i18n import N_, message

DOCUMENT_SUFFIXES = (".docx", ".doc", ".odt", ".pdf")


def recognise_file(path: str | Path) -> Recognition:
    """Read and recognise the document at `path`. Raises UnreadableFile with one sentence."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from ccm_desktop.exchange.word.pdf import pdf_blocks

        blocks = pdf_blocks(path)
    elif suffix in (".doc", ".odt"):
        from ccm_desktop.exchange.word.convert import converted_to_docx

        with converted_to_docx(path) as docx_path:
            blocks = _docx(docx_path, path.name)
    elif suffix == ".docx":
        blocks = _docx(path, path.name)
    else:
        raise UnreadableFile(path.name, N_("is not a Word document (.docx, .doc, .odt) or a PDF"))
    recognition = recognise(blocks, path.name)
    if not recognition.tables and not any(
            f.status is not None for f in recognition.base.forms.values()):
        raise UnreadableFile(path.name, N_("has no tables and no form of the Article 7 "
                                           "template was recognised in it; this does not look "
                                           "like a filled report"))
    return recognition


def _docx(path: Path, shown_name: str) -> list[Block]:
    from ccm_desktop.exchange.word.blocks import docx_blocks
    from ccm_desktop.exchange.word.guards import inspect_docx

    try:
        inspect_docx(path)
    except UnreadableFile as exc:
        raise UnreadableFile(shown_name, exc.message, exc.where) from None
    import docx

    try:
        document = docx.Document(str(path))
        return docx_blocks(document)
    except Exception as exc:  # a damaged part: one sentence, never a traceback
        text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UnreadableFile(shown_name, message(N_("the document cannot be read ({reason})"),
                                                 reason=text)) from None


def read_document(path: str | Path) -> tuple[Report, list[Finding]]:
    """The report recognised in the document, and every unreadable value and every part that
    went nowhere, each with its place."""
    recognition = recognise_file(path)
    return recognition.report(), recognition.problems() + recognition.unplaced


__all__ = ["DOCUMENT_SUFFIXES", "Finding", "Recognition", "read_document", "recognise_file"]
