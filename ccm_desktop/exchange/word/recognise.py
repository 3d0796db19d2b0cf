"""Recognise the 2010 template (CCM/MSP/2010/PM/10) in a document's blocks.

Nothing is found by position: the cover page's lines by their labels, the status of each form by
the tick next to "changed", "unchanged" or "non applicable", each table by its header row (the
header synonyms and guessing of the Excel mapping import, `xlsx/guess.py`, in the six
languages), and free text by the form heading it follows. Every table becomes a small `Sheet`,
so that the mapping, the reading of numbers and dates and the problems per cell are exactly
those of a workbook. A table with no header of its own right after a recognised one, with as
many columns, is the rest of that table (Word splits tables across pages, or people do).
Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ccm_desktop.domain.messages import Message, Words, format_value, message, nmessage
from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report
from ccm_desktop.exchange.word.blocks import Block, Paragraph, TableBlock
from ccm_desktop.exchange.xlsx.convert import convert_cell, fold
from ccm_desktop.exchange.xlsx.grid import Sheet
from ccm_desktop.exchange.xlsx.guess import guess_header_row, guess_mapping, similarity, tokens
from ccm_desktop.exchange.xlsx.mapping import ColumnMap, MappedRows, apply_mapping
from ccm_desktop.schema.i18n import N_, UN_LANGUAGES, translate
from ccm_desktop.schema.i18n import language as reader
from ccm_desktop.schema.kinds import DateKind, KindError, Note, Text
from ccm_desktop.schema.model import Field, Part
from ccm_desktop.schema.registry import PARTS

MIN_TABLE_SCORE = 1.5  # the header must name at least two columns well

_TICKS = ("☒", "☑", "■", "✓", "✔", "✗", "✘", "⊠", "⌧", "x", "X", "×")
_EMPTY_BOXES = ("☐", "□", "▢")
_FORM_WORDS = {
    "form": "en", "formulaire": "fr", "formule": "fr", "formulario": "es", "форма": "ru",
    "الاستمارة": "ar", "استمارة": "ar", "النموذج": "ar", "表": "zh", "表格": "zh",
}
_ARABIC_LETTERS = {"ألف": "A", "باء": "B", "جيم": "C", "دال": "D", "هاء": "E", "واو": "F",
                   "زاي": "G", "حاء": "H", "طاء": "I", "ياء": "J"}
_CYRILLIC_LOOKALIKES = str.maketrans({"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H",
                                      "І": "I", "Ј": "J", "Б": "B", "Д": "D", "Ф": "F",
                                      "Г": "G"})
_FORM_HEADING = re.compile(
    r"^\s*(form|formulaire|formule|formulario|форма|الاستمارة|استمارة|النموذج|表格|表)\s*"
    r"[«\"“]?\s*(ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|[A-JАВСЕНІЈБДФГ])(?![\w])",
    re.IGNORECASE)

# Status words, folded (accents, case and punctuation away). "unchanged" is tried before
# "changed", since the one contains the other in several languages.
_UNCHANGED: tuple[str, ...] = (
    "unchanged", "not changed", "no change", "non modifie", "inchange", "sans changement",
              "sin cambios", "sin modificaciones", "no modificado", "без изменении",
              "не изменилось", "دون تغيير", "لم يتغير", "未变", "无变化", "没有变化")
_NOT_APPLICABLE: tuple[str, ...] = ("non applicable", "not applicable", "n a", "sans objet", "no se aplica",
                   "no aplicable", "no procede", "неприменимо", "не применимо", "لا ينطبق",
                   "غير منطبق", "不适用")
_CHANGED: tuple[str, ...] = (
    "changed", "modifie", "modifiee", "modificado", "modificada", "cambios", "изменилось",
            "изменения", "изменен", "تغير", "تغيير", "有变化", "变更", "已更改")

_COVER_LABELS: dict[str, tuple[str, ...]] = {
    "state": ("state party", "state", "reporting state", "etat partie", "etat", "estado parte",
              "estado", "государство участник", "государство", "الدولة الطرف", "الدولة",
              "缔约国", "国家"),
    "period": ("reporting period", "period covered", "period", "periode couverte",
               "periode visee", "periode", "periodo que abarca", "periodo", "período",
               "отчетныи период", "охватываемыи период", "период", "الفترة المشمولة",
               "فترة الإبلاغ", "الفترة", "报告所涉期间", "报告期", "所涉期间"),
    "submission_date": ("date of submission", "submission date", "date submitted",
                        "date de soumission", "date de presentation", "fecha de presentacion",
                        "дата представления", "تاريخ التقديم", "提交日期"),
    "prepared_by": ("prepared by", "etabli par", "prepare par", "preparado por",
                    "подготовлен", "أعده", "编写"),
    "approved_by": ("approved by", "authorised by", "authorized by", "approuve par",
                    "aprobado por", "утвержден", "اعتمده", "核准"),
}
# Every list of words is compared folded (`fold`: accents, case, Arabic letter variants).
_UNCHANGED, _NOT_APPLICABLE, _CHANGED = (tuple(fold(w) for w in words)
                                         for words in (_UNCHANGED, _NOT_APPLICABLE, _CHANGED))
_COVER_LABELS = {key: tuple(fold(w) for w in words) for key, words in _COVER_LABELS.items()}
_INITIAL_WORDS: tuple[str, ...] = ("initial report", "rapport initial", "informe inicial",
                  "первоначальныи доклад", "التقرير الأولي", "初次报告")

_INITIAL_WORDS = tuple(fold(w) for w in _INITIAL_WORDS)
_DATE_TEXT = re.compile(r"\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")


@dataclass(frozen=True)
class Finding:
    """A cell that could not be read, or a part of the document that went nowhere: its place,
    its text (as it is, or a template such as "(3 rows)") and the problem (a template), each
    written in the reader's language when shown."""

    where: Words
    text: str | Message
    problem: str | Message

    def place(self, lang: str = "en") -> str:
        return self.where.text(reader(lang))

    def shown_text(self, lang: str = "en") -> str:
        return format_value(self.text, reader(lang))

    def problem_text(self, lang: str = "en") -> str:
        if isinstance(self.problem, Message):
            return self.problem.text(reader(lang))
        return translate(self.problem, lang)

    def sentence(self, filename: str, lang: str = "en") -> str:
        return translate(N_("{file} at {place}: {value} {problem}"), lang).format(
            file=filename, place=self.place(lang), value=self.shown_text(lang),
            problem=self.problem_text(lang)).rstrip()


