/*
 * Block operations (issue 14): `cpblk`, `initblk` and `localloc`.
 *
 * The model JIT calls these instead of expanding the operations inline. `localloc` is
 * allocated on the stack by the JIT itself (an LCLHEAP node: the stack pointer moves down,
 * the epilog restores it from the frame pointer), except inside a protected region or a
 * handler: a throw resumes at the pad with the stack pointer saved at the `.try`'s entry,
 * so there jitbook:LocAlloc takes the block from the bump arena, zeroed and never freed.
 */
#include <stdio.h>
#include <stdlib.h>
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

/*
 * jitbook:GenericVirtualLookup (object, descriptor) -> code: the implementation of one
 * instantiated generic virtual method for the object's exact type. The image builder fills the
 * descriptor (ImageBuilder+GenericVirtual.swift): [0] the method table last looked up, [1] its
 * code (a one-entry cache), [2] the pair count, then (method table, code) pairs, one per
 * constructed class that has the method.
 */
void *jitbook_help_generic_virtual_lookup(void *obj, uint64_t *descriptor) {
    if (obj == NULL) jitbook_help_thrownullref();
    uint64_t mt = *(uint64_t *)obj;
    if (descriptor[0] == mt) return (void *)descriptor[1];
    uint64_t count = descriptor[2];
    for (uint64_t i = 0; i < count; i++) {
        if (descriptor[3 + 2 * i] == mt) {
            descriptor[0] = mt;
            descriptor[1] = descriptor[4 + 2 * i];
            return (void *)descriptor[1];
        }
    }
    jitbook_console_flush();
    fprintf(stderr, "jitbook-runtime: no implementation of a generic virtual method for method table 0x%llx\n",
            (unsigned long long)mt);
    exit(3);
}
