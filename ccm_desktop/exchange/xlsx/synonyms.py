"""What people write in the header of a column, per column, in the six UN languages.

The words ministries and mine action centres use in their own sheets, not only the labels of our
forms (the labels, in every language the catalogues have, are added to these by `guess.py`), are
data: `resources/xlsx/header-synonyms.json`, keyed by the full column "form.table.column" (a
test checks that every key is a real column and every importable column has words). Case,
accents and punctuation do not matter, and units in brackets are ignored ("Superficie dépolluée
(ha)" matches "superficie dépolluée").
"""

from __future__ import annotations

import json
from functools import cache

from ccm_desktop.resources import resource_path

ColumnKey = tuple[str, str, str]  # (form or "cover", table id, column id)


@cache
def all_synonyms() -> dict[ColumnKey, dict[str, tuple[str, ...]]]:
    """{(form, table, column): {language: phrases}} as the data file gives them."""
    path = resource_path("xlsx", "header-synonyms.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[ColumnKey, dict[str, tuple[str, ...]]] = {}
    for key, languages in raw.items():
        if key.startswith("_"):
            continue  # "_about": what the file is
        form, table, column = key.split(".")
        out[form, table, column] = {lang: tuple(words) for lang, words in languages.items()}
    return out


def synonyms(form: str, table: str, column: str, language: str) -> tuple[str, ...]:
    """The phrases that name one column in one language (none when the file has none)."""
    return all_synonyms().get((form, table, column), {}).get(language, ())


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
