"""Every check of the validator (errors 1-4b, warnings 4-10 of format 2, and the cover-page
rules): one case that triggers it and one that does not.

`base()` is a complete annual report (Iraq, 2019) with every form changed and filled in, every
table of format 2 included, and
`last_year()` the report before it; together they give no finding at all. Each case edits a copy
and names the severity and path (docs/json-format.md) the finding must carry; the untouched
report shows that the same finding is not raised without the edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.findings import Finding, Severity
from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report
from ccm_desktop.schema.model import RuleContext, parse_path
from ccm_desktop.schema.registry import PARTS
from ccm_desktop.schema.validate import validate, well_typed
from tests.strategies import reports

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def base() -> Report:
    r = Report(language="en")
    r.cover.fields.update(
        state="IRQ", report_kind="annual", period_from=date(2019, 1, 1),
        period_to=date(2019, 12, 31), submission_date=date(2020, 4, 28),
        entry_into_force=date(2013, 11, 1), prepared_by="Directorate of Mine Action")
    r.cover.tables["contacts"] = [{"institution": "Directorate of Mine Action",
                                   "email": "dma@example.org", "role": "Forms F, G, H"}]
    f = {letter: r.form(letter) for letter in FORM_LETTERS}
    for form in f.values():
        form.status = FormStatus.CHANGED
    f["A"].tables["measures"] = [{"measure": "Law on the prohibition of cluster munitions",
                                  "kind": "legislation"}]
    f["B"].fields["destruction_status"] = "Destruction under way."
    f["B"].tables["stockpile"] = [{"type": "BLU-63", "munitions": 10, "submunitions": 2000,
                                   "submunitions_per_munition": 200}]
    f["B"].tables["destroyed"] = [{"type": "BLU-63", "munitions": 4, "submunitions": 800}]
    f["B"].tables["destruction_sites"] = [{"site": "Range 3", "location": "Basra"}]
    f["C"].tables["types"] = [{"type": "BLU-63", "category": "submunition",
                               "scope": "owned_or_possessed"}]
    f["D"].tables["retained"] = [{"type": "BLU-63", "munitions": 2, "submunitions": 400,
                                  "planned_use": "Training of clearance teams"}]
    f["D"].tables["transferred"] = [{"type": "BLU-63", "munitions": 1, "submunitions": 200,
                                     "receiving_state": "DEU", "purpose": "destruction",
                                     "date": date(2019, 6, 3)}]
    f["D"].tables["acquired"] = [{"type": "M77", "munitions": 1, "submunitions": 644,
                                  "supplying_state": "GBR", "purpose": "training_development",
                                  "date": date(2019, 9, 12)}]
    f["E"].fields["ever_produced"] = False
    f["E"].tables["facilities"] = []
    f["F"].tables["contaminated_areas"] = [
        {"area_id": "BSR-001", "size_m2": Decimal("100000"), "status": "confirmed",
         "latitude": Decimal("30.5"), "longitude": Decimal("47.8")}]
    f["F"].tables["clearance"] = [
        {"area_id": "BSR-001", "cleared_m2": Decimal("60000"), "submunitions_destroyed": 37},
        {"area_id": "bsr-001 ", "cleared_m2": Decimal("40000")},  # same area, other case
        {"area_id": "BSR-OLD-7", "cleared_m2": Decimal("900000")}]  # an area released before
    f["F"].tables["remnants_destroyed"] = [{"type": "BLU-97 submunition", "quantity": 12,
                                            "area_id": "BSR-001"}]
    f["G"].fields["measures"] = "Risk education in schools."
    f["H"].tables["casualties"] = [
        {"period": "2019", "outcome": "killed", "men": 2, "boys": 1, "total": 3,
         "civilians": 3},
        {"period": "1991-2019", "outcome": "injured", "total": 11}]  # only a total: allowed
    f["I"].tables["national_resources"] = [{"year": 2019, "amount": Decimal("250000"),
                                            "currency": "USD", "article": "4"}]
    f["J"].fields["other_matters"] = "None."
    f["J"].tables["compliance_declarations"] = [{"article": "3", "date": date(2019, 9, 4),
                                                 "meeting": "Ninth Meeting of States Parties"}]
    return r


def last_year() -> Report:
    r = base()
    r.cover.fields.update(period_from=date(2018, 1, 1), period_to=date(2018, 12, 31),
                          submission_date=date(2019, 4, 30))
    # 15 - 4 destroyed - 1 transferred = 10 this year.
    r.form("B").tables["stockpile"] = [{"type": "BLU-63", "munitions": 15,
                                        "submunitions": 3000}]
    r.form("D").tables["transferred"][0]["date"] = date(2018, 6, 4)
    r.form("D").tables["acquired"][0]["date"] = date(2018, 9, 12)
    r.form("H").tables["casualties"][0]["period"] = "2018"
    return r


Edit = Callable[[Report, Report], object]


def _set(target: dict[str, object], **values: object) -> None:
    target.update(values)


def _drop(target: dict[str, object], *keys: str) -> None:
    for key in keys:
        target.pop(key, None)


# (name, edit(report, previous), severity, path the finding must start with)
Case = tuple[str, Edit, Severity, str]
DROP = object()  # as a value below: the cell or field is emptied


def _edit(target: dict[str, object], values: dict[str, object]) -> None:
    for key, value in values.items():
        if value is DROP:
            target.pop(key, None)
        else:
            target[key] = value


def _prefix(part: str) -> str:
    return "cover" if part == "cover" else f"forms.{part}"


def in_row(name: str, part: str, table: str, row: int, severity: Severity = ERROR,
           at: str | None = None, **values: object) -> Case:
    """A case that edits cells of one row of this year's report; the finding is at the first
    cell edited, or at column `at` of that row."""
    column = at or next(iter(values))
    return (name, lambda r, p: _edit(r.section(part).tables[table][row], values), severity,
            f"{_prefix(part)}.tables.{table}[{row}].{column}")


def in_fields(name: str, part: str, severity: Severity = ERROR, at: str | None = None,
              **values: object) -> Case:
    """A case that edits fields of a part of this year's report; the finding is at the first
    field edited, or at field `at`."""
    field = at or next(iter(values))
    return (name, lambda r, p: _edit(r.section(part).fields, values), severity,
            f"{_prefix(part)}.fields.{field}")


UNCHANGED, NA = FormStatus.UNCHANGED, FormStatus.NOT_APPLICABLE


def with_status(name: str, letter: str, status: FormStatus | None, at: str,
                severity: Severity = ERROR, **attributes: object) -> Case:
    """A case that gives a form of this year's report a status (and a year or statement); the
    finding is at the form's `at` ("status", "statement", "last_reported_year")."""
    def edit(r: Report, p: Report) -> None:
        form = r.form(letter)
        form.status = status
        for key, value in attributes.items():
            setattr(form, key, value)
    return (name, edit, severity, f"forms.{letter}.{at}")


