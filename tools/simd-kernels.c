/* Loops gcc auto-vectorizes; their FP/SIMD words are tests/Frontend/Data/gcc-vectorized-fpsimd.txt.
   Built with aarch64-linux-gnu-gcc -O2 and -O3, each with and without -ffast-math (-c only). */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
void add_i32(int32_t *a, const int32_t *b, const int32_t *c, int n) { for (int i = 0; i < n; i++) a[i] = b[i] + c[i] * 3; }
void axpy(float *y, const float *x, float a, int n) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
void axpy_d(double *y, const double *x, double a, int n) { for (int i = 0; i < n; i++) y[i] = fma(a, x[i], y[i]); }
int32_t sum_i32(const int32_t *a, int n) { int32_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int64_t sum_widen(const int32_t *a, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
uint8_t max_u8(const uint8_t *a, int n) { uint8_t m = 0; for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
float max_f(const float *a, int n) { float m = -INFINITY; for (int i = 0; i < n; i++) m = fmaxf(m, a[i]); return m; }
void cvt(float *o, const int32_t *in, int n) { for (int i = 0; i < n; i++) o[i] = (float)in[i] * 0.5f; }
void cvt2(int32_t *o, const float *in, int n) { for (int i = 0; i < n; i++) o[i] = (int32_t)in[i]; }
void cvt3(double *o, const float *in, int n) { for (int i = 0; i < n; i++) o[i] = in[i]; }
void cvt4(float *o, const double *in, int n) { for (int i = 0; i < n; i++) o[i] = (float)in[i]; }
void bytes(uint8_t *o, const uint8_t *a, const uint8_t *b, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] + b[i] + 1) >> 1; }
void shorts(int16_t *o, const int8_t *a, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * a[i]; }
void narrow(uint8_t *o, const uint16_t *a, int n) { for (int i = 0; i < n; i++) o[i] = a[i] >> 4; }
void sel(int32_t *o, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) o[i] = a[i] > b[i] ? a[i] : -b[i]; }
void sq(double *o, const double *a, int n) { for (int i = 0; i < n; i++) o[i] = sqrt(a[i]) / (a[i] + 1.0); }
void absd(int32_t *o, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) o[i] = abs(a[i] - b[i]); }
double dot(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
int count(const char *s, int n, char c) { int k = 0; for (int i = 0; i < n; i++) k += s[i] == c; return k; }
void shift(uint64_t *o, const uint64_t *a, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] << 3) ^ (a[i] >> 7); }
void mul64(uint64_t *o, const uint32_t *a, const uint32_t *b, int n) { for (int i = 0; i < n; i++) o[i] = (uint64_t)a[i] * b[i]; }
void rnd(float *o, const float *a, int n) { for (int i = 0; i < n; i++) o[i] = floorf(a[i]) + roundf(a[i]) + truncf(a[i]) + ceilf(a[i]); }
