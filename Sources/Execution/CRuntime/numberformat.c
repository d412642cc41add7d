/*
 * Standard numeric format strings for integers (the `:X4` of `{0,8:X4}`), as .NET's
 * Number.Formatting applies them to boxed integers and enums: X/x hexadecimal, D decimal
 * with a minimum digit count, N grouped thousands, F fixed point, G/empty the default.
 * Hexadecimal shows the value's own width (-1 as an int is FFFFFFFF).
 *
 * Boxed doubles and floats take "", G and R (the shortest round-trip text, floating.c), and F and N
 * with a number of decimals (default 2) from the exact binary value, ties to even, as .NET Core
 * 3.0 and later round (Dragon4 with a cutoff); any other specifier is reported as unsupported.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

/* Size and signedness of a boxed integer; returns 0 when obj is not one. */
static int integer_kind(const void *obj, int *size, int *is_signed) {
    const void *mt = jitbook_mt_of(obj);
    uint64_t info = jitbook_mt_u64(mt, MT_ENUM_INFO);
    if (info) {
        uint32_t flags;
        memcpy(&flags, (const uint8_t *)(uintptr_t)info + 4, sizeof flags);
        *size = (int)jitbook_mt_u32(mt, MT_DATA_SIZE);
        *is_signed = (flags & ENUM_SIGNED) != 0;
        return 1;
    }
    static const struct { const char *name; int size, is_signed; } kinds[] = {
        { "System.SByte", 1, 1 }, { "System.Byte", 1, 0 }, { "System.Int16", 2, 1 }, { "System.UInt16", 2, 0 },
        { "System.Int32", 4, 1 }, { "System.UInt32", 4, 0 }, { "System.Int64", 8, 1 }, { "System.UInt64", 8, 0 },
    };
    const char *name = (const char *)(uintptr_t)jitbook_mt_u64(mt, MT_NAME);
    if (!name) return 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(name, kinds[i].name) == 0) {
            *size = kinds[i].size;
            *is_signed = kinds[i].is_signed;
            return 1;
        }
    }
    return 0;
}

static void unsupported(const char *what) {
    char message[160];
    snprintf(message, sizeof message, "the model runtime does not support the format specifier '%s' yet", what);
    jitbook_unhandled("System.FormatException", message);
}

/* Writes `digits` grouped by thousands with ',' into out. */
static void group(const char *digits, char *out, size_t cap) {
    size_t n = strlen(digits), k = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = 0;
}

/* A boxed System.Double or System.Single: its value and precision; returns 0 for any other object. */
static int floating_kind(const void *obj, double *value, int *single) {
    const char *name = (const char *)(uintptr_t)jitbook_mt_u64(jitbook_mt_of(obj), MT_NAME);
    if (!name) return 0;
    const uint8_t *data = (const uint8_t *)obj + 8;
    if (strcmp(name, "System.Double") == 0) { memcpy(value, data, 8); *single = 0; return 1; }
    if (strcmp(name, "System.Single") == 0) { float f; memcpy(&f, data, 4); *value = f; *single = 1; return 1; }
    return 0;
}

static int format_floating_spec(double v, int single, const char *spec, char *out, size_t cap) {
    char kind = spec[0];
    int shortest = kind == 0 || ((kind == 'G' || kind == 'g' || kind == 'R' || kind == 'r') && spec[1] == 0);
    int fixed = kind == 'F' || kind == 'f' || kind == 'N' || kind == 'n';
    if (!shortest && !fixed) unsupported(spec);
    if (shortest || v != v || isinf(v)) {
        jitbook_format_floating(v, single, out, cap);
        return 1;
    }
    int decimals = 2;
    if (spec[1]) {
        decimals = 0;
        for (const char *p = spec + 1; *p; p++) {
            if (*p < '0' || *p > '9' || decimals > 99) unsupported(spec);
            decimals = decimals * 10 + (*p - '0');
        }
    }
    char text[1200];
    snprintf(text, sizeof text, "%.*f", decimals, v < 0 ? -v : v);
    char *dot = strchr(text, '.');
    if (dot) *dot = 0;
    char integral[1200];
    if (kind == 'N' || kind == 'n') group(text, integral, sizeof integral); else snprintf(integral, sizeof integral, "%s", text);
    snprintf(out, cap, "%s%s%s%s", signbit(v) ? "-" : "", integral, dot ? "." : "", dot ? dot + 1 : "");
    return 1;
}

int jitbook_format_integer(const void *obj, const char *spec, char *out, size_t cap) {
    int size, is_signed;
    double fv;
    int single;
    if (obj != NULL && floating_kind(obj, &fv, &single)) return format_floating_spec(fv, single, spec, out, cap);
    if (obj == NULL || !integer_kind(obj, &size, &is_signed)) return 0;
    const uint8_t *data = (const uint8_t *)obj + 8;
    uint64_t bits = 0;
    memcpy(&bits, data, (size_t)size);
    int64_t value = (int64_t)bits;
    if (size < 8) {
        int shift = 64 - 8 * size;
        value = is_signed ? (int64_t)(bits << shift) >> shift : (int64_t)bits;
    }
    int negative = is_signed && value < 0;
    uint64_t magnitude = negative ? (uint64_t)0 - (uint64_t)value : (is_signed ? (uint64_t)value : bits);
    char kind = spec[0];
    int precision = -1;
    if (kind && spec[1]) {
        precision = 0;
        for (const char *p = spec + 1; *p; p++) {
            if (*p < '0' || *p > '9' || precision > 99) unsupported(spec);
            precision = precision * 10 + (*p - '0');
        }
    }
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)magnitude);
    if (size < 8) bits &= ((uint64_t)1 << (8 * size)) - 1;
    switch (kind) {
    case 0: case 'G': case 'g':
        snprintf(out, cap, "%s%s", negative ? "-" : "", digits);
        return 1;
    case 'X': case 'x': {
        snprintf(digits, sizeof digits, kind == 'X' ? "%llX" : "%llx", (unsigned long long)bits);
        int pad = precision > (int)strlen(digits) ? precision - (int)strlen(digits) : 0;
        char zeros[128] = {0};
        for (int i = 0; i < pad && i < 127; i++) zeros[i] = '0';
        snprintf(out, cap, "%s%s", zeros, digits);
        return 1;
    }
    case 'D': case 'd': {
        int pad = precision > (int)strlen(digits) ? precision - (int)strlen(digits) : 0;
        char zeros[128] = {0};
        for (int i = 0; i < pad && i < 127; i++) zeros[i] = '0';
        snprintf(out, cap, "%s%s%s", negative ? "-" : "", zeros, digits);
        return 1;
    }
    case 'N': case 'n': case 'F': case 'f': {
        char grouped[48];
        if (kind == 'N' || kind == 'n') group(digits, grouped, sizeof grouped);
        else snprintf(grouped, sizeof grouped, "%s", digits);
        int decimals = precision < 0 ? 2 : precision;
        char zeros[128] = {0};
        for (int i = 0; i < decimals && i < 127; i++) zeros[i] = '0';
        snprintf(out, cap, "%s%s%s%s", negative ? "-" : "", grouped, decimals ? "." : "", zeros);
        return 1;
    }
    default:
        unsupported(spec);
        return 0;
    }
}