CASES: list[Case] = [
    # 1. required values, kinds, negatives, codes, period order
    *[in_fields(f"cover {key} missing", "cover", **{key: DROP})
      for key in ("state", "report_kind", "period_from", "period_to", "entry_into_force")],
    ("no contacts", lambda r, p: r.cover.tables.pop("contacts"), ERROR, "cover.tables.contacts"),
    in_row("contact without institution", "cover", "contacts", 0, institution=DROP),
    in_row("bad e-mail", "cover", "contacts", 0, email="dma@example"),
    ("no measures", lambda r, p: r.form("A").tables.update(measures=[]), ERROR, "forms.A"),
    in_row("stockpile type missing", "B", "stockpile", 0, type=DROP),
    in_row("destroyed type missing", "B", "destroyed", 0, type=DROP),
    ("discovered type missing", lambda r, p: r.form("B").tables.update(
        discovered=[{"munitions": 1}]), ERROR, "forms.B.tables.discovered[0].type"),
    in_row("types type missing", "C", "types", 0, type=DROP),
    in_row("retained type missing", "D", "retained", 0, type=DROP),
    in_row("receiving State missing", "D", "transferred", 0, receiving_state=DROP),
    ("facility missing", lambda r, p: r.form("E").tables.update(
        facilities=[{"location": "Baghdad"}]), ERROR, "forms.E.tables.facilities[0].facility"),
    in_row("area id missing", "F", "contaminated_areas", 0, area_id=DROP),
    in_row("clearance area id missing", "F", "clearance", 2, area_id=DROP),
    in_row("casualty outcome missing", "H", "casualties", 1, outcome=DROP),
    in_row("casualty total missing", "H", "casualties", 1, total=DROP),
    in_row("resources year missing", "I", "national_resources", 0, year=DROP),
    in_row("currency missing with amount", "I", "national_resources", 0, currency=DROP),
    in_row("text in a number column", "B", "destroyed", 0, munitions="four"),
    in_row("a float in a number column", "B", "destroyed", 0, munitions=4.0),
    in_fields("text in a date field", "cover", period_to="2019-12-31"),
    in_row("unknown choice", "A", "measures", 0, kind="decree"),
    in_row("negative count", "B", "destroyed", 0, munitions=-4),
    in_row("negative area", "F", "clearance", 2, cleared_m2=Decimal("-1")),
    in_row("negative money", "I", "national_resources", 0, amount=Decimal("-0.01")),
    in_row("implausible year", "I", "national_resources", 0, year=19),
    in_row("latitude beyond the pole", "F", "contaminated_areas", 0, latitude=Decimal("90.5")),
    in_row("longitude beyond the date line", "F", "contaminated_areas", 0, longitude=Decimal("-180.01")),
    in_fields("unknown State", "cover", state="XYZ"),
    in_fields("lower-case State code", "cover", state="irq"),
    in_row("unknown receiving State", "D", "transferred", 0, receiving_state="ZZZ"),
    in_row("unknown currency", "I", "national_resources", 0, currency="ABC"),
    in_fields("period reversed", "cover", at="period_to", period_from=date(2020, 1, 1)),
    in_row("attachment missing", "A", "measures", 0, documents=["nowhere"]),
    in_fields("unknown field", "J", colour="red"),
    ("unknown table", lambda r, p: r.form("J").tables.update(extra=[{"a": 1}]), ERROR,
     "forms.J.tables.extra"),
    # 2. cover-page rules
    with_status("status missing", "G", None, "status"),
    with_status("Form A not applicable", "A", NA, "status", statement="No laws needed"),
    ("initial report with an unchanged form", lambda r, p: (
        _set(r.cover.fields, report_kind="initial", submission_date=date(2014, 4, 1)),
        setattr(r.form("C"), "status", FormStatus.UNCHANGED),
        setattr(r.form("C"), "last_reported_year", 2018)), ERROR, "forms.C.status"),
    with_status("unchanged without a year", "C", UNCHANGED, "last_reported_year"),
    with_status("unchanged since this year", "C", UNCHANGED, "last_reported_year",
                last_reported_year=2019),
    with_status("unchanged since a year that is no year", "C", UNCHANGED, "last_reported_year",
                last_reported_year=18),
    with_status("not applicable without a reason", "E", NA, "statement"),
    with_status("not applicable with a blank reason", "E", NA, "statement", statement="   "),
    with_status("not applicable with a bare N/A", "E", NA, "statement", WARNING,
                statement="N/A"),
    ("changed but empty", lambda r, p: (r.form("J").fields.clear(), r.form("J").tables.clear()),
     ERROR, "forms.J"),
    ("changed with only empty values", lambda r, p: (
        r.form("J").fields.update(other_matters=None), r.form("J").tables.update(x=[])),
     ERROR, "forms.J"),
    # 3. casualty total
    in_row("total is not the sum", "H", "casualties", 0, total=4),
    in_row("total below the breakdown", "H", "casualties", 0, at="total", unknown=5),
    # 4a. transfers to or from the State itself; civilians beyond the total
    in_row("transferred to itself", "D", "transferred", 0, receiving_state="IRQ"),
    in_row("acquired from itself", "D", "acquired", 0, supplying_state="IRQ"),
    in_row("more civilians than casualties", "H", "casualties", 0, civilians=4),
    # 4b. unchanged since before entry into force; the previous report of another State
    with_status("unchanged since before entry into force", "C", UNCHANGED, "last_reported_year",
                last_reported_year=2012),
    ("previous report of another State", lambda r, p: _set(p.cover.fields, state="JOR"),
     ERROR, "cover.fields.state"),
    # 4 (format 2: a warning, against the previous report)
    in_row("released beyond last year's size", "F", "clearance", 1,
           WARNING, at="cleared_m2", reduced_m2=Decimal("0.5")),
    ("released beyond last year's size given in two rows", lambda r, p: (
        p.form("F").tables["contaminated_areas"].append(
            {"area_id": "NJF-2", "size_m2": Decimal("6")}),
        p.form("F").tables["contaminated_areas"].append(
            {"area_id": "njf-2", "size_m2": Decimal("4")}),
        r.form("F").tables["clearance"].append({"area_id": "NJF-2", "cleared_m2": Decimal("5"),
                                                "cancelled_m2": Decimal("6")})),
     WARNING, "forms.F.tables.clearance[3].cleared_m2"),
    ("last year's area vanished", lambda r, p: p.form("F").tables["contaminated_areas"].append(
        {"area_id": "NJF-2", "size_m2": Decimal("10")}),
     WARNING, "forms.F.tables.contaminated_areas"),
    # 5. stockpile balance (needs last year's report)
    in_row("stockpile does not balance", "B", "stockpile", 0, WARNING, munitions=11, submunitions=2200),
    ("stockpile gone without destruction", lambda r, p: r.form("B").tables.update(stockpile=[]),
     WARNING, "forms.B.tables.stockpile"),
    ("a type appears from nowhere", lambda r, p: r.form("B").tables["stockpile"].append(
        {"type": "M42", "munitions": 5, "submunitions": 0}),
     WARNING, "forms.B.tables.stockpile[1].munitions"),
    # 6. retained increased
    in_row("retained increased", "D", "retained", 0, WARNING, munitions=3, submunitions=600),
    in_row("retained submunitions increased", "D", "retained", 0, WARNING, submunitions=401),
    # 7. ratio
    in_row("ratio differs from the stated one", "B", "stockpile", 0, WARNING, submunitions=1990),
    in_row("destroyed ratio differs from the stated one", "B", "destroyed", 0, WARNING, submunitions=790),
    ("ratio differs from last year's", lambda r, p: (
        _drop(r.form("B").tables["stockpile"][0], "submunitions_per_munition"),
        _set(p.form("B").tables["stockpile"][0], submunitions=2985)),
     WARNING, "forms.B.tables.stockpile[0].submunitions"),
    # 8. period and due date
    in_fields("annual period not a calendar year", "cover", WARNING, period_from=date(2019, 2, 1)),
    in_fields("annual period not the previous year", "cover",
              WARNING, at="period_to", submission_date=date(2021, 4, 1)),
    in_fields("annual report late", "cover", WARNING, submission_date=date(2020, 5, 1)),
    ("initial report late", lambda r, p: _set(
        r.cover.fields, report_kind="initial", period_from=date(2013, 11, 1),
        period_to=date(2014, 4, 1), submission_date=date(2014, 5, 1)),
     WARNING, "cover.fields.submission_date"),
    in_fields("no submission date", "cover", WARNING, submission_date=DROP),
    in_fields("entry into force not the State's", "cover", WARNING, entry_into_force=date(2013, 12, 1)),
    # 9. deadlines
    ("stockpile past the Art. 3 deadline", lambda r, p: _set(
        r.cover.fields, period_from=date(2022, 1, 1), period_to=date(2022, 12, 31),
        submission_date=date(2023, 4, 1)), WARNING, "forms.B.tables.stockpile"),
    ("stockpile past an extended deadline", lambda r, p: (
        _set(r.cover.fields, period_from=date(2026, 1, 1), period_to=date(2026, 12, 31),
             submission_date=date(2027, 4, 1)),
        _set(r.form("B").fields, article3_deadline=date(2025, 11, 1))),
     WARNING, "forms.B.tables.stockpile"),
    ("contamination past the Art. 4 deadline", lambda r, p: _set(
        r.cover.fields, period_from=date(2024, 1, 1), period_to=date(2024, 12, 31),
        submission_date=date(2025, 4, 1)), WARNING, "forms.F.tables.contaminated_areas"),
    # 10. transfers to States not party; dated rows outside the period; a withdrawn State
    in_row("transferred to a State not party", "D", "transferred", 0, WARNING, receiving_state="USA"),
    in_row("transferred before the receiver was a party", "D", "transferred", 0,
           WARNING, receiving_state="NGA"),
    in_row("transferred outside the period", "D", "transferred", 0, WARNING, date=date(2018, 12, 31)),
    in_row("acquired outside the period", "D", "acquired", 0, WARNING, date=date(2020, 1, 1)),
    ("discovered outside the period", lambda r, p: r.form("B").tables.update(discovered=[
        {"type": "BLU-63", "munitions": 0, "submunitions": 0,
         "date_discovered": date(2017, 5, 2)}]),
     WARNING, "forms.B.tables.discovered[0].date_discovered"),
    in_row("casualties of another year", "H", "casualties", 0, WARNING, period="January-June 2018"),
    ("report of a State that had withdrawn", lambda r, p: _set(
        r.cover.fields, state="LTU", entry_into_force=date(2011, 9, 1),
        period_from=date(2025, 1, 1), period_to=date(2025, 12, 31)),
     WARNING, "cover.fields.state"),
    # Form D: Art. 3.8 planned and actual use
    ("retained without use", lambda r, p: _drop(r.form("D").tables["retained"][0],
                                                "planned_use"),
     WARNING, "forms.D.tables.retained[0]"),
    # Form I: amounts of assistance without a currency
    ("assistance amount without currency", lambda r, p: r.form("I").tables.update(
        assistance_received=[{"donor": "Germany", "amount": Decimal("1000")}]),
     WARNING, "forms.I.tables.assistance_received[0].currency"),
]


