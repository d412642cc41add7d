/*
 * Allocation counters: how many objects the program allocated, and how many of them were
 * tasks (System.Threading.Tasks.Task and its subclasses) and continuations
 * (System.Runtime.CompilerServices.Continuation: the JIT's, through
 * CORINFO_HELP_ALLOC_CONTINUATION, and CoreLib's own). Seed 001 is about the tasks a chain
 * of Task-returning wrappers allocates; the counters make that a number a program can print
 * (the model CoreLib's Jitbook.RuntimeStats) and `jitbook run --stats` reports at exit.
 *
 * Every allocation site of the runtime calls jitbook_stats_count with the new object's method
 * table. A method table is classified once, by walking its parents' names, and remembered.
 *
 * The instruction counter (x64 only) single-steps the program between StartCountingInstructions
 * and StopCountingInstructions with the trap flag and counts the steps whose address lies in code
 * the JIT generated (a method of the image): the C runtime's own instructions depend on the C
 * compiler, the JIT's do not, so the count is the same on every machine. qemu-user has no way
 * for a guest to single-step itself, so on arm64 the counter reports -1.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "jitbook_runtime.h"

static int64_t objects, tasks, continuations;

enum { KIND_OTHER = 0, KIND_TASK = 1, KIND_CONTINUATION = 2 };

#define CACHE_SIZE 256
static const void *cached_mt[CACHE_SIZE];
static int cached_kind[CACHE_SIZE];
static int cached;

static int classify(const void *mt) {
    for (int i = 0; i < cached; i++) {
        if (cached_mt[i] == mt) return cached_kind[i];
    }
    int kind = KIND_OTHER;
    for (const void *t = mt; t; t = (const void *)(uintptr_t)jitbook_mt_u64(t, MT_PARENT)) {
        const char *name = (const char *)(uintptr_t)jitbook_mt_u64(t, MT_NAME);
        if (!name) break;
        if (strcmp(name, "System.Threading.Tasks.Task") == 0) { kind = KIND_TASK; break; }
        if (strcmp(name, "System.Runtime.CompilerServices.Continuation") == 0) { kind = KIND_CONTINUATION; break; }
    }
    if (cached < CACHE_SIZE) {
        cached_mt[cached] = mt;
        cached_kind[cached++] = kind;
    }
    return kind;
}

void jitbook_stats_count(const void *mt) {
    objects++;
    if (!mt) return;
    switch (classify(mt)) {
    case KIND_TASK: tasks++; break;
    case KIND_CONTINUATION: continuations++; break;
    default: break;
    }
}

int64_t jitbook_stats_objects(void) { return objects; }
int64_t jitbook_stats_tasks(void) { return tasks; }
int64_t jitbook_stats_continuations(void) { return continuations; }

static void report(void) {
    fprintf(stderr, "allocated: %lld objects, %lld tasks, %lld continuations\n",
            (long long)objects, (long long)tasks, (long long)continuations);
}

void jitbook_stats_report_at_exit(void) { atexit(report); }

#if defined(__x86_64__)
static volatile int64_t steps;
static struct sigaction before_counting;
static int counting;

static void on_step(int sig, siginfo_t *info, void *context) {
    if (info->si_code != TRAP_TRACE) {
        /* A trap of the program itself (int3): what the fault handler reports. */
        if (before_counting.sa_flags & SA_SIGINFO) before_counting.sa_sigaction(sig, info, context);
        return;
    }
    ucontext_t *uc = (ucontext_t *)context;
    if (jitbook_image_method_at((uint64_t)uc->uc_mcontext.gregs[REG_RIP])) steps++;
}

/* Sets (or clears) EFLAGS.TF; below the red zone, which the compiler may use in a leaf function. */
#define SET_TRAP_FLAG() __asm__ volatile("subq $128, %%rsp\n pushfq\n orq $0x100, (%%rsp)\n popfq\n addq $128, %%rsp" ::: "memory", "cc")
#define CLEAR_TRAP_FLAG() __asm__ volatile("subq $128, %%rsp\n pushfq\n andq $-257, (%%rsp)\n popfq\n addq $128, %%rsp" ::: "memory", "cc")

void jitbook_stats_start_counting(void) {
    if (counting) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_step;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTRAP, &sa, &before_counting);
    counting = 1;
    steps = 0;
    SET_TRAP_FLAG();
}

int64_t jitbook_stats_stop_counting(void) {
    if (!counting) return 0;
    CLEAR_TRAP_FLAG();
    counting = 0;
    sigaction(SIGTRAP, &before_counting, NULL);
    return steps;
}
#else
void jitbook_stats_start_counting(void) {}
int64_t jitbook_stats_stop_counting(void) { return -1; }
#endif
