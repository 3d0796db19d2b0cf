"""The PDF report, laid out like the official Article 7 format.

`write_pdf(report, path, lang=..., findings=..., progress=...)` is the entry point; the modules:
`fonts` (embedded fonts), `shaping` (Arabic, bidi, Chinese line breaks), `styles`, `flowables`,
`tables` (page-by-page tables), `photos`, `cover`, `forms`, `annex` (the comparison with another
report), `draft`, `page`, `writer`.
"""

from __future__ import annotations

from ccm_desktop.exchange.pdf.writer import (
    content_hash,
    render_comparison_pdf,
    render_pdf,
    write_pdf,
)

__all__ = ["content_hash", "render_comparison_pdf", "render_pdf", "write_pdf"]
