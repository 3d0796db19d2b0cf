"""Only what pyproject.toml cannot say: the repository's `resources/` folder (fonts, State list,
samples, JSON Schema, translations) is installed inside the package as `ccm_desktop/_resources/`,
where `ccm_desktop/resources.py` finds it in a wheel and in the PyInstaller bundle alike."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["ccm_desktop", "ccm_desktop.*"]),
              "ccm_desktop._resources"],
    package_dir={"ccm_desktop._resources": "resources"},
    package_data={
        "*": ["*.json", "*.csv", "*.ttf", "*.ttc", "*.txt", "*.ini", "*.mako", "*.png", "*.svg",
              "*.qm", "*.mo", "*.po", "*.pot"],
        "ccm_desktop._resources": ["**/*"],
        # Named per package: the "*" patterns above did not reach these in a fresh checkout.
        "ccm_desktop.locale": ["*.pot", "*/LC_MESSAGES/*.po"],
        "ccm_desktop.storage.migrations": ["script.py.mako"],
    },
)
