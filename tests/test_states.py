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
        pytest.skip("the team's shared folder is not beside the project")
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


@pytest.mark.parametrize(("code", "name"), [
    ("LAO", "Lao People's Democratic Republic"), ("BIH", "Bosnia and Herzegovina"),
    ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
    ("BOL", "Bolivia (Plurinational State of)"), ("MDA", "Republic of Moldova"),
    ("PSE", "State of Palestine"), ("TZA", "United Republic of Tanzania"),
    # Not in the Convention's list: the UN member and observer States' list names them.
    ("USA", "United States of America"), ("RUS", "Russian Federation"), ("VAT", "Holy See"),
    ("SYR", "Syrian Arab Republic"), ("IRN", "Iran (Islamic Republic of)"), ("TUR", "Türkiye"),
    ("COD", "Democratic Republic of the Congo"), ("VNM", "Viet Nam"),
])
def test_english_names_are_the_uns(code: str, name: str) -> None:
    assert state_name(code, "en") == name
    assert code_for_name(name) == code


def test_other_languages_keep_cldr_names() -> None:
    assert state_name("LAO", "fr") == "Laos"
    assert state_name("GBR", "es") == "Reino Unido"


@pytest.mark.parametrize(("typed", "code"), [
    ("Lao PDR", "LAO"), ("Laos", "LAO"), ("UK", "GBR"), ("uk", "GBR"), ("Great Britain", "GBR"),
    ("United Kingdom", "GBR"), ("Ivory Coast", "CIV"), ("Turkey", "TUR"), ("Russia", "RUS"),
    ("Syria", "SYR"), ("Iran", "IRN"), ("Bolivia", "BOL"), ("Vietnam", "VNM"),
    ("Moldova", "MDA"), ("DRC", "COD"), ("Czech Republic", "CZE"), ("Holland", "NLD"),
    ("USA", "USA"), ("Palestine", "PSE"), ("Burma", "MMR"), ("Swaziland", "SWZ"),
    ("Republic of the Congo", "COG"), ("  ivory coast ", "CIV"),
])
def test_a_state_is_found_by_the_names_people_type(typed: str, code: str) -> None:
    assert code_for_name(typed) == code
    assert search_states(typed)[0] == code


def test_aliases_name_states_only() -> None:
    from ccm_desktop.schema.states import ALIASES_CSV, all_state_codes

    rows = ALIASES_CSV.read_text(encoding="utf-8").splitlines()[1:]
    assert rows
    for row in rows:
        alias, code = row.rsplit(",", 1)
        assert code in all_state_codes(), row


def test_the_un_list_is_193_members_and_two_observers() -> None:
    import csv

    from ccm_desktop.schema.states import UN_STATES_CSV, un_states

    with UN_STATES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(r["un_status"] == "member" for r in rows) == 193
    assert {r["iso3"] for r in rows if r["un_status"] == "observer"} == {"VAT", "PSE"}
    assert len(un_states()) == 195
    assert all(is_known_state_code(code) for code in un_states())
    # Where a State is in both lists, the two name it alike.
    for s in load_states().states:
        if s.iso3 in un_states():
            assert un_states()[s.iso3] == s.name, s.iso3


@pytest.mark.parametrize("lang", LANGS)
def test_pickers_offer_states_only(lang: str) -> None:
    from ccm_desktop.schema.states import all_state_codes, un_states

    offered = set(search_states("", lang))
    assert offered == set(all_state_codes())
    assert offered == set(un_states()) | {s.iso3 for s in load_states().states}
    assert {"COK", "NIU", "USA", "VAT", "PSE"} <= offered  # Cook Islands, Niue: in the CCM list
    for territory in ("ALA", "ATA", "PRI", "GRL", "HKG", "TWN", "ESH", "BVT", "UMI"):
        assert territory not in offered
    assert search_states("Åland Islands", lang) == [] and search_states("Antarctica", lang) == []


def test_territories_are_not_found_by_name() -> None:
    assert code_for_name("Åland Islands") is None
    assert code_for_name("Antarctica") is None
    assert code_for_name("Puerto Rico") is None


def test_territory_codes_are_not_state_codes() -> None:
    from ccm_desktop.schema.kinds import StateKind

    for code in ("ASM", "ATA", "ALA", "PRI", "TWN"):
        assert not is_known_state_code(code)
        assert StateKind().check(code) is not None, code
    assert is_known_state_code("COK") and is_known_state_code("VAT")
    assert StateKind().check("PSE") is None
