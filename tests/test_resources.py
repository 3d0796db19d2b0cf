"""One lookup for the program's own files (ccm_desktop/resources.py), from the checkout and from
a real wheel built by `pip wheel .` (what a non-editable `pip install .` installs)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ccm_desktop.resources import resource_path, resource_root

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ccm_desktop"


def test_the_checkout_uses_the_resources_folder_beside_the_package() -> None:
    assert resource_root() == ROOT / "resources"
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("states", "ccm-states.csv").is_file()


def test_the_modules_ask_the_one_lookup() -> None:
    from ccm_desktop.exchange.json_schema import SHIPPED
    from ccm_desktop.exchange.pdf.fonts import FONT_DIR
    from ccm_desktop.schema.states import STATES_CSV
    from ccm_desktop.ui.main_window import SAMPLES_DIR

    for path in (SHIPPED, FONT_DIR, STATES_CSV, SAMPLES_DIR):
        assert path.is_relative_to(resource_root()) and path.exists(), path


def test_no_second_copy_of_the_path_logic() -> None:
    """No module outside resources.py climbs out of the package to reach `resources/`."""
    climbing = re.compile(r"parents\[\d\]\s*/\s*[\"']resources[\"']")
    found = [p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")
             if climbing.search(p.read_text(encoding="utf-8"))]
    assert found == []
    assert climbing.search('X = Path(__file__).resolve().parents[2] / "resources" / "fonts"')


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("ccm_desktop-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_a_wheel_carries_the_resources_inside_the_package(unpacked_wheel: Path) -> None:
    inside = unpacked_wheel / "ccm_desktop" / "_resources"
    for name in [p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*")
                 if p.is_file()]:
        assert (inside / name).is_file(), name
    assert (unpacked_wheel / "ccm_desktop" / "storage" / "migrations" / "script.py.mako").is_file()


def test_a_wheel_carries_the_translation_catalogues(unpacked_wheel: Path) -> None:
    locale = ROOT / "ccm_desktop" / "locale"
    catalogues = [p.relative_to(ROOT) for p in locale.rglob("*.po*")]
    assert len(catalogues) >= 6  # the template and one catalogue per language but English
    for name in catalogues:
        assert (unpacked_wheel / name).is_file(), name


def test_an_installed_copy_finds_its_files_and_writes_a_pdf(unpacked_wheel: Path,
                                                            tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel), "HOME": str(tmp_path)}
    probe = ("import ccm_desktop.resources as r, ccm_desktop.cli as cli, sys\n"
             "print(r.resource_root())\n"
             "cli.main(['convert', sys.argv[1], '--to', sys.argv[2], '--lang', 'ar'])\n")
    sample = ROOT / "resources" / "samples" / "lbn-2011-initial.ccm.json"
    target = tmp_path / "out.pdf"
    done = subprocess.run([sys.executable, "-c", probe, str(sample), str(target)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.splitlines()[0]) == unpacked_wheel / "ccm_desktop" / "_resources"
    assert target.read_bytes().startswith(b"%PDF")
