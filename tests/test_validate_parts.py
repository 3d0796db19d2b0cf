"""Validating some parts after an edit: an edit of the cover reruns the cover's checks and only
the forms that read what was edited, and the findings are always those of a full `validate`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.changes import Change, RowsHow
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.model import EVERY_FORM_READS_COVER
from ccm_desktop.schema.registry import FORMS, PARTS, part
from ccm_desktop.schema.validate import _check_part, validate
from ccm_desktop.schema.validate_parts import PART_IDS, PartChecks, readers_of
from tests.strategies import reports, rows, values

COVER = part("cover")
COVER_FIELDS = tuple(f.id for f in COVER.fields)


class _Reading(dict[str, Any]):
    """A cover's fields or tables that note every key read (ALL when they are walked)."""

    ALL = "*"

    def __init__(self, values: dict[str, Any], read: set[str]) -> None:
        super().__init__(values)
        self.read = read

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.read.add(self.ALL)
        return super().__iter__()

    def keys(self) -> Any:
        self.read.add(self.ALL)
        return super().keys()

    def values(self) -> Any:
        self.read.add(self.ALL)
        return super().values()

    def items(self) -> Any:
        self.read.add(self.ALL)
        return super().items()


def _cover_read_by_each_form(report: Report, previous: Report | None) -> dict[str, set[str]]:
    """{form: the cover's fields and tables its checks read} on this (well-typed) report."""
    out: dict[str, set[str]] = {}
    fields, tables = report.cover.fields, report.cover.tables
    try:
        for form in FORMS:
            read: set[str] = set()
            report.cover.fields = _Reading(fields, read)
            report.cover.tables = _Reading(tables, read)
            list(_check_part(report, report, previous, form))
            out[form.id] = read
    finally:
        report.cover.fields, report.cover.tables = fields, tables
    return out


def dated_report() -> Report:
    """A report whose forms read the period, the State and the entry into force."""
    report = Report()
    report.cover.fields.update(state="LBN", report_kind="annual", period_from=date(2015, 1, 1),
                               period_to=date(2015, 12, 31), entry_into_force=date(2011, 5, 1))
    for letter in FORMS:
        report.form(letter.id).status = FormStatus.UNCHANGED
        report.form(letter.id).last_reported_year = 2014
    b = report.form("B")
    b.status, b.last_reported_year = FormStatus.CHANGED, None
    b.tables["stockpile"] = [{"type": "M26", "munitions": 10}]
    b.tables["discovered"] = [{"type": "M42", "submunitions": 3, "date_discovered": date(2013, 1, 2)}]
    d = report.form("D")
    d.status, d.last_reported_year = FormStatus.CHANGED, None
    d.tables["transferred"] = [{"type": "M26", "munitions": 1, "receiving_state": "LBN",
                                "date": date(2016, 2, 1)}]
    h = report.form("H")
    h.status, h.last_reported_year = FormStatus.CHANGED, None
    h.tables["casualties"] = [{"period": "2013", "total": 1}]
    return report


def test_each_forms_checks_read_only_the_cover_fields_it_is_marked_with() -> None:
    """What `reads_cover` and EVERY_FORM_READS_COVER say is what the checks read (recorded)."""
    read = _cover_read_by_each_form(dated_report(), None)
    assert read["D"] >= {"state", "period_from", "period_to"}  # the recording sees the rules
    assert read["B"] >= {"entry_into_force", "period_from"}
    assert {form: sorted(keys - part(form).cover_reads) for form, keys in read.items()} == {
        form.id: [] for form in FORMS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_rows=2), st.booleans())
def test_marks_hold_on_any_report(report: Report, full_cover: bool) -> None:
    if full_cover:
        report.cover.fields.update(dated_report().cover.fields)
    read = _cover_read_by_each_form(report, None)
    assert {form: sorted(keys - part(form).cover_reads) for form, keys in read.items()} == {
        form.id: [] for form in FORMS}


