#!/usr/bin/env python3
"""Golden values for dev.segmentation.cluster tests, computed with scikit-learn.

Run from this directory with Debian's python (scikit-learn 1.2.1, numpy 1.24.2):
    /usr/bin/python3 golden.py > golden.txt
It writes blobs.csv (the test matrix) and cdnow_features.csv is not written: the real-data test builds its
features from ../shared/data itself. Every number the tests assert is printed to golden.txt.
"""
import numpy as np, sklearn, sys, os
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters, _compute_precision_cholesky

np.set_printoptions(precision=17)
print("# sklearn", sklearn.__version__, "numpy", np.__version__)

# --- blobs.csv: 90 rows, 3 columns, 3 overlapping blobs; label column = generating blob
rng = np.random.default_rng(20240601)
centers = np.array([[0.0, 0.0, 0.0], [2.5, 0.5, -1.0], [0.5, 3.0, 1.0]])
X = np.vstack([rng.normal(c, [1.0, 0.7, 1.3], size=(30, 3)) for c in centers]).round(6)
truth = np.repeat([0, 1, 2], 30)
with open("blobs.csv", "w") as f:
    f.write("a,b,c,label\n")
    for row, l in zip(X, truth):
        f.write("%.6f,%.6f,%.6f,%d\n" % (row[0], row[1], row[2], l))

# --- quality metrics on the truth labels and on a deliberately wrong labelling
wrong = (np.arange(90) * 7) % 4          # 4 labels, unrelated to the blobs
print("silhouette_truth %.17g" % metrics.silhouette_score(X, truth))
print("silhouette_wrong %.17g" % metrics.silhouette_score(X, wrong))
print("calinski_truth %.17g" % metrics.calinski_harabasz_score(X, truth))
print("calinski_wrong %.17g" % metrics.calinski_harabasz_score(X, wrong))
print("davies_truth %.17g" % metrics.davies_bouldin_score(X, truth))
print("davies_wrong %.17g" % metrics.davies_bouldin_score(X, wrong))
print("ari_truth_wrong %.17g" % metrics.adjusted_rand_score(truth, wrong))
print("nmi_truth_wrong %.17g" % metrics.normalized_mutual_info_score(truth, wrong))
part = truth.copy(); part[::5] = (part[::5] + 1) % 3   # a partly right labelling
print("ari_truth_part %.17g" % metrics.adjusted_rand_score(truth, part))
print("nmi_truth_part %.17g" % metrics.normalized_mutual_info_score(truth, part))
print("ari_small %.17g" % metrics.adjusted_rand_score([0, 0, 1, 1, 2, 2], [5, 5, 5, 7, 7, 9]))
print("nmi_small %.17g" % metrics.normalized_mutual_info_score([0, 0, 1, 1, 2, 2], [5, 5, 5, 7, 7, 9]))
# sampled silhouette has its own sampler in sklearn: only the exact value is golden

# --- k-means from given centres (deterministic Lloyd, full convergence)
init = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [2.0, 2.0, 0.0]])
km = KMeans(3, init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=300).fit(X)
print("kmeans_given_inertia %.17g" % km.inertia_)
print("kmeans_given_iter %d" % km.n_iter_)
print("kmeans_given_centers", " ".join("%.17g" % v for v in km.cluster_centers_.ravel()))
km2 = KMeans(3, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(X)
print("kmeans_given_tol_inertia %.17g" % km2.inertia_)
print("kmeans_given_tol_iter %d" % km2.n_iter_)

# --- Gaussian mixtures from hard assignments to given means
means_init = np.array([[0.0, 0.0, 0.0], [2.0, 0.0, -1.0], [0.0, 3.0, 1.0]])
labels0 = np.argmin(((X[:, None, :] - means_init[None]) ** 2).sum(-1), axis=1)
resp = np.zeros((90, 3)); resp[np.arange(90), labels0] = 1
for cov in ["full", "diag", "spherical"]:
    w, mu, S = _estimate_gaussian_parameters(X, resp, 1e-6, cov)
    w /= 90
    pc = _compute_precision_cholesky(S, cov)
    if cov == "full":
        prec = np.array([p @ p.T for p in pc])
    else:
        prec = pc ** 2
    for iters, tol in [(5, 0.0), (100, 1e-3)]:
        g = GaussianMixture(3, covariance_type=cov, weights_init=w, means_init=mu, precisions_init=prec,
                            max_iter=iters, tol=tol, reg_covar=1e-6)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g.fit(X)
        tag = "gmm_%s_%d" % (cov, iters)
        print(tag + "_n_iter %d" % g.n_iter_)
        print(tag + "_converged %s" % g.converged_)
        print(tag + "_loglik %.17g" % (g.score(X) * 90))
        print(tag + "_bic %.17g" % g.bic(X))
        print(tag + "_aic %.17g" % g.aic(X))
        print(tag + "_weights", " ".join("%.17g" % v for v in g.weights_))
        print(tag + "_means", " ".join("%.17g" % v for v in g.means_.ravel()))
        covs = g.covariances_
        if cov == "diag":
            covs = np.array([np.diag(c) for c in covs])
        elif cov == "spherical":
            covs = np.array([np.eye(3) * c for c in covs])
        print(tag + "_covariances", " ".join("%.17g" % v for v in covs.ravel()))
        print(tag + "_proba0", " ".join("%.17g" % v for v in g.predict_proba(X[:1]).ravel()))
