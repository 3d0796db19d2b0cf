"""Where a long word of a column title may be broken, in the title's language.

A narrow column's title wraps between words; a word longer than the column ("суббоеприпасов",
"Supplementary") would otherwise set the column's smallest width, and a table with several such
titles would scroll sideways. `hyphenated` marks the places where the language's hyphenation
patterns allow a break (Pyphen, with LibreOffice's dictionaries) with soft hyphens (U+00AD): Qt
breaks a line there only when it must, and then shows a hyphen. Languages without patterns
(Arabic, Chinese) are left as they are: Chinese breaks between any two characters anyway.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

SOFT_HYPHEN = "\u00ad"
LONG_WORD = 8  # shorter words are never broken
_WORD = re.compile(rf"[^\W\d_]{{{LONG_WORD},}}")


@cache
def _dictionary(lang: str) -> Any:
    import pyphen

    if not pyphen.language_fallback(lang):
        return None
    # At least three letters on each side of a break, as typesetters do for narrow columns.
    return pyphen.Pyphen(lang=lang, left=3, right=3)


@cache
def hyphenated(text: str, lang: str) -> str:
    """`text` with soft hyphens where its long words may be broken."""
    dictionary = _dictionary(lang)
    if dictionary is None or SOFT_HYPHEN in text:
        return text
    return _WORD.sub(lambda m: str(dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN)), text)


def narrowest(text: str, width: Callable[[str], float]) -> float:
    """The narrowest room in which each word of hyphenated `text` takes at most two lines,
    broken at one of its soft hyphens (with the hyphen shown), or anywhere between Chinese
    characters, as `width` measures text."""
    widest = 0.0
    for word in text.split():
        if SOFT_HYPHEN in word:
            parts = word.split(SOFT_HYPHEN)
            splits = [("".join(parts[:i]) + "-", "".join(parts[i:])) for i in range(1, len(parts))]
        elif any(unicodedata.east_asian_width(c) in "WF" for c in word):
            splits = [(word[:i], word[i:]) for i in range(1, len(word))]
        else:
            splits = []
        whole = width(word.replace(SOFT_HYPHEN, ""))
        widest = max(widest, min([whole, *(max(width(a), width(b)) for a, b in splits)]))
    return widest
