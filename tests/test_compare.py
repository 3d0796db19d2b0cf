"""The comparison of two reports (schema/compare.py) and `ccm-desktop diff`: on the program's
own Croatia 2015 and 2016 samples and on generated pairs, rows that moved included."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.cli import run
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.formats import read_report
from ccm_desktop.schema.compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    compare,
    describe,
    lines,
)
from ccm_desktop.schema.i18n import language
from ccm_desktop.schema.model import parse_path
from ccm_desktop.schema.registry import PARTS
from ccm_desktop.storage.repository import open_repository
from tests.conftest import RESOURCE_SAMPLES
from tests.strategies import reports

HRV_2015 = RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json"
HRV_2016 = RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"


@pytest.fixture(scope="module")
def croatia() -> tuple[Report, Report]:
    return read_report(HRV_2015), read_report(HRV_2016)


def _figure(comparison, key):  # type: ignore[no-untyped-def]
    return next(f for f in comparison.figures if f.key == key)


def test_croatia_key_figures(croatia: tuple[Report, Report]) -> None:
    c = compare(*croatia)
    bl755 = _figure(c, "B.stockpile.munitions[BL755 bomb]")
    assert (bl755.old, bl755.new, bl755.difference) == (90, 30, -60)
    orkan = _figure(c, "B.stockpile.munitions[M-87 Orkan 262 mm rocket]")
    assert (orkan.old, orkan.new, orkan.difference) == (40, None, -40)  # all destroyed in 2016
    area = _figure(c, "F.area_remaining")
    assert (area.old, area.new, area.difference) == (1494450, 319700, -1174750)
    released = _figure(c, "F.land_released")
    assert (released.old, released.new) == (840800, 1174750)
    assert _figure(c, "H.casualties.killed").difference == 0
    hrk = _figure(c, "I.national_resources[HRK]")
    assert (hrk.old, hrk.new, hrk.unit) == (11700000, 10750000, "HRK")
    assert _figure(c, "I.assistance_received[EUR]").difference == -250000


def test_croatia_rows_matched_by_their_natural_key(croatia: tuple[Report, Report]) -> None:
    old, new = croatia
    c = compare(old, new)
    areas = [ch for ch in c.changes if ch.table_id == "contaminated_areas"]
    # The areas still contaminated are matched by their id, whatever their place.
    size = {(ch.old_row, ch.new_row): (ch.old, ch.new) for ch in areas
            if ch.column_id == "size_m2"}
    old_ids = [r["area_id"] for r in old.form("F").tables["contaminated_areas"]]
    new_ids = [r["area_id"] for r in new.form("F").tables["contaminated_areas"]]
    for (i, j) in size:
        assert old_ids[i] == new_ids[j]
    removed = {old_ids[ch.old_row] for ch in areas if ch.kind == REMOVED}
    assert removed == set(old_ids) - set(new_ids) and removed
    assert not [ch for ch in areas if ch.kind == ADDED]
    # The Orkan rockets were all destroyed: their stockpile row is removed, not "changed".
    stock = [ch for ch in c.changes if ch.table_id == "stockpile"]
    assert [ch.old["type"] for ch in stock if ch.kind == REMOVED] == ["M-87 Orkan 262 mm rocket"]
    assert c.changes[0].path == "cover.fields.period_from"


def test_a_report_compared_with_itself_has_no_changes(croatia: tuple[Report, Report]) -> None:
    c = compare(croatia[1], croatia[1].copy())
    assert c.changes == () and c.is_empty
    assert all(f.difference == 0 for f in c.figures)


def test_rows_that_moved_are_moved_not_removed_and_added(croatia: tuple[Report, Report]) -> None:
    old = croatia[1]
    new = old.copy()
    areas = new.form("F").tables["contaminated_areas"]
    areas.insert(0, areas.pop())  # the last area is now the first
    clearance = new.form("F").tables["clearance"]
    clearance.reverse()  # no natural key: matched by content
    clearance[0]["operator"] = "Another operator"  # moved and edited
    c = compare(old, new)
    kinds = {(ch.table_id, ch.kind) for ch in c.changes}
    assert (("contaminated_areas", ADDED) not in kinds
            and ("contaminated_areas", REMOVED) not in kinds)
    moved = [ch for ch in c.changes if ch.kind == MOVED]
    last = len(areas)
    # Only the area that was moved is "moved": the others kept their order.
    assert [(ch.old, ch.new) for ch in moved if ch.table_id == "contaminated_areas"] == [(last, 1)]
    assert any(ch.table_id == "clearance" for ch in moved)
    edited = [ch for ch in c.changes if ch.kind == CHANGED and ch.table_id == "clearance"]
    assert [(ch.column_id, ch.new, ch.new_row) for ch in edited] == [("operator",
                                                                       "Another operator", 0)]
    assert not [ch for ch in c.changes if ch.kind in (ADDED, REMOVED)]
    text = describe(moved[0], language("en"))
    assert text.startswith("Moved: Form F, Contaminated areas, row 1") and "was row" in text


def test_an_inserted_row_does_not_move_the_rows_below(croatia: tuple[Report, Report]) -> None:
    old = croatia[1]
    new = old.copy()
    new.form("F").tables["contaminated_areas"].insert(0, {"area_id": "HR-NEW-1",
                                                          "size_m2": Decimal(1000)})
    c = compare(old, new)
    assert [(ch.kind, ch.path) for ch in c.changes] == [
        (ADDED, "forms.F.tables.contaminated_areas[0]")]
    area = _figure(c, "F.area_remaining")
    assert area.difference == 1000


# Generated pairs -------------------------------------------------------------------------------


def _check_paths(report: Report, path: str) -> None:
    ref = parse_path(path)
    holder = report.cover if ref.part_id == "cover" else report.form(ref.part_id)
    if ref.table_id is not None:
        rows = holder.tables[ref.table_id]
        assert ref.row is not None and 0 <= ref.row < len(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_rows=4), reports(max_rows=4))
def test_generated_pairs_account_for_every_row(a: Report, b: Report) -> None:
    c = compare(a, b)
    na, nb = a.normalised(), b.normalised()
    for p in PARTS:
        for t in p.tables:
            old = (na.cover if p.id == "cover" else na.form(p.id)).tables.get(t.id, [])
            new = (nb.cover if p.id == "cover" else nb.form(p.id)).tables.get(t.id, [])
            mine = [ch for ch in c.changes if ch.part_id == p.id and ch.table_id == t.id]
            removed = sum(1 for ch in mine if ch.kind == REMOVED)
            added = sum(1 for ch in mine if ch.kind == ADDED)
            # Every row is matched, removed or added: the matched ones are as many on each side.
            assert len(old) - removed == len(new) - added
    for ch in c.changes:
        _check_paths(na if ch.kind == REMOVED else nb, ch.path)
    for line in lines(c):
        assert "\n" not in line and line.count("\t") in (3, 4)
    assert compare(b, b).changes == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_rows=5), st.randoms(use_true_random=False))
def test_generated_rows_shuffled_are_only_moved(a: Report, rnd) -> None:  # type: ignore[no-untyped-def]
    b = a.copy()
    for p in PARTS:
        holder = b.cover if p.id == "cover" else b.form(p.id)
        for rows in holder.tables.values():
            rnd.shuffle(rows)
    c = compare(a, b)
    assert {ch.kind for ch in c.changes} <= {MOVED}
    assert all(f.difference in (0, None) for f in c.figures)


# The command line ------------------------------------------------------------------------------


def test_diff_command_on_the_croatia_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", str(HRV_2015), str(HRV_2016)]) == 1  # there are differences
    out = capsys.readouterr().out.splitlines()
    assert "changed\tforms.B.tables.stockpile[0].munitions\t90\t30" in out
    assert "figure\tF.area_remaining\t1494450\t319700\t-1174750" in out
    removed = next(line for line in out if line.startswith("removed\tforms.B.tables.stockpile"))
    assert json.loads(removed.split("\t")[2])["type"] == "M-87 Orkan 262 mm rocket"
    assert all(len(line.split("\t")) in (4, 5) for line in out)

    assert run(["diff", str(HRV_2015), str(HRV_2016), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    figure = next(f for f in data["figures"] if f["key"] == "I.national_resources[HRK]")
    assert figure["difference"] == -950000 and figure["unit"] == "HRK"
    assert {"kind": "changed", "path": "forms.B.tables.stockpile[0].munitions",
            "old_path": "forms.B.tables.stockpile[0].munitions", "old": 90, "new": 30} \
        in data["changes"]


def test_diff_command_on_stored_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        ) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(str(db)) as repo:
        first = repo.add(read_report(HRV_2015), summary="2015")
        second = repo.add(read_report(HRV_2016), summary="2016")
    assert run(["--db", str(db), "diff", str(second), str(second)]) == 0
    assert not [line for line in capsys.readouterr().out.splitlines()
                if not line.startswith("figure")]
    assert run(["--db", str(db), "diff", str(first), str(HRV_2016)]) == 1
    assert "changed\tforms.B.tables.stockpile[0].munitions\t90\t30" in capsys.readouterr().out


def test_diff_command_errors_are_one_sentence(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "reports.sqlite3"
    assert run(["--db", str(db), "diff", "7", str(HRV_2016)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ccm-desktop:") and "7" in err and "\n" not in err
    broken = tmp_path / "broken.ccm.json"
    broken.write_text("{", encoding="utf-8")
    assert run(["diff", str(broken), str(HRV_2016)]) == 2
    err = capsys.readouterr().err.strip()
    assert "broken.ccm.json" in err and "\n" not in err and "Traceback" not in err


def test_a_forms_status_reads_as_a_line_of_its_own(croatia: tuple[Report, Report]) -> None:
    """In the Compare view a form's status change starts its line with a capital and names the
    statuses as the form does ("unchanged", its year on a line of its own)."""
    comparison = compare(*croatia)
    status = next(c for c in comparison.of_part("C") if c.path == "forms.C.status")
    assert describe(status, language("en"), with_part=False) == \
        "Status: changed \u2192 unchanged"
    year = next(c for c in comparison.of_part("C") if c.path == "forms.C.last_reported_year")
    assert describe(year, language("en"), with_part=False) == \
        "Last reported in: \u2013 \u2192 2015"
    # In Arabic a removed row's values keep their own order inside the sentence.
    removed = next(c for c in comparison.of_part("B") if c.kind == REMOVED)
    text = describe(removed, language("ar"), with_part=False)
    assert "\u2068M-87 Orkan 262 mm rocket; 40;" in text and text.endswith("\u2069)")
