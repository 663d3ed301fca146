// fp: scalar floating point: arithmetic in float and double (incl. subnormals, signed zero,
// infinities, NaN propagation), FMA, min/max, rounding modes of conversions (fcvtzs/fcvtzu
// saturation, lround, rint, floor/ceil/trunc), int<->fp conversions, float<->double, comparisons
// and fcsel, printf of doubles with %g/%f/%e/%a, strtod of decimal/hex/inf/nan strings, and
// math.h sqrt/sin/cos/exp/log/pow/fma/atan2/cbrt/hypot.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <float.h>

static uint64_t sum;
static void mixd(double d) { uint64_t b; memcpy(&b, &d, 8); sum = (sum ^ b) * 0x100000001b3ull; }
static uint64_t bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static uint32_t fbits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

int main(void) {
    volatile double vals[] = {0.0, -0.0, 1.0, -1.5, 2.5, 3.5, -2.5, 0.1, 1e300, -1e-310,
                              DBL_MIN, DBL_MAX, INFINITY, -INFINITY, 4294967296.75,
                              -9.2233720368547758e18, 1.8446744073709552e19, 123456789.987654321};
    const int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        double x = vals[i];
        printf("%-24.17g i32=%d i64=%lld u32=%u u64=%llu f=%08x rint=%g floor=%g ceil=%g trunc=%g round=%g\n",
               x, (int)x, (long long)x, (unsigned)x, (unsigned long long)x, fbits((float)x),
               rint(x), floor(x), ceil(x), trunc(x), round(x));
    }
    volatile double nan = NAN;
    printf("nan conversions: i32=%d i64=%lld u32=%u u64=%llu\n", (int)nan, (long long)nan,
           (unsigned)nan, (unsigned long long)nan);
    printf("lround(2.5)=%ld lrint(2.5)=%ld lrint(3.5)=%ld llround(-2.5)=%lld\n", lround(vals[4]),
           lrint(vals[4]), lrint(vals[5]), llround(vals[6]));

    // arithmetic table
    for (int i = 0; i < n; i += 3)
        for (int j = 1; j < n; j += 4) {
            double a = vals[i], b = vals[j];
            double r[] = {a + b, a - b, a * b, a / b, fmin(a, b), fmax(a, b), fma(a, b, 1.0)};
            printf("%g op %g:", a, b);
            for (int k = 0; k < 7; k++) { printf(" %.17g", r[k]); mixd(r[k]); }
            printf(" cmp=%d%d%d%d\n", a < b, a <= b, a == b, isunordered(a, b));
        }
    volatile float fa = 16777216.0f, fb = 1.0f, fc = 1e-45f, fd = 3.4028235e38f;
    printf("float: %.9g %.9g %.9g %.9g %.9g %a\n", fa + fb, fa * fb + fb, fc / 2, fd * 2, sqrtf(fb * 2),
           (double)(fc * 3));
    printf("float->double->float: %08x %016llx\n", fbits((float)(double)fd),
           (unsigned long long)bits((double)fc));
    printf("nan bits: add=%016llx mul=%016llx sqrt(-1) sign=%d isnan=%d\n",
           (unsigned long long)bits(nan + 1.0), (unsigned long long)bits(nan * 0.0),
           !!signbit(sqrt(vals[2] * -1.0)), isnan(sqrt(-vals[2])));
    printf("signed zero: %g %g %g %g\n", vals[0] * -1.0, -vals[0] + -vals[1], vals[1] - vals[1], 1.0 / vals[1]);
    printf("subnormal: %a %a %a\n", DBL_MIN / 4, -vals[9] * 3, (double)(float)vals[9]);

    // int -> fp
    volatile long long big = 9007199254740993LL; volatile unsigned long long ubig = 18446744073709551615ULL;
    volatile int m = -7;
    printf("int->fp: %.17g %.17g %.9g %.17g %.9g\n", (double)big, (double)ubig, (float)big, (double)m, (float)(unsigned)m);

    // printf formats
    double pf[] = {0.0, 1.0, -1.0 / 3.0, 1e-5, 123456.789, 1e21, 5e-324, 0.5, 2.0 / 3.0, 1e100};
    for (unsigned i = 0; i < sizeof pf / sizeof pf[0]; i++)
        printf("[%g] [%f] [%e] [%a] [%.3g] [%10.4f] [%-12.2e] [%+.0f] [%#g]\n", pf[i], pf[i], pf[i],
               pf[i], pf[i], pf[i], pf[i], pf[i], pf[i]);
    printf("[%g] [%f] [%e] [%G]\n", (double)INFINITY, -(double)INFINITY, (double)nan, (double)nan);

    // strtod
    const char *strs[] = {"3.14159", "-0", "1e-320", "0x1.8p3", "inf", "-Infinity", "nan", "  42abc",
                          "1.7976931348623157e308", "1e400", "2.2250738585072011e-308", "0.1e1", ".5"};
    for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        char *end;
        double d = strtod(strs[i], &end);
        printf("strtod(\"%s\") = %.17g bits=%016llx consumed=%d\n", strs[i], d,
               isnan(d) ? 0x7ff8000000000000ull : (unsigned long long)bits(d), (int)(end - strs[i]));
    }
    printf("strtof(\"0.1\") = %08x atof=%g\n", fbits(strtof("0.1", NULL)), atof("2.5e3"));

    // libm
    for (int i = 1; i <= 6; i++) {
        double x = i * 0.7 - 1.1;
        double r[] = {sqrt(fabs(x)), sin(x), cos(x), tan(x), exp(x), log(fabs(x)), pow(fabs(x), 2.5),
                      atan2(x, 0.5), cbrt(x), hypot(x, 3.0), log10(fabs(x)), expm1(x), tanh(x)};
        printf("x=%.2f:", x);
        for (int k = 0; k < 13; k++) { printf(" %.15g", r[k]); mixd(r[k]); }
        printf("\n");
    }
    printf("fma exact: %a vs %a\n", fma(0x1.0000001p0, 0x1.0000001p0, -1.0),
           0x1.0000001p0 * 0x1.0000001p0 - 1.0);
    printf("fmaf: %a sqrtf(2)=%a\n", (double)fmaf(0x1.000002p0f, 0x1.000002p0f, -1.0f), (double)sqrtf(2.0f));
    printf("checksum: %016llx\n", (unsigned long long)sum);
    return 21;
}
