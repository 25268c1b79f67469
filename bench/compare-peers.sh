#!/usr/bin/env bash
# Times tripletrec against its C and C++ peers on this machine, in one run: implicit's BPR (C++) and LightFM's WARP
# (C), each beside tripletrec with the matching settings, in interleaved rounds, counting the same unit on both
# sides, and prints each ratio (tripletrec / peer) per round and the median of the rounds.
#
# The peers are not part of this repository: build them once per machine as ../shared/bench/peers/README.md says
# (from their source snapshots, outside the repository; implicit with -march=native), into $PEERS (default
# $HOME/peers). This script runs implicit_bpr.py of that folder and times LightFM as its lightfm_timing.py does
# (only the two configurations compared).
#
# Usage: bench/compare-peers.sh [bpr|warp|all|large]   (default all)
#   bpr:  implicit BPR vs tripletrec --optimizer sgd --lr 0.05 --batch-size 1 --sampler unrated --loss bpr: dim 100,
#         L2 0.01, item bias on both sides, 40 epochs, MovieLens 100k ua, likes >= 4 (implicit's --protocol maciej)
#         and likes = 5 (--protocol seed). Unit: updates per second. implicit draws one sample per like and skips,
#         without an update, a drawn negative the user liked: its updates are its samples minus the skipped ones.
#         tripletrec's unrated sampler never draws a rated item, so its triplets are its updates.
#   warp: LightFM WARP (max_sampled 10, learning rate 0.05, dim 100, 20 epochs, the seed's labels) vs tripletrec
#         --sampler warp:10 --dim 100, and vs tripletrec --preset single --dim 100 (the WARP mixture). Unit:
#         positives per second, those without a violator included, as LightFM counts them: likes / epoch seconds.
#   large: implicit BPR (bench/peers/implicit_file.py) vs tripletrec SGD BPR on a large ratings file ($RATINGS, default
#         /tmp/syn25m/ratings.tsv from `tripletrec generate --users 162000 --items 59000 --interactions 25M --seed 1
#         --out /tmp/syn25m`): dim 64, lr 0.05, L2 0.01, likes = rating 5, 3 epochs, in shuffled and by-user order.
#         Unit: updates per second. Not part of "all".
# Environment: JARS (tripletrec jars to time, each beside the same peer run; default: this checkout's app jar,
#   built first), ROUNDS (default 3), THREADS (default "1 2"), PEERS (default $HOME/peers), PEER_SCRIPTS
#   (default ../shared/bench/peers), TRIPLETREC_DATA (default ../shared/data).
# Each side's figure in a round is the median over its epochs; the ratio's median is over the rounds. The load
# average is printed with every ratio: on a shared machine, say so beside any figure you quote.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
scripts="${PEER_SCRIPTS:-$root/../shared/bench/peers}"
peers="${PEERS:-$HOME/peers}"
rounds="${ROUNDS:-3}"
threads_list="${THREADS:-1 2}"
export TRIPLETREC_DATA="${TRIPLETREC_DATA:-$root/../shared/data}"
python=/usr/bin/python3
which="${1:-all}"

[[ -f "$scripts/implicit_bpr.py" && -f "$scripts/../reference/protocol.py" ]] || {
  echo "compare-peers: no implicit_bpr.py (or ../reference/protocol.py) in $scripts (set PEER_SCRIPTS)" >&2; exit 1; }
if [[ "$which" == bpr || "$which" == all || "$which" == large ]]; then
  PYTHONPATH="$peers/implicit" "$python" -c 'import implicit.cpu.bpr' 2>/dev/null || {
    echo "compare-peers: implicit is not built in $peers/implicit; see $scripts/README.md" >&2; exit 1; }
fi
if [[ "$which" == warp || "$which" == all ]]; then
  PYTHONPATH="$peers/lightfm" "$python" -c 'import lightfm' 2>/dev/null || {
    echo "compare-peers: LightFM is not built in $peers/lightfm; see $scripts/README.md" >&2; exit 1; }
fi

