#!/usr/bin/env bash
# The training thread's CPU time per fit (FitCpu.java) for several builds' jars, interleaved: each round runs
# every sampler on every jar. CPU time, not wall time, so that a shared machine disturbs it less; the load average
# is printed beside every figure all the same. The same "triplets per fit" on two builds means the same draws.
# usage: JARS="a.jar b.jar" bench/cpu/run.sh [SAMPLER...]   (default: warp:10 default; "default" = the single model's mixture)
# ROUNDS (default 3), FITS (timed fits per run, default 5), WARM (untimed fits first, default 2),
# TRIPLETREC_DATA (default ../shared/data; needs ml-100k). Default JARS: this checkout's app jar, built first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$here")")"
export TRIPLETREC_DATA="${TRIPLETREC_DATA:-$root/../shared/data}"
samplers=("$@")
[[ ${#samplers[@]} -gt 0 ]] || samplers=(warp:10 default)
jars="${JARS:-$root/app/target/tripletrec.jar}"
if [[ -z "${JARS:-}" ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl app -am package) >&2
fi
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
echo "fit-cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; dim 100, 1 thread, 20 epochs"
for ((round = 1; round <= ${ROUNDS:-3}; round++)); do
  for sampler in "${samplers[@]}"; do
    for jar in $jars; do
      line=$(java --add-modules jdk.incubator.vector -cp "$jar" "$here/FitCpu.java" "$sampler" "${FITS:-5}" \
          "${WARM:-2}" 2>"$tmp") || { cat "$tmp" >&2; exit 1; }
      echo "round $round  $(basename "$jar" .jar)  $line  load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done
