"""The Linux bundle as a user receives it: `scripts/build-bundle.sh` builds the archive once per
run (or $CCM_BUNDLE_ARCHIVE names one built earlier in the same run); it is unpacked into an empty
folder whose path has non-ASCII letters, made read-only, and started with an empty HOME (also
non-ASCII), a PATH without any virtual environment and no Python variables.

Marked `slow` (about 1.5 minutes to build); it is not deselected by default and runs in CI."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccm_desktop import __version__
from tests.real_program import grab_screen, have_x_tools, started
from tests.ui.helpers import shots_folder
from tests.ui.test_start_checks import NO_FONTS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "lbn-2011-initial.ccm.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]


@pytest.fixture(scope="module")
def archive() -> Path:
    given = os.environ.get("CCM_BUNDLE_ARCHIVE")
    if given:
        return Path(given)
    started = time.monotonic()
    built = subprocess.run(["bash", str(ROOT / "scripts" / "build-bundle.sh")], cwd=ROOT,
                           capture_output=True, text=True, timeout=1800, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s: {built.stdout.strip()}")
    (path,) = (ROOT / "dist").glob(f"ccm-desktop-{__version__}-linux-*.tar.gz")
    return path


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def installed(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The unpacked program folder, read-only; afterwards nothing in it may have changed."""
    place = tmp_path_factory.mktemp("install") / "Programme Ünïcode ﺑﺮﻧﺎﻣﺞ"
    place.mkdir()
    with tarfile.open(archive) as packed:
        packed.extractall(place, filter="tar")
    folder = place / "ccm-desktop"
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = _tree(folder)
    yield folder
    assert _tree(folder) == before, "the program wrote into its own install folder"


@pytest.fixture
def env(installed: Path, tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home of Zoë Müller ﻧﻮﺭ"
    home.mkdir()
    return {"HOME": str(home), "PATH": f"{installed}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "CCM_DESKTOP_DB": str(home / "fresh database.sqlite3")}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_environment_has_no_python(env: dict[str, str], installed: Path) -> None:
    assert not any(Path(part, "activate").exists() for part in env["PATH"].split(":"))
    assert not set(env) & {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    assert shutil.which("ccm-desktop", path=env["PATH"]) == str(installed / "ccm-desktop")


def test_qts_pdf_module_came_along(installed: Path) -> None:
    """The Preview pane's QtPdf (ui/preview.py imports it when the pane is made): its Python
    modules and Qt's libraries are in the bundle, so Preview shows the pages in the window."""
    names = {path.name for path in installed.rglob("*")}
    for module in ("PySide6.QtPdf", "PySide6.QtPdfWidgets"):
        assert any(name.startswith(module.split(".")[1] + ".") for name in names), module
    for library in ("libQt6Pdf.so", "libQt6PdfWidgets.so"):
        assert any(name.startswith(library) for name in names), library


def test_version(env: dict[str, str], tmp_path: Path) -> None:
    done = _run(["ccm-desktop", "--version"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ccm-desktop {__version__}"


def _sample(installed: Path) -> Path:
    return installed / "_internal" / "ccm_desktop" / "_resources" / "samples" / SAMPLE


# "لبنان" as the PDF carries it: presentation forms (initial, medial, medial, final, isolated).
LEBANON_SHAPED = "\ufedf\ufe92\ufee8\ufe8e\ufee5"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_convert_to_pdf(lang: str, env: dict[str, str], installed: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / f"report {lang}.pdf"
    done = _run(["ccm-desktop", "convert", str(_sample(installed)), "--to", str(target),
                 "--lang", lang], env, tmp_path)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(target)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Lebanon Mine Action Centre" in text
    fonts = {str(font.get("/BaseFont")) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in name for name in fonts), fonts  # our font, from inside the bundle
    first = reader.pages[0].extract_text()
    if lang == "ar":  # the State's name in Arabic letters joined by the shaper inside the bundle
        assert LEBANON_SHAPED in first, first[:300]
    else:
        assert "Lebanon" in first and LEBANON_SHAPED not in first


@pytest.mark.parametrize(("lang", "state"), [("en", "Lebanon"), ("ar", "لبنان")])
def test_convert_to_excel(lang: str, state: str, env: dict[str, str], installed: Path,
                          tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / f"report {lang}.xlsx"
    done = _run(["ccm-desktop", "convert", str(_sample(installed)), "--to", str(target),
                 "--lang", lang], env, tmp_path)
    assert done.returncode == 0, done.stderr
    cover = load_workbook(target)["Cover"]
    title = next(row[1] for row in cover.iter_rows(values_only=True) if row[0] == "ccm:title")
    assert str(title).startswith(state)


def test_desktop_entry(env: dict[str, str], installed: Path, tmp_path: Path) -> None:
    done = _run(["sh", str(installed / "install-desktop-entry.sh")], env, tmp_path)
    assert done.returncode == 0, done.stderr
    data = Path(env["HOME"]) / ".local" / "share"
    entry = (data / "applications" / "ccm-desktop.desktop").read_text(encoding="utf-8")
    assert f'Exec="{installed}/ccm-desktop"' in entry.splitlines()
    assert "Icon=ccm-desktop" in entry.splitlines()
    for size in (16, 32, 48, 256):
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ccm-desktop.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if shutil.which("desktop-file-validate"):
        checked = _run(["desktop-file-validate", str(data / "applications" / "ccm-desktop.desktop")],
                       env, tmp_path)
        assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.skipif(not have_x_tools(),
                    reason="needs Xvfb and xdotool (scripts/install.sh installs them)")
def test_window_without_system_fonts_opens_the_sample_and_quits(
        display: str, env: dict[str, str], tmp_path: Path) -> None:
    """Started as on a machine with no fonts installed: the window draws with the bundle's."""
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text(NO_FONTS.format(cache=tmp_path / "font-cache"), encoding="utf-8")
    env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "XDG_RUNTIME_DIR": str(tmp_path), "FONTCONFIG_FILE": str(no_fonts)}

    with started(["ccm-desktop"], env, tmp_path, tmp_path / "program.log") as program:
        window = program.wait_for_window(60)
        program.open_the_sample(window, 60)
        assert program.xdotool("getwindowname", window).startswith("Croatia")  # the sample
        if shutil.which("xprop"):  # our icon on the window (x11-utils, where installed)
            icon = _run(["xprop", "-id", window, "_NET_WM_ICON"], env, tmp_path).stdout
            assert "Icon (16 x 16)" in icon, icon[:200]
        shot = shots_folder(tmp_path) / "bundle-window.png"
        grabbed = grab_screen(shot, {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        assert grabbed == 0 and shot.stat().st_size > 10_000
        listed = _run(["ccm-desktop", "list"], env, tmp_path)
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 1  # the sample, stored in the fresh database
        program.xdotool("key", "--window", window, "ctrl+q")
        assert program.process.wait(60) == 0
        assert "Traceback" not in program.output()
