"""The State list: Convention status from `resources/states/ccm-states.csv`, the UN member and
observer States from `resources/states/un-states.csv`, English names as the UN writes them (from
those lists), names in the other UN languages from Babel's CLDR data (via the ISO alpha-2 code
that pycountry gives), and the names people type from `resources/states/state-aliases.csv`.

Only States are offered or found by name: no territories (Åland Islands, Antarctica, Puerto Rico).

A State that joins after the list was made can be added with its date of deposit
(`StateList.with_deposit`); its entry into force then follows from Art. 17.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale

from ccm_desktop.domain.deadlines import entry_into_force_for
from ccm_desktop.resources import resource_path

STATES_DIR = resource_path("states")
STATES_CSV = STATES_DIR / "ccm-states.csv"
UN_STATES_CSV = STATES_DIR / "un-states.csv"
ALIASES_CSV = STATES_DIR / "state-aliases.csv"


@dataclass(frozen=True)
class StateInfo:
    iso3: str
    name: str  # English short name from the treaty list
    signed: date | None
    consent_type: str | None
    deposited: date | None
    entry_into_force: date | None
    withdrawal_effective: date | None

    @property
    def is_party(self) -> bool:
        return self.entry_into_force is not None and self.withdrawal_effective is None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class StateList:
    states: tuple[StateInfo, ...]

    def get(self, iso3: str) -> StateInfo | None:
        for s in self.states:
            if s.iso3 == iso3:
                return s
        return None

    def with_deposit(self, iso3: str, deposited: date, consent_type: str = "accession") -> StateList:
        """This list with a State's instrument deposited on `deposited` (a State that joins
        after the list was published, or a signatory that ratifies)."""
        eif = entry_into_force_for(deposited)
        existing = self.get(iso3)
        if existing is None:
            info = StateInfo(iso3, state_name(iso3, "en"), None, consent_type, deposited, eif, None)
            return StateList((*self.states, info))
        updated = replace(existing, deposited=deposited, entry_into_force=eif,
                          consent_type=existing.consent_type or consent_type)
        return StateList(tuple(updated if s.iso3 == iso3 else s for s in self.states))


@cache
def load_states(path: Path = STATES_CSV) -> StateList:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return StateList(tuple(
        StateInfo(
            iso3=r["iso3"], name=r["name"], signed=_date(r["signed"]),
            consent_type=r["consent_type"] or None, deposited=_date(r["deposited"]),
            entry_into_force=_date(r["entry_into_force"]),
            withdrawal_effective=_date(r["withdrawal_effective"]),
        )
        for r in rows
    ))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def un_states() -> dict[str, str]:
    """The UN member and observer States: {ISO alpha-3: the UN's English short name}."""
    return {r["iso3"]: r["name"] for r in _rows(UN_STATES_CSV)}


@cache
def all_state_codes() -> tuple[str, ...]:
    """Every State a report may name: the Convention's list, then the UN member and observer
    States that are not in it (the Cook Islands and Niue are in the first only)."""
    listed = tuple(s.iso3 for s in load_states().states)
    return listed + tuple(c for c in un_states() if c not in listed)


@cache
def is_known_state_code(code: str) -> bool:
    """Whether `code` is the ISO alpha-3 code of a State a report may name (not a territory
    such as ASM or ATA). Upper case only: the file format is exact ("lbn" is no code)."""
    return code in all_state_codes()


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse({"zh": "zh_Hans"}.get(lang, lang).replace("-", "_"))
    except Exception:  # an unknown locale falls back to English names
        return Locale.parse("en")


@cache
def state_name(iso3: str, lang: str = "en") -> str:
    """The State's short name in `lang` (one of the UN languages), or the code if unknown.
    English names are the UN's, from the State lists; the others are CLDR's."""
    if lang.split("_")[0].split("-")[0] == "en":
        listed_info = load_states().get(iso3)
        if listed_info is not None:
            return listed_info.name
        if iso3 in un_states():
            return un_states()[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    name = _locale(lang).territories.get(country.alpha_2)
    if name:
        return str(name)
    listed = load_states().get(iso3)
    return listed.name if listed else str(country.name)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@cache
def _name_index(lang: str) -> dict[str, str]:
    """Folded name -> code, for States only: the name in `lang`, the UN's English name, CLDR's
    English name, pycountry's ISO, official and common names, and the aliases people type."""
    index: dict[str, str] = {}
    english = _locale("en").territories
    for code in all_state_codes():
        country = pycountry.countries.get(alpha_3=code)
        names = [state_name(code, lang), state_name(code, "en")]
        if country is not None:
            names += [str(english.get(country.alpha_2, "")), str(country.name),
                      getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        for name in names:
            if name:
                index.setdefault(_fold(name), code)
    for row in _rows(ALIASES_CSV):
        index.setdefault(_fold(row["alias"]), row["iso3"])
    return index


def code_for_name(text: str, lang: str = "en") -> str | None:
    """A State's ISO alpha-3 code from its code or name in `lang` or English."""
    text = text.strip()
    if len(text) == 3 and is_known_state_code(text.upper()):
        return text.upper()
    return _name_index(lang.split("_")[0]).get(_fold(text))


def search_states(query: str, lang: str = "en", parties_only: bool = False) -> list[str]:
    """Codes of States whose name (in `lang` or English) or code contains `query`, or that a
    name people type stands for ("UK", "Ivory Coast"). States only: the Convention's list and
    the UN member and observer States; `parties_only` keeps the States Parties."""
    folded = _fold(query)
    listed = load_states()
    codes = ([s.iso3 for s in listed.states if s.is_party] if parties_only
             else list(all_state_codes()))
    typed = _name_index(lang.split("_")[0]).get(folded) if folded else None
    hits = [
        c for c in codes
        if not folded or folded in _fold(state_name(c, lang)) or folded in _fold(state_name(c))
        or folded == c.casefold() or c == typed
    ]
    # Names that begin with the query first, then alphabetical as a person reads them
    # ("Líbano" before "Liberia"), not by code point.
    return sorted(hits, key=lambda c: (c != typed,
                                       not _fold(state_name(c, lang)).startswith(folded),
                                       _fold(state_name(c, lang))))
