"""Propose a column mapping for a workbook someone made (docs/excel.md).

Finds the header row (the row whose texts look most like the target table's columns, below any
title rows), matches each header to a column by the words people use in any of the six
languages (`synonyms.py`: our own labels in every language, and the extras of its data file),
and guesses the area units from the headers, the order of dates and the decimal separator from
the cells. A person checks and corrects the result; nothing here is final.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx.grid import Sheet, read_sheets
from ccm_desktop.exchange.xlsx.mapping import ColumnMap, Target, find_sheet, header_key
from ccm_desktop.exchange.xlsx.synonyms import STOPWORDS, header_names
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import AreaM2, Attachments, DateKind, DecimalNumber, Int
from ccm_desktop.schema.model import Table
from ccm_desktop.schema.registry import PARTS
from ccm_desktop.schema.units import AREA_UNIT_WORDS, fold, unit_in

THRESHOLD = 0.5
HEADER_SEARCH_ROWS = 30
COMMA_LANGUAGES = frozenset({"fr", "es", "ru"})

_UNIT_PHRASES = sorted((fold(w) for w in AREA_UNIT_WORDS), key=len, reverse=True)


@dataclass(frozen=True)
class Phrase:
    folded: str
    tokens: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class Match:
    column: str
    score: float
    language: str


@dataclass
class Guess:
    mapping: ColumnMap
    matches: dict[str, Match] = field(default_factory=dict)  # header -> match
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (sheet column, header)
    headers: list[tuple[int, str]] = field(default_factory=list)  # every header of the row


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3040" <= ch <= "\u30ff"


def without_units(folded: str) -> str:
    """Folded text (`units.fold`) without the unit words in it: how names are compared."""
    text = f" {folded} "
    for unit in _UNIT_PHRASES:
        text = text.replace(f" {unit} ", " ")
        if any(_is_cjk(ch) for ch in unit):
            text = text.replace(unit, " ")
    return " ".join(text.split())


def tokens(text: str) -> tuple[str, ...]:
    """Words that carry meaning: units and little words removed, Arabic articles dropped,
    Chinese split into pairs of characters."""
    out: list[str] = []
    for word in without_units(fold(text)).split():
        if word in STOPWORDS:
            continue
        if any(_is_cjk(ch) for ch in word):
            chars = [ch for ch in word if _is_cjk(ch)]
            out.extend(chars if len(chars) == 1 else
                       ("".join(pair) for pair in zip(chars, chars[1:], strict=False)))
            continue
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        out.append(word)
    return tuple(out)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short) and short.isalpha() and not _is_cjk(short[0]):
        return True  # an abbreviation or a plural: "ref." / "reference", "zone" / "zones"
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= 0.6 * len(long)  # the same stem: "détruites" / "détruits"


def similarity(header: tuple[str, ...], phrase: tuple[str, ...]) -> float:
    if not header or not phrase:
        return 0.0
    left = list(phrase)
    matched = 0
    for word in header:
        for index, other in enumerate(left):
            if _same_word(word, other):
                matched += 1
                del left[index]
                break
    return 2 * matched / (len(header) + len(phrase))


@cache
def phrases(form: str, table_id: str) -> dict[str, tuple[Phrase, ...]]:
    """{column id: every phrase that names it} for one table."""
    table = _table(form, table_id)
    out: dict[str, tuple[Phrase, ...]] = {}
    for col in table.columns:
        found: dict[tuple[str, str], Phrase] = {}
        for text, language in header_names(form, table_id, col.id):
            folded = without_units(fold(text))
            if folded and (folded, language) not in found:
                found[(folded, language)] = Phrase(folded, tokens(text), language)
        out[col.id] = tuple(found.values())
    return out


def _table(form: str, table_id: str) -> Table:
    for part in PARTS:
        if part.id == form and part.has_table(table_id):
            return part.table(table_id)
    raise KeyError(f"{form}.{table_id}")


def score_header(header: str, form: str, table_id: str) -> dict[str, Match]:
    """{column id: how well `header` names it}, for the columns it resembles at all."""
    folded = without_units(fold(header))
    words = tokens(header)
    out: dict[str, Match] = {}
    for column, known in phrases(form, table_id).items():
        best: Match | None = None
        for phrase in known:
            score = 1.0 if folded == phrase.folded else similarity(words, phrase.tokens)
            if best is None or score > best.score:
                best = Match(column, score, phrase.language)
        if best is not None and best.score > 0:
            out[column] = best
    return out


def _headers(sheet: Sheet, row: int) -> list[tuple[int, str]]:
    out = []
    for col, value in enumerate(sheet.rows.get(row, ()), start=1):
        if isinstance(value, str) and value.strip():
            out.append((col, " ".join(value.split())))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out.append((col, str(value)))
    return out


def assign(headers: list[tuple[int, str]], form: str, table_id: str
           ) -> dict[int, tuple[str, Match]]:
    """{sheet column: (header, match)}: each header to at most one column and back, the best
    pairs first."""
    table = _table(form, table_id)
    importable = {c.id for c in table.columns if not isinstance(c.kind, Attachments)}
    pairs = []
    for order, (col, text) in enumerate(headers):
        for match in score_header(text, form, table_id).values():
            if match.score >= THRESHOLD and match.column in importable:
                pairs.append((-match.score, order, col, text, match))
    pairs.sort(key=lambda p: (p[0], p[1]))
    taken_columns: set[str] = set()
    out: dict[int, tuple[str, Match]] = {}
    for _neg, _order, col, text, match in pairs:
        if col in out or match.column in taken_columns:
            continue
        out[col] = (text, match)
        taken_columns.add(match.column)
    return out


def guess_header_row(sheet: Sheet, form: str, table_id: str) -> tuple[int, float]:
    """The row that looks most like the header of the table, and how much."""
    best_row, best_score = 0, 0.0
    for number in sorted(sheet.rows)[:HEADER_SEARCH_ROWS]:
        headers = _headers(sheet, number)
        if len(headers) < 2:
            continue
        score = sum(m.score for _t, m in assign(headers, form, table_id).values())
        if score > best_score:
            best_row, best_score = number, score
    if best_row == 0:
        texts = [n for n in sorted(sheet.rows)[:HEADER_SEARCH_ROWS] if len(_headers(sheet, n)) >= 2]
        best_row = texts[0] if texts else min(sheet.rows, default=1)
    return best_row, best_score


def guess_mapping(sheet: Sheet, form: str, table_id: str, header_row: int | None = None) -> Guess:
    table = _table(form, table_id)
    row = header_row if header_row is not None else guess_header_row(sheet, form, table_id)[0]
    headers = _headers(sheet, row)
    assigned = assign(headers, form, table_id)
    mapping = ColumnMap(sheet.name, row, form, table_id)
    guess = Guess(mapping, headers=headers)
    for col, text in headers:
        if col not in assigned:
            guess.unmatched.append((col, text))
            continue
        _text, match = assigned[col]
        unit = None
        if isinstance(table.column(match.column).kind, AreaM2):
            unit = unit_in(text) or "m2"
        mapping.columns[text] = Target(match.column, unit)
        guess.matches[text] = match
    languages = [m.language for m in guess.matches.values() if m.language != "en"]
    language = max(set(languages), key=languages.count) if languages else "en"
    columns = {m.column: col for col, (_t, m) in assigned.items()}
    mapping.dates = _guess_dates(sheet, row, table, columns)
    mapping.decimal_separator = _guess_separator(sheet, row, table, columns, language)
    return guess


_DMY = re.compile(r"\s*(\d{1,2})[./\-](\d{1,2})[./\-]\d{2,4}\s*")


def _column_texts(sheet: Sheet, header_row: int, col: int) -> list[str]:
    out = []
    for number in sorted(n for n in sheet.rows if n > header_row):
        value = sheet.cell(number, col)
        if isinstance(value, str) and value.strip():
            out.append(value.strip())
    return out


def _guess_dates(sheet: Sheet, row: int, table: Table, columns: dict[str, int]) -> str:
    day_first = month_first = 0
    for column_id, col in columns.items():
        if not isinstance(table.column(column_id).kind, DateKind):
            continue
        for text in _column_texts(sheet, row, col):
            match = _DMY.fullmatch(text)
            if match:
                first, second = int(match.group(1)), int(match.group(2))
                day_first += first > 12
                month_first += second > 12
    return "mm/dd/yyyy" if month_first > day_first else "dd/mm/yyyy"


def _guess_separator(sheet: Sheet, row: int, table: Table, columns: dict[str, int],
                     language: str) -> str:
    comma = point = 0
    for column_id, col in columns.items():
        kind = table.column(column_id).kind
        if not isinstance(kind, Int | DecimalNumber):
            continue
        for text in _column_texts(sheet, row, col):
            number = re.sub(r"[^\d.,]", "", text)
            if re.search(r"\.\d{3},\d|\d,(\d{1,2}|\d{4,})$", number):
                comma += 1
            elif re.search(r",\d{3}\.\d|\d\.(\d{1,2}|\d{4,})$", number):
                point += 1
    if comma != point:
        return "," if comma > point else "."
    return "," if language in COMMA_LANGUAGES else "."


def guess_for_workbook(path: str | Path, form: str, table_id: str, sheet_name: str | None = None
                       ) -> Guess:
    """Read the workbook and propose a mapping: on the named sheet, or on the sheet whose
    header row resembles the table best."""
    path = Path(path)
    try:
        _table(form, table_id)
    except KeyError:
        raise UnreadableFile(path.name, message(N_(
            "there is no table \"{table_id}\" in {form}"),
            table_id=table_id, form=form)) from None
    sheets = [s for s in read_sheets(path) if s.rows]
    if not sheets:
        raise UnreadableFile(path.name, N_("the workbook has no sheet with anything in it"))
    if sheet_name is not None:
        sheet = find_sheet(sheets, sheet_name, path.name)
    else:
        sheet = max(sheets, key=lambda s: guess_header_row(s, form, table_id)[1])
    return guess_mapping(sheet, form, table_id)


__all__ = ["Guess", "Match", "assign", "guess_for_workbook", "guess_header_row", "guess_mapping",
           "header_key", "score_header", "similarity", "tokens", "without_units"]
