/*
 * The helper table: every runtime function generated code may call, by id.
 *
 * The ids and names must match Sources/Runtime/Helpers.swift (the Swift side
 * places one 8-byte cell per helper at AddressMap.helperCell(id) and the image
 * lists a relocation per cell; a test checks the two tables agree). Later
 * issues append rows here (object allocation, continuations, contexts); ids
 * are never reused.
 */
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

static const jitbook_helper helpers[] = {
    { 0, "System.Console:WriteLine()", (void *)jitbook_console_write_line },
    { 1, "System.Console:WriteLine(int)", (void *)jitbook_console_write_line_int32 },
    { 2, "System.Console:WriteLine(long)", (void *)jitbook_console_write_line_int64 },
    { 3, "System.Console:WriteLine(bool)", (void *)jitbook_console_write_line_bool },
    { 4, "System.Console:WriteLine(System.String)", (void *)jitbook_console_write_line_string },
    { 5, "System.Console:Write(int)", (void *)jitbook_console_write_int32 },
    { 6, "System.Console:Write(long)", (void *)jitbook_console_write_int64 },
    { 7, "System.Console:Write(bool)", (void *)jitbook_console_write_bool },
    { 8, "System.Console:Write(System.String)", (void *)jitbook_console_write_string },
};

const jitbook_helper *jitbook_helper_lookup(uint32_t id) {
    for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++) {
        if (helpers[i].id == id) return &helpers[i];
    }
    return NULL;
}

int jitbook_helpers_resolve(const jitbook_image *image) {
    for (uint32_t i = 0; i < image->reloc_count; i++) {
        const jitbook_helper_reloc *r = &image->relocs[i];
        const jitbook_helper *h = jitbook_helper_lookup(r->helper_id);
        if (!h || !r->name || strcmp(h->name, r->name) != 0) {
            fprintf(stderr, "jitbook-runtime: the image asks for helper %u '%s', which this runtime does not have\n",
                    r->helper_id, r->name ? r->name : "?");
            return 0;
        }
        uint64_t address = (uint64_t)(uintptr_t)h->entry;
        memcpy((void *)(uintptr_t)r->cell, &address, sizeof address);
    }
    return 1;
}
