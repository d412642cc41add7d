/*
 * jitbook runtime: the small C program that loads a code image produced by the
 * model JIT and runs its entry point.
 *
 * Files (one concern each):
 *   main.c      command line, the sequence load -> resolve helpers -> protect -> call entry -> exit
 *   image.c     the image file format and mapping segments at their fixed addresses
 *   helpers.c   the helper table (id, name, C function) and helper-cell resolution
 *   console.c   System.Console output, buffered, flushed at exit and on a fault
 *   alloc.c     the bump allocator (there is no garbage collector)
 *   faults.c    signal handlers that turn a crash into one line naming the method
 *
 * The same sources build natively for x64 and, with aarch64-linux-gnu-gcc -static,
 * for arm64 (run under qemu-aarch64).
 */
#ifndef JITBOOK_RUNTIME_H
#define JITBOOK_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/* ---- image (image.c) ---------------------------------------------------- */

/* Entry kind bits, as written by the Swift image writer (ImageFormat.swift). */
enum {
    JITBOOK_ENTRY_RETURNS_INT32 = 1,
    JITBOOK_ENTRY_TAKES_ARGS = 2,
};

/* Segment protection bits. */
enum {
    JITBOOK_PROT_READ = 1,
    JITBOOK_PROT_WRITE = 2,
    JITBOOK_PROT_EXEC = 4,
};

typedef struct {
    uint64_t address;
    uint32_t size;
    uint32_t protection;
    const uint8_t *bytes;
} jitbook_segment;

typedef struct {
    uint64_t cell;
    uint32_t helper_id;
    const char *name;
} jitbook_helper_reloc;

typedef struct {
    uint64_t start;
    uint32_t size;
    const char *name;
} jitbook_method_info;

typedef struct {
    uint32_t arch;          /* 0 = x64, 1 = arm64 */
    uint64_t entry;
    uint32_t entry_kind;
    uint32_t segment_count;
    uint32_t reloc_count;
    uint32_t method_count;
    jitbook_segment *segments;
    jitbook_helper_reloc *relocs;
    jitbook_method_info *methods;
} jitbook_image;

/* Parses the image file at `path`; prints a message and returns 0 on failure. */
int jitbook_image_read(const char *path, jitbook_image *image);
/* Maps every segment at its fixed address and copies its bytes (writable for now). */
int jitbook_image_map(const jitbook_image *image);
/* Applies each segment's final protection (code becomes read + execute). */
int jitbook_image_protect(const jitbook_image *image);
/* The method containing `pc`, or NULL (used by the fault handler; async-signal-safe). */
const jitbook_method_info *jitbook_image_method_at(uint64_t pc);

/* ---- helpers (helpers.c) ------------------------------------------------ */

typedef struct {
    uint32_t id;
    const char *name;
    void *entry;
} jitbook_helper;

/* The helper with this id, or NULL. */
const jitbook_helper *jitbook_helper_lookup(uint32_t id);
/* Writes each helper's C address into its cell; checks names against the table. */
int jitbook_helpers_resolve(const jitbook_image *image);

/* ---- console (console.c) ------------------------------------------------ */

void jitbook_console_write_line(void);
void jitbook_console_write_line_int32(int32_t value);
void jitbook_console_write_line_int64(int64_t value);
void jitbook_console_write_line_bool(int32_t value);
void jitbook_console_write_line_string(const void *string);
void jitbook_console_write_int32(int32_t value);
void jitbook_console_write_int64(int64_t value);
void jitbook_console_write_bool(int32_t value);
void jitbook_console_write_string(const void *string);
/* Writes the buffered output to fd 1 (async-signal-safe: only write(2)). */
void jitbook_console_flush(void);

/* ---- allocation (alloc.c) ----------------------------------------------- */

/* Zeroed, 8-aligned memory from the bump arena; never freed (no GC). Aborts when exhausted. */
void *jitbook_alloc(size_t size);

/* ---- faults (faults.c) -------------------------------------------------- */

/* Installs the alternate signal stack and the handlers for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP. */
void jitbook_faults_install(void);

/* ---- object layout shared with the Swift side (Runtime/FrozenStrings.swift) ---- */

/* A string object: [MethodTable* 8][int32 length][UTF-16 chars][0], as in .NET. */
enum {
    JITBOOK_STRING_LENGTH_OFFSET = 8,
    JITBOOK_STRING_CHARS_OFFSET = 12,
};

#endif
