"""Completeness of the translations, as a test (issue 12).

The catalogues must hold every string of the code, translated, with the English placeholders;
and every string a person sees must be marked in the code. Planted cases prove that each check
reports what it is meant to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccm_desktop.schema.i18n import CATALOGUE_LANGUAGES, LOCALE_DIR, catalogue_path
from tests.i18n_checks import (
    CLI_SENTENCES,
    ERROR_SENTENCES,
    QT_TEXT_CLASSES,
    QT_TEXT_METHODS,
    catalogue_problems,
    markers_in_fstrings,
    off_terms,
    placeholders,
    template_calls_with_other_parameters,
    template_gaps,
    unmarked_strings,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ccm_desktop"
TEMPLATE = LOCALE_DIR / "messages.pot"
UI_CALLEES = QT_TEXT_METHODS | QT_TEXT_CLASSES
MAPPING_CLI_SENTENCES = frozenset({"say", "complain", "MappingError", "print"})

def _checked_files() -> list[tuple[Path, frozenset[str]]]:
    files = [(PACKAGE / "cli.py", CLI_SENTENCES | ERROR_SENTENCES),
             (PACKAGE / "cli_mapping.py", MAPPING_CLI_SENTENCES | ERROR_SENTENCES)]
    files += [(p, UI_CALLEES | ERROR_SENTENCES)
              for p in [PACKAGE / "app.py", *sorted((PACKAGE / "ui").rglob("*.py"))]]
    files += [(p, ERROR_SENTENCES) for p in [
        PACKAGE / "submitting.py", *sorted((PACKAGE / "domain").rglob("*.py")),
        *sorted((PACKAGE / "storage").rglob("*.py")), *sorted((PACKAGE / "exchange").rglob("*.py"))]]
    return files


# The catalogues ----------------------------------------------------------------------------


def test_the_template_holds_every_marked_string_of_the_code() -> None:
    """If this fails, run scripts/update-catalogues.sh."""
    assert template_gaps(TEMPLATE, PACKAGE) == []


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_translated_strings_keep_the_english_placeholders(lang: str) -> None:
    assert catalogue_problems(TEMPLATE, catalogue_path(lang), lang, completeness=False) == []


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_every_string_is_translated_in_every_language(lang: str) -> None:
    assert catalogue_problems(TEMPLATE, catalogue_path(lang), lang) == []


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_the_conventions_own_terms_are_used(lang: str) -> None:
    assert off_terms(catalogue_path(lang), lang) == []


# Planted cases: the checks report what they are for ------------------------------------------


def _planted_copy(tmp_path: Path, lang: str, old: str, new: str) -> Path:
    po = tmp_path / f"{lang}.po"
    shutil.copy(catalogue_path(lang), po)
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1
    po.write_text(text.replace(old, new), encoding="utf-8")
    return po


def test_a_removed_translation_is_reported(tmp_path: Path) -> None:
    entry = 'msgid "Victim assistance"\nmsgstr "Assistance aux victimes"'
    assert catalogue_problems(TEMPLATE, catalogue_path("fr"), "fr", completeness=False) == []
    po = _planted_copy(tmp_path, "fr", entry, 'msgid "Victim assistance"\nmsgstr ""')
    assert "fr: not translated: 'Victim assistance'" in catalogue_problems(TEMPLATE, po, "fr")


def test_a_string_gone_from_a_catalogue_is_reported(tmp_path: Path) -> None:
    entry = 'msgid "Victim assistance"\nmsgstr "Assistance aux victimes"\n'
    po = _planted_copy(tmp_path, "fr", entry, "")
    problems = catalogue_problems(TEMPLATE, po, "fr", completeness=False)
    assert problems == ["fr: not in the catalogue (run scripts/update-catalogues.sh): "
                        "'Victim assistance'"]


def test_a_translation_left_in_english_is_reported(tmp_path: Path) -> None:
    po = _planted_copy(tmp_path, "fr", 'msgstr "Assistance aux victimes"',
                       'msgstr "Victim assistance"')
    assert "fr: same as the English: 'Victim assistance'" in catalogue_problems(TEMPLATE, po, "fr")


def test_a_translation_with_other_placeholders_is_reported(tmp_path: Path) -> None:
    po = _planted_copy(tmp_path, "fr", 'msgid "row {n}"\nmsgstr "ligne {n}"',
                       'msgid "row {n}"\nmsgstr "ligne {row}"')
    assert catalogue_problems(TEMPLATE, po, "fr", completeness=False) == [
        "fr: placeholders ['row'] differ from the English ['n']: 'row {n}'"]


def test_a_fuzzy_translation_counts_as_missing(tmp_path: Path) -> None:
    po = _planted_copy(tmp_path, "fr", 'msgid "row {n}"', '#, fuzzy\nmsgid "row {n}"')
    assert "fr: fuzzy (to review): 'row {n}'" in catalogue_problems(TEMPLATE, po, "fr")


def test_placeholders_are_compared_by_name() -> None:
    assert placeholders("{place}: {value} {problem}.") == ["place", "problem", "value"]
    assert placeholders("{value} {place} : {problem}") == ["place", "problem", "value"]
    assert placeholders("no fields") == []
    assert placeholders("{broken") == ["<unbalanced braces>"]


# Strings in the code ---------------------------------------------------------------------------


def test_every_string_a_person_sees_is_marked() -> None:
    found = [hit for path, callees in _checked_files() for hit in unmarked_strings(path, callees)]
    assert found == []


def test_every_finding_template_gets_exactly_its_placeholders() -> None:
    """error(path, N_("{row}: ..."), row=...) everywhere: a placeholder without its parameter
    would fail only when that finding is shown, perhaps in one language only."""
    assert [hit for path in sorted(PACKAGE.rglob("*.py"))
            for hit in template_calls_with_other_parameters(path)] == []


def test_a_finding_template_with_other_parameters_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "rule.py"
    source.write_text(
        "def rule(ctx, i, n):\n"
        "    yield error(ctx.path('x'), N_('Form X, row {row}: {n} is too many.'), row=i, n=n)\n"
        "    yield warning(ctx.path('x'), N_('Form X, row {row}: check it.'), rows=i)\n"
        "    yield error(ctx.path('x'), N_('Form X: {what} is missing.'))\n"
        "    return message(N_('row {n}'), n=i, extra=1)\n", encoding="utf-8")
    assert template_calls_with_other_parameters(source) == [
        "rule.py:3: ['rows'] for ['row'] in 'Form X, row {row}: check it.'",
        "rule.py:4: [] for ['what'] in 'Form X: {what} is missing.'",
        "rule.py:5: ['extra', 'n'] for ['n'] in 'row {n}'"]


def test_no_marked_string_hides_in_an_f_string() -> None:
    """pybabel extract does not look inside f-strings: f"{translate(N_('Deadlines'), lang)}"
    would be translated by nobody."""
    assert [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in markers_in_fstrings(path)] == []


def test_a_marked_string_in_an_f_string_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "page.py"
    source.write_text("def show(self):\n"
                      "    title = translate(N_('Deadlines'), self.lang)\n"
                      "    return f\"<b>{translate(N_('Deadlines'), self.lang)}</b> {title}\"\n",
                      encoding="utf-8")
    assert markers_in_fstrings(source) == ["page.py:3: 'Deadlines'"]


def test_an_unmarked_string_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "dialog.py"
    source.write_text(
        "def build(self, lang, n):\n"
        "    self.setWindowTitle(translate(N_('History'), lang))\n"
        "    self.ok = QPushButton(translate('Restore', lang), self)\n"
        "    label = QLabel(translate(N_('{n} rows'), lang).format(n=n))\n"
        "    label.setToolTip('Pick a date')\n"
        "    self.statusBar().showMessage(f'Saved {n} rows', 3000)\n"
        "    box = QMessageBox(icon, 'Error', translate(N_('It failed.'), lang))\n"
        "    label.setText('·')\n",
        encoding="utf-8")
    assert unmarked_strings(source, UI_CALLEES) == [
        "dialog.py:5: 'Pick a date'", "dialog.py:6: 'Saved  rows'", "dialog.py:7: 'Error'"]


def test_an_unmarked_command_line_sentence_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "cli.py"
    source.write_text("_say(_('Report {id} restored.').format(id=1))\n"
                      "_complain(f'{name}: could not be read')\n", encoding="utf-8")
    assert unmarked_strings(source, CLI_SENTENCES) == ["cli.py:2: ': could not be read'"]


def test_a_string_marked_but_not_extracted_is_reported(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(PACKAGE / "schema", package)
    assert template_gaps(TEMPLATE, package) != []  # only part of the code: strings "no longer in"
    (package / "new_rule.py").write_text(
        "def rule(path, n):\n"
        "    yield error(path, N_('A new finding about {n} rows.'), n=n)\n"
        "    return translate('A new label', 'fr')\n", encoding="utf-8")
    gaps = template_gaps(TEMPLATE, package)
    assert "marked in the code, not in messages.pot: 'A new finding about {n} rows.'" in gaps
    assert "marked in the code, not in messages.pot: 'A new label'" in gaps


def test_an_unmarked_sentence_of_storage_or_exchange_is_reported(tmp_path: Path) -> None:
    """A failure's sentence, a revision's summary and an undo step's text are looked for in
    storage/, exchange/, domain/ and the window too."""
    source = tmp_path / "store.py"
    source.write_text(
        "def save(self, path, n):\n"
        "    if n:\n"
        "        raise StorageError(f'Cannot save to {path}: the disk is full')\n"
        "    raise UnreadableFile(path.name, 'the document is empty', where(path.name))\n"
        "def fine(self, path, n):\n"
        "    raise UnreadableFile(path.name, N_('the document is empty'))\n"
        "    raise DiskFull(message(N_('Could not save to {database}'), database=path))\n"
        "    self.add(report, summary=message(N_('Imported from {file}'), file=path.name))\n"
        "    self.add(report, summary=text_the_user_typed)\n"
        "def later(self, doc, path):\n"
        "    self.add(report, summary=f'Imported from {path.name}')\n"
        "    doc.replace_report(report, 'Restore revision')\n"
        "    return message('Copied from report {id}', id=1)\n", encoding="utf-8")
    assert sorted(unmarked_strings(source, ERROR_SENTENCES)) == [
        "store.py:11: 'Imported from '",
        "store.py:12: 'Restore revision'",
        "store.py:13: 'Copied from report {id}'",
        "store.py:3: 'Cannot save to : the disk is full'",
        "store.py:4: 'the document is empty'"]


def test_storage_exchange_and_domain_are_among_the_checked_files() -> None:
    checked = {path.relative_to(PACKAGE).parts[0] for path, _ in _checked_files()}
    assert {"storage", "exchange", "domain", "ui", "cli.py", "submitting.py"} <= checked


def test_a_word_other_than_the_conventions_term_is_reported(tmp_path: Path) -> None:
    po = _planted_copy(tmp_path, "ru", 'msgstr "Предпросмотр появится здесь, когда доклад будет '
                       'открыт."', 'msgstr "Предпросмотр появится здесь, когда отчёт будет открыт."')
    assert [p.split(" in the")[0] for p in off_terms(po, "ru")] == ["ru: 'отчёт'"]
    assert off_terms(catalogue_path("ru"), "ru") == []
