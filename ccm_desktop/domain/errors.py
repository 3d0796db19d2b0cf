"""The one base of every failure that is the person's to know about, not a bug.

A `UserError` carries one plain sentence (`user_message`, also `str(error)`) that names the file
or database and the place; the window shows it, the command line prints it (exit code 2), and
stored data is untouched. Anything else that escapes is a bug and is reported as one.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message
