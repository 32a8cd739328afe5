/*
 * dmx C reference kernel (target 1): all unordered pairs of N places, chord form,
 * written into a preallocated condensed vector (SciPy pdist order), OpenMP threads.
 *
 *   d = 2 R asin(|u_i - u_j| / 2),  u = unit vector of (lat, lon)
 *
 * Build (the bench does this at run time; no binary is committed):
 *   gcc -O3 -march=native -ffast-math -fopenmp haversine_ref.c -o haversine_ref -lm
 * Run:
 *   ./haversine_ref places.csv [threads=2] [repeats=3]
 * Prints one JSON line: best/all run times, ns per pair, a checksum (sum of all distances)
 * and the largest relative error against the scalar atan2 haversine on a sample of pairs.
 */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define R_KM 6371.0088
#define DEG (3.14159265358979323846 / 180.0)

#include "chord_row.h"

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Reads "name,lat,lon" lines (a first line that does not parse as numbers is a header). */
static size_t read_places(const char *path, double **lat, double **lon) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(2); }
  size_t cap = 1024, n = 0;
  *lat = malloc(cap * sizeof(double));
  *lon = malloc(cap * sizeof(double));
  char line[4096];
  size_t lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *c2 = strrchr(line, ',');
    if (!c2) continue;
    *c2 = 0;
    char *c1 = strrchr(line, ',');
    if (!c1) { fprintf(stderr, "%s:%zu: expected name,lat,lon\n", path, lineno); exit(2); }
    char *end1, *end2;
    double a = strtod(c1 + 1, &end1), b = strtod(c2 + 1, &end2);
    if (end1 == c1 + 1 || end2 == c2 + 1) {
      if (lineno == 1) continue; /* header */
      fprintf(stderr, "%s:%zu: latitude/longitude are not numbers\n", path, lineno);
      exit(2);
    }
    if (n == cap) {
      cap *= 2;
      *lat = realloc(*lat, cap * sizeof(double));
      *lon = realloc(*lon, cap * sizeof(double));
    }
    (*lat)[n] = a;
    (*lon)[n] = b;
    n++;
  }
  fclose(f);
  return n;
}

/* The textbook haversine (atan2 form), kept away from -ffast-math. */
__attribute__((optimize("no-fast-math"))) static double haversine_ref(double la1, double lo1,
                                                                        double la2, double lo2) {
  double p1 = la1 * DEG, p2 = la2 * DEG;
  double dp = p2 - p1, dl = (lo2 - lo1) * DEG;
  double s1 = sin(dp / 2), s2 = sin(dl / 2);
  double a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2;
  return R_KM * 2 * atan2(sqrt(a), sqrt(1 - a));
}

static void kernel(size_t n, const double *restrict x, const double *restrict y,
                   const double *restrict z, double *restrict out, int threads) {
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (size_t i = 0; i < n - 1; i++) chord_row(n, i, x, y, z, out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s places.csv [threads=2] [repeats=3]\n", argv[0]);
    return 2;
  }
  int threads = argc > 2 ? atoi(argv[2]) : 2;
  int repeats = argc > 3 ? atoi(argv[3]) : 3;
  double *lat, *lon;
  size_t n = read_places(argv[1], &lat, &lon);
  if (n < 2) { fprintf(stderr, "need at least 2 places\n"); return 2; }
  size_t pairs = n * (n - 1) / 2;
  double *x = aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  double *y = aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  double *z = aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  for (size_t i = 0; i < n; i++) {
    double p = lat[i] * DEG, l = lon[i] * DEG;
    x[i] = cos(p) * cos(l);
    y[i] = cos(p) * sin(l);
    z[i] = sin(p);
  }
  /* Preallocated and touched: page faults are not part of the kernel's time. */
  double *out = malloc(pairs * sizeof(double));
  if (!out) { fprintf(stderr, "cannot allocate %zu bytes\n", pairs * sizeof(double)); return 1; }
  memset(out, 0, pairs * sizeof(double));

  kernel(n, x, y, z, out, threads); /* warm-up */
  double best = INFINITY;
  double runs[64];
  if (repeats > 64) repeats = 64;
  for (int r = 0; r < repeats; r++) {
    double t0 = now_ms();
    kernel(n, x, y, z, out, threads);
    runs[r] = now_ms() - t0;
    if (runs[r] < best) best = runs[r];
  }

  double checksum = 0;
  for (size_t k = 0; k < pairs; k++) checksum += out[k];
  /* Accuracy on a deterministic sample of pairs. */
  double max_rel = 0;
  uint64_t s = 88172645463325252ULL;
  for (int t = 0; t < 100000; t++) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    size_t k = s % pairs;
    size_t i = 0; /* row i holds n-1-i pairs */
    size_t rem = k;
    while (rem >= n - 1 - i) { rem -= n - 1 - i; i++; }
    size_t j = i + 1 + rem;
    double ref = haversine_ref(lat[i], lon[i], lat[j], lon[j]);
    if (ref > 1e-3) {
      double rel = fabs(out[k] - ref) / ref;
      if (rel > max_rel) max_rel = rel;
    }
  }
  printf("{\"n\":%zu,\"pairs\":%zu,\"threads\":%d,\"bestMs\":%.4f,\"nsPerPair\":%.4f,\"runsMs\":[",
         n, pairs, threads, best, best * 1e6 / pairs);
  for (int r = 0; r < repeats; r++) printf("%s%.4f", r ? "," : "", runs[r]);
  printf("],\"checksum\":%.17g,\"maxRelErr\":%.3g}\n", checksum, max_rel);
  return 0;
}
