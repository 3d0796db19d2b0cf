"""Export and import from the window: asks for the file, runs the work in a worker thread with a
progress bar, and says how it went (with "Open file" and "Show in folder" after an export)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.domain.store import imported_from
from ccm_desktop.schema.i18n import N_, UN_LANGUAGES, isolate, message, ntranslate, translate
from ccm_desktop.ui.workers import Job

if TYPE_CHECKING:
    from ccm_desktop.ui.main_window import MainWindow

FILTERS = {
    ".pdf": N_("PDF document (*.pdf)"),
    ".xlsx": N_("Excel workbook (*.xlsx)"),
    ".json": N_("Article 7 report (*.ccm.json)"),
}
TITLES = {".pdf": N_("Export PDF"), ".xlsx": N_("Export Excel workbook"),
          ".json": N_("Export report file")}
# Each language by its own name, so that a reader finds theirs whatever the window's language.
LANGUAGE_NAMES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français",
                  "ru": "Русский", "es": "Español"}


class ExportLanguageDialog(QDialog):
    """The language of one PDF or Excel export; it starts at the report's own language."""

    def __init__(self, suffix: str, report_language: str, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate(TITLES[suffix], lang))
        self.choice = QComboBox(self)
        for code in UN_LANGUAGES:
            self.choice.addItem(LANGUAGE_NAMES[code], code)
        index = self.choice.findData(report_language if report_language in UN_LANGUAGES
                                     else "en")
        self.choice.setCurrentIndex(max(index, 0))
        form = QFormLayout(self)
        form.addRow(translate("Language of the document:", lang), self.choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def language(self) -> str:
        return str(self.choice.currentData())


def report_language(report: Report) -> str:
    """The report's `language` field, the export's language unless the user picks another."""
    return report.language if report.language in UN_LANGUAGES else "en"


def suggested_name(report: Report, suffix: str) -> str:
    """ "ESP-2024-annual.pdf"; a person recognises it in a folder months later."""
    period_to = report.cover.fields.get("period_to")
    year = getattr(period_to, "year", None)
    parts = [report.state or "report", str(year) if year else "", report.report_kind or ""]
    stem = "-".join(p for p in parts if p)
    return stem + (".ccm.json" if suffix == ".json" else suffix)


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.jobs: list[Job] = []  # running jobs (kept alive; tests wait on them)

    # Export -----------------------------------------------------------------------------------

    def ask_export(self, suffix: str) -> None:
        opened = self.window.current
        if opened is None:
            return
        self.window.commit_and_save()
        lang = self.window.lang
        export_lang = report_language(opened.document.report)
        if suffix != ".json":
            chooser = ExportLanguageDialog(suffix, export_lang, lang, self.window)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return
            export_lang = chooser.language()
        start = str(Path(self.window.settings.last_folder())
                    / suggested_name(opened.document.report, suffix))
        path, _filter = QFileDialog.getSaveFileName(self.window, translate(TITLES[suffix], lang),
                                                    start, translate(FILTERS[suffix], lang))
        if not path:
            return
        errors = [f for f in opened.document.findings if f.is_error]
        if errors and suffix != ".json":
            answer = QMessageBox.question(
                self.window, translate("The report still has errors", lang),
                ntranslate("The report still has {n} error. Export it anyway as a draft? Fix "
                           "it before the final export (Check report shows it).",
                           "The report still has {n} errors. Export it anyway as a draft? Fix "
                           "them before the final export (Check report shows them).",
                           len(errors), lang).format(n=len(errors)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.export_to(Path(path), export_lang)

    def export_to(self, path: Path, lang: str | None = None) -> Job | None:
        """Write the open report to `path` in a worker thread; the format follows the name.
        The document is in `lang`, by default the report's language."""
        opened = self.window.current
        if opened is None:
            return None
        self.window.commit_and_save()  # the file holds what was typed the moment before
        if path.suffix.lower() == ".json" and not path.name.lower().endswith(".ccm.json"):
            path = path.with_name(path.stem + ".ccm.json")
        self.window.settings.remember_folder(path)
        snapshot = opened.document.snapshot()
        findings = list(opened.document.findings)
        lang = lang or report_language(snapshot)

        def work(progress: Any) -> Path:
            from ccm_desktop.exchange.formats import write_report

            write_report(snapshot, path, lang=lang, findings=findings, progress=progress)
            return path

        job = self._run(translate("Writing {file}\u2026", self.window.lang).format(
            file=isolate(path.name, self.window.lang)), work)
        job.finished.connect(lambda result: self._exported(Path(result)))
        return job

    def _exported(self, path: Path) -> None:
        lang = self.window.lang
        box = QMessageBox(QMessageBox.Icon.Information, translate("Exported", lang),
                          translate("The report was written to {file}.", lang).format(
                              file=isolate(path.name, self.window.lang)),
                          QMessageBox.StandardButton.Close, self.window)
        box.setInformativeText(str(path.parent))
        open_file = QPushButton(translate("Open file", lang), box)
        show_folder = QPushButton(translate("Show in folder", lang), box)
        box.addButton(open_file, QMessageBox.ButtonRole.ActionRole)
        box.addButton(show_folder, QMessageBox.ButtonRole.ActionRole)
        open_file.clicked.connect(lambda: self.window.open_url(path))
        show_folder.clicked.connect(lambda: self.window.open_url(path.parent))
        box.open()

    def preview(self) -> None:
        """The PDF as it will be sent, opened in the system's PDF viewer."""
        opened = self.window.current
        if opened is None:
            return
        self.window.commit_and_save()
        folder = Path(tempfile.mkdtemp(prefix="ccm-preview-"))
        path = folder / suggested_name(opened.document.report, ".pdf")
        snapshot, findings = opened.document.snapshot(), list(opened.document.findings)
        lang = report_language(snapshot)

        def work(progress: Any) -> Path:
            from ccm_desktop.exchange.formats import write_report

            write_report(snapshot, path, lang=lang, findings=findings, progress=progress)
            return path

        job = self._run(translate("Preparing the preview\u2026", self.window.lang), work)
        job.finished.connect(lambda result: self.window.open_url(Path(result)))

    # Import -----------------------------------------------------------------------------------

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, translate("Import a report", self.window.lang),
            self.window.settings.last_folder(),
            translate("Reports (*.ccm.json *.json *.xlsx);;Last year's report as sent: Word or PDF "
                      "(*.docx *.doc *.odt *.pdf);;All files (*)", self.window.lang))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Job:
        """Read a report file in a worker thread, store it as a new report and open it. A Word
        or PDF document is shown in the import preview first (`import_document`)."""
        self.window.settings.remember_folder(path)
        if path.suffix.lower() in (".docx", ".doc", ".odt", ".pdf"):
            return self.import_document(path)

        def work(progress: Any) -> Report:
            from ccm_desktop.exchange.formats import read_report

            progress(0, 1)
            report = read_report(path)
            progress(1, 1)
            return report

        job = self._run(translate("Reading {file}\u2026", self.window.lang).format(
            file=isolate(path.name, self.window.lang)), work)
        job.finished.connect(
            lambda report: self.window.add_and_open(report, imported_from(path.name)))
        return job

    def import_document(self, path: Path) -> Job:
        """Last year's report as the State sent it (the filled Word template, or the PDF):
        recognised in a worker thread, shown in the preview, then stored in one step as a new
        draft, or stored and next year's draft started from it."""

        def work(progress: Any) -> Any:
            from ccm_desktop.exchange.word import recognise_file

            progress(0, 1)
            recognition = recognise_file(path)
            progress(1, 1)
            return recognition

        job = self._run(f"Reading {path.name}\u2026", work)
        job.finished.connect(lambda recognition: self.preview_document(recognition, path))
        return job

    def preview_document(self, recognition: Any, path: Path) -> int | None:
        """Show what was recognised; store it as the user chooses. Returns the id of the report
        opened, or None when cancelled."""
        from ccm_desktop.ui.word_import_dialog import NEXT_YEAR, WordImportDialog

        dialog = WordImportDialog(recognition, self.window, lang=self.window.lang,
                                  from_pdf=path.suffix.lower() == ".pdf")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return None
        summary = imported_from(path.name)
        if dialog.choice == NEXT_YEAR:
            source = int(self.window.repository.add(dialog.report(), summary=summary))
            self.window.start_next_year(source)
            return self.window.current.report_id if self.window.current else None
        return self.window.add_and_open(dialog.report(), summary)

    def ask_import_into(self) -> None:
        """Import Excel…: rows from a workbook people made (column mapping), forms from one of
        our own workbooks (merge), or the whole content of a .ccm.json file."""
        if self.window.current is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window, translate("Import into this report", self.window.lang),
            self.window.settings.last_folder(),
            translate("Excel workbooks (*.xlsx);;Article 7 reports (*.ccm.json *.json);;"
                      "All files (*)", self.window.lang))
        if path:
            self.import_into_open(Path(path))

    def import_into_open(self, path: Path) -> None:
        opened = self.window.current
        if opened is None:
            return
        self.window.commit_and_save()
        self.window.settings.remember_folder(path)
        if path.suffix.lower() == ".xlsx" and self.excel_dialog(path):
            return
        lang = self.window.lang
        answer = QMessageBox.question(
            self.window, translate("Replace the content?", lang),
            translate("Replace the content of this report with {file}? You can undo it with "
                      "Ctrl+Z.", lang).format(file=isolate(path.name, self.window.lang)))
        if answer == QMessageBox.StandardButton.Yes:
            self.import_into(path)

    def import_into(self, path: Path) -> Job:
        """Replace the open report's content by a file's, as one undoable step."""

        def work(progress: Any) -> Report:
            from ccm_desktop.exchange.formats import read_report

            return read_report(path)

        job = self._run(translate("Reading {file}\u2026", self.window.lang).format(
            file=isolate(path.name, self.window.lang)), work)

        def replace(report: Report) -> None:
            if self.window.current is not None:
                self.window.current.document.replace_report(
                    report, message(N_("Import {file}"), file=path.name))

        job.finished.connect(replace)
        return job

    def excel_dialog(self, path: Path) -> bool:
        """The Excel import dialogs: column mapping for a workbook people made, or the forms to
        take from one this program wrote. True when the workbook was handled there."""
        from ccm_desktop.ui.xlsx_import_dialog import open_import_dialog

        if self.window.current is None:
            return False
        open_import_dialog(self.window.current.document, path, self.window)
        return True

    # Running ----------------------------------------------------------------------------------

    def _run(self, label: str, work: Any) -> Job:
        job = Job(self.window, label, work, self.window.lang)
        self.jobs.append(job)
        job.failed.connect(lambda sentence: self.window.show_error(sentence))
        job.finished.connect(lambda _r: self._forget(job))
        job.failed.connect(lambda _s: self._forget(job))
        job.start()
        return job

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
