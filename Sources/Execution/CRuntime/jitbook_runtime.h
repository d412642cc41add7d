/*
 * jitbook runtime: the small C program that loads a code image produced by the
 * model JIT and runs its entry point.
 *
 * Files (one concern each):
 *   main.c      command line, the sequence load -> resolve helpers -> protect -> call entry -> exit
 *   serve.c     --serve: one process runs many images, each in a forked child (batched runs)
 *   image.c     the image file format and mapping segments at their fixed addresses
 *   helpers.c   the helper table (id, name, C function) and helper-cell resolution
 *   console.c   System.Console output, buffered, flushed at exit and on a fault
 *   alloc.c     the bump allocator (there is no garbage collector)
 *   faults.c    signal handlers that turn a crash into one line naming the method, or into
 *               NullReferenceException / DivideByZeroException when managed code faults
 *   objects.c   object model helpers: allocation, arrays, casts, boxing, interface dispatch
 *   strings.c   string helpers: concatenation, formatting, number formatting, console objects
 *   exceptions.c  throwing: to a handler record, else the .NET unhandled message and exit code 134
 *   eh.c        handler records: the push/pop helpers, dispatch to a landing pad, runtime exception objects
 *   async.c     runtime async: continuation allocation, the resume trampoline, continuation slots
 *   delegates.c the runtime-implemented delegate constructor and Invoke
 *   classinit.c class constructors, run once on the JIT's first-access checks
 *   stats.c     allocation counters (objects, tasks, continuations) for programs and --stats
 *
 * The same sources build natively for x64 and, with aarch64-linux-gnu-gcc -static,
 * for arm64 (run under qemu-aarch64).
 */
#ifndef JITBOOK_RUNTIME_H
#define JITBOOK_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/* ---- running (main.c, serve.c) ------------------------------------------- */

/* Loads the image at `path`, runs its entry point and exits with Main's result (never returns).
 * The address map's window must be reserved first (jitbook_address_map_reserve). */
_Noreturn void jitbook_run_image(const char *path, int stats);

/* The --serve loop (serve.c): reads requests on stdin until it closes; returns the exit code. */
int jitbook_serve(void);

/* ---- image (image.c) ---------------------------------------------------- */

/* Entry kind bits, as written by the Swift image writer (ImageFormat.swift). */
enum {
    JITBOOK_ENTRY_RETURNS_INT32 = 1,
    JITBOOK_ENTRY_TAKES_ARGS = 2,
};

/* The exit code of a run whose fixed addresses were taken by another mapping (with address
 * randomization, a library can land there); the Swift runner retries such a run. */
enum { JITBOOK_EXIT_ADDRESS_MAP_BUSY = 3 };

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
    uint32_t cctor_count;
    uint32_t exception_type_count;
    uint64_t string_mt;
    uint64_t *cctors;
    uint64_t *exception_types;   /* method tables of the exceptions the runtime raises itself */
    jitbook_segment *segments;
    jitbook_helper_reloc *relocs;
    jitbook_method_info *methods;
} jitbook_image;

/* Parses the image file at `path`; prints a message and returns 0 on failure. */
int jitbook_image_read(const char *path, jitbook_image *image);
/* Maps every segment at its fixed address and copies its bytes (writable for now). */
int jitbook_image_map(const jitbook_image *image);
/* Reserves the address map's low window before anything else allocates; exits with
 * JITBOOK_EXIT_ADDRESS_MAP_BUSY when another mapping is there. */
int jitbook_address_map_reserve(void);
/* Applies each segment's final protection (code becomes read + execute). */
int jitbook_image_protect(const jitbook_image *image);
/* The method containing `pc`, or NULL (used by the fault handler; async-signal-safe). */
const jitbook_method_info *jitbook_image_method_at(uint64_t pc);

/* ---- class constructors (classinit.c) ------------------------------------ */

