# Regenerates the high-precision golden values used by HypergeometricTest and the BTYD model tests.
# Run: python3 golden.py   (needs mpmath; 40 significant digits)
import mpmath as mp
mp.mp.dps = 40

def bg_kernel(a, A, C, z):
    # [1 - (1-z)^(a-1) 2F1(A, a-1; C; z)] / (a-1)
    return (1 - (1 - z) ** (a - 1) * mp.hyp2f1(A, a - 1, C, z)) / (a - 1)

def bg_cond(r, alpha, a, b, t, x, tx, T):
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - mp.hyp2f1(r + x, b + x, a + b + x - 1, z) * ((alpha + T) / (alpha + T + t)) ** (r + x))
    den = 1 + (a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x) if x > 0 else 0)
    return num / den

cases = [(0.79, 0.79 + 2.4 - 1 - 0.24, 0.79 + 2.4 - 1, 0.3), (0.79, 0.95, 2.19, 0.97), (2.5, 1.2, 3.7, 0.999),
         (1.0000001, 2.0, 3.0, 0.5), (0.5, -0.7, 40.0, 0.9), (3.0, 4.0, 1004.0, 0.9999)]
for c in cases:
    print("kernel", c, mp.nstr(bg_kernel(*[mp.mpf(v) for v in c]), 20))
r, alpha, a, b = [mp.mpf(v) for v in ("0.24259290720446602", "4.413531561205434", "0.7928861480987406", "2.425753436493515")]
for t in ("0.1429", "1", "3", "31.8571", "32", "78", "520", "5200"):
    print("EX", t, mp.nstr(bg_cond(r, alpha, a, b, mp.mpf(t), 0, 0, 0), 20))
print("cond", mp.nstr(bg_cond(r, alpha, a, b, 39, 2, mp.mpf("30.43"), mp.mpf("38.86")), 20))
print("cond x=300", mp.nstr(bg_cond(r, alpha, a, b, 39, 300, 38, 40), 20))

def bg_kernel_direct(a, A, C, z):
    # the same kernel before Euler's transformation: [1 - (1-z)^(C-A) 2F1(C-A, C-a+1; C; z)] / (a-1), summed
    # term by term (mpmath's hyp2f1 gives up on parameters in the millions; this series converges
    # geometrically with ratio about z (C-a)/C)
    p, q = C - A, C - a + 1
    s = term = mp.mpf(1)
    n = 0
    while abs(term) > mp.mpf(10) ** -45 * abs(s):
        term *= (p + n) * (q + n) / ((C + n) * (n + 1)) * z
        s += term
        n += 1
    return (1 - (1 - z) ** p * s) / (a - 1)

# a in the thousands to millions: a Beta dropout prior concentrated at one point (fits to data that do not
# identify a and b drift there); the transformed series of bg_kernel overflows in double precision
large_a = [(1233436.1910827586, 15547030.024679627, 15547037.716668826, 0.8943087249402314),
           (20000.0, 260000.0, 260012.0, 0.9), (400.0, 5000.0, 5003.0, 0.99)]
for c in large_a:
    print("kernel large a", c, mp.nstr(bg_kernel_direct(*[mp.mpf(v) for v in c]), 20))
print("kernel direct check", mp.nstr(bg_kernel_direct(*[mp.mpf(v) for v in cases[1]]), 20))
