"""Translation at the edge: labels are marked where defined and translated where shown.

`N_` marks a string for translation without translating it (the string stays the English key);
`translate(text, lang)` looks it up in `resources/translations/<lang>.json` when shown. Missing
translations fall back to English, so a partial catalogue never hides a label.
"""

from __future__ import annotations

import json
from functools import cache

from ccm_desktop.resources import resource_path

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})
TRANSLATIONS_DIR = resource_path("translations")


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext marker name
    return text


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = TRANSLATIONS_DIR / f"{lang}.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def translate(text: str, lang: str = "en") -> str:
    if lang == "en" or not text:
        return text
    return _catalogue(lang).get(text, text)
