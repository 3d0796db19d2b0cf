"""The guided start of a new report: six questions, as tax software asks its interview, whose
answers decide most of the cover page. "Yes" marks the forms it concerns as changed (to be
filled in); "No" marks them not applicable, with the form's own example as the statement. A
question left at "Not sure yet" changes nothing. Every answer can be changed later in the forms'
status boxes; the answers only set the report's initial state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QGroupBox, QLabel, QRadioButton, QWidget

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.registry import part
from ccm_desktop.ui.style import MUTED


@dataclass(frozen=True)
class Question:
    key: str
    text: str  # marked with N_; shown translated
    forms: tuple[str, ...]  # the forms a "Yes" makes relevant


QUESTIONS: tuple[Question, ...] = (
    Question("produced", N_("Has the State ever produced cluster munitions?"), ("C", "E")),
    Question("stockpiles", N_("Does it hold stockpiles, or has it held any since the Convention "
                              "entered into force for it?"), ("B", "C")),
    Question("retained", N_("Does it retain any cluster munitions or explosive submunitions "
                            "(Art. 3.6)?"), ("C", "D")),
    Question("contaminated", N_("Are there areas contaminated by cluster munition remnants under "
                                "its jurisdiction or control?"), ("F", "G")),
    Question("victims", N_("Are there cluster munition victims in areas under its jurisdiction or "
                           "control?"), ("H",)),
    Question("assistance", N_("Did it give or receive cooperation or assistance (Art. 6)?"),
             ("I",)),
)

# Form I also asks for the national resources spent on Articles 3, 4 and 5: it does not apply
# only when no assistance was given or received and the State has nothing to destroy, clear or
# assist under those articles.
NATIONAL_RESOURCES_FOR = ("stockpiles", "contaminated", "victims")

Answers = dict[str, bool]  # question key -> yes / no; a question not answered is absent


def form_decisions(answers: Answers) -> dict[str, bool]:
    """Per form letter: True (it applies: changed), False (not applicable). Forms the answers do
    not decide are absent. A form concerned by several questions applies if any says yes, and
    is not applicable only when all of them are answered no."""
    concerned: dict[str, list[bool | None]] = {}
    for question in QUESTIONS:
        for letter in question.forms:
            concerned.setdefault(letter, []).append(answers.get(question.key))
    for key in NATIONAL_RESOURCES_FOR:
        concerned["I"].append(answers.get(key))
    decisions: dict[str, bool] = {}
    for letter, said in concerned.items():
        if any(value is True for value in said):
            decisions[letter] = True
        elif said and all(value is False for value in said):
            decisions[letter] = False
    return decisions


def statement_for(letter: str, lang: str) -> str:
    """The form's example reason, as a sentence in the report's language."""
    text = translate(part(letter).not_applicable_example, lang).strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def apply_answers(report: Report, answers: Answers) -> list[str]:
    """Sets the forms the answers decide; returns the letters it changed. A form that applies
    and already says so (changed, or unchanged since an earlier report) keeps its status; a form
    that does not apply is marked not applicable with its statement, and no longer needs a
    review (the user has just said how it stands)."""
    touched: list[str] = []
    for letter, applies in sorted(form_decisions(answers).items()):
        form = report.form(letter)
        if applies:
            if form.status in (FormStatus.CHANGED, FormStatus.UNCHANGED):
                continue
            form.status = FormStatus.CHANGED
        else:
            form.status = FormStatus.NOT_APPLICABLE
            form.statement = statement_for(letter, report.language)
            form.to_review = False
        touched.append(letter)
    return touched


class GuidedQuestions(QGroupBox):
    """The six questions, each answered Yes / No / Not sure yet (the default)."""

    def __init__(self, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(translate(N_("4. About the State (fills in the cover page)"), lang), parent)
        self.lang = lang
        grid = QGridLayout(self)
        note = QLabel(translate(N_(
            "Each answer marks the forms it concerns: \u201cYes\u201d as changed, to fill in, "
            "\u201cNo\u201d as not applicable with a statement saying why. You can change every "
            "form's status later on its page."), lang), self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")
        grid.addWidget(note, 0, 0, 1, 3)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[str, tuple[QRadioButton, QRadioButton, QRadioButton]] = {}
        for row, question in enumerate(QUESTIONS):
            label = QLabel(translate(question.text, lang), self)
            label.setWordWrap(True)
            yes = QRadioButton(translate(N_("Yes"), lang), self)
            no = QRadioButton(translate(N_("No"), lang), self)
            unsure = QRadioButton(translate(N_("Not sure yet"), lang), self)
            unsure.setChecked(True)
            group = QButtonGroup(self)
            for button in (yes, no, unsure):
                group.addButton(button)
                button.setAccessibleDescription(label.text())
            label.setBuddy(yes)
            grid.addWidget(label, 1 + 2 * row, 0, 1, 3)
            grid.addWidget(yes, 2 + 2 * row, 0)
            grid.addWidget(no, 2 + 2 * row, 1)
            grid.addWidget(unsure, 2 + 2 * row, 2)
            self.groups[question.key] = group
            self.buttons[question.key] = (yes, no, unsure)
        grid.setRowStretch(1 + 2 * len(QUESTIONS), 1)

    def answer(self, key: str, value: bool | None) -> None:
        yes, no, unsure = self.buttons[key]
        (yes if value is True else no if value is False else unsure).setChecked(True)

    def answers(self) -> Answers:
        given: Answers = {}
        for key, (yes, no, _unsure) in self.buttons.items():
            if yes.isChecked():
                given[key] = True
            elif no.isChecked():
                given[key] = False
        return given
