#!/usr/bin/env python3
"""Golden values for EncoderGoldenTest (segmentation-core), from the published formulas, in exact arithmetic.

Standard library only (fractions, decimal): no numpy/scikit-learn needed. Each block names the scikit-learn or
pandas behaviour it reproduces. Run: python3 encoder_golden.py
"""
from decimal import Decimal, getcontext
from fractions import Fraction as F
import math

getcontext().prec = 40

A = [1, 2, 4, 7, 11]
B = [10, 20, 30, 10, 30]
C = [3, 3, 3, 3, 3]


def sqrt(fr):
    return Decimal(fr.numerator) / Decimal(fr.denominator) if fr == 0 else (
        Decimal(fr.numerator) / Decimal(fr.denominator)).sqrt()


def dec(fr):
    return Decimal(fr.numerator) / Decimal(fr.denominator)


def show(name, values):
    print(name, ", ".join("%.17g" % float(v) for v in values))


# StandardScaler (with_mean, with_std; population variance, ddof=0); a zero-variance column gets scale 1.
print("# StandardScaler: z = (x - mean) / sqrt(sum((x - mean)^2) / n); sample sd divides by n - 1")
for name, col in (("a", A), ("b", B), ("c", C)):
    n = len(col)
    mean = F(sum(col), n)
    ss = sum((F(x) - mean) ** 2 for x in col)
    pop = sqrt(ss / n) if ss else Decimal(1)
    smp = sqrt(ss / (n - 1)) if ss else Decimal(1)
    print(name, "mean", mean, "popSd %.17g" % float(pop), "sampleSd %.17g" % float(smp))
    show("  z(pop)", [(dec(F(x) - mean) / pop) for x in col])

# MinMaxScaler(feature_range=(lo, hi)): y = lo + (x - min) * (hi - lo) / (max - min); range 0 -> 1.
print("# MinMaxScaler")
for lo, hi in ((0, 1), (-1, 1)):
    for name, col in (("a", A), ("b", B), ("c", C)):
        mn, mx = min(col), max(col)
        rng = (mx - mn) or 1
        show("  range(%d,%d) %s" % (lo, hi, name), [F(lo) + F(x - mn) * (hi - lo) / rng for x in col])


# RobustScaler: numpy 'linear' percentile (h = (n-1) p), median, IQR 0 -> 1.
def quantile(col, p):
    s = sorted(col)
    h = (len(s) - 1) * p
    lo = math.floor(h)
    if lo >= len(s) - 1:
        return F(s[-1])
    return F(s[lo]) + (h - lo) * (s[lo + 1] - s[lo])


def median(col):
    s = sorted(col)
    n = len(s)
    return F(s[n // 2]) if n % 2 else F(s[n // 2 - 1] + s[n // 2], 2)


print("# RobustScaler")
for lo, hi in ((F(25, 100), F(75, 100)), (F(10, 100), F(90, 100))):
    for name, col in (("a", A), ("b", B), ("c", C)):
        med = median(col)
        iqr = quantile(col, hi) - quantile(col, lo)
        iqr = iqr or 1
        print("  q%s-%s %s center %s scale %s" % (lo, hi, name, med, iqr))
        show("    y", [(F(x) - med) / iqr for x in col])

# log1p: exact natural logarithms at 40 digits.
print("# log1p")
for x in (0, 1, 9, 99, Decimal("0.5")):
    print("  log1p(%s) = %.17g" % (x, float((Decimal(1) + Decimal(x)).ln())))


# pandas qcut(s.rank(method="first"), q, labels=1..q) on tie-free data: ranks 1..n, edges = linear quantiles of
# the ranks at k/q, right-closed bins with the lowest included. Written out as pandas does it, not as the Java
# code computes it (c_k = 1 + floor(k (n - 1) / q)).
def qcut_first_rank(values, q):
    order = sorted(range(len(values)), key=lambda i: (values[i], i))
    rank = [0] * len(values)
    for r, i in enumerate(order, start=1):
        rank[i] = r
    ranks = list(range(1, len(values) + 1))
    edges = [quantile(ranks, F(k, q)) for k in range(q + 1)]
    out = []
    for r in rank:
        k = 1
        while k < q and r > edges[k]:
            k += 1
        out.append(k)
    return out


M = [120.5, 15.0, 870.0, 42.0, 300.0, 5.5, 64.0, 990.0, 210.0, 33.0, 77.0, 18.0, 560.0]
print("# qcut(rank(first), 5) of", M)
print(" ", qcut_first_rank(M, 5))
R = [5, 40, 12, 300, 2, 90, 1, 33, 60, 200]
print("# qcut(rank(first), 5) of -recency", R)
print(" ", qcut_first_rank([-r for r in R], 5))
