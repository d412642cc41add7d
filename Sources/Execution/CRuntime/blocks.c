/*
 * Block operations (issue 14): `cpblk`, `initblk` and `localloc`.
 *
 * The model JIT calls these instead of expanding the operations inline. `localloc`
 * takes its memory from the bump arena, not from the stack: the model's frames have a
 * fixed size (x64 addresses its locals from rsp), so a frame that grows at run time
 * would need a frame pointer and a different prolog. The memory is zeroed (every
 * method of the model is `localsinit`) and, like everything else in the arena, freed
 * at exit; a program that calls `localloc` in a long loop uses more memory than on
 * CoreCLR, where the block dies with the frame.
 */
#include <string.h>
#include "jitbook_runtime.h"

/* CORINFO_HELP_MEMCPY (dst, src, size): `cpblk`; the blocks may not overlap (ECMA-335 III.3.30),
 * memmove is used all the same. */
void jitbook_help_memcpy(void *dst, const void *src, uint64_t size) {
    if (size != 0) memmove(dst, src, (size_t)(uint32_t)size);
}

/* CORINFO_HELP_MEMSET (dst, value, size): `initblk` stores the low byte of value. */
void jitbook_help_memset(void *dst, int32_t value, uint64_t size) {
    if (size != 0) memset(dst, value & 0xFF, (size_t)(uint32_t)size);
}

/* jitbook:LocAlloc (size) -> zeroed block; `localloc 0` returns null (ECMA-335 III.3.47 allows either). */
void *jitbook_help_localloc(uint64_t size) {
    if (size == 0) return NULL;
    void *p = jitbook_alloc((size_t)size);
    memset(p, 0, (size_t)size);
    return p;
}
