"""The one error every reader raises for a file it cannot read."""

from __future__ import annotations


class UnreadableFile(Exception):
    """A file that cannot be read as a report. `str(e)` is one plain sentence naming the file
    and, where it applies, the place in it (JSON path, or sheet/row/column)."""

    def __init__(self, filename: str, problem: str, where: str | None = None) -> None:
        self.filename = filename
        self.problem = problem
        self.where = where
        at = f" at {where}" if where else ""
        super().__init__(f"{filename}{at}: {problem}")


def is_encodable(text: str) -> bool:
    """Whether `text` can be written as UTF-8 (no lone surrogate, as a "\\ud800" JSON escape or an
    Excel "_xD800_" escape gives): such text is refused on reading, never stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
