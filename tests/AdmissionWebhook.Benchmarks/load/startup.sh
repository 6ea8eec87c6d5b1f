#!/usr/bin/env bash
# Start-up time of the published Release binary: from exec to the first /readyz 200, serving the example manifests,
# five runs, median printed last. It publishes as the Dockerfile does (Native AOT for this machine); extra arguments go
# to `dotnet publish` after those (e.g. -p:PublishAot=false -p:PublishReadyToRun=true for the JIT build); DOTNET_*
# variables in the environment reach the webhook (e.g. DOTNET_TieredPGO=0). The development CA is written once and
# reused by every run, as in a restarted container.
# Usage: tests/AdmissionWebhook.Benchmarks/load/startup.sh [publish arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
port=${STARTUP_PORT:-28445}
runs=5
work=$(mktemp -d)
pid=
. "$root/tests/AdmissionWebhook.Benchmarks/load/lib.sh"
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

# The Dockerfile's publish (its RUN line), so the figure is that of what ships.
publish_webhook "$work/publish" "$@" >"$work/publish.log" || { cat "$work/publish.log"; exit 1; }

image_env=$("$root/tests/AdmissionWebhook.Benchmarks/load/image-env.sh")
times=()
for run in $(seq 0 "$runs"); do
  start=$(date +%s%N)
  env $image_env "$work/publish/AdmissionWebhook" --port "$port" --manifests "$root/deploy/examples" \
    --Webhook:DevelopmentCaPath="$work/ca.crt" >"$work/webhook.log" 2>&1 &
  pid=$!
  ready=
  # Bounded: 30 s at most; a short pause between polls leaves the cores to the process being measured.
  for _ in $(seq 1500); do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz" || true)" = 200 ]; then
      ready=$(date +%s%N)
      break
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/webhook.log"; exit 1; }
    sleep 0.02
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  [ -n "$ready" ] || { echo "not ready within 30 s"; cat "$work/webhook.log"; exit 1; }
  elapsed=$(((ready - start) / 1000000))
  # Run 0 writes the development CA and warms the file cache: reported, not counted.
  if [ "$run" = 0 ]; then
    echo "first run (writes the CA, not counted): $elapsed ms"
  else
    echo "run $run: $elapsed ms"
    times+=("$elapsed")
  fi
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "median of $runs: $median ms to /readyz 200 (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
