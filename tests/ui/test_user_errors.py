"""One domain UserError base: every failure meant for the person is said as its sentence, by
type rather than by class name or a duck-typed attribute."""

from __future__ import annotations

import pytest

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.next_year import NoReportingPeriod
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.schema.kinds import KindError
from ccm_desktop.storage.errors import ConflictError
from ccm_desktop.ui.workers import user_sentence


class _WorkbookTooOld(UnreadableFile):
    """A reader's own finer error: still the person's to know."""


@pytest.mark.parametrize("error", [
    UnreadableFile("mines.xlsx", "the sheet Form F has no header row", "Form F!A1"),
    _WorkbookTooOld("old.xls", "is an Excel 97 workbook; save it as .xlsx"),
    ConflictError("Report 3 was saved by maria in another copy"),
    KindError("is not a date"),
    NoReportingPeriod("The report gives no reporting period"),
])
def test_a_user_error_is_said_as_its_own_sentence(error: UserError) -> None:
    assert isinstance(error, UserError)
    assert user_sentence(error) == error.user_message == str(error)


def test_an_attribute_named_user_message_is_not_enough() -> None:
    """A bug that happens to carry such an attribute is reported as a bug, with its type."""

    class Odd(RuntimeError):
        user_message = "all fine"

    sentence = user_sentence(Odd("broken"))
    assert sentence.startswith("Something unexpected went wrong")
    assert "Odd" in sentence and "all fine" not in sentence
