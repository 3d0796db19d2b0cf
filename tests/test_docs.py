"""The reference in docs/ stays true to the repository: code and docs point only at files that are
in it, links between pages resolve, and every command of the command line is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccm_desktop.cli import build_parser
from tests.conftest import ROOT

DOCS = ROOT / "docs"
# Documents that live outside the repository; code and docs must not send a reader to them.
# A test's name counts too ("..._of_forms_md").
OUTSIDE = re.compile(r"(?<![A-Za-z])(forms|interchange|design|ux|toolchain-notes)[._]md\b"
                     r"|\.\./shared|shared/spec")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _texts() -> list[Path]:
    """The program, its docs, scripts, benchmarks and tests (but this file, which names what it
    looks for)."""
    files = [*sorted((ROOT / "ccm_desktop").rglob("*.py")), *sorted(DOCS.glob("*.md")),
             *sorted((ROOT / "scripts").glob("*")), *sorted((ROOT / "benchmarks").glob("*")),
             *sorted((ROOT / "tests").rglob("*.py")),
             ROOT / "README.md", ROOT / "resources" / "samples" / "README.md"]
    return [f for f in files if f.is_file() and f != Path(__file__).resolve()]


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub) gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in page.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")}


def test_nothing_points_at_documents_outside_the_repository() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in _texts()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert found == []


def test_the_check_for_outside_documents_can_fail() -> None:
    for text in ("see interchange.md section 4", "(design.md habit 5)", "../shared/samples",
                 "`shared/spec/forms.md`"):
        assert OUTSIDE.search(text), text
    assert OUTSIDE.search("def test_the_columns_of_forms_md()")  # a test's name points too
    assert not OUTSIDE.search("see docs/json-format.md and resources/samples/README.md")


def test_every_docs_page_named_in_the_code_exists() -> None:
    named = {m for path in sorted((ROOT / "ccm_desktop").rglob("*.py"))
             for m in re.findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8"))}
    assert named, "the code names no docs page at all"
    assert sorted(n for n in named if not (DOCS / n).is_file()) == []


@pytest.mark.parametrize("page", [*sorted(DOCS.glob("*.md")), ROOT / "README.md"],
                         ids=lambda p: p.name)
def test_links_resolve(page: Path) -> None:
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (page.parent / file_part).resolve() if file_part else page
        missing_anchor = anchor and linked.suffix == ".md" and anchor not in _anchors(linked)
        if not linked.exists() or missing_anchor:
            broken.append(target)
    assert broken == []


def test_the_index_lists_every_page() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert pages and sorted(p for p in pages if f"({p})" not in index) == []


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # noqa: SLF001
    assert commands
    text = (DOCS / "command-line.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert sorted(c for c in commands if not any(h.startswith(f"### `{c}") for h in headings)) == []