@dataclass
class RecognisedTable:
    block: TableBlock
    sheet: Sheet
    mapping: ColumnMap
    result: MappedRows
    continues: int | None = None  # the number of the table this one continues

    @property
    def where(self) -> Words:
        return self.block.where

    def remap(self, mapping: ColumnMap, filename: str, lang: str) -> None:
        self.mapping = mapping
        self.result = apply_mapping(self.sheet, mapping, filename, lang)

    def problems(self) -> list[Finding]:
        return [Finding(_within(self.where, row=p.row, column=p.column), p.text,
                        p.why.message if p.why is not None else p.problem)
                for p in self.result.problems]


def _within(place: Words, row: int | None = None, column: int | str | None = None) -> Words:
    """A row or column of a table: "table 6, row 2, column 3"."""
    parts = list(place.parts)
    if row is not None:
        parts.append(message(N_("row {row}"), row=str(row)))
    if column is not None:
        parts.append(message(N_("column {column}"), column=str(column)))
    return Words(tuple(parts))


@dataclass
class Recognition:
    """What was recognised in a document, before anything is stored."""

    filename: str
    language: str = "en"
    base: Report = field(default_factory=Report)  # the cover, statuses and notes
    tables: list[RecognisedTable] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # unreadable values of the cover/notes
    unplaced: list[Finding] = field(default_factory=list)  # parts that went nowhere

    def report(self) -> Report:
        """The report as recognised now (after any corrected mappings)."""
        out = self.base.copy()
        for table in self.tables:
            m = table.mapping
            holder = out.cover if m.form == "cover" else out.form(m.form)
            holder.tables.setdefault(m.table, []).extend(dict(r) for r in table.result.rows_to_add())
        return out

    def problems(self) -> list[Finding]:
        out = list(self.findings)
        for table in self.tables:
            out += table.problems()
        return out


# Headings and statuses --------------------------------------------------------------------------