def test_a_cover_edit_reruns_the_cover_and_the_forms_that_read_the_edited_field() -> None:
    def rerun(**change: Any) -> set[str]:
        return set(readers_of(Change("cover", **change)))

    every_form = {form.id for form in FORMS}
    assert rerun(fields=frozenset({"approved_by"})) == {"cover"}
    assert rerun(fields=frozenset({"area_unit", "prepared_by"})) == {"cover"}
    assert rerun(table="contacts", rows=(0,)) == {"cover"}
    assert rerun(table="contacts", rows=(0,), how=RowsHow.REMOVED) == {"cover"}
    for field_id in EVERY_FORM_READS_COVER:
        assert rerun(fields=frozenset({field_id})) == {"cover"} | every_form
    assert {"B", "D", "H"} <= rerun(fields=frozenset({"period_from"})) < {"cover"} | every_form
    assert rerun() == set(PART_IDS)  # said nothing: everything
    assert readers_of(Change("")) == set(PART_IDS)


@st.composite
def _cover_edits(draw: st.DrawFn) -> tuple[Change, Any]:
    """An edit of the cover: a field set to a value of its kind, emptied or given text of the
    wrong type; or a contacts row changed."""
    if draw(st.integers(0, 5)) == 0:
        return Change("cover", table="contacts", rows=(0,)), draw(rows(COVER.table("contacts")))
    field = COVER.field(draw(st.sampled_from(COVER_FIELDS)))
    value = draw(st.one_of(st.none(), values(field.kind), st.just("not of its kind")))
    return Change("cover", fields=frozenset({field.id})), value


def _apply(report: Report, change: Change, value: Any) -> None:
    if change.table is not None:
        report.cover.tables["contacts"] = [value, *report.cover.tables.get("contacts", [])[1:]]
        return
    (field_id,) = change.fields
    if value is None:
        report.cover.fields.pop(field_id, None)
    else:
        report.cover.fields[field_id] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.builds(dated_report), reports(max_rows=2)),
       st.one_of(st.none(), reports(max_rows=2)), st.booleans(),
       st.lists(_cover_edits(), min_size=1, max_size=6))
def test_incremental_findings_after_cover_edits_equal_a_full_validate(
        report: Report, previous: Report | None, same_state: bool,
        edits: list[tuple[Change, Any]]) -> None:
    report.cover.fields.update({k: v for k, v in dated_report().cover.fields.items()
                                if k not in report.cover.fields})
    if previous is not None and same_state:
        previous.cover.fields["state"] = report.cover.fields["state"]
    checks = PartChecks(report, previous)
    found: dict[str, list[Finding]] = checks.findings(PART_IDS)
    for change, value in edits:
        _apply(report, change, value)
        checks.forget(change)
        found.update(checks.findings(readers_of(change)))
        assert [f for p in PARTS for f in found[p.id]] == validate(report, previous)


# Edits of table cells and rows: the row checks and the row rules kept per row ------------------

# Forms with row rules (F, H), rules over whole tables (B, D, I), and tables of both kinds.
EDITED = tuple((letter, table.id) for letter in ("B", "D", "F", "H", "I")
               for table in part(letter).tables)


def _cell_values(kind: Any) -> st.SearchStrategy[Any]:
    """A value for a cell: of its kind, off the earth for coordinates, small for counts (so
    that totals and breakdowns meet), empty, or text of the wrong type."""
    extra: list[st.SearchStrategy[Any]] = [st.none(), st.just("not of its kind")]
    if kind.name == "decimal":
        extra.append(st.sampled_from([Decimal(91), Decimal(-181), Decimal("90.5")]))
    if kind.name == "int":
        extra.append(st.integers(0, 6))
    return st.one_of(values(kind), *extra)


@st.composite
def _table_edits(draw: st.DrawFn) -> tuple[str, str, str, int, int, Any]:
    """(form, table, how, row, other row or column index, value): a cell set, a row inserted,
    removed or moved; row numbers are taken modulo the table's length when applied."""
    letter, table_id = draw(st.sampled_from(EDITED))
    table = part(letter).table(table_id)
    how = draw(st.sampled_from(("cells", "cells", "cells", "inserted", "removed", "moved")))
    if how == "inserted":
        return letter, table_id, how, draw(st.integers(0, 9)), 0, draw(rows(table))
    column = draw(st.integers(0, len(table.columns) - 1))
    value = draw(_cell_values(table.columns[column].kind)) if how == "cells" else None
    return letter, table_id, how, draw(st.integers(0, 9)), draw(st.integers(0, 9)) \
        if how == "moved" else column, value


