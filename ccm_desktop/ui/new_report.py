"""New report: a short dialog. The State (type to search, in the user's language), initial or
annual with the period pre-filled, the entry into force from the State list (or from a date of
deposit for a State that joined after the list), and whether to start empty or from an earlier
stored report of that State."""

from __future__ import annotations

from dataclasses import dataclass
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
from ccm_desktop.schema.states import load_states, search_states, state_name
from ccm_desktop.ui.deadline_text import kind_words
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

    def cover_values(self) -> dict[str, Any]:
        return {"state": self.state, "report_kind": self.report_kind,
                "period_from": self.period_from, "period_to": self.period_to,
                "entry_into_force": self.entry_into_force}

    def empty_report(self, language: str = "en") -> Report:
        report = Report(language=language)
        report.cover.fields.update(self.cover_values())
        return report


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class NewReportDialog(QDialog):
    def __init__(self, summaries: list[Any], lang: str = "en", today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New report")
        self.lang = lang
        self.today = today or date.today()
        self.summaries = summaries
        self.resize(620, 640)

        # 1. State ---------------------------------------------------------------------------
        state_box = QGroupBox("1. State Party", self)
        self.search = QLineEdit(state_box)
        self.search.setPlaceholderText("Type a few letters of the State's name")
        self.search.setAccessibleName("Search for the State by name")
        self.states = QListWidget(state_box)
        self.states.setAccessibleName("States")
        self.states.setMinimumHeight(140)
        self.state_note = QLabel(state_box)
        self.state_note.setWordWrap(True)
        self.state_note.setStyleSheet(f"color: {MUTED};")
        self.deposit_label = QLabel("Date of deposit of its instrument:", state_box)
        self.deposit = QDateEdit(state_box)
        self.deposit.setCalendarPopup(True)
        self.deposit.setDisplayFormat("yyyy-MM-dd")
        self.deposit.setDate(_qdate(self.today))
        self.deposit.setAccessibleName("Date the State deposited its instrument of ratification "
                                       "or accession")
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
        kind_box = QGroupBox("2. Report and period", self)
        self.annual = QRadioButton("Annual report (due 30 April, for the last calendar year)",
                                   kind_box)
        self.initial = QRadioButton("Initial report (due 180 days after entry into force)",
                                    kind_box)
        self.annual.setChecked(True)
        self.period_from = QDateEdit(kind_box)
        self.period_to = QDateEdit(kind_box)
        self.eif = QDateEdit(kind_box)
        for edit, name in ((self.period_from, "Reporting period from"),
                           (self.period_to, "Reporting period to"),
                           (self.eif, "Entry into force for this State")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        kind_layout = QFormLayout(kind_box)
        kind_layout.addRow(self.annual)
        kind_layout.addRow(self.initial)
        kind_layout.addRow("Period from", self.period_from)
        kind_layout.addRow("Period to", self.period_to)
        kind_layout.addRow("Entry into force", self.eif)

        # 3. Start from ----------------------------------------------------------------------
        start_box = QGroupBox("3. Start from", self)
        self.start_empty = QRadioButton("An empty report", start_box)
        self.start_earlier = QRadioButton("An earlier report of this State:", start_box)
        self.earlier = QComboBox(start_box)
        self.earlier.setAccessibleName("Earlier report to start from")
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
            ok.setText("Create report")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(state_box, 1)
        layout.addWidget(kind_box)
        layout.addWidget(start_box)
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
                suffix = f"  (withdrew, effective {info.withdrawal_effective.isoformat()})"
            elif info is not None and info.is_party:
                suffix = ""
            else:
                suffix = "  (not a State Party in the list)"
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
            self.state_note.setText("No State matches; check the spelling or type its ISO code.")
        elif (withdrawn := self._withdrawal()) is not None:
            self.state_note.setText(f"{state_name(code, self.lang)} withdrew from the Convention; "
                                    f"the withdrawal took effect on {withdrawn.isoformat()} "
                                    "(Art. 20). It owes no report that falls due after that "
                                    "date; a report for an earlier period can still be made.")
        elif listed is not None:
            self.state_note.setText(f"{state_name(code, self.lang)}: the Convention entered into "
                                    f"force on {listed.isoformat()} (from the State list).")
        else:
            self.state_note.setText(f"{state_name(code, self.lang)} is not a State Party in the "
                                    "list this program knows. If it has joined since, enter the "
                                    "date it deposited its instrument: the entry into force "
                                    "follows from Article 17.")
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
                label = kind_words(summary.report_kind, summary.period_to)
                if summary.period_from and summary.period_to:
                    label += f" ({summary.period_from.isoformat()} \u2013 " \
                             f"{summary.period_to.isoformat()})"
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
            base_id=int(base) if base is not None else None)

    def accept(self) -> None:
        spec = self.spec()
        if spec is None:
            self.problem.setText("Choose the State first.")
            return
        if spec.period_to < spec.period_from:
            self.problem.setText("The period ends before it begins; check both dates.")
            return
        super().accept()
