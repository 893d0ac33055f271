#!/usr/bin/env python3
"""Real-data references for RealDataTest: k-means and Gaussian mixtures on CDNOW customers (scikit-learn 1.2.1).

Features of ../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv (2,357 customers):
log1p(x), log1p(t_x), T, log1p(zbar), each standardized with the population standard deviation.
Run: /usr/bin/python3 golden_cdnow.py /path/to/shared/data > golden_cdnow.txt
"""
import sys, warnings, numpy as np, sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
warnings.simplefilter("ignore")
root = sys.argv[1] if len(sys.argv) > 1 else "../../../../../../../../shared/data"
d = np.genfromtxt(root + "/cdnow/cdnow_customers_summary_with_transactions.csv", delimiter=",", skip_header=1)
X = np.column_stack([np.log1p(d[:, 1]), np.log1p(d[:, 2]), d[:, 3], np.log1p(d[:, 4])])
X = (X - X.mean(0)) / X.std(0)
print("# sklearn", sklearn.__version__, "rows", X.shape[0])
for k in (3, 4, 5):
    print("kmeans_ninit10_k%d %.10f" % (k, KMeans(k, n_init=10, random_state=0).fit(X).inertia_))
    best = min(KMeans(k, n_init=1, random_state=s, tol=0).fit(X).inertia_ for s in range(200))
    print("kmeans_best200_k%d %.10f" % (k, best))
for k in (2, 3, 4):
    g = GaussianMixture(k, covariance_type="full", n_init=5, random_state=0).fit(X)
    print("gmm_full_ninit5_k%d_loglik %.10f" % (k, g.score(X) * X.shape[0]))
    print("gmm_full_ninit5_k%d_bic %.10f" % (k, g.bic(X)))
