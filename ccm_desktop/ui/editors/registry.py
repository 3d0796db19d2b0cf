"""Which editor a kind of value gets: the nearest kind in the class hierarchy that has one
(Money -> NonNegativeDecimal -> ... -> Kind). A kind no entry covers, even one that is not a
Kind at all, gets the plain line of text: an editor always opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ccm_desktop.schema.kinds import (
    AreaM2,
    Choice,
    Currency,
    DateKind,
    Kind,
    Note,
    StateKind,
    YesNo,
)
from ccm_desktop.ui.editors.area import AreaEditor
from ccm_desktop.ui.editors.base import ValueEditor
from ccm_desktop.ui.editors.choices import ChoiceEditor, YesNoEditor
from ccm_desktop.ui.editors.codes import CurrencyEditor, StateEditor
from ccm_desktop.ui.editors.dates import DateEditor
from ccm_desktop.ui.editors.line import LineEditor
from ccm_desktop.ui.editors.notes import NoteEditor

EditorFactory = Callable[[Kind, str, QWidget | None], ValueEditor]

EDITORS: dict[type[Kind], EditorFactory] = {
    Kind: LineEditor,
    Note: NoteEditor,
    AreaM2: AreaEditor,
    DateKind: DateEditor,
    Choice: ChoiceEditor,
    YesNo: YesNoEditor,
    StateKind: StateEditor,
    Currency: CurrencyEditor,
}


def editor_for(kind: Kind, language: str = "en", parent: QWidget | None = None) -> ValueEditor:
    """The editor of `kind`, reading and writing in `language` (a locale: "fr", "en_US")."""
    for klass in type(kind).__mro__:
        factory = EDITORS.get(klass)
        if factory is not None:
            return factory(kind, language, parent)
    return LineEditor(kind, language, parent)


__all__ = ["EDITORS", "EditorFactory", "editor_for"]
