"""Opening a damaged database in the window: the newest automatic backup is offered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccm_desktop.app import open_offering_backup
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.storage.errors import NotADatabase
from ccm_desktop.storage.repository import open_repository
from tests.conftest import RESOURCE_SAMPLES


def _damaged_database_with_backup(tmp_path: Path) -> tuple[Path, int, str]:
    db = tmp_path / "ccm.sqlite3"
    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    with open_repository(db) as repo:
        report_id = repo.add(report)
        expected = dumps_report(repo.load(report_id))
    with open_repository(db):  # the first open of an existing file on a day makes a backup
        pass
    with open(db, "r+b") as handle:  # a disk that garbled the first pages, header included
        handle.write(os.urandom(4096 * 4))
    return db, report_id, expected


def test_accepting_the_backup_puts_it_in_place(tmp_path: Path) -> None:
    db, report_id, expected = _damaged_database_with_backup(tmp_path)
    asked: list[str] = []
    repo, notes = open_offering_backup(str(db), lambda q: asked.append(q) or True)
    with repo:
        assert dumps_report(repo.load(report_id)) == expected
    assert len(notes) == 1 and "was put in place" in notes[0]
    assert len(asked) == 1 and "Put the newest automatic backup" in asked[0]
    assert str(db) in asked[0]
    assert len(list(tmp_path.glob("ccm.sqlite3.damaged-*"))) == 1  # kept, not deleted


def test_declining_changes_nothing(tmp_path: Path) -> None:
    db, _, _ = _damaged_database_with_backup(tmp_path)
    before = db.read_bytes()
    with pytest.raises(NotADatabase):
        open_offering_backup(str(db), lambda q: False)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("ccm.sqlite3.damaged-*"))


def test_the_question_and_the_note_are_in_the_window_language(tmp_path: Path) -> None:
    db, report_id, expected = _damaged_database_with_backup(tmp_path)
    asked: list[str] = []
    repo, notes = open_offering_backup(str(db), lambda q: asked.append(q) or True, "fr")
    with repo:
        assert dumps_report(repo.load(report_id)) == expected
    assert len(asked) == 1 and str(db) in asked[0]
    assert "n’est pas une base de données ccm-desktop" in asked[0]
    assert "sauvegarde automatique la plus récente" in asked[0] and "backup" not in asked[0]
    assert len(notes) == 1 and notes[0].startswith("La sauvegarde automatique ccm-")
    assert "a été remise en place" in notes[0]