def form_of_heading(text: str) -> tuple[str, str] | None:
    """("F", "fr") for "Formulaire F : Zones contaminées…", or None."""
    text = text.strip()
    if not text or len(text) > 200:
        return None
    match = _FORM_HEADING.match(text)
    if match:
        letter = match.group(2)
        letter = _ARABIC_LETTERS.get(letter, letter.upper().translate(_CYRILLIC_LOOKALIKES))
        if letter in FORM_LETTERS:
            return letter, _FORM_WORDS.get(match.group(1).casefold(), "en")
    folded = fold(text)
    for part in PARTS:
        if not part.is_form:
            continue
        for language in UN_LANGUAGES:
            title = fold(translate(part.title, language))
            near = len(folded) < 2 * len(title) + 12
            if title and (folded == title or folded.endswith(" " + title)) and near:
                return part.id, language
    return None


def _has(folded: str, words: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {w} " in padded or (not w.isascii() and w in folded) for w in words)


def status_word(text: str) -> FormStatus | None:
    folded = fold(text)
    if _has(folded, _UNCHANGED):
        return FormStatus.UNCHANGED
    if _has(folded, _NOT_APPLICABLE):
        return FormStatus.NOT_APPLICABLE
    if _has(folded, _CHANGED):
        return FormStatus.CHANGED
    return None


def _ticked(text: str) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    if any(box in stripped for box in _EMPTY_BOXES) and not any(
            t in stripped for t in _TICKS if len(t) == 1 and not t.isalpha()):
        return False
    first = stripped.split()[0]
    return first in _TICKS or stripped[0] in "☒☑■✓✔✗✘⊠⌧"


def _without_mark(text: str) -> str:
    return re.sub(r"^[\s☒☑■✓✔✗✘⊠⌧xX×☐□▢]+(?=\s|$)", "", text.strip()).strip(" :;-–()")


def _year_in(text: str) -> int | None:
    years = re.findall(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)", text)
    return int(years[-1]) if years else None


def _inline_status(text: str) -> tuple[FormStatus, str] | None:
    """"☐ changed ☒ unchanged (last reporting: 2014) ☐ non applicable" -> UNCHANGED and the text
    after its tick."""
    pieces = re.split(r"([☒☑■✓✔✗✘⊠⌧☐□▢]|\[\s*[xX]?\s*\])", text)
    for index in range(1, len(pieces) - 1, 2):
        mark = pieces[index]
        ticked = mark in "☒☑■✓✔✗✘⊠⌧" or (mark.startswith("[") and mark.strip("[] ") != "")
        if ticked:
            after = pieces[index + 1]
            status = status_word(after)
            if status is not None:
                return status, after
    return None


def _apply_status(report: Report, letter: str, status: FormStatus, text: str) -> None:
    form = report.form(letter)
    form.status = status
    if status is FormStatus.UNCHANGED:
        form.last_reported_year = _year_in(text)
    elif status is FormStatus.NOT_APPLICABLE:
        reason = _reason(text)
        if reason:
            form.statement = reason


def _reason(text: str) -> str:
    """The words after "non applicable" in its cell: the State's reason."""
    out = _without_mark(text)
    folded = fold(out)
    for word in _NOT_APPLICABLE:
        if folded.startswith(word):
            # drop as many words of the original as the phrase has
            out = " ".join(out.split()[len(word.split()):])
            break
    return out.strip(" :;-–()")


def _status_table(block: TableBlock, report: Report) -> bool:
    """The cover page's table of forms and their status; True when `block` is one."""
    rows = [(row, form_of_heading(row[0]) if row else None) for row in block.rows]
    form_rows = [(row, hit) for row, hit in rows if hit is not None]
    if len(form_rows) < 3:
        return False
    header = next((row for row, hit in rows if hit is None and any(status_word(c) for c in row)),
                  None)
    for row, hit in form_rows:
        assert hit is not None
        letter = hit[0]
        for col, cell in enumerate(row[1:], start=1):
            if not _ticked(cell):
                inline = _inline_status(cell)
                if inline:
                    _apply_status(report, letter, inline[0], inline[1])
                continue
            word = status_word(cell)
            if word is None and header is not None and col < len(header):
                word = status_word(header[col])
            if word is not None:
                _apply_status(report, letter, word, cell)
    return True


# The cover page's lines ---------------------------------------------------------------------------


def _cover_label(text: str) -> tuple[str, str] | None:
    """("period", "from 01/01/2015 to 31/12/2015") for "Reporting period: from …"."""
    head, sep, rest = text.partition(":")
    if not sep:
        head, sep, rest = text.partition("：")
    if not sep:
        return None
    folded = fold(head)
    for key, labels in _COVER_LABELS.items():
        if folded in labels:
            return key, rest.strip()
    return None


def _dates(text: str, order: str, lang: str) -> list[date]:
    out = []
    for found in _DATE_TEXT.findall(text):
        try:
            out.append(convert_cell(DateKind(), found, dates=order, lang=lang))
        except KindError:
            continue
    return out


def _date_order(texts: list[str]) -> str:
    day_first = month_first = 0
    for text in texts:
        for a, b in re.findall(r"(?<!\d)(\d{1,2})[./\-](\d{1,2})[./\-]\d{2,4}", text):
            day_first += int(a) > 12
            month_first += int(b) > 12
    return "mm/dd/yyyy" if month_first > day_first else "dd/mm/yyyy"


def _cover_value(report: Report, key: str, value: str, where: Words, order: str, lang: str,
                 out: Recognition) -> None:
    from ccm_desktop.schema.states import code_for_name, load_states

    fields = report.cover.fields
    if key == "state":
        code = code_for_name(value, lang) or code_for_name(value)
        if code is None:
            out.findings.append(Finding(where, f"\"{value}\"", N_("is not a State we know")))
            return
        fields["state"] = code
        info = load_states().get(code)
        if info is not None and info.entry_into_force is not None:
            fields.setdefault("entry_into_force", info.entry_into_force)
    elif key == "period":
        found = _dates(value, order, lang)
        if len(found) >= 2:
            fields["period_from"], fields["period_to"] = found[0], found[1]
        else:
            year = _year_in(value)
            if year is not None and len(found) == 0:
                fields["period_from"], fields["period_to"] = date(year, 1, 1), date(year, 12, 31)
            else:
                out.findings.append(Finding(where, f"\"{value}\"",
                                            N_("is not a period from one date to another")))
    elif key == "submission_date":
        found = _dates(value, order, lang)
        if found:
            fields["submission_date"] = found[0]
        elif value:
            out.findings.append(Finding(where, f"\"{value}\"", N_("is not a date")))
    elif value:
        fields[key] = value


# Free text ------------------------------------------------------------------------------------------


def _text_fields(part: Part) -> list[Field]:
    return [f for f in part.fields if isinstance(f.kind, Note | Text)]


def _field_of_label(text: str, part: Part) -> tuple[Field, str] | None:
    """The note field a label names ("Status and progress of clearance:" or a heading), with
    any text after the colon."""
    head, sep, rest = text.partition(":")
    candidates = [(head, rest)] if sep and len(head) < 120 else []
    if len(text) < 120:
        candidates.append((text, ""))
    for label, value in candidates:
        words = tokens(label)
        if not words:
            continue
        best: tuple[float, Field] | None = None
        for f in _text_fields(part):
            for language in UN_LANGUAGES:
                known = tokens(translate(f.label, language))
                score = 1.0 if fold(label) == fold(translate(f.label, language)) else similarity(
                    words, known)
                if score >= 0.75 and (best is None or score > best[0]):
                    best = (score, f)
        if best is not None:
            return best[1], value.strip()
    return None


_DEFAULT_NOTES = {"J": "other_matters", "G": "measures", "F": "clearance_status",
                  "E": "remarks", "D": "remarks", "C": "remarks", "B": "remarks", "I": "remarks"}


def _is_table_caption(text: str, part: Part) -> bool:
    if len(text) > 150:
        return False
    words = tokens(re.sub(r"^(table|tableau|cuadro|таблица|الجدول|表)\s*\w*[.:]?", "", text,
                          flags=re.IGNORECASE))
    for table in part.tables:
        for language in UN_LANGUAGES:
            if words and similarity(words, tokens(translate(table.label, language))) >= 0.75:
                return True
    return False


def _add_text(holder: dict[str, object], f: Field, text: str) -> None:
    previous = holder.get(f.id)
    if isinstance(f.kind, Note) and isinstance(previous, str) and previous:
        holder[f.id] = f"{previous}\n{text}"
    elif previous is None or isinstance(f.kind, Note):
        holder[f.id] = text


# Tables ---------------------------------------------------------------------------------------------


def table_sheet(block: TableBlock) -> Sheet:
    """The table as a sheet of rows 1…n; a header row with merged cells over a row of
    sub-headers becomes one row of combined headers ("Area (m²) cleared")."""
    rows = [list(r) for r in block.rows]
    merged = [list(m) for m in block.merged_left]
    sheet = Sheet(f"table {block.number}")
    skip: set[int] = set()
    for index in range(min(len(rows) - 1, 3)):
        row, flags = rows[index], merged[index]
        distinct = [t for t, m in zip(row, flags, strict=False) if not m]
        if any(flags) and len(distinct) >= 2 and len(rows[index + 1]) == len(row):
            below = rows[index + 1]
            combined = []
            for col, text in enumerate(row):
                spans = flags[col] or (col + 1 < len(flags) and flags[col + 1])
                sub = below[col]
                combined.append(f"{text} {sub}".strip() if spans and sub and sub != text
                                else (text or sub))
            rows[index + 1] = combined
            skip.add(index)
            break
    for index, row in enumerate(rows):
        if index in skip:
            continue
        values = list(row)
        while values and not values[-1].strip():
            values.pop()
        if values:
            sheet.rows[index + 1] = tuple(v if v.strip() else None for v in values)
    return sheet


def _candidates(form: str | None) -> list[tuple[str, str]]:
    out = []
    for part in PARTS:
        if form is None or part.id == form:
            out += [(part.id, t.id) for t in part.tables]
    return out


def _best_table(sheet: Sheet, form: str | None) -> tuple[str, str, int, float] | None:
    best: tuple[str, str, int, float] | None = None
    for part_id, table_id in _candidates(form):
        row, score = guess_header_row(sheet, part_id, table_id)
        if best is None or score > best[3]:
            best = (part_id, table_id, row, score)
    return best if best is not None and best[3] >= MIN_TABLE_SCORE else None


def _continuation(sheet: Sheet, previous: RecognisedTable, filename: str, lang: str
                  ) -> RecognisedTable:
    header = previous.sheet.rows[previous.mapping.header_row]
    rows = {0: header, **sheet.rows}
    continued = Sheet(sheet.name, rows)
    mapping = ColumnMap(sheet.name, 0, previous.mapping.form, previous.mapping.table,
                        dict(previous.mapping.columns), previous.mapping.dates,
                        previous.mapping.decimal_separator)
    result = apply_mapping(continued, mapping, filename, lang)
    block = TableBlock(0)
    return RecognisedTable(block, continued, mapping, result, previous.block.number)


# The whole document --------------------------------------------------------------------------------


def recognise(blocks: list[Block], filename: str) -> Recognition:
    out = Recognition(filename)
    report = out.base
    languages: list[str] = []
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    texts += [c for b in blocks if isinstance(b, TableBlock) for r in b.rows for c in r]
    order = _date_order(texts)
    for block in blocks:
        if isinstance(block, Paragraph):
            hit = form_of_heading(block.text)
            if hit:
                languages.append(hit[1])
    lang = max(set(languages), key=languages.count) if languages else "en"
    out.language = report.language = lang

    current: str = "cover"
    note_field: Field | None = None
    previous: RecognisedTable | None = None
    seen_statuses = False
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text
            if not text:
                continue
            hit = form_of_heading(text)
            if hit:
                current, note_field, previous = hit[0], None, None
                inline = _inline_status(text)
                if inline:
                    _apply_status(report, current, inline[0], inline[1])
                continue
            if current == "cover":
                labelled = _cover_label(text)
                if labelled:
                    _cover_value(report, labelled[0], labelled[1], block.where, order, lang, out)
                    continue
                if _has(fold(text), _INITIAL_WORDS):
                    report.cover.fields["report_kind"] = "initial"
                    continue
                if _is_title(text) or _is_table_caption(text, _part("cover")):
                    continue
                out.unplaced.append(Finding(block.where, _short(text),
                                            N_("was not recognised as part of the cover page")))
                continue
            inline = _inline_status(text)
            if inline:  # the status ticked in a line under the form's heading
                _apply_status(report, current, inline[0], inline[1])
                continue
            part = _part(current)
            labelled_field = _field_of_label(text, part)
            if labelled_field:
                note_field = labelled_field[0]
                if labelled_field[1]:
                    _set_field(report, current, note_field, labelled_field[1], block.where, out,
                               order, lang)
                continue
            if _is_table_caption(text, part):
                note_field = None
                continue
            target = note_field
            if target is None and current in _DEFAULT_NOTES:
                target = part.field(_DEFAULT_NOTES[current])
            if target is None:
                out.unplaced.append(Finding(
                    block.where, _short(text),
                    N_("is text under this form that fits none of its fields")))
                continue
            _set_field(report, current, target, text, block.where, out, order, lang)
            continue

        # A table
        if _status_table(block, report):
            seen_statuses = True
            continue
        if current == "cover" and _cover_table(block, report, order, lang, out):
            continue
        sheet = table_sheet(block)
        if not sheet.rows:
            continue
        best = _best_table(sheet, current if current != "cover" else "cover")
        if best is None and previous is not None and sheet.width == previous.sheet.width:
            recognised = _continuation(sheet, previous, filename, lang)
            recognised.block = block
            out.tables.append(recognised)
            continue
        if best is None:
            best = _best_table(sheet, None)
        if best is None:
            out.unplaced.append(Finding(block.where, nmessage("({n} row)", "({n} rows)",
                                                              len(block.rows)),
                                        N_("matched no table of the report by its header row")))
            previous = None
            continue
        part_id, table_id, row, _score = best
        guess = guess_mapping(sheet, part_id, table_id, row)
        mapping = guess.mapping
        result = apply_mapping(sheet, mapping, filename, lang)
        recognised = RecognisedTable(block, sheet, mapping, result)
        for col, header in guess.unmatched:
            out.unplaced.append(Finding(_within(block.where, column=col), f"\"{header}\"",
                                        N_("is a column that fits none of the table's columns")))
        out.tables.append(recognised)
        previous = recognised
        note_field = None

    if "report_kind" not in report.cover.fields and report.cover.fields.get("period_from"):
        report.cover.fields["report_kind"] = "annual"
    if not seen_statuses:
        # No status table: a form with content was changed.
        for table in out.tables:
            if table.mapping.form != "cover" and table.result.rows:
                report.form(table.mapping.form).status = FormStatus.CHANGED
    for form in report.forms.values():
        if form.status is None and form.fields:
            form.status = FormStatus.CHANGED
    return out


_TITLE_WORDS: tuple[str, ...] = ("article 7", "art 7", "artículo 7", "articulo 7", "статья 7", "статье 7",
                "статьеи 7", "المادة 7", "第7条", "第七条")
_TITLE_WORDS = tuple(fold(w) for w in _TITLE_WORDS)


def _is_title(text: str) -> bool:
    """The document's title ("… Article 7 Report"), which says nothing to import."""
    return len(text) < 160 and _has(fold(text), _TITLE_WORDS)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"\"{text[:60]}…\"" if len(text) > 60 else f"\"{text}\""


def _part(part_id: str) -> Part:
    for part in PARTS:
        if part.id == part_id:
            return part
    raise KeyError(part_id)


def _set_field(report: Report, letter: str, f: Field, text: str, where: Words, out: Recognition,
               order: str, lang: str) -> None:
    holder = report.form(letter).fields
    if isinstance(f.kind, Note | Text):
        _add_text(holder, f, text.strip())
        return
    try:
        value = convert_cell(f.kind, text, dates=order, lang=lang)
    except KindError as exc:
        out.findings.append(Finding(where, _short(text), exc.message))
        return
    if value is not None:
        holder[f.id] = value


def _cover_table(block: TableBlock, report: Report, order: str, lang: str,
                 out: Recognition) -> bool:
    """A two-column table of cover labels and values ("State Party: | France")."""
    found = False
    for number, row in enumerate(block.rows, start=1):
        cells = [c for c in row if c.strip()]
        if len(cells) < 2:
            continue
        labelled = _cover_label(cells[0].rstrip(":") + ": " + cells[1])
        if labelled:
            _cover_value(report, labelled[0], labelled[1], _within(block.where, row=number),
                         order, lang, out)
            found = True
    return found
