"""Findings: what validation says about a report."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem, with the path of the place it is about (docs/json-format.md, "Finding paths").

    `path` uses dots and 0-based row indexes: `forms.H.tables.casualties[2].total`.
    """

    severity: Severity
    path: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def line(self) -> str:
        return f"{self.severity.value}\t{self.path}\t{self.message}"


def error(path: str, message: str) -> Finding:
    return Finding(Severity.ERROR, path, message)


def warning(path: str, message: str) -> Finding:
    return Finding(Severity.WARNING, path, message)
