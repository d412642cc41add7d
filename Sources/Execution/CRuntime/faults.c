/*
 * Crash reporting. Generated code that faults (a null dereference, a stack
 * overflow, a division by zero on x64) must become a readable test failure,
 * not a core dump: the handlers run on an alternate stack (so a stack
 * overflow can still be reported), flush the program's output, print one line
 *
 *   fatal signal SIGSEGV at 0x7FF001000012 (Program:Main():int+0x12)
 *
 * to stderr, naming the method from the image's method map, and _exit(128+signo).
 * Only async-signal-safe calls (write, _exit) are used.
 *
 * A null dereference or division trap in managed code while a handler record is linked
 * becomes a real throw: the handler does not jump out of the signal frame, it rewrites the
 * interrupted context as a call of the throwing helper made from the faulting instruction
 * (pc -> helper, a return address of the faulting pc, the stack 16-byte aligned) and returns;
 * the helper then runs outside the handler and dispatches to the record (eh.c).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include "jitbook_runtime.h"

static char alt_stack[1 << 16];

static const char *signal_name(int signo) {
    switch (signo) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal";
    }
}

static size_t append(char *out, size_t at, size_t cap, const char *text) {
    while (*text && at + 1 < cap) out[at++] = *text++;
    return at;
}

static size_t append_hex(char *out, size_t at, size_t cap, uint64_t value) {
    char digits[17];
    int i = 16;
    digits[16] = 0;
    do {
        digits[--i] = "0123456789ABCDEF"[value & 0xF];
        value >>= 4;
    } while (value != 0);
    at = append(out, at, cap, "0x");
    return append(out, at, cap, digits + i);
}

static uint64_t faulting_pc(void *context) {
    ucontext_t *uc = context;
#if defined(__x86_64__)
    return (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uint64_t)uc->uc_mcontext.pc;
#else
    (void)uc;
    return 0;
#endif
}

#if defined(__x86_64__)
/* x64 raises the same #DE for a zero divisor and for MinValue / -1. Like CoreCLR
 * (IsDivByZeroAnIntegerOverflow) the runtime decodes the faulting instruction: the JIT
 * only emits `idiv reg` / `div reg` (optional REX, F7 /7 or /6, ModRM with mod = 3), and
 * a signed divide whose divisor register holds -1 overflowed. */
static int division_overflowed(void *context) {
    ucontext_t *uc = context;
    const uint8_t *p = (const uint8_t *)(uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    int rex_w = 0, rex_b = 0;
    if ((p[0] & 0xF0) == 0x40) {
        rex_w = (p[0] >> 3) & 1;
        rex_b = p[0] & 1;
        p++;
    }
    if (p[0] != 0xF7 || (p[1] >> 6) != 3 || ((p[1] >> 3) & 7) != 7) return 0;
    static const int gregs[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    int64_t divisor = (int64_t)uc->uc_mcontext.gregs[gregs[(p[1] & 7) | (rex_b << 3)]];
    if (!rex_w) divisor = (int32_t)divisor;
    return divisor == -1;
}
#else
static int division_overflowed(void *context) {
    (void)context;
    return 0;
}
#endif

/* A fault inside managed code that .NET turns into an exception: a load or store near
 * address 0 (RyuJIT relies on it for null checks) or an integer division trap on x64. */
static void managed_exception(const char *line, size_t n) {
    jitbook_console_flush();
    ssize_t ignored = write(2, line, n);
    (void)ignored;
    _exit(134);
}

/* Makes the interrupted code call `helper` as if from the faulting instruction. */
static void redirect(void *context, void (*helper)(void)) {
    ucontext_t *uc = context;
#if defined(__x86_64__)
    uint64_t sp = ((uint64_t)uc->uc_mcontext.gregs[REG_RSP] & ~(uint64_t)15) - 8;
    uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    memcpy((void *)(uintptr_t)sp, &pc, sizeof pc);
    uc->uc_mcontext.gregs[REG_RSP] = (greg_t)sp;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)helper;
#elif defined(__aarch64__)
    uc->uc_mcontext.regs[30] = uc->uc_mcontext.pc;
    uc->uc_mcontext.sp &= ~(uint64_t)15;
    uc->uc_mcontext.pc = (uint64_t)(uintptr_t)helper;
#else
    (void)uc;
    (void)helper;
#endif
}

static void on_fault(int signo, siginfo_t *info, void *context) {
    uint64_t pc = faulting_pc(context);
    if (jitbook_image_method_at(pc) && jitbook_eh_active()) {
        if ((signo == SIGSEGV || signo == SIGBUS) && (uint64_t)(uintptr_t)info->si_addr < 0x10000) {
            redirect(context, jitbook_help_thrownullref);
            return;
        }
        if (signo == SIGFPE) {
            redirect(context, division_overflowed(context) ? jitbook_help_overflow : jitbook_help_throwdivzero);
            return;
        }
    }
    if (jitbook_image_method_at(pc)) {
        static const char nre[] = "Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.\n";
        static const char div[] = "Unhandled exception. System.DivideByZeroException: Attempted to divide by zero.\n";
        if ((signo == SIGSEGV || signo == SIGBUS) && (uint64_t)(uintptr_t)info->si_addr < 0x10000) {
            managed_exception(nre, sizeof nre - 1);
        }
        static const char ovf[] = "Unhandled exception. System.OverflowException: Arithmetic operation resulted in an overflow.\n";
        if (signo == SIGFPE) {
            if (division_overflowed(context)) managed_exception(ovf, sizeof ovf - 1);
            managed_exception(div, sizeof div - 1);
        }
    }
    jitbook_console_flush();
    char line[512];
    size_t n = 0;
    n = append(line, n, sizeof line, "fatal signal ");
    n = append(line, n, sizeof line, signal_name(signo));
    n = append(line, n, sizeof line, " at ");
    n = append_hex(line, n, sizeof line, pc);
    const jitbook_method_info *m = jitbook_image_method_at(pc);
    if (m && m->name) {
        n = append(line, n, sizeof line, " (");
        n = append(line, n, sizeof line, m->name);
        n = append(line, n, sizeof line, "+");
        n = append_hex(line, n, sizeof line, pc - m->start);
        n = append(line, n, sizeof line, ")");
    }
    n = append(line, n, sizeof line, "\n");
    ssize_t ignored = write(2, line, n);
    (void)ignored;
    _exit(128 + signo);
}

void jitbook_faults_install(void) {
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alt_stack;
    ss.ss_size = sizeof alt_stack;
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &sa, NULL);
}
