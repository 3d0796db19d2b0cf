"""The command line (docs/command-line.md). With no subcommand it opens the window.

Every failure is one plain sentence on standard error and an exit code; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from ccm_desktop import __version__
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Report
from ccm_desktop.domain.store import imported_from
from ccm_desktop.schema.i18n import N_, UN_LANGUAGES, language, language_of_environment, translate

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class CommandError(Exception):
    """A failure the user can act on; printed as one sentence, exit code 2."""


def _(text: str) -> str:
    """A sentence of the command line in the language of the user's locale (LANG etc.)."""
    return translate(text, language_of_environment(os.environ))


def _say(text: str) -> None:
    print(text, flush=True)


def _complain(text: str) -> None:
    print(f"ccm-desktop: {text}", file=sys.stderr, flush=True)


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


# validate / convert / deadlines ----------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from ccm_desktop.exchange.formats import read_report
    from ccm_desktop.schema.validate import validate

    lang = args.lang or language_of_environment(os.environ)
    report = read_report(args.file)
    previous = read_report(args.previous) if args.previous else None
    findings = validate(report, previous)
    for finding in findings:
        _say(finding.line(language(lang)))
    return EXIT_INVALID if any(f.is_error for f in findings) else EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from ccm_desktop.exchange.formats import read_report
    from ccm_desktop.exchange.word.command import is_document, read_with_findings
    from ccm_desktop.schema.validate import validate

    document = is_document(args.file)
    report = read_with_findings(args.file, _complain, getattr(args, "lang", None)
                                or language_of_environment(os.environ))[0] \
        if document else read_report(args.file)
    findings = validate(report)
    errors = [f for f in findings if f.is_error]
    lang = args.lang or "en"
    if errors and args.strict:
        for finding in errors:
            _complain(f"{Path(args.file).name}: {finding.path}: {finding.text(language(lang))}")
        return EXIT_INVALID
    _write(report, args.to, lang, findings, _compared_with(args))
    return EXIT_OK


def _compared_with(args: argparse.Namespace) -> Report | None:
    """The report named by --compare-with (a file or a stored report's id), for the annex of a
    PDF; None without it. Only a PDF has the annex."""
    if not args.compare_with:
        return None
    from ccm_desktop.exchange.formats import suffix_of

    if suffix_of(args.to) != ".pdf":
        raise CommandError(_("{file}: --compare-with adds an annex to a PDF; write a .pdf file "
                             "or leave it out").format(file=args.to))
    return _report_of(args.compare_with, args)


def _write(report: Report, target: str, lang: str, findings: list[Finding] | None,
           compared_with: Report | None = None) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    from ccm_desktop.exchange.formats import write_report

    try:
        write_report(report, target, lang=lang, findings=findings, compared_with=compared_with)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    except LayoutError:  # a value of thousands of characters: its table row outgrows a page
        raise CommandError(_("{file}: could not be written: a value in the report is too long "
                             "to fit on a page of the PDF").format(file=target)) from None
    except OSError as exc:
        raise CommandError(_("{file}: could not be written ({reason})").format(
            file=target, reason=exc.strerror or exc)) from None


