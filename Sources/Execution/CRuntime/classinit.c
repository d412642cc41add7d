/*
 * Class constructors, run lazily (CORINFO_HELP_INITCLASS). The JIT calls the helper with the
 * `.cctor`'s code address before the first access to a class's static fields and, for a class
 * without `beforefieldinit`, at the entry of its static methods and constructors. Each class
 * constructor runs once: it is marked as run before it is called, so that the constructor's own
 * accesses to its statics (and cycles between classes) see the class as initialized, as .NET
 * does on the initializing thread.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "jitbook_runtime.h"

typedef void (*cctor_fn)(void);

static const jitbook_image *classes;
static uint8_t *ran;

void jitbook_class_init_setup(const jitbook_image *image) {
    classes = image;
    ran = calloc(image->cctor_count ? image->cctor_count : 1, 1);
}

void jitbook_class_init(uint64_t cctor) {
    for (uint32_t i = 0; classes && i < classes->cctor_count; i++) {
        if (classes->cctors[i] != cctor) continue;
        if (ran[i]) return;
        ran[i] = 1;
        ((cctor_fn)(uintptr_t)cctor)();
        return;
    }
    jitbook_console_flush();
    fprintf(stderr, "jitbook-runtime: CORINFO_HELP_INITCLASS for an unknown class constructor at 0x%llX\n",
            (unsigned long long)cctor);
    exit(134);
}
