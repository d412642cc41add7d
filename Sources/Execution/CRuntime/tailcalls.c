/*
 * Explicit tail calls through the runtime's helpers (the JIT's TailCallHelper.swift), the model
 * of RyuJIT's portable "tail calls via helpers": when a `tail.` call's stack arguments do not fit
 * in the caller's incoming argument area, the caller cannot jump to the callee. It stores the
 * callee's target and arguments, placed as the callee's ABI wants them, in this per-thread buffer
 * (jitbook:TailCallBuffer returns it, marking a call pending), then returns what
 * jitbook:TailCallFinish returns:
 *
 * - when the caller was itself called by the dispatcher (its return address is the trampoline's
 *   call-return point), the helper returns at once: the caller returns to the dispatcher, which
 *   finds the pending call and makes it from its own frame, so the stack does not grow;
 * - otherwise the helper runs the dispatcher loop here and returns the last call's result.
 *
 * The layout must match TailCallBuffer in Sources/JIT/Phases/TailCallHelper.swift.
 */
#include <stddef.h>
#include "jitbook_runtime.h"

typedef struct {
    uint64_t target;        /*   0: the callee's code address */
    uint64_t pending;       /*   8: nonzero while a call waits for the dispatcher */
    uint64_t int_regs[8];   /*  16: rdi..r9 / x0..x7 */
    uint64_t float_regs[8]; /*  80: xmm0..xmm7 / d0..d7 (low 64 bits) */
    uint64_t stack[32];     /* 144: the stack arguments, 8-byte slots */
    uint64_t ret0;          /* 400: rax / x0 of the last call */
    uint64_t ret1;          /* 408: rdx / x1 */
    uint64_t ret_float;     /* 416: xmm0 / d0 */
} jitbook_tailcall_buffer;

_Static_assert(offsetof(jitbook_tailcall_buffer, target) == 0, "TailCallBuffer.target");
_Static_assert(offsetof(jitbook_tailcall_buffer, int_regs) == 16, "TailCallBuffer.intRegs");
_Static_assert(offsetof(jitbook_tailcall_buffer, float_regs) == 80, "TailCallBuffer.floatRegs");
_Static_assert(offsetof(jitbook_tailcall_buffer, stack) == 144, "TailCallBuffer.stack");
_Static_assert(sizeof ((jitbook_tailcall_buffer *)0)->stack == 8 * 32, "TailCallBuffer.stackSlots");
/* The assembly below uses these offsets too. */
_Static_assert(offsetof(jitbook_tailcall_buffer, ret0) == 400, "ret0");
_Static_assert(offsetof(jitbook_tailcall_buffer, ret1) == 408, "ret1");
_Static_assert(offsetof(jitbook_tailcall_buffer, ret_float) == 416, "ret_float");

static _Thread_local jitbook_tailcall_buffer tailcall_buffer;

/* jitbook:TailCallBuffer: the buffer the caller fills, with a call pending. */
void *jitbook_help_tailcall_buffer(void) {
    tailcall_buffer.pending = 1;
    return &tailcall_buffer;
}

/* Loads the argument registers and stack arguments from the buffer, calls its target, stores the
 * result registers back (assembly below). */
void jitbook_tailcall_call(jitbook_tailcall_buffer *buffer);

/* The dispatcher: makes pending calls until one returns without leaving another; the buffer then
 * holds its result. */
jitbook_tailcall_buffer *jitbook_tailcall_dispatch(void) {
    jitbook_tailcall_buffer *b = &tailcall_buffer;
    while (b->pending) {
        b->pending = 0;
        jitbook_tailcall_call(b);
    }
    return b;
}

