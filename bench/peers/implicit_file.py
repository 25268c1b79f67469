"""implicit's BPR on any whitespace-separated ratings file (user item rating [time], integer ids and ratings),
timed as bench/compare-peers.sh times it on MovieLens: updates per second, that is the likes sampled minus the
drawn negatives implicit skips because the user liked them.

Usage (implicit built as ../shared/bench/peers/README.md says, into $PEERS/implicit):
  OPENBLAS_NUM_THREADS=1 PYTHONPATH=$PEERS/implicit /usr/bin/python3 bench/peers/implicit_file.py RATINGS \
      [--like 5] [--dim 64] [--epochs 3] [--threads 2] [--lr 0.05] [--reg 0.01]

A like is a rating of at least --like (tripletrec's --positive-threshold). Prints one line per epoch and a last
line "median_updates_per_s N". The file is parsed by numpy (np.fromfile); no header line.
"""
import argparse
import os
import time

import numpy as np
import scipy.sparse as sp

from implicit.cpu.bpr import BayesianPersonalizedRanking


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ratings")
    ap.add_argument("--like", type=float, default=5)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--reg", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    t0 = time.perf_counter()
    with open(args.ratings, "rb") as f:
        cols = len(f.readline().split())
    values = np.fromfile(args.ratings, dtype=np.int64, sep=" ").reshape(-1, cols)
    likes = values[values[:, 2] >= args.like]
    users, items = likes[:, 0], likes[:, 1]
    train = sp.csr_matrix((np.ones(len(users), dtype=np.float32), (users, items)),
                          shape=(int(values[:, 0].max()) + 1, int(values[:, 1].max()) + 1))
    train.sum_duplicates()
    train.data[:] = 1
    n_pos = int(train.nnz)
    print(f"# read {len(values):,} ratings, {n_pos:,} likes in {time.perf_counter() - t0:.1f} s; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}", flush=True)
    del values, likes

    model = BayesianPersonalizedRanking(factors=args.dim, learning_rate=args.lr, regularization=args.reg,
                                        iterations=args.epochs, num_threads=args.threads,
                                        random_state=args.seed)
    rates = []

    def callback(epoch, elapsed, correct, skipped):
        updates = n_pos - skipped
        rates.append(updates / elapsed)
        print(f"epoch {epoch + 1} train_s={elapsed:.3f} updates/s={updates / elapsed:,.0f} "
              f"skipped={skipped / n_pos:.3f} load={open('/proc/loadavg').read().split()[0]}", flush=True)

    model.fit(train, show_progress=False, callback=callback)
    print(f"median_updates_per_s {float(np.median(rates)):.0f}")


if __name__ == "__main__":
    main()
