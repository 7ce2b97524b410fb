#!/usr/bin/env bash
# The translations of placement: extract the texts from the code, merge them
# into the Dutch catalog, and check or compile it. See README.md, "Languages".
#
#   scripts/translations.sh update    # new and changed texts into placement/locale/nl/.../placement.po
#   scripts/translations.sh compile   # .po -> .mo (the build does this too)
#   scripts/translations.sh check     # every text translated, placeholders kept (tests/test_i18n.py)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
POT="$(mktemp -d)/placement.pot"  # a template for the update only
KEYWORDS=(-k _ -k N_ -k tr -k ngettext:1,2 -k tr_n:1,2 -k pgettext:1c,2 -k NP_:1c,2)

extract() {

  "$PY" -m babel.messages.frontend extract -F babel.cfg "${KEYWORDS[@]}" --no-default-keywords \
    --sort-output --no-location --no-wrap --project placement --copyright-holder "placement contributors" \
    -o "$POT" placement
}

case "${1:-}" in
  extract) extract ;;
  update)
    extract
    "$PY" -m babel.messages.frontend update -i "$POT" -d placement/locale -D placement \
      --no-wrap --ignore-obsolete --no-fuzzy-matching
    # no creation date in the catalog: it would differ in every branch that updates it
    sed -i '/^"POT-Creation-Date: /d' placement/locale/nl/LC_MESSAGES/placement.po
    echo "Now translate the empty and fuzzy entries of placement/locale/nl/LC_MESSAGES/placement.po"
    ;;
  compile) "$PY" -m babel.messages.frontend compile -d placement/locale -D placement --statistics ;;
  check) "$PY" -m pytest -q tests/test_i18n.py ;;
  *) echo "usage: $0 extract|update|compile|check" >&2; exit 2 ;;
esac