def _findings(report: Report, previous: Report | None) -> list[Finding]:
    return validate(report, previous)


def _matches(findings: list[Finding], severity: Severity, path: str) -> list[Finding]:
    return [f for f in findings if f.severity is severity and f.path.startswith(path)]


def test_the_base_report_and_last_year_have_no_findings() -> None:
    assert _findings(base(), last_year()) == []
    assert _findings(base(), None) == []
    assert _findings(last_year(), None) == []


@pytest.mark.parametrize(("name", "edit", "severity", "path"), CASES, ids=[c[0] for c in CASES])
def test_each_check_triggers_and_does_not_without_the_edit(
        name: str, edit: Edit, severity: Severity, path: str) -> None:
    report, previous = base(), last_year()
    assert _matches(_findings(report, previous), severity, path) == []
    edit(report, previous)
    found = _matches(_findings(report, previous), severity, path)
    assert found, f"{name}: nothing at {path}; got {_findings(report, previous)}"
    for finding in found:
        _assert_plain_sentence(finding)


PLACE_WORDS = re.compile(r"^(Cover page|Form [A-J])\b")


def _assert_plain_sentence(finding: Finding) -> None:
    """A message names the place (cover page or form, and the row in words) and reads as a
    sentence: no ids, no braces, no Python reprs."""
    message = finding.message
    assert PLACE_WORDS.match(message), message
    assert message.endswith((".", ".)")), message
    assert "{" not in message and "}" not in message, message
    # (A bare "<" may be what the user typed as a type; a leaked object repr looks like these.)
    for leak in ("None", "Decimal(", "datetime.", "FormStatus", "_m2", "['", "{'", " object at 0x",
                 "<class ", "Message(", "Words("):
        assert leak not in message, f"{leak!r} in {message!r}"
    ref = parse_path(finding.path)
    if ref.row is not None:
        assert f"row {ref.row + 1}" in message, message


