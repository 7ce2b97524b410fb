#!/usr/bin/env bash
# The tested set: pin every package the project and its test and dev extras
# use, at the newest versions pyproject.toml's ranges allow today, in
# constraints.txt. The README's two commands and .ci/run install with
# `-c constraints.txt`, so users get what CI tested. Run it on purpose (and
# then the suite), never in CI: a new lock is a change to review.
#
#   scripts/lock.sh            # rewrite constraints.txt (pip-tools in a throwaway venv)
#   scripts/test-latest.sh     # the suite against the newest versions, without the lock
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/env"
"$tools/env/bin/pip" install -q "pip-tools>=7.4"
"$tools/env/bin/pip-compile" -q --extra dev --strip-extras --allow-unsafe \
  --no-emit-index-url --no-emit-find-links --no-header -o "$tools/lock.txt" pyproject.toml
{
  echo "# The tested set (scripts/lock.sh): pip install -c constraints.txt -e '.[test]'"
  echo "# pyproject.toml keeps the ranges for those who import the library."
  # the project itself enters through its own extras: not a pin
  grep -v '^placement @ ' "$tools/lock.txt" | grep -v '^    #   placement'
} > constraints.txt
echo "constraints.txt: $(grep -c '==' constraints.txt) pins"
