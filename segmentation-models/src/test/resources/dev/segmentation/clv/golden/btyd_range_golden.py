"""High-precision reference values for the BTYD scores over the accepted parameter space (issue 17).

Run with python3 and mpmath 1.3:  python3 btyd_range_golden.py > btyd_range_golden.csv (about 10 minutes)

Each value is computed from the published closed forms at 60 significant digits and again at 90; a point
is kept only when both agree to 25 digits (so mpmath's own cancellation or series failures are excluded).
Formulas: BG/NBD (Fader, Hardie and Lee 2005, eqs. 8, 10, 11), MBG/NBD (Batislam, Denizel and Filiztekin
2007), Pareto/NBD (Fader and Hardie 2005 note, eqs. 25, 27, 28 via the lifetimes forms), Gamma-Gamma (Fader,
Hardie and Lee 2005b). Columns: model,score,r,alpha,a,b,x,tx,T,t,n,value (a, b are s, beta for Pareto/NBD,
and p, q, v for Gamma-Gamma with x the frequency and tx the mean spend).
"""
import random
import mpmath as mp


def bg_palive(m, r, al, a, b, x, tx, T):
    if x == 0 and m == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1 + m) * ((al + T) / (al + tx)) ** (r + x))


def hyp2f1(a, b, c, z):
    # a bounded number of terms: where mpmath cannot converge, NoConvergence drops the point (deterministic)
    return mp.hyp2f1(a, b, c, z, maxterms=MAXTERMS)


MAXTERMS = 10 ** 4


def bg_cond(m, r, al, a, b, x, tx, T, t):
    c = a + b + x - 1 + m
    try:
        z = t / (al + T + t)
        bracket = 1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x + m, c, z)
    except mp.libmp.NoConvergence:
        # the same value after Pfaff's transformation (A&S 15.3.4), which mpmath sums where the first fails
        bracket = 1 - hyp2f1(r + x, a - 1, c, -t / (al + T))
    return c / (a - 1) * bracket * bg_palive(m, r, al, a, b, x, tx, T)


def bg_uncond(m, r, al, a, b, t):
    return bg_cond(m, r, al, a, b, 0, 0, 0, t)


def bg_pn(m, r, al, a, b, n, t):
    lb = mp.beta(a, b)
    nbd = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n)) * (al / (al + t)) ** r * (t / (al + t)) ** n
    p = mp.beta(a, b + n + m) / lb * nbd
    if n > 0 or m == 1:
        tail = 1 - sum(mp.gamma(r + j) / (mp.gamma(r) * mp.factorial(j)) * (al / (al + t)) ** r
                       * (t / (al + t)) ** j for j in range(n))
        p += mp.beta(a + 1, b + n - 1 + m) / lb * tail
    return p


def pareto_palive(r, al, s, be, x, tx, T):
    # lifetimes' conditional_probability_alive (Fader and Hardie 2005, eq. 25 via A0)
    if al >= be:
        ab, mx = al - be, al
        f = lambda u: hyp2f1(r + s + x, s + 1, r + s + x + 1, ab / (mx + u)) / (mx + u) ** (r + s + x)
    else:
        ab, mx = be - al, be
        f = lambda u: hyp2f1(r + s + x, r + x, r + s + x + 1, ab / (mx + u)) / (mx + u) ** (r + s + x)
    a0 = (f(tx) - f(T)) * s / (r + s + x)
    lead = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    return lead / (lead + a0)


def pareto_cond(r, al, s, be, x, tx, T, t):
    l = mp.log1p(t / (be + T))
    if s == 1:
        core = l
    else:
        core = -mp.expm1(-(s - 1) * l) / (s - 1)
    return (r + x) * (be + T) / (al + T) * core * pareto_palive(r, al, s, be, x, tx, T)


def pareto_uncond(r, al, s, be, t):
    l = mp.log1p(t / be)
    core = l if s == 1 else -mp.expm1(-(s - 1) * l) / (s - 1)
    return r * be / al * core


def gg_spend(p, q, v, x, mean):
    return p * (v + x * mean) / (p * x + q - 1)


