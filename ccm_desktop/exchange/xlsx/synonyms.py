"""What people write in the header of a column, per column, in the six UN languages.

Every column is named, without a line of data, by its own label in each language the catalogues
have (`translate(label, lang)`) and by its id ("cleared m2"): a new column is recognised in
workbooks people made as soon as its label is translated. Units are no part of a name: headers
are compared with their unit words taken out (`schema/units.py`, which also say the unit of
an area column), so "Superficie dépolluée (ha)" is the label "Superficie dépolluée (m²)".

The other words ministries and mine action centres use in their own sheets are data:
`resources/xlsx/header-synonyms.json` holds only these extras, keyed by the full column
"form.table.column" (a test checks that every key is a real column and that no extra repeats
a derived name). Case, accents and punctuation do not matter.
"""

from __future__ import annotations

import json
from functools import cache

from ccm_desktop.resources import resource_path
from ccm_desktop.schema.i18n import UN_LANGUAGES, translate
from ccm_desktop.schema.registry import part

ColumnKey = tuple[str, str, str]  # (form or "cover", table id, column id)


@cache
def extra_synonyms() -> dict[ColumnKey, dict[str, tuple[str, ...]]]:
    """{(form, table, column): {language: phrases}}: the extras the data file gives."""
    path = resource_path("xlsx", "header-synonyms.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[ColumnKey, dict[str, tuple[str, ...]]] = {}
    for key, languages in raw.items():
        if key.startswith("_"):
            continue  # "_about": what the file is
        form, table, column = key.split(".")
        out[form, table, column] = {lang: tuple(words) for lang, words in languages.items()}
    return out


def derived_synonyms(form: str, table: str, column: str) -> dict[str, tuple[str, ...]]:
    """{language: names} a column has of itself: its label in each of the six languages, and
    in English also its id with spaces ("cleared m2"). A KeyError for an unknown column."""
    label = part(form).table(table).column(column).label
    out: dict[str, tuple[str, ...]] = {language: (translate(label, language),)
                                       for language in UN_LANGUAGES}
    out["en"] += (column.replace("_", " "),)
    return out


@cache
def header_names(form: str, table: str, column: str) -> tuple[tuple[str, str], ...]:
    """Every (text, language) that names one column, language by language: the derived names
    first, then the data file's extras (for ties in `guess.py`, the first is taken)."""
    derived = derived_synonyms(form, table, column)
    extras = extra_synonyms().get((form, table, column), {})
    return tuple((text, language) for language in UN_LANGUAGES
                 for text in (*derived[language], *extras.get(language, ())))


# Words a person writes in the first cell of a totals row, which is not a row of data.
TOTAL_WORDS = frozenset({
    "total", "totals", "grand total", "sum", "totaux", "total general", "somme", "totales",
    "suma", "итого", "всего", "итог", "合计", "总计", "总数", "المجموع", "الاجمالي", "الإجمالي",
})

# Words that say little about which column is meant ("Number of ...", "No. ...").
STOPWORDS = frozenset({
    "of", "the", "no", "nb", "nbr", "number", "num", "and", "or", "in", "by", "a", "an",
    "de", "des", "du", "la", "le", "les", "d", "l", "nombre", "nbre", "n", "et", "ou", "en",
    "par", "del", "el", "los", "las", "y", "o", "numero", "por", "количество", "кол", "во",
    "число", "и", "или", "в", "по", "на", "с", "عدد", "و", "في", "من",
})
