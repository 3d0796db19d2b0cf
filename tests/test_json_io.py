"""The JSON file (interchange.md section 1): writing, strict reading, round trips."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_bytes
from tests.strategies import reports


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip(report: Report) -> None:
    back = read_report_bytes(dumps_report(report).encode("utf-8"), "generated.ccm.json")
    assert back.normalised() == report.normalised()
    assert dumps_report(back) == dumps_report(report)
