#!/usr/bin/env python3
# Golden values for BinaryMetricsTest (scikit-learn 1.2.1): a small case with tied scores.
from sklearn.metrics import roc_auc_score, average_precision_score, log_loss, brier_score_loss, precision_score, recall_score, f1_score, accuracy_score
y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]
s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.35, 0.05, 0.6, 0.7]
pred = [1 if v >= 0.4 else 0 for v in s]
print("auc %.15f ap %.15f logloss %.15f brier %.15f" % (roc_auc_score(y, s), average_precision_score(y, s), log_loss(y, s), brier_score_loss(y, s)))
print("acc %.15f prec %.15f rec %.15f f1 %.15f" % (accuracy_score(y, pred), precision_score(y, pred), recall_score(y, pred), f1_score(y, pred)))
