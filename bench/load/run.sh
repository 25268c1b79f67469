#!/usr/bin/env bash
# Bounded load test of 'tripletrec serve' on loopback (about 58 s of traffic): 50 connections from wrk.
#   1. warm-up, twice 2 s of each kind below, paced (not reported): each kind's code reaches HotSpot's compile
#      thresholds below saturation, so that the compilers get CPU time (under saturation their queue lasts 20 s on
#      2 cores), and again after the others, as in the measured phase
#   2. paced, 6 s per kind (user top-10, similar, search, fold-in 10 likes + 5 dislikes): each connection
#      waits PACE_MS between requests, like 50 people clicking, so latency is measured below saturation
#   3. saturation, 6 s, mixed: each connection sends its next request as soon as the last one is answered
#   4. reload under load, 12 s, mixed and paced, while the model file is swapped (POST /admin/reload and a
#      replaced file picked up by the watcher): every answer must be a 200
# Usage: bench/load/run.sh MODEL_A MODEL_B [DATA_DIR]     (two model files trained on ML-100k)
# Needs: wrk (apt-get install wrk), curl, the jar (./mvnw -pl app package -DskipTests), TRIPLETREC_DATA or DATA_DIR.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model_a="$(realpath "$1")"
model_b="$(realpath "$2")"
data_dir="${3:-${TRIPLETREC_DATA:-/work/shared/data}}"
jar="${JAR:-$root/app/target/tripletrec.jar}"
port="${PORT:-18181}"
pace="${PACE_MS:-10}"
conns=50
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
serving="$work/model.trm"
cp "$model_a" "$serving"

# the Vector API scoring kernel, as the tripletrec launcher enables it (JAVA_OPTS=-Dtripletrec.simd=false: plain Java)
java -Xms512m -Xmx1g --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar "$jar" serve --model "$serving" --port "$port" --watch 1 ${SERVE_OPTS:-} \
  --dataset ml-100k --data-dir "$data_dir" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fs "$url/health" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$url/health" > /dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }

run() { # name kind seconds pace_ms
  local out
  out="$(wrk -c"$conns" -t2 -d"$3"s --timeout 5s --latency -s "$here/mix.lua" "$url" -- "$2" "$4" | grep RESULT)"
  printf '%-28s %s\n' "$1" "${out#RESULT }"
  [[ "$out" == *"non200=0 sockerr=0"* ]] || failed=1
}
failed=0
echo "wrk, $conns connections, 2 threads, server: $(nproc) cores shared with wrk"
for round in 1 2; do
  for kind in user similar search foldin; do
    run "warm-up $kind" "$kind" 2 "$pace" > /dev/null
  done
done
for kind in user similar search foldin; do
  run "paced ${pace}ms $kind" "$kind" 6 "$pace"
done
run "saturation mixed" mixed 6 0

# reload under load: alternate the two models, by request and by replacing the file
(
  sleep 1
  for i in 1 2 3 4 5; do
    src="$model_b"; (( i % 2 == 0 )) && src="$model_a"
    cp "$src" "$work/next.trm" && mv "$work/next.trm" "$serving"
    if (( i % 2 == 1 )); then
      code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/admin/reload")"
      echo "reload $i by request: HTTP $code"
    else
      sleep 1.2 # the watcher polls every second and waits for the file to hold still
      echo "reload $i by file change"
    fi
    sleep 1
  done
) > "$work/reloads.log" &
reloader=$!
run "reload under load (mixed)" mixed 12 "$pace"
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
version="$(curl -fs "$url/metrics" | grep '^tripletrec_model_version ' | cut -d' ' -f2)"
reloads="$(curl -fs "$url/metrics" | grep '^tripletrec_model_reloads_total')"
echo "model version after the run: $version"
echo "$reloads"
grep -q 'HTTP 200' "$work/reloads.log" || failed=1
if (( failed )); then echo "LOAD TEST FAILED: some requests were not answered with 200"; exit 1; fi
echo "load test passed: every answer was a 200"
