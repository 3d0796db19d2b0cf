"""Renders resources/icons/ccm-desktop.svg to PNGs (16 to 256 px) with Qt's own SVG renderer,
so the build needs nothing beyond the project's dependencies.

    python packaging/render_icons.py OUT_FOLDER   ->  OUT_FOLDER/ccm-desktop-<size>.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "ccm-desktop.svg"


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([])  # noqa: F841 - the renderer needs an application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / f"ccm-desktop-{size}.png"
        if not image.save(str(target)):
            raise SystemExit(f"{target}: could not be written")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
