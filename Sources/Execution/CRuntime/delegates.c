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
 */
#include <string.h>
#include "jitbook_runtime.h"

enum { DELEGATE_TARGET = 8, DELEGATE_METHOD = 16 };

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
