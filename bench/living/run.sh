#!/usr/bin/env bash
# The living-data protocol (docs/EVALUATION.md, "Living data") on MovieLens 100k, its three arms per seed:
#   (a) the base model alone, users it does not know folded in from their ratings: evaluate --fold-in
#   (b) the base model updated with the increment's ratings only: update
#   (c) a full retrain on base + increment: train
# Each arm is timed as a whole command; (b) and (c) also by the training seconds of their metrics JSON.
# usage: bench/living/run.sh [SEED...]    (default 1 2 3; per seed: base, then c, b, a)
# DATA (default $TRIPLETREC_DATA, else ../shared/data) holds ml-100k/u.data; OUT (default /tmp/tripletrec-living)
# receives the split, the models and the metrics. Any other flags for all four commands: ARGS="--threads 1"; for the
# two trainings only (the update and the evaluation take the base model's): TRAIN_ARGS="--preset cautious".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds=("$@")
[[ ${#seeds[@]} -gt 0 ]] || seeds=(1 2 3)
data="${DATA:-${TRIPLETREC_DATA:-$root/../shared/data}}"
out="${OUT:-/tmp/tripletrec-living}"
tr="$root/tripletrec"
mkdir -p "$out"
python3 "$root/bench/living/split.py" "$data/ml-100k/u.data" "$out"
cd "$out"

# wall seconds of one command, its output in $1.log
timed() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$tr" "$@" ${ARGS:-} > "$name.log" 2>&1
  end=$(date +%s.%N)
  echo "$name $(python3 -c "print(round($end - $start, 2))")" >> walls.txt
}

rm -f walls.txt
for s in "${seeds[@]}"; do
  "$tr" train --ratings base.tsv --split none --seed "$s" --model-out "base$s.trm" ${TRAIN_ARGS:-} ${ARGS:-} \
    > "base$s.log" 2>&1
  timed "c$s" train --ratings all.tsv --test test.tsv --seed "$s" --eval-every 0 --model-out "c$s.trm" \
    --metrics-out "c$s.json" ${TRAIN_ARGS:-}
  timed "b$s" update --model "base$s.trm" --ratings increment.tsv --test test.tsv --seed "$s" --eval-every 0 \
    --model-out "b$s.trm" --metrics-out "b$s.json"
  timed "a$s" evaluate --model "base$s.trm" --ratings all.tsv --test test.tsv --fold-in --metrics-out "a$s.json"
done

python3 - "${seeds[@]}" <<'PY'
import json, statistics, sys
seeds = sys.argv[1:]
walls = dict((n, float(s)) for n, s in (line.split() for line in open("walls.txt")))
metrics = ("full_auc", "pos_neg_auc", "ndcg@10", "dislike@10")
def train_seconds(name):
    return sum(e["train_seconds"] for e in json.load(open(f"{name}.json")).get("epochs", []))
print(f"{'arm':4} {'seed':>4} " + " ".join(f"{m:>11}" for m in metrics) + f" {'train s':>8} {'wall s':>7}")
for arm in "abc":
    rows = []
    for s in seeds:
        final = json.load(open(f"{arm}{s}.json"))["final"]
        rows.append([final[m] for m in metrics])
        t = f"{train_seconds(arm + s):8.3f}" if arm != "a" else f"{'-':>8}"
        print(f"{arm:4} {s:>4} " + " ".join(f"{v:11.4f}" for v in rows[-1]) + f" {t} {walls[arm + s]:7.2f}")
    if len(seeds) > 1:
        print(f"{arm:4} {'mean':>4} " + " ".join(f"{statistics.mean(col):11.4f}" for col in zip(*rows)))
ratios = [train_seconds("b" + s) / train_seconds("c" + s) for s in seeds]
wall_ratios = [walls["b" + s] / walls["c" + s] for s in seeds]
print("b/c train seconds: " + ", ".join(f"{r:.3f}" for r in ratios) + f" (median {statistics.median(ratios):.3f});"
      + " wall: " + ", ".join(f"{r:.3f}" for r in wall_ratios) + f" (median {statistics.median(wall_ratios):.3f})")
PY
