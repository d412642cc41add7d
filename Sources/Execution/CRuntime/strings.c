/*
 * String helpers: the `internalcall` methods of the model CoreLib's System.String,
 * System.Number and the formatting overloads of System.Console. Strings are .NET
 * string objects ([MethodTable*][int32 length][UTF-16 chars][0]) allocated from
 * the bump arena. Formatting supports `{n[,alignment][:format]}` items and `{{` / `}}`
 * escapes; numeric format strings apply to integers (numberformat.c).
 */
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

typedef void *(*to_string_fn)(void *);

void *jitbook_string_alloc(int32_t length) {
    if (length < 0) length = 0;
    size_t size = (size_t)JITBOOK_STRING_CHARS_OFFSET + 2 * (size_t)length + 2;
    if (size < 24) size = 24;
    uint8_t *s = jitbook_alloc(size);
    memcpy(s, &jitbook_string_mt, sizeof jitbook_string_mt);
    jitbook_stats_count((const void *)(uintptr_t)jitbook_string_mt);
    memcpy(s + JITBOOK_STRING_LENGTH_OFFSET, &length, sizeof length);
    return s;
}

static int32_t length_of(const void *s) {
    int32_t n = 0;
    if (s) memcpy(&n, (const uint8_t *)s + JITBOOK_STRING_LENGTH_OFFSET, sizeof n);
    return n;
}

static const uint8_t *chars_of(const void *s) { return (const uint8_t *)s + JITBOOK_STRING_CHARS_OFFSET; }

void *jitbook_to_string(void *obj) {
    if (obj == NULL) return NULL;
    const void *mt = jitbook_mt_of(obj);
    const uint64_t *chunk0 = (const uint64_t *)(uintptr_t)jitbook_mt_u64(mt, MT_CHUNKS);
    to_string_fn f = (to_string_fn)(uintptr_t)chunk0[0];
    return f(obj);
}

/* A growable UTF-16 buffer. */
typedef struct {
    uint16_t *data;
    int32_t length, capacity;
} builder;

static void add_units(builder *b, const uint8_t *units, int32_t n) {
    if (n <= 0) return;
    if (b->length + n > b->capacity) {
        int32_t cap = b->capacity ? b->capacity * 2 : 64;
        while (cap < b->length + n) cap *= 2;
        uint16_t *d = jitbook_alloc((size_t)cap * 2);
        if (b->length) memcpy(d, b->data, (size_t)b->length * 2);
        b->data = d;
        b->capacity = cap;
    }
    memcpy(b->data + b->length, units, (size_t)n * 2);
    b->length += n;
}

static void add_string(builder *b, const void *s) { if (s) add_units(b, chars_of(s), length_of(s)); }

static void add_ascii(builder *b, const char *text) {
    for (; *text; text++) {
        uint16_t c = (uint8_t)*text;
        add_units(b, (const uint8_t *)&c, 1);
    }
}

static void *finish(builder *b) {
    uint8_t *s = jitbook_string_alloc(b->length);
    if (b->length) memcpy(s + JITBOOK_STRING_CHARS_OFFSET, b->data, (size_t)b->length * 2);
    return s;
}

void *jitbook_string_concat2(void *a, void *b) {
    builder x = {0};
    add_string(&x, a); add_string(&x, b);
    return finish(&x);
}

void *jitbook_string_concat3(void *a, void *b, void *c) {
    builder x = {0};
    add_string(&x, a); add_string(&x, b); add_string(&x, c);
    return finish(&x);
}

void *jitbook_string_concat4(void *a, void *b, void *c, void *d) {
    builder x = {0};
    add_string(&x, a); add_string(&x, b); add_string(&x, c); add_string(&x, d);
    return finish(&x);
}

void *jitbook_string_concat_obj2(void *a, void *b) {
    return jitbook_string_concat2(jitbook_to_string(a), jitbook_to_string(b));
}

void *jitbook_string_concat_obj3(void *a, void *b, void *c) {
    return jitbook_string_concat3(jitbook_to_string(a), jitbook_to_string(b), jitbook_to_string(c));
}

/* Concat(string[]) and Concat(object[]): elements are strings or objects; ToString covers both. */
void *jitbook_string_concat_array(void *array) {
    if (array == NULL) jitbook_unhandled("System.ArgumentNullException", "Value cannot be null. (Parameter 'values')");
    builder x = {0};
    int32_t n = length_of(array);
    for (int32_t i = 0; i < n; i++) {
        void *e;
        memcpy(&e, (uint8_t *)array + ARRAY_DATA_OFFSET + 8 * (size_t)i, sizeof e);
        add_string(&x, jitbook_to_string(e));
    }
    return finish(&x);
}

int32_t jitbook_string_equals(void *a, void *b) {
    if (a == b) return 1;
    if (a == NULL || b == NULL) return 0;
    int32_t n = length_of(a);
    return n == length_of(b) && memcmp(chars_of(a), chars_of(b), (size_t)n * 2) == 0;
}

void *jitbook_string_from_char(int32_t c) {
    uint8_t *s = jitbook_string_alloc(1);
    uint16_t u = (uint16_t)c;
    memcpy(s + JITBOOK_STRING_CHARS_OFFSET, &u, 2);
    return s;
}

static void *from_ascii(const char *text) {
    builder x = {0};
    add_ascii(&x, text);
    return finish(&x);
}

void *jitbook_string_from_ascii(const char *text) { return from_ascii(text); }

