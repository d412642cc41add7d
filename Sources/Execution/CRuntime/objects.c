/*
 * Object model helpers (CoreCLR's JIT helpers, in miniature): allocation of objects
 * and arrays from the bump arena, casts that walk parent chains and interface maps,
 * boxing and unboxing, and interface dispatch.
 */
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

uint64_t jitbook_string_mt;

uint32_t jitbook_mt_u32(const void *mt, int offset) {
    uint32_t v;
    memcpy(&v, (const uint8_t *)mt + offset, sizeof v);
    return v;
}

uint64_t jitbook_mt_u64(const void *mt, int offset) {
    uint64_t v;
    memcpy(&v, (const uint8_t *)mt + offset, sizeof v);
    return v;
}

const void *jitbook_mt_of(const void *obj) {
    uint64_t mt;
    memcpy(&mt, obj, sizeof mt);
    return (const void *)(uintptr_t)mt;
}

static const char *name_of(const void *mt) {
    const char *n = mt ? (const char *)(uintptr_t)jitbook_mt_u64(mt, MT_NAME) : NULL;
    return n ? n : "?";
}

void *jitbook_help_newsfast(const void *mt) {
    uint32_t size = jitbook_mt_u32(mt, MT_BASE_SIZE);
    if (size < 24) size = 24;
    void *obj = jitbook_alloc(size);
    uint64_t m = (uint64_t)(uintptr_t)mt;
    memcpy(obj, &m, sizeof m);
    jitbook_stats_count(mt);
    return obj;
}

void *jitbook_help_newarr(const void *mt, int64_t length) {
    if (length < 0) jitbook_help_overflow();
    uint64_t component = jitbook_mt_u32(mt, MT_COMPONENT_SIZE);
    uint64_t size = ARRAY_DATA_OFFSET + (uint64_t)length * component;
    if (size < 24) size = 24;
    if ((uint64_t)length > (1u << 30)) {
        jitbook_unhandled("System.OutOfMemoryException", "Array dimensions exceeded supported range.");
    }
    uint8_t *arr = jitbook_alloc((size_t)size);
    uint64_t m = (uint64_t)(uintptr_t)mt;
    memcpy(arr, &m, sizeof m);
    jitbook_stats_count(mt);
    int32_t len = (int32_t)length;
    memcpy(arr + ARRAY_LENGTH_OFFSET, &len, sizeof len);
    return arr;
}

/* True when an object with method table `mt` may be viewed as `target`. */
int jitbook_is_assignable(const void *mt, const void *target) {
    if (mt == target) return 1;
    uint32_t tflags = jitbook_mt_u32(target, MT_FLAGS);
    if (tflags & MT_FLAG_INTERFACE) {
        uint32_t count = jitbook_mt_u32(mt, MT_INTERFACE_COUNT);
        const uint64_t *map = (const uint64_t *)(uintptr_t)jitbook_mt_u64(mt, MT_INTERFACE_MAP);
        for (uint32_t i = 0; i < count; i++) if (map[2 * i] == (uint64_t)(uintptr_t)target) return 1;
        return 0;
    }
    if ((tflags & MT_FLAG_ARRAY) && (jitbook_mt_u32(mt, MT_FLAGS) & MT_FLAG_ARRAY)) {
        /* Array covariance for reference element types. */
        const void *e = (const void *)(uintptr_t)jitbook_mt_u64(mt, MT_ELEMENT);
        const void *te = (const void *)(uintptr_t)jitbook_mt_u64(target, MT_ELEMENT);
        if (!e || !te) return 0;
        /* int[,] is not int[] nor int[,,]: the kind and rank (in the base size) must agree. */
        if ((jitbook_mt_u32(mt, MT_FLAGS) & MT_FLAG_MULTI_DIM) != (tflags & MT_FLAG_MULTI_DIM)
            || jitbook_mt_u32(mt, MT_BASE_SIZE) != jitbook_mt_u32(target, MT_BASE_SIZE)) return 0;
        if ((jitbook_mt_u32(e, MT_FLAGS) & MT_FLAG_VALUE_TYPE) || (jitbook_mt_u32(te, MT_FLAGS) & MT_FLAG_VALUE_TYPE)) return e == te;
        return jitbook_is_assignable(e, te);
    }
    for (const void *p = mt; p; p = (const void *)(uintptr_t)jitbook_mt_u64(p, MT_PARENT)) {
        if (p == target) return 1;
    }
    return 0;
}

void *jitbook_help_isinst(const void *target, void *obj) {
    if (obj == NULL) return NULL;
    return jitbook_is_assignable(jitbook_mt_of(obj), target) ? obj : NULL;
}

static void invalid_cast(const void *from, const void *to) {
    char message[1024];
    snprintf(message, sizeof message, "Unable to cast object of type '%s' to type '%s'.", name_of(from), name_of(to));
    jitbook_unhandled("System.InvalidCastException", message);
}

void *jitbook_help_chkcast(const void *target, void *obj) {
    if (obj == NULL) return NULL;
    if (!jitbook_is_assignable(jitbook_mt_of(obj), target)) invalid_cast(jitbook_mt_of(obj), target);
    return obj;
}