def _apply_table_edit(report: Report, edit: tuple[str, str, str, int, int, Any]
                      ) -> tuple[Change, ...]:
    """Makes the edit as the window does, and returns the changes it records (none when the
    table has no row to edit)."""
    letter, table_id, how, row, other, value = edit
    form = report.form(letter)
    table = part(letter).table(table_id)
    table_rows = form.tables.setdefault(table_id, [])
    status = (Change(letter, status=True),) if form.status is not FormStatus.CHANGED else ()
    form.status, form.last_reported_year, form.statement = FormStatus.CHANGED, None, None
    if how == "inserted":
        at = row % (len(table_rows) + 1)
        table_rows.insert(at, dict(value))
        return (Change(letter, table=table_id, rows=(at,), how=RowsHow.INSERTED), *status)
    if not table_rows:
        return status
    row %= len(table_rows)
    if how == "removed":
        del table_rows[row]
        return (Change(letter, table=table_id, rows=(row,), how=RowsHow.REMOVED), *status)
    if how == "moved":
        to = other % len(table_rows)
        table_rows.insert(to, table_rows.pop(row))
        return (Change(letter, table=table_id, rows=(row, to), how=RowsHow.MOVED), *status)
    column = table.columns[other].id
    if value is None:
        table_rows[row].pop(column, None)
    else:
        table_rows[row][column] = value
    return (Change(letter, table=table_id, rows=(row,)), *status)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.builds(dated_report), reports(max_rows=4)),
       st.one_of(st.none(), reports(max_rows=3)),
       st.lists(st.one_of(_table_edits(), _table_edits(), _table_edits(), _cover_edits()),
                min_size=1, max_size=12))
def test_incremental_findings_after_table_edits_equal_a_full_validate(
        report: Report, previous: Report | None, edits: list[Any]) -> None:
    """Cells set, emptied or given the wrong type, rows inserted, removed and moved in tables of
    several forms, and the period changed between them: after each, the kept findings of the
    parts the changes name equal a full `validate`."""
    report.cover.fields.update({k: v for k, v in dated_report().cover.fields.items()
                                if k not in report.cover.fields})
    checks = PartChecks(report, previous)
    found: dict[str, list[Finding]] = checks.findings(PART_IDS)
    for edit in edits:
        if len(edit) == 2:
            change, value = edit
            _apply(report, change, value)
            changes: tuple[Change, ...] = (change,)
        else:
            changes = _apply_table_edit(report, edit)
        for change in changes:
            checks.forget(change)
        found.update(checks.findings(set().union(*(readers_of(c) for c in changes))))
        assert [f for p in PARTS for f in found[p.id]] == validate(report, previous)


def test_a_cell_edit_rechecks_only_its_row_and_keeps_the_other_rows_findings() -> None:
    """Row rules are checked per row: after a cell edit the other rows' findings are the same
    objects, and only the edited row's finding comes and goes."""
    report = dated_report()
    h = report.form("H")
    h.tables["casualties"] = [{"period": "2015", "total": 5, "women": 2, "men": 2}
                              for _ in range(50)]  # each: total is not the sum
    checks = PartChecks(report)
    before = checks.findings({"H"})["H"]
    sums = [f for f in before if f.path.endswith(".total")]
    assert len(sums) == 50
    h.tables["casualties"][7]["total"] = 4
    change = Change("H", table="casualties", rows=(7,))
    checks.forget(change)
    after = checks.findings(readers_of(change))["H"]
    assert after == [f for f in validate(report) if f.path.startswith("forms.H")]
    kept = [f for f in after if f.path.endswith(".total")]
    assert len(kept) == 49
    assert all(any(k is b for b in sums) for k in kept)  # the same objects, not rechecked
    assert not any(".casualties[7]." in f.path for f in kept)


AREA_IDS = ("LA-1", "la-1 ", "LA-2", "LA-3", "")
AMOUNTS = st.sampled_from([Decimal(0), Decimal(5), Decimal(40), Decimal("60.5"), Decimal(-30)])


@st.composite
def _area_rows(draw: st.DrawFn, table_id: str) -> dict[str, Any]:
    row: dict[str, Any] = {"area_id": draw(st.sampled_from(AREA_IDS))}
    for column in ("size_m2",) if table_id == "contaminated_areas" else (
            "cleared_m2", "reduced_m2", "cancelled_m2"):
        if draw(st.booleans()):
            row[column] = draw(AMOUNTS)
    return row


