#!/usr/bin/env bash
# Trains the PyTorch reference (../shared/bench/reference/run.py, a port of the seed's Keras model) and
# tripletrec with the same settings on the same data (MovieLens 100k, ua split), one after the other in one run,
# and prints the ratio of training throughput and both models' full AUC.
#
# Needs Debian's PyTorch for /usr/bin/python3 (not a pyenv or venv python):
#     sudo apt-get update && sudo apt-get install -y python3-torch python3-numpy
# and MovieLens 100k under $TRIPLETREC_DATA (default ../shared/data).
#
# Usage: bench/compare-reference.sh [seed|literal|notebook|all]   (default all)
#   seed:     run.py --protocol seed --sampler seed_per_user  vs  tripletrec --preset seed (dense Adam, and lazy Adam)
#             (not the same sampler: run.py pairs likes with dislikes only, tripletrec's explicit sampler also
#             tops a user's dislikes up with rating-3 items, as the seed does; so the AUCs differ)
#   literal:  run.py --protocol seed --sampler seed_literal   vs  tripletrec --preset seed --sampler seed-literal
#             (the seed's own pairing in both: the like-for-like AUC check on the seed's labels)
#   notebook: run.py --protocol maciej --sampler uniform      vs  tripletrec --preset notebook (dense and lazy Adam)
# Environment: THREADS (default 2), EPOCHS (default: the preset's, 20 / 10), REFERENCE (path of run.py),
#   RUNS (default 1): run each tripletrec variant this many times and print the median of the runs (on a
#   shared machine single 20-epoch runs vary by up to 2x; the reference's first epoch is its own warm-up),
#   WARMUP (default 1): 0 passes --no-warmup to tripletrec bench, so its epochs include the JIT's compiling
#   (by default bench first trains a throw-away model while the data loads; see docs/PERFORMANCE.md).
# Throughput on both sides is the median over epochs: run.py's trip_per_s (its train_s: shuffle and mini-batch
# loop, not its sampling), tripletrec's triplets_per_second (epoch time including sampling and shuffle).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
reference="${REFERENCE:-$root/../shared/bench/reference/run.py}"
threads="${THREADS:-2}"
runs="${RUNS:-1}"
warmup_flag=""
[[ "${WARMUP:-1}" == 0 ]] && warmup_flag="--no-warmup"
export TRIPLETREC_DATA="${TRIPLETREC_DATA:-$root/../shared/data}"
python=/usr/bin/python3
which="${1:-all}"

if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  echo "compare-reference: $python cannot import torch; install Debian's: apt-get install -y python3-torch" >&2
  exit 1
fi
[[ -f "$reference" ]] || { echo "compare-reference: no $reference (set REFERENCE)" >&2; exit 1; }

jar="$root/app/target/tripletrec.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl app -am package) >&2
fi
# The Vector API kernel needs the incubator module; it changes speed only, never the numbers.
java_opts=(--add-modules jdk.incubator.vector)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# run_pair NAME EPOCHS "run.py args" "tripletrec args"...
run_case() {
  local name="$1" epochs="$2" ref_args="$3"; shift 3
  echo "== $name: $epochs epochs, $threads threads, $runs tripletrec run(s) each${warmup_flag:+, $warmup_flag}, uptime: $(uptime | sed 's/.*load average/load average/')"
  # shellcheck disable=SC2086
  "$python" "$reference" $ref_args --epochs "$epochs" --threads "$threads" --no-init-eval > "$work/ref.txt"
  local ref_tps ref_auc
  ref_tps=$(grep -o 'trip_per_s=[0-9.]*' "$work/ref.txt" | cut -d= -f2 | median)
  ref_auc=$(grep '^epoch=' "$work/ref.txt" | tail -1 | grep -o 'full_auc=[0-9.]*' | cut -d= -f2)
  printf '  %-34s %12.0f triplets/s  full_auc %s\n' "pytorch reference" "$ref_tps" "$ref_auc"
  local variant
  for variant in "$@"; do
    local label="${variant%%|*}" args="${variant#*|}"
    local run tps auc
    : > "$work/runs.txt"
    for ((run = 1; run <= runs; run++)); do
      # shellcheck disable=SC2086
      java "${java_opts[@]}" -jar "$jar" bench $args $warmup_flag --epochs "$epochs" --threads "$threads" \
          --json "$work/tt.json" > "$work/tt.txt" 2> "$work/tt.err" || { cat "$work/tt.err" >&2; return 1; }
      "$python" -c "import json;d=json.load(open('$work/tt.json'));print(d['triplets_per_second'], d['full_auc'])" \
          >> "$work/runs.txt"
    done
    # with RUNS > 1: the median over the runs of each run's median epoch throughput, and the median full AUC
    tps=$(cut -d' ' -f1 "$work/runs.txt" | median)
    auc=$(cut -d' ' -f2 "$work/runs.txt" | median | awk '{printf "%.4f", $1}')
    printf '  %-34s %12.0f triplets/s  full_auc %s   throughput x%.1f, auc diff %+.4f\n' "tripletrec $label" \
        "$tps" "$auc" "$(awk "BEGIN {print $tps / $ref_tps}")" "$(awk "BEGIN {print $auc - $ref_auc}")"
  done
}

if [[ "$which" == seed || "$which" == all ]]; then
  run_case "seed preset (liked 5 vs disliked <= 2 + rating-3 top-up; dim 100, Adam 0.001, batch 64)" "${EPOCHS:-20}" \
    "--protocol seed --sampler seed_per_user" \
    "--preset seed (dense Adam)|--preset seed" \
    "--preset seed --optimizer lazy-adam|--preset seed --optimizer lazy-adam"
fi
if [[ "$which" == literal || "$which" == all ]]; then
  run_case "seed preset with the seed's literal pairing (same sampler on both sides)" "${EPOCHS:-20}" \
    "--protocol seed --sampler seed_literal" \
    "--preset seed --sampler seed-literal|--preset seed --sampler seed-literal" \
    "... --optimizer lazy-adam|--preset seed --sampler seed-literal --optimizer lazy-adam"
fi
if [[ "$which" == notebook || "$which" == all ]]; then
  run_case "notebook preset (liked >= 4 vs uniform items; dim 100, Adam 0.001, batch 64)" "${EPOCHS:-10}" \
    "--protocol maciej --sampler uniform" \
    "--preset notebook (dense Adam)|--preset notebook" \
    "--preset notebook --optimizer lazy-adam|--preset notebook --optimizer lazy-adam"
fi
