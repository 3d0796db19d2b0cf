"""Findings: what validation says about a report."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from ccm_desktop.domain.messages import ENGLISH, Language, Message


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem, with the path of the place it is about (docs/json-format.md, "Finding paths").

    `path` uses dots and 0-based row indexes: `forms.H.tables.casualties[2].total`; it never
    depends on the language. The sentence is kept as a template marked with `N_` and its named
    parameters, and written out in the reader's language only when shown:
    `finding.text(language("fr"))` (`ccm_desktop.schema.i18n.language`); `message` is English.
    """

    severity: Severity
    path: str
    template: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def message(self) -> str:
        """The sentence in English."""
        return self.text(ENGLISH)

    def text(self, language: Language = ENGLISH) -> str:
        return Message(self.template, self.params).text(language)

    def line(self, language: Language = ENGLISH) -> str:
        return f"{self.severity.value}\t{self.path}\t{self.text(language)}"


def error(path: str, template: str, **params: Any) -> Finding:
    """An error at `path`: `error(path, N_("{place}: add at least one row."), place=...)`.
    Pass numbers and dates as they are (they are written the reader's way), labels and other
    sentences as `message(N_(...))` (they are translated) and what the user typed as plain text
    (kept as it is)."""
    return Finding(Severity.ERROR, path, template, tuple(params.items()))


def warning(path: str, template: str, **params: Any) -> Finding:
    """A warning at `path`, with a template and parameters like `error`."""
    return Finding(Severity.WARNING, path, template, tuple(params.items()))
