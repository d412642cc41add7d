/*
 * The code image: reading the file and mapping its segments at their fixed addresses.
 *
 * File format (little-endian, every record 8-aligned; written by ImageFormat.swift):
 *
 *   header   "JITBIMG\0"  u32 version(3)  u32 arch(0 x64, 1 arm64)  u64 entry
 *            u32 entry_kind  u32 segments  u32 relocations  u32 methods  u32 cctors  u32 exception_types  u64 string_mt
 *   segment  u64 address  u32 size  u32 protection(1 R, 2 W, 4 X)  bytes  (pad to 8)
 *   reloc    u64 cell  u32 helper_id  u32 name_length  name  (pad to 8)
 *   method   u64 start  u32 size  u32 name_length  name  (pad to 8)
 *   cctor    u64 address
 *   exception type  u64 method_table
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "jitbook_runtime.h"

#define PAGE 4096u

static const jitbook_image *loaded;

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t pos;
    int ok;
} reader;

static const uint8_t *take(reader *r, size_t n) {
    if (!r->ok || n > r->size - r->pos) { r->ok = 0; return NULL; }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

static uint64_t u64(reader *r) {
    const uint8_t *p = take(r, 8);
    uint64_t v = 0;
    if (p) for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint32_t u32(reader *r) {
    const uint8_t *p = take(r, 4);
    uint32_t v = 0;
    if (p) for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static void align8(reader *r) {
    size_t pad = (8 - r->pos % 8) % 8;
    take(r, pad);
}

static const char *name(reader *r) {
    uint32_t n = u32(r);
    const uint8_t *p = take(r, n);
    align8(r);
    if (!p) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) { r->ok = 0; return NULL; }
    memcpy(s, p, n);
    s[n] = 0;
    return s;
}

int jitbook_image_read(const char *path, jitbook_image *image) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "jitbook-runtime: cannot open image %s\n", path); return 0; }
    size_t cap = 1 << 16, size = 0;
    uint8_t *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + size, 1, cap - size, f)) > 0) {
        size += n;
        if (size == cap) { cap *= 2; data = realloc(data, cap); }
    }
    fclose(f);
    if (!data) { fprintf(stderr, "jitbook-runtime: out of memory reading the image\n"); return 0; }

    reader r = { data, size, 0, 1 };
    const uint8_t *magic = take(&r, 8);
    if (!magic || memcmp(magic, "JITBIMG\0", 8) != 0) {
        fprintf(stderr, "jitbook-runtime: %s is not a jitbook image\n", path);
        return 0;
    }
    uint32_t version = u32(&r);
    if (version != 3) { fprintf(stderr, "jitbook-runtime: unsupported image version %u\n", version); return 0; }
    image->arch = u32(&r);
    image->entry = u64(&r);
    image->entry_kind = u32(&r);
    image->segment_count = u32(&r);
    image->reloc_count = u32(&r);
    image->method_count = u32(&r);
    image->cctor_count = u32(&r);
    image->exception_type_count = u32(&r);
    image->string_mt = u64(&r);
    if (!r.ok || image->segment_count > 1u << 20 || image->reloc_count > 1u << 20 || image->method_count > 1u << 20
        || image->cctor_count > 1u << 20 || image->exception_type_count > 1u << 10) {
        fprintf(stderr, "jitbook-runtime: truncated image header\n");
        return 0;
    }
    image->segments = calloc(image->segment_count + 1, sizeof *image->segments);
    image->relocs = calloc(image->reloc_count + 1, sizeof *image->relocs);
    image->methods = calloc(image->method_count + 1, sizeof *image->methods);
    image->cctors = calloc(image->cctor_count + 1, sizeof *image->cctors);
    image->exception_types = calloc(image->exception_type_count + 1, sizeof *image->exception_types);
    for (uint32_t i = 0; i < image->segment_count; i++) {
        jitbook_segment *s = &image->segments[i];
        s->address = u64(&r);
        s->size = u32(&r);
        s->protection = u32(&r);
        s->bytes = take(&r, s->size);
        align8(&r);
    }
    for (uint32_t i = 0; i < image->reloc_count; i++) {
        image->relocs[i].cell = u64(&r);
        image->relocs[i].helper_id = u32(&r);
        image->relocs[i].name = name(&r);
    }
    for (uint32_t i = 0; i < image->method_count; i++) {
        image->methods[i].start = u64(&r);
        image->methods[i].size = u32(&r);
        image->methods[i].name = name(&r);
    }
    for (uint32_t i = 0; i < image->cctor_count; i++) image->cctors[i] = u64(&r);
    for (uint32_t i = 0; i < image->exception_type_count; i++) image->exception_types[i] = u64(&r);
    if (!r.ok) { fprintf(stderr, "jitbook-runtime: truncated image %s\n", path); return 0; }
    loaded = image;
    return 1;
}

/* The low window of the address map (helper cells .. stubs, Runtime/AddressMap.swift), reserved
 * PROT_NONE before anything else allocates so that no heap or file mapping lands there. */
