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
    uint64_t result_bytes;    /* bits 0-31: bytes of rax:rdx / x0:x1 that are the method's result
                                 (with RESULT_IN_BUFFER: the struct's size); bits 32-34: below */
} jitbook_resume_info;

enum {
    RESULT_IN_BUFFER = 1,     /* bit 32: the result goes through a hidden return buffer */
    RESULT_HAS_THIS = 2,      /* bit 33: the method has `this` (x64 then takes the buffer second) */
    RESULT_FLOATING = 4,      /* bit 34: a float32/float64 result, in xmm0 / d0 */
};

/*
 * jitbook_async_trampoline(fn, args, regs): calls fn with args[0..2] in the first three argument
 * registers and args[3] in x8 (arm64's return-buffer register; unused on x64), stores the two
 * return registers into regs[0..1] and the floating-point return register (xmm0 / d0) into
 * regs[2], and returns the continuation register (rcx / x2).
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
    "    movq 16(%rsi), %rdx\n"
    "    movq (%rsi), %rdi\n"
    "    movq 8(%rsi), %rsi\n"
    "    callq *%rax\n"
    "    movq %rax, (%rbx)\n"
    "    movq %rdx, 8(%rbx)\n"
    "    movsd %xmm0, 16(%rbx)\n"
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
    "    ldr x8, [x1, #24]\n"
    "    ldr x2, [x1, #16]\n"
    "    ldr x0, [x1]\n"
    "    ldr x1, [x1, #8]\n"
    "    blr x16\n"
    "    stp x0, x1, [x19]\n"
    "    str d0, [x19, #16]\n"
    "    mov x0, x2\n"
    "    ldr x19, [sp, #16]\n"
    "    ldp x29, x30, [sp], #32\n"
    "    ret\n"
    ".size jitbook_async_trampoline, .-jitbook_async_trampoline\n");
#else
#error "unsupported architecture"
#endif

void *jitbook_async_trampoline(uint64_t fn, const uint64_t *args, uint64_t *regs);

void *jitbook_help_alloc_continuation(void *prev, const void *mt, int32_t size) {
    uint8_t *obj = jitbook_alloc((size_t)(size < CONT_DATA ? CONT_DATA : size));
    memcpy(obj, &mt, sizeof mt);
    jitbook_stats_count(mt);
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
    uint64_t bytes = ri->result_bytes & 0xFFFFFFFFu;
    uint32_t how = (uint32_t)(ri->result_bytes >> 32);
    /*
     * The continuation goes in every argument register the method could take it in: first
     * (static), second (after a `this` it ignores on resumption), third (x64: after `this` and a
     * return buffer). A struct result too large for registers is written by the method itself,
     * through its return buffer, straight into the storage.
     */
    uint64_t c = (uint64_t)(uintptr_t)cont;
    uint64_t args[4] = { c, c, c, 0 };
    if (how & RESULT_IN_BUFFER) {
        uint8_t *buffer = storage ? storage : jitbook_alloc((size_t)bytes);
        uint64_t b = (uint64_t)(uintptr_t)buffer;
#if defined(__x86_64__)
        if (how & RESULT_HAS_THIS) { args[1] = b; } else { args[0] = b; args[1] = c; }
#else
        args[3] = b;
#endif
    }
    uint64_t regs[3] = { 0, 0, 0 };
    void *next = jitbook_async_trampoline(ri->resume, args, regs);
    if (!next && storage && bytes && (how & RESULT_FLOATING)) memcpy(storage, &regs[2], 8);
    else if (!next && storage && bytes && !(how & RESULT_IN_BUFFER)) memcpy(storage, regs, bytes > 16 ? 16 : bytes);
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
