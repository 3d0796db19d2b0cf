"""The window (PySide6): the only package that imports Qt."""

from ccm_desktop.ui import pyside_fix

pyside_fix.apply()