def test_every_finding_of_the_cases_is_a_plain_sentence() -> None:
    for _, edit, _, _ in CASES:
        report, previous = base(), last_year()
        edit(report, previous)
        for finding in _findings(report, previous):
            _assert_plain_sentence(finding)


def test_year_on_year_warnings_need_the_previous_report() -> None:
    for name in ("stockpile does not balance", "retained increased",
                 "ratio differs from last year's"):
        _, edit, severity, path = next(c for c in CASES if c[0] == name)
        report, previous = base(), last_year()
        edit(report, previous)
        assert _matches(_findings(report, None), severity, path) == [], name


def test_previous_report_that_did_not_say_gives_no_balance_warning() -> None:
    report, previous = base(), last_year()
    previous.form("B").status = FormStatus.UNCHANGED
    previous.form("B").last_reported_year = 2017
    report.form("B").tables["stockpile"][0].update(munitions=99, submunitions=19800)
    assert _findings(report, previous) == []
    previous.form("B").status = FormStatus.CHANGED
    assert _matches(_findings(report, previous), WARNING, "forms.B.tables.stockpile[0]")


def test_stockpile_balance_counts_discoveries_and_types_by_folded_name() -> None:
    report, previous = base(), last_year()
    report.form("B").tables["stockpile"][0].update(munitions=12, submunitions=2400,
                                                   type="blu-63 ")
    report.form("B").tables["discovered"] = [{"type": "BLU-63", "munitions": 2,
                                              "submunitions": 400}]
    assert _findings(report, previous) == []


