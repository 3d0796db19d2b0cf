"""The State list (resources/states/ccm-states.csv) and State names in the six UN languages."""

from __future__ import annotations

from datetime import date

import pytest

from ccm_desktop.schema.states import (
    code_for_name,
    is_known_state_code,
    load_states,
    search_states,
    state_name,
)
from tests.conftest import SHARED

LANGS = ("ar", "zh", "en", "fr", "ru", "es")


def test_the_shipped_list_is_the_shared_one() -> None:
    shared = SHARED / "data" / "ccm-states.csv"
    if not shared.is_file():
        pytest.skip("../shared is not beside the project")
    from ccm_desktop.schema.states import STATES_CSV

    assert STATES_CSV.read_bytes() == shared.read_bytes()


def test_list_contents() -> None:
    states = load_states()
    assert len(states.states) == 125
    lbn = states.get("LBN")
    assert lbn is not None
    assert (lbn.deposited, lbn.entry_into_force) == (date(2010, 11, 5), date(2011, 5, 1))
    assert lbn.is_party
    ltu = states.get("LTU")
    assert ltu is not None and ltu.withdrawal_effective == date(2025, 3, 6) and not ltu.is_party
    ago = states.get("AGO")
    assert ago is not None and ago.entry_into_force is None and not ago.is_party
    assert states.get("USA") is None
    assert all(is_known_state_code(s.iso3) for s in states.states)


@pytest.mark.parametrize("lang", LANGS)
def test_every_listed_state_has_a_name_in_every_un_language(lang: str) -> None:
    for s in load_states().states:
        name = state_name(s.iso3, lang)
        assert name and name != s.iso3, (s.iso3, lang)
        assert code_for_name(name, lang) == s.iso3, (name, lang)


@pytest.mark.parametrize(("lang", "name"), [
    ("en", "Lebanon"), ("fr", "Liban"), ("es", "Líbano"), ("ru", "Ливан"), ("ar", "لبنان"),
    ("zh", "黎巴嫩"),
])
def test_lebanon_in_six_languages(lang: str, name: str) -> None:
    assert state_name("LBN", lang) == name
    assert code_for_name(name, lang) == "LBN"
    assert search_states(name[:3], lang)[0] == "LBN"


def test_names_are_found_without_accents_or_case() -> None:
    assert code_for_name("lao people's democratic republic") == "LAO"
    assert code_for_name("Laos") == "LAO"
    assert code_for_name("cote d'ivoire", "fr") == "CIV"
    assert code_for_name("Côte d’Ivoire") == "CIV"
    assert code_for_name("liban", "fr") == "LBN"
    assert code_for_name("Atlantis") is None
    assert code_for_name("irq") == "IRQ"


def test_search() -> None:
    hits = search_states("ira", "en")
    assert hits[:2] == ["IRN", "IRQ"]  # names that begin with the query come first
    parties = search_states("", "en", parties_only=True)
    assert "LBN" in parties and "AGO" not in parties and "LTU" not in parties
    assert "USA" in search_states("united states", "en")


def test_a_state_that_joins_later() -> None:
    states = load_states()
    joined = states.with_deposit("USA", date(2030, 3, 15))
    usa = joined.get("USA")
    assert usa is not None and usa.entry_into_force == date(2030, 9, 1) and usa.is_party
    assert states.get("USA") is None  # the shipped list is not changed
    ratified = states.with_deposit("AGO", date(2026, 3, 15))
    ago = ratified.get("AGO")
    assert ago is not None and ago.entry_into_force == date(2026, 9, 1)
    assert ago.signed == date(2008, 12, 3)
    assert len(ratified.states) == len(states.states)


def test_unknown_codes() -> None:
    assert state_name("XYZ") == "XYZ"
    assert not is_known_state_code("XYZ")
    assert not is_known_state_code("lbn")
    assert not is_known_state_code("LB")
