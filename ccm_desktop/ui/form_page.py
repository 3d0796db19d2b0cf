"""One page of the walk, generated from the schema: a header (form letter, title, articles), the
form's status, a collapsible "What to report here", then the fields (typed editors with their
help) and the tables (the generic TableEditor)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.kinds import DateKind, KindError
from ccm_desktop.schema.model import Field, PathRef, Table, parse_path
from ccm_desktop.ui.deadline_text import all_deadlines
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.editors import DateEditor, ValueEditor, editor_for
from ccm_desktop.ui.editors.base import alive
from ccm_desktop.ui.pages import Page
from ccm_desktop.ui.status_box import StatusBox
from ccm_desktop.ui.style import MUTED, OUTLINE, SPACING, heading_font
from ccm_desktop.ui.table import TableEditor
from ccm_desktop.ui.table.parts import with_unit_symbols

TYPING_PAUSE_MS = 350  # a pause in typing sends the value, so findings follow as you type


class FieldRow(QWidget):
    """The input of one field, with its ⓘ help and the sentence when the text is unreadable.

    It adapts a value editor to a page: as the person types, the value is sent (`changed(value,
    final)`) after a pause, and once more with `final` True when they are done (Enter, leaving
    the field, a pick), which ends one undo step. Text that cannot be read is not sent; the
    sentence under the input says why, and the text stays so that nothing typed vanishes."""

    changed = Signal(object, bool)  # value, final

    def __init__(self, field: Field, editor: ValueEditor, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.editor = editor
        self.lang = lang
        self.shown: Any = None  # the value last shown or sent
        editor.use_on_page()
        help_text = translate(field.help, lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        line = QWidget(self)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(editor, 1)
        self.info = QToolButton(line)
        self.info.setText("\u24d8")
        self.info.setAutoRaise(True)
        self.info.setToolTip(help_text)
        self.info.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.info.setAccessibleName(translate(N_("Help on {label}"), lang).format(
            label=translate(field.label, lang)))
        self.info.clicked.connect(self.show_help)
        row.addWidget(self.info, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(line)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        layout.addWidget(self.message)
        editor.setToolTip(help_text)
        editor.setWhatsThis(help_text)
        editor.set_accessible(translate(field.label, lang), help_text)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(lambda: self.read(final=False))
        editor.edited.connect(self._pause.start)
        editor.committed.connect(lambda: self.read(final=True))

    def read(self, final: bool) -> None:
        """Send the value typed so far (`final`: the person is done with it)."""
        if not alive(self):
            return
        self._pause.stop()
        try:
            value = self.editor.value()
        except KindError:
            self._problem(self.editor.problem())
            return
        self._problem("")
        if final and value is not None:
            self.editor.set_value(value)  # show it as it is kept ("1/3/2024": 2024-03-01)
        if value != self.shown or final:
            self.shown = value
            self.changed.emit(value, final)

    def commit(self) -> None:
        """Send what was typed and not yet sent (the pause after typing has not passed): every
        way out of the window calls this before it saves."""
        if self._pause.isActive():
            self.read(final=True)

    def show_value(self, value: Any) -> None:
        """Show `value` from the document, unless the person is still fixing text that cannot
        be read (the document has nothing there then)."""
        if value is None and self.editor.text().strip() and self.editor.problem():
            return
        self.shown = value
        self.editor.set_value(value)
        self._problem("")

    def show_help(self) -> None:
        QWhatsThis.showText(self.editor.mapToGlobal(self.editor.rect().bottomLeft()),
                            self.editor.whatsThis(), self.editor)

    def _problem(self, text: str) -> None:
        text = with_unit_symbols(text)
        self.message.setText(translate(N_("\u2716 {problem}. It is not kept until it can be read."),
                                       self.lang).format(problem=text) if text else "")
        self.message.setVisible(bool(text))

    def outline(self, on: bool) -> None:
        self.editor.setStyleSheet(f"QLineEdit, QPlainTextEdit, QComboBox {{ border: 2px solid "
                                  f"{OUTLINE}; }}" if on else "")


class FormPage(QScrollArea):
    """A page. The content follows the window's width and wraps (labels above their inputs
    when the row is narrow); on a page narrower than its widest input (a date is never cut)
    the page scrolls sideways too, but going to a place scrolls it up or down only."""

    def __init__(self, document: ReportDocument, page: Page, lang: str = "en",
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.page = page
        self.lang = lang
        self.today = today
        self.rows: dict[str, FieldRow] = {}
        self.tables: dict[str, QWidget] = {}
        self._editing: dict[str, int] = {}  # field id -> typing session number (undo merging)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("page")
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(3 * SPACING, 2 * SPACING, 3 * SPACING, 3 * SPACING)
        outer.setSpacing(SPACING)

        title = QLabel(page.heading(lang), body)
        title.setFont(heading_font(title.font(), 1.5))
        title.setWordWrap(True)
        title.setAccessibleName(page.heading(lang))
        outer.addWidget(title)
        articles = QLabel(translate(page.part.articles, lang), body)
        articles.setStyleSheet(f"color: {MUTED};")
        outer.addWidget(articles)

        self.status: StatusBox | None = None
        if page.is_form:
            self.status = StatusBox(document, page.part, lang, body)
            outer.addWidget(self.status)
        outer.addWidget(self._help_box(body))
        if page.key == "cover":
            self.deadlines = QLabel(body)
            self.deadlines.setWordWrap(True)
            self.deadlines.setTextFormat(Qt.TextFormat.RichText)
            self.deadlines.setObjectName("deadlines")
            outer.addWidget(self.deadlines)

        self.content = QWidget(body)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, SPACING, 0, 0)
        content.setSpacing(2 * SPACING)
        form: QFormLayout | None = None
        for item in page.items:
            if isinstance(item, Table):
                form = None
                content.addWidget(self._table_section(item))
                continue
            if form is None:
                holder = QWidget(self.content)
                form = QFormLayout(holder)
                form.setContentsMargins(0, 0, 0, 0)
                form.setHorizontalSpacing(2 * SPACING)
                form.setVerticalSpacing(SPACING + 4)
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
                content.addWidget(holder)
            row = self._field_row(item)
            label = QLabel(self._label_text(item), self.content)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setMinimumWidth(180)
            label.setMaximumWidth(260)
            label.setBuddy(row.editor)
            form.addRow(label, row)
        outer.addWidget(self.content)
        outer.addStretch(1)
        self._normal_palette = self.content.palette()

        document.changed.connect(self._changed)
        self.refresh()

    # Building ---------------------------------------------------------------------------------

    def _help_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.help_toggle = QToolButton(box)
        self.help_toggle.setText(translate(N_("What to report here"), self.lang))
        self.help_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.help_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.help_toggle.setCheckable(True)
        self.help_toggle.setAutoRaise(True)
        self.help_text = QLabel(translate(self.page.part.help, self.lang), box)
        self.help_text.setWordWrap(True)
        self.help_text.setContentsMargins(2 * SPACING, 0, 0, 0)
        self.help_text.hide()

        def toggle(on: bool) -> None:
            self.help_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
            self.help_text.setVisible(on)

        self.help_toggle.toggled.connect(toggle)
        layout.addWidget(self.help_toggle)
        layout.addWidget(self.help_text)
        return box

    def _label_text(self, field: Field) -> str:
        """The field's label, with "(required)" or "(voluntary)" in the page's language,
        the mark in a quieter colour (rich text)."""
        label = translate(field.label, self.lang)
        if field.required:
            return marked_label(label, translate(N_("{label} (required)"), self.lang))
        if field.voluntary:
            return marked_label(label, translate(N_("{label} (voluntary)"), self.lang))
        return escape(label)

    def _field_row(self, field: Field) -> FieldRow:
        editor = editor_for(field.kind, self.lang, self.content)
        row = FieldRow(field, editor, self.lang, self.content)
        self.rows[field.id] = row
        self._editing[field.id] = 0

        def changed(value: Any, final: bool, field_id: str = field.id) -> None:
            key = (self.page.part.id, field_id, self._editing[field_id])
            self.document.set_value(self.page.part.id, field_id, value, merge_key=key)
            if final:
                self._editing[field_id] += 1

        row.changed.connect(changed)
        return row

    def _table_section(self, table: Table) -> QWidget:
        """The table editor, with its own title, help, row actions and totals."""
        editor = make_table_editor(self.document, self.page.part.id, table.id, self.content)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.tables[table.id] = editor
        return editor

    def commit_editing(self) -> None:
        """Hand on whatever is being typed on this page: a field within its typing pause, the
        not-applicable reason, an open table cell (a cell that cannot be read says why)."""
        for row in self.rows.values():
            row.commit()
        if self.status is not None:
            self.status.commit()
        for table in self.tables.values():
            if isinstance(table, TableEditor):
                table.delegate.commit_open_editor()

    # Following the document -------------------------------------------------------------------

    def _changed(self, path: str) -> None:
        if not path:
            self.refresh()
            return
        ref = parse_path(path)
        if ref.part_id != self.page.part.id:
            if self.page.key == "cover" or ref.attribute is not None or ref.part_id == "cover":
                self._refresh_derived()  # derived fields are worked out from the cover
            return
        if ref.field_id is not None and ref.field_id in self.rows:
            self._show_field(ref.field_id)
        if ref.attribute is not None and self.status is not None:
            self.status.refresh()
            self._grey()
        self._refresh_derived()

    def refresh(self) -> None:
        for field_id in self.rows:
            self._show_field(field_id)
        if self.status is not None:
            self.status.refresh()
        self._grey()
        self._refresh_derived()

    def _show_field(self, field_id: str) -> None:
        row = self.rows[field_id]
        value = self._holder_fields().get(field_id)
        if row.shown != value or value is None:
            row.show_value(value)

    def _holder_fields(self) -> dict[str, Any]:
        return self.document.report.section(self.page.part.id).fields

    def _grey(self) -> None:
        """An unchanged or not-applicable form stays readable but steps back."""
        if self.status is None:
            return
        quiet = self.status.content_is_quiet()
        palette = QPalette(self._normal_palette)
        if quiet:
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                palette.setColor(role, palette.color(QPalette.ColorGroup.Disabled, role))
        self.content.setPalette(palette)

    def _refresh_derived(self) -> None:
        # Derived fields show the value they take when left empty, and from what.
        for row in self.rows.values():
            derive = row.field.derive
            if derive is None or not isinstance(row.editor, DateEditor):
                continue
            default = row.field.derived_value(self.document.report)
            if default is None:
                row.editor.set_placeholder(translate(N_("YYYY-MM-DD"), self.lang))
                continue
            row.editor.set_placeholder(translate(N_("{date} if left empty ({reason})"),
                                                 self.lang).format(
                date=DateKind().format(default, self.lang),
                reason=translate(derive.words, self.lang)))
        if self.page.key == "cover":
            self._show_deadlines()

    def _show_deadlines(self) -> None:
        dues = all_deadlines(self.document.report, self.today, self.lang)
        if not dues:
            self.deadlines.setText(f"<span style='color:{MUTED}'>" + translate(N_(
                "Deadlines appear here once the State and the period are filled in."), self.lang)
                + "</span>")
            return
        lines = []
        for due in dues:
            when = due.when(self.lang)
            if due.late:
                when = f"<b style='color:#b00020'>\u26a0 {when}</b>"
            lines.append(translate(N_("{what}: {when}"), self.lang).format(what=due.label,
                                                                            when=when))
        title = translate(N_("Deadlines"), self.lang)
        self.deadlines.setText(f"<b>{title}</b><br>" + "<br>".join(lines))

    # Going to a place -------------------------------------------------------------------------

    def go_to(self, path: str) -> None:
        """Show and focus the field, cell or status a finding is about, outlined for a moment."""
        ref = parse_path(path)
        target: QWidget | None = None
        if ref.field_id is not None and ref.field_id in self.rows:
            row = self.rows[ref.field_id]
            row.editor.focus_input()
            row.outline(True)
            QTimer.singleShot(2500, row, lambda: row.outline(False))  # not after it is gone
            target = row
        elif ref.table_id is not None and ref.table_id in self.tables:
            table = self.tables[ref.table_id]
            select = getattr(table, "select_cell", None)
            if callable(select):
                select(ref.row, ref.column_id)  # which scrolls the page to the cell
            else:
                table.setFocus()
                target = table
        elif self.status is not None and (ref.attribute is not None or _whole_form(ref)):
            self.status.focus_on(ref.attribute)
            target = self.status
        if target is not None:
            self.show_vertically(target)

    def show_vertically(self, target: QWidget) -> None:
        """Scroll up or down so that `target` (its top, when it is taller than the page) is
        in view; sideways the page stays at its start, where its heading is: a wide table
        scrolls inside itself to the cell (QScrollArea.ensureWidgetVisible would centre the
        table and cut off the heading)."""
        body = self.widget()
        if body is None:
            return
        bar = self.verticalScrollBar()
        top = target.mapTo(body, QPoint(0, 0)).y() - 3 * SPACING
        bottom = top + target.height() + 6 * SPACING
        seen = self.viewport().height()
        if top < bar.value() or bottom - top > seen:
            bar.setValue(top)
        elif bottom > bar.value() + seen:
            bar.setValue(bottom - seen)
        across = self.horizontalScrollBar()
        across.setValue(across.minimum())


def marked_label(label: str, phrase: str) -> str:
    """`phrase` ("{label} (required)", translated as a whole) as rich text: the label as it
    is, the words around it in a quieter colour."""
    before, found, after = phrase.partition("{label}")
    if not found:  # a translation without its placeholder (the catalogue test catches it)
        return escape(label)
    quiet = [f"<span style='color:{MUTED}'>{escape(words)}</span>" if words.strip()
             else escape(words) for words in (before, after)]
    return quiet[0] + escape(label) + quiet[1]


def _whole_form(ref: PathRef) -> bool:
    return ref.field_id is None and ref.table_id is None


def make_table_editor(document: ReportDocument, part_id: str, table_id: str,
                      parent: QWidget | None) -> QWidget:
    return TableEditor(document, part_id, table_id, parent)


__all__ = ["FieldRow", "FormPage", "make_table_editor"]
