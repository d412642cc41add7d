/*
 * Multi-dimensional arrays (`int[,]`), laid out as CoreCLR lays them out
 * (Sources/JIT/Interface/MDArrayLayout.swift is the one description):
 *
 *   +0           method table (flags: array | multi-dimensional; base size 16 + 8 * rank)
 *   +8           u32 total length (what Array.Length reads, as for int[])
 *   +16          u32 length[rank], then i32 lowerBound[rank]
 *   +16 + 8r     the elements, row-major
 *
 * The JIT expands element accesses inline; the runtime allocates them and answers
 * System.Array's Rank, GetLength and GetLowerBound, which also accept int[] (rank 1).
 */
#include <string.h>
#include "jitbook_runtime.h"

static int is_multi_dim(const void *mt) {
    return (jitbook_mt_u32(mt, MT_FLAGS) & MT_FLAG_MULTI_DIM) != 0;
}

static int32_t rank_of(const void *mt) {
    return is_multi_dim(mt) ? (int32_t)((jitbook_mt_u32(mt, MT_BASE_SIZE) - MDARRAY_BOUNDS_OFFSET) / 8) : 1;
}

static int32_t read_i32(const void *array, uint64_t offset) {
    int32_t v;
    memcpy(&v, (const uint8_t *)array + offset, sizeof v);
    return v;
}

/*
 * CORINFO_HELP_NEW_MDARR with the lengths in argument registers, one per dimension: the helper
 * reads only as many as the method table's rank (the others are whatever the registers hold, which
 * both calling conventions allow). Negative lengths overflow, as in CoreCLR.
 */
void *jitbook_help_new_mdarr(const void *mt, int64_t l0, int64_t l1, int64_t l2, int64_t l3, int64_t l4) {
    const int64_t lengths[5] = { l0, l1, l2, l3, l4 };
    int32_t rank = rank_of(mt);
    if (rank < 1 || rank > 5) jitbook_unhandled("System.TypeLoadException", "Unsupported array rank.");
    uint64_t total = 1;
    for (int32_t d = 0; d < rank; d++) {
        if (lengths[d] < 0) jitbook_help_overflow();
        total *= (uint64_t)lengths[d];
        if (total > (1u << 30)) {
            jitbook_unhandled("System.OutOfMemoryException", "Array dimensions exceeded supported range.");
        }
    }
    uint64_t base = jitbook_mt_u32(mt, MT_BASE_SIZE);
    uint8_t *arr = jitbook_alloc((size_t)(base + total * jitbook_mt_u32(mt, MT_COMPONENT_SIZE)));
    uint64_t m = (uint64_t)(uintptr_t)mt;
    memcpy(arr, &m, sizeof m);
    jitbook_stats_count(mt);
    int32_t n = (int32_t)total;
    memcpy(arr + ARRAY_LENGTH_OFFSET, &n, sizeof n);
    for (int32_t d = 0; d < rank; d++) {
        int32_t len = (int32_t)lengths[d];
        memcpy(arr + MDARRAY_BOUNDS_OFFSET + 4 * (uint64_t)d, &len, sizeof len);
        /* The lower bounds stay 0 (the allocation is zeroed). */
    }
    return arr;
}

/* The covariant store check of T[,]::Set for a reference element type (the JIT does the store). */
void jitbook_help_mdarr_store_check(void *array, void *value) {
    if (array == NULL) jitbook_throw_null_reference();
    if (value == NULL) return;
    const void *element = (const void *)(uintptr_t)jitbook_mt_u64(jitbook_mt_of(array), MT_ELEMENT);
    if (element && !jitbook_is_assignable(jitbook_mt_of(value), element)) {
        jitbook_unhandled("System.ArrayTypeMismatchException",
                          "Attempted to access an element as a type incompatible with the array.");
    }
}

int32_t jitbook_array_get_rank(void *array) {
    if (array == NULL) jitbook_throw_null_reference();
    return rank_of(jitbook_mt_of(array));
}

static void check_dimension(const void *mt, int32_t dimension) {
    if (dimension < 0 || dimension >= rank_of(mt)) jitbook_help_rngchkfail();
}

int32_t jitbook_array_get_length(void *array, int32_t dimension) {
    if (array == NULL) jitbook_throw_null_reference();
    const void *mt = jitbook_mt_of(array);
    check_dimension(mt, dimension);
    if (!is_multi_dim(mt)) return read_i32(array, ARRAY_LENGTH_OFFSET);
    return read_i32(array, MDARRAY_BOUNDS_OFFSET + 4 * (uint64_t)dimension);
}

int32_t jitbook_array_get_lower_bound(void *array, int32_t dimension) {
    if (array == NULL) jitbook_throw_null_reference();
    const void *mt = jitbook_mt_of(array);
    check_dimension(mt, dimension);
    if (!is_multi_dim(mt)) return 0;
    return read_i32(array, MDARRAY_BOUNDS_OFFSET + 4 * (uint64_t)rank_of(mt) + 4 * (uint64_t)dimension);
}
