"""Values as JSON text in the database, independent of the schema.

The stored text says what type a value has, so a report loads back exactly even if a field's kind
changes later: `str`, `int`, `bool`, lists of attachment ids as themselves; `Decimal` and `date`
as tagged objects (`{"$d": "1.50"}`, `{"$t": "2024-01-31"}`), never binary floating point.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ccm_desktop.domain.report import Row, Value, is_empty


class UnstorableValue(TypeError):
    """A value of a type the report never holds (a bug in the caller)."""


def encode_value(value: Value) -> Any:
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, datetime):
        raise UnstorableValue(f"a date and time ({value!r}) is not a report value")
    if isinstance(value, date):
        return {"$t": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode_value(v) for v in value]
    raise UnstorableValue(f"{type(value).__name__} values cannot be stored ({value!r})")


def decode_value(raw: Any) -> Value:
    if isinstance(raw, dict):
        if "$d" in raw:
            return Decimal(raw["$d"])
        if "$t" in raw:
            return date.fromisoformat(raw["$t"])
        raise ValueError(f"unknown stored value {raw!r}")
    if isinstance(raw, list):
        return [decode_value(v) for v in raw]
    return raw


def clean_row(row: Row) -> Row:
    """The row without empty cells, as an independent copy (lists copied too)."""
    return {k: (list(v) if isinstance(v, list) else v) for k, v in row.items() if not is_empty(v)}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def row_to_text(row: Row) -> str:
    return dumps({k: encode_value(v) for k, v in row.items()})


def row_from_text(text: str) -> Row:
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("a stored row is not an object")
    return {str(k): decode_value(v) for k, v in raw.items()}


def value_to_text(value: Value) -> str:
    return dumps(encode_value(value))


def value_from_text(text: str) -> Value:
    return decode_value(json.loads(text))
