/*
 * Delegates: the runtime-implemented `.ctor(object, native int)` and `Invoke` of every delegate
 * type. A delegate holds its target (null for a static method) and the code address `ldftn`
 * produced; Invoke calls that address with the target first when there is one.
 *
 * Invoke is one stub for every signature, written in assembly because it must leave the call
 * exactly as the caller set it up: it tail-jumps to the method, so the return registers, the
 * arm64 return-buffer register x8, the stack and every argument register it does not touch
 * arrive as they were. For an instance target it only replaces the delegate (first argument)
 * with the target. For a static method it shifts the integer argument registers down by one,
 * dropping the delegate, as CoreCLR's shuffle thunks do; that is exact while every argument
 * is in registers, which the model checks when it compiles the call
 * (Sources/Runtime/DelegateInvoke.swift: at most six words with the delegate).
 *
 * Multicast delegates (Delegate.Combine in the model CoreLib) need no test in that stub: their
 * target is the delegate itself and their code address the multicast stub below, which the Invoke
 * stub reaches like any instance method. The multicast stub saves the argument registers, calls
 * the Invoke stub once per delegate of the invocation list with the same arguments, and returns
 * what the last call returned (a struct result goes to the caller's buffer every time). It
 * relies on the same restriction: every argument in a register. Floating-point arguments are in
 * xmm0-xmm7 / d0-d7, which the Invoke stub leaves alone and the multicast stub saves and reloads
 * with the integer ones (their low 64 bits: a float32 or float64 is all they hold).
 */
#include <string.h>
#include "jitbook_runtime.h"

void jitbook_delegate_ctor(void *self, void *target, void *method) {
    memcpy((uint8_t *)self + DELEGATE_TARGET, &target, sizeof target);
    memcpy((uint8_t *)self + DELEGATE_METHOD, &method, sizeof method);
}

#if defined(__x86_64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_delegate_invoke\n"
    "    .type jitbook_delegate_invoke, @function\n"
    "jitbook_delegate_invoke:\n"
    "    test %rdi, %rdi\n"
    "    jz 2f\n"
    "    mov 16(%rdi), %rax\n"          /* the code address */
    "    mov 8(%rdi), %r10\n"           /* the target */
    "    test %r10, %r10\n"
    "    jz 1f\n"
    "    mov %r10, %rdi\n"
    "    jmp *%rax\n"
    "1:  mov %rsi, %rdi\n"              /* static: drop the delegate */
    "    mov %rdx, %rsi\n"
    "    mov %rcx, %rdx\n"
    "    mov %r8, %rcx\n"
    "    mov %r9, %r8\n"
    "    jmp *%rax\n"
    "2:  jmp jitbook_throw_null_reference\n"
    "    .size jitbook_delegate_invoke, .-jitbook_delegate_invoke\n");
#elif defined(__aarch64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_delegate_invoke\n"
    "    .type jitbook_delegate_invoke, %function\n"
    "jitbook_delegate_invoke:\n"
    "    cbz x0, 2f\n"
    "    ldr x16, [x0, #16]\n"          /* the code address */
    "    ldr x17, [x0, #8]\n"           /* the target */
    "    cbz x17, 1f\n"
    "    mov x0, x17\n"
    "    br x16\n"
    "1:  mov x0, x1\n"                  /* static: drop the delegate */
    "    mov x1, x2\n"
    "    mov x2, x3\n"
    "    mov x3, x4\n"
    "    mov x4, x5\n"
    "    mov x5, x6\n"
    "    mov x6, x7\n"
    "    br x16\n"
    "2:  b jitbook_throw_null_reference\n"
    "    .size jitbook_delegate_invoke, .-jitbook_delegate_invoke\n");
#else
#error "the delegate Invoke stub is written for x86-64 and arm64"
#endif

/* Entered with the multicast delegate as the first argument and the Invoke arguments after it. */
void jitbook_delegate_multicast_invoke(void);

intptr_t jitbook_delegate_multicast_stub(void) {
    return (intptr_t)jitbook_delegate_multicast_invoke;
}