@st.composite
def _area_edits(draw: st.DrawFn) -> tuple[str, str, str, int, int, Any]:
    """Edits of Form F's tables whose areas and amounts meet the previous report's."""
    table_id = draw(st.sampled_from(("contaminated_areas", "clearance")))
    table = part("F").table(table_id)
    how = draw(st.sampled_from(("cells", "cells", "cells", "cells", "inserted", "removed",
                                "moved")))
    if how == "inserted":
        return "F", table_id, how, draw(st.integers(0, 9)), 0, draw(_area_rows(table_id))
    column = draw(st.sampled_from(("area_id", "size_m2") if table_id == "contaminated_areas"
                                  else ("area_id", "cleared_m2", "reduced_m2", "cancelled_m2")))
    value = draw(st.sampled_from(AREA_IDS) if column == "area_id" else
                 st.one_of(AMOUNTS, st.none(), st.just("12 ha?")))
    index = [c.id for c in table.columns].index(column)
    return "F", table_id, how, draw(st.integers(0, 9)), draw(st.integers(0, 9)) \
        if how == "moved" else index, value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_area_rows("contaminated_areas"), max_size=5),
       st.lists(_area_rows("clearance"), max_size=6),
       st.lists(_area_rows("contaminated_areas"), min_size=1, max_size=5),
       st.lists(_area_edits(), min_size=1, max_size=12))
def test_kept_area_checks_against_the_previous_report_equal_a_full_validate(
        areas: list[dict[str, Any]], clearance: list[dict[str, Any]],
        areas_before: list[dict[str, Any]], edits: list[Any]) -> None:
    """Form F's released-within-previous-size warnings, kept between edits (each area's rows and
    amounts), after cells, inserts, removals and moves equal a full `validate`."""
    report = dated_report()
    f = report.form("F")
    f.status, f.last_reported_year = FormStatus.CHANGED, None
    f.tables.update(contaminated_areas=areas, clearance=clearance)
    previous = dated_report()
    before = previous.form("F")
    before.status, before.last_reported_year = FormStatus.CHANGED, None
    before.tables["contaminated_areas"] = areas_before
    checks = PartChecks(report, previous)
    found = checks.findings(PART_IDS)
    for edit in edits:
        changes = _apply_table_edit(report, edit)
        for change in changes:
            checks.forget(change)
        found.update(checks.findings(set().union(*(readers_of(c) for c in changes))))
        assert [f for p in PARTS for f in found[p.id]] == validate(report, previous)


def test_an_area_edit_rechecks_the_previous_size_of_that_area_only() -> None:
    """A clearance amount changed in one area brings its warning, and the warnings of the
    other areas stay the same objects."""
    report, previous = dated_report(), dated_report()
    for r in (report, previous):
        r.form("F").status, r.form("F").last_reported_year = FormStatus.CHANGED, None
    previous.form("F").tables["contaminated_areas"] = [
        {"area_id": f"LA-{n}", "size_m2": Decimal(100)} for n in range(20)]
    report.form("F").tables["contaminated_areas"] = [{"area_id": "LA-0"}]
    report.form("F").tables["clearance"] = [
        {"area_id": f"LA-{n}", "cleared_m2": Decimal(50)} for n in range(1, 20)]
    checks = PartChecks(report, previous)
    assert checks.findings({"F"})["F"] == []
    report.form("F").tables["clearance"] = report.form("F").tables["clearance"] + [
        {"area_id": "LA-7", "cleared_m2": Decimal(10)}]
    checks.forget(Change("F", table="clearance", rows=(19,), how=RowsHow.INSERTED))
    assert checks.findings({"F"})["F"] == []
    report.form("F").tables["clearance"][19]["cleared_m2"] = Decimal(70)
    checks.forget(Change("F", table="clearance", rows=(19,)))
    (over,) = checks.findings({"F"})["F"]
    assert over.path == "forms.F.tables.clearance[19].cleared_m2"
    assert "120" in over.message and "LA-7" in over.message
    assert checks.findings({"F"})["F"] == [
        f for f in validate(report, previous) if f.path.startswith("forms.F")]
    report.form("F").tables["clearance"][3]["area_id"] = "LA-30"  # LA-4 no longer named
    checks.forget(Change("F", table="clearance", rows=(3,)))
    found = checks.findings({"F"})["F"]
    assert found[0] is over
    assert [f.path for f in found] == ["forms.F.tables.clearance[19].cleared_m2",
                                       "forms.F.tables.contaminated_areas"]
    assert "LA-4" in found[1].message
    assert found == [f for f in validate(report, previous) if f.path.startswith("forms.F")]
