# Shared by the load scripts (sourced): they set $work (a scratch folder) and $duration (seconds per phase).

# Polls until the server at URL answers a POST of BODY; fails after 20 s (the log says why).
wait_ready() { # url body
  for _ in $(seq 100); do
    curl -sk -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$2" "$1" && return 0
    sleep 0.2
  done
  echo "no answer from $1 within 20 s" >&2
  return 1
}

# CPU seconds (user and system) that process PID has used so far.
cpu_seconds() { # pid
  awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$1/stat"
}

# Starts, side by side, the published webhook with the container image's environment (then the NAME=value words of
# $webhook_env) and the bare Kestrel TLS ceiling of the published benchmark project; logs in $work; sets webhook_pid and
# ceiling_pid, and returns once both answer a POST of $body to $path. Arguments after the ports go to the webhook.
# The caller's EXIT trap stops both (set it first: it reads the pids when it runs).
start_side_by_side() { # webhook_folder bench_folder webhook_port ceiling_port [webhook arguments...]
  local webhook=$1 bench=$2 webhook_port=$3 ceiling_port=$4
  shift 4
  # shellcheck disable=SC2046,SC2086 # one NAME=value a word
  env $("$root/tests/AdmissionWebhook.Benchmarks/load/image-env.sh") ${webhook_env:-} \
    "$webhook/AdmissionWebhook" --port "$webhook_port" --manifests "$root/deploy/examples" \
    --Webhook:DevelopmentCaPath="$work/ca.crt" "$@" >"$work/webhook.log" 2>&1 &
  webhook_pid=$!
  dotnet "$bench/AdmissionWebhook.Benchmarks.dll" ceiling --port "$ceiling_port" >"$work/ceiling.log" 2>&1 &
  ceiling_pid=$!
  wait_ready "https://127.0.0.1:$webhook_port$path" "$body"
  wait_ready "https://127.0.0.1:$ceiling_port$path" "$body"
}

# Fixed rate: hey, 25 workers at 40 requests/s each = 1,000 reviews/s; per-request times from its CSV output.
fixed_rate() { # url body -> p50 p99 p99.9 (ms) total non-200
  hey -z "${duration}s" -c 25 -q 40 -m POST -T application/json -D "$2" -o csv "$1" >"$work/hey.csv"
  awk -F, 'NR > 1 { total++; if ($7 != 200) errors++; print $1 * 1000 > "/dev/stderr" } END { print total + 0, errors + 0 }' \
    "$work/hey.csv" 2>"$work/latencies" >"$work/counts"
  sort -n "$work/latencies" >"$work/sorted"
  local n; n=$(wc -l <"$work/sorted")
  pick() { sed -n "$(awk -v n="$n" -v q="$1" 'BEGIN {i = int(n * q); if (i < 1) i = 1; print i}')p" "$work/sorted"; }
  echo "$(pick 0.50) $(pick 0.99) $(pick 0.999) $(cat "$work/counts")"
}

# The Dockerfile's publish switches (its RUN dotnet publish instruction, less the version), one a line: the scripts
# build exactly what ships, and a change to the Dockerfile's build reaches them.
image_publish_switches() {
  awk '/^RUN dotnet publish/ {run = 1} run {line = line " " $0; if ($0 !~ /\\$/) run = 0} END {print line}' "$root/Dockerfile" \
    | tr ' ' '\n' | grep -E '^(--use-current-runtime|-p:)' | grep -v '^-p:Version='
}

# Publishes the webhook into FOLDER as the Dockerfile does (Native AOT); arguments after the folder go to dotnet
# publish after the Dockerfile's, so they win (e.g. -p:PublishAot=false -p:PublishReadyToRun=true for the JIT build).
# WEBHOOK_PUBLISHED=<folder> reuses a folder published so before (A/B runs back to back without a publish between them).
publish_webhook() { # folder [publish arguments...]
  local out=$1
  shift
  if [ -n "${WEBHOOK_PUBLISHED:-}" ]; then
    mkdir -p "$out" && cp -r "$WEBHOOK_PUBLISHED/." "$out"
    echo "reusing the webhook published in $WEBHOOK_PUBLISHED" >&2
    return
  fi
  # shellcheck disable=SC2046 # one switch a word
  dotnet publish "$root/src/AdmissionWebhook/AdmissionWebhook.csproj" --configuration Release --output "$out" \
    $(image_publish_switches) "$@"
}