/* Remembers the image's class constructors; none has run yet. */
void jitbook_class_init_setup(const jitbook_image *image);
/* CORINFO_HELP_INITCLASS: runs the class constructor at `cctor` unless it already ran. */
void jitbook_class_init(uint64_t cctor);

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

/* The largest arena `--memory MIB` may ask for (64 GiB of address space). */
#define JITBOOK_ARENA_MAX_MIB ((size_t)65536)

/* Sets the arena's size in MiB before the first allocation; 0 when out of range or too late. */
int jitbook_arena_set_size(size_t mib);

/* ---- allocation counters (stats.c) ---------------------------------------- */

/* Counts one new object with method table `mt` (NULL: an object of no managed type). */
void jitbook_stats_count(const void *mt);
/* Jitbook.RuntimeStats in the model CoreLib: objects, tasks and continuations allocated so far. */
int64_t jitbook_stats_objects(void);
int64_t jitbook_stats_tasks(void);
int64_t jitbook_stats_continuations(void);
/* Instructions of JIT-generated code executed between start and stop (x64: trap-flag single
 * stepping; arm64 under qemu-user: -1, not available). */
void jitbook_stats_start_counting(void);
int64_t jitbook_stats_stop_counting(void);
/* `jitbook-runtime IMAGE --stats`: prints the three counts to stderr when the process exits. */
void jitbook_stats_report_at_exit(void);

/* ---- faults (faults.c) -------------------------------------------------- */

/* Installs the alternate signal stack and the handlers for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP. */
void jitbook_faults_install(void);

/* ---- object model (objects.c, strings.c, exceptions.c) ------------------- */

/* Method table layout: Sources/JIT/Interface/MethodTableLayout.swift is the one description. */
enum {
    MT_FLAGS = 0x00, MT_BASE_SIZE = 0x04, MT_COMPONENT_SIZE = 0x08, MT_SLOT_COUNT = 0x0C,
    MT_PARENT = 0x10, MT_ELEMENT = 0x18, MT_INTERFACE_COUNT = 0x20, MT_DATA_SIZE = 0x24,
    MT_INTERFACE_MAP = 0x28, MT_NAME = 0x30, MT_ENUM_INFO = 0x38, MT_CHUNKS = 0x40,
    ENUM_SIGNED = 1, ENUM_FLAGS_ATTRIBUTE = 2,
    MT_FLAG_ARRAY = 1, MT_FLAG_VALUE_TYPE = 2, MT_FLAG_INTERFACE = 4, MT_FLAG_STRING = 8,
    MT_FLAG_MULTI_DIM = 16,
    /* Multi-dimensional arrays (Sources/JIT/Interface/MDArrayLayout.swift): lengths, then lower
       bounds, from MDARRAY_BOUNDS_OFFSET; the elements at the method table's base size. */
    MDARRAY_BOUNDS_OFFSET = 16,
    /* Delegates (System.Delegate in the model CoreLib). */
    DELEGATE_TARGET = 8, DELEGATE_METHOD = 16, DELEGATE_INVOCATION_LIST = 24, DELEGATE_INVOCATION_COUNT = 32,
    /* System.Exception::_message: its first (reference) field. */
    EXCEPTION_MESSAGE_OFFSET = 8,
    ARRAY_LENGTH_OFFSET = 8, ARRAY_DATA_OFFSET = 16,
};

/* The System.String method table of the loaded image. */
extern uint64_t jitbook_string_mt;
/* Reads a field of a method table. */
uint32_t jitbook_mt_u32(const void *mt, int offset);
uint64_t jitbook_mt_u64(const void *mt, int offset);
/* The method table of an object. */
const void *jitbook_mt_of(const void *obj);
/* A new string object holding ASCII `text`. */
void *jitbook_string_from_ascii(const char *text);
/* Floating point (floating.c): helpers, System.Math, .NET Core 3.0+ formatting. */
int jitbook_format_floating(double v, int single, char *out, size_t cap);
int32_t jitbook_help_dbl2int(double v);
uint32_t jitbook_help_dbl2uint(double v);
int64_t jitbook_help_dbl2lng(double v);
uint64_t jitbook_help_dbl2ulng(double v);
double jitbook_help_ulng2dbl(uint64_t v);
double jitbook_help_dblrem(double a, double b);
float jitbook_help_fltrem(float a, float b);

