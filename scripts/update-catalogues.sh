#!/usr/bin/env bash
# Run it after adding or changing a string in the code, and after any change to the forms of
# ccm_desktop/schema/forms (a field, a column, a label or a help text). It
# 1. extracts every marked string of the code into ccm_desktop/locale/messages.pot and brings each
#    language's catalogue (ccm_desktop/locale/<lang>/LC_MESSAGES/messages.po) up to date with it:
#    new strings are added untranslated (a reworded string counts as new: its old translation
#    stays at the end as obsolete, #~, for reference; no fuzzy guesses);
# 2. regenerates the shipped JSON Schema of the report file,
#    resources/schema/ccm-report.schema.json, from the forms (tests/test_json_schema.py keeps
#    the two equal).
# Then translate the new entries (Poedit, Weblate or a text editor) and run
#   .venv/bin/python -m pytest tests/test_i18n_catalogues.py tests/test_json_schema.py
# The program reads the .po files directly; there is nothing to compile.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
pybabel=("$python" -m babel.messages.frontend -q)
locale_dir=ccm_desktop/locale

# File names without line numbers and sorted output keep the diffs (and merges) small.
template="$locale_dir/messages.pot"
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
"${pybabel[@]}" extract -F babel.cfg --no-default-keywords -k N_ -k translate:1 -k _ -k ntranslate:1,2 -k nmessage:1,2 \
  --add-location=file --sort-output \
  --project=ccm-desktop --version="$("$python" -c "import ccm_desktop; print(ccm_desktop.__version__)")" \
  --copyright-holder="the ccm-desktop authors" -o "$fresh" ccm_desktop
# Only the creation date changed: keep the template (and the catalogues' headers) as they are.
if [ -f "$template" ] && cmp -s <(grep -v '^"POT-Creation-Date:' "$fresh") \
                              <(grep -v '^"POT-Creation-Date:' "$template"); then
  echo "messages.pot: no string changed"
else
  cp "$fresh" "$template"
fi

for lang in ar zh fr ru es; do
  po="$locale_dir/$lang/LC_MESSAGES/messages.po"
  if [ -f "$po" ]; then
    "${pybabel[@]}" update -i "$template" -d "$locale_dir" -l "$lang" \
      --init-missing --no-fuzzy-matching
  else
    "${pybabel[@]}" init -i "$template" -d "$locale_dir" -l "$lang"
  fi
done

"$python" -m ccm_desktop.exchange.json_schema resources/schema/ccm-report.schema.json
