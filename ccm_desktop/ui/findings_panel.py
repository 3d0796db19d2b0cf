"""Every error and warning of the open report, grouped by page, live as the user types.
Clicking one (or Enter) asks the window to go to the field or cell it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ccm_desktop.domain.findings import Finding
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.pages import PAGES
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, WARNING, heading_font

PATH_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    activated = Signal(str)  # the finding's path

    def __init__(self, document: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.title = QLabel(self)
        self.title.setFont(heading_font(self.title.font(), 1.1))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(12)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setAccessibleName("Findings: errors and warnings of the report")
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addStretch(0)
        self.tree.itemClicked.connect(self._go)
        self.tree.itemActivated.connect(self._go)
        document.findings_changed.connect(self.refresh)
        self.setMinimumWidth(240)
        self.refresh()

    def _go(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, PATH_ROLE)
        if isinstance(path, str):
            self.activated.emit(path)

    def messages(self) -> list[str]:
        """The sentences shown, in order (for tests and screen readers)."""
        out = []
        for group in self._groups():
            for j in range(group.childCount()):
                child = group.child(j)
                if child is not None:
                    out.append(str(child.data(0, Qt.ItemDataRole.AccessibleTextRole)))
        return out

    def _groups(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

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
        collapsed = {g.text(0).split(" (")[0] for g in self._groups() if not g.isExpanded()}
        self.tree.clear()
        self.tree.setVisible(bool(findings))
        for page in PAGES:
            mine = [f for f in findings if page.owns(f.path)]
            if not mine:
                continue
            name = page.heading()
            group = QTreeWidgetItem(self.tree, [f"{name} ({len(mine)})"])
            group.setFirstColumnSpanned(True)
            group.setData(0, PATH_ROLE, mine[0].path)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for finding in sorted(mine, key=lambda f: not f.is_error):
                self._add(group, finding)
            group.setExpanded(name not in collapsed)

    def _add(self, group: QTreeWidgetItem, finding: Finding) -> None:
        mark, colour, word = (("\u26d4", ERROR, "Error") if finding.is_error
                              else ("\u26a0", WARNING, "Warning"))
        item = QTreeWidgetItem(group, [f"{mark} {finding.message}"])
        item.setForeground(0, QBrush(QColor(colour)))
        item.setData(0, PATH_ROLE, finding.path)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{word}: {finding.message}")
        item.setToolTip(0, finding.message)
