#!/usr/bin/env bash
# Rebuilds the built-in registry snapshot (registry/schemas.json.gz) from a folder of
# CloudFormation registry schema files, through `rcfge schemas update --out` (one code path
# for the built-in snapshot and the one users install). Provenance is recorded in the file;
# update registry/README.md with it.
#
#   scripts/registry-snapshot.sh DIR SOURCE DATE [REGION]
#   scripts/registry-snapshot.sh ../shared/reference/resource-schemas \
#     "https://github.com/aws-cloudformation/cfn-lint/tree/fe4f513f4015854f5ff36189d4ca5512b48bdcab/src/cfnlint/data/schemas/providers/us_east_1" \
#     2025-12-09 us-east-1
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
node scripts/build.mjs
node bin/rcfge.js schemas update --from "$1" --source "$2" --date "$3" --region "${4:-us-east-1}" --out registry/schemas.json.gz
