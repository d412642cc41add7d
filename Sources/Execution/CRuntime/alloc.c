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

#define ARENA_SIZE ((size_t)256 << 20)   /* 256 MiB of address space, touched lazily */

static uint8_t *arena;
static size_t used;

uintptr_t jitbook_arena_base(void) { return (uintptr_t)arena; }

void *jitbook_alloc(size_t size) {
    if (arena == NULL) {
        void *p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "jitbook-runtime: cannot map the allocation arena\n");
            exit(2);
        }
        arena = p;
    }
    size_t rounded = (size + 7) & ~(size_t)7;
    if (rounded < size || rounded > ARENA_SIZE - used) {
        jitbook_console_flush();
        fprintf(stderr, "jitbook-runtime: out of memory (bump arena of %zu MiB exhausted; there is no GC)\n",
                ARENA_SIZE >> 20);
        exit(134);
    }
    void *result = arena + used;   /* fresh anonymous pages are already zero */
    used += rounded;
    return result;
}
