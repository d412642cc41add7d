/*
 * Exception handling with handler records (the JIT side: FinallyCloning.swift and
 * ImportHandlerRecords.swift).
 *
 * Every `.try` region of a method has a record in the method's frame:
 *
 *   x64    0 prev  8 catch type  16 rbx  24 rbp  32 r12  40 r13  48 r14  56 r15  64 sp  72 resume pc
 *   arm64  0 prev  8 catch type  16 x19..x28  96 x29  104 x30 (resume pc)  112 sp
 *
 * CORINFO_HELP_EH_PUSH(record, catch type) saves what a throw must restore (the callee-saved
 * registers, the stack pointer after the call, its return address), links the record as the
 * head of a single list (one thread) and returns null, like setjmp. CORINFO_HELP_EH_POP(record)
 * unlinks it on every exit of the `.try`. A throw finds the head record, unlinks it and resumes
 * after its push call with the exception object as the "return value" (jitbook_eh_resume):
 * the JIT's pad then tests the catch types, or runs the finally/fault and throws on.
 *
 * The catch type (a method table, 1 for several catch clauses, 0 for finally/fault) serves the
 * first pass: when no record on the list can catch the exception, it is reported as unhandled
 * right away, without running finally handlers, as .NET does.
 */
#include <stddef.h>
#include <string.h>
#include "jitbook_runtime.h"

typedef struct jitbook_eh_record {
    struct jitbook_eh_record *prev;
    uint64_t catch_type;
} jitbook_eh_record;

/* The head of the record list (a fixed cell: the assembly stubs address it directly). */
jitbook_eh_record *jitbook_eh_head;

/* Resumes at `record`'s push call with `exception` as its result; never returns. */
void jitbook_eh_resume(jitbook_eh_record *record, void *exception) __attribute__((noreturn));

#if defined(__x86_64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_eh_push\n"
    "    .type jitbook_eh_push, @function\n"
    "jitbook_eh_push:\n"
    "    mov %rsi, 8(%rdi)\n"
    "    mov %rbx, 16(%rdi)\n"
    "    mov %rbp, 24(%rdi)\n"
    "    mov %r12, 32(%rdi)\n"
    "    mov %r13, 40(%rdi)\n"
    "    mov %r14, 48(%rdi)\n"
    "    mov %r15, 56(%rdi)\n"
    "    lea 8(%rsp), %rax\n"
    "    mov %rax, 64(%rdi)\n"
    "    mov (%rsp), %rax\n"
    "    mov %rax, 72(%rdi)\n"
    "    mov jitbook_eh_head(%rip), %rax\n"
    "    mov %rax, (%rdi)\n"
    "    mov %rdi, jitbook_eh_head(%rip)\n"
    "    xor %eax, %eax\n"
    "    ret\n"
    "    .size jitbook_eh_push, .-jitbook_eh_push\n"
    "    .globl jitbook_eh_resume\n"
    "    .type jitbook_eh_resume, @function\n"
    "jitbook_eh_resume:\n"
    "    mov 16(%rdi), %rbx\n"
    "    mov 24(%rdi), %rbp\n"
    "    mov 32(%rdi), %r12\n"
    "    mov 40(%rdi), %r13\n"
    "    mov 48(%rdi), %r14\n"
    "    mov 56(%rdi), %r15\n"
    "    mov 64(%rdi), %rsp\n"
    "    mov %rsi, %rax\n"
    "    jmp *72(%rdi)\n"
    "    .size jitbook_eh_resume, .-jitbook_eh_resume\n");
#elif defined(__aarch64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_eh_push\n"
    "    .type jitbook_eh_push, %function\n"
    "jitbook_eh_push:\n"
    "    str x1, [x0, #8]\n"
    "    stp x19, x20, [x0, #16]\n"
    "    stp x21, x22, [x0, #32]\n"
    "    stp x23, x24, [x0, #48]\n"
    "    stp x25, x26, [x0, #64]\n"
    "    stp x27, x28, [x0, #80]\n"
    "    stp x29, x30, [x0, #96]\n"
    "    mov x9, sp\n"
    "    str x9, [x0, #112]\n"
    "    adrp x9, jitbook_eh_head\n"
    "    add x9, x9, :lo12:jitbook_eh_head\n"
    "    ldr x10, [x9]\n"
    "    str x10, [x0]\n"
    "    str x0, [x9]\n"
    "    mov x0, #0\n"
    "    ret\n"
    "    .size jitbook_eh_push, .-jitbook_eh_push\n"
    "    .globl jitbook_eh_resume\n"
    "    .type jitbook_eh_resume, %function\n"
    "jitbook_eh_resume:\n"
    "    ldp x19, x20, [x0, #16]\n"
    "    ldp x21, x22, [x0, #32]\n"
    "    ldp x23, x24, [x0, #48]\n"
    "    ldp x25, x26, [x0, #64]\n"
    "    ldp x27, x28, [x0, #80]\n"
    "    ldp x29, x30, [x0, #96]\n"
    "    ldr x9, [x0, #112]\n"
    "    mov sp, x9\n"
    "    mov x0, x1\n"
    "    br x30\n"
    "    .size jitbook_eh_resume, .-jitbook_eh_resume\n");
#endif

void jitbook_eh_pop(void *record) {
    jitbook_eh_head = ((jitbook_eh_record *)record)->prev;
}

int jitbook_eh_active(void) { return jitbook_eh_head != NULL; }

/* First pass: would some record on the list catch `exception`? */
static int has_catching_record(void *exception) {
    for (jitbook_eh_record *r = jitbook_eh_head; r; r = r->prev) {
        if (r->catch_type == 1) return 1;
        if (r->catch_type > 1 && jitbook_help_isinst((const void *)(uintptr_t)r->catch_type, exception)) return 1;
    }
    return 0;
}

int jitbook_eh_dispatch(void *exception) {
    if (!has_catching_record(exception)) return 0;
    jitbook_eh_record *r = jitbook_eh_head;
    jitbook_eh_head = r->prev;
    jitbook_eh_resume(r, exception);
}

/* ---- the runtime's own exceptions ---------------------------------------- */

static const jitbook_image *image_with_types;

void jitbook_eh_setup(const jitbook_image *image) { image_with_types = image; }

void *jitbook_exception_new(const char *type, const char *message) {
    if (!image_with_types) return NULL;
    for (uint32_t i = 0; i < image_with_types->exception_type_count; i++) {
        const void *mt = (const void *)(uintptr_t)image_with_types->exception_types[i];
        const char *name = (const char *)(uintptr_t)jitbook_mt_u64(mt, MT_NAME);
        if (!name || strcmp(name, type) != 0) continue;
        void *obj = jitbook_help_newsfast(mt);
        size_t n = strlen(message);
        void *text = jitbook_string_alloc((int32_t)n);
        uint8_t *chars = (uint8_t *)text + JITBOOK_STRING_CHARS_OFFSET;
        for (size_t k = 0; k < n; k++) {
            uint16_t c = (uint8_t)message[k];
            memcpy(chars + 2 * k, &c, 2);
        }
        memcpy((uint8_t *)obj + EXCEPTION_MESSAGE_OFFSET, &text, sizeof text);
        return obj;
    }
    return NULL;
}
