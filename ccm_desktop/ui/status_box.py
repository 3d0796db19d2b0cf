"""A form's status on the cover page, asked at the top of its page: changed, unchanged since a
year, or not applicable with the one-line reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QWidget,
)

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.model import Part
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.style import MUTED, SPACING, WARNING


class StatusBox(QFrame):
    def __init__(self, document: ReportDocument, part: Part, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.letter = part.id
        self.part = part
        self.lang = lang
        self.setObjectName("statusBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#statusBox { background: palette(alternate-base); border-radius: 4px; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(SPACING + 4, SPACING, SPACING + 4, SPACING)
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(4)
        question = QLabel("<b>{}</b>".format(translate("Form {letter} in this report", lang).format(
            letter=part.id)), self)
        grid.addWidget(question, 0, 0, 1, 3)

        self.changed = QRadioButton(translate("Changed \u2014 this report gives new information", lang),
                                    self)
        self.unchanged = QRadioButton(translate("Unchanged since the report of", lang), self)
        self.not_applicable = QRadioButton(translate("Not applicable, because", lang), self)
        self.group = QButtonGroup(self)
        for button in (self.changed, self.unchanged, self.not_applicable):
            self.group.addButton(button)

        self.year = QSpinBox(self)
        self.year.setRange(2010, 2100)
        self.year.setAccessibleName(translate(
            "Form {letter}: year of the report it is unchanged since", lang).format(letter=part.id))
        self.year.setToolTip(translate("The year of the earlier report whose information still "
                                       "holds.", lang))
        self.year.setKeyboardTracking(False)
        self.reason = QLineEdit(self)
        example = translate(part.not_applicable_example, lang) if part.not_applicable_example \
            else ""
        self.reason.setPlaceholderText(translate("e.g. {example}", lang).format(example=example)
                                       if example else "")
        self.reason.setAccessibleName(translate("Form {letter}: why it does not apply",
                                                lang).format(letter=part.id))
        self.reason.setToolTip(translate("One line saying why the form does not apply; a bare "
                                         "\u201cN/A\u201d is not enough for the reviewers.", lang))

        grid.addWidget(self.changed, 1, 0, 1, 3)
        grid.addWidget(self.unchanged, 2, 0)
        grid.addWidget(self.year, 2, 1)
        self.unchanged_note = QLabel("", self)
        self.unchanged_note.setStyleSheet(f"color: {MUTED};")
        self.unchanged_note.setWordWrap(True)  # a narrow page wraps it rather than cutting it
        grid.addLayout(self._indented(self.unchanged_note), 3, 0, 1, 3)
        # The note and the reason go on lines of their own under their choice: a long choice
        # ("Not applicable (not possible for this form)") does not widen the box, and the page.
        grid.addWidget(self.not_applicable, 4, 0, 1, 3)
        grid.addLayout(self._indented(self.reason), 5, 0, 1, 3)
        grid.setColumnStretch(2, 1)

        if not part.can_be_not_applicable:
            self.not_applicable.setEnabled(False)
            self.reason.setEnabled(False)
            self.reason.hide()  # no reason to give: its line takes no room
            self.not_applicable.setToolTip(translate("Every State reports this form; it cannot "
                                                     "be marked not applicable.", lang))
            self.not_applicable.setText(translate("Not applicable (not possible for this form)",
                                                  lang))
        for button, name in ((self.changed, N_("Form {letter} is changed")),
                             (self.unchanged, N_("Form {letter} is unchanged")),
                             (self.not_applicable, N_("Form {letter} is not applicable"))):
            button.setAccessibleName(translate(name, lang).format(letter=part.id))

        self.changed.clicked.connect(lambda: self._set(FormStatus.CHANGED))
        self.unchanged.clicked.connect(lambda: self._set(FormStatus.UNCHANGED))
        self.not_applicable.clicked.connect(self._chose_not_applicable)
        self.year.valueChanged.connect(self._year_changed)
        self._reason_pause = QTimer(self, singleShot=True, interval=600)
        self._reason_pause.timeout.connect(self._reason_typed)
        self.reason.textEdited.connect(lambda _t: self._reason_pause.start())
        self.reason.editingFinished.connect(self._reason_typed)
        self.setTabOrder(self.changed, self.unchanged)
        self.setTabOrder(self.unchanged, self.year)
        self.setTabOrder(self.year, self.not_applicable)
        self.setTabOrder(self.not_applicable, self.reason)
        self._add_review_row(grid)

    def _indented(self, widget: QWidget) -> QHBoxLayout:
        """`widget` on a line of its own, under the text of the choice above it."""
        line = QHBoxLayout()
        line.setContentsMargins(
            self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + SPACING,
            0, 0, 0)
        line.addWidget(widget)
        return line

    def _add_review_row(self, grid: QGridLayout) -> None:
        """A form carried over into next year's draft starts "to review": say so, and let the
        user confirm it as it stands (editing the form reviews it too)."""
        self.review_note = QLabel(self)
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet(f"color: {WARNING};")
        self.confirm = QPushButton(translate("Confirm unchanged", self.lang), self)
        self.confirm.setAccessibleName(translate("Form {letter}: confirm it as carried over",
                                                 self.lang).format(letter=self.letter))
        self.confirm.clicked.connect(lambda: self.document.confirm_reviewed(self.letter))
        grid.addWidget(self.review_note, 6, 0, 1, 2)
        grid.addWidget(self.confirm, 6, 2, Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.reason, self.confirm)

    def _status_is(self, status: FormStatus) -> bool:
        return self.document.report.form(self.letter).status is status

    def _default_year(self) -> int:
        previous = self.document.previous
        if previous is not None and previous.reporting_year is not None:
            return previous.reporting_year
        this_year = self.document.report.reporting_year
        return (this_year or date.today().year) - 1

    def _set(self, status: FormStatus) -> None:
        if status is FormStatus.UNCHANGED:
            self.document.set_form_status(self.letter, status, self.year.value())
        elif status is FormStatus.NOT_APPLICABLE:
            self.document.set_form_status(self.letter, status, None, self.reason.text().strip())
        else:
            self.document.set_form_status(self.letter, status)

    def _chose_not_applicable(self) -> None:
        """The reason is what comes next: the cursor goes to its box."""
        self._set(FormStatus.NOT_APPLICABLE)
        if self.reason.isEnabled():
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            self.reason.selectAll()

    def _year_changed(self, _year: int) -> None:
        if self._status_is(FormStatus.UNCHANGED):
            self._set(FormStatus.UNCHANGED)

    def _reason_typed(self) -> None:
        self._reason_pause.stop()
        if self._status_is(FormStatus.NOT_APPLICABLE):
            self._set(FormStatus.NOT_APPLICABLE)

    def commit(self) -> None:
        """Send a reason still being typed (a way out of the window does not wait the pause)."""
        if self._reason_pause.isActive():
            self._reason_typed()

    def content_is_quiet(self) -> bool:
        status = self.document.report.form(self.letter).status
        return status in (FormStatus.UNCHANGED, FormStatus.NOT_APPLICABLE)

    def refresh(self) -> None:
        form = self.document.report.form(self.letter)
        blockers = [QSignalBlocker(w) for w in (self.year, self.reason)]
        self.group.setExclusive(False)
        for button, status in ((self.changed, FormStatus.CHANGED),
                               (self.unchanged, FormStatus.UNCHANGED),
                               (self.not_applicable, FormStatus.NOT_APPLICABLE)):
            button.setChecked(form.status is status)
        self.group.setExclusive(True)
        self.year.setValue(form.last_reported_year or self._default_year())
        self.year.setEnabled(form.status is FormStatus.UNCHANGED)
        statement = form.statement or ""
        if form.status is FormStatus.NOT_APPLICABLE and self.reason.text().strip() != statement:
            self.reason.setText(statement)
        self.reason.setEnabled(self.part.can_be_not_applicable
                               and form.status is FormStatus.NOT_APPLICABLE)
        initial = self.document.report.report_kind == "initial"
        self.unchanged.setEnabled(not initial or form.status is FormStatus.UNCHANGED)
        self.unchanged.setToolTip(translate(
            N_("An initial report has nothing earlier to refer to.") if initial
            else N_("The information given in that year's report still holds."), self.lang))
        note = (translate("nothing below needs to be filled in", self.lang)
                if form.status is FormStatus.UNCHANGED else "")
        self.unchanged_note.setText(note)
        self.unchanged_note.setVisible(bool(note))  # its line takes no room when empty
        # As narrow as its longest word: the note wraps rather than widening the page.
        metrics = self.unchanged_note.fontMetrics()
        self.unchanged_note.setMinimumWidth(max((metrics.horizontalAdvance(word)
                                                 for word in note.split()), default=0))
        self._refresh_review(form.to_review, form.status)
        del blockers

    def _refresh_review(self, to_review: bool, status: FormStatus | None) -> None:
        self.review_note.setVisible(to_review)
        self.confirm.setVisible(to_review)
        if not to_review:
            return
        if status is FormStatus.NOT_APPLICABLE:
            self.review_note.setText(translate(
                "\u25cf To review: carried over from last year's report. Check that the form "
                "still does not apply and why.", self.lang))
            self.confirm.setText(translate("Confirm not applicable", self.lang))
        else:
            self.review_note.setText(translate(
                "\u25cf To review: carried over from last year's report. Check it, then confirm "
                "it or edit what changed.", self.lang))
            self.confirm.setText(translate("Confirm unchanged", self.lang))
        self.confirm.setToolTip(translate("Mark this form as reviewed, as it stands. Editing the "
                                          "form marks it reviewed too.", self.lang))

    def focus_on(self, attribute: str | None) -> None:
        if attribute == "last_reported_year":
            self.year.setFocus(Qt.FocusReason.OtherFocusReason)
        elif attribute == "statement":
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            checked = self.group.checkedButton() or self.changed
            checked.setFocus(Qt.FocusReason.OtherFocusReason)
