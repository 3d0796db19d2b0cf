"""Every field and every column of a part, for tests that check something of each one."""

from __future__ import annotations

from collections.abc import Iterator

from ccm_desktop.schema.model import Field, Part, Table


def fields_and_columns(part: Part) -> Iterator[tuple[Table | None, Field]]:
    """The part's fields (with None) and its tables' columns (with their table), in order."""
    for item in part.items:
        if isinstance(item, Table):
            for column in item.columns:
                yield item, column
        else:
            yield None, item

