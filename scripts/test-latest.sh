#!/usr/bin/env bash
# The suite against the newest versions pyproject.toml's ranges allow, without
# the lock (constraints.txt), in a venv of its own: learn of a breaking
# release before users do. When it passes, scripts/lock.sh moves the lock on.
#
#   scripts/test-latest.sh [pytest arguments]     # default: the whole suite, -n 2
set -euo pipefail
cd "$(dirname "$0")/.."
env=${LATEST_VENV:-.venv-latest}
rm -rf "$env"
python3 -m venv "$env"
"$env/bin/pip" install -q --upgrade pip
"$env/bin/pip" install -q --upgrade --upgrade-strategy eager -e '.[test]'
echo "newest allowed versions:"
"$env/bin/python" -c "from placement.about import versions; print(versions())"
"$env/bin/pip" freeze --exclude-editable > "$env/versions.txt"
if ! diff <(grep -v '^ *#' constraints.txt | grep '==' | tr 'A-Z_' 'a-z-' | sort) \
          <(tr 'A-Z_' 'a-z-' < "$env/versions.txt" | sort) > "$env/changed.txt"; then
  echo "differs from the lock (< lock, > newest):"; cat "$env/changed.txt"
fi
"$env/bin/python" -m pytest -q "${@:--n 2}"
