/*
 * The bump allocator. There is no garbage collector in jitbook: every object
 * lives until the process exits, when the whole arena goes away at once. A
 * bump pointer in one large anonymous mapping is all that needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "jitbook_runtime.h"

/* The arena's size is the memory limit of a run: `jitbook-runtime IMAGE --memory MIB`
 * (`jitbook test|bless|render --run-memory`, `jitbook run --memory`), 256 MiB by default.
 * It is address space, touched lazily. */
static size_t arena_size = (size_t)256 << 20;

static uint8_t *arena;
static size_t used;

int jitbook_arena_set_size(size_t mib) {
    if (arena != NULL || mib == 0 || mib > JITBOOK_ARENA_MAX_MIB) return 0;
    arena_size = mib << 20;
    return 1;
}

uintptr_t jitbook_arena_base(void) { return (uintptr_t)arena; }

void *jitbook_alloc(size_t size) {
    if (arena == NULL) {
        void *p = mmap(NULL, arena_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "jitbook-runtime: cannot map the allocation arena of %zu MiB\n", arena_size >> 20);
            exit(2);
        }
        arena = p;
    }
    size_t rounded = (size + 7) & ~(size_t)7;
    if (rounded < size || rounded > arena_size - used) {
        jitbook_console_flush();
        fprintf(stderr, "jitbook-runtime: out of memory (bump arena of %zu MiB exhausted; there is no GC)\n",
                arena_size >> 20);
        exit(134);
    }
    void *result = arena + used;   /* fresh anonymous pages are already zero */
    used += rounded;
    return result;
}