#define WINDOW_START 0x7FF000000000ull
#define WINDOW_SIZE 0x50000000ull
static int window_reserved;

static int in_window(uint64_t start, uint64_t end) {
    return window_reserved && start >= WINDOW_START && end <= WINDOW_START + WINDOW_SIZE;
}

/* Another mapping of this process sits where the address map must go: with address space
 * randomization the host's libraries (or, under qemu-user, qemu's own buffers) can land
 * there. The Swift runner disables randomization for its children and retries a run that
 * ends this way, so the exit code is a distinct one. */
static _Noreturn void address_map_busy(uint64_t address) {
    fprintf(stderr, "jitbook-runtime: address map busy at 0x%llX (another mapping is there)\n",
            (unsigned long long)address);
    exit(JITBOOK_EXIT_ADDRESS_MAP_BUSY);
}

/* Whether segment `i`'s page at `page` was already mapped for one of the segments before it. */
static int mapped_by_earlier_segment(const jitbook_image *image, uint32_t i, uint64_t page) {
    for (uint32_t j = 0; j < i; j++) {
        const jitbook_segment *s = &image->segments[j];
        uint64_t start = s->address & ~(uint64_t)(PAGE - 1);
        uint64_t end = (s->address + s->size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
        if (page >= start && page < end) return 1;
    }
    return 0;
}

int jitbook_address_map_reserve(void) {
    void *want = (void *)(uintptr_t)WINDOW_START;
    void *got = mmap(want, WINDOW_SIZE, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == want) {
        window_reserved = 1;
        return 1;
    }
    /* qemu-user (7.2) treats MAP_FIXED_NOREPLACE as a hint and maps elsewhere. */
    if (got != MAP_FAILED) munmap(got, WINDOW_SIZE);
    address_map_busy(WINDOW_START);
}

int jitbook_image_map(const jitbook_image *image) {
    for (uint32_t i = 0; i < image->segment_count; i++) {
        const jitbook_segment *s = &image->segments[i];
        uint64_t start = s->address & ~(uint64_t)(PAGE - 1);
        uint64_t end = (s->address + s->size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
        if (end == start) continue;
        void *want = (void *)(uintptr_t)start;
        void *got;
        if (in_window(start, end)) {
            /* Inside the reservation main() made: the pages are ours, only make them writable. */
            got = mprotect(want, end - start, PROT_READ | PROT_WRITE) == 0 ? want : MAP_FAILED;
        } else {
            /* Page by page: a page an earlier segment of this image mapped is ours already; any
             * other page must be free. */
            got = want;
            for (uint64_t page = start; page < end && got == want; page += PAGE) {
                if (mapped_by_earlier_segment(image, i, page)) continue;
                void *p = mmap((void *)(uintptr_t)page, PAGE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                if (p == MAP_FAILED && errno != EEXIST) got = MAP_FAILED;
                else if (p != (void *)(uintptr_t)page) {
                    /* EEXIST natively, another address under qemu-user's hint semantics. */
                    if (p != MAP_FAILED) munmap(p, PAGE);
                    address_map_busy(page);
                }
            }
        }
        if (got != want) {
            fprintf(stderr, "jitbook-runtime: cannot map segment at 0x%llX (%s)\n",
                    (unsigned long long)s->address, strerror(errno));
            return 0;
        }
        memcpy((void *)(uintptr_t)s->address, s->bytes, s->size);
    }
    return 1;
}

int jitbook_image_protect(const jitbook_image *image) {
    for (uint32_t i = 0; i < image->segment_count; i++) {
        const jitbook_segment *s = &image->segments[i];
        uint64_t start = s->address & ~(uint64_t)(PAGE - 1);
        uint64_t end = (s->address + s->size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
        if (end == start) continue;
        int prot = 0;
        if (s->protection & JITBOOK_PROT_READ) prot |= PROT_READ;
        if (s->protection & JITBOOK_PROT_WRITE) prot |= PROT_WRITE;
        if (s->protection & JITBOOK_PROT_EXEC) prot |= PROT_EXEC;
        if (mprotect((void *)(uintptr_t)start, end - start, prot) != 0) {
            fprintf(stderr, "jitbook-runtime: cannot protect segment at 0x%llX: %s\n",
                    (unsigned long long)s->address, strerror(errno));
            return 0;
        }
        if (prot & PROT_EXEC) __builtin___clear_cache((char *)(uintptr_t)start, (char *)(uintptr_t)end);
    }
    return 1;
}

const jitbook_method_info *jitbook_image_method_at(uint64_t pc) {
    if (!loaded) return NULL;
    for (uint32_t i = 0; i < loaded->method_count; i++) {
        const jitbook_method_info *m = &loaded->methods[i];
        if (pc >= m->start && pc - m->start < m->size) return m;
    }
    return NULL;
}
