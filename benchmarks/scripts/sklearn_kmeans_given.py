#!/usr/bin/env python3
# scikit-learn Lloyd from the same k-means++ start, fixed max_iter 1 and 20 (per iteration = (t20 - t1) / 19),
# the counterpart of KMeansLloydBenchmark -p impl=segmentation-given. Run with /usr/bin/python3 after gen_peer_data.py.
import time, sys, numpy as np, warnings; warnings.simplefilter("ignore")
from sklearn.cluster import KMeans, kmeans_plusplus
for name in ["X100k", "X1M"]:
    X = np.fromfile("/tmp/peers-data/%s.bin" % name, dtype="<f8").reshape(-1, 8)
    init, _ = kmeans_plusplus(X, 8, random_state=0)
    for it in (1, 20):
        ts = []
        for r in range(5 if name == "X100k" else 3):
            a = time.perf_counter(); KMeans(8, init=init, n_init=1, algorithm="lloyd", max_iter=it, tol=0).fit(X); ts.append(time.perf_counter() - a)
        print("%s sklearn lloyd from given k-means++ centres, max_iter=%d: min %.4f s all %s" % (name, it, min(ts), [round(t, 4) for t in ts]))
