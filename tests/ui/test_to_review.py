"""Next year's draft in the window: carried-over forms start "to review" (docs/command-line.md,
`next-year`) until the user confirms or edits them, every step undoable and kept in the database;
and the sample report is marked as a sample."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.pages import PAGES, completeness
from ccm_desktop.ui.start import SAMPLE_MARK, is_sample
from ccm_desktop.ui.status_box import StatusBox
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import fill_field, main_window

TODAY = date(2017, 3, 3)


def make_window(qtbot: QtBot, repository: Repository, tmp_path: Path,
                samples: Path | None = None) -> MainWindow:
    return main_window(qtbot, repository, tmp_path, TODAY, sample_dir=samples)


def _next_year_draft(repository: Repository) -> int:
    source = read_report_file(RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json")
    source.form("E").status = FormStatus.NOT_APPLICABLE
    source.form("E").statement = "Croatia never produced cluster munitions."
    source.form("E").fields.clear()
    source.form("E").tables.clear()
    return int(repository.start_next_year(repository.add(source)))


def _navigator_line(window: MainWindow, letter: str) -> str:
    assert window.current is not None
    navigator = window.current.view.navigator
    index = next(i for i, p in enumerate(PAGES) if p.key == letter)
    return navigator.entries[index].detail.text()


def _status_box(window: MainWindow, letter: str) -> StatusBox:
    assert window.current is not None
    page = window.current.view.show_key(letter)
    assert page.status is not None
    return page.status


def test_carried_over_forms_start_to_review(qtbot: QtBot, repository: Repository,
                                            tmp_path: Path) -> None:
    draft_id = _next_year_draft(repository)
    stored = repository.load(draft_id)
    assert all(stored.form(x).to_review for x in "ABCDEFGHIJ")
    assert completeness(stored, []) < 100
    window = make_window(qtbot, repository, tmp_path)
    window.open_report(draft_id)
    assert "to review" in _navigator_line(window, "B")
    box = _status_box(window, "B")
    assert box.confirm.isVisible() and box.confirm.text() == "Confirm unchanged"
    assert "To review" in box.review_note.text()
    e_box = _status_box(window, "E")
    assert e_box.confirm.text() == "Confirm not applicable"
    window.grab().save(str(tmp_path / "to-review.png"))
    # The navigator names forms by their short labels; the page by the official title.
    navigator = window.current.view.navigator if window.current else None
    assert navigator is not None
    index = next(i for i, p in enumerate(PAGES) if p.key == "D")
    assert "Retained and transferred" in navigator.entries[index].title.text()
    assert window.current is not None
    page = window.current.view.show_key("D")
    assert "Cluster munitions retained and transferred" in page.page.heading()


def test_confirm_edit_and_undo_each_review_a_form(qtbot: QtBot, repository: Repository,
                                                  tmp_path: Path) -> None:
    draft_id = _next_year_draft(repository)
    window = make_window(qtbot, repository, tmp_path)
    window.open_report(draft_id)
    assert window.current is not None
    document = window.current.document
    before = completeness(document.report, document.findings)

    # Confirm unchanged: reviewed; the navigator and completeness follow; undo brings it back.
    box = _status_box(window, "B")
    box.confirm.click()
    assert not document.report.form("B").to_review
    assert document.report.form("B").status is FormStatus.UNCHANGED
    assert "to review" not in _navigator_line(window, "B")
    assert not box.confirm.isVisible()
    window.act_undo.trigger()
    assert document.report.form("B").to_review
    assert box.confirm.isVisible()
    window.act_redo.trigger()
    assert not document.report.form("B").to_review

    # Editing a form reviews it: it becomes changed; undo restores status and flag together.
    page = window.current.view.show_key("J")
    fill_field(qtbot, page, "other_matters", "Croatia hosted a regional workshop.")
    j = document.report.form("J")
    assert (j.status, j.to_review) == (FormStatus.CHANGED, False)
    while document.report.form("J").status is FormStatus.CHANGED:
        window.act_undo.trigger()
    j = document.report.form("J")
    assert (j.status, j.to_review) == (FormStatus.UNCHANGED, True)
    window.act_redo.trigger()

    # Choosing another status is a decision too.
    box = _status_box(window, "E")
    box.changed.click()
    assert not document.report.form("E").to_review

    # Once every form is reviewed, nothing is left to review.
    for letter in "ACDFGHI":
        _status_box(window, letter).confirm.click()
    assert not any(document.report.form(x).to_review for x in "ABCDEFGHIJ")
    assert completeness(document.report, document.findings) > before

    # Kept in the database (the autosave writes it), not in the JSON file.
    window.close_report()
    stored = repository.load(draft_id)
    assert not any(stored.form(x).to_review for x in "ABCDEFGHIJ")
    assert stored.form("J").status is FormStatus.CHANGED


def test_the_flag_survives_a_save_and_reload(repository: Repository) -> None:
    draft_id = _next_year_draft(repository)
    report = repository.load(draft_id)
    report.form("C").to_review = False
    repository.save(draft_id, report)
    again = repository.load(draft_id)
    assert [again.form(x).to_review for x in "ABC"] == [True, True, False]
    history = repository.history(draft_id)
    first = repository.revision_report(draft_id, min(r.number for r in history))
    assert first.form("C").to_review, "the first revision still has C to review"


def test_the_sample_is_marked_in_the_list_and_on_its_cover(qtbot: QtBot, repository: Repository,
                                                           tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    shutil.copy(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json", samples)
    window = make_window(qtbot, repository, tmp_path, samples)
    window.start.sample_button.click()
    assert window.current is not None
    sample_id = window.current.report_id
    assert window.current.document.report.cover.fields["prepared_by"].startswith(SAMPLE_MARK)
    window.close_report()
    own = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    own.cover.fields["prepared_by"] = "Ministry of Foreign and European Affairs"
    own_id = repository.add(own)
    window.start.refresh()
    texts = {}
    for i in range(window.start.list.topLevelItemCount()):
        item = window.start.list.topLevelItem(i)
        assert item is not None
        texts[item.data(0, 256)] = item.text(1)
    assert texts[sample_id].endswith("(sample)")
    assert not texts[own_id].endswith("(sample)")
    window.start.grab().save(str(tmp_path / "start.png"))


def test_every_shipped_sample_says_its_figures_are_illustrative() -> None:
    for path in sorted(RESOURCE_SAMPLES.glob("*.ccm.json")):
        assert is_sample(read_report_file(path)), path.name
