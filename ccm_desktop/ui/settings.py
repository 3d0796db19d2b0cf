"""What the program remembers between starts: window geometry, the last folder, the language.

A thin wrapper over QSettings so that a test can point it at a file in tmp_path (pass
`Settings.at(path)`), and the rest of the window never spells a settings key twice.
"""

from __future__ import annotations

from pathlib import Path

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
        value = str(self._q.value("ui/language", "en") or "en")
        return value if value in UN_LANGUAGES else "en"

    def set_language(self, lang: str) -> None:
        self._q.setValue("ui/language", lang)