def test_forms_not_changed_are_not_checked() -> None:
    report = base()
    report.form("B").status = FormStatus.NOT_APPLICABLE
    report.form("B").statement = "Never held cluster munitions."
    report.form("B").tables["destroyed"][0]["munitions"] = -4
    report.form("H").status = FormStatus.UNCHANGED
    report.form("H").last_reported_year = 2018
    report.form("H").tables["casualties"][0]["total"] = 99
    assert _findings(report, None) == []


def test_every_form_unchanged_makes_a_cover_page_only_report() -> None:
    report = base()
    for letter in FORM_LETTERS:
        form = report.form(letter)
        form.status, form.last_reported_year = FormStatus.UNCHANGED, 2018
        form.fields.clear()
        form.tables.clear()
    assert _findings(report, None) == []


def test_near_misses_raise_nothing() -> None:
    report = base()
    # cleared exactly the area's size of last year (60000 + 40000 = 100000 m2)
    assert sum(r["cleared_m2"] for r in report.form("F").tables["clearance"][:2]) == 100000
    assert _findings(report, last_year()) == []
    # format 2: clearing more than remains after the period is normal (error 4 withdrawn)
    report.form("F").tables["clearance"][1]["cleared_m2"] = Decimal("140000")
    # (the period becomes 2022 below) dated rows on the first and the last day of the period,
    # casualties of several years that include it, as many civilians as casualties
    report.form("D").tables["transferred"][0]["date"] = date(2022, 1, 1)
    report.form("D").tables["acquired"][0]["date"] = date(2022, 12, 31)
    report.form("H").tables["casualties"][0]["period"] = "2021-2022"
    report.form("H").tables["casualties"][1]["period"] = "1991-2022"
    report.form("H").tables["casualties"][0]["civilians"] = 3
    # a total with an empty count in the breakdown: empty counts are 0
    report.form("H").tables["casualties"].append({"outcome": "injured", "girls": 2, "total": 2})
    # submitted on the due date itself
    report.cover.fields["submission_date"] = date(2020, 4, 30)
    # an extension recorded and not yet passed
    report.cover.fields.update(period_from=date(2022, 1, 1), period_to=date(2022, 12, 31),
                               submission_date=date(2023, 4, 1))
    report.form("B").fields["article3_deadline"] = date(2023, 11, 1)
    # a stockpile reported as destroyed
    report.form("F").fields["article4_deadline"] = date(2028, 11, 1)
    # a statement with a reason
    report.form("E").status = FormStatus.NOT_APPLICABLE
    report.form("E").statement = "Never produced cluster munitions."
    assert _findings(report, None) == []


