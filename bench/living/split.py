#!/usr/bin/env python3
"""The living-data split of MovieLens 100k (docs/EVALUATION.md, "Living data").

usage: split.py U_DATA OUT_DIR

Writes OUT_DIR/base.tsv (63,353 ratings), increment.tsv (17,014), test.tsv (19,633) and all.tsv (base, then
increment), in u.data's columns (user, item, rating, time; tab-separated). Each user's ratings are sorted by
(time, item id); the test is each user's last 20% (floor, at least one); of the rest, the increment holds every
rating of a user whose id % 10 == 0 (new users), every rating of an item whose id % 20 == 0 (new items), and the
last 10% (floor) of every other user's remaining ratings; the base is everything else.
"""
import os
import sys
from collections import OrderedDict


def main(u_data, out):
    by_user = OrderedDict()
    with open(u_data) as f:
        for line in f:
            u, i, r, t = (int(x) for x in line.split("\t"))
            by_user.setdefault(u, []).append((t, i, r))
    test, base, inc = [], [], []
    for u, rows in by_user.items():
        rows.sort()
        n = len(rows)
        held = max(1, n * 20 // 100)
        rest, last = rows[:n - held], rows[n - held:]
        test += [(u, i, r, t) for t, i, r in last]
        if u % 10 == 0:
            inc += [(u, i, r, t) for t, i, r in rest]
            continue
        inc += [(u, i, r, t) for t, i, r in rest if i % 20 == 0]
        left = [(t, i, r) for t, i, r in rest if i % 20 != 0]
        recent = len(left) * 10 // 100
        inc += [(u, i, r, t) for t, i, r in left[len(left) - recent:]]
        base += [(u, i, r, t) for t, i, r in left[:len(left) - recent]]
    os.makedirs(out, exist_ok=True)
    for name, rows in (("base.tsv", base), ("increment.tsv", inc), ("test.tsv", test), ("all.tsv", base + inc)):
        with open(os.path.join(out, name), "w") as f:
            f.writelines(f"{u}\t{i}\t{r}\t{t}\n" for u, i, r, t in rows)
        print(f"{name} {len(rows)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