def cmd_deadlines(args: argparse.Namespace) -> int:
    from ccm_desktop.domain.deadlines import (
        clearance_due,
        deadlines_for,
        entry_into_force_for,
        next_due,
        stockpile_destruction_due,
        withdrawn_on,
    )
    from ccm_desktop.schema.states import code_for_name, load_states, state_name

    if args.state is None and args.deposited is None and args.entry_into_force is None:
        raise CommandError(_("deadlines needs --state ISO3, --deposited DATE or "
                             "--entry-into-force DATE (see 'ccm-desktop deadlines --help')"))
    if args.entry_into_force is not None and args.deposited is not None:
        raise CommandError(_("give either --deposited DATE or --entry-into-force DATE, not both: "
                             "entry into force follows from the date of deposit (Art. 17)"))
    if args.entry_into_force is not None and args.state:
        raise CommandError(_("give either --state or --entry-into-force DATE, not both: the "
                             "State list gives its entry into force"))
    title, withdrawal = "", None
    if args.state:
        code = code_for_name(args.state) or args.state.upper()
        states = load_states()
        info = states.get(code)
        if args.deposited:
            info = states.with_deposit(code, args.deposited).get(code)
        if info is None:
            raise CommandError(_("{state} is not in the list of States that signed or joined the "
                                 "Convention; give --deposited DATE if it has joined since")
                               .format(state=args.state))
        if info.entry_into_force is None:
            raise CommandError(_("{state} ({code}) has signed but not ratified the Convention; "
                                 "give --deposited DATE once it has")
                               .format(state=state_name(code), code=code))
        eif = info.entry_into_force
        title = f"{state_name(code, args.lang)} ({code})"
        withdrawal = info.withdrawal_effective
    elif args.deposited:
        eif = entry_into_force_for(args.deposited)
    else:
        eif = args.entry_into_force
    d = deadlines_for(eif)
    today = args.today or date.today()
    if title:
        _say(_("State: {state}").format(state=title))
    if args.deposited:
        _say(_("Instrument deposited: {date}").format(date=args.deposited.isoformat()))
    _say(_("Entry into force: {date}").format(date=d.entry_into_force.isoformat()))
    if withdrawn_on(today, withdrawal):
        assert withdrawal is not None
        _say(_("Withdrawal (Art. 20) took effect: {date}").format(date=withdrawal.isoformat()))
        _say(_("Next report due: none; a State whose withdrawal has taken effect owes no "
               "further report"))
        return EXIT_OK
    _say(_("Initial report (Art. 7.1) due: {date}").format(date=d.initial_report.isoformat()))
    _say(_("Annual reports (Art. 7.2) due: 30 April each year, for the previous calendar year; "
           "first {date}").format(date=d.first_annual_report.isoformat()))
    kind_code, due = next_due(today, eif, initial_submitted=today > d.initial_report)
    kind = _(REPORT_KINDS[kind_code])
    if withdrawal is not None:
        _say(_("Withdrawal (Art. 20) takes effect: {date}").format(date=withdrawal.isoformat()))
    if withdrawal is not None and due >= withdrawal:
        _say(_("Next report due: none; the {kind} report would fall due on {date}, after the "
               "withdrawal takes effect").format(kind=kind, date=due.isoformat()))
    else:
        _say(_("Next report due: {date} ({kind})").format(date=due.isoformat(), kind=kind))
    # Extensions can be renewed (Art. 3.3-3.4, 4.5-4.8): there is no latest date to print.
    _say(_obligation_line(_("Stockpile destruction (Art. 3.2)"), d.stockpile_destruction,
                          stockpile_destruction_due(eif, args.stockpile_extended_to),
                          _("Art. 3.3")))
    _say(_obligation_line(_("Clearance of contaminated areas (Art. 4.1)"), d.clearance,
                          clearance_due(eif, args.clearance_extended_to), _("Art. 4.5")))
    return EXIT_OK


# The kind of report in "Next report due: 2025-04-30 (annual)".
REPORT_KINDS = {"initial": N_("initial"), "annual": N_("annual")}


def _obligation_line(label: str, original: date, due: date, article: str) -> str:
    if due != original:
        return _("{label} due: {date} (extended from {original} under {article}; a further "
                 "extension may be requested)").format(label=label, date=due.isoformat(),
                                                       original=original.isoformat(), article=article)
    return _("{label} due: {date} (an extension may be requested under {article})").format(
        label=label, date=due.isoformat(), article=article)


# database commands (storage/) ------------------------------------------------------------------


