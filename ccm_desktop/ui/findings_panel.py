"""Every error and warning of the open report, grouped by page, live as the user types.
Clicking one (or Enter on it) asks the window to go to the field or cell it is about.

Each finding is a word-wrapped label rather than a tree row: the sentences are long ("Form F,
Clearance, row 4: …") and must be read whole in a narrow panel.

The panel folds into a narrow strip that shows its counts (errors, warnings), so that the page
gets the width on a small screen; a click on the strip (or F7, which checks the report) opens it
again. The window remembers which way it was. With nothing to show, the open panel is a one-line
strip, "✓ No findings", and the page gets the width; it opens as the first finding comes."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.findings import Finding
from ccm_desktop.schema.i18n import N_, language, ntranslate, translate
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.pages import PAGES, Page, findings_on
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, WARNING, heading_font


class FindingLabel(QLabel):
    clicked = Signal(str)

    def __init__(self, finding: Finding, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        mark, colour, word = (("\u2716", ERROR, N_("Error: {finding}")) if finding.is_error
                              else ("\u26a0", WARNING, N_("Warning: {finding}")))
        sentence = finding.text(language(lang))
        super().__init__(f"<span style='color:{colour}'>{mark}</span> {_escape(sentence)}",
                         parent)
        self.finding = finding
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate(word, lang).format(finding=sentence))
        self.setToolTip(translate(N_("Click to go there."), lang))
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


def _counts(errors: int, warnings: int, lang: str) -> str:
    """"2 errors, 1 warning", each count in the language's plural form."""
    number = language(lang).number
    return language(lang).list_separator.join((
        ntranslate("{n} error", "{n} errors", errors, lang).format(n=number(errors)),
        ntranslate("{n} warning", "{n} warnings", warnings, lang).format(n=number(warnings))))


class FindingsStrip(QFrame):
    """The folded panel: a narrow strip with the counts; a click (or Enter) opens the panel."""

    clicked = Signal()

    def __init__(self, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("findingsStrip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(translate(N_("Show the findings (F7 checks the report and shows them "
                                     "too)."), lang))
        self.setStyleSheet("#findingsStrip { background: #eef1f5; border: 1px solid #c9d1dc;"
                           " border-radius: 4px; }"
                           "#findingsStrip:hover, #findingsStrip:focus { background: #e0eaf7; }")
        self.opener = QLabel(self)  # points to where the panel opens
        self.errors = QLabel(self)
        self.warnings = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, SPACING, 2, SPACING)
        layout.setSpacing(SPACING)
        for label in (self.opener, self.errors, self.warnings):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)
        layout.addStretch(1)

    def show_counts(self, errors: int, warnings: int) -> None:
        self.opener.setText("\u00bb" if self.isRightToLeft() else "\u00ab")
        number = language(self.lang).number
        self.errors.setText(f"<span style='color:{ERROR}'>\u2716</span><br>{number(errors)}")
        self.warnings.setText(f"<span style='color:{WARNING}'>\u26a0</span><br>"
                              f"{number(warnings)}")
        counts = _counts(errors, warnings, self.lang)
        self.setAccessibleName(translate(N_("Findings: {counts}. Press Enter to show them."),
                                         self.lang).format(counts=counts))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


SHOWN_AT_FIRST = 50  # findings of a page shown at once; a button shows the next ones