#if defined(__x86_64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_tailcall_call\n"
    "    .type jitbook_tailcall_call, @function\n"
    "jitbook_tailcall_call:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    push %rbx\n"
    "    sub $264, %rsp\n"                 /* 256 bytes of stack arguments, rsp 16-aligned */
    "    mov %rdi, %rbx\n"
    "    xor %ecx, %ecx\n"
    "1:  mov 144(%rbx,%rcx,8), %rax\n"
    "    mov %rax, (%rsp,%rcx,8)\n"
    "    inc %ecx\n"
    "    cmp $32, %ecx\n"
    "    jb 1b\n"
    "    movsd 80(%rbx), %xmm0\n"
    "    movsd 88(%rbx), %xmm1\n"
    "    movsd 96(%rbx), %xmm2\n"
    "    movsd 104(%rbx), %xmm3\n"
    "    movsd 112(%rbx), %xmm4\n"
    "    movsd 120(%rbx), %xmm5\n"
    "    movsd 128(%rbx), %xmm6\n"
    "    movsd 136(%rbx), %xmm7\n"
    "    mov 16(%rbx), %rdi\n"
    "    mov 24(%rbx), %rsi\n"
    "    mov 32(%rbx), %rdx\n"
    "    mov 40(%rbx), %rcx\n"
    "    mov 48(%rbx), %r8\n"
    "    mov 56(%rbx), %r9\n"
    "    mov 0(%rbx), %r11\n"
    "    call *%r11\n"
    "    .globl jitbook_tailcall_return_point\n"
    "jitbook_tailcall_return_point:\n"
    "    mov %rax, 400(%rbx)\n"
    "    mov %rdx, 408(%rbx)\n"
    "    movsd %xmm0, 416(%rbx)\n"
    "    add $264, %rsp\n"
    "    pop %rbx\n"
    "    pop %rbp\n"
    "    ret\n"
    "    .size jitbook_tailcall_call, .-jitbook_tailcall_call\n"
    /* jitbook:TailCallFinish: rbp is still the caller's frame pointer, [rbp+8] its return
     * address. */
    "    .globl jitbook_help_tailcall_finish\n"
    "    .type jitbook_help_tailcall_finish, @function\n"
    "jitbook_help_tailcall_finish:\n"
    "    lea jitbook_tailcall_return_point(%rip), %rax\n"
    "    cmp %rax, 8(%rbp)\n"
    "    jne 1f\n"
    "    ret\n"
    "1:  push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    call jitbook_tailcall_dispatch\n"
    "    mov 408(%rax), %rdx\n"
    "    movsd 416(%rax), %xmm0\n"
    "    mov 400(%rax), %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    "    .size jitbook_help_tailcall_finish, .-jitbook_help_tailcall_finish\n");
#elif defined(__aarch64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_tailcall_call\n"
    "    .type jitbook_tailcall_call, %function\n"
    "jitbook_tailcall_call:\n"
    "    stp x29, x30, [sp, #-32]!\n"
    "    mov x29, sp\n"
    "    str x19, [sp, #16]\n"
    "    mov x19, x0\n"
    "    sub sp, sp, #256\n"
    "    add x11, x19, #144\n"
    "    mov x9, #0\n"
    "1:  ldr x10, [x11, x9, lsl #3]\n"
    "    str x10, [sp, x9, lsl #3]\n"
    "    add x9, x9, #1\n"
    "    cmp x9, #32\n"
    "    b.lo 1b\n"
    "    ldp d0, d1, [x19, #80]\n"
    "    ldp d2, d3, [x19, #96]\n"
    "    ldp d4, d5, [x19, #112]\n"
    "    ldp d6, d7, [x19, #128]\n"
    "    ldp x0, x1, [x19, #16]\n"
    "    ldp x2, x3, [x19, #32]\n"
    "    ldp x4, x5, [x19, #48]\n"
    "    ldp x6, x7, [x19, #64]\n"
    "    ldr x16, [x19, #0]\n"
    "    blr x16\n"
    "    .globl jitbook_tailcall_return_point\n"
    "jitbook_tailcall_return_point:\n"
    "    str x0, [x19, #400]\n"
    "    str x1, [x19, #408]\n"
    "    str d0, [x19, #416]\n"
    "    add sp, sp, #256\n"
    "    ldr x19, [sp, #16]\n"
    "    ldp x29, x30, [sp], #32\n"
    "    ret\n"
    "    .size jitbook_tailcall_call, .-jitbook_tailcall_call\n"
    /* jitbook:TailCallFinish: fp is still the caller's frame record, [fp+8] its saved lr. */
    "    .globl jitbook_help_tailcall_finish\n"
    "    .type jitbook_help_tailcall_finish, %function\n"
    "jitbook_help_tailcall_finish:\n"
    "    ldr x9, [x29, #8]\n"
    "    adrp x10, jitbook_tailcall_return_point\n"
    "    add x10, x10, :lo12:jitbook_tailcall_return_point\n"
    "    cmp x9, x10\n"
    "    b.ne 1f\n"
    "    ret\n"
    "1:  stp x29, x30, [sp, #-16]!\n"
    "    mov x29, sp\n"
    "    bl jitbook_tailcall_dispatch\n"
    "    ldr x1, [x0, #408]\n"
    "    ldr d0, [x0, #416]\n"
    "    ldr x0, [x0, #400]\n"
    "    ldp x29, x30, [sp], #16\n"
    "    ret\n"
    "    .size jitbook_help_tailcall_finish, .-jitbook_help_tailcall_finish\n");
#else
#error "the tail-call dispatcher is written for x86-64 and arm64"
#endif
