"""The figures a text column must show whole are found without searching every row: reading
the texts longest first and stopping early chooses exactly what a search of every word would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ccm_desktop.ui.table.view import _FIGURE, _longest_figures

WORDS = st.text(alphabet="ab12–-/.", min_size=1, max_size=9)
TEXTS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
VALUES = st.lists(st.one_of(TEXTS, st.none(), st.integers()), max_size=40)


def _every_word(values: list[object]) -> list[str]:
    words = set(_FIGURE.findall("\n".join(v for v in values if isinstance(v, str))))
    return sorted(words, key=lambda w: (len(w), w), reverse=True)[:8]


@given(VALUES)
def test_the_longest_figures_are_those_of_a_full_search(values: list[object]) -> None:
    assert _longest_figures(values) == _every_word(values)


@given(VALUES, st.randoms())
def test_the_choice_does_not_depend_on_the_order_of_the_rows(values: list[object],
                                                             rnd: object) -> None:
    shuffled = list(values)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _longest_figures(shuffled) == _longest_figures(values)


def test_a_long_column_of_names_of_one_length_gives_its_last_eight() -> None:
    names = [f"CHA-{i:06d}" for i in range(10_000)]
    assert _longest_figures(names) == [f"CHA-{i:06d}" for i in range(9_999, 9_991, -1)]