def test_completion_recorded_silences_the_deadline_warnings() -> None:
    report = base()
    report.cover.fields.update(period_from=date(2024, 1, 1), period_to=date(2024, 12, 31),
                               submission_date=date(2025, 4, 1))
    for table_id in ("transferred", "acquired"):  # dated 2019: warning 10 in a 2024 report
        report.form("D").tables[table_id][0].pop("date")
    for row in report.form("H").tables["casualties"]:
        row.pop("period")
    report.form("B").fields["completion_date"] = date(2021, 6, 1)
    report.form("F").fields["completion_declared"] = True
    assert _findings(report, None) == []


def test_unchanged_forms_in_an_annual_report_are_fine() -> None:
    report = base()
    report.form("C").status, report.form("C").last_reported_year = FormStatus.UNCHANGED, 2018
    assert _findings(report, None) == []


def test_every_path_is_a_place_the_window_can_go_to() -> None:
    for _, edit, _, _ in CASES:
        report, previous = base(), last_year()
        edit(report, previous)
        for finding in _findings(report, previous):
            ref = parse_path(finding.path)
            assert ref.part_id in [p.id for p in PARTS]
            assert re.fullmatch(
                r"(cover|forms\.[A-J])(\.(status|statement|last_reported_year)"
                r"|\.fields\.\w+|\.tables\.\w+(\[\d+\](\.\w+)?)?)?", finding.path), finding.path


