#!/usr/bin/env bash
# The scale check of an incremental update (issue 10): a model of the 25M-shaped synthetic data, updated with 1M
# new ratings, against a full retrain on the 26M ratings. Prints each command's wall time, the training seconds
# of its metrics JSON, its peak resident memory (/usr/bin/time -v) and its peak heap (the largest heap in use
# before a collection, from the JVM's GC log), and checks that the update also runs within a small heap (SMALL).
# usage: bench/living/scale.sh
# OUT (default /tmp/tripletrec-living-scale) receives the data (about 630 MB), the models (about 320 MB each)
# and the logs; existing ratings files there are reused. EPOCHS (default 3) for the base and the retrain;
# SMALL (default 1g) is the -Xmx of the bounded update run. Needs /usr/bin/time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-/tmp/tripletrec-living-scale}"
epochs="${EPOCHS:-3}"
small="${SMALL:-1g}"
tr="$root/tripletrec"
mkdir -p "$out"
cd "$out"

[[ -s base/ratings.tsv ]] || "$tr" generate --users 162000 --items 59000 --interactions 25M --seed 1 --out base
# The day's ratings: the same catalogue's users and items, other tastes drawn (seed 2), and 8,000 users and
# 1,000 items the base does not know.
[[ -s increment/ratings.tsv ]] || "$tr" generate --users 170000 --items 60000 --interactions 1M --seed 2 \
  --out increment
# A quarter of it, for how an update's cost grows with the new ratings.
[[ -s quarter/ratings.tsv ]] || "$tr" generate --users 170000 --items 60000 --interactions 250k --seed 2 \
  --out quarter
[[ -s all.tsv ]] || cat base/ratings.tsv increment/ratings.tsv > all.tsv

# one command, timed: its output in $1.log, /usr/bin/time's in $1.time, the GC log in $1.gc
run() {
  local name="$1" xmx="$2"; shift 2
  TRIPLETREC_JAVA_OPTS="-Xlog:gc:file=$name.gc ${xmx:+-Xmx$xmx}" /usr/bin/time -v "$tr" "$@" > "$name.log" \
    2> "$name.time"
}

run base "" train --ratings base/ratings.tsv --split none --dim 64 --epochs "$epochs" --seed 1 \
  --model-out base.trm --metrics-out base.json
run update "" update --model base.trm --ratings increment/ratings.tsv --seed 1 --model-out update.trm \
  --metrics-out update.json
run update-small "$small" update --model base.trm --ratings increment/ratings.tsv --seed 1 \
  --model-out update-small.trm --metrics-out update-small.json
run update-quarter "" update --model base.trm --ratings quarter/ratings.tsv --seed 1 --model-out update-quarter.trm \
  --metrics-out update-quarter.json
run retrain "" train --ratings all.tsv --split none --dim 64 --epochs "$epochs" --seed 1 --model-out retrain.trm \
  --metrics-out retrain.json

python3 - <<'PY'
import json, re
def train_seconds(name):
    return sum(e["train_seconds"] for e in json.load(open(f"{name}.json")).get("epochs", []))
def wall(name):
    text = open(f"{name}.time").read()
    h, m, s = ([0, 0] + [float(x) for x in re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text).group(1).split(":")])[-3:]
    return h * 3600 + m * 60 + s
def rss_mb(name):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{name}.time").read()).group(1)) / 1024
def heap_mb(name):
    peak = 0
    for line in open(f"{name}.gc"):
        m = re.search(r"(\d+)M->\d+M\(\d+M\)", line)
        if m:
            peak = max(peak, int(m.group(1)))
    return peak
print(f"{'run':13} {'wall s':>8} {'train s':>8} {'peak RSS MB':>12} {'peak heap MB':>13}")
for name in ("base", "update", "update-small", "update-quarter", "retrain"):
    print(f"{name:13} {wall(name):8.1f} {train_seconds(name):8.1f} {rss_mb(name):12.0f} {heap_mb(name):13d}")
print(f"update / retrain: wall {wall('update') / wall('retrain'):.3f}, train seconds "
      f"{train_seconds('update') / train_seconds('retrain'):.3f}")
PY
