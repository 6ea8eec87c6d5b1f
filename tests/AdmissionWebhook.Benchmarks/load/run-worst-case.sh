#!/usr/bin/env bash
# Worst case (issue #13): the heaviest VM reviews the API server can send, reviewed while ordinary reviews run, and a
# burst of large reviews under the Deployment's heap limit. Not a test: it prints figures for the README.
# Usage: tests/AdmissionWebhook.Benchmarks/load/run-worst-case.sh [seconds per phase]
#
#   1. cost: a 6,000-interface hot-plug and the removal of 4,000 plugged interfaces, on each endpoint, against the mean
#      ordinary review on the same endpoint, sequentially on one kept-alive connection;
#   2. ordinary reviews alone at 1,000 reviews/s (hey, 25 connections), then the same while two clients keep posting
#      the 3 MiB worst cases (hot-plug of ~41,000 interfaces, removal of ~32,000) to the mutating endpoint, with the
#      API server's ?timeout=10s;
#   3. memory: 100 reviews of 2.8 MB, 25 at a time. The webhook runs with the container image's GC setting and
#      DOTNET_GCHeapHardLimit at 192 MiB, what the Deployment's 256Mi memory limit gives (75 %).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
. "$root/tests/AdmissionWebhook.Benchmarks/load/lib.sh"
duration=${1:-20}
work=$(mktemp -d)
seed="$root/deploy/examples/reviews/hotplug-dyniface1.json"
validate=/validate-kubevirt-io-v1-virtualmachine
mutate=/mutate-kubevirt-io-v1-virtualmachine
port=28445
# Hex digits without 0x: the Native AOT runtime silently ignores a DOTNET_GC* value written with a 0x prefix (the
# image's build ran this script unlimited until that was found: 2 GB of RSS, no 503).
heap_limit=C000000
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

for tool in hey curl python3; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
done

python3 "$root/tests/AdmissionWebhook.Benchmarks/load/worst-case-review.py" "$seed" "$work" >"$work/counts"
read -r hot_count removed_count <"$work/counts"
publish_webhook "$work/webhook" >/dev/null

env $("$root/tests/AdmissionWebhook.Benchmarks/load/image-env.sh") DOTNET_GCHeapHardLimit=$heap_limit \
  "$work/webhook/AdmissionWebhook" --port "$port" --manifests "$root/deploy/examples" \
  --Webhook:DevelopmentCaPath="$work/ca.crt" >"$work/webhook.log" 2>&1 &
pid=$!
# Waits for the exit (the shutdown delay), so a run started next does not find the port still taken.
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
url="https://127.0.0.1:$port"
wait_ready "$url$validate" "$seed"

post() { # path file -> "status seconds"
  curl -sk -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' --data-binary @"$2" "$url$1"
}

# 1. Cost of the interface-dense reviews in ordinary reviews, per endpoint. Both are timed the same way, by hey on one
# kept-alive TLS connection, as the API server's connection pool sends them: a curl per post added its own start and
# TLS handshake (8-9 ms) to the large reviews only.
mean_of() { # path file rounds -> mean ms, or "errors"
  hey -n 2 -c 1 -m POST -T application/json -D "$2" "$url$1" >/dev/null
  timed "$1" "$2" "$3"
}
# The mean from hey's per-request CSV: its summary prints whole tenths of a millisecond, a third of an ordinary review.
timed() { # path file rounds -> mean ms, or "errors"
  hey -n "$3" -c 1 -m POST -T application/json -D "$2" -o csv "$url$1" \
    | awk -F, 'NR > 1 { n++; s += $1; if ($7 != 200) bad++ } END { if (bad || !n) print "errors"; else printf "%.3f\n", s / n * 1000 }'
}
ordinary_mean() { timed "$1" "$seed" 2000; }
hey -n 2000 -c 1 -m POST -T application/json -D "$seed" "$url$validate" >/dev/null
cost_rows=""
for endpoint in mutate validate; do
  path=$([ $endpoint = mutate ] && echo "$mutate" || echo "$validate")
  base=$(ordinary_mean "$path")
  cost_rows+="| ordinary $endpoint review, mean (sequential) | $(printf %.3f "$base") ms |"$'\n'
  for case in sixk:"6,000-interface hot-plug" fourk:"4,000-interface removal"; do
    mean=$(mean_of "$path" "$work/${case%%:*}.json" 10)
    cost_rows+="| ${case#*:} $endpoint review ($(stat -c %s "$work/${case%%:*}.json") bytes), mean of 10 (sequential) | $mean ms ($(awk -v a="$mean" -v b="$base" 'BEGIN {printf "%.0f", a / b}') ordinary reviews) |"$'\n'
  done
done

# 2. Ordinary reviews at 1,000/s, alone and beside the worst cases.
read -r a50 a99 a999 atotal aerrors < <(fixed_rate "$url$validate" "$seed")

heavy() { # worker: alternate the two 3 MiB reviews until the phase ends
  local end=$((SECONDS + duration))
  while [ $SECONDS -lt $end ]; do
    post "$mutate?timeout=10s" "$work/hotplug.json"
    post "$mutate?timeout=10s" "$work/remove.json"
  done
}
heavy >"$work/heavy1" & h1=$!
heavy >"$work/heavy2" & h2=$!
read -r b50 b99 b999 btotal berrors < <(fixed_rate "$url$validate" "$seed")
wait $h1 $h2
heavy_summary=$(cat "$work/heavy1" "$work/heavy2" | awk '{ n++; codes[$1]++; if ($2 > max) max = $2; s += $2 } END { out = ""; for (c in codes) out = out c "x" codes[c] " "; printf "%d reviews (%s), mean %.0f ms, max %.0f ms", n, out, s / n * 1000, max * 1000 }')

# 3. 25 concurrent 2.8 MB reviews under the Deployment's heap limit.
burst=$(hey -n 100 -c 25 -t 60 -m POST -T application/json -D "$work/large.json" "$url$validate" | awk '/^ *\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); printf "%sx%s ", $1, $2}')
rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
errors_logged=$(grep -c -i 'OutOfMemory' "$work/webhook.log" || true)

cat <<TABLE
| | result |
|---|---|
$(printf %s "$cost_rows")
| ordinary reviews at 1,000/s alone: p50 / p99 / p99.9 (ms), non-200 | $(printf %.2f "$a50") / $(printf %.2f "$a99") / $(printf %.2f "$a999"), $aerrors of $atotal |
| the same beside two clients posting 3 MiB worst cases: p50 / p99 / p99.9 (ms), non-200 | $(printf %.2f "$b50") / $(printf %.2f "$b99") / $(printf %.2f "$b999"), $berrors of $btotal |
| worst cases ($hot_count-interface hot-plug, $removed_count-interface removal) | $heavy_summary |
| 100 reviews of 2.8 MB, 25 at a time, 192 MiB heap limit: statuses | $burst |
| peak RSS over all phases | $rss MB; OutOfMemory in the log: $errors_logged |
TABLE
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average before the run $load_before; $duration s per phase; $(date -u +%Y-%m-%d)."