def rows():
    rnd = random.Random(17)
    out = []
    cdnow = (0.243, 4.414, 0.793, 2.426)
    fixed = [cdnow, (0.243, 4.414, 0.8, 1e12), (0.243, 4.414, 0.8, 1e10), (0.5, 10.0, 2.5, 1e11),
             (1e-12, 1e-12, 1e-12, 1e-12), (1e12, 1e12, 1e12, 1e12), (1e-12, 1e12, 1e-12, 1e12),
             (1e12, 1e-12, 0.5, 1e12), (3.0, 0.5, 1e-12, 5.0), (0.1, 100.0, 5e3, 1e8), (0.243, 4.414, 1e12, 2.426)]
    customers = [(0, 0.0, 30.0), (2, 20.0, 38.0), (10, 37.0, 38.0), (1, 1.0, 50.0), (150, 36.0, 39.0)]
    for (r, al, a, b) in fixed:
        for (x, tx, T) in customers:
            for t in (1.0, 39.0, 400.0):
                out.append(('bgnbd', r, al, a, b, x, tx, T, t))
                out.append(('mbgnbd', r, al, a, b, x, tx, T, t))
                out.append(('paretonbd', r, al, a, b, x, tx, T, t))
    for _ in range(60):
        r, al, a, b = (10 ** rnd.uniform(-12, 12) for _ in range(4))
        x = 0 if rnd.random() < 0.25 else int(10 ** rnd.uniform(0, 3))
        T = 10 ** rnd.uniform(-1, 3)
        tx = 0.0 if x == 0 else T * rnd.random()
        t = 10 ** rnd.uniform(-1, 3)
        out.append((rnd.choice(['bgnbd', 'mbgnbd', 'paretonbd']), r, al, a, b, x, tx, T, t))
    return out


def evaluate(model, score, r, al, a, b, x, tx, T, t, n):
    r, al, a, b, tx, T, t = (mp.mpf(v) for v in (r, al, a, b, tx, T, t))
    if model in ('bgnbd', 'mbgnbd'):
        m = 0 if model == 'bgnbd' else 1
        if score == 'palive':
            return bg_palive(m, r, al, a, b, x, tx, T)
        if score == 'cond':
            return bg_cond(m, r, al, a, b, x, tx, T, t)
        if score == 'uncond':
            return bg_uncond(m, r, al, a, b, t)
        return bg_pn(m, r, al, a, b, n, t)
    if score == 'palive':
        return pareto_palive(r, al, a, b, x, tx, T)
    if score == 'cond':
        return pareto_cond(r, al, a, b, x, tx, T, t)
    return pareto_uncond(r, al, a, b, t)


def stable(f):
    try:
        with mp.workdps(60):
            v1 = f()
        with mp.workdps(90):
            v2 = f()
    except Exception:  # mpmath could not evaluate the closed form here: no golden value
        return None
    if not (mp.isfinite(v1) and mp.isfinite(v2)):
        return None
    if v2 == 0:
        return v2 if v1 == 0 else None
    return v2 if abs(v1 - v2) <= mp.mpf(10) ** -25 * abs(v2) else None


def main():
    print('model,score,r,alpha,a,b,x,tx,T,t,n,value')
    for (model, r, al, a, b, x, tx, T, t) in rows():
        scores = ['palive', 'cond', 'uncond'] + (['pn'] if model != 'paretonbd' else [])
        for score in scores:
            n = min(x, 7)
            v = stable(lambda: evaluate(model, score, r, al, a, b, x, tx, T, t, n))
            if v is not None:
                print('%s,%s,%r,%r,%r,%r,%d,%r,%r,%r,%d,%s' % (model, score, r, al, a, b, x, tx, T, t, n,
                                                             mp.nstr(v, 20, min_fixed=-1, max_fixed=-1)))
    rnd = random.Random(19)
    for _ in range(60):
        p, q, v = (10 ** rnd.uniform(-12, 12) for _ in range(3))
        q = 1 + q  # the expected spend needs q > 1
        if q > 1e12:
            continue
        x = int(10 ** rnd.uniform(0, 3))
        mean = 10 ** rnd.uniform(-2, 4)
        val = stable(lambda: gg_spend(mp.mpf(p), mp.mpf(q), mp.mpf(v), x, mp.mpf(mean)))
        if val is not None:
            print('gammagamma,spend,%r,0,%r,%r,%d,%r,0,0,0,%s' % (p, q, v, x, mean,
                                                                mp.nstr(val, 20, min_fixed=-1, max_fixed=-1)))


if __name__ == '__main__':
    main()
