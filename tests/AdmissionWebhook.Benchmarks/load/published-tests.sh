#!/usr/bin/env bash
# The published binary against the JIT build's oracle: publishes the webhook as the Dockerfile does (Native AOT) and
# runs PublishedBinaryTests on it (every acceptance vector through its HTTPS endpoints, manifests and live-cluster
# modes, --version, lint and review printing what the JIT build prints). Extra arguments go to dotnet publish after the
# Dockerfile's. Usage: tests/AdmissionWebhook.Benchmarks/load/published-tests.sh [publish arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/tests/AdmissionWebhook.Benchmarks/load/lib.sh"

publish_webhook "$work/publish" "$@" >"$work/publish.log" || { cat "$work/publish.log"; exit 1; }
ADMISSION_WEBHOOK_PUBLISHED="$work/publish" \
  dotnet test --project "$root/tests/AdmissionWebhook.Tests" -- --filter-class '*PublishedBinaryTests*'
