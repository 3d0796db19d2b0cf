"""Header names of columns: every column is named by its own label in the six UN languages and by
its id, without a line of data; resources/xlsx/header-synonyms.json holds only the extra words
people write, keyed by real columns."""

from __future__ import annotations

import json

from ccm_desktop.exchange.xlsx.convert import fold
from ccm_desktop.exchange.xlsx.guess import score_header, without_units
from ccm_desktop.exchange.xlsx.synonyms import derived_synonyms, extra_synonyms, header_names
from ccm_desktop.resources import resource_path
from ccm_desktop.schema.i18n import CATALOGUE_LANGUAGES, UN_LANGUAGES, catalogue_path, read_catalogue
from ccm_desktop.schema.kinds import Attachments
from ccm_desktop.schema.registry import PARTS


def _columns() -> dict[tuple[str, str, str], bool]:
    """Every column of every table, and whether a workbook can fill it."""
    return {(p.id, t.id, c.id): not isinstance(c.kind, Attachments)
            for p in PARTS for t in p.tables for c in t.columns}


def _name(text: str) -> str:
    """A name as it is compared: case, accents, punctuation and units do not matter."""
    return without_units(fold(text))


def test_every_key_of_the_data_file_is_a_real_column() -> None:
    raw = json.loads(resource_path("xlsx", "header-synonyms.json").read_text(encoding="utf-8"))
    keys = [key for key in raw if not key.startswith("_")]
    assert keys
    columns = {".".join(key) for key in _columns()}
    assert [key for key in keys if key not in columns] == []
    assert all(set(words) <= set(UN_LANGUAGES) for words in extra_synonyms().values())


def test_every_importable_column_is_named_by_its_label_in_six_languages_and_its_id() -> None:
    """What a new column gets without a line in the data file: its label as each catalogue
    translates it (a label the catalogue lacks would only be English) and its id."""
    catalogues = {lang: read_catalogue(catalogue_path(lang)).texts for lang in CATALOGUE_LANGUAGES}
    untranslated = []
    for (form, table, column), importable in _columns().items():
        if not importable:
            continue
        label = next(c.label for p in PARTS if p.id == form for c in p.table(table).columns
                     if c.id == column)
        derived = derived_synonyms(form, table, column)
        assert set(derived) == set(UN_LANGUAGES)
        assert derived["en"] == (label, column.replace("_", " "))
        untranslated += [(form, table, column, lang) for lang in CATALOGUE_LANGUAGES
                         if derived[lang] != (catalogues[lang].get(label),)]
        names = header_names(form, table, column)
        assert all((text, lang) in names for lang, texts in derived.items() for text in texts)
    assert untranslated == []


def test_the_data_file_holds_only_words_that_are_not_derived() -> None:
    """A word equal to a column's label (in the same language) or id is not repeated there."""
    repeated = []
    for (form, table, column), languages in extra_synonyms().items():
        derived = derived_synonyms(form, table, column)
        for lang, words in languages.items():
            own = {_name(text) for text in derived[lang]}
            repeated += [(form, table, column, lang, w) for w in words if _name(w) in own]
    assert repeated == []


def test_each_columns_label_in_each_language_finds_that_column() -> None:
    """With nothing but the derived names, a header that is the label (with a unit, in any
    case) is the column it labels: the best score in its table, and a full one."""
    wrong = []
    for (form, table, column), importable in _columns().items():
        if not importable:
            continue
        for lang, texts in derived_synonyms(form, table, column).items():
            header = f"{texts[0].upper()} (ha)" if lang != "en" else texts[0].upper()
            scores = score_header(header, form, table)
            best = max(s.score for s in scores.values())
            if scores.get(column) is None or scores[column].score != best or best != 1.0:
                wrong.append((form, table, column, lang, header))
    assert wrong == []


def test_a_header_in_the_words_of_the_file_finds_its_own_tables_column() -> None:
    """The same column id in two tables may have words of its own in each (full keys)."""

    def best(header: str, form: str, table: str) -> str:
        scores = score_header(header, form, table)
        return max(scores, key=lambda column: scores[column].score)

    assert best("Dont civils", "H", "casualties") == "civilians"
    assert best("Stock initial", "B", "stockpile") == "munitions_at_entry_into_force"
    assert best("Location of the site", "B", "destruction_sites") == "location"
    assert best("Planned, in progress or completed", "E", "facilities") == "status"