/* blocks.c: cpblk, initblk, localloc. */
void jitbook_help_memcpy(void *dst, const void *src, uint64_t size);
void jitbook_help_memset(void *dst, int32_t value, uint64_t size);
void *jitbook_help_localloc(uint64_t size);
void *jitbook_help_generic_virtual_lookup(void *obj, uint64_t *descriptor);
void *jitbook_help_ldelema_ref(void *array, int64_t index, const void *type);

/* tailcalls.c: explicit tail calls through the dispatcher. */
void *jitbook_help_tailcall_buffer(void);
void jitbook_help_tailcall_finish(void);
double jitbook_math_sqrt(double v);
double jitbook_math_abs(double v);
double jitbook_math_floor(double v);
double jitbook_math_ceiling(double v);
double jitbook_math_round(double v);
double jitbook_math_pow(double x, double y);
double jitbook_math_max(double a, double b);
double jitbook_math_min(double a, double b);
void *jitbook_number_format_double(double v);
void *jitbook_number_format_single(float v);
/* A new string object of `length` UTF-16 units (zeroed). */
void *jitbook_string_alloc(int32_t length);
/* obj.ToString() through vtable slot 0 (NULL for a null object). */
void *jitbook_to_string(void *obj);
/* Prints `Unhandled exception. <type>: <message>` to stderr (after flushing stdout) and exits 134. */
void jitbook_unhandled(const char *type, const char *message) __attribute__((noreturn));
void jitbook_throw_null_reference(void) __attribute__((noreturn));
void jitbook_console_write_line_char(int32_t c);
void jitbook_console_write_char(int32_t c);
void jitbook_console_write_line_object(void *obj);
void jitbook_console_write_object(void *obj);
/* True when an object with method table `mt` may be viewed as `target` (casts, covariant stores). */
int jitbook_is_assignable(const void *mt, const void *target);
/* Multi-dimensional arrays (mdarrays.c) and multicast delegates (delegates.c). */
void *jitbook_help_new_mdarr(const void *mt, int64_t l0, int64_t l1, int64_t l2, int64_t l3, int64_t l4);
void jitbook_help_mdarr_store_check(void *array, void *value);
int32_t jitbook_array_get_rank(void *array);
int32_t jitbook_array_get_length(void *array, int32_t dimension);
int32_t jitbook_array_get_lower_bound(void *array, int32_t dimension);
intptr_t jitbook_delegate_multicast_stub(void);
/* Helper functions named in helpers.c (objects.c, strings.c, exceptions.c). */
void *jitbook_help_newsfast(const void *mt);
void *jitbook_help_newarr(const void *mt, int64_t length);
void jitbook_help_rngchkfail(void);
void jitbook_help_thrownullref(void);
void *jitbook_help_chkcast(const void *target, void *obj);
void *jitbook_help_isinst(const void *target, void *obj);
void *jitbook_help_box(const void *mt, const void *data);
void *jitbook_help_unbox(const void *mt, void *obj);
void jitbook_help_throw(void *obj);
void jitbook_help_throwdivzero(void);
void jitbook_help_overflow(void);
void *jitbook_help_virtual_func_ptr(void *obj, const void *itf, int32_t slot);
void *jitbook_object_to_string(void *obj);
/* Object.MemberwiseClone: a shallow copy of any object, array or string. */
void *jitbook_object_memberwise_clone(void *obj);
/* CORINFO_HELP_ARRADDR_ST: stelem.ref with the array covariance check (objects.c). */
void jitbook_help_arraddr_st(void *array, int64_t index, void *value);
/* The name .NET prints for a boxed enum (member, [Flags] combination or number), or NULL when
 * obj is not an enum; may format into buffer (enums.c). */
