#!/usr/bin/env bash
# Bounded load test of 'tripletrec serve' on loopback: 50 connections from wrk (about 58 s of traffic with the
# defaults).
#   1. warm-up, twice 2 s of each kind below, paced (not reported): each kind's code reaches HotSpot's compile
#      thresholds below saturation, so that the compilers get CPU time (under saturation their queue lasts 20 s on
#      2 cores), and again after the others, as in the measured phase
#   2. paced, 6 s per kind (user top-10, similar, search, fold-in 10 likes + 5 dislikes): each connection
#      waits PACE_MS between requests, like 50 people clicking, so latency is measured below saturation
#   3. saturation, 6 s, mixed: each connection sends its next request as soon as the last one is answered
#   4. reload under load, RELOAD_SECONDS, mixed and paced, while the model file is swapped RELOADS times (by
#      POST /admin/reload and by a replaced file picked up by the watcher, in turn), each swap waiting until the
#      new model serves: every answer must be a 200
# Usage: bench/load/run.sh MODEL_A MODEL_B [DATA_DIR]
#   Two model files of the same catalogue. Without DATA_OPTS the server reads ml-100k from DATA_DIR (default:
#   where the command line looks, $TRIPLETREC_DATA, else ~/.tripletrec/data); DATA_OPTS replaces that (e.g. "--ratings /tmp/syn1m/ratings.tsv"). Requests use the
#   model's own user and item ids ('tripletrec export').
# Environment: PACE_MS (10), PORT (18181), HEAP (1g), JAR, JAVA_OPTS, SERVE_OPTS (e.g. "--index hnsw"),
#   DATA_OPTS, RELOADS (5), RELOAD_SECONDS (12), START_SECONDS (60: how long the first load and index may take),
#   WARMUP_ROUNDS (2: rounds of 2 s of each kind before the measured phases).
# Needs: wrk (apt-get install wrk), curl, the jar (./mvnw -pl app -am package -DskipTests).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model_a="$(realpath "$1")"
model_b="$(realpath "$2")"
data_dir_opt=""
if [[ -n "${3:-}" ]]; then data_dir_opt="--data-dir $3"; fi
jar="${JAR:-$root/app/target/tripletrec.jar}"
port="${PORT:-18181}"
pace="${PACE_MS:-10}"
heap="${HEAP:-1g}"
reloads="${RELOADS:-5}"
reload_seconds="${RELOAD_SECONDS:-12}"
start_seconds="${START_SECONDS:-60}"
warmup_rounds="${WARMUP_ROUNDS:-2}"
data_opts="${DATA_OPTS:---dataset ml-100k $data_dir_opt}"
conns=50
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
serving="$work/model.trm"
cp "$model_a" "$serving"

# shellcheck source=bench/load/server.sh
source "$here/server.sh"
# shellcheck disable=SC2086 # option lists, split on purpose
start_server "$serving" "$heap" "${JAVA_OPTS:-}" --port "$port" --watch 1 ${SERVE_OPTS:-} $data_opts

run() { # name kind seconds pace_ms
  local out
  out="$(wrk -c"$conns" -t2 -d"$3"s --timeout 5s --latency -s "$here/mix.lua" "$url" -- "$2" "$4" "${ids[@]}" | grep RESULT)"
  printf '%-28s %s\n' "$1" "${out#RESULT }"
  # a failed phase is also told on stderr, which the warm-up does not discard
  [[ "$out" == *"non200=0 sockerr=0"* ]] || { failed=1; printf 'FAILED: %-20s %s\n' "$1" "${out#RESULT }" >&2; }
}
version() {
  curl -fs "$url/metrics" | grep '^tripletrec_model_version ' | cut -d' ' -f2
}
failed=0
echo "wrk, $conns connections, 2 threads, server: $(nproc) cores shared with wrk"
for round in $(seq 1 "$warmup_rounds"); do
  for kind in user similar search foldin; do
    run "warm-up $kind" "$kind" 2 "$pace" > /dev/null
  done
done
for kind in user similar search foldin; do
  run "paced ${pace}ms $kind" "$kind" 6 "$pace"
done
run "saturation mixed" mixed 6 0

# reload under load: alternate the two models, by request and by replacing the file; each swap waits until the
# new version serves (an index is rebuilt meanwhile), then the next one starts
(
  sleep 1
  for i in $(seq 1 "$reloads"); do
    src="$model_b"; (( i % 2 == 0 )) && src="$model_a"
    before="$(version)"
    t0=$(date +%s.%N)
    cp "$src" "$work/next.trm" && mv "$work/next.trm" "$serving"
    if (( i % 2 == 1 )); then
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time "$reload_seconds" -X POST "$url/admin/reload")"
      how="by request: HTTP $code"
    else
      how="by file change"
    fi
    while [[ "$(version)" == "$before" ]] && awk -v t0="$t0" -v now="$(date +%s.%N)" -v max="$reload_seconds" \
        'BEGIN { exit !(now - t0 < max) }'; do
      sleep 0.2
    done
    if [[ "$(version)" == "$before" ]]; then
      echo "reload $i $how: still serving version $before after ${reload_seconds}s"
      break
    fi
    awk -v i="$i" -v how="$how" -v v="$(version)" -v t0="$t0" -v now="$(date +%s.%N)" \
      'BEGIN { printf "reload %d %s, serving version %s after %.1f s\n", i, how, v, now - t0 }'
    sleep 1
  done
) > "$work/reloads.log" &
reloader=$!
run "reload under load (mixed)" mixed "$reload_seconds" "$pace"
wait $reloader
cat "$work/reloads.log"
# server-side time per endpoint over the whole run, from the /metrics histograms: the bucket bound that
# holds the 50th and 99th percentile (an upper bound; it excludes wrk and the loopback)
echo "server-side, whole run (histogram bucket holding the percentile):"
curl -fs "$url/metrics" | awk '
  /^tripletrec_http_request_duration_seconds_bucket/ {
    ep = $0; sub(/.*endpoint="/, "", ep); sub(/".*/, "", ep)
    le = $0; sub(/.*le="/, "", le); sub(/".*/, "", le)
    n[ep]++; bound[ep, n[ep]] = le; cum[ep, n[ep]] = $NF + 0
  }
  END {
    for (ep in n) {
      total = cum[ep, n[ep]]; p50 = p99 = ""
      for (j = 1; j <= n[ep]; j++) {
        if (p50 == "" && cum[ep, j] >= 0.5 * total) p50 = bound[ep, j]
        if (p99 == "" && cum[ep, j] >= 0.99 * total) p99 = bound[ep, j]
      }
      if (total > 100) printf "  %-34s requests %7d  p50 <= %ss  p99 <= %ss\n", ep, total, p50, p99
    }
  }' | sort
echo "model version after the run: $(version)"
curl -fs "$url/metrics" | grep -E '^tripletrec_model_reloads_total|^tripletrec_index_(bytes|build_seconds|exact_fallbacks_total) '
(( $(grep -c 'serving version' "$work/reloads.log") == reloads )) || failed=1
grep -q 'HTTP 200' "$work/reloads.log" || failed=1
if (( failed )); then echo "LOAD TEST FAILED: some requests were not answered with 200, or a reload did not happen"; exit 1; fi
echo "load test passed: every answer was a 200"
