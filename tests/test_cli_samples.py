"""The command line on the sample reports: exit codes, paths and plain sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RESOURCE_SAMPLES, SAMPLES, expected_findings, sample_files


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("path", sample_files("valid") + sample_files("next/valid"),
                         ids=lambda p: p.name)
def test_valid_samples_exit_0(path: Path) -> None:
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("error")]


@pytest.mark.parametrize("path", sample_files("invalid") + sample_files("next/invalid"),
                         ids=lambda p: p.name)
def test_invalid_samples_exit_1_with_expected_path(path: Path) -> None:
    table = "next/expected-findings.tsv" if path.parent.parent.name == "next" else \
        "expected-findings.tsv"
    expected = expected_findings(table)[f"invalid/{path.name}"]
    result = run_cli("validate", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line.split("\t") for line in result.stdout.splitlines() if line.startswith("error")]
    assert any(cols[1].startswith(expected) for cols in errors), result.stdout
    assert all(len(cols) == 3 and cols[2] for cols in errors)


@pytest.mark.parametrize("path", sample_files("unreadable"),
                         ids=lambda p: p.name)
def test_unreadable_samples_exit_2_one_sentence(path: Path) -> None:
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0]
    assert "Traceback" not in result.stderr


def test_deadlines_from_entry_into_force() -> None:
    result = run_cli("deadlines", "--entry-into-force", "2013-11-01")
    assert result.returncode == 0
    out = result.stdout
    assert "Initial report (Art. 7.1) due: 2014-04-30" in out
    assert "Stockpile destruction (Art. 3.2) due: 2021-11-01" in out
    assert "Clearance of contaminated areas (Art. 4.1) due: 2023-11-01" in out


def test_deadlines_for_lebanon() -> None:
    result = run_cli("deadlines", "--state", "LBN")
    assert result.returncode == 0
    assert "Entry into force: 2011-05-01" in result.stdout
    assert "due: 2019-05-01" in result.stdout  # Art. 3: eight years later
    assert "due: 2021-05-01" in result.stdout  # Art. 4: ten years later


def test_deadlines_for_signatory_is_one_sentence() -> None:
    result = run_cli("deadlines", "--state", "AGO")
    assert result.returncode == 2
    assert "signed but not ratified" in result.stderr
    assert "Traceback" not in result.stderr


def test_deadlines_for_later_deposit() -> None:
    result = run_cli("deadlines", "--state", "AGO", "--deposited", "2026-03-15")
    assert result.returncode == 0
    assert "Entry into force: 2026-09-01" in result.stdout


def test_deadlines_never_print_a_ceiling_for_articles_3_and_4() -> None:
    for args in (("--state", "LBN"), ("--entry-into-force", "2013-11-01"),
                 ("--state", "LAO", "--clearance-extended-to", "2025-08-01")):
        result = run_cli("deadlines", *args)
        assert result.returncode == 0, result.stderr
        assert "at most" not in result.stdout
        assert "an extension may be requested under Art. 3.3" in result.stdout


def test_deadlines_for_lao_pdr_with_an_extension_recorded() -> None:
    result = run_cli("deadlines", "--state", "Lao PDR", "--clearance-extended-to", "2025-08-01",
                     "--today", "2025-06-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "State: Lao People's Democratic Republic (LAO)" in out
    assert "Entry into force: 2010-08-01" in out
    assert ("Clearance of contaminated areas (Art. 4.1) due: 2025-08-01 (extended from "
            "2020-08-01 under Art. 4.5; a further extension may be requested)") in out
    assert "Stockpile destruction (Art. 3.2) due: 2018-08-01" in out
    assert "Next report due: 2026-04-30 (annual)" in out


def test_deadlines_for_lithuania_after_withdrawal() -> None:
    result = run_cli("deadlines", "--state", "LTU", "--today", "2026-01-15")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Withdrawal (Art. 20) took effect: 2025-03-06" in out
    assert "Next report due: none" in out and "owes no further report" in out
    assert "2026-04-30" not in out and "Art. 3.2" not in out


def test_deadlines_for_lithuania_before_withdrawal_owes_nothing_due_after_it() -> None:
    out = run_cli("deadlines", "--state", "LTU", "--today", "2025-01-10").stdout
    assert "Withdrawal (Art. 20) takes effect: 2025-03-06" in out
    assert "Next report due: none; the annual report would fall due on 2025-04-30" in out
    assert "Next report due: 2024" not in out
    assert "Next report due: none" not in run_cli("deadlines", "--state", "LTU", "--today",
                                                  "2024-01-10").stdout


def test_deadlines_for_a_state_given_only_by_its_date_of_deposit() -> None:
    result = run_cli("deadlines", "--deposited", "2026-03-15", "--today", "2026-04-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Instrument deposited: 2026-03-15" in out
    assert "Entry into force: 2026-09-01" in out  # Art. 17.2: first day of the sixth month after
    assert "Initial report (Art. 7.1) due: 2027-02-28" in out
    assert "Next report due: 2027-02-28 (initial)" in out
    assert "State:" not in out


@pytest.mark.parametrize("args", [(), ("--deposited", "2026-03-15", "--entry-into-force",
                                       "2026-09-01"),
                                  ("--state", "LBN", "--entry-into-force", "2011-05-01")])
def test_deadlines_usage_mistakes_are_one_sentence(args: tuple[str, ...]) -> None:
    result = run_cli("deadlines", *args)
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path", sorted(RESOURCE_SAMPLES.glob("*.ccm.json")),
                         ids=lambda p: p.name)
def test_resource_samples_exit_0_with_nothing_to_say(path: Path) -> None:
    result = run_cli("validate", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_year_on_year_check_of_the_resource_samples(tmp_path: Path) -> None:
    first = RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json"
    second = RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"
    result = run_cli("validate", str(second), "--previous", str(first))
    assert (result.returncode, result.stdout) == (0, "")
    edited = tmp_path / "hrv-2016-edited.ccm.json"
    edited.write_text(second.read_text(encoding="utf-8").replace(
        '"submunitions": 108', '"submunitions": 150'), encoding="utf-8")
    result = run_cli("validate", str(edited), "--previous", str(first))
    assert result.returncode == 0  # warnings do not make a report invalid
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["warning", "forms.D.tables.retained[1].submunitions"] in [c[:2] for c in lines]


def test_convert_json_to_json_keeps_the_report(tmp_path: Path) -> None:
    source = RESOURCE_SAMPLES / "lbn-2011-initial.ccm.json"
    out = tmp_path / "copy.ccm.json"
    result = run_cli("convert", str(source), "--to", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_convert_strict_refuses_an_invalid_report(tmp_path: Path) -> None:
    source = SAMPLES / "invalid" / "casualty-total.ccm.json"
    out = tmp_path / "out.ccm.json"
    result = run_cli("convert", str(source), "--to", str(out), "--strict")
    assert result.returncode == 1
    assert "forms.H.tables.casualties[0].total" in result.stderr
    assert not out.exists()


def test_a_missing_file_is_one_sentence() -> None:
    result = run_cli("validate", "/nonexistent/report.ccm.json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "report.ccm.json" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("validate",), ("deadlines", "--entry-into-force", "2013-13-01"),
                                  ("frobnicate",), ("export", "seven", "--to", "x.json")])
def test_usage_mistakes_are_one_sentence(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ccm-desktop"), result.stderr
    assert "--help" in lines[0] and "Traceback" not in result.stderr
