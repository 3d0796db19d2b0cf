"""Qt's own words (standard buttons, file dialogs, context menus) in the window's language.

PySide6 ships Qt's translations (`qtbase_<lang>.qm`); the one for the window's language is
installed when the language is set, and replaced when it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_NAME = "ccm-desktop-qtbase"
_QT_FILE = {"zh": "qtbase_zh_CN"}


def apply_qt_language(lang: str, app: QCoreApplication | None = None) -> bool:
    """Install Qt's translation for `lang` in place of the previous one; English needs none.
    True when a translation is installed."""
    app = app or QCoreApplication.instance()
    if app is None:
        return False
    for old in app.findChildren(QTranslator, _NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    if lang == "en":
        return False
    translator = QTranslator(app)  # the application keeps it alive
    translator.setObjectName(_NAME)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(_QT_FILE.get(lang, f"qtbase_{lang}"), folder):
        translator.deleteLater()
        return False
    return app.installTranslator(translator)
