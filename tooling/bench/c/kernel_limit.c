/*
 * Target 1 limit probe: how close can a 128-bit SIMD kernel with dmx's arithmetic get to the
 * C reference (haversine_ref.c) on this CPU? One thread, thread CPU time (so other load on
 * the machine disturbs it less than wall time), best of 9, the same N-point condensed output.
 *
 *   ref       the reference kernel (chord_row.h, the loop haversine_ref.c runs on threads):
 *             d = 2 R asin(|u_i - u_j| / 2), vectorized by gcc
 *             (-march=native: 256- or 512-bit lanes and libmvec's asin)
 *   dmx128    dmx's chord kernel (packages/geo wasm/haversine.wat) written with SSE2
 *             intrinsics: 2 pairs per vector, one sqrt and one division per vector, the same
 *             rational fit of asin (src/_haversine-js.ts); no antipode branch. Native code
 *             with 128-bit vectors: the best the WebAssembly kernel (f64x2) could reach.
 *   nodiv128  dmx128 with the division replaced by a multiplication (wrong numbers): what the
 *             divider costs.
 *
 * Build and run (nothing is committed but the source):
 *   gcc -O3 -march=native -ffast-math -fopenmp-simd -mprefer-vector-width=512 \
 *       kernel_limit.c -o kernel_limit -lm && ./kernel_limit 10000
 * Prints one JSON line: ns per pair of each kernel and the ratios to ref.
 */
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define R_KM 6371.0088

#include "chord_row.h"

static const double P[5] = {9323.862851609345, -4588.802086649946, 720.0612076714036,
                            -37.83770177768542, 0.3675272970370723};
static const double Q[4] = {9323.862851603066, -4977.296371757445, 883.7429455892798,
                            -57.83304368060691};

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

__attribute__((noinline)) static void ref(size_t n, const double *x, const double *y,
                                          const double *z, double *out) {
  for (size_t i = 0; i < n - 1; i++) chord_row(n, i, x, y, z, out);
}

#define V __m128d
/* divide = 0: multiply instead (timing only). Odd tails are skipped (timing only). */
__attribute__((noinline)) static void dmx128(size_t n, const double *x, const double *y,
                                             const double *z, double *out, int divide) {
  const V p0 = _mm_set1_pd(R_KM * P[0]), p1 = _mm_set1_pd(R_KM * P[1]),
          p2 = _mm_set1_pd(R_KM * P[2]), p3 = _mm_set1_pd(R_KM * P[3]),
          p4 = _mm_set1_pd(R_KM * P[4]);
  const V q0 = _mm_set1_pd(Q[0]), q1 = _mm_set1_pd(Q[1]), q2 = _mm_set1_pd(Q[2]),
          q3 = _mm_set1_pd(Q[3]);
  const V four = _mm_set1_pd(4.0), pr = _mm_set1_pd(M_PI * R_KM);
  for (size_t i = 0; i < n - 1; i++) {
    double *row = out + (i * n - i * (i + 1) / 2);
    const V xi = _mm_set1_pd(x[i]), yi = _mm_set1_pd(y[i]), zi = _mm_set1_pd(z[i]);
    const size_t m = n - i - 1;
    const double *xj = x + i + 1, *yj = y + i + 1, *zj = z + i + 1;
    for (size_t k = 0; k + 2 <= m; k += 2) {
      V dx = _mm_sub_pd(xi, _mm_loadu_pd(xj + k));
      V dy = _mm_sub_pd(yi, _mm_loadu_pd(yj + k));
      V dz = _mm_sub_pd(zi, _mm_loadu_pd(zj + k));
      V d2 = _mm_add_pd(_mm_add_pd(_mm_mul_pd(dx, dx), _mm_mul_pd(dy, dy)), _mm_mul_pd(dz, dz));
      V e2 = _mm_sub_pd(four, d2);
      V far = _mm_cmpgt_pd(d2, e2);
      V mm = _mm_min_pd(d2, e2);
      V p = _mm_add_pd(p3, _mm_mul_pd(mm, p4)), q = _mm_add_pd(q3, mm);
      p = _mm_add_pd(p2, _mm_mul_pd(mm, p)), q = _mm_add_pd(q2, _mm_mul_pd(mm, q));
      p = _mm_add_pd(p1, _mm_mul_pd(mm, p)), q = _mm_add_pd(q1, _mm_mul_pd(mm, q));
      p = _mm_add_pd(p0, _mm_mul_pd(mm, p)), q = _mm_add_pd(q0, _mm_mul_pd(mm, q));
      V sp = _mm_mul_pd(_mm_sqrt_pd(mm), p);
      V g = divide ? _mm_div_pd(sp, q) : _mm_mul_pd(sp, q);
      _mm_storeu_pd(row + k, _mm_blendv_pd(g, _mm_sub_pd(pr, g), far));
    }
  }
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 10000;
  if (n < 2) return 2;
  double *x = malloc(n * 8), *y = malloc(n * 8), *z = malloc(n * 8);
  unsigned long long s = 88172645463325252ULL;
  for (size_t i = 0; i < n; i++) {
    double u[2];
    for (int k = 0; k < 2; k++) {
      s ^= s << 13, s ^= s >> 7, s ^= s << 17;
      u[k] = (double)(s >> 11) / 9007199254740992.0;
    }
    double phi = asin(2 * u[0] - 1), lambda = (2 * u[1] - 1) * M_PI;
    x[i] = cos(phi) * cos(lambda), y[i] = cos(phi) * sin(lambda), z[i] = sin(phi);
  }
  size_t pairs = n * (n - 1) / 2;
  double *out = malloc(pairs * 8);
  memset(out, 0, pairs * 8); /* touched: page faults are not timed */
  double best[3] = {INFINITY, INFINITY, INFINITY};
  for (int r = 0; r < 10; r++) {
    double t[4];
    t[0] = cpu_ms();
    ref(n, x, y, z, out);
    t[1] = cpu_ms();
    dmx128(n, x, y, z, out, 1);
    t[2] = cpu_ms();
    dmx128(n, x, y, z, out, 0);
    t[3] = cpu_ms();
    for (int k = 0; k < 3 && r > 0; k++)
      if (t[k + 1] - t[k] < best[k]) best[k] = t[k + 1] - t[k];
  }
  printf("{\"n\":%zu,\"nsPerPair\":{\"ref\":%.3f,\"dmx128\":%.3f,\"nodiv128\":%.3f},"
         "\"ratioToRef\":{\"dmx128\":%.3f,\"nodiv128\":%.3f}}\n",
         n, best[0] * 1e6 / pairs, best[1] * 1e6 / pairs, best[2] * 1e6 / pairs,
         best[1] / best[0], best[2] / best[0]);
  return 0;
}
