"""The one error every reader raises for a file it cannot read."""

from __future__ import annotations

from ccm_desktop.domain.errors import UserError


class UnreadableFile(UserError):
    """A file that cannot be read as a report. `str(e)` is one plain sentence naming the file
    and, where it applies, the place in it (JSON path, or sheet/row/column)."""

    def __init__(self, filename: str, problem: str, where: str | None = None) -> None:
        self.filename = filename
        self.problem = problem
        self.where = where
        at = f" at {where}" if where else ""
        super().__init__(f"{filename}{at}: {problem}")
