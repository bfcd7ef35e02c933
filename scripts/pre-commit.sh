#!/usr/bin/env bash
# Entry of the pre-commit hooks (.pre-commit-hooks.yaml): pre-commit runs it from its cached
# clone of this repository, in the repository being committed. The first run installs the
# clone's dependencies and builds the CLI there (npm ci); later runs start at once.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$repo/dist/cli.js" ] || [ ! -d "$repo/node_modules/yaml" ]; then
  echo "rcfge: installing in $repo (first run only)" >&2
  (cd "$repo" && npm ci --no-audit --no-fund >&2)
fi
exec node "$repo/bin/rcfge.js" "$@"
