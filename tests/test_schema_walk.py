"""The schema as data: walk every part, table, field and column.

EXPECTED below is the contract of ids written out by hand, one line per field or column: (part, table or
None, id, kind, flag) where flag is "R" (required), "V" (voluntary, shaded grey) or "" (neither).
The schema must hold exactly these, no more and no fewer.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.kinds import Choice
from ccm_desktop.schema.model import Field, Part, RuleContext, Table
from ccm_desktop.schema.registry import FORMS, PARTS, field, part, table
from ccm_desktop.schema.validate import validate
from tests.schema_items import fields_and_columns
from tests.strategies import reports

# (part, table, id, kind, flag) -------------------------------------------------------------
_QUANTITIES = [("munitions", "int", ""), ("submunitions", "int", ""), ("lot_numbers", "note", "")]
_ASSISTANCE = [("year", "year", ""), ("{party}", "text", ""), ("{party}_state", "state", "V"),
               ("assistance_type", "choice", ""), ("purpose", "choice", ""),
               ("amount", "money", ""), ("currency", "currency", ""), ("channel", "text", "")]


def _rows(part_id: str, table_id: str | None, *cols: tuple[str, str, str]
          ) -> list[tuple[str, str | None, str, str, str]]:
    return [(part_id, table_id, c, k, f) for c, k, f in cols]


EXPECTED: list[tuple[str, str | None, str, str, str]] = [
    *_rows("cover", None,
           ("state", "state", "R"), ("report_kind", "choice", "R"), ("period_from", "date", "R"),
           ("period_to", "date", "R"), ("submission_date", "date", ""),
           ("entry_into_force", "date", "R"), ("prepared_by", "text", "V"),
           ("approved_by", "text", "V"), ("area_unit", "choice", "V")),
    *_rows("cover", "contacts",
           ("institution", "text", "R"), ("role", "note", ""), ("person", "text", ""),
           ("address", "note", ""), ("phone", "text", ""), ("fax", "text", ""),
           ("email", "email", "")),
    *_rows("A", "measures",
           ("measure", "note", "R"), ("kind", "choice", ""), ("reference", "text", ""),
           ("effective_date", "date", ""), ("supplementary", "note", "V"),
           ("documents", "attachments", "")),
    *_rows("B", "stockpile",
           ("type", "text", "R"), ("munitions", "int", ""), ("submunitions", "int", ""),
           ("submunitions_per_munition", "int", "V"), ("lot_numbers", "note", ""),
           ("supplementary", "note", "V"), ("munitions_at_entry_into_force", "int", "V"),
           ("submunitions_at_entry_into_force", "int", "V")),
    *_rows("B", None, ("destruction_status", "note", ""), ("completion_date", "date", ""),
           ("article3_deadline", "date", ""), ("extension_decision", "note", "V"),
           ("remarks", "note", "V")),
    *_rows("B", "destruction_sites",
           ("site", "text", ""), ("location", "text", ""), ("methods", "note", ""),
           ("safety_standards", "note", ""), ("environmental_standards", "note", ""),
           ("planned_completion", "date", "")),
    *_rows("B", "destroyed", ("type", "text", "R"), *_QUANTITIES, ("method", "text", ""),
           ("site", "text", ""), ("standards_observed", "note", "")),
    *_rows("B", "discovered", ("type", "text", "R"), *_QUANTITIES,
           ("date_discovered", "date", ""), ("destruction_plan", "note", "")),
    *_rows("C", "types",
           ("type", "text", "R"), ("category", "choice", ""), ("scope", "choice", ""),
           ("dimensions", "text", ""), ("fusing", "text", ""), ("explosive_content", "text", ""),
           ("metallic_content", "text", ""), ("photos", "attachments", ""), ("other", "note", "")),
    *_rows("C", None, ("remarks", "note", "V")),
    *_rows("D", "retained", ("type", "text", "R"), *_QUANTITIES, ("institution", "text", ""),
           ("planned_use", "note", ""), ("actual_use", "note", "")),
    *_rows("D", "transferred", ("type", "text", "R"), *_QUANTITIES,
           ("receiving_state", "state", "R"), ("purpose", "choice", ""), ("date", "date", "")),
    *_rows("D", "acquired", ("type", "text", "R"), *_QUANTITIES,
           ("supplying_state", "state", "R"), ("purpose", "choice", ""), ("date", "date", "")),
    *_rows("D", None, ("remarks", "note", "V")),
    *_rows("E", None, ("ever_produced", "yesno", ""), ("remarks", "note", "V")),
    *_rows("E", "facilities",
           ("facility", "text", "R"), ("location", "text", ""), ("programme", "choice", ""),
           ("status", "choice", ""), ("progress", "note", ""), ("completion_date", "date", "")),
    *_rows("F", "contaminated_areas",
           ("area_id", "text", "R"), ("location", "text", ""), ("latitude", "decimal", "V"),
           ("longitude", "decimal", "V"), ("status", "choice", ""), ("size_m2", "area_m2", ""),
           ("remnant_types", "note", ""), ("date_of_use", "text", ""),
           ("supplementary", "note", "")),
    *_rows("F", "clearance",
           ("area_id", "text", "R"), ("location", "text", ""), ("cleared_m2", "area_m2", ""),
           ("reduced_m2", "area_m2", "V"), ("cancelled_m2", "area_m2", "V"),
           ("submunitions_destroyed", "int", ""), ("other_remnants_destroyed", "note", ""),
           ("operator", "text", "V")),
    *_rows("F", "remnants_destroyed",
           ("type", "text", "R"), ("quantity", "int", "R"), ("area_id", "text", "V")),
    *_rows("F", None, ("clearance_status", "note", ""), ("article4_deadline", "date", ""),
           ("completion_declared", "yesno", ""), ("extension_decision", "note", "V")),
    *_rows("G", None, ("measures", "note", ""), ("marking_and_warning", "note", "")),
    *_rows("G", "activities",
           ("activity", "text", ""), ("target_group", "text", ""), ("location", "text", ""),
           ("organisation", "text", ""), ("period", "text", ""), ("women", "int", "V"),
           ("men", "int", "V"), ("girls", "int", "V"), ("boys", "int", "V")),
    *_rows("H", "casualties",
           ("period", "text", ""), ("outcome", "choice", "R"), ("women", "int", ""),
           ("men", "int", ""), ("girls", "int", ""), ("boys", "int", ""), ("unknown", "int", ""),
           ("total", "int", "R"), ("civilians", "int", "V")),
    *_rows("H", None, *((note, "note", "") for note in (
        "needs_assessment", "laws_and_policies", "national_plan_and_budget",
        "resource_mobilisation", "non_discrimination", "victim_participation", "focal_point",
        "good_practices", "medical_care", "rehabilitation", "psychological_support",
        "social_economic_inclusion", "data_collection"))),
    *_rows("I", "national_resources",
           ("year", "year", "R"), ("article", "choice", ""), ("resource_type", "choice", ""),
           ("amount", "money", ""), ("currency", "currency", ""), ("description", "note", "")),
    *_rows("I", "assistance_provided",
           *((c.format(party="recipient"), k, f) for c, k, f in _ASSISTANCE)),
    *_rows("I", "assistance_received",
           *((c.format(party="donor"), k, f) for c, k, f in _ASSISTANCE)),
    *_rows("I", None, ("remarks", "note", "V")),
    *_rows("J", None, ("other_matters", "note", ""), ("views", "note", "V"),
           ("article21_measures", "note", "V")),
    *_rows("J", "compliance_declarations",
           ("article", "choice", "R"), ("date", "date", "R"), ("meeting", "text", ""),
           ("remarks", "note", "")),
]

EXPECTED_CHOICES = {
    ("cover", None, "report_kind"): {"initial", "annual"},
    ("cover", None, "area_unit"): {"m2", "ha", "km2"},
    ("A", "measures", "kind"): {"legislation", "regulation", "administrative", "penal_sanction",
                                "military_directive", "other"},
    ("C", "types", "category"): {"munition", "submunition", "bomblet", "dispenser"},
    ("C", "types", "scope"): {"produced", "owned_or_possessed"},
    ("D", "transferred", "purpose"): {"destruction", "training_development"},
    ("D", "acquired", "purpose"): {"destruction", "training_development"},
    ("J", "compliance_declarations", "article"): {"3", "4"},
    ("E", "facilities", "programme"): {"conversion", "decommissioning"},
    ("E", "facilities", "status"): {"planned", "in_progress", "completed"},
    ("F", "contaminated_areas", "status"): {"confirmed", "suspected"},
    ("H", "casualties", "outcome"): {"killed", "injured"},
    ("I", "national_resources", "article"): {"3", "4", "5"},
    ("I", "national_resources", "resource_type"): {"financial", "material", "in_kind"},
    ("I", "assistance_provided", "assistance_type"): {"financial", "technical", "material",
                                                      "in_kind"},
    ("I", "assistance_provided", "purpose"): {"stockpile_destruction", "clearance",
                                              "risk_education", "victim_assistance",
                                              "emergency_assistance", "economic_social_recovery",
                                              "trust_fund", "other"},
    ("I", "assistance_received", "assistance_type"): {"financial", "technical", "material",
                                                      "in_kind"},
    ("I", "assistance_received", "purpose"): {"stockpile_destruction", "clearance",
                                              "risk_education", "victim_assistance",
                                              "emergency_assistance", "economic_social_recovery",
                                              "trust_fund", "other"},
}

TABLES_WITH_ONE_ROW_AT_LEAST = {("cover", "contacts"), ("A", "measures")}
VOLUNTARY_TABLES = {("I", "assistance_received"), ("J", "compliance_declarations")}
DERIVED = {("B", "article3_deadline"), ("F", "article4_deadline")}

ARTICLE = re.compile(r"\bArt(icles?|s?\.)\s?\d")


def _flag(item: Field) -> str:
    return "R" if item.required else "V" if item.voluntary else ""


def _actual() -> list[tuple[str, str | None, str, str, str]]:
    return [(p.id, t.id if t else None, f.id, f.kind.name, _flag(f))
            for p in PARTS for t, f in fields_and_columns(p)]


def test_every_field_and_column_listed_is_in_the_schema() -> None:
    missing = sorted(set(EXPECTED) - set(_actual()), key=str)
    assert not missing, f"in EXPECTED but not (or not so) in the schema: {missing}"


def test_the_schema_holds_nothing_that_is_not_listed() -> None:
    extra = sorted(set(_actual()) - set(EXPECTED), key=str)
    assert not extra, f"in the schema but not (or not so) in EXPECTED: {extra}"
    assert len(_actual()) == len(EXPECTED)


def test_parts_are_the_cover_and_forms_a_to_j_in_order() -> None:
    assert [p.id for p in PARTS] == ["cover", *FORM_LETTERS]
    assert tuple(p.id for p in FORMS) == FORM_LETTERS


def test_ids_are_unique_and_well_formed() -> None:
    ident = re.compile(r"^[a-z][a-z0-9_]*$")
    for p in PARTS:
        counts = Counter(item.id for item in p.items)
        assert [i for i, n in counts.items() if n > 1] == [], p.id
        for t in p.tables:
            columns = Counter(c.id for c in t.columns)
            assert [i for i, n in columns.items() if n > 1] == [], f"{p.id}.{t.id}"
        for t, f in fields_and_columns(p):
            assert ident.match(f.id), (p.id, t and t.id, f.id)


def _texts(p: Part) -> list[tuple[str, str]]:
    out = [(f"{p.id} title", p.title), (f"{p.id} help", p.help), (f"{p.id} articles", p.articles)]
    for item in p.items:
        out += [(f"{p.id}.{item.id} label", item.label), (f"{p.id}.{item.id} help", item.help)]
        if isinstance(item, Table):
            for c in item.columns:
                out += [(f"{p.id}.{item.id}.{c.id} label", c.label),
                        (f"{p.id}.{item.id}.{c.id} help", c.help)]
    return out


@pytest.mark.parametrize("p", PARTS, ids=lambda p: p.id)
def test_every_label_and_help_is_a_real_text(p: Part) -> None:
    for where, text in _texts(p):
        assert isinstance(text, str) and text.strip() == text and text, where
        assert "{" not in text, f"{where}: an unfilled placeholder"
        assert "  " not in text, f"{where}: double space"
    for where, text in _texts(p):
        if where.endswith(" help"):
            assert text[-1] in ".?!)", f"{where} is not a sentence: {text!r}"
            assert len(text) <= 320, f"{where} is longer than two sentences should be"


def test_labels_are_unique_within_a_table_and_a_part() -> None:
    for p in PARTS:
        labels = Counter(item.label for item in p.items)
        assert [x for x, n in labels.items() if n > 1] == [], p.id
        for t in p.tables:
            col_labels = Counter(c.label for c in t.columns)
            assert [x for x, n in col_labels.items() if n > 1] == [], f"{p.id}.{t.id}"


@pytest.mark.parametrize("p", FORMS, ids=lambda p: p.id)
def test_form_helps_cite_the_article_they_answer(p: Part) -> None:
    """Each form names its articles; each of its tables and fields says which one it answers
    (Form J, "other relevant matters", answers none in particular)."""
    assert ARTICLE.search(p.articles), p.id
    if p.id == "J":
        return
    for item in p.items:
        assert ARTICLE.search(item.help), f"{p.id}.{item.id}: {item.help!r} cites no article"


def test_cover_helps_cite_articles_where_they_apply() -> None:
    cover = part("cover")
    for item_id in ("state", "report_kind", "period_from", "submission_date",
                    "entry_into_force", "contacts"):
        item = next(i for i in cover.items if i.id == item_id)
        assert ARTICLE.search(item.help), f"cover.{item_id}: {item.help!r}"


def test_choices_have_the_listed_options_with_labels() -> None:
    seen = set()
    for p in PARTS:
        for t, f in fields_and_columns(p):
            if not isinstance(f.kind, Choice):
                continue
            key = (p.id, t.id if t else None, f.id)
            seen.add(key)
            ids = f.kind.ids()
            assert len(ids) == len(set(ids)) >= 2, key
            assert set(ids) == EXPECTED_CHOICES[key], key
            for option in f.kind.options:
                assert option.label.strip(), (key, option.id)
            assert len({o.label for o in f.kind.options}) == len(ids), key
    assert seen == set(EXPECTED_CHOICES)


def test_table_flags() -> None:
    for p in PARTS:
        for t in p.tables:
            assert t.columns, f"{p.id}.{t.id}"
            assert (t.min_rows >= 1) == ((p.id, t.id) in TABLES_WITH_ONE_ROW_AT_LEAST), t.id
            assert t.voluntary == ((p.id, t.id) in VOLUNTARY_TABLES), t.id
            for c in t.columns:
                assert not (c.required and c.voluntary), f"{p.id}.{t.id}.{c.id}"
                assert not c.derived
        for f in p.fields:
            assert not (f.required and f.voluntary), f"{p.id}.{f.id}"
            assert f.derived == ((p.id, f.id) in DERIVED), f.id


def test_only_form_a_can_never_be_not_applicable() -> None:
    """Every form marked not applicable, with a reason: the checks refuse it for Form A alone
    (every State reports its national implementation measures, Art. 7.1(a))."""
    report = Report()
    for letter in FORM_LETTERS:
        report.form(letter).status = FormStatus.NOT_APPLICABLE
        report.form(letter).statement = "Never held cluster munitions."
    refused = [f.path for f in validate(report) if f.is_error and f.path.endswith(".status")]
    assert refused == ["forms.A.status"]


def test_registry_lookups() -> None:
    assert field("F", "clearance_status").kind.name == "note"
    assert table("F", "clearance").column("cleared_m2").kind.name == "area_m2"
    with pytest.raises(KeyError):
        table("F", "nothing")


def test_labels_translate_to_themselves_without_a_catalogue_entry() -> None:
    """Translation falls back to English, so that a partial catalogue never hides a label."""
    for p in PARTS:
        for _, f in fields_and_columns(p):
            assert translate(f.label, "en") == f.label
            assert translate(f.label, "xx") == f.label


def _run_rules(report: Report, previous: Report | None) -> None:
    for p in PARTS:
        ctx = RuleContext(report=report, previous=previous, part_id=p.id)
        for rule in p.rules:
            for finding in rule(ctx):
                assert finding.path.startswith("cover" if p.id == "cover" else f"forms.{p.id}")
                assert finding.message


def test_every_rule_runs_on_an_empty_report() -> None:
    empty = Report()
    _run_rules(empty, None)
    _run_rules(empty, empty)
    assert validate(empty)  # an empty report is not a valid one


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(full=True), reports(full=True))
def test_every_rule_and_the_validator_run_on_fully_filled_reports(report: Report,
                                                                  previous: Report) -> None:
    for p in PARTS:  # really every field and every column
        holder = report.cover if p.id == "cover" else report.form(p.id)
        assert set(holder.fields) == {f.id for f in p.fields}
        for t in p.tables:
            assert holder.tables[t.id]
            assert all(set(row) == {c.id for c in t.columns} for row in holder.tables[t.id])
    for letter in FORM_LETTERS:
        report.form(letter).status = FormStatus.CHANGED
        previous.form(letter).status = FormStatus.CHANGED
    _run_rules(report, previous)
    for finding in validate(report, previous):
        assert finding.message and finding.path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), reports())
def test_every_rule_and_the_validator_run_on_generated_reports(report: Report,
                                                                previous: Report) -> None:
    for letter in FORM_LETTERS:  # rules run on changed forms: make them all changed
        report.form(letter).status = FormStatus.CHANGED
        previous.form(letter).status = FormStatus.CHANGED
    _run_rules(report, previous)
    for finding in validate(report, previous):
        assert finding.message and finding.path


def test_totals_sum_only_quantities_areas_and_amounts() -> None:
    """One rule for the window's and the PDF's totals row: no years, coordinates or ratios."""
    from ccm_desktop.schema.registry import table

    assert [c.id for c in table("B", "stockpile").totalled_columns] == [
        "munitions", "submunitions", "munitions_at_entry_into_force",
        "submunitions_at_entry_into_force"]
    assert [c.id for c in table("F", "contaminated_areas").totalled_columns] == ["size_m2"]
    assert [c.id for c in table("I", "national_resources").totalled_columns] == ["amount"]
    assert "total" in [c.id for c in table("H", "casualties").totalled_columns]


def test_a_derived_field_works_out_its_own_value_from_entry_into_force() -> None:
    """The field says how it is derived (Field.derive); the form page and the PDF ask it."""
    from datetime import date

    from ccm_desktop.domain.report import Report
    from ccm_desktop.schema.registry import field

    report = Report()
    stock, clearance = field("B", "article3_deadline"), field("F", "article4_deadline")
    assert stock.derived_value(report) is None  # nothing to work it out from yet
    report.cover.fields["entry_into_force"] = date(2011, 2, 28)
    assert stock.derived_value(report) == date(2019, 2, 28)  # eight years (Art. 3.2)
    assert clearance.derived_value(report) == date(2021, 2, 28)  # ten years (Art. 4.1)
    report.cover.fields["entry_into_force"] = "spring 2011"  # unreadable: no guess
    assert clearance.derived_value(report) is None
    report.cover.fields["entry_into_force"] = date(2011, 2, 28)
    assert field("F", "completion_declared").derived_value(report) is None  # not derived