def _repository(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ccm_desktop.storage.repository import open_repository

    return open_repository(args.db)


def cmd_import(args: argparse.Namespace) -> int:
    if args.map:
        from ccm_desktop.cli_mapping import import_with_map

        return int(import_with_map(args, _repository, _say, _complain))
    from ccm_desktop.exchange.formats import read_report
    from ccm_desktop.exchange.word.command import describe, is_document, read_with_findings

    if is_document(args.file):
        lang = language_of_environment(os.environ)
        report, recognition = read_with_findings(args.file, _complain, lang)
        if args.dry_run:
            for line in describe(recognition, lang):
                _say(line)
            return EXIT_OK
    else:
        report = read_report(args.file)
    with _repository(args) as repo:
        _say(str(repo.add(report, summary=imported_from(Path(args.file).name))))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ccm_desktop.schema.validate import validate

    with _repository(args) as repo:
        report = repo.load(args.id)
    findings = validate(report)
    lang = args.lang
    if args.strict and any(f.is_error for f in findings):
        for finding in findings:
            if finding.is_error:
                _complain(_("report {id}: {path}: {message}").format(
                    id=args.id, path=finding.path, message=finding.text(language(lang))))
        return EXIT_INVALID
    _write(report, args.to, args.lang, findings, _compared_with(args))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with _repository(args) as repo:
        for item in repo.list_reports():
            _say(item.line())
    return EXIT_OK


def cmd_next_year(args: argparse.Namespace) -> int:
    with _repository(args) as repo:
        _say(str(repo.start_next_year(args.id)))
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    with _repository(args) as repo:
        for revision in repo.history(args.id):
            _say(revision.line(language(language_of_environment(os.environ))))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    with _repository(args) as repo:
        repo.restore_revision(args.id, args.revision)
    _say(_("Report {id} restored to revision {revision}.").format(id=args.id,
                                                                  revision=args.revision))
    return EXIT_OK


def _report_of(what: str, args: argparse.Namespace) -> Report:
    """A report named on the command line: a file, or the id of a stored report."""
    from ccm_desktop.exchange.formats import read_report

    if what.isdigit() and not Path(what).exists():
        with _repository(args) as repo:
            loaded: Report = repo.load(int(what))
        return loaded
    return read_report(what)


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from ccm_desktop.schema.compare import as_json, compare, lines

    old, new = _report_of(args.old, args), _report_of(args.new, args)
    comparison = compare(old, new)
    if args.pdf:
        _write_comparison(old, new, args.pdf, args.lang)
    elif args.json:
        _say(json.dumps(as_json(comparison), ensure_ascii=False, indent=2))
    else:
        for line in lines(comparison):
            _say(line)
    return EXIT_INVALID if comparison.changes else EXIT_OK


def _write_comparison(old: Report, new: Report, target: str, lang: str) -> None:
    from ccm_desktop.exchange.atomic import write_atomic
    from ccm_desktop.exchange.formats import suffix_of
    from ccm_desktop.exchange.pdf import render_comparison_pdf

    if suffix_of(target) != ".pdf":
        raise CommandError(_("{file}: --pdf writes a PDF; give a name ending in .pdf").format(
            file=target))
    try:
        write_atomic(Path(target), render_comparison_pdf(old, new, lang))
    except OSError as exc:
        raise CommandError(_("{file}: could not be written ({reason})").format(
            file=target, reason=exc.strerror or exc)) from None


def cmd_submit(args: argparse.Namespace) -> int:
    from ccm_desktop.exchange.package import DEFAULT_CC, DEFAULT_TO
    from ccm_desktop.submitting import NotReady, submit, write_submitted_package

    lang = args.lang or language_of_environment(os.environ)
    to = tuple(args.mail_to or DEFAULT_TO)
    cc = tuple(args.mail_cc if args.mail_cc is not None else DEFAULT_CC)
    with _repository(args) as repo:
        if args.again is not None:
            _say(str(write_submitted_package(repo, args.id, args.again, args.to)))
            return EXIT_OK
        try:
            _submission, folder = submit(repo, args.id, args.to, to=to, cc=cc)
        except NotReady as exc:
            _complain(_("report {id} is not submitted: it has errors.").format(id=args.id))
            for finding in exc.findings:
                _say(finding.line(language(lang)))
            return EXIT_INVALID
    _say(str(folder))
    return EXIT_OK


def cmd_guess_map(args: argparse.Namespace) -> int:
    from ccm_desktop.cli_mapping import guess_map_command

    return int(guess_map_command(args, _say))


# wiring ----------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one sentence too, with a pointer to --help (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNREADABLE, f"{self.prog}: {message} (see "
                                   f"'{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ccm-desktop",
        description="Prepare, check and export Article 7 reports under the Convention on Cluster "
                    "Munitions. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"ccm-desktop {__version__}")
    parser.add_argument("--db", default=os.environ.get("CCM_DESKTOP_DB"),
                        help="database file or postgresql:// URL (default: in your data folder; "
                             "CCM_DESKTOP_DB overrides it)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help: str,  # noqa: A002
            ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        p.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return p

    p = add("validate", cmd_validate, "check a .ccm.json or .xlsx report; one finding a line")
    p.add_argument("file")
    p.add_argument("--previous", help="last year's report, for the year-on-year checks")
    p.add_argument("--lang", choices=UN_LANGUAGES,
                   help="language of the findings (default: that of LC_ALL, LC_MESSAGES or LANG; "
                        "English if it is none of ar, zh, en, fr, ru, es)")

    p = add("convert", cmd_convert, "convert between .ccm.json, .xlsx and .pdf (and read the "
                                    "filled Word template: .docx, .doc, .odt, .pdf)")
    p.add_argument("file")
    p.add_argument("--to", required=True, metavar="OUT")
    p.add_argument("--lang", choices=UN_LANGUAGES,
                   help="language of the labels (ar, zh, en, fr, ru, es; default: English)")
    p.add_argument("--strict", action="store_true", help="refuse a report with errors (exit 1)")
    p.add_argument("--compare-with", metavar="PREVIOUS",
                   help="a PDF only: add an annex of what changed since PREVIOUS (usually last "
                        "year's report: a file, or a stored report's id)")

    p = add("deadlines", cmd_deadlines, "print a State's Article 3, 4 and 7 deadlines")
    p.add_argument("--state", metavar="ISO3",
                   help="the State, by ISO code or name (e.g. LAO, \"Lao PDR\")")
    p.add_argument("--entry-into-force", type=_date_arg, metavar="DATE",
                   help="the Convention's entry into force for the State, instead of --state")
    p.add_argument("--deposited", type=_date_arg, metavar="DATE",
                   help="date the State deposited its instrument, if it joined after the list; "
                        "on its own or with --state")
    p.add_argument("--stockpile-extended-to", type=_date_arg, metavar="DATE",
                   help="the Art. 3 deadline as extended by a Meeting of States Parties")
    p.add_argument("--clearance-extended-to", type=_date_arg, metavar="DATE",
                   help="the Art. 4 deadline as extended by a Meeting of States Parties")
    p.add_argument("--today", type=_date_arg, metavar="DATE", help=argparse.SUPPRESS)
    p.add_argument("--lang", default="en", choices=UN_LANGUAGES)

    p = add("import", cmd_import, "store a report file (.ccm.json, .xlsx, or the filled Word "
                                  "template: .docx, .doc, .odt, .pdf) in the database; prints "
                                  "its id")
    p.add_argument("file")
    p.add_argument("--map", help="column mapping file (.ccm-map.json) for a workbook people made")
    p.add_argument("--into", type=int, metavar="ID", help="append the mapped rows to report ID")
    p.add_argument("--dry-run", action="store_true", help="show what would be added")
    p.add_argument("--skip-bad-rows", action="store_true")

    p = add("export", cmd_export, "write a stored report as .ccm.json, .xlsx or .pdf")
    p.add_argument("id", type=int)
    p.add_argument("--to", required=True, metavar="OUT")
    p.add_argument("--lang", default="en", choices=UN_LANGUAGES)
    p.add_argument("--strict", action="store_true")
    p.add_argument("--compare-with", metavar="PREVIOUS",
                   help="a PDF only: add an annex of what changed since PREVIOUS (usually last "
                        "year's report: a file, or a stored report's id)")

    add("list", cmd_list, "list the stored reports")

    p = add("next-year", cmd_next_year, "start next year's draft from a stored report")
    p.add_argument("id", type=int)

    p = add("history", cmd_history, "list the saved revisions of a stored report")
    p.add_argument("id", type=int)

    p = add("restore", cmd_restore, "make an earlier revision the current draft again")
    p.add_argument("id", type=int)
    p.add_argument("revision", type=int)

    p = add("diff", cmd_diff, "compare two reports (files or stored report ids), e.g. last "
                              "year's and this year's; one difference a line")
    p.add_argument("old", metavar="A", help="the older report: a file, or a stored report's id")
    p.add_argument("new", metavar="B", help="the newer report: a file, or a stored report's id")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the comparison as JSON")
    output.add_argument("--pdf", metavar="OUT.pdf",
                        help="write the comparison as a PDF instead of printing it")
    p.add_argument("--lang", default="en", choices=UN_LANGUAGES,
                   help="language of the PDF's labels (ar, zh, en, fr, ru, es; default: English)")

    p = add("submit", cmd_submit, "submit a stored report: set its submission date, write the "
                                  "submission package into a folder of DIR, mark it submitted; "
                                  "prints the package folder")
    p.add_argument("id", type=int)
    p.add_argument("--to", required=True, metavar="DIR")
    p.add_argument("--mail-to", action="append", metavar="ADDRESS",
                   help="recipient of the e-mail draft (default: ccm@un.org); may be repeated")
    p.add_argument("--mail-cc", action="append", metavar="ADDRESS",
                   help="copy of the e-mail draft (default: info@cmconvention.org)")
    p.add_argument("--again", type=int, metavar="N",
                   help="write the package of submission N again (0: the original, 1: "
                        "corrigendum 1, ...), exactly as it was, to the same recipients")
    p.add_argument("--lang", choices=UN_LANGUAGES, help="language of the findings")

    p = add("guess-map", cmd_guess_map, "propose a column mapping for a workbook people made")
    p.add_argument("file")
    p.add_argument("--form", required=True)
    p.add_argument("--table", required=True)
    p.add_argument("--sheet", help="the sheet to look at (default: the one that fits best)")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    from ccm_desktop.exchange.errors import UnreadableFile

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ccm_desktop.app import run_app

        return int(run_app(db=args.db))
    try:
        return int(args.handler(args))
    except UnreadableFile as exc:
        # In the language asked for with --lang, else that of the user's locale; the file's
        # name and the place in it stay as they are.
        _complain(exc.text(getattr(args, "lang", None) or language_of_environment(os.environ)))
        return EXIT_UNREADABLE
    except CommandError as exc:
        _complain(str(exc))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _complain(_("interrupted"))
        return 130
    except Exception as exc:  # a last resort: one sentence, never a traceback
        known = _known_failure(exc, getattr(args, "lang", None)
                               or language_of_environment(os.environ))
        if known is None:
            raise
        _complain(known)
        return EXIT_UNREADABLE


def _known_failure(exc: Exception, lang: str = "en") -> str | None:
    """Errors from other layers that carry a user-facing sentence, in `lang`."""
    from ccm_desktop.domain.errors import UserError

    if isinstance(exc, UserError):
        return exc.text_in(language(lang))
    if isinstance(exc, OSError):
        return f"{exc.filename or 'a file'}: {exc.strerror or exc}"
    return None


def main(argv: Sequence[str] | None = None) -> None:
    try:
        code = run(argv)
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        if os.environ.get("CCM_DESKTOP_DEBUG"):
            raise
        _complain(_("unexpected problem: {error}. Please report this; set CCM_DESKTOP_DEBUG=1 to "
                    "see the details").format(error=f"{type(exc).__name__}: {exc}"))
        code = EXIT_UNREADABLE
    sys.exit(code)


if __name__ == "__main__":
    main()
