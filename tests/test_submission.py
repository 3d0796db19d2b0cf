"""Submitting a stored report: the package, its manifest and e-mail, corrigenda, writing the
original package again byte for byte, and `ccm-desktop submit` (issue 15, items 3 and 4)."""

from __future__ import annotations

import email
import hashlib
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from email import policy
from pathlib import Path

import pypdf
import pytest

from ccm_desktop import __version__
from ccm_desktop.cli import run
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.domain.submission import add_explanation, explanation_home
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.package import package_name
from ccm_desktop.storage.repository import StorageError, open_repository
from ccm_desktop.submitting import (
    NotReady,
    editing_corrigendum,
    submit,
    write_submitted_package,
)
from tests.conftest import RESOURCE_SAMPLES

MOMENT = datetime(2017, 4, 28, 9, 30, 12, tzinfo=UTC)


def croatia() -> Report:
    return read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_package_holds_what_the_manifest_says(tmp_path: Path) -> None:
    with open_repository(tmp_path / "db.sqlite3") as repo:
        report_id = repo.add(croatia())
        submission, folder = submit(repo, report_id, tmp_path / "out", now=MOMENT,
                                    on=date(2017, 4, 28))
        stored = repo.load(report_id)
        assert repo.is_submitted(report_id)
    assert submission.number == 0 and submission.submitted_on == date(2017, 4, 28)
    assert folder.name == "Article7-HRV-Croatia-2016"
    assert stored.cover.fields["submission_date"] == date(2017, 4, 28)
    names = sorted(p.name for p in folder.iterdir())
    base = folder.name
    assert names == sorted([f"{base}.pdf", f"{base}.xlsx", f"{base}.ccm.json", f"{base}.eml",
                            "manifest.json"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["application_version"] == __version__
    assert manifest["validation"]["errors"] == 0
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == {f"{base}.pdf", f"{base}.xlsx", f"{base}.ccm.json"}
    for name, entry in listed.items():
        data = (folder / name).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    # The JSON reads back equal to the stored report.
    assert read_report_file(folder / f"{base}.ccm.json").normalised() == stored.normalised()
    # The e-mail draft parses, goes to the official channel and carries the three files.
    message = email.message_from_bytes((folder / f"{base}.eml").read_bytes(),
                                       policy=policy.default)
    assert message["To"] == "ccm@un.org" and message["Cc"] == "info@cmconvention.org"
    assert "Croatia" in message["Subject"] and "2016" in message["Subject"]
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert set(attached) == set(listed)
    for name, data in attached.items():
        assert data == (folder / name).read_bytes()
    # The zip beside the folder holds the same files under the folder's name.
    with zipfile.ZipFile(folder.with_name(base + ".zip")) as bundle:
        inside = {i.filename: bundle.read(i) for i in bundle.infolist()}
        assert {i.date_time for i in bundle.infolist()} == {(2017, 4, 28, 9, 30, 12)}
    assert inside == {f"{base}/{name}": data for name, data in files_of(folder).items()}
    # The PDF is dated at the submission, not when it was written.
    pdf = pypdf.PdfReader(folder / f"{base}.pdf")
    assert pdf.metadata is not None
    assert str(pdf.metadata["/CreationDate"]).startswith("D:20170428093012")


def test_a_corrigendum_and_the_original_written_again_byte_for_byte(tmp_path: Path) -> None:
    with open_repository(tmp_path / "db.sqlite3") as repo:
        report_id = repo.add(croatia())
        _, first = submit(repo, report_id, tmp_path / "sent", now=MOMENT)
        assert repo.submissions(report_id)[0].submitted_on == MOMENT.astimezone().date()
        original = files_of(first)
        original_zip = first.with_name(first.name + ".zip").read_bytes()
        assert editing_corrigendum(repo, report_id) is None
        with pytest.raises(StorageError, match="already submitted"):
            submit(repo, report_id, tmp_path / "again")
        # A change after submission is the corrigendum's.
        report = repo.load(report_id)
        report.form("I").tables["national_resources"][0]["amount"] = Decimal("9900000")
        repo.save(report_id, report)
        assert not repo.is_submitted(report_id)
        assert editing_corrigendum(repo, report_id) == 1
        later = datetime(2017, 6, 2, 8, 0, tzinfo=UTC)
        corrigendum, second = submit(repo, report_id, tmp_path / "sent", now=later)
        assert corrigendum.number == 1 and corrigendum.corrigendum == 1
        assert second.name == "Article7-HRV-Croatia-2016-Corrigendum-1"
        assert [s.number for s in repo.submissions(report_id)] == [0, 1]
        # The original's package, written again much later, is the same byte for byte.
        again = write_submitted_package(repo, report_id, 0, tmp_path / "later")
        assert files_of(again) == original
        assert again.with_name(again.name + ".zip").read_bytes() == original_zip
        revisions = {r.number: r.summary for r in repo.history(report_id)}
    assert "Submitted (corrigendum 1)" in revisions.values()
    # The corrigendum's PDF says so on every page; the original's on none.
    pages = pypdf.PdfReader(second / f"{second.name}.pdf").pages
    assert pages and all("Corrigendum 1" in page.extract_text() for page in pages)
    assert not any("Corrigendum" in page.extract_text()
                   for page in pypdf.PdfReader(first / f"{first.name}.pdf").pages)
    sent_json = read_report_file(second / f"{second.name}.ccm.json")
    assert sent_json.form("I").tables["national_resources"][0]["amount"] == Decimal("9900000")


def test_errors_refuse_the_submission_and_change_nothing(tmp_path: Path) -> None:
    report = croatia()
    del report.cover.fields["period_to"]
    with open_repository(tmp_path / "db.sqlite3") as repo:
        report_id = repo.add(report)
        with pytest.raises(NotReady) as refused:
            submit(repo, report_id, tmp_path / "out", now=MOMENT)
        assert any(f.is_error for f in refused.value.findings)
        assert repo.submissions(report_id) == [] and len(repo.history(report_id)) == 1
    assert not (tmp_path / "out").exists()


def test_cli_submit_refuses_with_the_findings_then_prints_the_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite3")
    broken = croatia()
    del broken.cover.fields["period_to"]
    with open_repository(db) as repo:
        bad_id, good_id = repo.add(broken), repo.add(croatia())
    out = tmp_path / "out"
    assert run(["--db", db, "submit", str(bad_id), "--to", str(out), "--lang", "en"]) == 1
    refused = capsys.readouterr()
    assert f"report {bad_id} is not submitted" in refused.err
    assert "error\tcover.fields.period_to\t" in refused.out
    assert not out.exists()
    assert run(["--db", db, "submit", str(good_id), "--to", str(out),
                "--mail-to", "mission@example.org"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert folder.is_dir() and folder.parent == out
    message = email.message_from_bytes((folder / f"{folder.name}.eml").read_bytes(),
                                       policy=policy.default)
    assert message["To"] == "mission@example.org"
    # Submitted as it stands: a second submit says so in one sentence.
    assert run(["--db", db, "submit", str(good_id), "--to", str(out)]) == 2
    assert "already submitted" in capsys.readouterr().err
    # --again writes the original package again, identical.
    again = tmp_path / "again"
    assert run(["--db", db, "submit", str(good_id), "--to", str(again), "--again", "0"]) == 0
    rewritten = Path(capsys.readouterr().out.strip())
    assert files_of(rewritten) == files_of(folder)


def test_a_package_that_cannot_be_written_leaves_the_report_not_submitted(
        tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with open_repository(tmp_path / "db.sqlite3") as repo:
        report_id = repo.add(croatia())
        with pytest.raises(OSError):
            submit(repo, report_id, blocker, now=MOMENT)
        assert repo.submissions(report_id) == [] and not repo.is_submitted(report_id)
        _, folder = submit(repo, report_id, tmp_path / "out", now=MOMENT)
        assert repo.is_submitted(report_id) and folder.is_dir()


def test_package_name_is_safe_for_any_disk() -> None:
    report = croatia()
    report.cover.fields["state"] = "CIV"
    assert package_name(report, 2) == "Article7-CIV-Cote-d-Ivoire-2016-Corrigendum-2"


def test_explanations_go_where_the_reader_sees_them() -> None:
    assert explanation_home("forms.D.tables.retained[0].planned_use") == ("D", "remarks")
    assert explanation_home("forms.F.tables.clearance[1].cleared_m2") == ("J", "other_matters")
    assert explanation_home("cover.fields.submission_date") == ("J", "other_matters")
    report = croatia()
    report.form("D").fields["remarks"] = "Earlier remark."
    add_explanation(report, "forms.D.tables.retained[0].planned_use", " Kept for training. ")
    assert report.form("D").fields["remarks"] == "Earlier remark.\n\nKept for training."
    add_explanation(report, "forms.D.tables.retained[0].planned_use", "Kept for training.")
    assert report.form("D").fields["remarks"].count("Kept for training.") == 1
    report.form("J").status = FormStatus.UNCHANGED
    add_explanation(report, "forms.F.tables.clearance[0].cleared_m2", "Resurvey.", "Form F: ")
    assert report.form("J").fields["other_matters"].endswith("Form F: Resurvey.")
    assert report.form("J").status is FormStatus.CHANGED


def test_a_database_of_the_previous_version_gets_the_submission_tables(tmp_path: Path) -> None:
    """Migration 0003 on a file written before it: its reports open, are not submitted, and
    can be submitted."""
    import sqlite3
    from contextlib import closing

    from alembic import command
    from sqlalchemy import create_engine

    from ccm_desktop.storage.migrate import MIGRATIONS, _config

    db = tmp_path / "old.sqlite3"
    with open_repository(str(db)) as repo:
        report_id = repo.add(croatia())
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:  # back to the schema the previous version wrote
        command.downgrade(_config(MIGRATIONS, connection), "0002")
    engine.dispose()

    def tables() -> set[str]:
        with closing(sqlite3.connect(db)) as con:
            return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    assert not {"submission", "warning_answer"} & tables()
    with open_repository(str(db)) as repo:
        assert repo.submissions(report_id) == [] and not repo.is_submitted(report_id)
        submit(repo, report_id, tmp_path / "out", now=MOMENT)
        assert repo.is_submitted(report_id)
    assert {"submission", "warning_answer"} <= tables()


def test_another_run_of_the_program_writes_the_same_package(tmp_path: Path) -> None:
    """Byte for byte also from a new process (fonts, zip and PDF ids do not depend on it)."""
    import subprocess
    import sys

    db = str(tmp_path / "db.sqlite3")
    with open_repository(db) as repo:
        report_id = repo.add(croatia())
        _, folder = submit(repo, report_id, tmp_path / "sent", now=MOMENT)
    result = subprocess.run([sys.executable, "-m", "ccm_desktop.cli", "--db", db, "submit",
                             str(report_id), "--to", str(tmp_path / "later"), "--again", "0"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    again = Path(result.stdout.strip())
    assert again != folder and files_of(again) == files_of(folder)
    assert again.with_name(again.name + ".zip").read_bytes() == \
        folder.with_name(folder.name + ".zip").read_bytes()
