#!/usr/bin/env bash
# The container image's runtime environment: the ENV settings of the Dockerfile's runtime stage, one NAME=value a line.
# The load scripts start the webhook with exactly these (env $(image-env.sh) ...), so their figures are those of what
# ships and no GC or JIT setting exists only in a benchmark.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
awk '/^FROM .* AS runtime$/ {runtime = 1; next} /^FROM / {runtime = 0} runtime && /^ENV / {sub(/^ENV /, ""); print}' "$root/Dockerfile"
