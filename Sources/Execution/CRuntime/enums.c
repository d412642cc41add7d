/*
 * Enum names: what `ToString` on a boxed enum prints. .NET prints a member's name
 * (`Green`), the members' names joined by ", " for a [Flags] combination (`Read, Write`),
 * and the number when no member matches. The member table hangs off the method table
 * (MT_ENUM_INFO, written by Sources/Runtime/TypeSystem/MethodTableBytes.swift).
 */
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

typedef struct {
    uint32_t count, flags;
    const uint8_t *entries; /* count x [i64 value, u64 -> name] */
} enum_table;

static int64_t entry_value(const enum_table *t, uint32_t i) {
    int64_t v;
    memcpy(&v, t->entries + 16 * i, sizeof v);
    return v;
}

static const char *entry_name(const enum_table *t, uint32_t i) {
    uint64_t p;
    memcpy(&p, t->entries + 16 * i + 8, sizeof p);
    return (const char *)(uintptr_t)p;
}

/* The boxed value, extended to 64 bits as the underlying type reads. */
static int64_t boxed_value(const void *obj, const void *mt, int is_signed) {
    const uint8_t *data = (const uint8_t *)obj + 8;
    switch (jitbook_mt_u32(mt, MT_DATA_SIZE)) {
    case 1: { uint8_t v; memcpy(&v, data, 1); return is_signed ? (int64_t)(int8_t)v : (int64_t)v; }
    case 2: { uint16_t v; memcpy(&v, data, 2); return is_signed ? (int64_t)(int16_t)v : (int64_t)v; }
    case 4: { uint32_t v; memcpy(&v, data, 4); return is_signed ? (int64_t)(int32_t)v : (int64_t)v; }
    default: { int64_t v; memcpy(&v, data, 8); return v; }
    }
}

static void append(char *out, size_t cap, const char *text) {
    size_t n = strlen(out);
    if (n + 1 < cap) snprintf(out + n, cap - n, "%s", text);
}

/* Writes the [Flags] spelling of `value` (largest members first), or returns 0 when its bits
 * are not all covered by members. */
static int flags_name(const enum_table *t, uint64_t value, char *out, size_t cap) {
    uint64_t rest = value;
    int used[64] = {0};
    int picked = 0;
    for (int round = 0; round < 64 && rest != 0; round++) {
        int best = -1;
        for (uint32_t i = 0; i < t->count && i < 64; i++) {
            uint64_t v = (uint64_t)entry_value(t, i);
            if (used[i] || v == 0 || (v & rest) != v) continue;
            if (best < 0 || v > (uint64_t)entry_value(t, (uint32_t)best)) best = (int)i;
        }
        if (best < 0) return 0;
        used[best] = 1;
        rest &= ~(uint64_t)entry_value(t, (uint32_t)best);
        picked++;
    }
    if (rest != 0) return 0;
    out[0] = 0;
    /* .NET lists the names in ascending value order. */
    int first = 1;
    for (int k = 0; k < picked; k++) {
        int next = -1;
        for (uint32_t i = 0; i < t->count && i < 64; i++) {
            if (used[i] != 1) continue;
            if (next < 0 || (uint64_t)entry_value(t, i) < (uint64_t)entry_value(t, (uint32_t)next)) next = (int)i;
        }
        used[next] = 2;
        if (!first) append(out, cap, ", ");
        append(out, cap, entry_name(t, (uint32_t)next));
        first = 0;
    }
    return 1;
}

const char *jitbook_enum_name(const void *obj, char *buffer, size_t cap) {
    const void *mt = jitbook_mt_of(obj);
    uint64_t info = jitbook_mt_u64(mt, MT_ENUM_INFO);
    if (!info) return NULL;
    const uint8_t *p = (const uint8_t *)(uintptr_t)info;
    enum_table t;
    memcpy(&t.count, p, 4);
    memcpy(&t.flags, p + 4, 4);
    t.entries = p + 8;
    int is_signed = (t.flags & ENUM_SIGNED) != 0;
    int64_t value = boxed_value(obj, mt, is_signed);
    for (uint32_t i = 0; i < t.count; i++) {
        if (entry_value(&t, i) == value) return entry_name(&t, i);
    }
    if ((t.flags & ENUM_FLAGS_ATTRIBUTE) && value != 0 && flags_name(&t, (uint64_t)value, buffer, cap)) return buffer;
    if (is_signed) snprintf(buffer, cap, "%lld", (long long)value);
    else snprintf(buffer, cap, "%llu", (unsigned long long)value);
    return buffer;
}
