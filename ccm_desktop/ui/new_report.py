"""New report: a short dialog. The State (type to search, in the user's language), initial or
annual with the period pre-filled, the entry into force from the State list (or from a date of
deposit for a State that joined after the list), and whether to start empty or from an earlier
stored report of that State."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.deadlines import entry_into_force_for
from ccm_desktop.domain.report import Report
from ccm_desktop.schema.i18n import N_, isolate, translate
from ccm_desktop.schema.states import load_states, search_states, state_name
from ccm_desktop.ui.deadline_text import kind_words, long_date
from ccm_desktop.ui.guided_start import Answers, GuidedQuestions, apply_answers
from ccm_desktop.ui.style import MUTED, SPACING

CODE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class NewReportSpec:
    state: str
    report_kind: str  # "initial" | "annual"
    period_from: date
    period_to: date
    entry_into_force: date
    base_id: int | None = None  # start from this stored report (carried over to next year)
    answers: Answers = field(default_factory=dict)  # the guided start's (ui/guided_start.py)

    def cover_values(self) -> dict[str, Any]:
        return {"state": self.state, "report_kind": self.report_kind,
                "period_from": self.period_from, "period_to": self.period_to,
                "entry_into_force": self.entry_into_force}

    def empty_report(self, language: str = "en") -> Report:
        report = Report(language=language)
        self.apply_to(report)
        return report

    def apply_to(self, report: Report) -> None:
        """The dialog's choices as the report's initial state: cover values and the forms the
        guided start's answers decide."""
        report.cover.fields.update(self.cover_values())
        apply_answers(report, self.answers)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class NewReportDialog(QDialog):
    def __init__(self, summaries: list[Any], lang: str = "en", today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(translate("New report", lang))
        self.today = today or date.today()
        self.summaries = summaries
        self.resize(1040, 660)

        # 1. State ---------------------------------------------------------------------------
        state_box = QGroupBox(translate("1. State Party", lang), self)
        self.search = QLineEdit(state_box)
        self.search.setPlaceholderText(translate("Type a few letters of the State's name", lang))
        self.search.setAccessibleName(translate("Search for the State by name", lang))
        self.states = QListWidget(state_box)
        self.states.setAccessibleName(translate("States", lang))
        self.states.setMinimumHeight(140)
        self.state_note = QLabel(state_box)
        self.state_note.setWordWrap(True)
        self.state_note.setStyleSheet(f"color: {MUTED};")
        self.deposit_label = QLabel(translate("Date of deposit of its instrument:", lang), state_box)
        self.deposit = QDateEdit(state_box)
        self.deposit.setCalendarPopup(True)
        self.deposit.setDisplayFormat("yyyy-MM-dd")
        self.deposit.setDate(_qdate(self.today))
        self.deposit.setAccessibleName(translate("Date the State deposited its instrument of "
                                                 "ratification or accession", lang))
        deposit_row = QHBoxLayout()
        deposit_row.addWidget(self.deposit_label)
        deposit_row.addWidget(self.deposit)
        deposit_row.addStretch(1)
        state_layout = QVBoxLayout(state_box)
        state_layout.addWidget(self.search)
        state_layout.addWidget(self.states)
        state_layout.addWidget(self.state_note)
        state_layout.addLayout(deposit_row)

        # 2. Kind and period -----------------------------------------------------------------
        kind_box = QGroupBox(translate("2. Report and period", lang), self)
        self.annual = QRadioButton(translate(
            "Annual report (due 30 April, for the last calendar year)", lang), kind_box)
        self.initial = QRadioButton(translate(
            "Initial report (due 180 days after entry into force)", lang), kind_box)
        self.annual.setChecked(True)
        self.period_from = QDateEdit(kind_box)
        self.period_to = QDateEdit(kind_box)
        self.eif = QDateEdit(kind_box)
        for edit, name in ((self.period_from, N_("Reporting period from")),
                           (self.period_to, N_("Reporting period to")),
                           (self.eif, N_("Entry into force for this State"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(translate(name, lang))
        kind_layout = QFormLayout(kind_box)
        kind_layout.addRow(self.annual)
        kind_layout.addRow(self.initial)
        kind_layout.addRow(translate("Period from", lang), self.period_from)
        kind_layout.addRow(translate("Period to", lang), self.period_to)
        kind_layout.addRow(translate("Entry into force", lang), self.eif)

        # 3. Start from ----------------------------------------------------------------------
        start_box = QGroupBox(translate("3. Start from", lang), self)
        self.start_empty = QRadioButton(translate("An empty report", lang), start_box)
        self.start_earlier = QRadioButton(translate("An earlier report of this State:", lang),
                                          start_box)
        self.earlier = QComboBox(start_box)
        self.earlier.setAccessibleName(translate("Earlier report to start from", lang))
        self.start_empty.setChecked(True)
        start_layout = QVBoxLayout(start_box)
        start_layout.addWidget(self.start_empty)
        row = QHBoxLayout()
        row.addWidget(self.start_earlier)
        row.addWidget(self.earlier, 1)
        start_layout.addLayout(row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(translate("Create report", lang))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        # 4. The guided start, beside the rest: the dialog stays within a 768-pixel screen.
        self.questions = GuidedQuestions(lang, self)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        columns = QHBoxLayout()
        columns.setSpacing(2 * SPACING)
        left = QVBoxLayout()
        left.addWidget(state_box, 1)
        left.addWidget(kind_box)
        left.addWidget(start_box)
        columns.addLayout(left, 3)
        columns.addWidget(self.questions, 2)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._search)
        self.states.currentItemChanged.connect(lambda _c, _p: self._state_chosen())
        self.deposit.dateChanged.connect(lambda _d: self._fill_eif())
        self.annual.toggled.connect(lambda _on: self._fill_period())
        self.eif.dateChanged.connect(lambda _d: self._fill_period())
        self.start_earlier.toggled.connect(self.earlier.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._search("")
        self._state_chosen()

    # State --------------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        self.states.clear()
        for code in search_states(text, self.lang)[:200]:
            info = load_states().get(code)
            name = state_name(code, self.lang)
            if info is not None and info.withdrawal_effective is not None:
                suffix = "  " + translate("(withdrew, effective {date})", self.lang).format(
                    date=isolate(long_date(info.withdrawal_effective, self.lang), self.lang))
            elif info is not None and info.is_party:
                suffix = ""
            else:
                suffix = "  " + translate("(not a State Party in the list)", self.lang)
            item = QListWidgetItem(name + suffix, self.states)
            item.setData(CODE_ROLE, code)
        if self.states.count():
            self.states.setCurrentRow(0)

    def state_code(self) -> str | None:
        item = self.states.currentItem()
        return str(item.data(CODE_ROLE)) if item is not None else None

    def _listed_eif(self) -> date | None:
        code = self.state_code()
        info = load_states().get(code) if code else None
        # A State that has withdrawn keeps its entry into force (for its earlier reports).
        return info.entry_into_force if info is not None else None

    def _withdrawal(self) -> date | None:
        code = self.state_code()
        info = load_states().get(code) if code else None
        return info.withdrawal_effective if info is not None else None

    def _state_chosen(self) -> None:
        code = self.state_code()
        listed = self._listed_eif()
        needs_deposit = code is not None and listed is None
        self.deposit_label.setVisible(needs_deposit)
        self.deposit.setVisible(needs_deposit)
        if code is None:
            self.state_note.setText(translate("No State matches; check the spelling or type its "
                                              "ISO code.", self.lang))
            self._fill_eif()
            self._fill_earlier()
            return
        name, lang = state_name(code, self.lang), self.lang
        if (withdrawn := self._withdrawal()) is not None:
            self.state_note.setText(translate(
                "{state} withdrew from the Convention; the withdrawal took effect on {date} "
                "(Art. 20). It owes no report that falls due after that date; a report for an "
                "earlier period can still be made.", lang).format(
                    state=name, date=isolate(long_date(withdrawn, lang), lang)))
        elif listed is not None:
            self.state_note.setText(translate(
                "{state}: the Convention entered into force on {date} (from the State list).",
                lang).format(state=name, date=isolate(long_date(listed, lang), lang)))
        else:
            self.state_note.setText(translate(
                "{state} is not a State Party in the list this program knows. If it has joined "
                "since, enter the date it deposited its instrument: the entry into force follows "
                "from Article 17.", lang).format(state=name))
        self._fill_eif()
        self._fill_earlier()

    def _fill_eif(self) -> None:
        listed = self._listed_eif()
        eif = listed if listed is not None else entry_into_force_for(_pydate(self.deposit.date()))
        self.eif.setDate(_qdate(eif))

    # Period -------------------------------------------------------------------------------------

    def _fill_period(self) -> None:
        if self.annual.isChecked():
            year = self.today.year - 1
            self.period_from.setDate(_qdate(date(year, 1, 1)))
            self.period_to.setDate(_qdate(date(year, 12, 31)))
        else:
            self.period_from.setDate(self.eif.date())
            self.period_to.setDate(_qdate(self.today))

    def _fill_earlier(self) -> None:
        code = self.state_code()
        self.earlier.clear()
        for summary in self.summaries:
            if summary.state == code:
                label = kind_words(summary.report_kind, summary.period_to, self.lang)
                if summary.period_from and summary.period_to:
                    label += " (" + isolate(f"{summary.period_from.isoformat()} \u2013 "
                                            f"{summary.period_to.isoformat()}", self.lang) + ")"
                self.earlier.addItem(label, summary.id)
        has_earlier = self.earlier.count() > 0
        self.start_earlier.setEnabled(has_earlier)
        self.earlier.setEnabled(has_earlier and self.start_earlier.isChecked())
        if not has_earlier:
            self.start_empty.setChecked(True)

    # Result -------------------------------------------------------------------------------------

    def spec(self) -> NewReportSpec | None:
        code = self.state_code()
        if code is None:
            return None
        base = self.earlier.currentData() if self.start_earlier.isChecked() else None
        return NewReportSpec(
            state=code, report_kind="annual" if self.annual.isChecked() else "initial",
            period_from=_pydate(self.period_from.date()), period_to=_pydate(self.period_to.date()),
            entry_into_force=_pydate(self.eif.date()),
            base_id=int(base) if base is not None else None,
            answers=self.questions.answers())

    def accept(self) -> None:
        spec = self.spec()
        if spec is None:
            self.problem.setText(translate("Choose the State first.", self.lang))
            return
        if spec.period_to < spec.period_from:
            self.problem.setText(translate("The period ends before it begins; check both dates.",
                                           self.lang))
            return
        super().accept()