const char *jitbook_enum_name(const void *obj, char *buffer, size_t cap);
/* Formats a boxed integer or enum with a standard numeric format string ("X4", "D3", "N0", "" ...),
 * or a boxed double or float ("", G, R, F2, N0 ...), into out; returns 0 when obj is not a number
 * (numberformat.c). */
int jitbook_format_integer(const void *obj, const char *spec, char *out, size_t cap);
int32_t jitbook_object_get_hash_code(void *obj);
void *jitbook_string_concat2(void *a, void *b);
void *jitbook_string_concat3(void *a, void *b, void *c);
void *jitbook_string_concat4(void *a, void *b, void *c, void *d);
void *jitbook_string_concat_obj2(void *a, void *b);
void *jitbook_string_concat_obj3(void *a, void *b, void *c);
void *jitbook_string_concat_array(void *array);
int32_t jitbook_string_equals(void *a, void *b);
void *jitbook_string_format1(void *f, void *a);
void *jitbook_string_format2(void *f, void *a, void *b);
void *jitbook_string_format3(void *f, void *a, void *b, void *c);
void *jitbook_string_format_array(void *f, void *array);
void *jitbook_string_from_char(int32_t c);
void *jitbook_number_int32_to_string(int32_t v);
void *jitbook_number_int64_to_string(int64_t v);
void *jitbook_number_uint32_to_string(uint32_t v);
void *jitbook_number_uint64_to_string(uint64_t v);
void jitbook_console_write_line_format1(void *f, void *a);
void jitbook_console_write_line_format2(void *f, void *a, void *b);
void jitbook_console_write_line_format3(void *f, void *a, void *b, void *c);
void jitbook_method_not_compiled(void);
/* Appends a UTF-16 string object to the console buffer. */
void jitbook_console_put_string(const void *string);

/* ---- handler records (eh.c) ------------------------------------------------ */

/* CORINFO_HELP_EH_PUSH (assembly): links a record, returns null (or, resumed, the exception). */
void *jitbook_eh_push(void *record, uint64_t catch_type);
/* CORINFO_HELP_EH_POP: unlinks the record (head = record.prev). */
void jitbook_eh_pop(void *record);
/* True when some handler record is linked. */
int jitbook_eh_active(void);
/* Resumes at the newest record when some record may catch `exception`; returns 0 otherwise. */
int jitbook_eh_dispatch(void *exception);
/* Remembers the image's exception method tables. */
void jitbook_eh_setup(const jitbook_image *image);
/* A new exception object of the CoreLib type named `type` with `message`, or NULL if the image lacks it. */
void *jitbook_exception_new(const char *type, const char *message);

/* ---- runtime async and delegates (async.c, delegates.c) --------------------- */

void *jitbook_help_alloc_continuation(void *prev, const void *mt, int32_t size);
void *jitbook_resume_continuation(void *cont, uint8_t *storage);
uint8_t *jitbook_result_storage(void *cont);
void *jitbook_continuation_slot(void *cont, int32_t index);
void jitbook_delegate_ctor(void *self, void *target, void *method);
/* An assembly stub (delegates.c): called only by generated code, with the managed convention. */
void jitbook_delegate_invoke(void);
void jitbook_initialize_array(void *array, const void *field);
void jitbook_array_copy(void *src, int32_t src_index, void *dst, int32_t dst_index, int32_t length);

/* ---- object layout shared with the Swift side (Runtime/FrozenStrings.swift) ---- */

/* A string object: [MethodTable* 8][int32 length][UTF-16 chars][0], as in .NET. */
enum {
    JITBOOK_STRING_LENGTH_OFFSET = 8,
    JITBOOK_STRING_CHARS_OFFSET = 12,
};

#endif
