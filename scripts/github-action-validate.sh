#!/usr/bin/env bash
# The validation step of action.yml: validate each path in CS_PATH, print findings in
# CS_FORMAT (annotations with 'github'), append a summary table to GITHUB_STEP_SUMMARY,
# and exit with the worst status (0 valid, 1 errors or strict warnings, 2 unreadable).
set -uo pipefail
format="${CS_FORMAT:-github}"
strict=()
case "${CS_STRICT:-false}" in true|True|TRUE|1|yes) strict=(--strict) ;; esac
summary=()
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then summary=(--summary "$GITHUB_STEP_SUMMARY"); fi
worst=0
read -r -d '' -a paths <<< "${CS_PATH-.}" || true
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error title=conflictschema::the path input is empty; name the datasets to validate (folders, datapackage.json, .json or .jsonl), or leave it out to validate '.'"
  exit 2
fi
for path in "${paths[@]}"; do
  conflictschema validate --format "$format" "${strict[@]}" "${summary[@]}" -- "$path"
  status=$?
  if [ "$status" -gt "$worst" ]; then worst=$status; fi
done
exit "$worst"
