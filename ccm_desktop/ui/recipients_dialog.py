"""Where reports go: the recipients of a submission package's e-mail draft (README, "Review
and submit"). By default the United Nations (ccm@un.org), with a copy to the Convention's
Implementation Support Unit (info@cmconvention.org); a user can change both, and get the
defaults back. Kept in the settings; the next package's .eml is addressed from them."""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.exchange.package import DEFAULT_CC, DEFAULT_TO
from ccm_desktop.schema.i18n import N_, RTL_LANGUAGES, isolate, translate
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.style import ERROR, MUTED, SPACING

_SEPARATORS = re.compile(r"[,;\s]+")


def addresses_in(text: str) -> list[str]:
    """The addresses typed in a field, separated by commas, semicolons or spaces."""
    return [a for a in _SEPARATORS.split(text.strip()) if a]


def is_address(text: str) -> bool:
    """Whether `text` is one e-mail address (name@domain.tld), as an e-mail program takes it."""
    try:
        address = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError):
        return False
    domain = address.domain
    return (bool(address.username) and "." in domain.strip(".")
            and all(part and not part.startswith("-") for part in domain.split(".")))


def recipients_line(to: tuple[str, ...], cc: tuple[str, ...], lang: str) -> str:
    """ "The e-mail draft goes to ccm@un.org, copy to info@cmconvention.org." """
    shown_to = isolate(", ".join(to), lang)
    if not cc:
        return translate(N_("The e-mail draft goes to {to}."), lang).format(to=shown_to)
    return translate(N_("The e-mail draft goes to {to}, copy to {cc}."), lang).format(
        to=shown_to, cc=isolate(", ".join(cc), lang))


class RecipientsDialog(QDialog):
    """To and Cc of the e-mail draft; OK keeps them in the settings once every address reads
    as one, Restore defaults puts the official channel back in the fields."""

    def __init__(self, settings: Settings, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recipientsDialog")
        self.settings = settings
        self.lang = lang
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
                                else Qt.LayoutDirection.LeftToRight)
        t = self.t
        self.setWindowTitle(t(N_("Where reports go")))
        intro = QLabel(t(N_(
            "A submission package holds an e-mail draft with the report attached. It is "
            "addressed to the United Nations Office for Disarmament Affairs, which publishes the "
            "reports, with a copy to the Convention's Implementation Support Unit, unless you "
            "change the addresses here (for example to send through your mission in Geneva).")),
            self)
        intro.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("recipientsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR};")
        self.to = QLineEdit(", ".join(settings.mail_to()), self)
        self.cc = QLineEdit(", ".join(settings.mail_cc()), self)
        for line, name in ((self.to, N_("To")), (self.cc, N_("Copy (Cc)"))):
            line.setAccessibleName(t(name))
            line.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # addresses read left to right
            line.textEdited.connect(lambda _text: self.problem.setText(""))
        self.to.setToolTip(t(N_("One or more addresses, separated by commas.")))
        self.cc.setToolTip(t(N_("Addresses that receive a copy; may be left empty.")))
        hint = QLabel(t(N_("Separate several addresses with commas.")), self)
        hint.setStyleSheet(f"color: {MUTED};")
        form = QFormLayout()
        form.addRow(t(N_("To:")), self.to)
        form.addRow(t(N_("Copy (Cc):")), self.cc)
        form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        for role, text in ((QDialogButtonBox.StandardButton.Ok, N_("OK")),
                           (QDialogButtonBox.StandardButton.Cancel, N_("Cancel")),
                           (QDialogButtonBox.StandardButton.RestoreDefaults,
                            N_("Restore defaults"))):
            button = self.buttons.button(role)
            if button is not None:
                button.setText(t(text))
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setToolTip(t(N_("Put back ccm@un.org, with a copy to "
                                            "info@cmconvention.org.")))
        self.restore_button.clicked.connect(self.restore_defaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def t(self, text: str) -> str:
        return translate(text, self.lang)

    def restore_defaults(self) -> None:
        self.to.setText(", ".join(DEFAULT_TO))
        self.cc.setText(", ".join(DEFAULT_CC))
        self.problem.setText("")

    def check(self) -> str | None:
        """One sentence about the first address that is not one; None when all are."""
        to = addresses_in(self.to.text())
        if not to:
            return self.t(N_("Give at least one address in To: the e-mail draft needs a "
                             "recipient."))
        for field, name in ((self.to, N_("To")), (self.cc, N_("Copy (Cc)"))):
            for address in addresses_in(field.text()):
                if not is_address(address):
                    return self.t(N_("\u201c{address}\u201d in {field} is not an e-mail address; "
                                     "write it as name@example.org.")).format(
                        address=isolate(address, self.lang), field=self.t(name))
        return None

    def accept(self) -> None:
        problem = self.check()
        if problem is not None:
            self.problem.setText(problem)
            bad_cc = addresses_in(self.to.text()) and all(
                is_address(a) for a in addresses_in(self.to.text()))
            (self.cc if bad_cc else self.to).setFocus()
            return
        self.settings.set_mail_recipients(addresses_in(self.to.text()),
                                          addresses_in(self.cc.text()))
        self.settings.sync()
        super().accept()
