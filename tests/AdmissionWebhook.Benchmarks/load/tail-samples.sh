#!/usr/bin/env bash
# The p99 tail at 1,000 reviews/s, sampled many times: the webhook (the image's build and environment) and the bare
# Kestrel TLS ceiling run side by side, and hey drives each in turn at the load benchmark's fixed rate (fixed_rate in
# lib.sh: 25 keep-alive connections x 40/s, the seed's hot-plug review to the validating endpoint), in SAMPLES short
# samples of SECONDS each, alternating webhook and ceiling, so both see the same machine. Not a test: a diagnosis tool
# for one variable at a time.
#
# Usage: tests/AdmissionWebhook.Benchmarks/load/tail-samples.sh [samples [seconds]]   (default 6 x 10 s)
#   WEBHOOK_PUBLISHED=<folder>  reuse a published webhook (lib.sh); CEILING_PUBLISHED=<folder> a published benchmark
#                               project (otherwise both are published first, which a quiet measurement should avoid);
#   TAIL_ENV="NAME=value ..."   extra environment for the webhook after the image's (e.g. DOTNET_GCgen0size=4000000, hex without 0x, which Native AOT ignores:
#                               a diagnosis, never a setting to ship);
#   TAIL_SATURATE=<seconds>     saturate both servers with wrk first (run-load.sh's order: the fixed rate comes right
#                               after the saturation phase); without it the samples run on fresh processes after a
#                               2,000-review warm-up;
#   TAIL_OUT=<folder>           keep each sample's hey CSV there (default: a temporary folder, removed).
#
# One row per sample: p50 / p99 / p99.9 (ms) and the requests over 10 ms; for the webhook the GC collections by
# generation and the GC pause time over the sample (the runtime meter's dotnet_gc_collections_total and
# dotnet_gc_pause_time_seconds_total on /metrics, scraped before and after) and its CPU; and where the slow requests
# fall in time: the number of distinct 100 ms windows (hey's CSV offset column) holding the requests over 10 ms, and the
# largest count in one window. Slow requests in few windows are bursts (a pause stalls every connection at once);
# slow requests spread over many windows are per-request costs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
. "$root/tests/AdmissionWebhook.Benchmarks/load/lib.sh"
samples=${1:-6}
duration=${2:-10}
work=$(mktemp -d)
out=${TAIL_OUT:-$work/samples}
mkdir -p "$out"
body="$root/deploy/examples/reviews/hotplug-dyniface1.json"
path=/validate-kubevirt-io-v1-virtualmachine
webhook_port=28446
metrics_port=28447
ceiling_port=28448
slow_ms=10

for tool in wrk hey curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
done

publish_webhook "$work/webhook" >/dev/null
bench=${CEILING_PUBLISHED:-$work/bench}
[ -n "${CEILING_PUBLISHED:-}" ] || dotnet publish "$root/tests/AdmissionWebhook.Benchmarks" -c Release -o "$bench" >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Waits for both to exit (the webhook's shutdown delay), so a run started next finds its ports free.
trap 'kill ${webhook_pid:-} ${ceiling_pid:-} 2>/dev/null; wait ${webhook_pid:-} ${ceiling_pid:-} 2>/dev/null; cp "$work/webhook.log" "$out/" 2>/dev/null; rm -rf "$work"' EXIT
webhook_env=${TAIL_ENV:-}
start_side_by_side "$work/webhook" "$bench" "$webhook_port" "$ceiling_port" --metrics-port "$metrics_port"

# gen0 gen1 gen2 collections and pause seconds, from the runtime meter on /metrics.
gc_counters() {
  curl -s "http://127.0.0.1:$metrics_port/metrics" | awk '
    /^dotnet_gc_collections_total\{/ { for (g = 0; g <= 2; g++) if (index($0, "gen" g "\"")) c[g] = $NF }
    /^dotnet_gc_pause_time_seconds_total/ { pause = $NF }
    END { printf "%d %d %d %.6f\n", c[0], c[1], c[2], pause }'
}

if [ -n "${TAIL_SATURATE:-}" ]; then
  for port in $ceiling_port $webhook_port; do
    BODY="$body" wrk -t2 -c25 -d"${TAIL_SATURATE}s" -s "$root/tests/AdmissionWebhook.Benchmarks/load/post.lua" \
      "https://127.0.0.1:$port$path" >/dev/null
  done
  start="after ${TAIL_SATURATE} s of wrk saturation on each"
else
  for port in $ceiling_port $webhook_port; do
    hey -n 2000 -c 25 -m POST -T application/json -D "$body" "https://127.0.0.1:$port$path" >/dev/null
  done
  start="fresh processes, 2,000 reviews of warm-up each"
fi

# Slow requests in time: distinct 100 ms windows holding requests over slow_ms, and the most in one window.
clustering() { # csv -> "slow windows max_per_window"
  awk -F, -v s="$slow_ms" 'NR > 1 && $1 * 1000 > s { n++; w[int($8 * 10)]++ }
    END { m = 0; k = 0; for (i in w) { k++; if (w[i] > m) m = w[i] } printf "%d %d %d\n", n, k, m }' "$1"
}

echo "| sample | server | p50 (ms) | p99 (ms) | p99.9 (ms) | requests (non-200) | over ${slow_ms} ms | in 100 ms windows (most in one) | gen0 / gen1 / gen2 | GC pause (ms) | CPU (cores) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for i in $(seq "$samples"); do
  for server in webhook ceiling; do
    port=$([ $server = webhook ] && echo $webhook_port || echo $ceiling_port)
    pid=$([ $server = webhook ] && echo $webhook_pid || echo $ceiling_pid)
    [ $server = webhook ] && read -r g0 g1 g2 p < <(gc_counters)
    cpu_before=$(cpu_seconds "$pid")
    read -r r50 r99 r999 total errors < <(fixed_rate "https://127.0.0.1:$port$path" "$body")
    cpu=$(awk -v a="$(cpu_seconds "$pid")" -v b="$cpu_before" -v d="$duration" 'BEGIN {printf "%.2f", (a - b) / d}')
    cp "$work/hey.csv" "$out/$i-$server.csv"
    read -r slow windows most < <(clustering "$work/hey.csv")
    gc="" pause=""
    if [ $server = webhook ]; then
      read -r h0 h1 h2 q < <(gc_counters)
      gc="$((h0 - g0)) / $((h1 - g1)) / $((h2 - g2))"
      pause=$(awk -v a="$q" -v b="$p" 'BEGIN {printf "%.1f", (a - b) * 1000}')
    fi
    printf '| %d | %s | %.2f | %.2f | %.2f | %d (%d) | %d | %d (%d) | %s | %s | %s |\n' \
      "$i" "$server" "$r50" "$r99" "$r999" "$total" "$errors" "$slow" "$windows" "$most" "$gc" "$pause" "$cpu"
  done
done
echo
echo "$samples samples of $duration s per server, alternating; $start. Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Webhook environment: $("$root/tests/AdmissionWebhook.Benchmarks/load/image-env.sh" | tr '\n' ' ')${TAIL_ENV:-}; peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$webhook_pid/status")."
