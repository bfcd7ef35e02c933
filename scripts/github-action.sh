#!/usr/bin/env bash
# The validate step of action.yml (a composite GitHub Action). Inputs arrive as INPUT_*
# environment variables; options not given come from .rcfge.yaml, as on a laptop.
# Writes the SARIF log to $INPUT_SARIF_FILE (always, even when a template is broken), prints
# workflow-command annotations on the changed lines, sets the outputs exit-code and sarif-file,
# and exits with rcfge's code (0 compliant, 1 findings, 2 could not check).
set -uo pipefail
rcfge=(node "${GITHUB_ACTION_PATH:?}/bin/rcfge.js" validate)
args=()
add() { if [ -n "${2:-}" ]; then args+=("$1" "$2"); fi; }
add --templates "${INPUT_TEMPLATES:-}"
add --bucket "${INPUT_BUCKET:-}"
add --prefix "${INPUT_PREFIX:-}"
add --account "${INPUT_ACCOUNT:-}"
add --region "${INPUT_REGION:-}"
add --stack-name "${INPUT_STACK_NAME:-}"
add --params-file "${INPUT_PARAMS_FILE:-}"
# Paths and extra arguments are split on whitespace, as a workflow writes them on one line.
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
sarif="${INPUT_SARIF_FILE:-rcfge.sarif}"

"${rcfge[@]}" "${paths[@]}" ${args[@]+"${args[@]}"} ${extra[@]+"${extra[@]}"} --format sarif > "$sarif"
code=$?
# A usage error (a misspelt option, a bad value) prints no log: an empty file would fail the
# upload step with a JSON error that hides rcfge's own message, so none is left and none uploaded.
if [ ! -s "$sarif" ]; then rm -f "$sarif"; sarif=""; fi
if [ "${INPUT_ANNOTATIONS:-true}" = "true" ]; then
  "${rcfge[@]}" "${paths[@]}" ${args[@]+"${args[@]}"} ${extra[@]+"${extra[@]}"} --format github 2>/dev/null || true
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
fi
exit "$code"
