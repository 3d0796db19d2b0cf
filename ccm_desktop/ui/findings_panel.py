"""Every error and warning of the open report, grouped by page, live as the user types.
Clicking one (or Enter on it) asks the window to go to the field or cell it is about.

Each finding is a word-wrapped label rather than a tree row: the sentences are long ("Form F,
Clearance, row 4: …") and must be read whole in a narrow panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ccm_desktop.domain.findings import Finding
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.pages import PAGES
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, WARNING, heading_font


class FindingLabel(QLabel):
    clicked = Signal(str)

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        mark, colour, word = (("\u2716", ERROR, "Error") if finding.is_error
                              else ("\u26a0", WARNING, "Warning"))
        super().__init__(f"<span style='color:{colour}'>{mark}</span> {_escape(finding.message)}",
                         parent)
        self.finding = finding
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{word}: {finding.message}")
        self.setToolTip("Click to go there.")
        self.setContentsMargins(SPACING, 2, 2, 2)
        self.setObjectName("finding")
        self.setStyleSheet("#finding:hover, #finding:focus { background: #e8f0fa; }")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding.path)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.finding.path)
            return
        super().keyPressEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FindingsPanel(QWidget):
    activated = Signal(str)  # the finding's path

    def __init__(self, document: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.labels: list[FindingLabel] = []
        self.title = QLabel(self)
        self.title.setFont(heading_font(self.title.font(), 1.1))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setAccessibleName("Findings: errors and warnings of the report")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.area, 1)
        document.findings_changed.connect(self.refresh)
        self.setMinimumWidth(240)
        self.refresh()

    def messages(self) -> list[str]:
        """The sentences shown, in order, as a screen reader says them."""
        return [label.accessibleName() for label in self.labels]

    def refresh(self) -> None:
        findings = self.document.findings
        errors = sum(f.is_error for f in findings)
        warnings = len(findings) - errors
        self.title.setText(f"Findings ({len(findings)})")
        if not findings:
            self.summary.setText("\u2713 No errors or warnings. The report is ready to export.")
        else:
            self.summary.setText(f"{errors} error{'s' if errors != 1 else ''} (they block only "
                                 f"the final export), {warnings} warning"
                                 f"{'s' if warnings != 1 else ''}. Click one to go there.")
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, SPACING, 0)
        column.setSpacing(4)
        self.labels = []
        for page in PAGES:
            mine = sorted((f for f in findings if page.owns(f.path)), key=lambda f: not f.is_error)
            if not mine:
                continue
            header = QLabel(f"<b>{_escape(page.heading())}</b> ({len(mine)})", body)
            header.setWordWrap(True)
            header.setContentsMargins(0, SPACING, 0, 0)
            column.addWidget(header)
            for finding in mine:
                label = FindingLabel(finding, body)
                label.clicked.connect(self.activated)
                column.addWidget(label)
                self.labels.append(label)
        column.addStretch(1)
        self.area.setWidget(body)  # the old body is deleted by the scroll area

    def label_for(self, text: str) -> Any:
        return next((label for label in self.labels if text in label.accessibleName()), None)
