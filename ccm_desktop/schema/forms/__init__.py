"""One module per part of the report: its fields, tables and cross-field rules side by side.

The checklists below are kept in full in docs/architecture.md ("Adding to the schema").
How to add a field: add a `field(...)` (or a column to a `table(...)`) in its form's module with
a new, stable id (a key of the report file), a kind, a label and a help text citing the article;
add its line to EXPECTED in `tests/test_schema_walk.py`; run `scripts/update-catalogues.sh`
(it adds the label and help to the catalogues and regenerates the shipped JSON Schema) and
translate them in the five .po files. Nothing else changes: the window, the validator, the
JSON/Excel/PDF faces, the Excel header names (its label in six languages) and the database all
walk the schema.
How to add a kind: subclass `Kind` in `schema/kinds.py` (from_json/to_json, parse/format, check,
python_type), add its JSON Schema type to KIND_DEFS in `exchange/json_schema.py`, its value
strategy to `tests/strategies.py` and what it reads, shows and refuses to BEHAVIOUR in
`tests/test_kinds.py`.
How to add a rule: write `def rule(ctx) -> Iterable[Finding]` in the form's module and list it
in the part's `rules`; add a case that triggers it to CASES in `tests/test_validate_rules.py`
(the base report there shows that it stays quiet otherwise). Rules see only well-typed values.
A rule about each row on its own is a `@row_rule("table")` of `(ctx, index, row)`: the window
rechecks only the rows an edit touched (docs/architecture.md, "Add a rule").
"""
