#!/usr/bin/env python3
# Golden values for TelcoLogisticTest.standardizedL2MatchesScikitLearn: scikit-learn's L2 logistic regression
# (C = 1, i.e. l2 = 1 on the summed loss) on the 23-column full-rank Telco coding, standardized with the
# population standard deviation (StandardScaler), mapped back to the original scale.
# Run: /usr/bin/python3 telco_sklearn_l2.py ../../../../../../../../shared/data/telco-churn/Telco-Customer-Churn.csv
import csv, sys
import numpy as np
from sklearn.linear_model import LogisticRegression

rows = list(csv.DictReader(open(sys.argv[1])))
def yes(v): return 1.0 if v == "Yes" else 0.0
X, y = [], []
for r in rows:
    tc = r["TotalCharges"].strip()
    X.append([1.0 if r["gender"] == "Male" else 0.0, float(r["SeniorCitizen"]), yes(r["Partner"]), yes(r["Dependents"]),
              float(r["tenure"]), yes(r["PhoneService"]), yes(r["MultipleLines"]),
              1.0 if r["InternetService"] == "DSL" else 0.0, 1.0 if r["InternetService"] == "Fiber optic" else 0.0]
             + [yes(r[c]) for c in ["OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies"]]
             + [1.0 if r["Contract"] == "One year" else 0.0, 1.0 if r["Contract"] == "Two year" else 0.0, yes(r["PaperlessBilling"]),
                1.0 if r["PaymentMethod"] == "Credit card (automatic)" else 0.0, 1.0 if r["PaymentMethod"] == "Electronic check" else 0.0,
                1.0 if r["PaymentMethod"] == "Mailed check" else 0.0, float(r["MonthlyCharges"]), float(tc) if tc else 0.0])
    y.append(1 if r["Churn"] == "Yes" else 0)
X, y = np.array(X), np.array(y)
mu, sd = X.mean(0), X.std(0)
m = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000).fit((X - mu) / sd, y)
coef = m.coef_[0] / sd
b = m.intercept_[0] - (coef * mu).sum()
p = 1 / (1 + np.exp(-(X @ coef + b)))
ll = (y * np.log(p) + (1 - y) * np.log(1 - p)).sum()
print("intercept %.10f tenure %.10f Contract_TwoYear %.10f MonthlyCharges %.10f loglik %.10f" % (b, coef[4], coef[16], coef[21], ll))
