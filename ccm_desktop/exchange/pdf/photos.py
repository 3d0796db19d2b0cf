"""Photographs of Form C, printed under their row, scaled to fit, captioned with the file name."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from ccm_desktop.domain.report import Attachment
from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.flowables import draw_runs
from ccm_desktop.exchange.pdf.styles import TextStyle

MAX_PIXELS = 1600  # longest side kept: about 300 dpi at the printed size
MAX_WIDTH = 53 * mm  # three side by side on a portrait page
MAX_HEIGHT = 42 * mm
GAP = 5 * mm
CAPTION_GAP = 1.5


@dataclass
class Photo:
    caption: str
    image: ImageReader | None = None
    pixels: tuple[int, int] = (0, 0)


def load_photo(attachment: Attachment, unreadable_note: str) -> Photo:
    """The attachment as a printable image (re-encoded when it is large, rotated by its EXIF
    orientation, or not JPEG/PNG), or a caption alone when it is not an image we can read."""
    try:
        with Image.open(io.BytesIO(attachment.data)) as img:
            img.load()
            orientation = img.getexif().get(0x0112, 1)
            fine = (img.format in ("JPEG", "PNG") and max(img.size) <= MAX_PIXELS
                    and orientation == 1 and img.mode in ("RGB", "L"))
            if fine:
                return Photo(attachment.filename, ImageReader(io.BytesIO(attachment.data)),
                             img.size)
            picture = ImageOps.exif_transpose(img) or img
            picture.thumbnail((MAX_PIXELS, MAX_PIXELS))
            if picture.mode in ("RGBA", "LA", "P", "PA"):
                picture = picture.convert("RGBA")
                background = Image.new("RGB", picture.size, "white")
                background.paste(picture, mask=picture.getchannel("A"))
                picture = background
            elif picture.mode not in ("RGB", "L"):
                picture = picture.convert("RGB")
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=85)
            return Photo(attachment.filename, ImageReader(io.BytesIO(out.getvalue())),
                         picture.size)
    except Exception:  # noqa: BLE001 - any undecodable file is printed as its name
        return Photo(f"{attachment.filename} ({unreadable_note})")


@dataclass
class _Box:
    photo: Photo
    width: float
    image_width: float
    image_height: float
    caption: list[shaping.Line]
    height: float


class PhotoStrip(Flowable):  # type: ignore[misc]
    """Photos side by side, wrapping onto further lines; splits between lines of photos."""

    def __init__(self, photos: list[Photo], caption_style: TextStyle, align: str = "left",
                 rows: list[list[_Box]] | None = None) -> None:
        super().__init__()
        self.photos = photos
        self.caption_style = caption_style
        self.align = align
        self._rows = rows
        self._fixed = rows is not None
        self._laid = -1.0
        self.width = self.height = 0.0

    def _box(self, photo: Photo, avail: float) -> _Box:
        style = self.caption_style
        if photo.image is not None and photo.pixels[0] and photo.pixels[1]:
            w_px, h_px = photo.pixels
            scale = min(min(MAX_WIDTH, avail) / w_px, MAX_HEIGHT / h_px)
            width, image_height = w_px * scale, h_px * scale
        else:
            width, image_height = min(MAX_WIDTH, avail), 0.0
        caption = shaping.lay_out(photo.caption, max(width, 30 * mm if avail >= 30 * mm
                                                     else avail), style.bold, style.size)
        image_width = width
        width = max(width, max((line.width for line in caption), default=0.0))
        height = image_height + (CAPTION_GAP if image_height else 0) + len(caption) * style.leading
        return _Box(photo, width, image_width, image_height, caption, height)

    def _lay_out(self, avail: float) -> list[list[_Box]]:
        if self._rows is not None and (self._fixed or abs(self._laid - avail) < 0.01):
            return self._rows
        rows: list[list[_Box]] = []
        used = 0.0
        for photo in self.photos:
            box = self._box(photo, avail)
            if rows and used + GAP + box.width <= avail:
                rows[-1].append(box)
                used += GAP + box.width
            else:
                rows.append([box])
                used = box.width
        self._rows, self._laid = rows, avail
        return rows

    @staticmethod
    def _row_height(row: list[_Box]) -> float:
        return max(box.height for box in row)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        rows = self._lay_out(avail_width)
        self.width = avail_width
        self.height = sum(self._row_height(r) for r in rows) + GAP * max(len(rows) - 1, 0)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        rows = self._lay_out(avail_width)
        used, fit = 0.0, 0
        for row in rows:
            extra = self._row_height(row) + (GAP if fit else 0.0)
            if used + extra > avail_height:
                break
            used += extra
            fit += 1
        if fit == 0 or fit == len(rows):
            return []
        return [PhotoStrip(self.photos, self.caption_style, self.align, rows[:fit]),
                PhotoStrip(self.photos, self.caption_style, self.align, rows[fit:])]

    def draw(self) -> None:
        canvas = self.canv
        style = self.caption_style
        top = self.height
        for row in self._rows or []:
            row_width = sum(b.width for b in row) + GAP * (len(row) - 1)
            x = self.width - row_width if self.align == "right" else 0.0
            for box in row:
                y = top - box.image_height
                if box.photo.image is not None and box.image_height:
                    canvas.drawImage(box.photo.image, x, y, box.image_width, box.image_height)
                    y -= CAPTION_GAP
                canvas.setFillColor(style.color)
                for i, line in enumerate(box.caption):
                    baseline = y - style.size - i * style.leading
                    draw_runs(canvas, line.runs, x, baseline, style.size)
                x += box.width + GAP
            top -= self._row_height(row) + GAP
