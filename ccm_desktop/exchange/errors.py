"""The one error every reader raises for a file it cannot read."""

from __future__ import annotations

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.messages import Language, Message, Words, format_value
from ccm_desktop.schema.i18n import N_, language, translate


class UnreadableFile(UserError):
    """A file that cannot be read as a report. `str(e)` is one plain sentence naming the file
    and, where it applies, the place in it (JSON path, or sheet/row/column), in English;
    `text(lang)` is the same sentence in the reader's language. The problem is a `Message`
    (a template marked with N_ and its parameters) or, from older code, a plain English phrase
    looked up in the catalogue as it is. File names and JSON paths are never translated; a
    place in a workbook ("sheet F, row 12") is `Words` and reads in the reader's language."""

    def __init__(self, filename: str, problem: str | Message,
                 where: str | Message | Words | None = None) -> None:
        self.filename = filename
        self.message = problem if isinstance(problem, Message) else Message(problem)
        self.problem = self.message.text()
        self.where = where
        super().__init__(self.text("en"))

    def text_in(self, language: Language) -> str:
        return self.text(language.code)

    def place(self, lang: str = "en") -> str:
        """Where in the file, in `lang` ("" when the whole file is meant)."""
        return format_value(self.where, language(lang)) if self.where else ""

    def text(self, lang: str = "en") -> str:
        problem = self.message.text(language(lang))
        if self.where:
            return translate(N_("{file} at {place}: {problem}"), lang).format(
                file=self.filename, place=self.place(lang), problem=problem)
        return translate(N_("{file}: {problem}"), lang).format(file=self.filename,
                                                                problem=problem)


def is_encodable(text: str) -> bool:
    """Whether `text` can be written as UTF-8 (no lone surrogate, as a "\\ud800" JSON escape or an
    Excel "_xD800_" escape gives): such text is refused on reading, never stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unencodable_text_in(value: object) -> bool:
    """Whether any text in `value` (a report, its dataclasses, dicts, lists; keys too) cannot be
    written as UTF-8. A last check after reading, behind the readers' per-cell checks."""
    from dataclasses import fields, is_dataclass

    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not is_encodable(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in fields(item))
    return False
