"""Submitting a stored report, and writing the package of an earlier submission again.

Shared by the window (Review and submit) and the command line (`ccm-desktop submit`):

    package = submit(repo, report_id, folder)      # raises NotReady with the errors
    again = write_submitted_package(repo, report_id, 0, folder)   # the original, byte for byte
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from ccm_desktop import __version__
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.messages import N_, message
from ccm_desktop.exchange.package import DEFAULT_CC, DEFAULT_TO, PackageInfo, write_package
from ccm_desktop.schema.validate import validate
from ccm_desktop.storage.repository import Repository, StorageError, Submission


class NotReady(Exception):
    """The report still has errors; `findings` are all of validation's."""

    def __init__(self, report_id: int, findings: list[Finding]) -> None:
        super().__init__(f"Report {report_id} cannot be submitted while it has errors")
        self.findings = findings


def submit(repo: Repository, report_id: int, folder: str | Path, *,
           to: Sequence[str] = DEFAULT_TO, cc: Sequence[str] = DEFAULT_CC,
           now: datetime | None = None, on: date | None = None) -> tuple[Submission, Path]:
    """Set the submission date (`on`, default: today where the user is), save, write the
    package into `folder`, then remember the submission: a package that cannot be written
    leaves the report not submitted. Raises NotReady while errors remain, StorageError if the
    report stands as it was already sent, OSError for the disk."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    day = on or moment.astimezone().date()
    if repo.is_submitted(report_id):
        raise StorageError(message(N_("Report {id} was already submitted as it stands; edit it "
                                      "to start a corrigendum"), id=str(report_id)))
    report = repo.load(report_id)
    report.cover.fields["submission_date"] = day
    findings = validate(report)
    if any(f.is_error for f in findings):
        raise NotReady(report_id, findings)
    done = repo.submissions(report_id)
    summary = message(N_("Submitted (corrigendum {n})"), n=str(len(done))) if done \
        else message(N_("Submitted"))
    repo.save(report_id, report, summary=summary)
    info = PackageInfo(submitted_on=day, submitted_at=moment, version=__version__,
                       corrigendum=len(done) or None, to=tuple(to), cc=tuple(cc))
    package = write_package(report, info, folder)
    return repo.record_submission(report_id, day, moment, __version__, info.to, info.cc), package


def write_submitted_package(repo: Repository, report_id: int, number: int,
                            folder: str | Path) -> Path:
    """The package of submission `number` (0: the original), exactly as it was written then
    (the same dates, version and e-mail recipients)."""
    for submission in repo.submissions(report_id):
        if submission.number == number:
            report = repo.revision_report(report_id, submission.revision)
            return write_package(report, _info(submission), folder)
    raise StorageError(message(N_("Report {id} has no submission {number}"), id=str(report_id),
                               number=str(number)))


def _info(submission: Submission) -> PackageInfo:
    return PackageInfo(submitted_on=submission.submitted_on, submitted_at=submission.submitted_at,
                       version=submission.version, corrigendum=submission.corrigendum,
                       to=submission.to, cc=submission.cc)


def editing_corrigendum(repo: Repository, report_id: int) -> int | None:
    """The number of the corrigendum being prepared: the report was sent and changed since."""
    done = repo.submissions(report_id)
    if not done or repo.is_submitted(report_id):
        return None
    return len(done)


__all__ = ["NotReady", "editing_corrigendum", "submit", "write_submitted_package"]
