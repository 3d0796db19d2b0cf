"""One module per part of the report: its fields, tables and cross-field rules side by side.

How to add a field: add a `field(...)` (or a column to a `table(...)`) in its form's module with
an id from forms.md, a kind, a label and a help text citing the article. Nothing else changes:
the window, the validator, the JSON/Excel/PDF faces and the database all walk the schema.
How to add a kind: subclass `Kind` in `schema/kinds.py` (from_json/to_json, parse/format, check),
then add its JSON Schema type in `exchange/json_schema.py`.
How to add a rule: write `def rule(ctx) -> Iterable[Finding]` in the form's module and list it
in the part's `rules`; give it a test that triggers it and one that does not.
"""
