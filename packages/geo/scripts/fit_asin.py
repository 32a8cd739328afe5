"""Fits the rational approximation used by the fast haversine kernel.

    2·asin(√m / 2) ≈ √m · P(m) / Q(m),  m ∈ [0, 2],  deg P = deg Q = 4,  Q(0) = 1

(m is the squared chord between two unit vectors, at most 2 after choosing the shorter of the
direct and antipodal chords.) Iteratively reweighted linear least squares (Sanathanan-Koerner
with Lawson-style weights) on Chebyshev nodes, target values in 40-digit arithmetic, then the
float64 Horner evaluation is checked against the exact angle on a dense grid.

    python3 scripts/fit_asin.py     # needs numpy and mpmath; prints the coefficients

The kernels evaluate the same fit with Q made monic (P and Q divided by Q's leading
coefficient, which saves a multiplication per pair): copy the printed ASIN_P and ASIN_Q into
src/_haversine-js.ts, then run `pnpm --filter @dmx/geo build:wasm`, which writes them into
wasm/haversine.wat.
"""

import mpmath as mp
import numpy as np

mp.mp.dps = 40


def target(m):
    m = mp.mpf(m)
    return mp.mpf(1) if m == 0 else mp.asin(mp.sqrt(m) / 2) / (mp.sqrt(m) / 2)


def fit(deg_p, deg_q, nodes=3000, iterations=60):
    xs = np.array([1 + np.cos(np.pi * (k + 0.5) / nodes) for k in range(nodes)] + [0.0, 2.0])
    fx = np.array([float(target(x)) for x in xs])
    weights = np.ones(len(xs))
    q_prev = np.ones(len(xs))
    best = None
    for _ in range(iterations):
        cols = [xs**i for i in range(deg_p + 1)] + [-(fx * xs**j) for j in range(1, deg_q + 1)]
        scale = weights / np.abs(q_prev) / fx
        sol, *_ = np.linalg.lstsq(np.stack(cols, axis=1) * scale[:, None], fx * scale, rcond=None)
        p, q = sol[: deg_p + 1], np.concatenate([[1.0], sol[deg_p + 1 :]])
        big_q = np.polyval(q[::-1], xs)
        err = (np.polyval(p[::-1], xs) / big_q - fx) / fx
        worst = np.max(np.abs(err))
        if best is None or worst < best[0]:
            best = (worst, p.copy(), q.copy())
        q_prev = big_q
        weights = weights * np.abs(err) ** 0.3
        weights /= weights.max()
    return best[1], best[2]


def check(p, q, steps=20000):
    worst = 0.0
    for k in range(1, steps + 1):
        m = 2.0 * k / steps
        num = 0.0
        for c in p[::-1]:
            num = num * m + c
        den = 0.0
        for c in q[::-1]:
            den = den * m + c
        approx = np.sqrt(m) * num / den
        exact = 2 * mp.asin(mp.sqrt(mp.mpf(m)) / 2)
        worst = max(worst, abs(float((mp.mpf(approx) - exact) / exact)))
    return worst


if __name__ == "__main__":
    p, q = fit(4, 4)
    print("P =", [repr(float(c)) for c in p])
    print("Q =", [repr(float(c)) for c in q])
    print("max relative error of the angle (float64 Horner): %.2e" % check(p, q))
    lead = q[-1]
    print("ASIN_P =", [repr(float(c / lead)) for c in p])
    print("ASIN_Q =", [repr(float(c / lead)) for c in q[:-1]], "(monic: + m^4)")
