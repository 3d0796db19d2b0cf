"""What the program remembers between starts: window geometry, the last folder, the language.

A thin wrapper over QSettings so that a test can point it at a file in tmp_path (pass
`Settings.at(path)`), and the rest of the window never spells a settings key twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRect, QSettings

from ccm_desktop.schema.i18n import UN_LANGUAGES


class Settings:
    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    @classmethod
    def default(cls) -> Settings:
        return cls(QSettings("ccm-desktop", "ccm-desktop"))

    @classmethod
    def at(cls, path: str | Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self._q.sync()

    # Window -----------------------------------------------------------------------------------

    def window_place(self) -> tuple[QRect, QRect | None, bool] | None:
        """The window's last size and place when not maximised, the same with its frame (title
        bar, borders; None when not known), and whether it was maximised."""
        rect = self._q.value("window/rect")
        if not isinstance(rect, QRect) or rect.isEmpty():
            return None
        frame = self._q.value("window/frame")
        return (rect, frame if isinstance(frame, QRect) and frame.contains(rect) else None,
                str(self._q.value("window/maximised", "false")).lower() == "true")

    def set_window_place(self, rect: QRect, frame: QRect | None, maximised: bool) -> None:
        self._q.setValue("window/rect", rect)
        if frame is not None:
            self._q.setValue("window/frame", frame)
        self._q.setValue("window/maximised", "true" if maximised else "false")

    def splitter_state(self) -> QByteArray | None:
        value = self._q.value("window/splitter")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_splitter_state(self, data: QByteArray) -> None:
        self._q.setValue("window/splitter", data)

    def findings_collapsed(self) -> bool:
        """Whether the findings panel was folded into its strip."""
        return str(self._q.value("window/findings_collapsed", "false")).lower() == "true"

    def set_findings_collapsed(self, collapsed: bool) -> None:
        self._q.setValue("window/findings_collapsed", "true" if collapsed else "false")

    # Files ------------------------------------------------------------------------------------

    def last_folder(self) -> str:
        value = self._q.value("files/last_folder", "")
        folder = str(value or "")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def remember_folder(self, file_path: str | Path) -> None:
        path = Path(file_path)
        self._q.setValue("files/last_folder", str(path if path.is_dir() else path.parent))

    # Language ---------------------------------------------------------------------------------

    def language(self) -> str:
        """The language chosen in View > Language; before any choice (the first start), the
        system's language if it is one of the six, else English."""
        value = str(self._q.value("ui/language", "") or "")
        return value if value in UN_LANGUAGES else system_language()

    def set_language(self, lang: str) -> None:
        self._q.setValue("ui/language", lang)

    # Where reports go (README, ui/recipients_dialog.py): a submission package's e-mail draft --

    def mail_to(self) -> tuple[str, ...]:
        """Recipients of a submission's e-mail draft; the UN's address unless changed."""
        from ccm_desktop.exchange.package import DEFAULT_TO

        return _addresses(self._q.value("submission/to", "")) or DEFAULT_TO

    def mail_cc(self) -> tuple[str, ...]:
        """Its copies: the Implementation Support Unit unless changed (an empty list is kept)."""
        from ccm_desktop.exchange.package import DEFAULT_CC

        if not self._q.contains("submission/cc"):
            return DEFAULT_CC
        return _addresses(self._q.value("submission/cc", ""))

    def set_mail_recipients(self, to: list[str], cc: list[str]) -> None:
        self._q.setValue("submission/to", ", ".join(to))
        self._q.setValue("submission/cc", ", ".join(cc))


def _addresses(value: object) -> tuple[str, ...]:
    return tuple(a.strip() for a in str(value or "").split(",") if a.strip())


def system_language(locale: Any = None) -> str:
    """One of the six languages for the system's locale (QLocale.system()): "fr_CA" is French,
    "zh_TW" Chinese; any other language is English."""
    from PySide6.QtCore import QLocale

    locale = locale if locale is not None else QLocale.system()
    code = locale.name().split("_")[0].lower()
    return code if code in UN_LANGUAGES else "en"