#if defined(__x86_64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_delegate_multicast_invoke\n"
    "    .type jitbook_delegate_multicast_invoke, @function\n"
    "jitbook_delegate_multicast_invoke:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    push %rbx\n"
    "    push %r12\n"
    "    push %r13\n"
    "    push %r14\n"
    "    sub $112, %rsp\n"              /* the argument registers after the delegate */
    "    mov %rsi, 0(%rsp)\n"
    "    mov %rdx, 8(%rsp)\n"
    "    mov %rcx, 16(%rsp)\n"
    "    mov %r8, 24(%rsp)\n"
    "    mov %r9, 32(%rsp)\n"
    "    movsd %xmm0, 40(%rsp)\n"         /* and the floating-point ones */
    "    movsd %xmm1, 48(%rsp)\n"
    "    movsd %xmm2, 56(%rsp)\n"
    "    movsd %xmm3, 64(%rsp)\n"
    "    movsd %xmm4, 72(%rsp)\n"
    "    movsd %xmm5, 80(%rsp)\n"
    "    movsd %xmm6, 88(%rsp)\n"
    "    movsd %xmm7, 96(%rsp)\n"
    "    mov 24(%rdi), %rbx\n"          /* the invocation list (object[]) */
    "    mov 32(%rdi), %r13\n"          /* its count */
    "    xor %r12d, %r12d\n"
    "1:  mov 16(%rbx,%r12,8), %rdi\n"   /* the next delegate */
    "    mov 0(%rsp), %rsi\n"
    "    mov 8(%rsp), %rdx\n"
    "    mov 16(%rsp), %rcx\n"
    "    mov 24(%rsp), %r8\n"
    "    mov 32(%rsp), %r9\n"
    "    movsd 40(%rsp), %xmm0\n"
    "    movsd 48(%rsp), %xmm1\n"
    "    movsd 56(%rsp), %xmm2\n"
    "    movsd 64(%rsp), %xmm3\n"
    "    movsd 72(%rsp), %xmm4\n"
    "    movsd 80(%rsp), %xmm5\n"
    "    movsd 88(%rsp), %xmm6\n"
    "    movsd 96(%rsp), %xmm7\n"
    "    call jitbook_delegate_invoke\n"
    "    inc %r12\n"
    "    cmp %r13, %r12\n"
    "    jb 1b\n"
    "    add $112, %rsp\n"
    "    pop %r14\n"
    "    pop %r13\n"
    "    pop %r12\n"
    "    pop %rbx\n"
    "    pop %rbp\n"
    "    ret\n"
    "    .size jitbook_delegate_multicast_invoke, .-jitbook_delegate_multicast_invoke\n");
#elif defined(__aarch64__)
__asm__(
    "    .text\n"
    "    .globl jitbook_delegate_multicast_invoke\n"
    "    .type jitbook_delegate_multicast_invoke, %function\n"
    "jitbook_delegate_multicast_invoke:\n"
    "    stp x29, x30, [sp, #-176]!\n"
    "    mov x29, sp\n"
    "    stp x19, x20, [sp, #16]\n"
    "    stp x21, x22, [sp, #32]\n"
    "    stp x1, x2, [sp, #48]\n"       /* the argument registers after the delegate, */
    "    stp x3, x4, [sp, #64]\n"
    "    stp x5, x6, [sp, #80]\n"
    "    stp x7, x8, [sp, #96]\n"       /* and the return buffer register */
    "    stp d0, d1, [sp, #112]\n"      /* the floating-point argument registers */
    "    stp d2, d3, [sp, #128]\n"
    "    stp d4, d5, [sp, #144]\n"
    "    stp d6, d7, [sp, #160]\n"
    "    ldr x19, [x0, #24]\n"          /* the invocation list (object[]) */
    "    ldr x20, [x0, #32]\n"          /* its count */
    "    mov x21, #0\n"
    "1:  add x9, x19, #16\n"
    "    ldr x0, [x9, x21, lsl #3]\n"   /* the next delegate */
    "    ldp x1, x2, [sp, #48]\n"
    "    ldp x3, x4, [sp, #64]\n"
    "    ldp x5, x6, [sp, #80]\n"
    "    ldp x7, x8, [sp, #96]\n"
    "    ldp d0, d1, [sp, #112]\n"
    "    ldp d2, d3, [sp, #128]\n"
    "    ldp d4, d5, [sp, #144]\n"
    "    ldp d6, d7, [sp, #160]\n"
    "    bl jitbook_delegate_invoke\n"
    "    add x21, x21, #1\n"
    "    cmp x21, x20\n"
    "    b.lo 1b\n"
    "    ldp x19, x20, [sp, #16]\n"
    "    ldp x21, x22, [sp, #32]\n"
    "    ldp x29, x30, [sp], #176\n"
    "    ret\n"
    "    .size jitbook_delegate_multicast_invoke, .-jitbook_delegate_multicast_invoke\n");
#endif
