"""Photographs (and documents) attached to table rows: reading files and drawing thumbnails.

Files are stored once in the report (`document.add_attachment`); a cell holds the list of ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.report import Report
from ccm_desktop.schema.i18n import N_

THUMBNAIL_HEIGHT = 40
MAX_FILE_BYTES = 20 * 1024 * 1024

# The first bytes of the files we accept; the name's extension alone can lie.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)

FILE_FILTER = N_("Photos and PDF documents (*.jpg *.jpeg *.png *.pdf);;Photos (*.jpg *.jpeg *.png)")


@dataclass(frozen=True)
class LoadedFile:
    filename: str
    media_type: str
    data: bytes


class UnusableFile(UserError, ValueError):
    """The file cannot be attached; the message is a sentence naming the file."""


def media_type_of(data: bytes) -> str | None:
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    return None


def load_file(path: str | Path) -> LoadedFile:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnusableFile(N_("“{name}” is larger than 20 MB; make the photo smaller and "
                                  "attach it again.").format(name=path.name))
        data = path.read_bytes()
    except OSError as problem:
        raise UnusableFile(N_("“{name}” could not be read ({why}).").format(
            name=path.name, why=problem.strerror or problem)) from None
    media_type = media_type_of(data)
    if media_type is None:
        raise UnusableFile(N_("“{name}” is not a JPEG or PNG photo or a PDF document.").format(
            name=path.name))
    return LoadedFile(path.name, media_type, data)


class ThumbnailCache:
    """Scaled pictures of attachments, made once per attachment (they never change)."""

    def __init__(self, height: int = THUMBNAIL_HEIGHT) -> None:
        self.height = height
        self._cache: dict[str, QPixmap] = {}

    def thumbnail(self, report: Report, attachment_id: str) -> QPixmap:
        cached = self._cache.get(attachment_id)
        if cached is not None:
            return cached
        attachment = report.attachments.get(attachment_id)
        pixmap = QPixmap()
        if attachment is not None and attachment.media_type.startswith("image/"):
            pixmap.loadFromData(attachment.data)
        if pixmap.isNull():
            pixmap = self._document_icon()
        else:
            pixmap = pixmap.scaledToHeight(self.height, Qt.TransformationMode.SmoothTransformation)
            if pixmap.width() > 2 * self.height:
                pixmap = pixmap.scaled(QSize(2 * self.height, self.height),
                                       Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
        self._cache[attachment_id] = pixmap
        return pixmap

    def _document_icon(self) -> QPixmap:
        style = QApplication.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return icon.pixmap(QSize(self.height * 3 // 4, self.height * 3 // 4))
