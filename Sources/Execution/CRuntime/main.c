/*
 * jitbook-runtime IMAGE: load a code image, resolve its helper cells, run its
 * entry point and exit with Main's int32 result (0 for a void Main).
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
    int stats = argc == 3 && strcmp(argv[2], "--stats") == 0;
    if (argc != 2 && !stats) {
        fprintf(stderr, "usage: jitbook-runtime IMAGE [--stats]\n");
        return 2;
    }
    /* Reserve the address map's low window (helper cells to stubs, Runtime/AddressMap.swift) before
     * anything else allocates, so that no heap or file mapping lands where the image must go. */
    jitbook_address_map_reserve();
    static jitbook_image image;
    if (!jitbook_image_read(argv[1], &image)) return 2;
    if (!jitbook_image_map(&image)) return 2;
    if (!jitbook_helpers_resolve(&image)) return 2;
    if (!jitbook_image_protect(&image)) return 2;
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
