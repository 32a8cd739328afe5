/*
 * One row of the C reference kernel, shared by haversine_ref.c (the target 1 reference, on
 * OpenMP threads) and kernel_limit.c (the same loop on one thread, next to dmx's formula):
 * the distances from place i to places i+1 .. n-1, d = 2 R asin(|u_i - u_j| / 2), written
 * at their places in the condensed output (SciPy pdist order). R_KM is the includer's.
 */
#include <stddef.h>

static inline void chord_row(size_t n, size_t i, const double *restrict x,
                             const double *restrict y, const double *restrict z,
                             double *restrict out) {
  const double two_r = 2.0 * R_KM;
  double *restrict row = out + (i * n - i * (i + 1) / 2);
  const double xi = x[i], yi = y[i], zi = z[i];
  const size_t m = n - i - 1;
  const double *restrict xj = x + i + 1, *restrict yj = y + i + 1, *restrict zj = z + i + 1;
#pragma omp simd
  for (size_t k = 0; k < m; k++) {
    double dx = xi - xj[k], dy = yi - yj[k], dz = zi - zj[k];
    row[k] = two_r * asin(0.5 * sqrt(dx * dx + dy * dy + dz * dz));
  }
}
