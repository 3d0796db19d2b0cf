"""The header words of resources/xlsx/header-synonyms.json name real columns, and every column
a workbook can fill has words in each of the six UN languages."""

from __future__ import annotations

from ccm_desktop.exchange.xlsx.guess import score_header
from ccm_desktop.exchange.xlsx.synonyms import all_synonyms
from ccm_desktop.schema.i18n import UN_LANGUAGES
from ccm_desktop.schema.kinds import Attachments
from ccm_desktop.schema.registry import PARTS


def _columns() -> dict[tuple[str, str, str], bool]:
    """Every column of every table, and whether a workbook can fill it."""
    return {(p.id, t.id, c.id): not isinstance(c.kind, Attachments)
            for p in PARTS for t in p.tables for c in t.columns}


def test_every_key_is_a_real_column() -> None:
    columns = _columns()
    assert all_synonyms()
    assert [key for key in all_synonyms() if key not in columns] == []


def test_every_importable_column_has_words_in_every_un_language() -> None:
    words = all_synonyms()
    lacking = [(key, lang) for key, importable in _columns().items() if importable
               for lang in UN_LANGUAGES if not words.get(key, {}).get(lang)]
    assert lacking == []


def test_a_header_in_the_words_of_the_file_finds_its_own_tables_column() -> None:
    """The same column id in two tables may have words of its own in each (full keys)."""

    def best(header: str, form: str, table: str) -> str:
        scores = score_header(header, form, table)
        return max(scores, key=lambda column: scores[column].score)

    assert best("Dont civils", "H", "casualties") == "civilians"
    assert best("Stock initial", "B", "stockpile") == "munitions_at_entry_into_force"
    assert best("Location of the site", "B", "destruction_sites") == "location"
    assert best("Planned, in progress or completed", "E", "facilities") == "status"
