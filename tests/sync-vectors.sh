#!/usr/bin/env bash
# Refreshes the repository's copy of the acceptance vectors (tests/AdmissionWebhook.Tests/Vectors/cases) from the
# design folder beside the clone (../shared/vectors by default, or the folder given as the first argument).
# The copy is what the tests read; .ci/run fails while it differs from that folder.
set -euo pipefail
cd "$(dirname "$0")/.."

source=${1:-../shared/vectors}
target=tests/AdmissionWebhook.Tests/Vectors/cases
if [ ! -d "$source" ]; then
  echo "error: no vector folder at $source" >&2
  exit 2
fi
rm -rf "$target"
mkdir -p "$target"
cp -R "$source"/. "$target"/
echo "copied $(find "$target" -type f | wc -l) files from $source to $target; review with git status and git diff"
echo "a new vector whose rules are not implemented yet goes into tests/AdmissionWebhook.Tests/Vectors/known-failures.txt"
