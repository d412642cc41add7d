/*
 * jitbook-runtime IMAGE [--stats] [--memory MIB]: load a code image, resolve its helper
 * cells, run its entry point and exit with Main's int32 result (0 for a void Main).
 * --memory sets the size of the allocation arena (alloc.c), the run's memory limit.
 *
 * jitbook-runtime --serve: run many images, one forked child each (serve.c).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jitbook_runtime.h"

typedef int32_t (*entry_int_args)(void *args);
typedef int32_t (*entry_int)(void);
typedef void (*entry_void_args)(void *args);
typedef void (*entry_void)(void);

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--serve") == 0) return jitbook_serve();
    int stats = 0, usage = argc < 2;
    for (int i = 2; i < argc && !usage; i++) {
        if (strcmp(argv[i], "--stats") == 0) {
            stats = 1;
        } else if (strcmp(argv[i], "--memory") == 0 && i + 1 < argc) {
            char *end;
            unsigned long long mib = strtoull(argv[++i], &end, 10);
            if (*argv[i] == '\0' || *end != '\0' || argv[i][0] == '-' || !jitbook_arena_set_size((size_t)mib)) {
                fprintf(stderr, "jitbook-runtime: --memory takes a size in MiB from 1 to %zu, not '%s'\n",
                        JITBOOK_ARENA_MAX_MIB, argv[i]);
                return 2;
            }
        } else {
            usage = 1;
        }
    }
    if (usage) {
        fprintf(stderr, "usage: jitbook-runtime IMAGE [--stats] [--memory MIB]\n       jitbook-runtime --serve\n");
        return 2;
    }
    /* Reserve the address map's low window (helper cells to stubs, Runtime/AddressMap.swift) before
     * anything else allocates, so that no heap or file mapping lands where the image must go. */
    jitbook_address_map_reserve();
    jitbook_run_image(argv[1], stats);
}

void jitbook_run_image(const char *path, int stats) {
    static jitbook_image image;
    if (!jitbook_image_read(path, &image)) exit(2);
    if (!jitbook_image_map(&image)) exit(2);
    if (!jitbook_helpers_resolve(&image)) exit(2);
    if (!jitbook_image_protect(&image)) exit(2);
    jitbook_faults_install();
    if (stats) jitbook_stats_report_at_exit();
    jitbook_string_mt = image.string_mt;
    jitbook_eh_setup(&image);

    /* Class constructors run lazily, when the JIT's CORINFO_HELP_INITCLASS checks ask (classinit.c). */
    jitbook_class_init_setup(&image);

    /* Main(string[] args) gets an empty array: [MethodTable* 0][int32 length 0]. */
    void *args = jitbook_alloc(16);
    /* The JIT compiles static methods with the platform C calling convention, so a C call works. */
    int32_t result = 0;
    uintptr_t entry = (uintptr_t)image.entry;
    switch (image.entry_kind & (JITBOOK_ENTRY_RETURNS_INT32 | JITBOOK_ENTRY_TAKES_ARGS)) {
    case JITBOOK_ENTRY_RETURNS_INT32 | JITBOOK_ENTRY_TAKES_ARGS: result = ((entry_int_args)entry)(args); break;
    case JITBOOK_ENTRY_RETURNS_INT32: result = ((entry_int)entry)(); break;
    case JITBOOK_ENTRY_TAKES_ARGS: ((entry_void_args)entry)(args); break;
    default: ((entry_void)entry)(); break;
    }
    jitbook_console_flush();
    /* The process exit status keeps the low 8 bits of Main's result, as on Linux with .NET. */
    exit(result);
}
