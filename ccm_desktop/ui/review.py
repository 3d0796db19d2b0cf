"""Review and submit: the last step before a report goes to the United Nations.

One list of every open point: errors (they block; "Go to" jumps to each), warnings (each is
fixed, or answered with an explanation that is written into the report where the UN reader sees
it, see `domain.submission`), forms carried over from last year and still "to review", and the
deadline with whether the report is on time if sent today. When nothing blocks, Submit sets the
submission date, writes the submission package and marks the report submitted.

The dialog stays open while the user fixes things in the window (it is not modal) and follows
every change of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Report
from ccm_desktop.domain.submission import add_explanation, explanation_home, form_of, warning_key
from ccm_desktop.schema.i18n import N_, RTL_LANGUAGES, language, ntranslate, translate
from ccm_desktop.schema.registry import part_heading, part_title
from ccm_desktop.schema.validate import validate
from ccm_desktop.ui.deadline_text import entry_into_force_of, long_date, report_due
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, WARNING, heading_font

DONE = "#1b7a3a"
PATH_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def as_submitted(report: Report, day: date) -> Report:
    """The report as Submit will send it: dated `day`."""
    sent = report.copy()
    sent.cover.fields["submission_date"] = day
    return sent


class ReviewDialog(QDialog):
    """Signals `go_to(path)` to show a place in the window, `submit_requested()` when the user
    presses Submit (the window does the rest)."""

    go_to = Signal(str)
    submit_requested = Signal()
    recipients_requested = Signal()  # "Where reports go…"

    def __init__(self, document: ReportDocument, answers: dict[str, str],
                 answer: Callable[[str, str], None], lang: str = "en",
                 today: date | None = None, submitted: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The dialog reads in its own language's direction, whatever the window was made in.
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
                                else Qt.LayoutDirection.LeftToRight)
        self.document = document
        self.lang = lang
        self.today = today or date.today()
        self.answers = dict(answers)  # warning key -> explanation
        self._answer = answer  # stores an answer (the repository)
        self.submitted = submitted  # a sentence when the report stands as it was sent
        # Asks for an explanation; tests replace it. Returns None when cancelled.
        self.ask_explanation: Callable[[str], str | None] = self._ask
        t = self.t
        self.setWindowTitle(t(N_("Review and submit")))
        self.setObjectName("reviewDialog")
        self.resize(760, 560)
        title = QLabel(t(N_("Review and submit")), self)
        title.setFont(heading_font(self.font(), 1.3))
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        self.deadline.setObjectName("reviewDeadline")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([t(N_("Open point")), t(N_("What to do"))])
        # The open point takes the room; what to do is short (an explanation is cut, whole in
        # its tooltip and in the line below the list).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(t(N_("Open points before submitting")))
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setObjectName("reviewDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("reviewSummary")
        # Who the package's e-mail draft goes to (the window fills it in from the settings).
        self.recipients = QLabel(self)
        self.recipients.setWordWrap(True)
        self.recipients.setObjectName("reviewRecipients")
        self.recipients.setStyleSheet(f"color: {MUTED};")
        self.recipients_button = QPushButton(t(N_("Where reports go\u2026")), self)
        self.recipients_button.setToolTip(t(N_(
            "Change the recipients of the e-mail draft in the submission package.")))
        self.recipients_button.clicked.connect(self.recipients_requested)
        mail = QHBoxLayout()
        mail.addWidget(self.recipients, 1)
        mail.addWidget(self.recipients_button)
        self.go_button = QPushButton(t(N_("Go to")), self)
        self.explain_button = QPushButton(t(N_("Explain\u2026")), self)
        self.explain_button.setToolTip(t(N_(
            "Answer this warning with an explanation instead of a change; it is printed in the "
            "report so that the reader sees why.")))
        self.reviewed_button = QPushButton(t(N_("Mark reviewed")), self)
        self.submit_button = QPushButton(t(N_("Submit\u2026")), self)
        self.submit_button.setDefault(True)
        self.submit_button.setToolTip(t(N_(
            "Set the date of submission, write the submission package (PDF, Excel, JSON, "
            "manifest and an e-mail draft) into a folder you choose, and mark the report "
            "submitted.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.go_button, self.explain_button, self.reviewed_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(title)
        layout.addWidget(self.deadline)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.summary)
        layout.addLayout(mail)
        layout.addWidget(buttons)
        self.go_button.clicked.connect(self._go)
        self.explain_button.clicked.connect(self.explain_selected)
        self.reviewed_button.clicked.connect(self._mark_reviewed)
        self.submit_button.clicked.connect(self.submit_requested)
        self.tree.itemDoubleClicked.connect(lambda *_a: self._go())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        document.findings_changed.connect(self.refresh)
        self.refresh()

    def t(self, text: str) -> str:
        return translate(text, self.lang)

    # What is open ---------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """Validation of the report as it would be sent today."""
        return validate(as_submitted(self.document.report, self.today), self.document.previous)

    def open_points(self) -> tuple[list[Finding], list[Finding], list[Finding], list[str]]:
        """Errors, warnings still open, warnings answered, forms to review."""
        found = self.findings()
        errors = [f for f in found if f.is_error]
        warnings = [f for f in found if not f.is_error]
        answered = [f for f in warnings if warning_key(f) in self.answers]
        open_ = [f for f in warnings if warning_key(f) not in self.answers]
        review = [k for k, form in sorted(self.document.report.forms.items()) if form.to_review]
        return errors, open_, answered, review

    def blocking(self) -> int:
        errors, open_, _answered, review = self.open_points()
        return len(errors) + len(open_) + len(review)

    def refresh(self) -> None:
        t = self.t
        errors, open_, answered, review = self.open_points()
        lang = language(self.lang)
        self.deadline.setText(self._deadline_text())
        self.tree.clear()

        def group(text: str, colour: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.tree, [text, ""])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setData(0, KIND_ROLE, "group")
            item.setForeground(0, QBrush(QColor(colour)))
            item.setExpanded(True)
            return item

        def child(parent: QTreeWidgetItem, text: str, todo: str, path: str, kind: str) -> None:
            item = QTreeWidgetItem(parent, [text, todo if len(todo) <= 48
                                            else todo[:47].rstrip() + "\u2026"])
            item.setData(0, PATH_ROLE, path)
            item.setData(0, KIND_ROLE, kind)
            item.setToolTip(0, text)
            item.setToolTip(1, todo)

        n = len(errors)
        errors_item = group(ntranslate("{n} error: fix it before submitting",
                                       "{n} errors: fix them before submitting", n,
                                       self.lang).format(n=lang.number(n)), ERROR) if n else \
            group(t(N_("No errors")), DONE)
        for f in errors:
            child(errors_item, f.text(lang), t(N_("fix")), f.path, "error")
        n = len(open_) + len(answered)
        warnings_item = group(ntranslate("{n} warning: fix it or explain it",
                                         "{n} warnings: fix each or explain it", n,
                                         self.lang).format(n=lang.number(n)), WARNING) if n \
            else group(t(N_("No warnings")), DONE)
        for f in open_:
            child(warnings_item, f.text(lang), t(N_("fix or explain")), f.path, "warning")
        for f in answered:
            child(warnings_item, f.text(lang),
                  t(N_("explained: {text}")).format(text=self.answers[warning_key(f)]),
                  f.path, "answered")
        n = len(review)
        review_item = None if not n else group(ntranslate("{n} form carried over from last year to review",
                                       "{n} forms carried over from last year to review", n,
                                       self.lang).format(n=lang.number(n)), WARNING)
        for letter in review:
            assert review_item is not None
            child(review_item, part_heading(letter, short=True).text(lang),
                  t(N_("confirm or change")), f"forms.{letter}.status", "review")
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is not None:
                top.setExpanded(True)
        blocking = len(errors) + len(open_) + len(review)
        if self.submitted:
            text, colour = self.submitted, MUTED
        elif blocking:
            text = ntranslate("{n} point is still open; Submit is possible once it is settled.",
                              "{n} points are still open; Submit is possible once they are "
                              "settled.", blocking, self.lang).format(n=lang.number(blocking))
            colour = ERROR if errors else WARNING
        else:
            text, colour = t(N_("Nothing blocks the submission.")), DONE
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};")
        self.submit_button.setEnabled(not blocking and not self.submitted)
        self._update_buttons()

    def _deadline_text(self) -> str:
        report = self.document.report
        period_to = report.cover.fields.get("period_to")
        due = report_due(report.report_kind,
                         period_to if isinstance(period_to, date) else None,
                         entry_into_force_of(report), self.today, self.lang)
        if due is None:
            return self.t(N_("The due date cannot be worked out until the kind of report and its "
                             "period are filled in."))
        sent = report.cover.fields.get("submission_date")
        day = sent if self.submitted and isinstance(sent, date) else self.today
        late = (day - due.day).days
        lang = language(self.lang)
        how = self.t(N_("on time")) if late <= 0 else ntranslate(
            "{n} day late", "{n} days late", late, self.lang).format(n=lang.number(late))
        sentence = (N_("{what}: due {due}. Submitted on {today}, it was {how}.") if day != self.today
                    or self.submitted else
                    N_("{what}: due {due}. Submitted today, {today}, it is {how}."))
        return self.t(sentence).format(what=due.label, due=long_date(due.day, self.lang),
                                       today=long_date(day, self.lang), how=how)

    # Actions --------------------------------------------------------------------------------

    def selected(self) -> QTreeWidgetItem | None:
        items = self.tree.selectedItems()
        return items[0] if items else None

    def select(self, kind: str, index: int = 0) -> QTreeWidgetItem:
        """Select the `index`th item of a kind ("error", "warning", "answered", "review")."""
        found = [item for item in self._items() if item.data(0, KIND_ROLE) == kind]
        self.tree.setCurrentItem(found[index])
        return found[index]

    def _items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                out += [c for j in range(top.childCount()) if (c := top.child(j)) is not None]
        return out

    @property
    def _arrow(self) -> str:
        """Points from the open point to what to do, in the reading direction."""
        return "\u2190" if self.lang in RTL_LANGUAGES else "\u2192"

    def _update_buttons(self) -> None:
        item = self.selected()
        kind = item.data(0, KIND_ROLE) if item is not None else None
        self.detail.setText("" if item is None or kind == "group" else
                            f"{item.text(0)}\n{self._arrow} {item.toolTip(1)}")
        self.go_button.setEnabled(kind in ("error", "warning", "answered", "review"))
        self.explain_button.setEnabled(kind in ("warning", "answered") and not self.submitted)
        self.reviewed_button.setEnabled(kind == "review" and not self.submitted)

    def _go(self) -> None:
        item = self.selected()
        path = item.data(0, PATH_ROLE) if item is not None else None
        if path:
            self.go_to.emit(str(path))

    def _mark_reviewed(self) -> None:
        item = self.selected()
        path = str(item.data(0, PATH_ROLE) or "") if item is not None else ""
        letter = form_of(path)
        if letter:
            self.document.confirm_reviewed(letter)
            self.refresh()

    def _ask(self, warning: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.t(N_("Explain this warning")),
            self.t(N_("{warning}\n\nYour explanation is printed in the report, so that the "
                      "reader sees why:")).format(warning=warning))
        return text.strip() if ok and text.strip() else None

    def explain_selected(self) -> None:
        item = self.selected()
        if item is None or item.data(0, KIND_ROLE) not in ("warning", "answered"):
            return
        path = str(item.data(0, PATH_ROLE))
        finding = next((f for f in self.findings() if f.path == path and not f.is_error
                        and f.text(language(self.lang)) == item.text(0)), None)
        if finding is None:
            return
        text = self.ask_explanation(finding.text(language(self.lang)))
        if not text:
            return
        self.explain(finding, text)

    def explain(self, finding: Finding, text: str) -> None:
        """Write `text` into the report where the reader sees it, and count the warning as
        answered."""
        report = self.document.report
        letter, field_id = explanation_home(finding.path)
        about = form_of(finding.path)
        words = report.language or "en"
        prefix = "" if about == letter else translate(N_("{part}: "), words).format(
            part=part_title(about or "cover", words))
        changed = report.copy()
        add_explanation(changed, finding.path, text, prefix)
        self.answers[warning_key(finding)] = text
        self._answer(warning_key(finding), text)
        self.document.set_value(letter, field_id, changed.form(letter).fields[field_id])
        self.refresh()


def submit_moment(today: date) -> datetime:
    """The moment of a submission made in the window: now, on the window's day."""
    now = datetime.now().astimezone()
    return datetime.combine(today, now.timetz()).astimezone(UTC)


def package_folder_note(folder: Path, lang: str) -> str:
    return translate(N_("The report is submitted. The package is in {folder}, with a zip of it "
                        "beside it; the e-mail draft in it is ready to send."), lang).format(
        folder=str(folder))


def submitted_sentence(on: date, corrigendum: int | None, lang: str) -> str:
    if corrigendum:
        return translate(N_("Corrigendum {number} was submitted on {date}; the report is "
                            "read-only. Editing it starts a new corrigendum."), lang).format(
            number=corrigendum, date=long_date(on, lang))
    return translate(N_("Submitted on {date}; the report is read-only. Editing it starts a "
                        "corrigendum."), lang).format(date=long_date(on, lang))
