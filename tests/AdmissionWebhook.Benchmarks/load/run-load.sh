#!/usr/bin/env bash
# Load comparison: the webhook (Release) against a bare Kestrel TLS endpoint (the ceiling), side by side in one run,
# over TLS with HTTP/1.1 keep-alive at 25 connections (the API server's pool size per webhook host), with the seed's
# hot-plug review. Prints a Markdown table. Usage: tests/AdmissionWebhook.Benchmarks/load/run-load.sh [seconds [publish
# arguments...]]; the arguments go to the webhook's publish after the Dockerfile's (e.g. -p:PublishAot=false
# -p:PublishReadyToRun=true measures the JIT build the image shipped before).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
. "$root/tests/AdmissionWebhook.Benchmarks/load/lib.sh"
duration=${1:-20}
shift $(($# > 0 ? 1 : 0))
work=$(mktemp -d)
body="$root/deploy/examples/reviews/hotplug-dyniface1.json"
path=/validate-kubevirt-io-v1-virtualmachine
webhook_port=28443
ceiling_port=28444

for tool in wrk hey curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
done

# Published as the Dockerfile publishes it (Native AOT), then any arguments given.
publish_webhook "$work/webhook" "$@" >/dev/null
dotnet publish "$root/tests/AdmissionWebhook.Benchmarks" -c Release -o "$work/bench" >/dev/null

# The container image's runtime environment (the Dockerfile's ENV, its GC settings), so the figures are those of what
# ships; the JIT settings travel in the published runtimeconfig.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Waits for both to exit: the webhook keeps serving through its shutdown delay, and a run started at once would find
# the port taken and measure the old process until it stops ("unable to connect").
trap 'kill ${webhook_pid:-} ${ceiling_pid:-} 2>/dev/null; wait ${webhook_pid:-} ${ceiling_pid:-} 2>/dev/null; rm -rf "$work"' EXIT
start_side_by_side "$work/webhook" "$work/bench" "$webhook_port" "$ceiling_port"

peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# Saturation: wrk, 2 threads, 25 keep-alive connections.
saturate() {
  local port=$1 pid=$2
  BODY="$body" wrk -t2 -c25 -d5s -s "$root/tests/AdmissionWebhook.Benchmarks/load/post.lua" "https://127.0.0.1:$port$path" >/dev/null
  local before; before=$(cpu_seconds "$pid")
  local rps; rps=$(BODY="$body" wrk -t2 -c25 -d"${duration}s" -s "$root/tests/AdmissionWebhook.Benchmarks/load/post.lua" \
    "https://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
  local after; after=$(cpu_seconds "$pid")
  echo "$rps $(awk -v a="$after" -v b="$before" -v d="$duration" 'BEGIN {printf "%.2f", (a - b) / d}')"
}

read -r ceiling_rps ceiling_cpu < <(saturate $ceiling_port $ceiling_pid)
read -r webhook_rps webhook_cpu < <(saturate $webhook_port $webhook_pid)
read -r c50 c99 c999 ctotal cerrors < <(fixed_rate "https://127.0.0.1:$ceiling_port$path" "$body")
read -r w50 w99 w999 wtotal werrors < <(fixed_rate "https://127.0.0.1:$webhook_port$path" "$body")

cat <<TABLE
| | bare Kestrel TLS (ceiling) | webhook | webhook / ceiling |
|---|---|---|---|
| throughput at saturation, 25 connections (req/s) | $ceiling_rps | $webhook_rps | $(awk -v w="$webhook_rps" -v c="$ceiling_rps" 'BEGIN {printf "%.2f", w / c}') |
| CPU during saturation (cores) | $ceiling_cpu | $webhook_cpu | |
| p50 at 1,000 req/s (ms) | $(printf %.2f "$c50") | $(printf %.2f "$w50") | |
| p99 at 1,000 req/s (ms) | $(printf %.2f "$c99") | $(printf %.2f "$w99") | $(awk -v w="$w99" -v c="$c99" 'BEGIN {printf "%.2f", w / c}') |
| p99.9 at 1,000 req/s (ms) | $(printf %.2f "$c999") | $(printf %.2f "$w999") | |
| requests at 1,000 req/s (non-200) | $ctotal ($cerrors) | $wtotal ($werrors) | |
| peak RSS (MB) | $(peak_rss_mb $ceiling_pid) | $(peak_rss_mb $webhook_pid) | |
TABLE
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $duration s per phase; $(date -u +%Y-%m-%d)."
echo "Load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). The machine's other work shares the cores."
echo "Image environment: $("$root/tests/AdmissionWebhook.Benchmarks/load/image-env.sh" | tr '\n' ' ')"
