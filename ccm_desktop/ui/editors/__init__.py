"""The editors of values, one family for the fields of a page and the cells of a table.

`editor_for(kind, language)` gives the editor of a kind (registry.py); every editor has the
interface of `ValueEditor` (base.py), and each family of kinds has its module: one line of text
(line.py), areas (area.py), dates (dates.py), notes (notes.py), lists (choices.py), State and
currency codes (codes.py). A page of fields adapts them in ui/form_page.py, a table in
ui/table/delegate.py.
"""

from ccm_desktop.ui.editors.area import AreaEditor
from ccm_desktop.ui.editors.base import ValueEditor
from ccm_desktop.ui.editors.choices import ChoiceEditor, YesNoEditor
from ccm_desktop.ui.editors.codes import CurrencyEditor, StateEditor
from ccm_desktop.ui.editors.dates import DateEditor
from ccm_desktop.ui.editors.line import LineEditor
from ccm_desktop.ui.editors.notes import NoteEditor
from ccm_desktop.ui.editors.registry import EDITORS, editor_for

__all__ = [
    "EDITORS",
    "AreaEditor",
    "ChoiceEditor",
    "CurrencyEditor",
    "DateEditor",
    "LineEditor",
    "NoteEditor",
    "StateEditor",
    "ValueEditor",
    "YesNoEditor",
    "editor_for",
]