class PageFindings(QWidget):
    """The findings of one page: its heading, the first SHOWN_AT_FIRST, and a button for the
    next ones ("…and 2,912 more."), hidden while the page has none. New findings replace only
    the labels that differ (a long report has thousands of findings; one edit changes few)."""

    activated = Signal(str)

    def __init__(self, page: Page, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, self.lang = page, lang
        self.findings: list[Finding] = []
        self.labels: list[FindingLabel] = []
        self.limit = SHOWN_AT_FIRST
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(4)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(0, SPACING, 0, 0)
        self.column.addWidget(self.header)
        self.more = QPushButton(self)
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setStyleSheet("QPushButton { text-align: left; border: none; color: #1a5fb4;"
                                " padding: 2px 8px; } QPushButton:hover, QPushButton:focus"
                                " { text-decoration: underline; }")
        self.more.clicked.connect(self.show_more)
        self.column.addWidget(self.more)
        self.hide()

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return
        self.findings = findings
        self._show()

    def show_more(self) -> None:
        self.limit += SHOWN_AT_FIRST
        self._show()
        if self.limit - SHOWN_AT_FIRST < len(self.labels):  # the keyboard goes on to the next
            self.labels[self.limit - SHOWN_AT_FIRST].setFocus()

    def _show(self) -> None:
        shown = self.findings[:self.limit]
        matcher = SequenceMatcher(None, [label.finding for label in self.labels], shown,
                                  autojunk=False)
        # From the end backwards, so that the places of the labels before stay as they are.
        for tag, start, end, new_start, new_end in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            for label in self.labels[start:end]:
                self.column.removeWidget(label)
                label.deleteLater()
            new = []
            for offset, finding in enumerate(shown[new_start:new_end]):
                label = FindingLabel(finding, self.lang, self)
                label.clicked.connect(self.activated)
                self.column.insertWidget(1 + start + offset, label)  # after the heading
                new.append(label)
            self.labels[start:end] = new
        number = language(self.lang).number
        self.header.setText(f"<b>{_escape(self.page.heading(self.lang))}</b> "
                            f"({number(len(self.findings))})")
        rest = len(self.findings) - len(shown)
        self.more.setText(translate(N_("…and {count} more."), self.lang).format(
            count=number(rest)))
        self.more.setAccessibleName(self.more.text())
        self.more.setVisible(rest > 0)
        self.setVisible(bool(self.findings))


OPEN_WIDTH = 290  # the open panel's first width
OPEN_MIN_WIDTH = 240
NO_LIMIT = 16_777_215  # QWIDGETSIZE_MAX


class FindingsPanel(QWidget):
    activated = Signal(str)  # the finding's path
    collapsed_changed = Signal(bool)  # folded into the strip (True) or opened (False)

    def __init__(self, document: ReportDocument, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.lang = lang
        self.collapsed = False
        self.open_width = OPEN_WIDTH  # given back when the panel opens again
        self.full = QWidget(self)
        self.title = QLabel(self.full)
        self.title.setFont(heading_font(self.title.font(), 1.1))
        self.hide_button = QToolButton(self.full)
        self.hide_button.setAutoRaise(True)
        self.hide_button.setText("\u00ab" if self.isRightToLeft() else "\u00bb")
        self.hide_button.setToolTip(translate(N_(
            "Fold the findings into a narrow strip, to give the page the width. A click on the "
            "strip or F7 opens them again."), lang))
        self.hide_button.setAccessibleName(translate(N_("Hide findings"), lang))
        self.hide_button.clicked.connect(lambda: self.set_collapsed(True))
        self.summary = QLabel(self.full)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.area = QScrollArea(self.full)
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setAccessibleName(translate(N_("Findings: errors and warnings of the report"),
                                              lang))
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.hide_button)
        layout = QVBoxLayout(self.full)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.area, 1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, SPACING, 0)
        column.setSpacing(4)
        self.sections: list[PageFindings] = []
        for page in PAGES:
            section = PageFindings(page, lang, body)
            section.activated.connect(self.activated)
            column.addWidget(section)
            self.sections.append(section)
        column.addStretch(1)
        self.area.setWidget(body)
        self.strip = FindingsStrip(lang, self)
        self.strip.clicked.connect(lambda: self.set_collapsed(False))
        self.strip.hide()
        self.none_line = QLabel(self)  # the panel with nothing to show
        self.none_line.setObjectName("noFindings")
        self.none_line.setText(translate(N_("\u2713 No findings"), lang))
        self.none_line.setToolTip(translate(N_(
            "No errors or warnings. The report is ready to export; findings appear here as "
            "you type."), lang))
        self.none_line.setAccessibleName(self.none_line.toolTip())
        self.none_line.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.none_line.setContentsMargins(0, 2, 0, 0)
        self.none_line.hide()
        self.empty = False  # nothing to show: the one-line strip
        outer = QHBoxLayout(self)
        outer.setContentsMargins(SPACING, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.full)
        outer.addWidget(self.strip)
        outer.addWidget(self.none_line)
        document.findings_changed.connect(self._findings_changed)
        self.setMinimumWidth(OPEN_MIN_WIDTH)
        self.refresh()

    def strip_width(self) -> int:
        """The folded panel's width: the counts of a long report (four digits) fit."""
        digits = self.strip.fontMetrics().horizontalAdvance("0000")
        return SPACING + max(36, digits + 12)  # the panel's leading margin, the strip

    def none_width(self) -> int:
        """The width of the panel with nothing to show: its one line."""
        metrics = self.none_line.fontMetrics()
        return SPACING + metrics.horizontalAdvance(self.none_line.text()) + SPACING

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the panel into the strip or open it again; in a splitter the page beside it
        takes (or gives back) the width."""
        if collapsed == self.collapsed:
            return
        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self._arrange(collapsed, self.empty)
        if had_focus:  # the keyboard stays on the panel
            (self.strip if collapsed else self.hide_button).setFocus()
        self.collapsed_changed.emit(collapsed)

    def _arrange(self, collapsed: bool, empty: bool) -> None:
        """Show the panel open, folded into the strip of counts, or (open with nothing to
        show) as its one line; the page beside it in a splitter takes or gives the width."""
        was_narrow = self.collapsed or self.empty
        parent = self.parentWidget()
        splitter = parent if isinstance(parent, QSplitter) else None
        sizes = splitter.sizes() if splitter is not None else []
        index = splitter.indexOf(self) if splitter is not None else -1
        laid_out = (index > 0 and sum(sizes) > 0  # not before the splitter has its width
                    and splitter is not None and splitter.isVisible())
        if not was_narrow and (collapsed or empty) and laid_out \
                and sizes[index] >= OPEN_MIN_WIDTH:  # the width it had open (not a restored one)
            self.open_width = sizes[index]
        self.collapsed, self.empty = collapsed, empty
        self.full.setVisible(not collapsed and not empty)
        self.strip.setVisible(collapsed)
        self.none_line.setVisible(empty and not collapsed)
        width = (self.strip_width() if collapsed else self.none_width() if empty
                 else None)
        if width is not None:
            self.setFixedWidth(width)
        else:
            self.setMinimumWidth(OPEN_MIN_WIDTH)
            self.setMaximumWidth(NO_LIMIT)
        if laid_out:
            self._take_width(width if width is not None else self.open_width)

    def _take_width(self, width: int) -> None:
        """Make the panel's place in the splitter `width` wide; the page before it takes or
        gives the difference."""
        parent = self.parentWidget()
        if not isinstance(parent, QSplitter):
            return
        sizes = parent.sizes()
        index = parent.indexOf(self)
        if index <= 0 or sum(sizes) <= 0 or sizes[index] == width:
            return
        sizes[index - 1] = max(0, sizes[index - 1] + sizes[index] - width)
        sizes[index] = width
        parent.setSizes(sizes)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """The splitter's first widths are set without knowing that the panel is narrow
        (folded, or with nothing to show): the page takes what the panel does not use."""
        super().showEvent(event)
        if self.collapsed or self.empty:
            QTimer.singleShot(0, self, self._fit_narrow)

    def _fit_narrow(self) -> None:
        if self.collapsed or self.empty:
            self._take_width(self.width())

    def messages(self) -> list[str]:
        """The sentences shown, in order, as a screen reader says them."""
        return [label.accessibleName() for label in self.labels]

    @property
    def labels(self) -> list[FindingLabel]:
        """The findings shown, in order."""
        return [label for section in self.sections for label in section.labels]

    def _findings_changed(self) -> None:
        self.refresh(self.document.findings_changed_parts)

    def refresh(self, parts: Iterable[str] | None = None) -> None:
        """Show the findings again: of every page, or only of the pages of `parts` (those whose
        findings changed); a page whose findings are as shown is left alone."""
        findings = self.document.findings
        errors = sum(f.is_error for f in findings)
        warnings = len(findings) - errors
        lang = self.lang
        number = language(lang).number
        if (not findings) != self.empty:
            self._arrange(self.collapsed, not findings)
        self.title.setText(translate(N_("Findings ({n})"), lang).format(n=number(len(findings))))
        self.strip.show_counts(errors, warnings)
        if not findings:
            self.summary.setText(translate(N_("\u2713 No errors or warnings. The report is ready "
                                              "to export."), lang))
        else:
            self.summary.setText(translate(N_(
                "{counts}. Errors block only the final export. Click one to go there."),
                lang).format(counts=_counts(errors, warnings, lang)))
        wanted = None if parts is None else set(parts)
        for page, section in zip(PAGES, self.sections, strict=True):
            if wanted is None or page.part.id in wanted:
                mine = findings_on(page, self.document.findings_of(page.part.id))
                section.show_findings(sorted(mine, key=lambda f: not f.is_error))
