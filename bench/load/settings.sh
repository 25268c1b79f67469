#!/usr/bin/env bash
# One server setting measured on its own: starts 'tripletrec serve' on MODEL, warms up with 8 s of paced top-10
# requests, then prints three 10 s phases of 50 paced clients asking for top-10 of known users (wrk's latency and
# the server's CPU per request). For comparing JVM and serve options with each other, interleaved, on a quiet
# machine; bench/load/run.sh is the whole load test.
# Usage: bench/load/settings.sh NAME MODEL "JAVA_OPTS" "SERVE_OPTS"
# Environment: PORT (18400), PACE_MS (20), HEAP (6g), JAR, START_SECONDS (600: how long the load and index may
#   take), DATA_OPTS (default "--data-dir" of an empty folder: no rated items left out, no titles).
# Needs: wrk, curl, the jar (./mvnw -pl app -am package -DskipTests).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="$1"
model="$(realpath "$2")"
jar="${JAR:-$root/app/target/tripletrec.jar}"
port="${PORT:-18400}"
pace="${PACE_MS:-20}"
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
mkdir "$work/nodata"
data_opts="${DATA_OPTS:---data-dir $work/nodata}"
start_seconds="${START_SECONDS:-600}"
cp "$model" "$work/model.trm"
# shellcheck source=bench/load/server.sh
source "$here/server.sh"
# shellcheck disable=SC2086 # option lists, split on purpose
start_server "$work/model.trm" "${HEAP:-6g}" "$3" --port "$port" $4 $data_opts
phase() {
  wrk -c50 -t2 -d"$1"s --timeout 5s --latency -s "$here/mix.lua" "$url" -- user "$pace" \
    "${ids[@]}" | grep RESULT
}
phase 4 > /dev/null
phase 4 > /dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
hz="$(getconf CLK_TCK)"
for r in 1 2 3; do
  before="$(ticks)"
  out="$(phase 10)"
  after="$(ticks)"
  requests="$(grep -o 'requests=[0-9]*' <<< "$out" | cut -d= -f2)"
  echo "$name phase $r ${out#RESULT } cpu_us_per_request=$(( (after - before) * 1000000 / hz / requests ))"
done
