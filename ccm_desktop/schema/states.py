"""The State list: Convention status from `resources/states/ccm-states.csv`, names in every UN
language from Babel's CLDR data (via the ISO alpha-2 code that pycountry gives).

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

STATES_CSV = resource_path("states", "ccm-states.csv")


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


@cache
def is_known_state_code(code: str) -> bool:
    # pycountry ignores case; the file format does not ("lbn" is no ISO 3166 code).
    return len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse({"zh": "zh_Hans"}.get(lang, lang).replace("-", "_"))
    except Exception:  # an unknown locale falls back to English names
        return Locale.parse("en")


@cache
def state_name(iso3: str, lang: str = "en") -> str:
    """The State's short name in `lang` (one of the UN languages), or the code if unknown."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    name = _locale(lang).territories.get(country.alpha_2)
    if name:
        return str(name)
    listed = load_states().get(iso3)
    return listed.name if listed else str(country.name)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@cache
def _name_index(lang: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_3)
        for name in (state_name(code, lang), state_name(code, "en"), str(country.name),
                     getattr(country, "official_name", ""), getattr(country, "common_name", "")):
            if name:
                index.setdefault(_fold(name), code)
    for s in load_states().states:
        index.setdefault(_fold(s.name), s.iso3)
    return index


def code_for_name(text: str, lang: str = "en") -> str | None:
    """A State's ISO alpha-3 code from its code or name in `lang` or English."""
    text = text.strip()
    if len(text) == 3 and is_known_state_code(text.upper()):
        return text.upper()
    return _name_index(lang.split("_")[0]).get(_fold(text))


def search_states(query: str, lang: str = "en", parties_only: bool = False) -> list[str]:
    """Codes of States whose name (in `lang` or English) or code contains `query`."""
    folded = _fold(query)
    listed = load_states()
    codes = [s.iso3 for s in listed.states if not parties_only or s.is_party]
    if not parties_only:
        codes += [str(c.alpha_3) for c in pycountry.countries if listed.get(str(c.alpha_3)) is None]
    hits = [
        c for c in codes
        if not folded or folded in _fold(state_name(c, lang)) or folded in _fold(state_name(c))
        or folded == c.casefold()
    ]
    # Names that begin with the query first, then alphabetical as a person reads them
    # ("Líbano" before "Liberia"), not by code point.
    return sorted(hits, key=lambda c: (not _fold(state_name(c, lang)).startswith(folded),
                                       _fold(state_name(c, lang))))
