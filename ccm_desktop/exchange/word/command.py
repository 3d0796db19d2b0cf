"""The command line's side of the Word/PDF import: `ccm-desktop import FILE.docx [--dry-run]`
and `ccm-desktop convert FILE.docx --to report.ccm.json` (cli.py hands documents here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.word import DOCUMENT_SUFFIXES, Recognition, recognise_file
from ccm_desktop.schema.i18n import N_, isolate, language, ntranslate, translate

Say = Callable[[str], None]


def is_document(path: str | Path) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def read_with_findings(path: str | Path, complain: Say, lang: str = "en"
                       ) -> tuple[Report, Recognition]:
    """Recognise the document; every unreadable value and every part that went nowhere goes to
    `complain` (standard error) with its place, in `lang`."""
    recognition = recognise_file(path)
    for finding in recognition.problems():
        complain(translate(N_("{sentence} (left out)"), lang).format(
            sentence=finding.sentence(recognition.filename, lang)))
    for finding in recognition.unplaced:
        complain(finding.sentence(recognition.filename, lang))
    if Path(path).suffix.lower() == ".pdf":
        complain(translate(N_("{file}: read from a PDF, best effort: check every form against "
                              "the document"), lang).format(file=recognition.filename))
    return recognition.report(), recognition


def describe(recognition: Recognition, lang: str = "en") -> list[str]:
    """What was recognised, form by form, in `lang`: the lines of `import --dry-run`."""
    from ccm_desktop.schema.registry import PARTS, STATUS_WORDS, part, part_name

    report = recognition.report()
    cover = report.cover.fields
    cover_part = part("cover")

    def shown(field_id: str) -> str:
        value = cover.get(field_id)
        if value is None:
            return "?"
        return isolate(cover_part.field(field_id).kind.format(value, lang), lang)

    lines = [translate(N_("{file}: language {language}; State {state}; {kind}; period "
                          "{start} to {end}; submitted {date}"), lang).format(
        file=isolate(recognition.filename, lang), language=recognition.language,
        state=shown("state"), kind=shown("report_kind"), start=shown("period_from"),
        end=shown("period_to"), date=shown("submission_date"))]
    for p in PARTS:
        holder = report.cover if p.id == "cover" else report.form(p.id)
        bits = []
        if p.is_form:
            form = report.form(p.id)
            status = translate(STATUS_WORDS.get(form.status.value if form.status else "",
                                           N_("no status")), lang)
            if form.last_reported_year:
                status = translate(N_("{status} (last reported {year})"), lang).format(
                    status=status, year=form.last_reported_year)
            if form.statement:
                status = translate(N_("{status} ({statement})"), lang).format(
                    status=status, statement=form.statement)
            bits.append(status)
            bits += [ntranslate("{field}: {n} character", "{field}: {n} characters",
                                len(str(value)), lang).format(field=key, n=len(str(value)))
                     for key, value in form.fields.items()]
        bits += [ntranslate("{table}: {n} row", "{table}: {n} rows", len(rows), lang).format(
                     table=table, n=len(rows))
                 for table, rows in holder.tables.items() if rows]
        lines.append(translate(N_("{part}: {contents}"), lang).format(
            part=part_name(p.id).text(language(lang)),
            contents=_joined(bits, lang) if bits else translate(N_("nothing"), lang)))
    problems, unplaced = len(recognition.problems()), len(recognition.unplaced)
    lines.append(_joined([
        ntranslate("{n} value could not be read", "{n} values could not be read", problems,
                   lang).format(n=problems),
        ntranslate("{n} part of the document went nowhere",
                   "{n} parts of the document went nowhere", unplaced, lang).format(n=unplaced)],
        lang))
    return lines


def _joined(bits: list[str], lang: str) -> str:
    """Items of a line one after the other, with the language's own separator (" ; " in
    French, "；" in Chinese)."""
    between = translate(N_("{first}; {second}"), lang)
    line = bits[0]
    for bit in bits[1:]:
        line = between.format(first=line, second=bit)
    return line

