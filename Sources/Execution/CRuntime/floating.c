/*
 * Floating point: the conversions x64 has no instruction for, `rem`, System.Math, and
 * formatting doubles and floats as .NET Core 3.0 and later do.
 *
 * Conversions to integers follow .NET 9's saturating rule (dotnet/runtime#97529): NaN
 * converts to 0, values beyond the target's range to its MinValue/MaxValue, everything
 * else truncates toward zero; arm64's fcvtzs/fcvtzu do the same in one instruction.
 *
 * Formatting: the shortest string that reads back as the same value (tried with 1..17
 * significant digits for a double, 1..9 for a float, `%.*e` and strtod/strtof), then laid
 * out as .NET's "G" does with that many digits: plain notation while the decimal exponent
 * is below max(digits, 15) (7 for float) and at least -5, else `d.dddE+XX` with at least
 * two exponent digits; "NaN", "Infinity", "-Infinity", and "-0" for negative zero.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jitbook_runtime.h"

int32_t jitbook_help_dbl2int(double v) {
    if (v != v) return 0;
    if (v <= -2147483648.0) return INT32_MIN;
    if (v >= 2147483647.0) return INT32_MAX;
    return (int32_t)v;
}

uint32_t jitbook_help_dbl2uint(double v) {
    if (v != v || v <= 0.0) return 0;
    if (v >= 4294967295.0) return UINT32_MAX;
    return (uint32_t)v;
}

int64_t jitbook_help_dbl2lng(double v) {
    if (v != v) return 0;
    if (v <= -9223372036854775808.0) return INT64_MIN;
    if (v >= 9223372036854775808.0) return INT64_MAX;
    return (int64_t)v;
}

uint64_t jitbook_help_dbl2ulng(double v) {
    if (v != v || v <= 0.0) return 0;
    if (v >= 18446744073709551616.0) return UINT64_MAX;
    return (uint64_t)v;
}

double jitbook_help_ulng2dbl(uint64_t v) { return (double)v; }
double jitbook_help_dblrem(double a, double b) { return fmod(a, b); }
float jitbook_help_fltrem(float a, float b) { return fmodf(a, b); }

double jitbook_math_sqrt(double v) { return sqrt(v); }
double jitbook_math_abs(double v) { return fabs(v); }
double jitbook_math_floor(double v) { return floor(v); }
double jitbook_math_ceiling(double v) { return ceil(v); }
/* Math.Round(double): to nearest, ties to even (the C default rounding mode). */
double jitbook_math_round(double v) { return nearbyint(v); }
double jitbook_math_pow(double x, double y) { return pow(x, y); }

/* Math.Max/Min(double): NaN if either is NaN; +0 is greater than -0. */
double jitbook_math_max(double a, double b) {
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

double jitbook_math_min(double a, double b) {
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

/* Shortest round-trip digits of v (finite, > 0): writes the digits (no dot) and returns the decimal
 * exponent of the first one. */
static int shortest_digits(double v, int single, char *digits) {
    char text[40];
    int max = single ? 9 : 17;
    for (int p = 1; p <= max; p++) {
        snprintf(text, sizeof text, "%.*e", p - 1, v);
        int same = single ? (strtof(text, NULL) == (float)v) : (strtod(text, NULL) == v);
        if (same || p == max) break;
    }
    int k = 0;
    const char *c = text;
    for (; *c && *c != 'e'; c++) if (*c >= '0' && *c <= '9') digits[k++] = *c;
    while (k > 1 && digits[k - 1] == '0') k--;
    digits[k] = 0;
    return atoi(c + 1);
}

int jitbook_format_floating(double v, int single, char *out, size_t cap) {
    if (v != v) return snprintf(out, cap, "NaN");
    if (isinf(v)) return snprintf(out, cap, v > 0 ? "Infinity" : "-Infinity");
    char digits[40];
    size_t k = 0;
    if (signbit(v)) { out[k++] = '-'; v = -v; }
    if (v == 0) { out[k++] = '0'; out[k] = 0; return (int)k; }
    int e = shortest_digits(v, single, digits);
    int n = (int)strlen(digits);
    int scale = e + 1;
    int limit = n > (single ? 7 : 15) ? n : (single ? 7 : 15);
    if (scale > limit || scale < -3) {
        out[k++] = digits[0];
        if (n > 1) { out[k++] = '.'; for (int i = 1; i < n; i++) out[k++] = digits[i]; }
        snprintf(out + k, cap - k, "E%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        return (int)strlen(out);
    }
    if (scale <= 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int i = 0; i < -scale; i++) out[k++] = '0';
        for (int i = 0; i < n; i++) out[k++] = digits[i];
    } else {
        for (int i = 0; i < scale || i < n; i++) {
            if (i == scale) out[k++] = '.';
            out[k++] = i < n ? digits[i] : '0';
        }
    }
    out[k] = 0;
    return (int)k;
}

void *jitbook_number_format_double(double v) {
    char text[48];
    jitbook_format_floating(v, 0, text, sizeof text);
    return jitbook_string_from_ascii(text);
}

void *jitbook_number_format_single(float v) {
    char text[48];
    jitbook_format_floating(v, 1, text, sizeof text);
    return jitbook_string_from_ascii(text);
}
