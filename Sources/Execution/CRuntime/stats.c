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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
