#!/usr/bin/env bash
# Mutation testing of placement's core with mutmut (configured in pyproject.toml).
#
#   bash scripts/mutation.sh                               # the model, terms, solve, settings
#   bash scripts/mutation.sh "placement.results.outcome.*"  # any mutant-name globs
#
# Run it in a separate clone: mutmut writes mutants/ beside the code. Results
# are cached there, so an interrupted run resumes. Not part of CI: the default
# scope takes one to two hours on 2 cores, the whole core eight to ten.
# `mutmut results` lists the survivors, `mutmut show NAME` shows one.
set -euo pipefail
[ -d placement ] && [ -f pyproject.toml ] || { echo "run from the checkout root" >&2; exit 2; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]' 'mutmut==3.8.1'
if [ $# -eq 0 ]; then
    set -- "placement.model.*" "placement.solve.highs.*" "placement.input.settings.*"
fi
.venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "$@"
.venv/bin/mutmut export-cicd-stats >/dev/null 2>&1 || true
.venv/bin/mutmut results
