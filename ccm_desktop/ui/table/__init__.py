"""The generic table editor: one model for every table of the report, driven by the schema."""

from ccm_desktop.ui.table.editor import TableEditor

__all__ = ["TableEditor"]
