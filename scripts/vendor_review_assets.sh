#!/usr/bin/env bash
# Refresh the JavaScript that the review pages inline (placement/review/assets/).
# Run by hand when upgrading; the pages never load anything at run time.
# plotly.js (basic bundle: scatter, bar, pie), MIT licence, from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.1.1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-basic-dist-min@$version" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/plotly-basic.min.js" placement/review/assets/plotly-basic.min.js
cp "$work/package/LICENSE" placement/review/assets/LICENSE-plotly.js.txt
echo "plotly.js-basic-dist-min $version -> placement/review/assets/"