jars="${JARS:-$root/app/target/tripletrec.jar}"
if [[ -z "${JARS:-}" ]]; then # this checkout, as it is
  (cd "$root" && ./mvnw -q -B -DskipTests -pl app -am package) >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# label JAR: nothing for the one jar of this checkout, else " [name of the jar]" (JARS compares builds)
label() { [[ -z "${JARS:-}" ]] || echo " [$(basename "$1" .jar)]"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# tripletrec JAR UNIT ARGS...: one bench run; prints "<per second> <full_auc>" (UNIT: updates = triplets per second,
# positives = likes / median epoch seconds)
tripletrec() {
  local jar="$1" unit="$2"; shift 2
  java --add-modules jdk.incubator.vector -jar "$jar" bench "$@" --json "$work/tt.json" > "$work/tt.txt" 2> "$work/tt.err" \
    || { cat "$work/tt.err" >&2; return 1; }
  "$python" - "$work/tt.json" "$unit" <<'EOF'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
if sys.argv[2] == "updates":
    rate = d["triplets_per_second"]
else:
    rate = d["anchors"] / statistics.median(d["epoch_seconds"])
print(f"{rate:.0f} {d['full_auc']:.4f}")
EOF
}

# implicit PROTOCOL THREADS: prints "<updates per second> <full_auc>", the median over epochs
implicit() {
  OPENBLAS_NUM_THREADS=1 PYTHONPATH="$peers/implicit" "$python" "$scripts/implicit_bpr.py" --protocol "$1" \
      --model bpr --dim 100 --epochs 40 --threads "$2" --lr 0.05 --reg 0.01 --seed 42 --eval-every 40 \
      > "$work/imp.txt" 2>&1 || { cat "$work/imp.txt" >&2; return 1; }
  "$python" - "$work/imp.txt" <<'EOF'
import json, re, statistics, sys
text = open(sys.argv[1]).read()
summary = json.loads(re.search(r"^# summary (.*)$", text, re.M).group(1))
n = summary["n_train_pos"]
rates = [n * (1 - float(s)) / float(t) for t, s in re.findall(r"^epoch +\d+ train_s=([0-9.]+) .*?skipped=([0-9.]+)", text, re.M)]
print(f"{statistics.median(rates):.0f} {summary['final']['full_auc']:.4f}")
EOF
}

# implicit_large THREADS: implicit's BPR on $RATINGS; prints "<updates per second>", the median over epochs
ratings="${RATINGS:-/tmp/syn25m/ratings.tsv}"
implicit_large() {
  OPENBLAS_NUM_THREADS=1 PYTHONPATH="$peers/implicit" "$python" "$here/peers/implicit_file.py" "$ratings" --like 5 \
      --dim 64 --epochs 3 --threads "$1" --lr 0.05 --reg 0.01 > "$work/impl.txt" 2>&1 \
    || { cat "$work/impl.txt" >&2; return 1; }
  awk '/^median_updates_per_s/ {print $2}' "$work/impl.txt"
}

# tripletrec_large JAR ORDER THREADS: tripletrec's SGD BPR on $RATINGS; prints "<triplets per second>"
tripletrec_large() {
  java --add-modules jdk.incubator.vector -jar "$1" bench --preset single --ratings "$ratings" --dim 64 --optimizer sgd --lr 0.05 \
      --batch-size 1 --sampler unrated --loss bpr --user-reg 0.01 --item-reg 0.01 --item-bias --order "$2" \
      --threads "$3" --epochs 3 --no-eval --json "$work/ttl.json" > "$work/ttl.txt" 2>&1 \
    || { cat "$work/ttl.txt" >&2; return 1; }
  "$python" -c 'import json, sys; print("%.0f" % json.load(open(sys.argv[1]))["triplets_per_second"])' "$work/ttl.json"
}

# lightfm THREADS: LightFM WARP timed as lightfm_timing.py times its seed_warp_d100 configurations (a fresh model,
# dim 100, learning rate 0.05, max_sampled 10, 20 x fit_partial(epochs=1) on the seed labels' train likes); prints
# "<positives per second>": the likes over the median epoch seconds
cat > "$work/lfm.py" <<'EOF'
import sys, time
import numpy as np, scipy.sparse as sp
import protocol
from lightfm import LightFM
threads = int(sys.argv[1])
u, i = np.nonzero(protocol.Split("seed").train_pos)
train = sp.coo_matrix((np.ones(len(u), np.float32), (u.astype(np.int32), i.astype(np.int32))),
                      shape=(protocol.N_USERS, protocol.N_ITEMS))
m = LightFM(no_components=100, loss="warp", learning_rate=0.05, random_state=42)
ts = []
for _ in range(20):
    t = time.perf_counter()
    m.fit_partial(train, epochs=1, num_threads=threads)
    ts.append(time.perf_counter() - t)
print(f"{train.nnz / np.median(ts):.0f}")
EOF
lightfm() {
  PYTHONPATH="$peers/lightfm:$scripts/../reference" "$python" "$work/lfm.py" "$1" > "$work/lfm.txt" 2>&1 \
    || { cat "$work/lfm.txt" >&2; return 1; }
  tail -1 "$work/lfm.txt"
}

: > "$work/ratios.txt"
report() { # NAME ROUND PEER_RATE TT_RATE TT_AUC PEER_AUC
  local ratio
  ratio=$(awk "BEGIN {printf \"%.2f\", $4 / $3}")
  printf '  round %d  %-44s peer %10.0f/s  tripletrec %10.0f/s  x%s  (full_auc %s%s)  load %s\n' "$2" "$1" "$3" "$4" \
      "$ratio" "$5" "${6:+, peer $6}" "$(load)"
  echo "$1|$ratio" >> "$work/ratios.txt"
}

echo "compare-peers: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
     "tripletrec ${JARS:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')}; $rounds rounds; load $(load)"
for ((round = 1; round <= rounds; round++)); do
  for threads in $threads_list; do
    if [[ "$which" == bpr || "$which" == all ]]; then
      for protocol in maciej seed; do
        threshold=$([[ $protocol == maciej ]] && echo 4 || echo 5)
        read -r peer_rate peer_auc < <(implicit "$protocol" "$threads")
        for jar in $jars; do
          read -r tt_rate tt_auc < <(tripletrec "$jar" updates --preset single --optimizer sgd --lr 0.05 --batch-size 1 \
              --sampler unrated --loss bpr --dim 100 --epochs 40 --user-reg 0.01 --item-reg 0.01 --item-bias \
              --positive-threshold "$threshold" --threads "$threads")
          report "BPR likes>=$threshold, $threads thread(s), updates/s$(label "$jar")" "$round" "$peer_rate" \
              "$tt_rate" "$tt_auc" "$peer_auc"
        done
      done
    fi
  done
  if [[ "$which" == large ]]; then
    for threads in $threads_list; do
      peer_rate=$(implicit_large "$threads")
      for jar in $jars; do
        for order in shuffled by-user; do
          tt_rate=$(tripletrec_large "$jar" "$order" "$threads")
          report "large file BPR, $order, $threads thread(s)$(label "$jar")" "$round" "$peer_rate" "$tt_rate" "-"
        done
      done
    done
  fi
  if [[ "$which" == warp || "$which" == all ]]; then
    for threads in $threads_list; do
      peer_rate=$(lightfm "$threads")
      for jar in $jars; do
        read -r tt_rate tt_auc < <(tripletrec "$jar" positives --preset single --sampler warp:10 --dim 100 --epochs 20 \
            --threads "$threads")
        report "WARP 10 trials, $threads thread(s), positives/s$(label "$jar")" "$round" "$peer_rate" "$tt_rate" \
            "$tt_auc"
        read -r tt_rate tt_auc < <(tripletrec "$jar" positives --preset single --dim 100 --epochs 20 \
            --threads "$threads")
        report "single preset vs WARP 10, $threads thread(s)$(label "$jar")" "$round" "$peer_rate" "$tt_rate" \
            "$tt_auc"
      done
    done
  fi
done

echo "median ratio over $rounds rounds (tripletrec / peer), load $(load):"
cut -d'|' -f1 "$work/ratios.txt" | awk '!seen[$0]++' | while read -r name; do
  med=$(awk -F'|' -v n="$name" '$1 == n {print $2}' "$work/ratios.txt" | median)
  printf '  %-48s x%s\n' "$name" "$med"
done