def _junk() -> st.SearchStrategy[object]:
    return st.one_of(st.none(), st.text(max_size=5), st.integers(-5, 5), st.booleans(),
                     st.just(Decimal("-1.5")), st.just(date(2020, 1, 1)), st.just(2.5),
                     st.just(["a1"]), st.just({"x": 1}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_values_of_any_type_never_break_the_validator(data: st.DataObject) -> None:
    """The window may hold a value of the wrong type for a moment: every check must still run,
    and the wrong value is reported, not tripped over."""
    report, previous = base(), last_year()
    for target in (report, previous):
        for p in PARTS:
            holder = target.cover if p.id == "cover" else target.form(p.id)
            for f in p.fields:
                if data.draw(st.booleans()):
                    holder.fields[f.id] = data.draw(_junk())
            for t in p.tables:
                for row in holder.tables.get(t.id, []):
                    for c in t.columns:
                        if data.draw(st.booleans()):
                            row[c.id] = data.draw(_junk())
    findings = validate(report, previous)
    assert all(f.message for f in findings)


def test_well_typed_drops_only_wrongly_typed_values() -> None:
    report = base()
    assert well_typed(report) is report
    report.form("B").tables["destroyed"][0]["munitions"] = "four"
    report.cover.fields["period_to"] = "2019"
    typed = well_typed(report)
    assert typed is not report
    assert "munitions" not in typed.form("B").tables["destroyed"][0]
    assert "period_to" not in typed.cover.fields
    assert report.cover.fields["period_to"] == "2019"  # the report itself is untouched
    assert typed.form("B").tables["destroyed"][0]["submunitions"] == 800


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_validate_without_raising(report: Report) -> None:
    for finding in validate(report, base()):
        _assert_plain_sentence(finding)


def test_every_cross_field_rule_is_triggered_by_a_case_and_quiet_on_the_base() -> None:
    for p in PARTS:
        for rule in p.rules:
            quiet = list(rule(RuleContext(report=base(), previous=last_year(), part_id=p.id)))
            assert quiet == [], f"{rule.__name__} fires on the base report: {quiet}"
            fired = []
            for _, edit, _, _ in CASES:
                report, previous = base(), last_year()
                edit(report, previous)
                ctx = RuleContext(report=well_typed(report), previous=well_typed(previous),
                                  part_id=p.id)
                fired += list(rule(ctx))
            assert fired, f"no case triggers {p.id}.{rule.__name__}"


def test_the_first_annual_report_may_be_unchanged_since_the_initial_report_of_its_year() -> None:
    """Iraq: entry into force 1 November 2013, initial report due 30 April 2014. The annual
    report for 2014 may say "unchanged since 2014" (the initial report); the one for 2015 may
    not say "unchanged since 2015", and a State long in force may not either."""
    report = base()
    report.cover.fields.update(period_from=date(2014, 1, 1), period_to=date(2014, 12, 31),
                               submission_date=date(2015, 4, 28))
    for table_id in ("transferred", "acquired"):
        report.form("D").tables[table_id][0].pop("date")
    for row in report.form("H").tables["casualties"]:
        row.pop("period")
    report.form("C").status, report.form("C").last_reported_year = FormStatus.UNCHANGED, 2014
    assert _findings(report, None) == []
    report.cover.fields.update(period_from=date(2015, 1, 1), period_to=date(2015, 12, 31),
                               submission_date=date(2016, 4, 28))
    report.form("C").last_reported_year = 2015
    assert _matches(_findings(report, None), ERROR, "forms.C.last_reported_year")
    report.cover.fields["report_kind"] = "initial"
    report.form("C").last_reported_year = 2013
    assert _matches(_findings(report, None), ERROR, "forms.C.status")


def test_a_long_table_reports_exactly_its_wrong_cells() -> None:
    """Thousands of good rows are passed over quickly; the few wrong cells among them (a
    missing required value, a wrong type, a negative area, an unknown choice, a missing
    attachment) are each found at their own path, and only they."""
    report = Report()
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.tables["clearance"] = [{"area_id": f"LA-{n}", "cleared_m2": Decimal(n)}
                             for n in range(3000)]
    f.tables["clearance"][10]["cleared_m2"] = Decimal(-1)
    f.tables["clearance"][2000]["submunitions_destroyed"] = "many"
    f.tables["contaminated_areas"] = [{"area_id": f"LA-{n}", "status": "confirmed"}
                                      for n in range(3000)]
    f.tables["contaminated_areas"][5]["status"] = "nonsense"
    f.tables["contaminated_areas"][2999]["area_id"] = ""
    report.form("A").status = FormStatus.CHANGED
    report.form("A").tables["measures"] = [{"measure": "Law", "documents": ["gone"]}]
    wrong = {x.path for x in validate(report) if x.severity is Severity.ERROR
             and (".tables.clearance[" in x.path or ".tables.contaminated_areas[" in x.path
                  or ".tables.measures[" in x.path)}
    assert wrong == {"forms.F.tables.clearance[10].cleared_m2",
                     "forms.F.tables.clearance[2000].submunitions_destroyed",
                     "forms.F.tables.contaminated_areas[5].status",
                     "forms.F.tables.contaminated_areas[2999].area_id",
                     "forms.A.tables.measures[0].documents"}


def test_stockpile_balance_names_the_first_row_of_a_type_and_its_spelling() -> None:
    """Each type's warning points at the first stockpile row of that type and names the type as
    that row spells it; a type gone from the stockpile is named as the previous report spelt it."""
    report, previous = base(), last_year()
    previous.form("B").tables["stockpile"].append({"type": "M42  Dpicm", "munitions": 3})
    report.form("B").tables["stockpile"] = [
        {"type": "BLU-63", "munitions": 6, "submunitions": 1200},
        {"type": "blu-63", "munitions": 4, "submunitions": 1000},
        {"type": "M77", "munitions": 1}]
    found = [f for f in _findings(report, previous)
             if f.path.startswith("forms.B.tables.stockpile") and "previous report's" in f.message]
    assert [(f.path, dict(f.params)["type"]) for f in found] == [
        ("forms.B.tables.stockpile", "M42  Dpicm"),  # munitions, by type; then submunitions
        ("forms.B.tables.stockpile[2].munitions", "M77"),
        ("forms.B.tables.stockpile[0].submunitions", "BLU-63")]
