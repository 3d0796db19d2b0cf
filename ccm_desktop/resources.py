"""Where the program's own files are: fonts, the State list, the samples, the JSON Schema and
the translations. This is the only place that knows; every module asks `resource_path`.

Two layouts, one rule:
- a checkout of the repository (also an editable install): the `resources/` folder beside the
  package, so the files stay where the team edits them;
- everything that is installed: a wheel from `pip install .` and the PyInstaller bundle both
  carry the same files inside the package as `ccm_desktop/_resources/` (setup.py maps the folder
  there, the bundle's spec copies it there). In the bundle `__file__` points into the unpacked
  folder (`sys._MEIPASS/ccm_desktop/`), so no separate frozen case is needed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def resource_root() -> Path:
    checkout = PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    return PACKAGE / "_resources"


def resource_path(*parts: str) -> Path:
    """The path of one of the program's files, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return resource_root().joinpath(*parts)
