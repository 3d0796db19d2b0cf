"""The checks behind tests/test_i18n_catalogues.py, as functions that take the files to check, so
that the tests can run them on planted copies too.

- `catalogue_problems`: what is wrong with one language's .po against the template: a string
  missing, empty or fuzzy, identical to English where it should not be, or with placeholders
  that differ from the English ones.
- `unmarked_strings`: literals a person sees (Qt texts, titles, tool tips, message boxes, the
  command line's sentences) that are not wrapped in `N_`, `translate` or `_`.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

# The keywords of scripts/update-catalogues.sh.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"N_": None, "translate": (1,), "_": None,
                                               "ntranslate": (1, 2), "nmessage": (1, 2)}

# Strings that are the same in every language: codes, units, references, names.
SAME_EVERYWHERE = frozenset({
    "ISO 3166", "ISO 3166-1 alpha-3", "ISO 4217", "WGS84", "m²", "km²", "ha", "EUR", "USD",
    "E-mail", "Fax", "OK", "PDF", "Excel", "JSON", "ccm-desktop",
})
# Strings that are legitimately spelled the same in one language (checked by a native reader).
SAME_IN = {
    "fr": frozenset({"Institution", "Total", "Type", "Contact", "Date", "Notes", "Article",
                     "page {n}"}),
    "es": frozenset({"Total", "Notas", "Error", "No", "Material"}),
    "ru": frozenset(),
    "zh": frozenset(),
    "ar": frozenset(),
}

_LETTERS = re.compile(r"[^\W\d_]")

# Words that are not the Convention's own terms in a language (its texts say « armes à
# sous-munitions », «кассетные боеприпасы», «municiones en racimo», "الذخائر العنقودية",
# "集束弹药"), nor the catalogue's chosen word for a report («доклад», "informe").
OFF_TERMS = {
    "fr": re.compile(r"munitions? en grappe|bombes? à sous-munitions|armes? à fragmentation",
                     re.IGNORECASE),
    "es": re.compile(r"bombas? de racimo|municiones? de racimo|\breportes?\b", re.IGNORECASE),
    "ru": re.compile(r"кластерн|\bотч[её]т(?!н)", re.IGNORECASE),
    "zh": re.compile(r"集束炸弹|子母弹"),
    "ar": re.compile(r"القنابل العنقودية"),
}


def msgid_of(entry_id: str | tuple[str, ...] | list[str]) -> str:
    """A message's key: its msgid, or the singular of a plural message."""
    return entry_id if isinstance(entry_id, str) else str(entry_id[0])


