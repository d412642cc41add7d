/*
 * Runtime async: continuation objects and the resume call.
 *
 * The continuation layout is described once, in Sources/JIT/IR/AsyncSite.swift
 * (ContinuationLayout); the constants below mirror it. The dispatcher loop itself is
 * CoreLib IL (RuntimeAsyncTask`1.DispatchContinuations); C does what IL cannot:
 * allocate a continuation of a size only the JIT knows, and call a method with the
 * async calling convention, whose second return register (rcx / x2) no C compiler reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jitbook_runtime.h"

enum {
    CONT_NEXT = 0x08, CONT_RESUME_INFO = 0x10, CONT_FLAGS = 0x18, CONT_STATE = 0x1C, CONT_DATA = 0x20,
    CONT_RESULT_INDEX_SHIFT = 10,
};

/* ResumeInfo, in the read-only data of the method that suspended. */
typedef struct {
    uint64_t resume;          /* the method's entry: resuming is calling it with the continuation */
    uint64_t diagnostic_ip;   /* the suspension code */
    uint64_t result_bytes;    /* how many bytes of rax:rdx / x0:x1 are the method's result */
} jitbook_resume_info;

/*
 * jitbook_async_trampoline(fn, cont, regs): calls fn with the continuation in the first AND the
 * second argument register (a static method takes it first; an instance method second, after a
 * `this` it ignores on resumption), stores the two return registers into regs[0..1] and returns
 * the continuation register (rcx / x2).
 */
#if defined(__x86_64__)
__asm__(
    ".text\n"
    ".globl jitbook_async_trampoline\n"
    ".type jitbook_async_trampoline, @function\n"
    "jitbook_async_trampoline:\n"
    "    pushq %rbx\n"
    "    movq %rdx, %rbx\n"
    "    movq %rdi, %rax\n"
    "    movq %rsi, %rdi\n"
    "    callq *%rax\n"
    "    movq %rax, (%rbx)\n"
    "    movq %rdx, 8(%rbx)\n"
    "    movq %rcx, %rax\n"
    "    popq %rbx\n"
    "    ret\n"
    ".size jitbook_async_trampoline, .-jitbook_async_trampoline\n");
#elif defined(__aarch64__)
__asm__(
    ".text\n"
    ".globl jitbook_async_trampoline\n"
    ".type jitbook_async_trampoline, %function\n"
    "jitbook_async_trampoline:\n"
    "    stp x29, x30, [sp, #-32]!\n"
    "    mov x29, sp\n"
    "    str x19, [sp, #16]\n"
    "    mov x19, x2\n"
    "    mov x16, x0\n"
    "    mov x0, x1\n"
    "    blr x16\n"
    "    stp x0, x1, [x19]\n"
    "    mov x0, x2\n"
    "    ldr x19, [sp, #16]\n"
    "    ldp x29, x30, [sp], #32\n"
    "    ret\n"
    ".size jitbook_async_trampoline, .-jitbook_async_trampoline\n");
#else
#error "unsupported architecture"
#endif

void *jitbook_async_trampoline(uint64_t fn, void *cont, uint64_t *regs);

void *jitbook_help_alloc_continuation(void *prev, const void *mt, int32_t size) {
    uint8_t *obj = jitbook_alloc((size_t)(size < CONT_DATA ? CONT_DATA : size));
    memcpy(obj, &mt, sizeof mt);
    if (prev) memcpy((uint8_t *)prev + CONT_NEXT, &obj, sizeof obj);
    return obj;
}

void *jitbook_resume_continuation(void *cont, uint8_t *storage) {
    const jitbook_resume_info *ri;
    memcpy(&ri, (uint8_t *)cont + CONT_RESUME_INFO, sizeof ri);
    if (!ri) {
        jitbook_console_flush();
        fprintf(stderr, "jitbook-runtime: fatal: resuming a continuation without ResumeInfo\n");
        exit(134);
    }
    uint64_t regs[2] = { 0, 0 };
    void *next = jitbook_async_trampoline(ri->resume, cont, regs);
    if (!next && storage && ri->result_bytes) memcpy(storage, regs, ri->result_bytes > 16 ? 16 : ri->result_bytes);
    return next;
}

uint8_t *jitbook_result_storage(void *cont) {
    uint32_t flags;
    memcpy(&flags, (uint8_t *)cont + CONT_FLAGS, sizeof flags);
    uint32_t index = flags >> CONT_RESULT_INDEX_SHIFT;
    return index ? (uint8_t *)cont + CONT_DATA + 8 * (index - 1) : NULL;
}

void *jitbook_continuation_slot(void *cont, int32_t index) {
    void *v = NULL;
    if (index > 0) memcpy(&v, (uint8_t *)cont + CONT_DATA + 8 * (index - 1), sizeof v);
    return v;
}
