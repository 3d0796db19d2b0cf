"""The one base of every failure that is the person's to know about, not a bug.

A `UserError` carries one plain sentence that names the file or database and the place: a
`Message` (a template marked with N_ and its parameters, `said`), written in the reader's
language at the edge with `text_in(language)` (the window's language; the command line's
--lang or the locale). `user_message`, also `str(error)`, is the sentence in English. The
window shows it, the command line prints it (exit code 2), and stored data is untouched.
Anything else that escapes is a bug and is reported as one.
"""

from __future__ import annotations

from ccm_desktop.domain.messages import Language, Message


class UserError(Exception):
    def __init__(self, message: str | Message) -> None:
        self.said = message if isinstance(message, Message) else Message(message)
        english = self.said.text()
        super().__init__(english)
        self.user_message = english

    def text_in(self, language: Language) -> str:
        """The sentence in the reader's language."""
        return self.said.text(language)
