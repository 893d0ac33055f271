#!/usr/bin/env python3
# Times scikit-learn's L2 logistic regression (C = 1) on /tmp/peers-data/LR1M_* (shared/bench/gen_peer_data.py)
# and prints the penalized objective sum(log-loss) + 0.5 ||w||^2 at its solution, the number
# LogisticFitBenchmark prints for this library and Smile ("# objective impl=..."), plus a tight reference.
# Run: /usr/bin/python3 -u benchmarks/scripts/sklearn_lr_objective.py
import time
import numpy as np
from sklearn.linear_model import LogisticRegression

X = np.fromfile("/tmp/peers-data/LR1M_X.bin", dtype="<f8").reshape(-1, 20)
y = np.fromfile("/tmp/peers-data/LR1M_y.bin", dtype="<i4")

def objective(m):
    eta = X @ m.coef_[0] + m.intercept_[0]
    return float(np.sum(np.logaddexp(0, eta) - y * eta) + 0.5 * m.coef_[0] @ m.coef_[0])

for name, kw in [("lbfgs default tol=1e-4", dict(solver="lbfgs")),
                 ("newton-cg tol=1e-10 (reference)", dict(solver="newton-cg", tol=1e-10))]:
    ts = []
    for r in range(3):
        t = time.perf_counter()
        m = LogisticRegression(C=1.0, max_iter=1000, **kw).fit(X, y)
        ts.append(time.perf_counter() - t)
    print(f"{name}: min {min(ts):.3f}s all {[round(t, 3) for t in ts]} n_iter={m.n_iter_} "
          f"objective={objective(m):.10f} b={m.intercept_[0]:.8f} w0={m.coef_[0][0]:.8f}")
