#!/usr/bin/env python3
# scikit-learn GaussianMixture (full) from the parameters of the hard assignment to k-means++ means, fixed max_iter
# 1 and 20 (per iteration = (t20 - t1) / 19): the counterpart of GmmEmBenchmark. Run with /usr/bin/python3.
import time, numpy as np, warnings; warnings.simplefilter("ignore")
from sklearn.cluster import kmeans_plusplus
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters, _compute_precision_cholesky
for name in ["X100k", "X1M"]:
    X = np.fromfile("/tmp/peers-data/%s.bin" % name, dtype="<f8").reshape(-1, 8)
    means, _ = kmeans_plusplus(X, 8, random_state=0)
    lab = np.argmin(((X[:, None, :] - means[None]) ** 2).sum(-1), axis=1)
    resp = np.zeros((X.shape[0], 8)); resp[np.arange(X.shape[0]), lab] = 1
    w, mu, S = _estimate_gaussian_parameters(X, resp, 1e-6, "full"); w /= X.shape[0]
    prec = np.array([p @ p.T for p in _compute_precision_cholesky(S, "full")])
    for it in (1, 20):
        ts = []
        for r in range(3 if name == "X100k" else 2):
            a = time.perf_counter()
            GaussianMixture(8, covariance_type="full", weights_init=w, means_init=mu, precisions_init=prec, max_iter=it, tol=0).fit(X)
            ts.append(time.perf_counter() - a)
        print("%s sklearn GaussianMixture full from given parameters, max_iter=%d: min %.3f s all %s" % (name, it, min(ts), [round(t, 3) for t in ts]))
