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
    installed = False
    if lang != "en":
        translator = QTranslator(app)  # the application keeps it alive
        translator.setObjectName(_NAME)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(_QT_FILE.get(lang, f"qtbase_{lang}"), folder):
            installed = app.installTranslator(translator)
        else:
            translator.deleteLater()
    # Qt posts a LanguageChange to every window, and the retranslated buttons ask for new
    # layouts: deliver all that now, so that the switch is over when this returns (a layout
    # direction set next is then laid out as quickly as without a translator).
    QCoreApplication.sendPostedEvents()
    return installed