def read_catalogue_file(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def placeholders(text: str) -> list[str]:
    """The named fields of a str.format template, sorted ("{row}", "{value}" -> ["row", "value"])."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return ["<unbalanced braces>"]


def _needs_translation(msgid: str, lang: str) -> bool:
    without_fields = re.sub(r"\{[^}]*\}", "", msgid)
    if not _LETTERS.search(without_fields):
        return False  # only placeholders, numbers and punctuation
    return msgid not in SAME_EVERYWHERE and msgid not in SAME_IN.get(lang, frozenset())


def catalogue_problems(template: Path, po: Path, lang: str, *,
                       completeness: bool = True) -> list[str]:
    """One line per problem of `po` against `template`; with completeness=False only the
    problems of the strings that are translated (placeholders) and entries gone missing."""
    english = {msgid_of(m.id): m.id for m in read_catalogue_file(template) if m.id}
    expected = set(english)
    catalogue = read_catalogue_file(po)
    problems = []
    found = {msgid_of(m.id): m for m in catalogue if m.id}
    for msgid in sorted(expected - set(found)):
        problems.append(f"{lang}: not in the catalogue (run scripts/update-catalogues.sh): {msgid!r}")
    for msgid in sorted(expected & set(found)):
        entry = found[msgid]
        # A plural message has a form per count class; each keeps the placeholders of the plural.
        forms = [entry.string] if isinstance(entry.string, str) else list(entry.string or [])
        source = english[msgid]
        wanted = placeholders(source if isinstance(source, str) else source[-1])
        if not forms or not all(forms) or entry.fuzzy:
            if completeness:
                why = "fuzzy (to review)" if any(forms) else "not translated"
                problems.append(f"{lang}: {why}: {msgid!r}")
            continue
        for form in forms:
            if placeholders(form) != wanted and not (len(forms) > 1 and
                                                     set(placeholders(form)) <= set(wanted)):
                problems.append(f"{lang}: placeholders {placeholders(form)} differ from the "
                                f"English {wanted}: {msgid!r}")
        if completeness and forms == [msgid] and _needs_translation(msgid, lang):
            problems.append(f"{lang}: same as the English: {msgid!r}")
    return problems


def off_terms(po: Path, lang: str) -> list[str]:
    """Translations that use a word other than the Convention's term (OFF_TERMS)."""
    pattern = OFF_TERMS.get(lang)
    if pattern is None:
        return []
    found = []
    for entry in read_catalogue_file(po):
        forms = [entry.string] if isinstance(entry.string, str) else list(entry.string or [])
        for form in forms:
            hit = pattern.search(form or "")
            if entry.id and hit:
                found.append(f"{lang}: {hit.group(0)!r} in the translation of "
                             f"{msgid_of(entry.id)!r}")
    return found


def extracted_ids(source_dir: Path) -> set[str]:
    """Every string marked in the code under `source_dir`, as pybabel extract finds it."""
    ids = set()
    for _file, _line, msg, _comments, _context in extract_from_dir(
            str(source_dir), method_map=[("**.py", "python")], keywords=KEYWORDS):
        ids.add(msg if isinstance(msg, str) else msg[0])
    return ids


# What a person sees: texts given to these Qt methods and classes, and the command line's
# sentences.
QT_TEXT_METHODS = frozenset({
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "addAction", "addMenu",
    "setStatusTip", "setWhatsThis", "showMessage", "setTitle", "setLabelText",
    "setAccessibleName", "setAccessibleDescription", "setInformativeText", "setDetailedText",
    "addTab", "setTabText", "setHeaderLabels", "setHorizontalHeaderLabels", "addButton",
    "setSuffix", "setPrefix", "setSpecialValueText", "information", "warning", "critical",
    "question", "getOpenFileName", "getSaveFileName", "getExistingDirectory", "setNameFilter",
    "setItemText",
})
QT_TEXT_CLASSES = frozenset({
    "QLabel", "QPushButton", "QAction", "QCheckBox", "QRadioButton", "QGroupBox", "QMessageBox",
    "QToolButton", "QMenu", "QCommandLinkButton",
})
CLI_SENTENCES = frozenset({"_say", "_complain", "CommandError"})
# The sentences of storage/ and exchange/ (and the summaries and undo texts kept for later):
# a failure's one sentence, a template written out later, an undo step's text.
ERROR_SENTENCES = frozenset({
    "UnreadableFile", "UserError", "StorageError", "NoSuchReport", "NotADatabase",
    "NewerDatabase", "ReadOnlyDatabase", "DiskFull", "DatabaseBusy", "ConflictError",
    "CannotConnect", "NoReportingPeriod", "KindError", "MappingError",
    "message", "Message", "replace_report", "insert_rows", "remove_rows", "set_cells",
})
MARKERS = frozenset(KEYWORDS)
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_WORDS = re.compile(r"<[^>]*>|&\w+;|ccm-desktop")


def _has_words(text: str) -> bool:
    """Words a person reads; markup such as "<b></b><br>" and the program's name are not."""
    return bool(_WORD.search(_NOT_WORDS.sub("", text)))


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _bare_text(node: ast.expr) -> list[str]:
    """The pieces of literal text in `node` that reach the screen without a marker."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        if name in MARKERS:
            return []
        if name == "format" and isinstance(func, ast.Attribute):
            return _bare_text(func.value)  # the template is what must be marked
        if name == "join":
            return [t for arg in node.args for t in _bare_text(arg)]
        return []
    if isinstance(node, ast.BinOp):
        return _bare_text(node.left) + _bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return _bare_text(node.body) + _bare_text(node.orelse)
    if isinstance(node, ast.JoinedStr):
        words = "".join(v.value for v in node.values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str))
        found = [words] if _has_words(words) else []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                found += _bare_text(value.value)
        return found
    text = _literal(node)
    return [text] if text is not None and _has_words(text) else []


def unmarked_strings(path: Path, callees: Iterable[str]) -> list[str]:
    """"file:line: text" for each literal passed to one of `callees` without a marker, and for
    each literal given as a revision's `summary=` to any call (the history shows it)."""
    names = frozenset(callees)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        summaries = [k.value for k in node.keywords if k.arg == "summary"]
        if name not in names:
            found += [f"{path.name}:{node.lineno}: {text!r}"
                      for argument in summaries for text in _bare_text(argument)]
            continue
        arguments = list(node.args) + [k.value for k in node.keywords
                                        if k.arg in ("text", "title", "toolTip", "message")
                                        ] + summaries
        for argument in arguments:
            found += [f"{path.name}:{node.lineno}: {text!r}" for text in _bare_text(argument)]
    return found


def template_gaps(template: Path, source_dir: Path) -> list[str]:
    """Strings marked in the code but not in the template, and the reverse."""
    in_template = {msgid_of(m.id) for m in read_catalogue_file(template) if m.id}
    in_code = extracted_ids(source_dir)
    return ([f"marked in the code, not in {template.name}: {t!r}" for t in sorted(in_code - in_template)]
            + [f"in {template.name}, no longer in the code: {t!r}" for t in sorted(in_template - in_code)])


def markers_in_fstrings(path: Path) -> list[str]:
    """Marked strings written inside an f-string, where pybabel extract does not see them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) \
                    and inner.func.id in MARKERS and inner.args and _literal(inner.args[0]):
                found.append(f"{path.name}:{inner.lineno}: {_literal(inner.args[0])!r}")
    return found


def template_calls_with_other_parameters(path: Path,
                                         callees: Iterable[str] = ("error", "warning", "message"),
                                         ) -> list[str]:
    """Calls like `error(path, N_("{row}: ..."), row=1)` whose keyword parameters are not exactly
    the template's placeholders (a missing one would fail when the finding is shown)."""
    names = frozenset(callees)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in names):
            continue
        templates = [a for a in node.args if isinstance(a, ast.Call)
                     and isinstance(a.func, ast.Name) and a.func.id == "N_"
                     and a.args and _literal(a.args[0]) is not None]
        if not templates or any(k.arg is None for k in node.keywords):
            continue  # no literal template, or **params: cannot tell statically
        template = _literal(templates[0].args[0]) or ""
        given = sorted(k.arg for k in node.keywords if k.arg is not None)
        wanted = sorted(set(placeholders(template)))
        if given != wanted:
            found.append((node.lineno, f"{path.name}:{node.lineno}: {given} for {wanted} in "
                                       f"{template!r}"))
    return [text for _, text in sorted(found)]