void *jitbook_number_int32_to_string(int32_t v) { char t[16]; snprintf(t, sizeof t, "%d", v); return from_ascii(t); }
void *jitbook_number_int64_to_string(int64_t v) { char t[24]; snprintf(t, sizeof t, "%lld", (long long)v); return from_ascii(t); }
void *jitbook_number_uint32_to_string(uint32_t v) { char t[16]; snprintf(t, sizeof t, "%u", v); return from_ascii(t); }
void *jitbook_number_uint64_to_string(uint64_t v) { char t[24]; snprintf(t, sizeof t, "%llu", (unsigned long long)v); return from_ascii(t); }

static void format_error(void) {
    jitbook_unhandled("System.FormatException", "Input string was not in a correct format.");
}

/* Reads the UTF-16 unit at i, or 0 past the end. */
static uint16_t unit_at(const uint8_t *c, int32_t n, int32_t i) {
    uint16_t u = 0;
    if (i >= 0 && i < n) memcpy(&u, c + 2 * i, 2);
    return u;
}

static int32_t skip_spaces(const uint8_t *c, int32_t n, int32_t i) {
    while (i < n && unit_at(c, n, i) == ' ') i++;
    return i;
}

/* Appends one format item's text: the argument formatted with `spec`, padded to `alignment`
 * (right-aligned when positive, left-aligned when negative). */
static void add_item(builder *x, void *arg, const char *spec, int32_t alignment) {
    builder item = {0};
    char number[1400];
    if (arg && jitbook_format_integer(arg, spec, number, sizeof number)) add_ascii(&item, number);
    else add_string(&item, jitbook_to_string(arg));
    int32_t width = alignment < 0 ? -alignment : alignment;
    uint16_t space = ' ';
    if (alignment > 0) for (int32_t k = item.length; k < width; k++) add_units(x, (const uint8_t *)&space, 1);
    if (item.length) add_units(x, (const uint8_t *)item.data, item.length);
    if (alignment < 0) for (int32_t k = item.length; k < width; k++) add_units(x, (const uint8_t *)&space, 1);
}

/* Composite formatting: `{index[,alignment][:formatString]}` items and `{{` / `}}` escapes. */
static void *format(void *fmt, void **args, int32_t count) {
    if (fmt == NULL) jitbook_unhandled("System.ArgumentNullException", "Value cannot be null. (Parameter 'format')");
    builder x = {0};
    int32_t n = length_of(fmt);
    const uint8_t *c = chars_of(fmt);
    for (int32_t i = 0; i < n; i++) {
        uint16_t u = unit_at(c, n, i), next = unit_at(c, n, i + 1);
        if ((u == '{' && next == '{') || (u == '}' && next == '}')) { add_units(&x, (const uint8_t *)&u, 1); i++; continue; }
        if (u == '}') format_error();
        if (u != '{') { add_units(&x, (const uint8_t *)&u, 1); continue; }
        int32_t index = 0, digits = 0, alignment = 0;
        for (i++; i < n && (u = unit_at(c, n, i)) >= '0' && u <= '9'; i++) {
            if (index < 1000000) index = index * 10 + (u - '0');
            digits++;
        }
        if (digits == 0) format_error();
        i = skip_spaces(c, n, i);
        if (unit_at(c, n, i) == ',') {
            i = skip_spaces(c, n, i + 1);
            int negative = unit_at(c, n, i) == '-';
            if (negative) i++;
            int32_t width_digits = 0;
            for (; i < n && (u = unit_at(c, n, i)) >= '0' && u <= '9'; i++) {
                if (alignment < 1000000) alignment = alignment * 10 + (u - '0');
                width_digits++;
            }
            if (width_digits == 0) format_error();
            if (negative) alignment = -alignment;
            i = skip_spaces(c, n, i);
        }
        char spec[32] = {0};
        if (unit_at(c, n, i) == ':') {
            size_t k = 0;
            for (i++; i < n && (u = unit_at(c, n, i)) != '}'; i++) {
                if (u == '{' || u > 0x7F || k + 1 >= sizeof spec) format_error();
                spec[k++] = (char)u;
            }
        }
        if (i >= n || unit_at(c, n, i) != '}') format_error();
        if (index >= count) format_error();
        add_item(&x, args[index], spec, alignment);
    }
    return finish(&x);
}

void *jitbook_string_format1(void *f, void *a) { void *args[] = { a }; return format(f, args, 1); }
void *jitbook_string_format2(void *f, void *a, void *b) { void *args[] = { a, b }; return format(f, args, 2); }
void *jitbook_string_format3(void *f, void *a, void *b, void *c) { void *args[] = { a, b, c }; return format(f, args, 3); }

void *jitbook_string_format_array(void *f, void *array) {
    if (array == NULL) jitbook_unhandled("System.ArgumentNullException", "Value cannot be null. (Parameter 'args')");
    return format(f, (void **)((uint8_t *)array + ARRAY_DATA_OFFSET), length_of(array));
}

void jitbook_console_write_line_format1(void *f, void *a) { jitbook_console_write_line_string(jitbook_string_format1(f, a)); }
void jitbook_console_write_line_format2(void *f, void *a, void *b) { jitbook_console_write_line_string(jitbook_string_format2(f, a, b)); }
void jitbook_console_write_line_format3(void *f, void *a, void *b, void *c) {
    jitbook_console_write_line_string(jitbook_string_format3(f, a, b, c));
}