void jitbook_help_arraddr_st(void *array, int64_t index, void *value) {
    if (array == NULL) jitbook_throw_null_reference();
    int32_t length;
    memcpy(&length, (const uint8_t *)array + ARRAY_LENGTH_OFFSET, sizeof length);
    if ((uint64_t)index >= (uint64_t)(uint32_t)length) jitbook_help_rngchkfail();
    if (value != NULL) {
        const void *element = (const void *)(uintptr_t)jitbook_mt_u64(jitbook_mt_of(array), MT_ELEMENT);
        if (element && !jitbook_is_assignable(jitbook_mt_of(value), element)) {
            jitbook_unhandled("System.ArrayTypeMismatchException",
                              "Attempted to access an element as a type incompatible with the array.");
        }
    }
    memcpy((uint8_t *)array + ARRAY_DATA_OFFSET + 8 * (uint64_t)index, &value, sizeof value);
}

/* CORINFO_HELP_LDELEMA_REF (array, index, T): `ldelema T` of a reference type. A covariant array
 * (a string[] seen as object[]) must not hand out a T& to its elements unless its element type is
 * exactly T, or a store through the address could break the array's type. */
void *jitbook_help_ldelema_ref(void *array, int64_t index, const void *type) {
    if (array == NULL) jitbook_throw_null_reference();
    int32_t length;
    memcpy(&length, (const uint8_t *)array + ARRAY_LENGTH_OFFSET, sizeof length);
    if ((uint64_t)index >= (uint64_t)(uint32_t)length) jitbook_help_rngchkfail();
    const void *element = (const void *)(uintptr_t)jitbook_mt_u64(jitbook_mt_of(array), MT_ELEMENT);
    if (element != type) {
        jitbook_unhandled("System.ArrayTypeMismatchException",
                          "Attempted to access an element as a type incompatible with the array.");
    }
    return (uint8_t *)array + ARRAY_DATA_OFFSET + 8 * (uint64_t)index;
}

void *jitbook_help_box(const void *mt, const void *data) {
    uint8_t *obj = jitbook_help_newsfast(mt);
    memcpy(obj + 8, data, jitbook_mt_u32(mt, MT_DATA_SIZE));
    return obj;
}

void *jitbook_help_unbox(const void *mt, void *obj) {
    if (obj == NULL) jitbook_throw_null_reference();
    if (jitbook_mt_of(obj) != mt) invalid_cast(jitbook_mt_of(obj), mt);
    return (uint8_t *)obj + 8;
}

void *jitbook_help_virtual_func_ptr(void *obj, const void *itf, int32_t slot) {
    if (obj == NULL) jitbook_throw_null_reference();
    const void *mt = jitbook_mt_of(obj);
    uint32_t count = jitbook_mt_u32(mt, MT_INTERFACE_COUNT);
    const uint64_t *map = (const uint64_t *)(uintptr_t)jitbook_mt_u64(mt, MT_INTERFACE_MAP);
    for (uint32_t i = 0; i < count; i++) {
        if (map[2 * i] == (uint64_t)(uintptr_t)itf) {
            const uint64_t *slots = (const uint64_t *)(uintptr_t)map[2 * i + 1];
            return (void *)(uintptr_t)slots[slot];
        }
    }
    invalid_cast(mt, itf);
    return NULL;
}

void *jitbook_object_to_string(void *obj) {
    char enum_buffer[512];
    const char *name = jitbook_enum_name(obj, enum_buffer, sizeof enum_buffer);
    if (!name) name = name_of(jitbook_mt_of(obj));
    int32_t n = (int32_t)strlen(name);
    uint8_t *s = jitbook_string_alloc(n);
    for (int32_t i = 0; i < n; i++) {
        uint16_t c = (uint8_t)name[i];
        memcpy(s + JITBOOK_STRING_CHARS_OFFSET + 2 * i, &c, 2);
    }
    return s;
}

void *jitbook_object_memberwise_clone(void *obj) {
    const void *mt = jitbook_mt_of(obj);
    uint64_t size = jitbook_mt_u32(mt, MT_BASE_SIZE);
    uint32_t flags = jitbook_mt_u32(mt, MT_FLAGS);
    if (flags & MT_FLAG_ARRAY) {
        int32_t length;
        memcpy(&length, (const uint8_t *)obj + ARRAY_LENGTH_OFFSET, sizeof length);
        size += (uint64_t)length * jitbook_mt_u32(mt, MT_COMPONENT_SIZE); /* base size: header and bounds */
    } else if (flags & MT_FLAG_STRING) {
        int32_t length;
        memcpy(&length, (const uint8_t *)obj + JITBOOK_STRING_LENGTH_OFFSET, sizeof length);
        size = JITBOOK_STRING_CHARS_OFFSET + 2 * (uint64_t)length + 2;
    }
    if (size < 24) size = 24;
    void *copy = jitbook_alloc((size_t)size);
    memcpy(copy, obj, (size_t)size);
    jitbook_stats_count(mt);
    return copy;
}

extern uintptr_t jitbook_arena_base(void);

int32_t jitbook_object_get_hash_code(void *obj) {
    /* Deterministic: the object's position in the bump arena (frozen objects: their address). */
    uintptr_t a = (uintptr_t)obj, base = jitbook_arena_base();
    uintptr_t v = a >= base ? a - base : a;
    return (int32_t)((v >> 3) & 0x7FFFFFFF);
}
