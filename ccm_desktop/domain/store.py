"""What the window needs from the place reports are kept: the `ReportStore` protocol and the
summaries it hands out. `storage.repository.Repository` is the one implementation; the window
is typed against this protocol, so it never depends on storage itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from ccm_desktop.domain.changes import Touched
from ccm_desktop.domain.messages import ENGLISH, N_, Language, Message, Words, message
from ccm_desktop.domain.report import Report


@dataclass(frozen=True)
class ReportSummary:
    """One report in the list: who, what kind, which period, when saved."""

    id: int
    state: str | None
    report_kind: str | None
    period_from: date | None
    period_to: date | None
    saved_at: datetime
    language: str
    revision: int = 1
    deleted_at: datetime | None = None

    def line(self) -> str:
        period = f"{_iso(self.period_from)}..{_iso(self.period_to)}"
        return "\t".join([str(self.id), self.state or "-", self.report_kind or "-", period,
                          self.saved_at.isoformat(timespec="seconds")])


# What a revision says it changed: a template with its parameters (written in the reader's
# language when shown), or a person's own words.
Said = str | Message | Words


@dataclass(frozen=True)
class Revision:
    """One saved state in a report's history. `summary` is in English (or the words given);
    `text(language)` is what it says in the reader's language."""

    number: int
    saved_at: datetime
    user: str
    summary: str
    said: Message | Words | None = field(default=None, compare=False)

    def text(self, language: Language = ENGLISH) -> str:
        return self.said.text(language) if self.said is not None else self.summary

    def line(self, language: Language = ENGLISH) -> str:
        return "\t".join([str(self.number), self.saved_at.isoformat(timespec="seconds"),
                          self.user, self.text(language)])


def imported_from(filename: str) -> Message:
    """The summary of a report read from a file."""
    return message(N_("Imported from {file}"), file=filename)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "-"


class ReportStore(Protocol):
    """Reports kept by id, with their history. Failures raise a `UserError` subclass."""

    def add(self, report: Report, summary: Said = ...) -> int: ...

    def load(self, report_id: int) -> Report: ...

    def save(self, report_id: int, report: Report, summary: Said | None = None, *,
             overwrite: bool = False, touched: Touched | None = None) -> Revision | None: ...

    def list_reports(self) -> list[ReportSummary]: ...

    def duplicate(self, report_id: int) -> int: ...

    def start_next_year(self, report_id: int) -> int: ...

    def delete(self, report_id: int) -> None: ...

    def list_trash(self) -> list[ReportSummary]: ...

    def undelete(self, report_id: int) -> None: ...

    def history(self, report_id: int) -> list[Revision]: ...

    def restore_revision(self, report_id: int, number: int) -> Revision: ...
